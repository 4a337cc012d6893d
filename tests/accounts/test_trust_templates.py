"""Trust policies written as the AWS console's create-role wizard writes them."""

import json

import pytest

from accounts import trust_templates as trust
from policies.validation import validate_policy


def _valid_trust(document):
    report = validate_policy(trust.to_text(document), "trust")
    assert report.ok, [f.message for f in report.errors]


def test_an_aws_service_is_trusted_with_lists_as_the_console_writes_them():
    document = trust.aws_service_trust(["ec2.amazonaws.com"])
    assert document == {
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": ["sts:AssumeRole"],
            "Principal": {"Service": ["ec2.amazonaws.com"]},
        }],
    }
    _valid_trust(document)


def test_an_account_without_options_gets_an_empty_condition():
    document = trust.aws_account_trust("111122223333")
    assert document["Statement"] == [{
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": "sts:AssumeRole",
        "Condition": {},
    }]
    _valid_trust(document)


def test_external_id_and_mfa_become_their_conditions():
    document = trust.aws_account_trust("111122223333", external_id="Partner-42",
                                       require_mfa=True)
    assert document["Statement"][0]["Condition"] == {
        "StringEquals": {"sts:ExternalId": "Partner-42"},
        "Bool": {"aws:MultiFactorAuthPresent": "true"},
    }
    _valid_trust(document)


def test_an_account_id_has_twelve_digits():
    with pytest.raises(ValueError):
        trust.aws_account_trust("12345")


@pytest.mark.parametrize("provider, principal, key", [
    ("google", "accounts.google.com", "accounts.google.com:aud"),
    ("cognito", "cognito-identity.amazonaws.com", "cognito-identity.amazonaws.com:aud"),
    ("facebook", "graph.facebook.com", "graph.facebook.com:app_id"),
    ("amazon", "www.amazon.com", "www.amazon.com:app_id"),
])
def test_well_known_web_identity_providers_use_their_audience_keys(provider, principal, key):
    document = trust.web_identity_trust(account_id="111122223333", provider=provider,
                                        audience="my-app")
    statement = document["Statement"][0]
    assert statement["Principal"] == {"Federated": principal}
    assert statement["Action"] == "sts:AssumeRoleWithWebIdentity"
    assert statement["Condition"] == {"StringEquals": {key: "my-app"}}
    _valid_trust(document)


def test_an_oidc_provider_is_named_by_its_iam_arn_and_aud_key():
    document = trust.web_identity_trust(
        account_id="111122223333", provider="oidc", audience="sts.amazonaws.com",
        oidc_url="https://token.actions.githubusercontent.com/",
    )
    statement = document["Statement"][0]
    assert statement["Principal"] == {
        "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
    }
    assert statement["Condition"] == {
        "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}
    }
    _valid_trust(document)


def test_saml_console_access_requires_the_sign_in_audience():
    arn = "arn:aws:iam::111122223333:saml-provider/Okta"
    document = trust.saml_trust(provider_arn=arn, console_access=True)
    assert document["Statement"] == [{
        "Effect": "Allow",
        "Principal": {"Federated": arn},
        "Action": "sts:AssumeRoleWithSAML",
        "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}},
    }]
    _valid_trust(document)


def test_saml_programmatic_access_takes_an_optional_attribute_condition():
    arn = "arn:aws:iam::111122223333:saml-provider/Okta"
    assert "Condition" not in trust.saml_trust(provider_arn=arn,
                                               console_access=False)["Statement"][0]
    document = trust.saml_trust(provider_arn=arn, console_access=False,
                                attribute="SAML:sub_type", value="persistent")
    assert document["Statement"][0]["Condition"] == {
        "StringEquals": {"SAML:sub_type": "persistent"}
    }


def test_text_is_indented_with_four_spaces():
    text = trust.to_text(trust.aws_service_trust(["lambda.amazonaws.com"]))
    assert text.splitlines()[1] == '    "Version": "2012-10-17",'
    assert json.loads(text)["Statement"][0]["Principal"]["Service"] == ["lambda.amazonaws.com"]


def test_the_ssm_use_case_preselects_its_managed_policy_and_gets_an_instance_profile():
    use_case = trust.USE_CASES_BY_KEY["ec2-ssm"]
    assert use_case.principal == "ec2.amazonaws.com"
    assert use_case.policies == ("AmazonSSMManagedInstanceCore",)
    assert use_case.instance_profile
    assert not trust.USE_CASES_BY_KEY["lambda"].instance_profile


def test_trusted_entities_label_each_kind_of_principal_once():
    document = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com",
                                                      "lambda.amazonaws.com"]},
         "Action": "sts:AssumeRole"},
        {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root",
                                                  "444455556666",
                                                  "arn:aws:iam::111122223333:role/Ops"]},
         "Action": "sts:AssumeRole"},
        {"Effect": "Allow",
         "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"},
         "Action": "sts:AssumeRoleWithSAML"},
        {"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"},
         "Action": "sts:AssumeRoleWithWebIdentity"},
        {"Effect": "Deny", "Principal": {"AWS": "999999999999"}, "Action": "sts:AssumeRole"},
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
         "Action": "sts:AssumeRole"},
    ]}
    assert trust.trusted_entities(document) == [
        "AWS service: ec2",
        "AWS service: lambda",
        "Account: 111122223333",
        "Account: 444455556666",
        "Principal: arn:aws:iam::111122223333:role/Ops",
        "Identity provider: saml-provider/Okta",
        "Identity provider: accounts.google.com",
    ]


def test_trusted_entities_of_odd_documents():
    assert trust.trusted_entities(None) == []
    assert trust.trusted_entities({"Statement": {"Effect": "Allow", "Principal": "*"}}) == [
        "Anyone"]
    assert trust.trusted_entities({"Statement": "nonsense"}) == []
    assert trust.trusts_service(trust.aws_service_trust(["ec2.amazonaws.com"]),
                                "ec2.amazonaws.com")
    assert not trust.trusts_service(trust.aws_account_trust("111122223333"),
                                    "ec2.amazonaws.com")
