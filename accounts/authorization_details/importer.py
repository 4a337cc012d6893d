"""Importing authorization details into an account: create or update, in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import IamError
from iamconsole.identifiers import ROLE_ID_PREFIX, iam_arn
from iamconsole.services import clean, save_new, unique_id_for
from iamconsole.validators import validate_name, validate_path, validate_tags
from policies.documents import check_document
from policies.models import ManagedPolicy, PolicyAttachment
from policies.services import policy_attach

from ..models import Account, IamGroup, IamUser, Role
from ..services import (
    group_add_user,
    group_create,
    group_remove_user,
    group_update,
    role_create,
    role_update,
    role_update_trust_policy,
    user_create,
    user_update,
)
from ..services.roles import RESERVED_ROLE_PATHS
from . import credentials as credential_sync
from . import policies as policy_sync
from .parse import AuthorizationDetails, Principal, parse_pages
from .profiles import import_instance_profiles
from .reading import located, refuse
from .sync import (
    existing_entities,
    sync_attachments,
    sync_boundary,
    sync_fields,
    sync_inline,
    sync_tags,
)


@dataclass
class ImportResult:
    """What an import did, by entity kind: created, updated and unchanged counts, warnings."""

    account_id: str
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def record(self, kind: str, *, created: bool = False, changed: bool = False) -> None:
        """Count one entity of `kind`."""
        counter = self.created if created else self.updated if changed else self.unchanged
        counter[kind] += 1

    @property
    def changed_anything(self) -> bool:
        """True when the import created or updated something."""
        return bool(self.created or self.updated)

    def summary(self) -> str:
        """One line per kind, e.g. `users: 3 created, 1 updated, 8 unchanged`."""
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return "\n".join(
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            for kind in kinds
        ) or "nothing to import"


class Importer:
    """One import run; `run()` must be called inside a transaction."""

    def __init__(self, account: Account, details: AuthorizationDetails) -> None:
        self.account = account
        self.details = details
        self.result = ImportResult(account.account_id)
        self.source = ""
        self.policies: dict[str, Any] = {}  # local ARN -> ManagedPolicy
        self.groups: dict[str, IamGroup] = {}
        self.users: dict[str, IamUser] = {}
        self.roles: dict[str, Role] = {}

    @contextmanager
    def at(self, where: str, source: str | None = None) -> Iterator[None]:
        """Re-raise a service's domain error with the JSON path of the entry being imported."""
        try:
            yield
        except IamError as exc:
            error = located(exc, self.source if source is None else source, where)
            if error is exc:
                raise
            raise error from exc

    def local_arn(self, arn: str) -> str:
        """The ARN with the file's account ID replaced by the target account's."""
        source = self.details.source_account
        if source and f"::{source}:" in arn:
            return arn.replace(f"::{source}:", f"::{self.account.account_id}:", 1)
        return arn

    def warn(self, message: str) -> None:
        """Record a problem that does not stop the import."""
        if message not in self.result.warnings:
            self.result.warnings.append(message)

    def policy(self, arn: str, where: str) -> Any:
        """The managed policy an attachment or boundary names, or None (skipped, warned)."""
        local = self.local_arn(arn)
        found = self.policies.get(local)
        if found is None:
            found = ManagedPolicy.objects.filter(arn=local, account__in=[self.account]).first()
            found = found or ManagedPolicy.objects.filter(arn=local, account=None).first()
            if found is not None:
                self.policies[local] = found
        if found is None:
            if ":aws:policy/" in local:
                self.warn(f"{where}: the AWS-managed policy {local} is not in this console's "
                          "catalogue, so it was not attached.")
                return None
            refuse(self.source, where, f"the policy {arn} is neither in the file's Policies "
                   "nor in the account")
        return found

    def resolved(self, item: Principal) -> list[tuple[Any, str]]:
        """The entity's attached policies as rows with their JSON paths."""
        self.source = item.source
        found = [(self.policy(ref.key, ref.where), ref.where) for ref in item.attached]
        return [(policy, where) for policy, where in found if policy is not None]

    def attach(self, policy: Any, entity: Any, where: str) -> None:
        """Attach a policy; AWS's service-role policies only to service-linked roles."""
        with self.at(where):
            if not policy.is_attachable and isinstance(entity, Role) and entity.path.lower(
            ).startswith(RESERVED_ROLE_PATHS):
                PolicyAttachment.objects.create(
                    account_id=entity.account_id, policy=policy, role=entity
                )
            else:
                policy_attach(policy=policy, entity=entity)

    def free_id(self, model: type, unique_id: str, item: Principal | Any) -> str | None:
        """The file's unique ID when no other entity uses it, else None (a new ID, warned)."""
        if not model._default_manager.filter(unique_id=unique_id).exists():
            return unique_id
        self.warn(f"{item.where}: ID {unique_id} is used in another account here, so "
                  f"{item.name} got a new ID.")
        return None

    # --- the run ------------------------------------------------------------------------

    def run(self) -> ImportResult:
        """Import account settings, policies, groups, users, roles and instance profiles."""
        self.account = Account.objects.select_for_update().get(pk=self.account.pk)
        credential_sync.import_account_settings(self)
        policy_sync.import_policies(self)
        existing_groups = existing_entities(IamGroup, self.account)
        for item in self.details.groups.values():
            self.groups[item.name.lower()] = self._group(item, existing_groups)
        self.groups.update({
            g.name.lower(): g for g in IamGroup.objects.filter(account=self.account)
            if g.name.lower() not in self.groups
        })
        existing_users = existing_entities(IamUser, self.account)
        for item in self.details.users.values():
            self.users[item.name.lower()] = self._user(item, existing_users)
        existing_roles = existing_entities(Role, self.account)
        for item in self.details.roles.values():
            self.roles[item.name.lower()] = self._role(item, existing_roles)
        import_instance_profiles(self)
        credential_sync.import_credentials(self)
        invalidate_principal_policies(self.account.pk)
        return self.result

    def _match(self, item: Principal, existing: dict[str, Any]) -> Any:
        return existing.get(item.unique_id) or existing.get(item.name.lower())

    def _renamed(self, entity: Any, item: Principal, update: Any) -> bool:
        if entity.name == item.name and entity.path == item.path:
            return False
        with self.at(item.where):
            update(**{item.kind: entity}, new_name=item.name, new_path=item.path)
        entity.refresh_from_db()
        return True

    def _common(self, entity: Any, item: Principal) -> bool:
        """ID and creation date: what only an import sets."""
        changed = False
        if entity.unique_id != item.unique_id and self.free_id(type(entity), item.unique_id,
                                                                 item):
            with self.at(item.where):
                unique_id_for(type(entity), "", item.unique_id)
            changed |= sync_fields(entity, unique_id=item.unique_id)
        if item.created_at is not None:
            changed |= sync_fields(entity, created_at=item.created_at)
        return changed

    def _group(self, item: Principal, existing: dict[str, Any]) -> IamGroup:
        self.source = item.source
        group = self._match(item, existing)
        created = group is None
        changed = False
        if created:
            with self.at(item.where):
                group = group_create(
                    account=self.account, name=item.name, path=item.path,
                    unique_id=self.free_id(IamGroup, item.unique_id, item),
                    created_at=item.created_at,
                )
        else:
            changed |= self._renamed(group, item, group_update)
            changed |= self._common(group, item)
        changed |= sync_inline(group, item.inline, self.at)
        changed |= sync_attachments(group, self.resolved(item), self.attach)
        self.result.record("groups", created=created, changed=changed)
        return group

    def _boundary(self, item: Principal) -> Any:
        if item.boundary is None:
            return None
        self.source = item.source
        return self.policy(item.boundary.key, item.boundary.where)

    def _user(self, item: Principal, existing: dict[str, Any]) -> IamUser:
        self.source = item.source
        user = self._match(item, existing)
        boundary = self._boundary(item)
        created = user is None
        changed = False
        if created:
            with self.at(item.where):
                user = user_create(
                    account=self.account, name=item.name, path=item.path, tags=item.tags,
                    permissions_boundary=boundary,
                    unique_id=self.free_id(IamUser, item.unique_id, item),
                    created_at=item.created_at,
                )
        else:
            changed |= self._renamed(user, item, user_update)
            changed |= self._common(user, item)
            with self.at(item.where):
                changed |= sync_tags(user, item.tags)
                changed |= sync_boundary(user, boundary)
        changed |= self._memberships(user, item)
        changed |= sync_inline(user, item.inline, self.at)
        changed |= sync_attachments(user, self.resolved(item), self.attach)
        self.result.record("users", created=created, changed=changed)
        return user

    def _memberships(self, user: IamUser, item: Principal) -> bool:
        wanted: dict[int, IamGroup] = {}
        for ref in item.groups:
            group = self.groups.get(ref.key.lower())
            if group is None:
                refuse(item.source, ref.where, f"the group {ref.key} is neither in the file "
                       "nor in the account")
            wanted[group.pk] = group
        current = {m.group_id: m.group for m in user.memberships.all()}
        for pk, group in current.items():
            if pk not in wanted:
                group_remove_user(group=group, user=user)
        for pk, group in wanted.items():
            if pk not in current:
                with self.at(item.where):
                    group_add_user(group=group, user=user)
        return set(current) != set(wanted)

    def _role(self, item: Principal, existing: dict[str, Any]) -> Role:
        self.source = item.source
        role = self._match(item, existing)
        boundary = self._boundary(item)
        settings_given = self.details.role_settings.get(item.name.lower())
        created = role is None
        changed = False
        if created:
            description, duration = settings_given or ("", 3600)
            with self.at(item.where):
                role = self._create_role(item, description, duration, boundary)
        else:
            changed |= self._renamed(role, item, role_update)
            changed |= self._common(role, item)
            with self.at(item.where):
                if role.trust_policy != item.trust_policy:
                    role = role_update_trust_policy(role=role, trust_policy=item.trust_policy)
                    changed = True
                if settings_given is not None and (
                    role.description, role.max_session_duration
                ) != settings_given:
                    role = role_update(role=role, description=settings_given[0],
                                       max_session_duration=settings_given[1])
                    changed = True
                changed |= sync_tags(role, item.tags)
                changed |= sync_boundary(role, boundary)
        changed |= sync_inline(role, item.inline, self.at)
        changed |= sync_attachments(role, self.resolved(item), self.attach)
        last_used, region = item.last_used
        if last_used is not None:
            changed |= sync_fields(role, last_used_at=last_used, last_used_region=region)
        self.result.record("roles", created=created, changed=changed)
        return role

    def _create_role(self, item: Principal, description: str, duration: int,
                     boundary: Any) -> Role:
        unique_id = self.free_id(Role, item.unique_id, item)
        if not item.path.lower().startswith(RESERVED_ROLE_PATHS):
            return role_create(
                account=self.account, name=item.name, path=item.path,
                trust_policy=item.trust_policy, description=description,
                max_session_duration=duration, tags=item.tags,
                permissions_boundary=boundary, unique_id=unique_id,
                created_at=item.created_at,
            )
        # Service-linked roles: AWS creates them in its reserved paths, which CreateRole
        # refuses; a copy of the account keeps them as they are.
        validate_name(item.name, "role")
        validate_path(item.path)
        trust = check_document(item.trust_policy, policy_type="trust",
                               max_size=settings.IAM_TRUST_POLICY_MAX_SIZE, field="trust_policy")
        role = Role(
            account=self.account, name=item.name, path=item.path, description=description,
            max_session_duration=duration, trust_policy=trust.text,
            trust_policy_document=trust.document, tags=validate_tags(item.tags),
            unique_id=unique_id_for(Role, ROLE_ID_PREFIX, unique_id),
            arn=iam_arn(self.account.account_id, "role", item.path, item.name),
        )
        if item.created_at is not None:
            role.created_at = item.created_at
        clean(role)
        return save_new(role, conflict=f"Role with name {item.name} already exists.")


@transaction.atomic
def authorization_details_import(
    *, account: Account, details: AuthorizationDetails
) -> ImportResult:
    """Create or update `account`'s entities from parsed authorization details, atomically.

    Users, groups, roles, instance profiles, customer-managed policies (every version),
    inline policies, attachments, boundaries and tags are made to match the file, keeping
    AWS's IDs and dates; entities the file does not mention are left alone. With an
    `x-console` block, account settings and credential metadata follow too. Importing the
    same file again changes nothing. Any problem raises a domain error whose `field` is the
    JSON path of the entry, and nothing is written.
    """
    return Importer(account, details).run()


def import_authorization_details(
    *, account: Account, pages: list[tuple[str, bytes | str]]
) -> ImportResult:
    """Parse pages (file name, content) of get-account-authorization-details and import them."""
    return authorization_details_import(account=account, details=parse_pages(pages))
