"""`/api/v1/account/`: the caller's account, alias, password policy, summary and reports."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from iamconsole.api.schema import ETAG
from iamconsole.api.viewsets import IamApiView

from ...authorization_details import FILTERS
from ...operations.account import (
    CreateAccountAlias,
    DeleteAccountAlias,
    DeleteAccountPasswordPolicy,
    GetAccountAuthorizationDetails,
    GetAccountPasswordPolicy,
    GetAccountSummary,
    ListAccountAliases,
    UpdateAccountPasswordPolicy,
)
from ...operations.reports import GenerateCredentialReport, GetCredentialReport
from ..serializers import (
    AccountSerializer,
    AccountSummarySerializer,
    AliasInputSerializer,
    AuthorizationDetailsSerializer,
    PasswordPolicySerializer,
    ReportStateSerializer,
)


class AccountView(IamApiView):
    """The caller's account: ID, alias and name."""

    @extend_schema(responses=AccountSerializer, summary="Get the account (ListAccountAliases)")
    def get(self, request: Request) -> Response:
        self.run(ListAccountAliases)
        return Response(self.represent(AccountSerializer, self.account))


class AccountAliasView(IamApiView):
    """The account alias: set or change it (changing it removes the old one), or remove it."""

    @extend_schema(request=AliasInputSerializer, responses=AccountSerializer,
                   summary="Set or change the account alias (CreateAccountAlias)")
    def put(self, request: Request) -> Response:
        data = self.input(AliasInputSerializer)
        account = self.run(CreateAccountAlias, account_alias=data["alias"])
        return Response(self.represent(AccountSerializer, account))

    @extend_schema(responses={204: None}, summary="Remove the account alias (DeleteAccountAlias)",
                   description="404 NoSuchEntity when the account has no alias.")
    def delete(self, request: Request) -> Response:
        self.run(DeleteAccountAlias, account_alias=self.account.alias or "")
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccountSummaryView(IamApiView):
    """Usage and quotas of the account."""

    @extend_schema(responses=AccountSummarySerializer,
                   summary="Usage and quotas (GetAccountSummary)")
    def get(self, request: Request) -> Response:
        return Response({"summary_map": self.run(GetAccountSummary)})


class PasswordPolicyView(IamApiView):
    """The account password policy for IAM users' console passwords."""

    @extend_schema(responses=PasswordPolicySerializer, parameters=[ETAG],
                   summary="Get the password policy (GetAccountPasswordPolicy)",
                   description="404 NoSuchEntity when the account uses AWS's default policy.")
    def get(self, request: Request) -> Response:
        return self.respond(PasswordPolicySerializer, self.run(GetAccountPasswordPolicy))

    @extend_schema(request=PasswordPolicySerializer, responses=PasswordPolicySerializer,
                   parameters=[ETAG],
                   summary="Set the password policy (UpdateAccountPasswordPolicy)",
                   description="Fields left out return to their defaults, as in AWS.")
    def put(self, request: Request) -> Response:
        data = self.input(PasswordPolicySerializer)
        return self.respond(PasswordPolicySerializer,
                            self.run(UpdateAccountPasswordPolicy, **data))

    @extend_schema(responses={204: None},
                   summary="Return to AWS's default policy (DeleteAccountPasswordPolicy)")
    def delete(self, request: Request) -> Response:
        self.run(DeleteAccountPasswordPolicy)
        return Response(status=status.HTTP_204_NO_CONTENT)


_CSV_EXAMPLE = (
    "user,arn,user_creation_time,password_enabled,...\n"
    "<root_account>,arn:aws:iam::111111111111:root,2026-01-15T09:30:00+00:00,not_supported,...\n"
)


class CredentialReportView(IamApiView):
    """The credential report in AWS's 22-column CSV, the root user first."""

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The report is CSV whatever the Accept header says; errors stay JSON.
        return JSONRenderer(), "application/json"

    @extend_schema(
        responses={(200, "text/csv"): OpenApiResponse(
            OpenApiTypes.STR, description="The report (a header line and one line per user).",
            examples=[OpenApiExample("A report", value=_CSV_EXAMPLE, media_type="text/csv")],
        )},
        summary="Download the credential report (GetCredentialReport)",
    )
    def get(self, request: Request) -> HttpResponse:
        report = self.run(GetCredentialReport)
        response = HttpResponse(report.content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
        return response

    @extend_schema(request=None, responses=ReportStateSerializer,
                   summary="Generate the credential report (GenerateCredentialReport)")
    def post(self, request: Request) -> Response:
        return Response(self.run(GenerateCredentialReport))


_FILTER = OpenApiParameter(
    "filter", str, OpenApiParameter.QUERY, many=True, enum=list(FILTERS),
    description="Which lists to include (repeat for several); none means all.",
)
_EXTENSION = OpenApiParameter(
    "include_extension", bool, OpenApiParameter.QUERY,
    description="Add the x-console block with what GAAD lacks (default true).",
)


class AuthorizationDetailsView(IamApiView):
    """The account's users, groups, roles and policies in GetAccountAuthorizationDetails' shape."""

    @extend_schema(
        parameters=[_FILTER, _EXTENSION], responses=AuthorizationDetailsSerializer,
        summary="Export the account (GetAccountAuthorizationDetails)",
        description="As `aws iam get-account-authorization-details` prints it, all pages "
                    "merged: policy documents URL-encoded; Policies holds the customer-managed "
                    "policies and the AWS-managed ones in use.",
    )
    def get(self, request: Request) -> Response:
        include = request.query_params.get("include_extension", "true").lower() != "false"
        details = self.run(GetAccountAuthorizationDetails, filter=self.query_list("filter"),
                           include_extension=include)
        return Response({**details, "IsTruncated": False})
