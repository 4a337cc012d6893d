"""`/api/v1/organizations/`: the organization, its root and policy types, its OUs and the
navigation of the tree (parents and children).

Each handler names one Organizations operation; the operations' outputs are AWS's response
shapes, which the serializers turn into the API's snake_case. Lists come whole from the
operations and are paged here with ?limit= and ?marker=, as every list of the API.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.pagination import ListPagination
from iamconsole.api.schema import IamAutoSchema
from iamconsole.api.viewsets import IamApiView

from ...operations.organization_accounts import ListAccountsForParent
from ...operations.organization_policies import DisablePolicyType, EnablePolicyType
from ...operations.organizations import (
    CreateOrganization,
    CreateOrganizationalUnit,
    DeleteOrganization,
    DeleteOrganizationalUnit,
    DescribeOrganization,
    DescribeOrganizationalUnit,
    ListChildren,
    ListOrganizationalUnitsForParent,
    ListParents,
    ListRoots,
    UpdateOrganizationalUnit,
)
from ..serializers.organizations import (
    POLICY_TYPES,
    OrganizationAccountSerializer,
    OrganizationalUnitCreateSerializer,
    OrganizationalUnitSerializer,
    OrganizationalUnitUpdateSerializer,
    OrganizationCreateSerializer,
    OrganizationSerializer,
    RelativeSerializer,
    RootSerializer,
    aws_tags,
)

# What a path segment holding an Organizations ID may be (r-..., ou-..., p-..., h-...,
# car-..., or a 12-digit account); the operations answer AWS's not-found errors.
ID_REGEX = r"[A-Za-z0-9_-]+"
ID_PATTERN = r"^[A-Za-z0-9_-]{1,130}$"


def enum_parameter(name: str, values: tuple[str, ...], description: str, *,
                   required: bool = True) -> OpenApiParameter:
    """A query parameter taking one of `values` (the first is the example)."""
    return OpenApiParameter(name, str, OpenApiParameter.QUERY, required=required,
                            enum=list(values), description=description,
                            examples=[OpenApiExample(values[0], value=values[0])])


POLICY_FILTER = enum_parameter("filter", POLICY_TYPES, "The policy type to list.")


class OrganizationsSchema(IamAutoSchema):
    """Every Organizations endpoint may answer 404 (AWSOrganizationsNotInUseException when
    the caller's account is in no organization) and 409 (a rule of the organization)."""

    def _resolve_path_parameters(self, variables: Any) -> list[dict[str, Any]]:
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            parameter["schema"]["pattern"] = ID_PATTERN
            if parameter["name"] == "policy_type":
                parameter["schema"] = {"type": "string", "enum": list(POLICY_TYPES)}
        return parameters

    def _error_codes(self) -> list[str]:
        codes = super()._error_codes()
        return sorted({*codes, "404", "409"})


class OrganizationsView(IamApiView):
    """Base of the Organizations endpoints: AWS's errors by kind, lists paged whole."""

    schema = OrganizationsSchema()
    pagination_class = ListPagination


class OrganizationView(OrganizationsView):
    """The caller's organization."""

    @extend_schema(responses=OrganizationSerializer,
                   summary="Describe the organization (DescribeOrganization)")
    def get(self, request: Request) -> Response:
        found = self.run(DescribeOrganization)
        return Response(self.represent(OrganizationSerializer, found["Organization"]))

    @extend_schema(request=OrganizationCreateSerializer,
                   responses={201: OrganizationSerializer},
                   summary="Create an organization (CreateOrganization)")
    def post(self, request: Request) -> Response:
        data = self.input(OrganizationCreateSerializer)
        created = self.run(CreateOrganization, feature_set=data["feature_set"])
        return Response(self.represent(OrganizationSerializer, created["Organization"]),
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None},
                   summary="Delete the organization (DeleteOrganization)")
    def delete(self, request: Request) -> Response:
        self.run(DeleteOrganization)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RootsView(OrganizationsView):
    """The organization's root."""

    @extend_schema(responses=RootSerializer(many=True), summary="List the roots (ListRoots)")
    def get(self, request: Request) -> Response:
        return self.page_list(self.run(ListRoots)["Roots"], RootSerializer)


