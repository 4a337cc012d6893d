"""Importing managed policies: customer-managed ones with every version, AWS-managed by ARN."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings

from iamconsole.exceptions import IamError
from iamconsole.identifiers import iam_arn
from iamconsole.validators import validate_description, validate_path
from policies.models import ManagedPolicy, PolicyVersion
from policies.services import policy_create
from policies.services.managed import check_managed_document

from .parse import Policy
from .reading import located, refuse
from .sync import same_moment, sync_fields, sync_tags

if TYPE_CHECKING:
    from .importer import Importer


def import_policies(importer: Importer) -> None:
    """Create or update the file's customer-managed policies; look up the AWS-managed ones."""
    account = importer.account
    rows = list(ManagedPolicy.objects.filter(account=account).prefetch_related("versions"))
    existing: dict[str, Any] = {row.unique_id: row for row in rows}
    existing.update({row.name.lower(): row for row in rows})
    for item in importer.details.policies.values():
        importer.source = item.source
        if item.aws_managed:
            found = ManagedPolicy.objects.filter(arn=item.arn, account=None).first()
            if found is None:
                importer.warn(f"{item.where}: the AWS-managed policy {item.arn} is not in this "
                              "console's catalogue; attachments of it were skipped.")
            else:
                importer.policies[item.arn] = found
            continue
        policy = existing.get(item.unique_id) or existing.get(item.name.lower())
        created = policy is None
        with importer.at(item.where):
            policy, changed = (
                (_create(importer, item), False) if created else (policy, _update(policy, item))
            )
            changed |= _sync_versions(policy, item)
            changed |= sync_fields(policy, created_at=item.created_at,
                                   updated_at=item.updated_at)
        importer.policies[policy.arn] = policy
        importer.result.record("policies", created=created, changed=changed)


def _create(importer: Importer, item: Policy) -> Any:
    default = next(v for v in item.versions if v.is_default)
    return policy_create(
        account=importer.account,
        name=item.name,
        policy_document=default.text,
        path=item.path,
        description=item.description,
        tags=item.tags,
        unique_id=importer.free_id(ManagedPolicy, item.unique_id, item),
        created_at=item.created_at,
        version_id=f"v{default.number}",
    )


def _update(policy: Any, item: Policy) -> bool:
    """Path, description (fixed in AWS once created, but a copy follows its source), tags."""
    changed = False
    if policy.name != item.name or policy.path != item.path:
        validate_path(item.path, policy=True)
        changed |= sync_fields(
            policy, name=item.name, path=item.path,
            arn=iam_arn(policy.account.account_id, "policy", item.path, item.name),
        )
    if policy.description != item.description:
        changed |= sync_fields(policy, description=validate_description(item.description))
    changed |= sync_tags(policy, item.tags)
    return changed


def _sync_versions(policy: Any, item: Policy) -> bool:
    """Make the policy's versions exactly the file's, replacing them when any differs.

    AWS's API has no call to rewrite a version history, so this writes the rows directly,
    after validating every document as CreatePolicyVersion would.
    """
    current = {v.number: v for v in policy.versions.all()}
    same = len(current) == len(item.versions) and all(
        v.number in current
        and current[v.number].document_text == v.text
        and current[v.number].is_default == v.is_default
        and same_moment(current[v.number].created_at, v.created_at)
        for v in item.versions
    )
    if same:
        return False
    limit = settings.IAM_MAX_POLICY_VERSIONS
    if len(item.versions) > limit:
        refuse(item.source, f"{item.where}.PolicyVersionList",
               f"a managed policy has at most {limit} versions")
    rows = []
    for index, version in enumerate(item.versions):
        checked = _checked(check_managed_document, version.text, item, index)
        rows.append(PolicyVersion(
            policy=policy,
            number=version.number,
            document_text=checked.text,
            document=checked.document,
            is_default=version.is_default,
            created_at=version.created_at or item.created_at or policy.created_at,
        ))
    PolicyVersion.objects.filter(policy=policy).delete()
    PolicyVersion.objects.bulk_create(rows)
    highest = max(v.number for v in item.versions)
    sync_fields(policy, next_version_number=max(policy.next_version_number, highest + 1))
    return True


def _checked(check: Any, text: str, item: Policy, index: int) -> Any:
    try:
        return check(text)
    except IamError as exc:
        where = f"{item.where}.PolicyVersionList[{index}].Document"
        raise located(exc, item.source, where) from exc
