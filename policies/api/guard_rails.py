"""`/api/v1/guard-rails/`: the account's guard rails (saved expectations), and checking them.

A change that breaks a rail set to block answers 409 GuardRailViolation (`details` lists the
broken rails); one that breaks a rail set to warn succeeds, with the rails' names in the
`X-Guard-Rail-Warnings` header and the warning in its trail event.
"""

from __future__ import annotations

from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.serializers import OutputSerializer
from iamconsole.api.viewsets import IamViewSet

from ..models import GuardRail
from ..operations.guard_rails import (
    CheckGuardRails,
    CreateGuardRail,
    DeleteGuardRail,
    GetGuardRail,
    ListGuardRails,
    UpdateGuardRail,
)

_EXAMPLE = {
    "id": 7, "name": "alice-reads-reports", "description": "",
    "subject": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject",
    "resource": "arn:aws:s3:::reports/*", "context": {}, "expected": "allowed",
    "mode": "block", "created_by": "arn:aws:iam::111111111111:user/admin",
    "created_at": "2026-01-15T09:30:00Z", "last_status": "holds", "last_detail": "",
    "checked_at": "2026-01-15T09:30:00Z",
}
_CONTEXT = serializers.DictField(
    child=serializers.ListField(child=serializers.CharField(max_length=1024), min_length=1,
                                max_length=10),
    required=False,
    help_text="Condition key -> values (e.g. {\"aws:SourceIp\": [\"203.0.113.7\"]}); a key left "
              "out is absent from the request.")


@extend_schema_serializer(examples=[OpenApiExample("A rail", value=_EXAMPLE,
                                                   response_only=True)])
class GuardRailSerializer(OutputSerializer):
    """A guard rail with the outcome of its latest check."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    subject = serializers.CharField(help_text="A user's or role's ARN, or a group's (every "
                                              "member of it).")
    action = serializers.CharField()
    resource = serializers.CharField()
    context = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    expected = serializers.ChoiceField(choices=["allowed", "denied"])
    mode = serializers.ChoiceField(choices=["block", "warn"])
    created_by = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    last_status = serializers.ChoiceField(choices=["unknown", "holds", "broken"])
    last_detail = serializers.CharField(allow_blank=True)
    checked_at = serializers.DateTimeField(allow_null=True)


@extend_schema_serializer(examples=[OpenApiExample("alice reads reports", request_only=True, value={
    "name": "alice-reads-reports", "subject": "arn:aws:iam::111111111111:user/alice",
    "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/*", "expected": "allowed",
    "mode": "block"}), OpenApiExample("No developer creates users", request_only=True, value={
    "name": "devs-no-users", "subject": "arn:aws:iam::111111111111:group/Developers",
    "action": "iam:CreateUser", "expected": "denied", "mode": "warn"})])
class GuardRailCreateSerializer(serializers.Serializer):
    """A new guard rail (mode warn unless given)."""

    name = serializers.CharField(max_length=128)
    description = serializers.CharField(max_length=1000, required=False, default="",
                                        allow_blank=True)
    subject = serializers.CharField(max_length=2048)
    action = serializers.CharField(max_length=200)
    resource = serializers.CharField(max_length=2048, required=False, default="*")
    context = _CONTEXT
    expected = serializers.ChoiceField(choices=["allowed", "denied"])
    mode = serializers.ChoiceField(choices=["block", "warn"], required=False, default="warn")


@extend_schema_serializer(examples=[OpenApiExample("Switch to block", value={"mode": "block"},
                                                   request_only=True)])
class GuardRailUpdateSerializer(GuardRailCreateSerializer):
    """The fields to change (any of them)."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, partial=True, **kwargs)


@extend_schema_serializer(examples=[OpenApiExample("One broken", response_only=True, value={
    "checked": 2, "holds": 1, "broken": [{**_EXAMPLE, "last_status": "broken",
                                          "last_detail": "user/alice: implicitDeny"}]})])
class GuardRailCheckSerializer(serializers.Serializer):
    """The outcome of checking every rail now."""

    checked = serializers.IntegerField()
    holds = serializers.IntegerField()
    broken = GuardRailSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="List the guard rails (ListGuardRails)"),
    create=extend_schema(summary="Save a guard rail (CreateGuardRail)"),
    retrieve=extend_schema(summary="Get a guard rail (GetGuardRail)"),
    partial_update=extend_schema(summary="Change a guard rail (UpdateGuardRail)"),
    destroy=extend_schema(summary="Delete a guard rail (DeleteGuardRail)"),
)
class GuardRailViewSet(IamViewSet):
    """Guard rails, by ID: expectations every change that can alter a decision re-checks.

    Authorized as the simulator: iam:SimulatePrincipalPolicy on the rail's subject (on * to
    list or check them all)."""

    model = GuardRail
    lookup_field = "rail_id"
    lookup_value_regex = r"[A-Za-z0-9_-]{1,64}"  # an ID; anything else: NoSuchEntity
    ordering_fields = ["name", "created_at", "last_status"]
    filterset_class = None

    def list_queryset(self):
        return GuardRail.objects.none()

    @extend_schema(responses=GuardRailSerializer(many=True))
    def list(self, request: Request) -> Response:
        return self.page(self.run(ListGuardRails), GuardRailSerializer, ordering=("name", "pk"))

    @extend_schema(request=GuardRailCreateSerializer, responses={201: GuardRailSerializer})
    def create(self, request: Request) -> Response:
        data = self.input(GuardRailCreateSerializer)
        rail = self.run(CreateGuardRail, name=data["name"], description=data["description"],
                        subject=data["subject"], action_name=data["action"],
                        resource_arn=data["resource"], context_entries=data.get("context"),
                        expected=data["expected"], mode=data["mode"])
        return self.respond(GuardRailSerializer, rail, status=status.HTTP_201_CREATED)

    @extend_schema(responses=GuardRailSerializer)
    def retrieve(self, request: Request, rail_id: str) -> Response:
        return self.respond(GuardRailSerializer, self.run(GetGuardRail, rail_id=rail_id))

    @extend_schema(request=GuardRailUpdateSerializer, responses=GuardRailSerializer)
    def partial_update(self, request: Request, rail_id: str) -> Response:
        data = self.input(GuardRailUpdateSerializer)
        rail = self.run(UpdateGuardRail, rail_id=rail_id, changes=dict(data))
        return self.respond(GuardRailSerializer, rail)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, rail_id: str) -> Response:
        self.run(DeleteGuardRail, rail_id=rail_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=GuardRailCheckSerializer,
                   summary="Check every guard rail now (CheckGuardRails)")
    @action(detail=False, methods=["post"], url_path="check")
    def check(self, request: Request) -> Response:
        outcomes = self.run(CheckGuardRails)
        broken = [o.rail for o in outcomes if not o.holds]
        return Response({"checked": len(outcomes), "holds": len(outcomes) - len(broken),
                         "broken": self.represent_many(GuardRailSerializer, broken)})
