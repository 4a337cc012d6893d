"""SAML and OpenID Connect providers: AWS's rules and limits through the operations, the
secrets kept encrypted, and what the console and the REST API show."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from accounts.demo.providers import saml_metadata
from accounts.models import OidcProvider, SamlPrivateKey, SamlProvider
from accounts.operations.account import GetAccountSummary
from accounts.operations.oidc_providers import (
    AddClientIDToOpenIDConnectProvider,
    CreateOpenIDConnectProvider,
    GetOpenIDConnectProvider,
    RemoveClientIDFromOpenIDConnectProvider,
    UpdateOpenIDConnectProviderThumbprint,
)
from accounts.operations.saml_providers import (
    CreateSAMLProvider,
    GetSAMLProvider,
    TagSAMLProvider,
    UpdateSAMLProvider,
)
from iamconsole.exceptions import (
    EntityAlreadyExists,
    InvalidInput,
    LimitExceeded,
    NoSuchEntity,
)
from iamconsole.operations.caller import root_caller
from tests.api.helpers import Api, guarded, user_with_key

PRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"
PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n"


@pytest.fixture
def caller(account):
    return root_caller(account)


def create_saml(caller, name="okta", **inputs):
    return caller.run(CreateSAMLProvider, name=name, saml_metadata_document=saml_metadata(),
                      **inputs)


def create_oidc(caller, url="https://token.example.com", **inputs):
    return caller.run(CreateOpenIDConnectProvider, url=url, **inputs)


# --- SAML providers ------------------------------------------------------------------------

def test_saml_provider_takes_its_expiry_from_the_metadata(caller, account):
    provider = create_saml(caller, tags={"team": "identity"})
    assert provider.arn == f"arn:aws:iam::{account.account_id}:saml-provider/okta"
    assert provider.valid_until.isoformat() == "2036-12-31T23:59:59+00:00"
    assert len(provider.uuid) >= 22 and provider.uuid.isupper()
    assert provider.metadata_document == saml_metadata()
    assert provider.tags == {"team": "identity"}


def test_metadata_without_valid_until_leaves_the_expiry_unset(caller):
    provider = caller.run(CreateSAMLProvider, name="azure",
                          saml_metadata_document=saml_metadata(valid_until=None))
    assert provider.valid_until is None


@pytest.mark.parametrize("name, document, field", [
    ("has space", saml_metadata(), "name"),
    ("x" * 129, saml_metadata(), "name"),
    ("okta", "<EntityDescriptor/>", "saml_metadata_document"),  # under 1,000 characters
    ("okta", "<notxml" + " " * 1000, "saml_metadata_document"),
    ("okta", "<html>" + " " * 1000 + "</html>", "saml_metadata_document"),
    ("okta", '<!DOCTYPE x [<!ENTITY a "b">]>' + saml_metadata(), "saml_metadata_document"),
])
def test_saml_provider_input_is_checked(caller, name, document, field):
    with pytest.raises(InvalidInput) as exc:
        caller.run(CreateSAMLProvider, name=name, saml_metadata_document=document)
    assert exc.value.field == field
    assert not SamlProvider.objects.exists()


def test_saml_names_are_unique_ignoring_case(caller):
    create_saml(caller)
    with pytest.raises(EntityAlreadyExists):
        create_saml(caller, "OKTA")


@override_settings(IAM_QUOTA_SAML_PROVIDERS=1, IAM_QUOTA_OIDC_PROVIDERS=1)
def test_providers_count_against_the_account_quotas(caller):
    create_saml(caller)
    create_oidc(caller)
    with pytest.raises(LimitExceeded, match="SAMLProvidersPerAccount: 1"):
        create_saml(caller, "second")
    with pytest.raises(LimitExceeded, match="OpenIdConnectProvidersPerAccount: 1"):
        create_oidc(caller, "https://other.example.com")


def test_private_keys_are_encrypted_rotated_and_never_returned(caller, account):
    provider = create_saml(caller, assertion_encryption_mode="Required", add_private_key=PEM)
    stored = SamlPrivateKey.objects.get(provider=provider)
    assert "PRIVATE KEY" not in stored.key_encrypted
    arn = provider.arn
    caller.run(UpdateSAMLProvider, saml_provider_arn=arn, add_private_key=PEM)
    with pytest.raises(LimitExceeded):  # two keys at most
        caller.run(UpdateSAMLProvider, saml_provider_arn=arn, add_private_key=PEM)
    caller.run(UpdateSAMLProvider, saml_provider_arn=arn, remove_private_key=stored.key_id)
    last = SamlPrivateKey.objects.get(provider=provider)
    with pytest.raises(InvalidInput, match="Required needs a private key"):
        caller.run(UpdateSAMLProvider, saml_provider_arn=arn, remove_private_key=last.key_id)
    assert SamlPrivateKey.objects.filter(provider=provider).count() == 1
    with pytest.raises(NoSuchEntity):
        caller.run(UpdateSAMLProvider, saml_provider_arn=arn, remove_private_key="A" * 26)
    api = Api(*_admin_key(account))
    body = api.get("/api/v1/saml-providers/okta/").json()
    assert body["private_keys"] == [{"key_id": last.key_id, "timestamp": body["private_keys"][0]
                                     ["timestamp"]}]
    assert "PRIVATE KEY" not in str(body)


def test_update_replaces_the_metadata_and_its_expiry(caller):
    provider = create_saml(caller)
    updated = caller.run(UpdateSAMLProvider, saml_provider_arn=provider.arn,
                         saml_metadata_document=saml_metadata(valid_until="2030-01-01T00:00:00Z"))
    assert updated.valid_until.year == 2030
    with pytest.raises(InvalidInput):
        caller.run(UpdateSAMLProvider, saml_provider_arn=provider.arn)


def test_unknown_providers_are_no_such_entity_with_aws_wording(caller, account):
    with pytest.raises(NoSuchEntity, match="Manifest not found for arn"):
        caller.run(GetSAMLProvider,
                   saml_provider_arn=f"arn:aws:iam::{account.account_id}:saml-provider/none")
    with pytest.raises(NoSuchEntity, match="OpenIDConnect Provider not found for arn"):
        caller.run(GetOpenIDConnectProvider, open_id_connect_provider_arn=(
            f"arn:aws:iam::{account.account_id}:oidc-provider/none.example.com"))


def test_tags_follow_the_shared_rules(caller):
    provider = create_saml(caller)
    caller.run(TagSAMLProvider, saml_provider_arn=provider.arn, tags={"env": "prod"})
    with pytest.raises(InvalidInput):
        caller.run(TagSAMLProvider, saml_provider_arn=provider.arn, tags={"aws:x": "y"})
    with pytest.raises(LimitExceeded, match="TagsPerSAMLProvider"):
        caller.run(TagSAMLProvider, saml_provider_arn=provider.arn,
                   tags={f"k{i}": "v" for i in range(50)})
    assert SamlProvider.objects.get().tags == {"env": "prod"}


def test_tag_guardrails_see_a_providers_tags(account):
    """aws:ResourceTag of a provider decides, as for users and roles."""
    saml = root_caller(account)
    create_saml(saml, tags={"protected": "true"})
    api = guarded(account, {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "iam:DeleteSAMLProvider", "Resource": "*",
                   "Condition": {"StringEquals": {"aws:ResourceTag/protected": "true"}}})
    assert api.delete("/api/v1/saml-providers/okta/").status_code == 403
    assert SamlProvider.objects.exists()


# --- OpenID Connect providers --------------------------------------------------------------

def test_oidc_provider_is_named_by_its_host_and_path(caller, account):
    provider = create_oidc(caller, "https://Login.Example.com/tenant-1/", client_id_list=["app"],
                           thumbprint_list=[PRINT])
    assert provider.url == "login.example.com/tenant-1"
    assert provider.arn == (f"arn:aws:iam::{account.account_id}:oidc-provider/"
                            "login.example.com/tenant-1")
    with pytest.raises(EntityAlreadyExists, match="Provider with url https://login.example.com"):
        create_oidc(caller, "https://login.example.com/tenant-1")


@pytest.mark.parametrize("url", ["http://token.example.com", "token.example.com",
                                 "https://", "https://x.example.com/?a=b",
                                 "https://x.example.com/#f", "https://u:p@x.example.com",
                                 "https://" + "x" * 250])
def test_oidc_url_must_be_https_without_query(caller, url):
    with pytest.raises(InvalidInput) as exc:
        create_oidc(caller, url)
    assert exc.value.field == "url"


def test_thumbprints_are_0_to_5_sha1s_replaced_as_a_list(caller):
    provider = create_oidc(caller)
    assert provider.thumbprints == []
    arn = provider.arn
    with pytest.raises(InvalidInput, match="at most 5"):
        caller.run(UpdateOpenIDConnectProviderThumbprint, open_id_connect_provider_arn=arn,
                   thumbprint_list=[f"{i}" * 40 for i in range(6)])
    with pytest.raises(InvalidInput, match="40 hexadecimal"):
        caller.run(UpdateOpenIDConnectProviderThumbprint, open_id_connect_provider_arn=arn,
                   thumbprint_list=["z" * 40])
    caller.run(UpdateOpenIDConnectProviderThumbprint, open_id_connect_provider_arn=arn,
               thumbprint_list=[PRINT, "a" * 40])
    caller.run(UpdateOpenIDConnectProviderThumbprint, open_id_connect_provider_arn=arn,
               thumbprint_list=["b" * 40])
    assert OidcProvider.objects.get().thumbprints == ["b" * 40]


def test_client_ids_are_idempotent_and_at_most_100(caller):
    with pytest.raises(LimitExceeded, match="ClientIdsPerOpenIdConnectProvider: 100"):
        create_oidc(caller, client_id_list=[f"app-{i}" for i in range(101)])
    provider = create_oidc(caller, client_id_list=[f"app-{i}" for i in range(99)])
    arn = provider.arn
    for _ in range(2):
        caller.run(AddClientIDToOpenIDConnectProvider, open_id_connect_provider_arn=arn,
                   client_id="web")
    with pytest.raises(LimitExceeded):
        caller.run(AddClientIDToOpenIDConnectProvider, open_id_connect_provider_arn=arn,
                   client_id="one-too-many")
    with pytest.raises(InvalidInput):
        caller.run(AddClientIDToOpenIDConnectProvider, open_id_connect_provider_arn=arn,
                   client_id="x" * 256)
    for _ in range(2):
        caller.run(RemoveClientIDFromOpenIDConnectProvider, open_id_connect_provider_arn=arn,
                   client_id="web")
    assert len(OidcProvider.objects.get().client_ids) == 99


def test_account_summary_counts_both_kinds_of_provider(caller):
    create_saml(caller)
    create_oidc(caller)
    assert caller.run(GetAccountSummary)["Providers"] == 2


# --- REST API and console ------------------------------------------------------------------

def _admin_key(account):
    user, created = user_with_key(account, "admin", "AdministratorAccess")
    return created.access_key.access_key_id, created.secret_access_key


def test_rest_api_addresses_an_oidc_provider_by_its_id(account):
    api = Api(*_admin_key(account))
    created = api.post("/api/v1/oidc-providers/", {"url": "https://id.example.org/tenant/a",
                                                   "client_id_list": ["app"]})
    assert created.status_code == 201, created.content
    provider_id = created.json()["id"]
    assert provider_id == "id.example.org~tenant~a"
    path = f"/api/v1/oidc-providers/{provider_id}/"
    assert api.post(path + "client-ids/", {"client_id": "cli"}).json()["client_id_list"] == [
        "app", "cli"]
    assert api.put(path + "thumbprints/", {"thumbprint_list": [PRINT]}).status_code == 200
    assert api.post(path + "tags/", {"tags": {"team": "id"}}).json() == {"tags": {"team": "id"}}
    listed = api.get("/api/v1/oidc-providers/").json()["results"]
    assert [row["url"] for row in listed] == ["id.example.org/tenant/a"]
    assert api.delete(path).status_code == 204
    assert api.get(path).status_code == 404


def test_list_page_shows_both_kinds_in_bounded_queries(root_client, account,
                                                      django_assert_max_num_queries):
    caller = root_caller(account)
    for i in range(5):
        create_saml(caller, f"saml-{i}")
        create_oidc(caller, f"https://idp-{i}.example.com")
    with django_assert_max_num_queries(20):
        response = root_client.get("/identity-providers/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "saml-4" in page and "idp-4.example.com" in page and "OpenID Connect" in page
    searched = root_client.get("/identity-providers/", {"q": "idp-3"}).content.decode()
    assert "idp-3.example.com" in searched and "saml-1" not in searched


@pytest.mark.parametrize("sort, first", [("type", "OpenID Connect"), ("-type", "SAML"),
                                         ("arn", "oidc-provider"), ("-arn", "saml-provider")])
def test_every_column_of_the_providers_list_sorts(root_client, account, sort, first):
    caller = root_caller(account)
    create_saml(caller, "corp-saml")
    create_oidc(caller, "https://token.actions.githubusercontent.com")
    page = root_client.get("/identity-providers/", {"sort": sort}).content.decode()
    rows = page.split("<tbody")[1]
    assert first in rows.split("</tr>")[0]


def test_console_adds_a_saml_provider_from_an_uploaded_file(root_client, account):
    upload = SimpleUploadedFile("metadata.xml", saml_metadata().encode(), "text/xml")
    response = root_client.post("/identity-providers/create/", {
        "provider_type": "saml", "name": "okta", "metadata_file": upload,
        "tag_key": ["team"], "tag_value": ["identity"]})
    provider = SamlProvider.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(provider.arn)
    assert provider.tags == {"team": "identity"}
    page = root_client.get(response["Location"])
    assert "2036-12-31" in page.content.decode()


def test_console_shows_errors_beside_the_fields(root_client):
    response = root_client.post("/identity-providers/create/", {
        "provider_type": "oidc", "url": "http://insecure.example.com", "audiences": "app"})
    assert response.status_code == 400
    assert "https://" in response.content.decode()
    assert not OidcProvider.objects.exists()


def test_console_buttons_follow_permissions(account, reader_client):
    create_saml(root_caller(account))
    page = reader_client.get(
        f"/identity-providers/details/arn:aws:iam::{account.account_id}:saml-provider/okta")
    assert page.status_code == 200
    body = page.content.decode()
    assert "iam:DeleteSAMLProvider" in body and "iam:UpdateSAMLProvider" in body


def test_a_caller_without_create_is_refused_with_aws_sentence(account):
    reader = guarded(account, {"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"})
    response = reader.post("/api/v1/saml-providers/", {
        "name": "okta", "saml_metadata_document": saml_metadata()})
    assert response.status_code == 403
    assert "iam:CreateSAMLProvider" in response.json()["message"]
    assert not SamlProvider.objects.exists()
