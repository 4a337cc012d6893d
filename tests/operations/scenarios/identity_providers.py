"""Identity providers: SAML providers and OpenID Connect providers through the console's
Identity providers pages and /api/v1/saml-providers/, /api/v1/oidc-providers/."""

from __future__ import annotations

import json

from accounts.demo.providers import saml_metadata
from accounts.demo.test_idp import demo_jwks

from ..harness import Call, Scenario, req
from ..world import OIDC_HOST, SAML, arn

OKTA = arn(f"saml-provider/{SAML}")
TOKEN = arn(f"oidc-provider/{OIDC_HOST}")
NEW_SAML, NEW_OIDC = arn("saml-provider/azure"), arn("oidc-provider/id.example.org")
TAGS = {"aws:RequestTag/team": "data", "aws:TagKeys": ["team"]}
ENV = {"aws:RequestTag/env": "prod", "aws:TagKeys": ["env"]}
TEAM = {"aws:TagKeys": ["team"]}
METADATA = saml_metadata("https://sts.windows.net/example/")
PRINT = "b" * 40
SAML_API, OIDC_API = f"/api/v1/saml-providers/{SAML}/", f"/api/v1/oidc-providers/{OIDC_HOST}/"
LISTS = (req("iam:ListSAMLProviders", "*"), req("iam:ListOpenIDConnectProviders", "*"))


def page(action: str, resource: str) -> str:
    return f"/identity-providers/{action}/{resource}"


def _tag_scenarios(noun: str, resource: str, api: str) -> list[Scenario]:
    listing = req(f"iam:List{noun}Tags", resource)
    tag, untag = req(f"iam:Tag{noun}", resource, ENV), req(f"iam:Untag{noun}", resource, TEAM)
    tags_page = page("tags", resource)
    return [
        Scenario(f"List{noun}Tags", (listing,), api=Call("get", api + "tags/"),
                 console=Call("get", tags_page)),
        Scenario(f"Tag{noun}", (tag,), api=Call("post", api + "tags/", {"tags": {"env": "prod"}}),
                 console=Call("post", tags_page, {"tag_key": ["team", "env"],
                                                  "tag_value": ["identity", "prod"],
                                                  "nav": "save"}),
                 console_also=(listing,)),
        Scenario(f"Untag{noun}", (untag,), api=Call("delete", api + "tags/?key=team"),
                 console=Call("post", tags_page, {"nav": "save"}), console_also=(listing,)),
    ]


SAML_SCENARIOS = [
    Scenario("ListSAMLProviders", (LISTS[0],), api=Call("get", "/api/v1/saml-providers/")),
    # The console's list shows both kinds.
    Scenario("ListSAMLProviders", LISTS, label="console", console=Call("get",
                                                                       "/identity-providers/")),
    Scenario("CreateSAMLProvider", (req("iam:CreateSAMLProvider", NEW_SAML),),
             api=Call("post", "/api/v1/saml-providers/",
                      {"name": "azure", "saml_metadata_document": METADATA})),
    Scenario("CreateSAMLProvider", label="with-tags",
             requires=(req("iam:CreateSAMLProvider", NEW_SAML, TAGS),
                       req("iam:TagSAMLProvider", NEW_SAML, TAGS)),
             api=Call("post", "/api/v1/saml-providers/",
                      {"name": "azure", "saml_metadata_document": METADATA,
                       "tags": {"team": "data"}}),
             console=Call("post", "/identity-providers/create/",
                          {"provider_type": "saml", "name": "azure", "metadata": METADATA,
                           "tag_key": ["team"], "tag_value": ["data"]})),
    Scenario("GetSAMLProvider", (req("iam:GetSAMLProvider", OKTA),),
             api=Call("get", SAML_API), console=Call("get", page("details", OKTA)),
             console_optional=(req("iam:ListSAMLProviderTags", OKTA),)),
    Scenario("UpdateSAMLProvider", (req("iam:UpdateSAMLProvider", OKTA),),
             api=Call("patch", SAML_API, {"saml_metadata_document": METADATA}),
             console=Call("post", page("metadata", OKTA), {"metadata": METADATA})),
    Scenario("DeleteSAMLProvider", (req("iam:DeleteSAMLProvider", OKTA),),
             api=Call("delete", SAML_API), console=Call("post", page("delete", OKTA),
                                                        {"confirm": SAML})),
    *_tag_scenarios("SAMLProvider", OKTA, SAML_API),
]

OIDC_SCENARIOS = [
    Scenario("ListOpenIDConnectProviders", (LISTS[1],),
             api=Call("get", "/api/v1/oidc-providers/")),
    Scenario("CreateOpenIDConnectProvider", (req("iam:CreateOpenIDConnectProvider", NEW_OIDC),),
             api=Call("post", "/api/v1/oidc-providers/",
                      {"url": "https://id.example.org", "client_id_list": ["app"]})),
    Scenario("CreateOpenIDConnectProvider", label="with-tags",
             requires=(req("iam:CreateOpenIDConnectProvider", NEW_OIDC, TAGS),
                       req("iam:TagOpenIDConnectProvider", NEW_OIDC, TAGS)),
             api=Call("post", "/api/v1/oidc-providers/",
                      {"url": "https://id.example.org", "tags": {"team": "data"}}),
             console=Call("post", "/identity-providers/create/",
                          {"provider_type": "oidc", "url": "https://id.example.org",
                           "audiences": "app", "thumbprints": PRINT,
                           "tag_key": ["team"], "tag_value": ["data"]})),
    Scenario("GetOpenIDConnectProvider", (req("iam:GetOpenIDConnectProvider", TOKEN),),
             api=Call("get", OIDC_API), console=Call("get", page("details", TOKEN)),
             console_optional=(req("iam:ListOpenIDConnectProviderTags", TOKEN),)),
    Scenario("AddClientIDToOpenIDConnectProvider",
             (req("iam:AddClientIDToOpenIDConnectProvider", TOKEN),),
             api=Call("post", OIDC_API + "client-ids/", {"client_id": "mobile"}),
             console=Call("post", page("audiences/add", TOKEN), {"client_id": "mobile"})),
    Scenario("RemoveClientIDFromOpenIDConnectProvider",
             (req("iam:RemoveClientIDFromOpenIDConnectProvider", TOKEN),),
             api=Call("delete", OIDC_API + "client-ids/web-app/"),
             console=Call("post", page("audiences/remove", TOKEN), {"client_id": "web-app"})),
    Scenario("UpdateOpenIDConnectProviderThumbprint",
             (req("iam:UpdateOpenIDConnectProviderThumbprint", TOKEN),),
             api=Call("put", OIDC_API + "thumbprints/", {"thumbprint_list": [PRINT]}),
             console=Call("post", page("thumbprints", TOKEN), {"thumbprints": PRINT})),
    Scenario("UpdateOpenIDConnectProviderKeys",
             (req("iam:UpdateOpenIDConnectProviderThumbprint", TOKEN),),
             api=Call("put", OIDC_API + "jwks/", {"jwks": demo_jwks()}),
             console=Call("post", page("keys", TOKEN), {"jwks": json.dumps(demo_jwks())})),
    Scenario("DeleteOpenIDConnectProvider", (req("iam:DeleteOpenIDConnectProvider", TOKEN),),
             api=Call("delete", OIDC_API), console=Call("post", page("delete", TOKEN),
                                                        {"confirm": OIDC_HOST})),
    *_tag_scenarios("OpenIDConnectProvider", TOKEN, OIDC_API),
]

SCENARIOS = SAML_SCENARIOS + OIDC_SCENARIOS
