"""Each principal's decisions, on the engine's prepared (batch) path, with the statements
that decided them.

A principal is evaluated as a console session signed in with MFA over TLS (the most that
its policies can allow a person): condition keys the analysis cannot know (source IP, time
windows are the time of the analysis) are absent, so statements whose conditions test them
do not apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from iamconsole.principal import Principal

from ..authorization import PolicySet, build_policy_set, request_context
from ..engine import AuthorizationRequest, EvaluationResult, Evaluator, prepare
from ..selectors import EffectivePolicies, PolicySource
from .candidates import may_allow
from .model import AccountModel, Entity

SESSION_NAME = "iamconsole-analysis"
# Administrator-equivalent: allowed every one of these. The first names no real service,
# so only an Action "*" (or a NotAction that leaves it out) on every resource allows it.
ADMIN_PROBES = (
    ("iamconsole-probe:AnyAction", "arn:aws:iamconsole-probe:us-east-1:{account}:thing/any"),
    ("iam:CreateUser", "arn:aws:iam::{account}:user/iamconsole-probe"),
    ("iam:AttachRolePolicy", "arn:aws:iam::{account}:role/iamconsole-probe"),
    ("iam:PutUserPolicy", "arn:aws:iam::{account}:user/iamconsole-probe"),
    ("iam:CreatePolicyVersion", "arn:aws:iam::{account}:policy/iamconsole-probe"),
    ("iam:PassRole", "arn:aws:iam::{account}:role/iamconsole-probe"),
    ("ec2:RunInstances", "*"),
    ("s3:PutObject", "arn:aws:s3:::iamconsole-probe/key"),
    ("lambda:CreateFunction", "arn:aws:lambda:us-east-1:{account}:function:iamconsole-probe"),
    ("dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:{account}:table/iamconsole-probe"),
)
ADMIN_POLICY_TEXT = (
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", '
    '"Resource": "*"}]}'
)


@dataclass(frozen=True)
class Grant:
    """A statement that allowed a step: which policy, reached how."""

    policy: str  # the policy's name (a trust policy: "trust policy of <role>")
    policy_arn: str  # a managed policy's ARN, else ""
    kind: str  # "managed" | "inline" | "trust" | "external"
    via_group: str | None
    statement_index: int
    sid: str | None

    @property
    def statement(self) -> str:
        label = f"statement {self.statement_index + 1}"
        return f"{label} (Sid {self.sid})" if self.sid else label

    def as_dict(self) -> dict[str, Any]:
        return {"policy": self.policy, "policy_arn": self.policy_arn, "kind": self.kind,
                "via_group": self.via_group, "statement_index": self.statement_index,
                "sid": self.sid}


def session_arn(entity: Entity) -> str:
    """The ARN the engine sees for the principal: a user, or a session of the role."""
    if entity.kind == "role":
        return f"arn:aws:sts::{entity.account_id}:assumed-role/{entity.name}/{SESSION_NAME}"
    return entity.arn


def policy_set(entity: Entity, extra: tuple[PolicySource, ...] = ()) -> PolicySet:
    """The entity's policy set, as `policy_set_for` builds it (plus `extra` policies)."""
    effective = EffectivePolicies(entity.arn, entity.identity + extra, entity.boundary)
    return build_policy_set(effective, entity.tags)


def principal_of(entity: Entity, account_pk: int) -> Principal:
    """A console session of the entity (a group is seen as one of its members)."""
    kind = "assumed-role" if entity.kind == "role" else "user"
    unique_id = f"{entity.unique_id}:{SESSION_NAME}" if kind == "assumed-role" else (
        entity.unique_id)
    return Principal(kind=kind, account_id=entity.account_id, arn=session_arn(entity),
                     unique_id=unique_id, name=entity.name, account_pk=account_pk,
                     session_name=SESSION_NAME if kind == "assumed-role" else None,
                     mfa_authenticated_at=datetime.now(UTC), via="session",
                     secure_transport=True)


def extra_source(name: str, text: str) -> PolicySource:
    """A policy a step would add (an attached administrator policy, a new version)."""
    return PolicySource(source_type="user-managed", source_id=name, name=name,
                        document_text=text, document={})


