"""Tags' Unicode-category patterns from the model, answered with AWS's ValidationError."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError


def test_a_tag_key_outside_the_models_character_class_is_a_validation_error(iam):
    with pytest.raises(ClientError) as caught:
        iam.create_user(UserName="tag-pattern", Tags=[{"Key": "NOWAY!", "Value": "x"}])
    error = caught.value.response["Error"]
    assert error["Code"] == "ValidationError"
    assert error["Message"] == (
        "1 validation error detected: Value 'NOWAY!' at 'tags.1.member.key' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: "
        "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+")


def test_letters_spaces_and_digits_of_any_script_make_a_valid_tag(iam):
    tags = [{"Key": "équipe 1", "Value": "données: ٣ / é"}, {"Key": "empty", "Value": ""}]
    created = iam.create_user(UserName="tag-unicode", Tags=tags)["User"]
    assert created["Tags"] == sorted(tags, key=lambda tag: tag["Key"])  # listed by key
