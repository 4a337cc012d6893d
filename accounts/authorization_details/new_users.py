"""The file's new users, created in batches: thousands of users import in seconds.

Each user is authorized as the operations that would create it one by one (CreateUser
with its tags and boundary, AddUserToGroup, AttachUserPolicy, PutUserPolicy: their own
validation and requirements, decided with the caller's pinned policies), and checked
against the same quotas and rules as the services; the first refusal or error stops the
import, located at the user's entry. Only then is a batch written, with one INSERT per kind
of row (users, memberships, attachments, inline policies) instead of several queries per
operation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone

from iamconsole.cache import invalidate_principal_policies
from iamconsole.exceptions import EntityAlreadyExists
from iamconsole.identifiers import USER_ID_PREFIX, iam_arn, new_unique_id
from iamconsole.services import check_imported_id, check_quota
from iamconsole.validators import validate_tags
from policies.documents import check_document
from policies.models import InlinePolicy, PolicyAttachment
from policies.operations.attached import AttachUserPolicy
from policies.operations.inline import PutUserPolicy
from policies.services import check_attachable, check_inline_size

from ..models import GroupMembership, IamUser
from ..operations.memberships import AddUserToGroup
from ..operations.users import CreateUser
from ..services.users import check_boundary_policy
from .parse import Principal
from .reading import refuse

if TYPE_CHECKING:
    from .importer import Importer

# Users written per round of INSERTs: a few queries per batch, bounded parameter lists.
BATCH = 500


class NewUser(NamedTuple):
    """A user to create, with its groups, attached policies and inline policies (rows
    unsaved until the batch is written)."""

    user: IamUser
    groups: list[Any]
    attached: list[Any]
    inline: list[InlinePolicy]


def _chunks(items: list[Principal]) -> Iterator[list[Principal]]:
    for start in range(0, len(items), BATCH):
        yield items[start:start + BATCH]


def _free_ids(items: list[Principal]) -> set[str]:
    """The file's user IDs that no user here has yet (one query per batch)."""
    wanted = [item.unique_id for item in items]
    taken = set(IamUser.objects.filter(unique_id__in=wanted).values_list("unique_id",
                                                                         flat=True))
    return set(wanted) - taken


def _user(importer: Importer, item: Principal, free: set[str]) -> IamUser:
    """CreateUser, authorized (tags and boundary included), as an unsaved row."""
    account = importer.account
    boundary = importer.policy(item.boundary.key, item.boundary.where) if item.boundary else None
    importer.source = item.source
    importer.run_found(CreateUser, {"boundary": boundary}, user_name=item.name,
                       path=item.path, tags=item.tags,
                       permissions_boundary=boundary.arn if boundary else None)
    with importer.at(item.where):
        if boundary is not None:
            check_boundary_policy(account.pk, boundary)
        unique_id = check_imported_id(item.unique_id)
    if unique_id in free:
        free.discard(unique_id)  # two entries of the file with one ID: the second gets a new one
    else:
        importer.warn(f"{item.where}: ID {unique_id} is used in another account here, so "
                      f"{item.name} got a new ID.")
        unique_id = new_unique_id(USER_ID_PREFIX)
    credentials = importer.details.credentials.get(item.name.lower())
    return IamUser(
        account=account, name=item.name, path=item.path, tags=validate_tags(item.tags),
        permissions_boundary=boundary, unique_id=unique_id,
        created_at=item.created_at or timezone.now(),
        arn=iam_arn(account.account_id, "user", item.path, item.name),
        password_last_used_at=credentials.password_last_used if credentials else None,
    )


def _planned(importer: Importer, item: Principal, free: set[str]) -> NewUser:
    """The user and its memberships and policies, each authorized as its operation."""
    new = NewUser(_user(importer, item, free), [], [], [])
    user, target = new.user, {"user_name": item.name}
    for ref in item.groups:
        group = importer.groups.get(ref.key.lower())
        if group is None:
            refuse(item.source, ref.where, f"the group {ref.key} is neither in the file "
                   "nor in the account")
        if group not in new.groups:
            importer.run_found(AddUserToGroup, {"entity": group, "user": user},
                               where=ref.where, group_name=group.name, **target)
            new.groups.append(group)
    with importer.at(item.where):
        check_quota(setting="IAM_MAX_GROUPS_PER_USER", count=0, adding=len(new.groups),
                    quota_name="GroupsPerUser")
    for ref in item.attached:
        policy = importer.policy(ref.key, ref.where)
        if policy is None or policy in new.attached:
            continue
        importer.run_found(AttachUserPolicy, {"entity": user, "policy": policy},
                           where=ref.where, policy_arn=policy.arn, **target)
        with importer.at(ref.where):
            check_attachable(policy, user)
        new.attached.append(policy)
    with importer.at(item.where):
        check_quota(setting="IAM_MAX_ATTACHED_POLICIES_USER", count=0,
                    adding=len(new.attached), quota_name="PoliciesPerUser")
    inline: dict[str, InlinePolicy] = {}
    for given in item.inline:
        importer.run_found(PutUserPolicy, {"entity": user}, where=given.where,
                           policy_name=given.name, policy_document=given.text, **target)
        with importer.at(given.where):
            checked = check_document(given.text, policy_type="identity")
        inline[given.name.lower()] = InlinePolicy(
            account_id=user.account_id, user=user, name=given.name,
            document_text=checked.text, document=checked.document, size=checked.size)
        with importer.at(given.where):
            check_inline_size(user, sum(p.size for p in inline.values()))
    new.inline.extend(inline.values())
    return new


def _write(batch: list[NewUser]) -> None:
    """Insert the batch: users, then their memberships, attachments and inline policies."""
    try:
        with transaction.atomic():
            IamUser.objects.bulk_create([new.user for new in batch])
            GroupMembership.objects.bulk_create([
                GroupMembership(group=group, user=new.user)
                for new in batch for group in new.groups])
            PolicyAttachment.objects.bulk_create([
                PolicyAttachment(account_id=new.user.account_id, policy=policy, user=new.user)
                for new in batch for policy in new.attached])
            InlinePolicy.objects.bulk_create([p for new in batch for p in new.inline])
    except IntegrityError as exc:  # a racing request created one of these users meanwhile
        raise EntityAlreadyExists("A user of the file was created meanwhile; import again.",
                                  field="name") from exc


def import_new_users(importer: Importer, items: list[Principal]) -> None:
    """Create the users of `items` (none of which exists in the account), batch by batch."""
    if not items:
        return
    account = importer.account
    check_quota(setting="IAM_QUOTA_USERS", quota_name="UsersPerAccount",
                count=IamUser.objects.filter(account=account).count(), adding=len(items))
    for chunk in _chunks(items):
        free = _free_ids(chunk)
        batch = []
        for item in chunk:
            importer.where = item.where
            batch.append(_planned(importer, item, free))
        _write(batch)
        importer.caller.changed()
        for new in batch:
            importer.result.record("users", created=True, changed=False)
            importer.users[new.user.name.lower()] = new.user
    invalidate_principal_policies(account.pk)
