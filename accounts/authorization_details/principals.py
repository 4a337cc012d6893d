"""Importing groups, users and roles: create or update each, with its policies, tags,
boundary and memberships, through the operations AWS defines for them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from iamconsole.validators import RESERVED_ROLE_PATHS
from policies.documents import check_document

from ..kinds import GROUP, ROLE, USER, Kind
from ..models import IamGroup, IamUser, Role
from ..operations.groups import CreateGroup, UpdateGroup
from ..operations.memberships import AddUserToGroup, RemoveUserFromGroup
from ..operations.roles import CreateRole, UpdateAssumeRolePolicy, UpdateRole
from ..operations.service_linked_roles import CreateServiceLinkedRole
from ..operations.users import UpdateUser
from ..services import role_create, role_update
from .loading import existing_entities
from .new_users import import_new_users
from .parse import Principal
from .reading import refuse
from .sync import sync_attachments, sync_boundary, sync_fields, sync_inline, sync_tags

if TYPE_CHECKING:
    from .importer import Importer


def _match(item: Principal, existing: dict[str, Any]) -> Any:
    return existing.get(item.unique_id) or existing.get(item.name.lower())


def _resolved(importer: Importer, item: Principal) -> list[tuple[Any, str]]:
    """The entity's attached policies as rows with their JSON paths."""
    importer.source = item.source
    found = [(importer.policy(ref.key, ref.where), ref.where) for ref in item.attached]
    return [(policy, where) for policy, where in found if policy is not None]


def _boundary(importer: Importer, item: Principal) -> Any:
    if item.boundary is None:
        return None
    importer.source = item.source
    return importer.policy(item.boundary.key, item.boundary.where)


def _renamed(importer: Importer, entity: Any, item: Principal, update: Any,
             new_name_field: str) -> bool:
    """Update<Kind> with the file's name and path when they differ."""
    if entity.name == item.name and entity.path == item.path:
        return False
    importer.run(update, where=item.where, new_path=item.path,
                 **{update.kind.name_field: entity.name, new_name_field: item.name})
    entity.refresh_from_db()
    return True


def _policies(importer: Importer, kind: Kind, entity: Any, item: Principal) -> bool:
    changed = sync_inline(importer, kind, entity, item.inline)
    return sync_attachments(importer, kind, entity, _resolved(importer, item)) or changed


def import_groups(importer: Importer) -> None:
    """CreateGroup or UpdateGroup for each group of the file, then its policies."""
    existing = existing_entities(IamGroup, importer.account)
    for item in importer.details.groups.values():
        importer.source, importer.where = item.source, item.where
        group = _match(item, existing)
        created = group is None
        if created:
            group = importer.run(CreateGroup, group_name=item.name, path=item.path)
            changed = False
        else:
            changed = _renamed(importer, group, item, UpdateGroup, "new_group_name")
        changed |= importer.keep_identity(group, item)
        changed |= _policies(importer, GROUP, group, item)
        importer.result.record("groups", created=created, changed=changed)
        importer.groups[group.name.lower()] = group
    importer.groups.update({
        g.name.lower(): g for g in IamGroup.objects.filter(account=importer.account)
        if g.name.lower() not in importer.groups
    })


def import_users(importer: Importer) -> None:
    """The new users in batches (see new_users), then UpdateUser (tags, boundary) for each
    existing one, and its groups and policies."""
    existing = existing_entities(IamUser, importer.account)
    items = list(importer.details.users.values())
    import_new_users(importer, [item for item in items if _match(item, existing) is None])
    for item in items:
        importer.source, importer.where = item.source, item.where
        user = _match(item, existing)
        if user is None:
            continue  # created above
        boundary = _boundary(importer, item)
        changed = _renamed(importer, user, item, UpdateUser, "new_user_name")
        changed |= sync_tags(importer, USER, user.name, user, item.tags)
        changed |= sync_boundary(importer, USER, user, boundary)
        changed |= importer.keep_identity(user, item)
        changed |= _memberships(importer, user, item)
        changed |= _policies(importer, USER, user, item)
        importer.result.record("users", changed=changed)
        importer.users[user.name.lower()] = user


