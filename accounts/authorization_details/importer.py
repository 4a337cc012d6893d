"""Importing authorization details into an account: the operations the file implies, as the
caller, in one transaction.

Every change is an operation (CreateUser, UpdateAssumeRolePolicy, DeleteAccessKey,
RemoveUserFromGroup, DeleteAccountPasswordPolicy...) authorized as the caller: the first one
the caller may not perform refuses the whole import with AWS's AccessDenied, and nothing is
written. What AWS's API cannot set but a copy of an account keeps (IDs, dates, version
histories, access key IDs) is written under the authorization of the operation that creates
or changes the entity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from iamconsole.exceptions import AccessDenied, IamError
from iamconsole.operations import Caller, Operation
from iamconsole.services import unique_id_for
from iamconsole.validators import RESERVED_ROLE_PATHS
from policies.condition_keys import attachment_context, current_boundary_context
from policies.models import ManagedPolicy, PolicyAttachment
from policies.services import inline_policy_put

from ..kinds import ROLE, Kind
from ..models import Account, IamGroup, IamUser, Role
from ..signin import root_principal
from . import credentials as credential_sync
from . import policies as policy_sync
from .parse import AuthorizationDetails, Inline, parse_pages
from .principals import import_groups, import_roles, import_users
from .profiles import import_instance_profiles
from .reading import located, refuse
from .sync import kind_operation, sync_fields


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
    """One import run by a caller into its account; `run()` must be called in a transaction."""

    def __init__(self, caller: Caller, details: AuthorizationDetails) -> None:
        self.caller = caller
        self.account = caller.account
        self.details = details
        self.result = ImportResult(self.account.account_id)
        self.source = ""
        self.where = "$"
        self.policies: dict[str, Any] = {}  # local ARN -> ManagedPolicy
        self.groups: dict[str, IamGroup] = {}
        self.users: dict[str, IamUser] = {}
        self.roles: dict[str, Role] = {}

    # --- running operations -----------------------------------------------------------------

    @contextmanager
    def at(self, where: str, source: str | None = None) -> Iterator[None]:
        """Re-raise a domain error with the JSON path of the entry being imported; a refusal
        stays AWS's AccessDenied as it is."""
        try:
            yield
        except AccessDenied:
            raise
        except IamError as exc:
            error = located(exc, self.source if source is None else source, where)
            if error is exc:
                raise
            raise error from exc

    def run(self, operation: type[Operation], *, where: str | None = None, **inputs: Any) -> Any:
        """Run one operation as the caller, errors located at `where` (the current entry)."""
        with self.at(where or self.where):
            return self.caller.run(operation, **inputs)

    def run_found(self, operation: type[Operation], found: dict[str, Any], *,
                  where: str | None = None, **inputs: Any) -> Any:
        """Validate and authorize one operation as the caller, with what it acts on given
        (`found`: rows of a batch not written yet), errors located at `where`; the import
        writes the batch itself (see new_users)."""
        with self.at(where or self.where):
            return operation(caller=self.caller, **inputs).authorize_found(**found)

    def authorize(self, operation: type[Operation], resource: str,
                  context: dict[str, Any] | None = None) -> None:
        """Authorize `operation` on `resource` for a change the import writes itself (a copy
        keeping AWS's IDs and dates, which the operation's own input cannot carry)."""
        self.caller.require(operation, resource, context)

    # --- what the entries refer to ----------------------------------------------------------

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

    def attach(self, kind: Kind, entity: Any, policy: Any, where: str) -> None:
        """Attach<Kind>Policy; AWS's service-role policies only to service-linked roles, and
        any policy to a service-linked role (which only AWS changes): AWS attached those
        itself, so they are written as they are (authorized as AttachRolePolicy)."""
        if kind is ROLE and (entity.service_linked or (
                not policy.is_attachable and entity.path.lower().startswith(RESERVED_ROLE_PATHS))):
            attach = kind_operation(kind, "Attach{}Policy")
            self.authorize(attach, entity.arn, attachment_context(entity, policy.arn))
            PolicyAttachment.objects.create(account_id=entity.account_id, policy=policy,
                                            role=entity)
            return
        self.run(kind_operation(kind, "Attach{}Policy"), where=where, policy_arn=policy.arn,
                 **{kind.name_field: entity.name})

    def put_inline(self, kind: Kind, entity: Any, item: Inline) -> None:
        """Put<Kind>Policy; on a service-linked role (which only AWS changes) the policy AWS
        wrote is written as it is (authorized as PutRolePolicy)."""
        put = kind_operation(kind, "Put{}Policy")
        if not (kind is ROLE and entity.service_linked):
            self.run(put, where=item.where, policy_name=item.name, policy_document=item.text,
                     **{kind.name_field: entity.name})
            return
        self.authorize(put, entity.arn, current_boundary_context(entity))
        with self.at(item.where):
            inline_policy_put(entity=entity, name=item.name, policy_document=item.text)

    def free_id(self, model: type, unique_id: str, item: Any) -> str | None:
        """The file's unique ID when no other entity uses it, else None (a new ID, warned)."""
        if not model._default_manager.filter(unique_id=unique_id).exists():
            return unique_id
        self.warn(f"{item.where}: ID {unique_id} is used in another account here, so "
                  f"{item.name} got a new ID.")
        return None

    def keep_identity(self, entity: Any, item: Any) -> bool:
        """The file's unique ID (when free) and creation date: what only an import sets."""
        changed = False
        if entity.unique_id != item.unique_id and self.free_id(type(entity), item.unique_id,
                                                                 item):
            with self.at(item.where):
                unique_id_for(type(entity), "", item.unique_id)
            changed |= sync_fields(entity, unique_id=item.unique_id)
        if item.created_at is not None:
            changed |= sync_fields(entity, created_at=item.created_at)
        return changed

    # --- the run ----------------------------------------------------------------------------

    def run_all(self) -> ImportResult:
        """Import account settings, policies, groups, users, roles, instance profiles and
        credentials, deciding every operation with the caller's policies as they were when
        the import began."""
        Account.objects.select_for_update().filter(pk=self.account.pk).exists()
        with self.caller.running():
            credential_sync.import_account_settings(self)
            policy_sync.import_policies(self)
            import_groups(self)
            import_users(self)
            import_roles(self)
            import_instance_profiles(self)
            credential_sync.import_credentials(self)
        return self.result


@transaction.atomic
def authorization_details_import(
    *, account: Account, details: AuthorizationDetails, caller: Caller | None = None
) -> ImportResult:
    """Create or update `account`'s entities from parsed authorization details, atomically.

    Users, groups, roles, instance profiles, customer-managed policies (every version),
    inline policies, attachments, boundaries and tags are made to match the file, keeping
    AWS's IDs and dates; entities the file does not mention are left alone. With an
    `x-console` block, account settings and credential metadata follow too. Importing the
    same file again changes nothing. Each change is an operation authorized for `caller`
    (by default the account's root user: the operators' command line); the first refused
    raises AccessDenied, any other problem a domain error whose `field` is the JSON path of
    the entry, and nothing is written.
    """
    caller = caller or Caller(root_principal(account), account)
    if caller.account.pk != account.pk:
        raise AccessDenied("An import writes only into the caller's own account.")
    return Importer(caller, details).run_all()


def import_authorization_details(
    *, account: Account, pages: list[tuple[str, bytes | str]], caller: Caller | None = None
) -> ImportResult:
    """Parse pages (file name, content) of get-account-authorization-details and import them."""
    return authorization_details_import(account=account, details=parse_pages(pages),
                                        caller=caller)
