"""`/api/v1/mfa-devices/`: the account's virtual MFA devices (created, then enabled per user)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.viewsets import IamViewSet

from ...filtersets import MfaDeviceFilterSet
from ...kinds import MFA_DEVICE
from ...models import MfaDevice
from ...operations.credentials import (
    CreateVirtualMFADevice,
    DeleteVirtualMFADevice,
    ListVirtualMFADevices,
)
from ...selectors import mfa_device_get_by_name, mfa_device_list
from ..serializers import MfaDeviceCreatedSerializer, MfaDeviceCreateSerializer, MfaDeviceSerializer
from ..tags import TagsMixin
from .credentials import SerialByName


@extend_schema_view(
    list=extend_schema(summary="List virtual MFA devices (ListVirtualMFADevices)"),
    create=extend_schema(
        summary="Create a virtual MFA device (CreateVirtualMFADevice)",
        description="Answers the TOTP seed and its otpauth:// URI once; enable the device for "
                    "a user with POST /users/{name}/mfa-devices/ and two consecutive codes.",
    ),
    destroy=extend_schema(summary="Delete a virtual MFA device (DeleteVirtualMFADevice)"),
)
class MfaDeviceViewSet(SerialByName, TagsMixin, IamViewSet):
    """Virtual MFA devices of the caller's account, addressed by name (case-insensitive)."""

    entity_type = "mfa"
    kind = MFA_DEVICE
    model = MfaDevice
    filterset_class = MfaDeviceFilterSet
    ordering_fields = ["name", "created_at"]

    def list_queryset(self):
        return mfa_device_list(account=self.account)

    def lookup_entity(self, name: str) -> MfaDevice:
        return mfa_device_get_by_name(account=self.account, name=name)

    @extend_schema(responses=MfaDeviceSerializer(many=True))
    def list(self, request: Request) -> Response:
        return self.filtered_page(MfaDeviceSerializer, self.run(ListVirtualMFADevices))

    @extend_schema(request=MfaDeviceCreateSerializer, responses={201: MfaDeviceCreatedSerializer})
    def create(self, request: Request) -> Response:
        data = self.input(MfaDeviceCreateSerializer)
        created = self.run(CreateVirtualMFADevice, virtual_mfa_device_name=data["name"],
                           path=data["path"], tags=data["tags"])
        body = {
            **self.represent(MfaDeviceSerializer, created.device),
            "base32_string_seed": created.seed,
            "provisioning_uri": created.provisioning_uri,
        }
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, name: str) -> Response:
        self.run(DeleteVirtualMFADevice, serial_number=self.serial_number(name))
        return Response(status=status.HTTP_204_NO_CONTENT)
