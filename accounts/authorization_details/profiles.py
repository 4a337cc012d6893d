"""Importing instance profiles: the ones inside roles and the role-less ones of x-console."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import InstanceProfile
from ..services import (
    instance_profile_add_role,
    instance_profile_create,
    instance_profile_remove_role,
)
from .sync import existing_entities, sync_fields, sync_tags

if TYPE_CHECKING:
    from .importer import Importer


def import_instance_profiles(importer: Importer) -> None:
    """Create or update each profile the file lists and put the right role (or none) in it."""
    existing = existing_entities(InstanceProfile, importer.account)
    for item in importer.details.profiles.values():
        importer.source = item.source
        role = importer.roles.get(item.role.lower()) if item.role else None
        profile = existing.get(item.unique_id) or existing.get(item.name.lower())
        created = profile is None
        changed = False
        with importer.at(item.where):
            if created:
                profile = instance_profile_create(
                    account=importer.account, name=item.name, path=item.path, tags=item.tags,
                    role=role, unique_id=importer.free_id(InstanceProfile, item.unique_id, item),
                    created_at=item.created_at,
                )
            else:
                changed |= sync_tags(profile, item.tags)
                if profile.role_id != (role.pk if role else None):
                    if profile.role is not None:
                        profile = instance_profile_remove_role(
                            instance_profile=profile, role=profile.role
                        )
                    if role is not None:
                        instance_profile_add_role(instance_profile=profile, role=role)
                    changed = True
                if item.created_at is not None:
                    changed |= sync_fields(profile, created_at=item.created_at)
        importer.result.record("instance profiles", created=created, changed=changed)
