"""`/api/v1/policies/`: managed policies (AWS-managed and the account's own) and their versions."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api.tags import TagsMixin
from accounts.api.views.common import WITH_DEPENDENTS
from iamconsole.api.schema import ETAG, IF_MATCH
from iamconsole.api.viewsets import NAME_REGEX, IamViewSet

from ..filtersets import ManagedPolicyFilterSet
from ..kinds import POLICY
from ..models import ManagedPolicy
from ..operations.managed import (
    CreatePolicy,
    DeletePolicy,
    GetPolicy,
    ListEntitiesForPolicy,
    ListPolicies,
)
from ..operations.versions import (
    CreatePolicyVersion,
    DeletePolicyVersion,
    GetPolicyVersion,
    ListPolicyVersions,
    SetDefaultPolicyVersion,
)
from ..selectors import policy_get_by_id, policy_get_with_usage, policy_list
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
    def list_queryset(self):
        return policy_list(account=self.account)

    def lookup_entity(self, name: str) -> ManagedPolicy:
        policy = policy_get_by_id(account=self.account, policy_id=name)
        # The request's reads of the policy (GetPolicy, ListPolicyVersions...) find it here.
        self.caller.found[(POLICY.key, policy.arn.lower())] = policy
        return policy

    @extend_schema(responses=PolicySerializer(many=True))
    def list(self, request: Request) -> Response:
        policies = self.run(ListPolicies, scope=request.query_params.get("scope") or "All",
                            only_attached=self.query_flag("only_attached"),
                            path_prefix=request.query_params.get("path_prefix") or None)
        return self.filtered_page(PolicySerializer, policies)

    @extend_schema(request=PolicyCreateSerializer, responses={201: PolicySerializer},
                   parameters=[ETAG])
    def create(self, request: Request) -> Response:
        data = self.input(PolicyCreateSerializer)
        policy = self.run(CreatePolicy, policy_name=data["name"], path=data["path"],
                          description=data["description"], tags=data["tags"],
                          policy_document=data["policy_document"])
        return self.respond(PolicySerializer, policy, status=status.HTTP_201_CREATED)

    @extend_schema(responses=PolicySerializer, parameters=[ETAG])
    def retrieve(self, request: Request, policy_id: str) -> Response:
        return self.respond(PolicySerializer, self.run(GetPolicy, **self.tagged()))

    @extend_schema(
        request=PolicyUpdateSerializer, responses=PolicySerializer, parameters=[IF_MATCH, ETAG],
        summary="Make a version the default (SetDefaultPolicyVersion)",
        description="With If-Match, the default changes only if the policy still has that "
                    "ETag (412 PreconditionFailed when a version was added or made default "
                    "meanwhile).",
    )
    def partial_update(self, request: Request, policy_id: str) -> Response:
        data = self.input(PolicyUpdateSerializer)
        change = SetDefaultPolicyVersion(caller=self.caller, **self.tagged(),
                                         version_id=data["default_version_id"])
        self.run_if_match(change, PolicySerializer, current=self.with_usage)
        return self.respond(PolicySerializer, self.with_usage(change.entity))

    def with_usage(self, policy: ManagedPolicy) -> ManagedPolicy:
        """The policy as GetPolicy answers it (usage counts, default version), now."""
        return policy_get_with_usage(account=self.account, arn=policy.arn)

    @extend_schema(parameters=[WITH_DEPENDENTS], responses={204: None})
    def destroy(self, request: Request, policy_id: str) -> Response:
        self.run(DeletePolicy, **self.tagged(),
                 with_dependents=self.query_flag("with_dependents"))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=PolicyVersionSerializer(many=True),
                   summary="List the versions (ListPolicyVersions)")
    @action(detail=True, methods=["get"], url_path="versions")
    def versions(self, request: Request, policy_id: str) -> Response:
        versions = self.run(ListPolicyVersions, **self.tagged())
        return self.page(versions, PolicyVersionSerializer, ordering=("-number", "-pk"))

    @extend_schema(request=PolicyVersionCreateSerializer,
                   responses={201: PolicyVersionSerializer}, parameters=[ETAG],
                   summary="Add a version (CreatePolicyVersion)")
    @versions.mapping.post
    def create_version(self, request: Request, policy_id: str) -> Response:
        data = self.input(PolicyVersionCreateSerializer)
        version = self.run(CreatePolicyVersion, **self.tagged(),
                           policy_document=data["policy_document"],
                           set_as_default=data["set_as_default"])
        return self.respond(PolicyVersionSerializer, version, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[_VERSION_ID, ETAG], responses=PolicyVersionSerializer,
                   summary="Get a version (GetPolicyVersion)")
    @action(detail=True, methods=["get"], url_path=f"versions/(?P<version_id>{NAME_REGEX})")
    def version(self, request: Request, policy_id: str, version_id: str) -> Response:
        version = self.run(GetPolicyVersion, **self.tagged(),
                           version_id=version_id)
        return self.respond(PolicyVersionSerializer, version)

    @extend_schema(parameters=[_VERSION_ID], responses={204: None},
                   summary="Delete a non-default version (DeletePolicyVersion)")
    @version.mapping.delete
    def delete_version(self, request: Request, policy_id: str, version_id: str) -> Response:
        self.run(DeletePolicyVersion, **self.tagged(),
                 version_id=version_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=PolicyEntitiesSerializer,
                   summary="Who uses the policy in this account (ListEntitiesForPolicy)")
    @action(detail=True, methods=["get"], url_path="entities")
    def entities(self, request: Request, policy_id: str) -> Response:
        used = self.run(ListEntitiesForPolicy, **self.tagged())
        return Response(self.represent(PolicyEntitiesSerializer, used))
