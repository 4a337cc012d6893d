"""Importing instance profiles: the ones inside roles and the role-less ones of x-console."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..kinds import INSTANCE_PROFILE
from ..models import InstanceProfile
from ..operations.instance_profiles import (
    AddRoleToInstanceProfile,
    CreateInstanceProfile,
    RemoveRoleFromInstanceProfile,
)
from .loading import existing_entities
from .sync import sync_tags

if TYPE_CHECKING:
    from .importer import Importer


def import_instance_profiles(importer: Importer) -> None:
    """CreateInstanceProfile, tags, and Remove/AddRoleToInstanceProfile until each profile
    the file lists holds the right role (or none)."""
    existing = existing_entities(InstanceProfile, importer.account)
    for item in importer.details.profiles.values():
        importer.source, importer.where = item.source, item.where
        role = importer.roles.get(item.role.lower()) if item.role else None
        profile = existing.get(item.unique_id) or existing.get(item.name.lower())
        created = profile is None
        changed = False
        if created:
            profile = importer.run(CreateInstanceProfile, instance_profile_name=item.name,
                                   path=item.path, tags=item.tags)
        else:
            changed |= sync_tags(importer, INSTANCE_PROFILE, profile.name, profile, item.tags)
        if profile.role_id != (role.pk if role else None):
            if profile.role is not None:
                importer.run(RemoveRoleFromInstanceProfile, instance_profile_name=profile.name,
                             role_name=profile.role.name)
            if role is not None:
                importer.run(AddRoleToInstanceProfile, instance_profile_name=profile.name,
                             role_name=role.name)
            profile.refresh_from_db()
            changed = True
        changed |= importer.keep_identity(profile, item)
        importer.result.record("instance profiles", created=created, changed=changed)