class PolicyTypeView(OrganizationsView):
    """A policy type of the root: enabled (POST) or disabled (DELETE)."""

    @extend_schema(request=None, responses=RootSerializer,
                   summary="Enable a policy type in the root (EnablePolicyType)")
    def post(self, request: Request, root_id: str, policy_type: str) -> Response:
        root = self.run(EnablePolicyType, root_id=root_id, policy_type=policy_type)["Root"]
        return Response(self.represent(RootSerializer, root))

    @extend_schema(responses={200: RootSerializer},
                   summary="Disable a policy type in the root (DisablePolicyType)")
    def delete(self, request: Request, root_id: str, policy_type: str) -> Response:
        root = self.run(DisablePolicyType, root_id=root_id, policy_type=policy_type)["Root"]
        return Response(self.represent(RootSerializer, root))


class OrganizationalUnitsView(OrganizationsView):
    """Organizational units, created under a parent (the root or an OU)."""

    @extend_schema(request=OrganizationalUnitCreateSerializer,
                   responses={201: OrganizationalUnitSerializer},
                   summary="Create an OU (CreateOrganizationalUnit)")
    def post(self, request: Request) -> Response:
        data = self.input(OrganizationalUnitCreateSerializer)
        unit = self.run(CreateOrganizationalUnit, parent_id=data["parent_id"],
                        name=data["name"], tags=aws_tags(data["tags"]))
        return Response(self.represent(OrganizationalUnitSerializer,
                                       unit["OrganizationalUnit"]),
                        status=status.HTTP_201_CREATED)


class OrganizationalUnitView(OrganizationsView):
    """One OU, by its ID."""

    @extend_schema(responses=OrganizationalUnitSerializer,
                   summary="Describe an OU (DescribeOrganizationalUnit)")
    def get(self, request: Request, ou_id: str) -> Response:
        unit = self.run(DescribeOrganizationalUnit, organizational_unit_id=ou_id)
        return Response(self.represent(OrganizationalUnitSerializer,
                                       unit["OrganizationalUnit"]))

    @extend_schema(request=OrganizationalUnitUpdateSerializer,
                   responses=OrganizationalUnitSerializer,
                   summary="Rename an OU (UpdateOrganizationalUnit)")
    def patch(self, request: Request, ou_id: str) -> Response:
        data = self.input(OrganizationalUnitUpdateSerializer)
        unit = self.run(UpdateOrganizationalUnit, organizational_unit_id=ou_id,
                        name=data["name"])
        return Response(self.represent(OrganizationalUnitSerializer,
                                       unit["OrganizationalUnit"]))

    @extend_schema(responses={204: None}, summary="Delete an empty OU (DeleteOrganizationalUnit)")
    def delete(self, request: Request, ou_id: str) -> Response:
        self.run(DeleteOrganizationalUnit, organizational_unit_id=ou_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


_CHILD_TYPE = enum_parameter("type", ("ORGANIZATIONAL_UNIT", "ACCOUNT"),
                             "The kind of children to list.")


class ChildrenView(OrganizationsView):
    """The children of a parent (the root or an OU) of one kind."""

    @extend_schema(parameters=[_CHILD_TYPE], responses=RelativeSerializer(many=True),
                   summary="List a parent's children (ListChildren)")
    def get(self, request: Request, parent_id: str) -> Response:
        child_type = request.query_params.get("type", "")
        found = self.run(ListChildren, parent_id=parent_id, child_type=child_type)
        return self.page_list(found["Children"], RelativeSerializer)


class ParentUnitsView(OrganizationsView):
    """The OUs directly under a parent."""

    @extend_schema(responses=OrganizationalUnitSerializer(many=True),
                   summary="List a parent's OUs (ListOrganizationalUnitsForParent)")
    def get(self, request: Request, parent_id: str) -> Response:
        found = self.run(ListOrganizationalUnitsForParent, parent_id=parent_id)
        return self.page_list(found["OrganizationalUnits"], OrganizationalUnitSerializer)


class ParentAccountsView(OrganizationsView):
    """The accounts directly under a parent."""

    @extend_schema(responses=OrganizationAccountSerializer(many=True),
                   summary="List a parent's accounts (ListAccountsForParent)")
    def get(self, request: Request, parent_id: str) -> Response:
        found = self.run(ListAccountsForParent, parent_id=parent_id)
        return self.page_list(found["Accounts"], OrganizationAccountSerializer)


class ParentsView(OrganizationsView):
    """The parent (root or OU) of an account or OU."""

    @extend_schema(responses=RelativeSerializer(many=True),
                   summary="List a child's parents (ListParents)")
    def get(self, request: Request, child_id: str) -> Response:
        found = self.run(ListParents, child_id=child_id)
        return self.page_list(found["Parents"], RelativeSerializer)

