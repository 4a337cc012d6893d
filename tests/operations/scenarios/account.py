"""The account: alias, password policy, summary (and the dashboard), credential report, and
the export of authorization details."""

from __future__ import annotations

from ..harness import Call, Scenario, req

SETTINGS = "/account/settings/"
# The settings page shows the alias and the password policy (the world's account has both).
SHOWS_SETTINGS = (req("iam:ListAccountAliases", "*"), req("iam:GetAccountPasswordPolicy", "*"))
POLICY = {"minimum_password_length": 14, "require_symbols": True, "max_password_age": 90}
REPORT = "/reports/credential-report/"
EXPORT = "/account/settings/authorization-details/"

SCENARIOS = [
    Scenario(
        "ListAccountAliases", (req("iam:ListAccountAliases", "*"),),
        console=Call("get", SETTINGS),
        api=Call("get", "/api/v1/account/"),
        console_also=SHOWS_SETTINGS,
    ),
    Scenario(
        "CreateAccountAlias", (req("iam:CreateAccountAlias", "*"),), label="same",
        console=Call("post", SETTINGS, {"action": "set_alias", "alias": "acme"}),
        api=Call("put", "/api/v1/account/alias/", {"alias": "acme"}),
    ),
    Scenario(
        "CreateAccountAlias", label="replacing",
        requires=(req("iam:CreateAccountAlias", "*"), req("iam:DeleteAccountAlias", "*")),
        console=Call("post", SETTINGS, {"action": "set_alias", "alias": "acme-prod"}),
        api=Call("put", "/api/v1/account/alias/", {"alias": "acme-prod"}),
    ),
    Scenario(
        "DeleteAccountAlias", (req("iam:DeleteAccountAlias", "*"),),
        console=Call("post", SETTINGS, {"action": "remove_alias"}),
        api=Call("delete", "/api/v1/account/alias/"),
    ),
    Scenario(
        "GetAccountPasswordPolicy", (req("iam:GetAccountPasswordPolicy", "*"),),
        console=Call("get", SETTINGS, {"edit": "policy"}),
        api=Call("get", "/api/v1/account/password-policy/"),
        console_also=SHOWS_SETTINGS,
    ),
    Scenario(
        "UpdateAccountPasswordPolicy", (req("iam:UpdateAccountPasswordPolicy", "*"),),
        console=Call("post", SETTINGS, {
            "action": "save_policy", "minimum_password_length": "14", "require_symbols": "on",
            "expire_passwords": "on", "max_password_age": "90"}),
        api=Call("put", "/api/v1/account/password-policy/", POLICY),
    ),
    Scenario(
        "DeleteAccountPasswordPolicy", (req("iam:DeleteAccountPasswordPolicy", "*"),),
        console=Call("post", SETTINGS, {"action": "delete_policy"}),
        api=Call("delete", "/api/v1/account/password-policy/"),
    ),
    Scenario(
        "GetAccountSummary", (req("iam:GetAccountSummary", "*"),),
        console=Call("get", "/"),
        api=Call("get", "/api/v1/account/summary/"),
        console_also=(req("iam:ListUsers", "*"),),
        shown_in_page=("console",),
        console_optional=(req("iam:SimulatePrincipalPolicy", "*"),),  # the guard rails card
    ),
    # The dashboard's recommendations also need the users.
    Scenario(
        "ListUsers", (req("iam:ListUsers", "*"),), label="dashboard",
        console=Call("get", "/"),
        console_also=(req("iam:GetAccountSummary", "*"),),
        shown_in_page=("console",),
        console_optional=(req("iam:SimulatePrincipalPolicy", "*"),),
    ),
    Scenario(
        "GenerateCredentialReport", (req("iam:GenerateCredentialReport", "*"),),
        console=Call("get", REPORT),
        api=Call("post", "/api/v1/account/credential-report/"),
        console_also=(req("iam:GetCredentialReport", "*"),),
    ),
    Scenario(
        "GetCredentialReport", (req("iam:GetCredentialReport", "*"),),
        console=Call("get", REPORT + "download/"),
        api=Call("get", "/api/v1/account/credential-report/"),
        console_also=(req("iam:GenerateCredentialReport", "*"),),
    ),
    Scenario(
        "GetAccountAuthorizationDetails", (req("iam:GetAccountAuthorizationDetails", "*"),),
        console=Call("get", EXPORT + "export/", {"submitted": "1", "filter": ["User", "Role"]}),
        api=Call("get", "/api/v1/account/authorization-details/?filter=User&filter=Role"),
    ),
    # The Import and export page itself.
    Scenario(
        "GetAccountAuthorizationDetails", (req("iam:GetAccountAuthorizationDetails", "*"),),
        label="page", console=Call("get", EXPORT),
    ),
]
