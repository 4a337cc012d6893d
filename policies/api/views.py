"""`/api/v1/policies/`: managed policies (AWS-managed and the account's own) and their versions."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api.tags import TagsMixin
from accounts.api.views.common import WITH_DEPENDENTS
from iamconsole.api.schema import ETAG, IF_MATCH
from iamconsole.api.viewsets import NAME_REGEX, IamViewSet
from iamconsole.services import lock
from iamconsole.validators import validate_name, validate_path

from ..authorization import policy_removal_operations
from ..filtersets import ManagedPolicyFilterSet
from ..kinds import POLICY
from ..models import ManagedPolicy
from ..selectors import (
    policy_entities,
    policy_get_by_id,
    policy_list,
    policy_version_get,
    policy_version_list,
)
from ..services import (
    policy_create,
    policy_delete,
    policy_delete_with_dependents,
    policy_version_create,
    policy_version_delete,
    policy_version_set_default,
)
from .relations import POLICY_ID_REGEX
from .serializers import (
    PolicyCreateSerializer,
    PolicyEntitiesSerializer,
    PolicySerializer,
    PolicyUpdateSerializer,
    PolicyVersionCreateSerializer,
    PolicyVersionSerializer,
)

_VERSION_ID = OpenApiParameter(
    "version_id", str, OpenApiParameter.PATH, pattern=r"^v[0-9]{1,9}$",
    description="The version ID (v1, v2...).",
)


@extend_schema_view(
    list=extend_schema(summary="List managed policies (ListPolicies)"),
    create=extend_schema(summary="Create a customer-managed policy (CreatePolicy)"),
    retrieve=extend_schema(summary="Get a policy (GetPolicy)"),
    destroy=extend_schema(summary="Delete a customer-managed policy (DeletePolicy)"),
)
class PolicyViewSet(TagsMixin, IamViewSet):
    """Managed policies, addressed by their unique policy ID (`ANPA...`).

    IDs are used rather than ARNs because ARNs hold slashes; find a policy's ID by ARN with
    `GET /api/v1/policies/?arn=<ARN>`. AWS-managed policies have the same ID everywhere.
    """

    entity_type = "policy"
    kind = POLICY
    model = ManagedPolicy
    lookup_field = "policy_id"
    lookup_value_regex = POLICY_ID_REGEX
    filterset_class = ManagedPolicyFilterSet
    ordering_fields = ["name", "path", "created_at", "updated_at"]
    iam_actions = {
        "list": "iam:ListPolicies",
        "create": "iam:CreatePolicy",
        "retrieve": "iam:GetPolicy",
        "partial_update": "iam:SetDefaultPolicyVersion",
        "destroy": "iam:DeletePolicy",
        "versions": "iam:ListPolicyVersions",
        "create_version": "iam:CreatePolicyVersion",
        "version": "iam:GetPolicyVersion",
        "delete_version": "iam:DeletePolicyVersion",
        "entities": "iam:ListEntitiesForPolicy",
    }

    def list_queryset(self):
        return policy_list(account=self.account)

    def lookup_entity(self, name: str) -> ManagedPolicy:
        return policy_get_by_id(account=self.account, policy_id=name)

    @extend_schema(responses=PolicySerializer(many=True))
    def list(self, request: Request) -> Response:
        self.authorize()
        return self.filtered_page(PolicySerializer)

    @extend_schema(request=PolicyCreateSerializer, responses={201: PolicySerializer},
                   parameters=[ETAG])
    def create(self, request: Request) -> Response:
        data = self.input(PolicyCreateSerializer)
        validate_name(data["name"], "policy")
        validate_path(data["path"], policy=True)
        self.authorize_create(self.arn("policy", data["path"], data["name"]), data["tags"])
        policy = policy_create(account=self.account, **data)
        return self.respond(PolicySerializer, self.lookup_entity(policy.unique_id),
                           status=status.HTTP_201_CREATED)

    @extend_schema(responses=PolicySerializer, parameters=[ETAG])
    def retrieve(self, request: Request, policy_id: str) -> Response:
        return self.respond(PolicySerializer, self.entity())

    @extend_schema(
        request=PolicyUpdateSerializer, responses=PolicySerializer, parameters=[IF_MATCH, ETAG],
        summary="Make a version the default (SetDefaultPolicyVersion)",
        description="With If-Match, the default changes only if the policy still has that "
                    "ETag (412 PreconditionFailed when a version was added or made default "
                    "meanwhile).",
    )
    def partial_update(self, request: Request, policy_id: str) -> Response:
        data = self.input(PolicyUpdateSerializer)
        policy = self.entity()
        with transaction.atomic():
            # Customer policies are locked so the ETag check and the change go together.
            if not policy.is_aws_managed:
                lock(policy)
            self.check_if_match(PolicySerializer, self.lookup_entity(policy_id))
            policy_version_set_default(policy=policy, version_id=data["default_version_id"])
        return self.respond(PolicySerializer, self.lookup_entity(policy_id))

    @extend_schema(parameters=[WITH_DEPENDENTS], responses={204: None})
    def destroy(self, request: Request, policy_id: str) -> Response:
        policy = self.entity()
        if self.query_flag("with_dependents") and not policy.is_aws_managed:
            self._authorize_dependents(policy)
            policy_delete_with_dependents(policy=policy)
        else:
            policy_delete(policy=policy)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _authorize_dependents(self, policy: ManagedPolicy) -> None:
        """Deleting with dependents detaches the policy everywhere and drops its versions."""
        self.authorize(policy.arn, actions="iam:DeletePolicyVersion")
        used = policy_entities(policy=policy, account=self.account)
        for operation in policy_removal_operations(policy, used):
            self.authorize(operation.resource, actions=operation.action,
                           context=operation.context)

    @extend_schema(responses=PolicyVersionSerializer(many=True),
                   summary="List the versions (ListPolicyVersions)")
    @action(detail=True, methods=["get"], url_path="versions")
    def versions(self, request: Request, policy_id: str) -> Response:
        policy = self.entity()
        return self.page(policy_version_list(policy), PolicyVersionSerializer,
                         ordering=("-number", "-pk"))

    @extend_schema(request=PolicyVersionCreateSerializer,
                   responses={201: PolicyVersionSerializer}, parameters=[ETAG],
                   summary="Add a version (CreatePolicyVersion)")
    @versions.mapping.post
    def create_version(self, request: Request, policy_id: str) -> Response:
        data = self.input(PolicyVersionCreateSerializer)
        version = policy_version_create(policy=self.entity(), **data)
        return self.respond(PolicyVersionSerializer, version, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_VERSION_ID, ETAG], responses=PolicyVersionSerializer,
                   summary="Get a version (GetPolicyVersion)")
    @action(detail=True, methods=["get"], url_path=f"versions/(?P<version_id>{NAME_REGEX})")
    def version(self, request: Request, policy_id: str, version_id: str) -> Response:
        policy = self.entity()
        return self.respond(PolicyVersionSerializer,
                           policy_version_get(policy=policy, version_id=version_id))

    @extend_schema(parameters=[_VERSION_ID], responses={204: None},
                   summary="Delete a non-default version (DeletePolicyVersion)")
    @version.mapping.delete
    def delete_version(self, request: Request, policy_id: str, version_id: str) -> Response:
        policy_version_delete(policy=self.entity(), version_id=version_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=PolicyEntitiesSerializer,
                   summary="Who uses the policy in this account (ListEntitiesForPolicy)")
    @action(detail=True, methods=["get"], url_path="entities")
    def entities(self, request: Request, policy_id: str) -> Response:
        used = policy_entities(policy=self.entity(), account=self.account)
        return Response(self.represent(PolicyEntitiesSerializer, used))
