"""Importing managed policies: customer-managed ones with every version, AWS-managed by ARN."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings

from iamconsole.exceptions import IamError
from iamconsole.identifiers import iam_arn
from iamconsole.validators import validate_description, validate_path
from policies.kinds import POLICY
from policies.models import ManagedPolicy, PolicyVersion
from policies.operations.managed import CreatePolicy, DeletePolicy
from policies.operations.versions import (
    CreatePolicyVersion,
    DeletePolicyVersion,
    SetDefaultPolicyVersion,
)
from policies.services.managed import check_managed_document

from .parse import Policy, Version
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
        importer.source, importer.where = item.source, item.where
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
        if created:
            policy = _create(importer, item)
            changed = False
        else:
            changed = _update(importer, policy, item)
        changed |= importer.keep_identity(policy, item)
        changed |= _sync_versions(importer, policy, item, created)
        changed |= sync_fields(policy, updated_at=item.updated_at)
        importer.policies[policy.arn] = policy
        importer.result.record("policies", created=created, changed=changed)


def _create(importer: Importer, item: Policy) -> Any:
    """CreatePolicy with the default version's document (the others follow)."""
    default = next(v for v in item.versions if v.is_default)
    return importer.run(CreatePolicy, policy_name=item.name, policy_document=default.text,
                        path=item.path, description=item.description, tags=item.tags)


def _update(importer: Importer, policy: Any, item: Policy) -> bool:
    """Path and description (fixed in AWS once created, but a copy follows its source, as
    if deleted and created again), tags (UntagPolicy, TagPolicy)."""
    changed = False
    if (policy.name, policy.path, policy.description) != (item.name, item.path,
                                                          item.description):
        arn = iam_arn(importer.account.account_id, "policy", item.path, item.name)
        importer.authorize(DeletePolicy, policy.arn)
        importer.authorize(CreatePolicy, arn)
        with importer.at(item.where):
            validate_path(item.path, policy=True)
            validate_description(item.description)
        changed |= sync_fields(policy, name=item.name, path=item.path, arn=arn,
                               description=item.description)
    return sync_tags(importer, POLICY, policy.arn, policy, item.tags) or changed


def _same(current: PolicyVersion | None, version: Version) -> bool:
    return (current is not None and current.document_text == version.text
            and same_moment(current.created_at, version.created_at))


def _sync_versions(importer: Importer, policy: Any, item: Policy, created: bool) -> bool:
    """Make the policy's versions exactly the file's (numbers, texts, dates, default).

    AWS's API has no call to rewrite a version history: the versions that differ are
    authorized as DeletePolicyVersion and CreatePolicyVersion, a new default as
    SetDefaultPolicyVersion, and the rows are written directly after validating every
    document as CreatePolicyVersion would.
    """
    current = {v.number: v for v in policy.versions.all()}
    if len(current) == len(item.versions) and all(
        _same(current.get(v.number), v) and current[v.number].is_default == v.is_default
        for v in item.versions
    ):
        return False
    limit = settings.IAM_MAX_POLICY_VERSIONS
    if len(item.versions) > limit:
        refuse(item.source, f"{item.where}.PolicyVersionList",
               f"a managed policy has at most {limit} versions")
    wanted = {v.number: v for v in item.versions}
    default = next(v.number for v in item.versions if v.is_default)
    if not created:
        for number, version in current.items():
            if number not in wanted or not _same(version, wanted[number]):
                importer.authorize(DeletePolicyVersion, policy.arn)
    for version in item.versions:
        fresh = created and version.is_default  # CreatePolicy wrote it
        if not fresh and not _same(current.get(version.number), version):
            importer.authorize(CreatePolicyVersion, policy.arn)
    if not created and not (current.get(default) and current[default].is_default):
        importer.authorize(SetDefaultPolicyVersion, policy.arn)
    rows = [
        PolicyVersion(
            policy=policy, number=version.number, document_text=checked.text,
            document=checked.document, is_default=version.is_default,
            created_at=version.created_at or item.created_at or policy.created_at,
        )
        for index, version in enumerate(item.versions)
        for checked in [_checked(version.text, item, index)]
    ]
    PolicyVersion.objects.filter(policy=policy).delete()
    PolicyVersion.objects.bulk_create(rows)
    highest = max(v.number for v in item.versions)
    sync_fields(policy, next_version_number=max(policy.next_version_number, highest + 1))
    return True


def _checked(text: str, item: Policy, index: int) -> Any:
    try:
        return check_managed_document(text)
    except IamError as exc:
        where = f"{item.where}.PolicyVersionList[{index}].Document"
        raise located(exc, item.source, where) from exc
