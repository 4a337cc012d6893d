"""Reads for the simulator page, always within the caller's account: presets, principals,
managed policies to load into an editor."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from accounts.models import IamGroup, IamUser, Role
from iamconsole.exceptions import NoSuchEntity
from policies.models import ManagedPolicy, PolicyVersion, SimulatorPreset

#: The principal picker lists at most this many users, groups and roles each.
PICKER_LIMIT = 1000


def simulator_preset_list(*, account_pk: int) -> QuerySet[SimulatorPreset]:
    """The account's presets by name."""
    return SimulatorPreset.objects.filter(account_id=account_pk).order_by("name", "pk")


def simulator_preset_get(*, account_pk: int, pk: int) -> SimulatorPreset:
    """One of the account's presets, else NoSuchEntity (other accounts' presets included)."""
    preset = SimulatorPreset.objects.filter(account_id=account_pk, pk=pk).first()
    if preset is None:
        raise NoSuchEntity(f"The simulator preset {pk} cannot be found.", field="preset")
    return preset


@dataclass(frozen=True)
class PrincipalChoices:
    """(name, ARN) of the account's users, groups and roles, by name; `truncated` when a
    kind has more than the picker shows."""

    users: list[tuple[str, str]]
    groups: list[tuple[str, str]]
    roles: list[tuple[str, str]]
    truncated: bool


def simulator_principal_choices(*, account_pk: int, users: bool = True, groups: bool = True,
                                roles: bool = True) -> PrincipalChoices:
    """The principals the picker offers (three queries; kinds the caller may not list are
    skipped)."""
    found: dict[str, list[tuple[str, str]]] = {}
    truncated = False
    for kind, model, wanted in (("users", IamUser, users), ("groups", IamGroup, groups),
                                ("roles", Role, roles)):
        rows = list(
            model.objects.filter(account_id=account_pk).order_by("name")
            .values_list("name", "arn")[: PICKER_LIMIT + 1]
        ) if wanted else []
        truncated = truncated or len(rows) > PICKER_LIMIT
        found[kind] = rows[:PICKER_LIMIT]
    return PrincipalChoices(found["users"], found["groups"], found["roles"], truncated)


def simulator_policy_names(*, account_pk: int) -> list[tuple[str, str]]:
    """(name, ARN) of the managed policies an editor can start from: the account's own, then
    AWS's."""
    return list(
        ManagedPolicy.objects.filter(Q(account_id=account_pk) | Q(account__isnull=True))
        .order_by(F("account_id").asc(nulls_last=True), "name").values_list("name", "arn")
    )


def simulator_policy_document(*, account_pk: int, name_or_arn: str) -> tuple[str, str]:
    """(ARN, default version text) of a managed policy named or ARN'd, else NoSuchEntity.

    The account's own policy wins over an AWS-managed one of the same name.
    """
    value = name_or_arn.strip()
    lookup = Q(arn=value) if value.startswith("arn:") else Q(name__iexact=value)
    policy = (
        ManagedPolicy.objects.filter(Q(account_id=account_pk) | Q(account__isnull=True))
        .filter(lookup).order_by(F("account_id").asc(nulls_last=True)).first()
    )
    version = (
        PolicyVersion.objects.filter(policy=policy, is_default=True).first()
        if policy is not None else None
    )
    if policy is None or version is None:
        raise NoSuchEntity(f"The managed policy {value} cannot be found.", field="policy")
    return policy.arn, version.document_text
