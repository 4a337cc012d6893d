"""Tagging users, roles, customer-managed policies, instance profiles and MFA devices."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import models, transaction

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import InvalidInput, UnmodifiableEntity
from iamconsole.services import lock
from iamconsole.validators import TAGS_MAX, merge_tags

from ..models import IamGroup


def _taggable(resource: models.Model) -> None:
    if isinstance(resource, IamGroup):
        raise InvalidInput("IAM groups cannot be tagged.", field="tags")
    if not hasattr(resource, "tags"):
        raise InvalidInput(f"A {type(resource).__name__} cannot be tagged.", field="tags")
    if getattr(resource, "account_id", True) is None:
        raise UnmodifiableEntity("AWS-managed policies cannot be tagged.")


def _after_change(resource: models.Model) -> None:
    # Principal tags (aws:PrincipalTag) and resource tags (aws:ResourceTag) feed decisions.
    account_pk = getattr(resource, "account_id", None)
    if account_pk is not None:
        invalidate_principal_policies(account_pk)


@transaction.atomic
def tag_resource(*, resource: models.Model, tags: Mapping[str, str]) -> models.Model:
    """Add or overwrite tags (TagUser, TagRole...); one bad tag fails the whole request.

    The row is locked for the read-modify-write, so concurrent taggers never lose a tag.
    """
    _taggable(resource)
    if not isinstance(tags, Mapping) or not tags:
        raise InvalidInput("Give at least one tag.", field="tags")
    resource = lock(resource)
    resource.tags = merge_tags(resource.tags, tags)
    resource.save(update_fields=["tags", "updated_at"])
    _after_change(resource)
    return resource


@transaction.atomic
def untag_resource(*, resource: models.Model, keys: Iterable[str]) -> models.Model:
    """Remove tags by key, ignoring case and keys that are absent (UntagUser, UntagRole...)."""
    _taggable(resource)
    keys = list(keys)
    if len(keys) > TAGS_MAX:
        raise InvalidInput("At most 50 tag keys can be removed in one request.", field="tags")
    drop = {key.lower() for key in keys}
    resource = lock(resource)
    resource.tags = {k: v for k, v in resource.tags.items() if k.lower() not in drop}
    resource.save(update_fields=["tags", "updated_at"])
    _after_change(resource)
    return resource
