"""The AWS-managed policy catalogue, loaded from the copy the `moto` package ships."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from iamconsole.cache import invalidate_all_principal_policies
from iamconsole.identifiers import AWS_MANAGED_ACCOUNT, POLICY_ID_PREFIX, iam_arn, stable_unique_id

from ..models import ManagedPolicy, PolicyVersion

# The order AWS shows policy elements in; the packaged documents come with sorted keys.
_TOP_ORDER = ("Version", "Id", "Statement")
_STATEMENT_ORDER = (
    "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
    "Resource", "NotResource", "Condition",
)
# AWS-managed policies for service-linked roles cannot be attached to users, groups or roles.
SERVICE_ROLE_PATH = "/aws-service-role/"
_BATCH = 500


@dataclass(frozen=True)
class CatalogueEntry:
    """One AWS-managed policy as the catalogue describes its default version."""

    name: str
    path: str
    version_number: int
    document: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    # moto's catalogue has no descriptions today (its entries hold the document, path,
    # versions and dates); one that does fills this, and none is ever invented.
    description: str = ""

    @property
    def arn(self) -> str:
        """`arn:aws:iam::aws:policy{path}{name}`."""
        return iam_arn(AWS_MANAGED_ACCOUNT, "policy", self.path, self.name)

    @property
    def unique_id(self) -> str:
        """An `ANPA` ID derived from the ARN, the same on every installation."""
        return stable_unique_id(POLICY_ID_PREFIX, self.arn)

    def document_text(self) -> str:
        """The document as text, elements in AWS's order, indented as AWS shows it."""
        return json.dumps(_ordered(self.document, _TOP_ORDER), indent=4)


@dataclass(frozen=True)
class CatalogueSync:
    """What a sync did."""

    created: int
    updated: int
    total: int


def _ordered(obj: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    known = {key: obj[key] for key in order if key in obj}
    rest = {key: value for key, value in obj.items() if key not in known}
    result = {**known, **rest}
    statements = result.get("Statement")
    if order is _TOP_ORDER and isinstance(statements, list):
        result["Statement"] = [
            _ordered(s, _STATEMENT_ORDER) if isinstance(s, dict) else s for s in statements
        ]
    elif order is _TOP_ORDER and isinstance(statements, dict):
        result["Statement"] = _ordered(statements, _STATEMENT_ORDER)
    return result


@functools.lru_cache(maxsize=1)
def catalogue_entries() -> tuple[CatalogueEntry, ...]:
    """Every AWS-managed policy in the installed moto package (read once per process)."""
    # Importing moto costs about 0.3 s and its catalogue several MB: only loading the catalogue
    # needs it, not every process that imports the services.
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    entries = []
    for name, data in json.loads(aws_managed_policies_data).items():
        document = data["Document"]
        if isinstance(document, str):
            document = json.loads(document)
        entries.append(
            CatalogueEntry(
                name=name,
                path=data.get("Path") or "/",
                version_number=int(str(data.get("DefaultVersionId") or "v1").lstrip("v")),
                document=document,
                created_at=datetime.fromisoformat(data["CreateDate"]),
                updated_at=datetime.fromisoformat(data["UpdateDate"]),
                description=str(data.get("Description") or ""),
            )
        )
    return tuple(sorted(entries, key=lambda e: e.name))


def _policy(entry: CatalogueEntry) -> ManagedPolicy:
    return ManagedPolicy(
        account=None,
        name=entry.name,
        path=entry.path,
        description=entry.description,
        unique_id=entry.unique_id,
        arn=entry.arn,
        is_attachable=entry.path != SERVICE_ROLE_PATH,
        next_version_number=entry.version_number + 1,
        created_at=entry.created_at,
        updated_at=entry.updated_at,
    )


def _version(policy_pk: int, entry: CatalogueEntry) -> PolicyVersion:
    text = entry.document_text()
    return PolicyVersion(
        policy_id=policy_pk,
        number=entry.version_number,
        document_text=text,
        document=json.loads(text),
        is_default=True,
        created_at=entry.updated_at,
    )


def _update(policy_pk: int, entry: CatalogueEntry) -> None:
    """Make the catalogue's default version current, adding it when it is new."""
    PolicyVersion.objects.filter(policy_id=policy_pk, is_default=True).update(is_default=False)
    updated = PolicyVersion.objects.filter(policy_id=policy_pk, number=entry.version_number)
    if not updated.update(is_default=True):
        _version(policy_pk, entry).save()
    policy = ManagedPolicy.objects.get(pk=policy_pk)
    policy.updated_at = entry.updated_at
    policy.next_version_number = max(policy.next_version_number, entry.version_number + 1)
    policy.save(update_fields=["updated_at", "next_version_number"])


@transaction.atomic
def aws_managed_policies_sync() -> CatalogueSync:
    """Load or refresh the AWS-managed policies (idempotent, bulk; two queries when current).

    New policies are inserted in bulk; a policy whose default version changed gets that
    version as its new default (older versions stay, as AWS keeps them). Policies that left
    the catalogue are kept, since accounts may still have them attached.
    """
    entries = catalogue_entries()
    current = dict(
        PolicyVersion.objects.filter(policy__account__isnull=True, is_default=True)
        .values_list("policy__arn", "number")
    )
    known = dict(
        ManagedPolicy.objects.filter(account__isnull=True).values_list("arn", "pk")
    )
    new = [e for e in entries if e.arn not in known]
    changed = [
        e for e in entries if e.arn in known and current.get(e.arn) != e.version_number
    ]
    if new:
        ManagedPolicy.objects.bulk_create([_policy(e) for e in new], batch_size=_BATCH)
        pks = dict(
            ManagedPolicy.objects.filter(
                account__isnull=True, arn__in=[e.arn for e in new]
            ).values_list("arn", "pk")
        )
        PolicyVersion.objects.bulk_create(
            [_version(pks[e.arn], e) for e in new], batch_size=_BATCH
        )
    for entry in changed:
        _update(known[entry.arn], entry)
    if changed:
        invalidate_all_principal_policies()
    return CatalogueSync(created=len(new), updated=len(changed), total=len(known) + len(new))
