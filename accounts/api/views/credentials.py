"""A user's credentials: access keys, console password (login profile), MFA devices."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG, ID_PATTERN, NAME_PATTERN
from iamconsole.api.viewsets import NAME_REGEX
from iamconsole.exceptions import NoSuchEntity
from iamconsole.identifiers import iam_arn

from ...operations.credentials import (
    CreateAccessKey,
    CreateLoginProfile,
    DeactivateMFADevice,
    DeleteAccessKey,
    DeleteLoginProfile,
    EnableMFADevice,
    GetAccessKeyLastUsed,
    GetLoginProfile,
    GetMFADevice,
    ListAccessKeys,
    ListMFADevices,
    ResyncMFADevice,
    UpdateAccessKey,
    UpdateLoginProfile,
)
from ...selectors import mfa_device_get_by_name
from ..serializers import (
    AccessKeyCreatedSerializer,
    AccessKeySerializer,
    AccessKeyUpdateSerializer,
    LoginProfileCreateSerializer,
    LoginProfileSerializer,
    LoginProfileUpdateSerializer,
    MfaCodesSerializer,
    MfaDeviceSerializer,
    MfaEnableSerializer,
)

KEY_ID_REGEX = NAME_REGEX  # unknown IDs are NoSuchEntity
_KEY_ID = OpenApiParameter(
    "access_key_id", str, OpenApiParameter.PATH, pattern=ID_PATTERN,
    description="The access key ID (AKIA...).",
)
_DEVICE = OpenApiParameter(
    "device_name", str, OpenApiParameter.PATH, pattern=NAME_PATTERN,
    description="The virtual MFA device's name.",
)


class SerialByName:
    """Virtual MFA devices are addressed by name in the API and by serial number (their ARN)
    in AWS's operations."""

    def serial_number(self, device_name: str) -> str:
        """The serial number of the named device; for a missing one, the one its name implies
        (the operation then authorizes before answering NoSuchEntity)."""
        try:
            return mfa_device_get_by_name(account=self.account, name=device_name).serial_number
        except NoSuchEntity:
            return iam_arn(self.principal.account_id, "mfa", "/", device_name)


