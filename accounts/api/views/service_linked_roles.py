"""`/api/v1/service-linked-roles/`: roles AWS services create for themselves; created for a
service, deleted by a deletion task whose status one reads."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.viewsets import IamApiView

from ...operations.service_linked_roles import (
    CreateServiceLinkedRole,
    DeleteServiceLinkedRole,
    GetServiceLinkedRoleDeletionStatus,
)
from ..serializers import (
    DeletionTaskSerializer,
    RoleSerializer,
    ServiceLinkedRoleCreateSerializer,
)

# A deletion task ID holds slashes: the route takes it whole, slashes and all (%2F too).
TASK_ID_REGEX = r".+?"
_TASK_ID = OpenApiParameter(
    "deletion_task_id", str, OpenApiParameter.PATH,
    pattern=r"^task/aws-service-role/[A-Za-z0-9.-]+/[A-Za-z0-9_+=,.@-]{1,64}/[0-9a-f-]{36}$",
    description="The deletion task ID DeleteServiceLinkedRole answered, as it is: "
                "task/aws-service-role/<service>/<role name>/<ID> (its slashes unescaped or "
                "as %2F).",
)


class ServiceLinkedRolesView(IamApiView):
    """Create a service-linked role for an AWS service."""

    @extend_schema(request=ServiceLinkedRoleCreateSerializer, responses={201: RoleSerializer},
                   summary="Create the role an AWS service uses (CreateServiceLinkedRole)",
                   description="The role is AWSServiceRoleFor<Service>[_<suffix>] in "
                               "/aws-service-role/<service>/, trusted by that service only.")
    def post(self, request: Request) -> Response:
        data = self.input(ServiceLinkedRoleCreateSerializer)
        role = self.run(CreateServiceLinkedRole, **data)
        return Response(self.represent(RoleSerializer, role), status=status.HTTP_201_CREATED)


class ServiceLinkedRoleView(IamApiView):
    """Delete a service-linked role: answers its deletion task."""

    entity_type = "role"

    @extend_schema(
        request=None, responses={202: DeletionTaskSerializer},
        summary="Delete a service-linked role (DeleteServiceLinkedRole)",
        description="Answers the deletion task (202): read its status at "
                    "deletion-status/{deletion_task_id}/. The service takes the role out of "
                    "its instance profiles and drops its policies. A role that is not "
                    "service-linked is InvalidInput (delete it at DELETE /roles/{name}/).",
    )
    def delete(self, request: Request, name: str) -> Response:
        task = self.run(DeleteServiceLinkedRole, role_name=name)
        return Response(self.represent(DeletionTaskSerializer, task),
                        status=status.HTTP_202_ACCEPTED)


class DeletionStatusView(IamApiView):
    """The status of a deletion task of a service-linked role."""

    @extend_schema(parameters=[_TASK_ID], responses=DeletionTaskSerializer,
                   summary="Get the status of a service-linked role's deletion "
                           "(GetServiceLinkedRoleDeletionStatus)")
    def get(self, request: Request, deletion_task_id: str) -> Response:
        task = self.run(GetServiceLinkedRoleDeletionStatus, deletion_task_id=deletion_task_id)
        return Response(self.represent(DeletionTaskSerializer, task))