class Evaluators:
    """Prepared evaluators of one account's principals, built once each and kept."""

    def __init__(self, model: AccountModel, *, now: datetime | None = None) -> None:
        self.model = model
        self.now = now or datetime.now(UTC)
        self._evaluators: dict[tuple[Any, ...], Evaluator] = {}
        self._sets: dict[str, PolicySet] = {}
        self._contexts: dict[str, dict[str, Any]] = {}
        self._tags: dict[str, bool] = {}

    def policy_set(self, entity: Entity) -> PolicySet:
        found = self._sets.get(entity.arn)
        if found is None:
            found = self._sets[entity.arn] = policy_set(entity)
        return found

    def context(self, entity: Entity) -> dict[str, Any]:
        found = self._contexts.get(entity.arn)
        if found is None:
            principal = principal_of(entity, self.model.account_pk)
            # The context reads the set's ARN and tags only: no need to compile it.
            light = PolicySet(entity.arn, entity.identity, entity.boundary, entity.tags,
                              frozenset())
            found = request_context(principal, light, now=self.now)
            self._contexts[entity.arn] = found
        return found

    def tests_resource_tags(self, entity: Entity) -> bool:
        found = self._tags.get(entity.arn)
        if found is None:
            texts = [s.document_text for s in entity.identity]
            if entity.boundary is not None:
                texts.append(entity.boundary.document_text)
            # Only a document that names a ResourceTag key can test one (no compiling then).
            found = any("resourcetag/" in text.lower() for text in texts) and (
                self.policy_set(entity).tests_resource_tags)
            self._tags[entity.arn] = found
        return found

    def request(self, entity: Entity, *, extra: tuple[PolicySource, ...] = (),
                context: Mapping[str, Any] | None = None, resource_policy: str | None = None,
                resource_account: str | None = None) -> AuthorizationRequest:
        """The engine template for the entity (with `extra` policies, added context keys, a
        resource-based policy)."""
        sources = entity.identity + extra
        return AuthorizationRequest(
            principal=session_arn(entity), action="sts:GetCallerIdentity", resource="*",
            resource_account=resource_account,
            context={**self.context(entity), **(context or {})},
            identity_policies=[s.document_text for s in sources],
            permissions_boundaries=[entity.boundary.document_text] if entity.boundary else [],
            resource_policy=resource_policy)

    def may_allow(self, entity: Entity, action: str, resource: str) -> bool:
        """The quick pre-check (candidates.py) on the entity's identity policies: False
        means the engine would deny."""
        return may_allow((s.document_text for s in entity.identity), action, resource)

    def evaluator(self, entity: Entity, **options: Any) -> Evaluator:
        """The entity's prepared evaluator (see `request` for the options)."""
        key = (entity.arn, tuple(s.document_text for s in options.get("extra", ())),
               tuple(sorted((options.get("context") or {}).items())),
               options.get("resource_policy"), options.get("resource_account"))
        found = self._evaluators.get(key)
        if found is None:
            found = self._evaluators[key] = prepare(self.request(entity, **options))
        return found

    def evaluate(self, entity: Entity, action: str, resource: str,
                 **options: Any) -> EvaluationResult:
        return self.evaluator(entity, **options).evaluate(action, resource)

    def is_admin(self, entity: Entity, **options: Any) -> bool:
        """Whether the entity's permissions are administrator-equivalent."""
        evaluator = self.evaluator(entity, **options)
        account = entity.account_id
        return all(evaluator.evaluate(action, resource.format(account=account)).allowed
                   for action, resource in ADMIN_PROBES)

    def grants(self, entity: Entity, result: EvaluationResult,
               extra: tuple[PolicySource, ...] = (), trust_of: str = "") -> list[Grant]:
        """The Allow statements that decided `result`, named by their policies."""
        sources = entity.identity + extra
        found: list[Grant] = []
        for m in result.matched_statements:
            if m.effect != "Allow":
                continue
            if m.policy_type == "identity" and m.policy_index < len(sources):
                s = sources[m.policy_index]
                managed = s.source_type.endswith("managed")
                found.append(Grant(s.name, s.source_id if managed else "",
                                   "managed" if managed else "inline", s.via_group,
                                   m.statement_index, m.sid))
            elif m.policy_type == "resource" and trust_of:
                found.append(Grant(f"trust policy of {trust_of}", "", "trust", None,
                                   m.statement_index, m.sid))
        return found
