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
from iamconsole.exceptions import NoSuchEntity

from ...authorization_details import FILTERS, export_authorization_details
from ...reports import credential_report_csv, credential_report_filename
from ...selectors import account_summary, password_policy_get
from ...services import (
    account_alias_delete,
    account_alias_set,
    password_policy_delete,
    password_policy_update,
)
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

    iam_actions = {"get": "iam:ListAccountAliases"}

    @extend_schema(responses=AccountSerializer, summary="Get the account (ListAccountAliases)")
    def get(self, request: Request) -> Response:
        self.authorize()
        return Response(self.represent(AccountSerializer, self.account))


class AccountAliasView(IamApiView):
    """The account alias: set or change it, or remove it."""

    iam_actions = {"put": "iam:CreateAccountAlias", "delete": "iam:DeleteAccountAlias"}

    @extend_schema(request=AliasInputSerializer, responses=AccountSerializer,
                   summary="Set or change the account alias (CreateAccountAlias)")
    def put(self, request: Request) -> Response:
        data = self.input(AliasInputSerializer)
        self.authorize()
        if self.account.alias and self.account.alias != data["alias"]:
            # Changing the alias removes the old one: DeleteAccountAlias too, as in the console.
            self.authorize(actions="iam:DeleteAccountAlias")
        return Response(self.represent(
            AccountSerializer, account_alias_set(account=self.account, alias=data["alias"])
        ))

    @extend_schema(responses={204: None}, summary="Remove the account alias (DeleteAccountAlias)")
    def delete(self, request: Request) -> Response:
        self.authorize()
        account_alias_delete(account=self.account)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AccountSummaryView(IamApiView):
    """Usage and quotas of the account."""

    iam_actions = {"get": "iam:GetAccountSummary"}

    @extend_schema(responses=AccountSummarySerializer,
                   summary="Usage and quotas (GetAccountSummary)")
    def get(self, request: Request) -> Response:
        self.authorize()
        return Response({"summary_map": account_summary(self.account)})


class PasswordPolicyView(IamApiView):
    """The account password policy for IAM users' console passwords."""

    iam_actions = {
        "get": "iam:GetAccountPasswordPolicy",
        "put": "iam:UpdateAccountPasswordPolicy",
        "delete": "iam:DeleteAccountPasswordPolicy",
    }

    @extend_schema(responses=PasswordPolicySerializer, parameters=[ETAG],
                   summary="Get the password policy (GetAccountPasswordPolicy)",
                   description="404 NoSuchEntity when the account uses AWS's default policy.")
    def get(self, request: Request) -> Response:
        self.authorize()
        policy = password_policy_get(self.account)
        if policy is None:
            raise NoSuchEntity(
                f"The Password Policy with domain name {self.account.account_id} cannot be found."
            )
        return self.respond(PasswordPolicySerializer, policy)

    @extend_schema(request=PasswordPolicySerializer, responses=PasswordPolicySerializer,
                   parameters=[ETAG],
                   summary="Set the password policy (UpdateAccountPasswordPolicy)",
                   description="Fields left out return to their defaults, as in AWS.")
    def put(self, request: Request) -> Response:
        data = self.input(PasswordPolicySerializer)
        self.authorize()
        return self.respond(PasswordPolicySerializer,
                           password_policy_update(account=self.account, **data))

    @extend_schema(responses={204: None},
                   summary="Return to AWS's default policy (DeleteAccountPasswordPolicy)")
    def delete(self, request: Request) -> Response:
        self.authorize()
        password_policy_delete(account=self.account)
        return Response(status=status.HTTP_204_NO_CONTENT)


_CSV_EXAMPLE = (
    "user,arn,user_creation_time,password_enabled,...\n"
    "<root_account>,arn:aws:iam::111111111111:root,2026-01-15T09:30:00+00:00,not_supported,...\n"
)


class CredentialReportView(IamApiView):
    """The credential report in AWS's 22-column CSV, the root user first."""

    iam_actions = {"get": "iam:GetCredentialReport", "post": "iam:GenerateCredentialReport"}

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
        self.authorize()
        response = HttpResponse(credential_report_csv(self.account),
                                content_type="text/csv; charset=utf-8")
        filename = credential_report_filename()
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @extend_schema(request=None, responses=ReportStateSerializer,
                   summary="Generate the credential report (GenerateCredentialReport)")
    def post(self, request: Request) -> Response:
        self.authorize()
        return Response({"state": "COMPLETE",
                         "description": "The report is generated on each download."})


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

    iam_actions = {"get": "iam:GetAccountAuthorizationDetails"}

    @extend_schema(
        parameters=[_FILTER, _EXTENSION], responses=AuthorizationDetailsSerializer,
        summary="Export the account (GetAccountAuthorizationDetails)",
        description="As `aws iam get-account-authorization-details` prints it, all pages "
                    "merged: policy documents URL-encoded; Policies holds the customer-managed "
                    "policies and the AWS-managed ones in use.",
    )
    def get(self, request: Request) -> Response:
        self.authorize()
        include = request.query_params.get("include_extension", "true").lower() != "false"
        details = export_authorization_details(
            self.account, filters=self.query_list("filter"), include_extension=include
        )
        return Response({**details, "IsTruncated": False})
