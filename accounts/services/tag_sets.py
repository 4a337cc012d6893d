"""Replacing a resource's whole tag set at once, as the console's "Manage tags" page saves it."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import models, transaction

from iamconsole.validators import validate_tags

from .tags import tag_resource, untag_resource


@transaction.atomic
def tags_replace(*, resource: models.Model, tags: Mapping[str, str]) -> models.Model:
    """Make `tags` the resource's tags: untag the keys not kept, tag the new and changed ones.

    One transaction, and the whole set is checked first (AWS's rules, at most 50 tags), so a
    bad tag changes nothing.
    """
    wanted = validate_tags(tags)
    current: dict[str, str] = dict(getattr(resource, "tags", {}) or {})
    kept = {key.lower() for key in wanted}
    removed = [key for key in current if key.lower() not in kept]
    if removed:
        resource = untag_resource(resource=resource, keys=removed)
    changed = {k: v for k, v in wanted.items() if current.get(k) != v or k not in current}
    if changed:
        resource = tag_resource(resource=resource, tags=changed)
    return resource
