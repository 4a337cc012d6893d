"""SAML and OpenID Connect identity providers over AWS's wire API, driven by boto3."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from accounts.demo.providers import saml_metadata

from .conftest import WIRE_ACCOUNT, aws_cli
from .documents import error_of

METADATA = saml_metadata()
THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"


@pytest.fixture(scope="module")
def private_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


@pytest.fixture(scope="module")
def reader(make_user):
    """A user who may read IAM but change nothing."""
    return make_user("idp-reader", "IAMReadOnlyAccess")[0]


def test_a_saml_provider_created_read_listed_updated_and_deleted(iam, private_key):
    created = iam.create_saml_provider(Name="okta", SAMLMetadataDocument=METADATA,
                                       Tags=[{"Key": "team", "Value": "identity"}])
    arn = created["SAMLProviderArn"]
    assert arn == f"arn:aws:iam::{WIRE_ACCOUNT}:saml-provider/okta"
    assert created["Tags"] == [{"Key": "team", "Value": "identity"}]

    got = iam.get_saml_provider(SAMLProviderArn=arn)
    assert got["SAMLMetadataDocument"] == METADATA
    assert got["ValidUntil"] == datetime(2036, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert got["SAMLProviderUUID"] and isinstance(got["CreateDate"], datetime)
    assert got["Tags"] == [{"Key": "team", "Value": "identity"}]
    assert "AssertionEncryptionMode" not in got and got["PrivateKeyList"] == []

    listed = {p["Arn"]: p for p in iam.list_saml_providers()["SAMLProviderList"]}
    assert listed[arn] == {"Arn": arn, "ValidUntil": got["ValidUntil"],
                           "CreateDate": got["CreateDate"]}

    newer = saml_metadata(valid_until="2040-01-01T00:00:00Z")
    updated = iam.update_saml_provider(SAMLProviderArn=arn, SAMLMetadataDocument=newer,
                                       AssertionEncryptionMode="Required",
                                       AddPrivateKey=private_key)
    assert updated["SAMLProviderArn"] == arn
    got = iam.get_saml_provider(SAMLProviderArn=arn)
    assert got["ValidUntil"].year == 2040 and got["AssertionEncryptionMode"] == "Required"
    [key] = got["PrivateKeyList"]
    assert set(key) == {"KeyId", "Timestamp"}

    iam.delete_saml_provider(SAMLProviderArn=arn)
    assert arn not in [p["Arn"] for p in iam.list_saml_providers()["SAMLProviderList"]]
    with pytest.raises(ClientError) as caught:
        iam.get_saml_provider(SAMLProviderArn=arn)
    assert error_of(caught) == ("NoSuchEntity", 404)


def test_saml_provider_tags(iam):
    arn = iam.create_saml_provider(Name="tagged-idp",
                                   SAMLMetadataDocument=METADATA)["SAMLProviderArn"]
    iam.tag_saml_provider(SAMLProviderArn=arn, Tags=[{"Key": "a", "Value": "1"},
                                                     {"Key": "b", "Value": "2"}])
    iam.untag_saml_provider(SAMLProviderArn=arn, TagKeys=["a"])
    listed = iam.list_saml_provider_tags(SAMLProviderArn=arn)
    assert (listed["Tags"], listed["IsTruncated"]) == ([{"Key": "b", "Value": "2"}], False)


def test_saml_provider_errors(iam):
    iam.create_saml_provider(Name="twice", SAMLMetadataDocument=METADATA)
    with pytest.raises(ClientError) as caught:
        iam.create_saml_provider(Name="TWICE", SAMLMetadataDocument=METADATA)
    assert error_of(caught) == ("EntityAlreadyExists", 409)
    with pytest.raises(ClientError) as caught:
        iam.create_saml_provider(Name="broken", SAMLMetadataDocument="<not-xml" * 200)
    assert error_of(caught) == ("InvalidInput", 400)
    missing = f"arn:aws:iam::{WIRE_ACCOUNT}:saml-provider/missing"
    for call in (iam.get_saml_provider, iam.delete_saml_provider):
        with pytest.raises(ClientError) as caught:
            call(SAMLProviderArn=missing)
        assert error_of(caught) == ("NoSuchEntity", 404)


def test_an_openid_connect_provider_created_read_listed_changed_and_deleted(iam):
    created = iam.create_open_id_connect_provider(
        Url="https://token.actions.githubusercontent.com", ClientIDList=["sts.amazonaws.com"],
        ThumbprintList=[THUMBPRINT], Tags=[{"Key": "team", "Value": "platform"}])
    arn = created["OpenIDConnectProviderArn"]
    assert arn == f"arn:aws:iam::{WIRE_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
    assert created["Tags"] == [{"Key": "team", "Value": "platform"}]

    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert got["Url"] == "token.actions.githubusercontent.com"
    assert (got["ClientIDList"], got["ThumbprintList"]) == (["sts.amazonaws.com"], [THUMBPRINT])
    assert isinstance(got["CreateDate"], datetime)
    assert got["Tags"] == [{"Key": "team", "Value": "platform"}]
    assert {"Arn": arn} in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]

    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                                  ClientID="my-app")
    iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                                       ClientID="sts.amazonaws.com")
    iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn,
                                                   ThumbprintList=["a" * 40, "b" * 40])
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert (got["ClientIDList"], got["ThumbprintList"]) == (["my-app"], ["a" * 40, "b" * 40])

    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    with pytest.raises(ClientError) as caught:
        iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert error_of(caught) == ("NoSuchEntity", 404)
    assert caught.value.response["Error"]["Message"] == (
        f"OpenIDConnect Provider not found for arn {arn}")


def test_openid_connect_provider_tags_page(iam):
    arn = iam.create_open_id_connect_provider(
        Url="https://tags.example.com", ThumbprintList=[],
        Tags=[{"Key": f"k{index}", "Value": str(index)} for index in range(5)],
    )["OpenIDConnectProviderArn"]
    iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                     Tags=[{"Key": "k5", "Value": "5"}])
    iam.untag_open_id_connect_provider(OpenIDConnectProviderArn=arn, TagKeys=["k0"])
    first = iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn, MaxItems=3)
    assert first["IsTruncated"] and len(first["Tags"]) == 3
    rest = iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn,
                                                  Marker=first["Marker"])
    keys = [tag["Key"] for tag in first["Tags"] + rest["Tags"]]
    assert sorted(keys) == ["k1", "k2", "k3", "k4", "k5"] and not rest["IsTruncated"]


def test_openid_connect_provider_errors(iam):
    iam.create_open_id_connect_provider(Url="https://twice.example.com")
    with pytest.raises(ClientError) as caught:
        iam.create_open_id_connect_provider(Url="https://twice.example.com")
    assert error_of(caught) == ("EntityAlreadyExists", 409)
    with pytest.raises(ClientError) as caught:
        iam.create_open_id_connect_provider(Url="https://many.example.com",
                                            ClientIDList=[str(n) for n in range(101)])
    assert error_of(caught) == ("LimitExceeded", 409)
    assert "ClientIdsPerOpenIdConnectProvider: 100" in caught.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as caught:
        iam.create_open_id_connect_provider(Url="http://plain.example.com")
    assert error_of(caught) == ("InvalidInput", 400)
    with pytest.raises(ClientError) as caught:
        iam.create_open_id_connect_provider(Url="https://x.example.com",
                                            ThumbprintList=["z" * 40])
    assert error_of(caught) == ("InvalidInput", 400)
    with pytest.raises(ClientError) as caught:
        iam.create_open_id_connect_provider(Url="https://" + "x" * 300)
    assert error_of(caught) == ("ValidationError", 400)
    missing = f"arn:aws:iam::{WIRE_ACCOUNT}:oidc-provider/missing.example.com"
    with pytest.raises(ClientError) as caught:
        iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=missing,
                                                      ClientID="app")
    assert error_of(caught) == ("NoSuchEntity", 404)


def test_a_reader_lists_providers_but_may_not_create_one(iam, reader):
    iam.create_open_id_connect_provider(Url="https://read.example.com")
    arns = [p["Arn"] for p in reader.list_open_id_connect_providers()[
        "OpenIDConnectProviderList"]]
    assert f"arn:aws:iam::{WIRE_ACCOUNT}:oidc-provider/read.example.com" in arns
    with pytest.raises(ClientError) as caught:
        reader.create_saml_provider(Name="sneaky", SAMLMetadataDocument=METADATA)
    assert error_of(caught) == ("AccessDenied", 403)
    assert caught.value.response["Error"]["Message"] == (
        f"User: arn:aws:iam::{WIRE_ACCOUNT}:user/idp-reader is not authorized to perform: "
        f"iam:CreateSAMLProvider on resource: arn:aws:iam::{WIRE_ACCOUNT}:saml-provider/sneaky "
        "because no identity-based policy allows the iam:CreateSAMLProvider action")


def test_the_aws_cli_reads_an_openid_connect_provider(iam, wire_url, wire_root):
    arn = iam.create_open_id_connect_provider(
        Url="https://cli.example.com/path", ClientIDList=["cli"])["OpenIDConnectProviderArn"]
    got = aws_cli(wire_url, wire_root, "iam", "get-open-id-connect-provider",
                  "--open-id-connect-provider-arn", arn)
    assert (got["Url"], got["ClientIDList"]) == ("cli.example.com/path", ["cli"])


@pytest.fixture(scope="module")
def crowded(iam, django_db_blocker):
    """Four providers of each kind (kept for the module)."""
    with django_db_blocker.unblock():
        for index in range(4):
            iam.create_saml_provider(Name=f"crowd-{index}", SAMLMetadataDocument=METADATA,
                                     Tags=[{"Key": "n", "Value": str(index)}])
            iam.create_open_id_connect_provider(Url=f"https://crowd-{index}.example.com")
    return iam


@pytest.mark.parametrize("call", [
    lambda iam: iam.list_saml_providers(),
    lambda iam: iam.list_open_id_connect_providers(),
    lambda iam: iam.get_saml_provider(
        SAMLProviderArn=f"arn:aws:iam::{WIRE_ACCOUNT}:saml-provider/crowd-0"),
])
def test_lists_run_a_bounded_number_of_queries(crowded, call, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        call(crowded)