class UserCredentialsMixin(SerialByName):
    """`users/{name}/access-keys/`, `users/{name}/login-profile/`, `users/{name}/mfa-devices/`."""

    # --- access keys ---------------------------------------------------------------------

    @extend_schema(responses=AccessKeySerializer(many=True),
                   summary="List the user's access keys (ListAccessKeys)")
    @action(detail=True, methods=["get"], url_path="access-keys")
    def access_keys(self, request: Request, name: str) -> Response:
        keys = self.run(ListAccessKeys, user_name=name).select_related("user")
        return self.page(keys, AccessKeySerializer, ordering=("created_at", "pk"))

    @extend_schema(request=None, responses={201: AccessKeyCreatedSerializer},
                   summary="Create an access key (CreateAccessKey); the secret is shown once")
    @access_keys.mapping.post
    def create_access_key(self, request: Request, name: str) -> Response:
        created = self.run(CreateAccessKey, user_name=name)
        return Response(self.represent(AccessKeyCreatedSerializer, created),
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_KEY_ID, ETAG], responses=AccessKeySerializer,
                   summary="Get an access key and its last use (GetAccessKeyLastUsed)")
    @action(detail=True, methods=["get"], url_path=f"access-keys/(?P<access_key_id>{KEY_ID_REGEX})")
    def access_key(self, request: Request, name: str, access_key_id: str) -> Response:
        key = self.run(GetAccessKeyLastUsed, access_key_id=access_key_id)
        if key.user is None or key.user.name.lower() != name.lower():
            raise NoSuchEntity(f"The Access Key with id {access_key_id} cannot be found.",
                               field="access_key_id")
        return self.respond(AccessKeySerializer, key)

    @extend_schema(parameters=[_KEY_ID, ETAG], request=AccessKeyUpdateSerializer,
                   responses=AccessKeySerializer,
                   summary="Activate or deactivate an access key (UpdateAccessKey)")
    @access_key.mapping.patch
    def update_access_key(self, request: Request, name: str, access_key_id: str) -> Response:
        data = self.input(AccessKeyUpdateSerializer)
        key = self.run(UpdateAccessKey, user_name=name, access_key_id=access_key_id,
                       status=data["status"])
        return self.respond(AccessKeySerializer, key)

    @extend_schema(parameters=[_KEY_ID], responses={204: None},
                   summary="Delete an access key (DeleteAccessKey)")
    @access_key.mapping.delete
    def delete_access_key(self, request: Request, name: str, access_key_id: str) -> Response:
        self.run(DeleteAccessKey, user_name=name, access_key_id=access_key_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- console password ----------------------------------------------------------------

    @extend_schema(responses=LoginProfileSerializer, parameters=[ETAG],
                   summary="Get the console password settings (GetLoginProfile)")
    @action(detail=True, methods=["get"], url_path="login-profile")
    def login_profile(self, request: Request, name: str) -> Response:
        return self.respond(LoginProfileSerializer, self.run(GetLoginProfile, user_name=name))

    @extend_schema(request=LoginProfileCreateSerializer,
                   responses={201: LoginProfileSerializer}, parameters=[ETAG],
                   summary="Give the user a console password (CreateLoginProfile)")
    @login_profile.mapping.post
    def create_login_profile(self, request: Request, name: str) -> Response:
        data = self.input(LoginProfileCreateSerializer)
        profile = self.run(CreateLoginProfile, user_name=name, **data)
        return self.respond(LoginProfileSerializer, profile, status=status.HTTP_201_CREATED)

    @extend_schema(request=LoginProfileUpdateSerializer, responses=LoginProfileSerializer,
                   parameters=[ETAG],
                   summary="Reset the console password or its must-reset flag "
                           "(UpdateLoginProfile)")
    @login_profile.mapping.patch
    def update_login_profile(self, request: Request, name: str) -> Response:
        data = self.input(LoginProfileUpdateSerializer)
        return self.respond(LoginProfileSerializer,
                            self.run(UpdateLoginProfile, user_name=name, **data))

    @extend_schema(responses={204: None},
                   summary="Remove the console password (DeleteLoginProfile)")
    @login_profile.mapping.delete
    def delete_login_profile(self, request: Request, name: str) -> Response:
        self.run(DeleteLoginProfile, user_name=name)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- MFA devices ---------------------------------------------------------------------

    @extend_schema(responses=MfaDeviceSerializer(many=True),
                   summary="List the user's MFA devices (ListMFADevices)")
    @action(detail=True, methods=["get"], url_path="mfa-devices")
    def mfa_devices(self, request: Request, name: str) -> Response:
        devices = self.run(ListMFADevices, user_name=name)
        return self.page(devices, MfaDeviceSerializer, ordering=("name", "pk"))

    @extend_schema(request=MfaEnableSerializer, responses=MfaDeviceSerializer,
                   summary="Enable a virtual MFA device for the user with two consecutive "
                           "codes (EnableMFADevice)")
    @mfa_devices.mapping.post
    def enable_mfa_device(self, request: Request, name: str) -> Response:
        data = self.input(MfaEnableSerializer)
        device = self.run(EnableMFADevice, user_name=name,
                          serial_number=self.serial_number(data["device_name"]),
                          authentication_code_1=data["authentication_code_1"],
                          authentication_code_2=data["authentication_code_2"])
        return Response(self.represent(MfaDeviceSerializer, device))

    @extend_schema(parameters=[_DEVICE], responses=MfaDeviceSerializer,
                   summary="Get one of the user's MFA devices (GetMFADevice)")
    @action(detail=True, methods=["get"],
            url_path=f"mfa-devices/(?P<device_name>{NAME_REGEX})")
    def mfa_device(self, request: Request, name: str, device_name: str) -> Response:
        device = self.run(GetMFADevice, user_name=name,
                          serial_number=self.serial_number(device_name))
        return Response(self.represent(MfaDeviceSerializer, device))

    @extend_schema(parameters=[_DEVICE], responses={204: None},
                   summary="Deactivate one of the user's MFA devices (DeactivateMFADevice)")
    @mfa_device.mapping.delete
    def deactivate_mfa_device(self, request: Request, name: str, device_name: str) -> Response:
        self.run(DeactivateMFADevice, user_name=name,
                 serial_number=self.serial_number(device_name))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(parameters=[_DEVICE], request=MfaCodesSerializer,
                   responses=MfaDeviceSerializer,
                   summary="Resynchronize one of the user's MFA devices with two consecutive "
                           "codes (ResyncMFADevice)")
    @action(detail=True, methods=["post"],
            url_path=f"mfa-devices/(?P<device_name>{NAME_REGEX})/resync")
    def resync_mfa_device(self, request: Request, name: str, device_name: str) -> Response:
        data = self.input(MfaCodesSerializer)
        device = self.run(ResyncMFADevice, user_name=name,
                          serial_number=self.serial_number(device_name), **data)
        return Response(self.represent(MfaDeviceSerializer, device))