def _memberships(importer: Importer, user: IamUser, item: Principal) -> bool:
    """AddUserToGroup and RemoveUserFromGroup until the user is in the file's groups."""
    wanted: dict[int, IamGroup] = {}
    for ref in item.groups:
        group = importer.groups.get(ref.key.lower())
        if group is None:
            refuse(item.source, ref.where, f"the group {ref.key} is neither in the file "
                   "nor in the account")
        wanted[group.pk] = group
    current = {m.group_id: m.group for m in user.memberships.all()}
    for pk, group in current.items():
        if pk not in wanted:
            importer.run(RemoveUserFromGroup, group_name=group.name, user_name=user.name)
    for pk, group in wanted.items():
        if pk not in current:
            importer.run(AddUserToGroup, group_name=group.name, user_name=user.name)
    return set(current) != set(wanted)


def import_roles(importer: Importer) -> None:
    """CreateRole (CreateServiceLinkedRole in AWS's reserved paths) or UpdateRole,
    UpdateAssumeRolePolicy, tags and boundary for each role, then its policies."""
    existing = existing_entities(Role, importer.account)
    for item in importer.details.roles.values():
        importer.source, importer.where = item.source, item.where
        role = _match(item, existing)
        boundary = _boundary(importer, item)
        settings_given = importer.details.role_settings.get(item.name.lower())
        created = role is None
        changed = False
        if created:
            description, duration = settings_given or ("", 3600)
            role = _create_role(importer, item, description, duration, boundary)
        else:
            changed |= _update_role(importer, role, item, settings_given, boundary)
        changed |= importer.keep_identity(role, item)
        changed |= _policies(importer, ROLE, role, item)
        last_used, region = item.last_used
        if last_used is not None:
            changed |= sync_fields(role, last_used_at=last_used, last_used_region=region)
        importer.result.record("roles", created=created, changed=changed)
        importer.roles[role.name.lower()] = role


def _update_role(importer: Importer, role: Role, item: Principal,
                 settings_given: tuple[str, int] | None, boundary: Any) -> bool:
    changed = False
    if role.name != item.name or role.path != item.path:
        # AWS cannot rename a role; a copy follows its source, as UpdateRole on both ARNs.
        for arn in (role.arn, _arn(importer, item)):
            importer.authorize(UpdateRole, arn)
        with importer.at(item.where):
            role = role_update(role=role, new_name=item.name, new_path=item.path)
        changed = True
    if role.trust_policy != item.trust_policy:
        importer.run(UpdateAssumeRolePolicy, role_name=role.name,
                     policy_document=item.trust_policy)
        changed = True
    if settings_given is not None and (
        role.description, role.max_session_duration
    ) != settings_given:
        importer.run(UpdateRole, role_name=role.name, description=settings_given[0],
                     max_session_duration=settings_given[1])
        changed = True
    role.refresh_from_db()
    changed |= sync_tags(importer, ROLE, role.name, role, item.tags)
    return sync_boundary(importer, ROLE, role, boundary) or changed


def _arn(importer: Importer, item: Principal) -> str:
    return f"arn:aws:iam::{importer.account.account_id}:role{item.path}{item.name}"


def _create_role(importer: Importer, item: Principal, description: str, duration: int,
                 boundary: Any) -> Role:
    if not item.path.lower().startswith(RESERVED_ROLE_PATHS):
        return importer.run(
            CreateRole, role_name=item.name, path=item.path,
            assume_role_policy_document=item.trust_policy, description=description,
            max_session_duration=duration, tags=item.tags,
            permissions_boundary=boundary.arn if boundary else None,
        )
    # Service-linked roles: AWS creates them in its reserved paths, which CreateRole
    # refuses; a copy of the account keeps them as they are, as CreateServiceLinkedRole for
    # the service that trusts it.
    with importer.at(item.where):
        trust = check_document(item.trust_policy, policy_type="trust", field="trust_policy")
    service = _service_of(trust.document)
    importer.authorize(CreateServiceLinkedRole, _arn(importer, item),
                       CreateServiceLinkedRole.service_context(service))
    with importer.at(item.where):
        return role_create(
            account=importer.account, name=item.name, path=item.path,
            trust_policy=item.trust_policy, description=description,
            max_session_duration=duration, tags=item.tags, service_linked=True,
        )


def _service_of(trust: dict[str, Any]) -> str | None:
    """The service principal a service-linked role's trust policy names."""
    for statement in trust.get("Statement", []):
        service = (statement.get("Principal") or {}).get("Service")
        if isinstance(service, str):
            return service
        if isinstance(service, list) and service:
            return str(service[0])
    return None
