"""Wire actions on identity providers: SAML providers (metadata, assertion encryption,
private keys) and OpenID Connect providers (URL, client IDs, thumbprints), and their tags."""

from __future__ import annotations

from typing import Any

from iamconsole.wire import WireCall, action, forward
from iamconsole.wire.pagination import page

from ..models import OidcProvider, SamlProvider
from ..operations.oidc_providers import (
    AddClientIDToOpenIDConnectProvider,
    CreateOpenIDConnectProvider,
    DeleteOpenIDConnectProvider,
    GetOpenIDConnectProvider,
    ListOpenIDConnectProviders,
    RemoveClientIDFromOpenIDConnectProvider,
    UpdateOpenIDConnectProviderThumbprint,
)
from ..operations.saml_providers import (
    CreateSAMLProvider,
    DeleteSAMLProvider,
    GetSAMLProvider,
    ListOpenIDConnectProviderTags,
    ListSAMLProviders,
    ListSAMLProviderTags,
    TagOpenIDConnectProvider,
    TagSAMLProvider,
    UntagOpenIDConnectProvider,
    UntagSAMLProvider,
    UpdateSAMLProvider,
)
from . import shapes

SAML_ARN, OIDC_ARN = "SAMLProviderArn", "OpenIDConnectProviderArn"


def _saml(call: WireCall) -> dict[str, Any]:
    return {"saml_provider_arn": call.get(SAML_ARN)}


def _oidc(call: WireCall) -> dict[str, Any]:
    return {"open_id_connect_provider_arn": call.get(OIDC_ARN)}


def _tags(provider: SamlProvider | OidcProvider) -> list[dict[str, str]] | None:
    return shapes.tag_list(provider.tags) or None


@action("CreateSAMLProvider")
def create_saml_provider(call: WireCall) -> dict[str, Any]:
    created = call.run(CreateSAMLProvider, name=call.get("Name"),
                       saml_metadata_document=call.get("SAMLMetadataDocument"),
                       tags=shapes.tag_dict(call.get("Tags")),
                       assertion_encryption_mode=call.get("AssertionEncryptionMode"),
                       add_private_key=call.get("AddPrivateKey"))
    return {SAML_ARN: created.arn, "Tags": _tags(created)}


@action("GetSAMLProvider")
def get_saml_provider(call: WireCall) -> dict[str, Any]:
    provider = call.run(GetSAMLProvider, **_saml(call))
    return {
        "SAMLProviderUUID": provider.uuid, "SAMLMetadataDocument": provider.metadata_document,
        "CreateDate": provider.created_at, "ValidUntil": provider.valid_until,
        "Tags": _tags(provider),
        "AssertionEncryptionMode": provider.assertion_encryption_mode or None,
        "PrivateKeyList": [{"KeyId": key.key_id, "Timestamp": key.created_at}
                           for key in provider.private_keys.all()],
    }


@action("ListSAMLProviders")
def list_saml_providers(call: WireCall) -> dict[str, Any]:
    return {"SAMLProviderList": [
        {"Arn": provider.arn, "ValidUntil": provider.valid_until,
         "CreateDate": provider.created_at}
        for provider in call.run(ListSAMLProviders)]}


@action("UpdateSAMLProvider")
def update_saml_provider(call: WireCall) -> dict[str, Any]:
    updated = call.run(UpdateSAMLProvider, **_saml(call),
                       saml_metadata_document=call.get("SAMLMetadataDocument"),
                       assertion_encryption_mode=call.get("AssertionEncryptionMode"),
                       add_private_key=call.get("AddPrivateKey"),
                       remove_private_key=call.get("RemovePrivateKey"))
    return {SAML_ARN: updated.arn}


forward("DeleteSAMLProvider", DeleteSAMLProvider, saml_provider_arn=SAML_ARN)


@action("TagSAMLProvider")
def tag_saml_provider(call: WireCall) -> None:
    call.run(TagSAMLProvider, **_saml(call), tags=shapes.tag_dict(call.get("Tags")))


forward("UntagSAMLProvider", UntagSAMLProvider, saml_provider_arn=SAML_ARN,
        tag_keys="TagKeys")


@action("ListSAMLProviderTags")
def list_saml_provider_tags(call: WireCall) -> dict[str, Any]:
    return page(call, shapes.tag_list(call.run(ListSAMLProviderTags, **_saml(call))), "Tags")


@action("CreateOpenIDConnectProvider")
def create_open_id_connect_provider(call: WireCall) -> dict[str, Any]:
    created = call.run(CreateOpenIDConnectProvider, url=call.get("Url"),
                       client_id_list=call.get("ClientIDList", []),
                       thumbprint_list=call.get("ThumbprintList", []),
                       tags=shapes.tag_dict(call.get("Tags")))
    return {OIDC_ARN: created.arn, "Tags": _tags(created)}


@action("GetOpenIDConnectProvider")
def get_open_id_connect_provider(call: WireCall) -> dict[str, Any]:
    provider = call.run(GetOpenIDConnectProvider, **_oidc(call))
    # AWS answers the URL as the provider is named: host and path, without https://.
    return {"Url": provider.url, "ClientIDList": list(provider.client_ids),
            "ThumbprintList": list(provider.thumbprints), "CreateDate": provider.created_at,
            "Tags": _tags(provider)}


@action("ListOpenIDConnectProviders")
def list_open_id_connect_providers(call: WireCall) -> dict[str, Any]:
    providers = call.run(ListOpenIDConnectProviders).only("arn")
    return {"OpenIDConnectProviderList": [{"Arn": provider.arn} for provider in providers]}


forward("UpdateOpenIDConnectProviderThumbprint", UpdateOpenIDConnectProviderThumbprint,
        open_id_connect_provider_arn=OIDC_ARN, thumbprint_list="ThumbprintList")
forward("AddClientIDToOpenIDConnectProvider", AddClientIDToOpenIDConnectProvider,
        open_id_connect_provider_arn=OIDC_ARN, client_id="ClientID")
forward("RemoveClientIDFromOpenIDConnectProvider", RemoveClientIDFromOpenIDConnectProvider,
        open_id_connect_provider_arn=OIDC_ARN, client_id="ClientID")
forward("DeleteOpenIDConnectProvider", DeleteOpenIDConnectProvider,
        open_id_connect_provider_arn=OIDC_ARN)


@action("TagOpenIDConnectProvider")
def tag_open_id_connect_provider(call: WireCall) -> None:
    call.run(TagOpenIDConnectProvider, **_oidc(call), tags=shapes.tag_dict(call.get("Tags")))


forward("UntagOpenIDConnectProvider", UntagOpenIDConnectProvider,
        open_id_connect_provider_arn=OIDC_ARN, tag_keys="TagKeys")


@action("ListOpenIDConnectProviderTags")
def list_open_id_connect_provider_tags(call: WireCall) -> dict[str, Any]:
    return page(call, shapes.tag_list(call.run(ListOpenIDConnectProviderTags, **_oidc(call))),
                "Tags")
