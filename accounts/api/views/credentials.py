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

from ...models import AccessKey, IamUser, MfaDevice
from ...selectors import (
    access_key_get,
    access_key_list,
    login_profile_get,
    mfa_device_get_by_name,
    mfa_device_list,
)
from ...services import (
    access_key_create,
    access_key_delete,
    access_key_update_status,
    login_profile_create,
    login_profile_delete,
    login_profile_update,
    mfa_device_deactivate,
    mfa_device_enable,
)
from ..serializers import (
    AccessKeyCreatedSerializer,
    AccessKeySerializer,
    AccessKeyUpdateSerializer,
    LoginProfileCreateSerializer,
    LoginProfileSerializer,
    LoginProfileUpdateSerializer,
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


class UserCredentialsMixin:
    """`users/{name}/access-keys/`, `users/{name}/login-profile/`, `users/{name}/mfa-devices/`."""

    credential_actions = {
        "access_keys": "iam:ListAccessKeys",
        "create_access_key": "iam:CreateAccessKey",
        "access_key": "iam:GetAccessKeyLastUsed",
        "update_access_key": "iam:UpdateAccessKey",
        "delete_access_key": "iam:DeleteAccessKey",
        "login_profile": "iam:GetLoginProfile",
        "create_login_profile": "iam:CreateLoginProfile",
        "update_login_profile": "iam:UpdateLoginProfile",
        "delete_login_profile": "iam:DeleteLoginProfile",
        "mfa_devices": "iam:ListMFADevices",
        "enable_mfa_device": "iam:EnableMFADevice",
        "deactivate_mfa_device": "iam:DeactivateMFADevice",
    }

    def _user_key(self, user: IamUser, access_key_id: str) -> AccessKey:
        key = access_key_get(access_key_id=access_key_id, account=self.account)
        if key.user_id != user.pk:
            raise NoSuchEntity(f"The Access Key with id {access_key_id} cannot be found.",
                               field="access_key_id")
        return key

    # --- access keys ---------------------------------------------------------------------

    @extend_schema(responses=AccessKeySerializer(many=True),
                   summary="List the user's access keys (ListAccessKeys)")
    @action(detail=True, methods=["get"], url_path="access-keys")
    def access_keys(self, request: Request, name: str) -> Response:
        user = self.entity()
        keys = access_key_list(user=user).select_related("user")
        return self.page(keys, AccessKeySerializer, ordering=("created_at", "pk"))

    @extend_schema(request=None, responses={201: AccessKeyCreatedSerializer},
                   summary="Create an access key (CreateAccessKey); the secret is shown once")
    @access_keys.mapping.post
    def create_access_key(self, request: Request, name: str) -> Response:
        created = access_key_create(user=self.entity())
        return Response(self.represent(AccessKeyCreatedSerializer, created),
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_KEY_ID, ETAG], responses=AccessKeySerializer,
                   summary="Get an access key and its last use (GetAccessKeyLastUsed)")
    @action(detail=True, methods=["get"], url_path=f"access-keys/(?P<access_key_id>{KEY_ID_REGEX})")
    def access_key(self, request: Request, name: str, access_key_id: str) -> Response:
        user = self.entity()
        return self.respond(AccessKeySerializer, self._user_key(user, access_key_id))

    @extend_schema(parameters=[_KEY_ID, ETAG], request=AccessKeyUpdateSerializer,
                   responses=AccessKeySerializer,
                   summary="Activate or deactivate an access key (UpdateAccessKey)")
    @access_key.mapping.patch
    def update_access_key(self, request: Request, name: str, access_key_id: str) -> Response:
        data = self.input(AccessKeyUpdateSerializer)
        key = self._user_key(self.entity(), access_key_id)
        key = access_key_update_status(access_key=key, status=data["status"])
        return self.respond(AccessKeySerializer, key)

    @extend_schema(parameters=[_KEY_ID], responses={204: None},
                   summary="Delete an access key (DeleteAccessKey)")
    @access_key.mapping.delete
    def delete_access_key(self, request: Request, name: str, access_key_id: str) -> Response:
        access_key_delete(access_key=self._user_key(self.entity(), access_key_id))
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- console password ----------------------------------------------------------------

    @extend_schema(responses=LoginProfileSerializer, parameters=[ETAG],
                   summary="Get the console password settings (GetLoginProfile)")
    @action(detail=True, methods=["get"], url_path="login-profile")
    def login_profile(self, request: Request, name: str) -> Response:
        return self.respond(LoginProfileSerializer, login_profile_get(self.entity()))

    @extend_schema(request=LoginProfileCreateSerializer,
                   responses={201: LoginProfileSerializer}, parameters=[ETAG],
                   summary="Give the user a console password (CreateLoginProfile)")
    @login_profile.mapping.post
    def create_login_profile(self, request: Request, name: str) -> Response:
        data = self.input(LoginProfileCreateSerializer)
        profile = login_profile_create(user=self.entity(), **data)
        return self.respond(LoginProfileSerializer, profile, status=status.HTTP_201_CREATED)

    @extend_schema(request=LoginProfileUpdateSerializer, responses=LoginProfileSerializer,
                   parameters=[ETAG],
                   summary="Reset the console password or its must-reset flag "
                           "(UpdateLoginProfile)")
    @login_profile.mapping.patch
    def update_login_profile(self, request: Request, name: str) -> Response:
        data = self.input(LoginProfileUpdateSerializer)
        profile = login_profile_update(user=self.entity(), **data)
        return self.respond(LoginProfileSerializer, profile)

    @extend_schema(responses={204: None},
                   summary="Remove the console password (DeleteLoginProfile)")
    @login_profile.mapping.delete
    def delete_login_profile(self, request: Request, name: str) -> Response:
        login_profile_delete(user=self.entity())
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- MFA devices ---------------------------------------------------------------------

    @extend_schema(responses=MfaDeviceSerializer(many=True),
                   summary="List the user's MFA devices (ListMFADevices)")
    @action(detail=True, methods=["get"], url_path="mfa-devices")
    def mfa_devices(self, request: Request, name: str) -> Response:
        devices = mfa_device_list(account=self.account, user=self.entity())
        return self.page(devices, MfaDeviceSerializer, ordering=("name", "pk"))

    @extend_schema(request=MfaEnableSerializer, responses=MfaDeviceSerializer,
                   summary="Enable a virtual MFA device for the user with two consecutive "
                           "codes (EnableMFADevice)")
    @mfa_devices.mapping.post
    def enable_mfa_device(self, request: Request, name: str) -> Response:
        data = self.input(MfaEnableSerializer)
        user = self.entity()
        device = mfa_device_get_by_name(account=self.account, name=data["device_name"])
        device = mfa_device_enable(
            device=device, user=user,
            authentication_code_1=data["authentication_code_1"],
            authentication_code_2=data["authentication_code_2"],
        )
        return Response(self.represent(MfaDeviceSerializer, device))

    @extend_schema(parameters=[_DEVICE], responses={204: None},
                   summary="Deactivate one of the user's MFA devices (DeactivateMFADevice)")
    @action(detail=True, methods=["delete"],
            url_path=f"mfa-devices/(?P<device_name>{NAME_REGEX})")
    def deactivate_mfa_device(self, request: Request, name: str, device_name: str) -> Response:
        user = self.entity()
        device: MfaDevice = mfa_device_get_by_name(account=self.account, name=device_name)
        if device.user_id != user.pk:
            raise NoSuchEntity(f"MFA device {device_name} is not enabled for user {user.name}.",
                               field="device_name")
        mfa_device_deactivate(device=device)
        return Response(status=status.HTTP_204_NO_CONTENT)
