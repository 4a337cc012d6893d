"""The published IAM privilege-escalation techniques (Rhino Security Labs' list and a few
later ones), each as the engine checks it for one actor.

Two kinds of step:
- *become*: the actor gets another principal's permissions (assumes a role, creates a
  user's credentials, passes a role to a service that runs the actor's code);
- *empower*: the actor gives a principal (itself, or one it can become) administrator
  access (a new policy version, an attached or inline policy, a group to join).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from .evaluators import ADMIN_POLICY_TEXT, Evaluators, Grant, extra_source
from .model import AccountModel, Entity
from .trust import ASSUME, Hop, assume_hop, resource_tags

ADMIN_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"
ADMIN_SOURCE = extra_source("AdministratorAccess", ADMIN_POLICY_TEXT)
# Services that run code with a role passed to them: the actions that start it.
PASS_ROLE_SERVICES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "ec2.amazonaws.com": (("PassRole+ec2:RunInstances", ("ec2:RunInstances",)),),
    "lambda.amazonaws.com": (
        ("PassRole+lambda:CreateFunction+InvokeFunction",
         ("lambda:CreateFunction", "lambda:InvokeFunction")),
        ("PassRole+lambda:CreateFunction+CreateEventSourceMapping",
         ("lambda:CreateFunction", "lambda:CreateEventSourceMapping")),
    ),
    "glue.amazonaws.com": (("PassRole+glue:CreateDevEndpoint", ("glue:CreateDevEndpoint",)),),
    "cloudformation.amazonaws.com": (
        ("PassRole+cloudformation:CreateStack", ("cloudformation:CreateStack",)),),
    "datapipeline.amazonaws.com": (
        ("PassRole+datapipeline:CreatePipeline",
         ("datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition")),),
    "codebuild.amazonaws.com": (
        ("PassRole+codebuild:CreateProject+StartBuild",
         ("codebuild:CreateProject", "codebuild:StartBuild")),),
    "sagemaker.amazonaws.com": (
        ("PassRole+sagemaker:CreateNotebookInstance",
         ("sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl")),),
    "ecs-tasks.amazonaws.com": (
        ("PassRole+ecs:RunTask", ("ecs:RegisterTaskDefinition", "ecs:RunTask")),),
}
# Code already running with a role, changed without passing the role again.
EXISTING_CODE = {
    "lambda.amazonaws.com": ("lambda:UpdateFunctionCode", "a Lambda function"),
    "glue.amazonaws.com": ("glue:UpdateDevEndpoint", "a Glue development endpoint"),
}
# Every technique this module checks (an ID each), for the documentation and the tests.
TECHNIQUES = (
    "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy", "iam:AttachRolePolicy", "iam:PutUserPolicy",
    "iam:PutGroupPolicy", "iam:PutRolePolicy", "iam:AddUserToGroup", "iam:CreateAccessKey",
    "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:UpdateAssumeRolePolicy",
    ASSUME, "lambda:UpdateFunctionCode", "glue:UpdateDevEndpoint",
    *(name for options in PASS_ROLE_SERVICES.values() for name, _ in options),
)

Need = tuple[str, str, dict[str, str]]  # action, resource, context


@dataclass
class Checker:
    """Decides the actions of steps for one account, with a per-actor prefilter on `*`."""

    model: AccountModel
    evs: Evaluators

    def __post_init__(self) -> None:
        self._star: dict[tuple[str, str, tuple[tuple[str, str], ...]], bool] = {}

    def may_at_all(self, actor: Entity, action: str, context: dict[str, str]) -> bool:
        """The optimistic answer on `*`: False means no resource can be allowed (resource
        tags are unknown on `*`, so an actor whose policies test them is asked each time)."""
        if self.evs.tests_resource_tags(actor):
            return True
        key = (actor.arn, action, tuple(sorted(context.items())))
        if key not in self._star:
            self._star[key] = self.evs.may_allow(actor, action, "*") and self.evs.evaluate(
                actor, action, "*", context=context).allowed
        return self._star[key]

    def allows(self, actor: Entity, needs: list[Need],
               target: Entity | None = None) -> tuple[Grant, ...] | None:
        """The statements allowing every need, or None when one is denied."""
        grants: dict[Grant, None] = {}
        for action, resource, context in needs:
            if target is not None and self.evs.tests_resource_tags(actor):
                context = {**resource_tags(target), **context}
            result = self.evs.evaluate(actor, action, resource, context=context or None)
            if not result.allowed:
                return None
            grants.update(dict.fromkeys(self.evs.grants(actor, result)))
        return tuple(grants)


def _trust_for(actor: Entity) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": actor.arn}, "Action": ASSUME}]})


def become(checker: Checker, actor: Entity, assumable: list[Hop]) -> Iterator[Hop]:
    """Every principal the actor can act as, one step away (`assumable`: its AssumeRole
    hops)."""
    model = checker.model
    yield from assumable
    direct = {hop.target for hop in assumable}
    if checker.may_at_all(actor, "iam:UpdateAssumeRolePolicy", {}):
        for role in model.of_kind("role"):
            if role.arn in direct or role.arn == actor.arn:
                continue
            grants = checker.allows(actor, [("iam:UpdateAssumeRolePolicy", role.arn, {})], role)
            hop = assume_hop(checker.evs, actor, role, _trust_for(actor)) if grants else None
            if grants is not None and hop is not None:
                yield Hop(actor.arn, "iam:UpdateAssumeRolePolicy", role.arn,
                          grants + hop.grants, "rewrites the trust policy to name itself, "
                          "then assumes the role")
    yield from _services(checker, actor)
    for action in ("iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"):
        if checker.may_at_all(actor, action, {}):
            for user in model.of_kind("user"):
                if user.arn != actor.arn:
                    yield from _credentials(checker, actor, user, action)


def _credentials(checker: Checker, actor: Entity, user: Entity, action: str) -> Iterator[Hop]:
    if action == "iam:CreateAccessKey":
        if user.access_keys >= 2:
            return
        note = "creates an access key for the user and signs requests as it"
    else:
        if (action == "iam:UpdateLoginProfile") != user.has_login_profile:
            return
        note = "sets the user's console password and signs in as it"
    grants = checker.allows(actor, [(action, user.arn, {})], user)
    if grants is not None:
        yield Hop(actor.arn, action, user.arn, grants, note)


def _services(checker: Checker, actor: Entity) -> Iterator[Hop]:
    roles = checker.model.of_kind("role")
    for service, options in PASS_ROLE_SERVICES.items():
        if not checker.may_at_all(actor, "iam:PassRole", {"iam:PassedToService": service}):
            continue
        for name, actions in options:
            if not all(checker.may_at_all(actor, action, {}) for action in actions):
                continue
            for role in roles:
                if service not in role.trust_services or (
                        service == "ec2.amazonaws.com" and not role.has_instance_profile):
                    continue
                needs: list[Need] = [("iam:PassRole", role.arn,
                                      {"iam:PassedToService": service})]
                needs += [(action, "*", {}) for action in actions]
                grants = checker.allows(actor, needs, role)
                if grants is not None:
                    yield Hop(actor.arn, name, role.arn, grants, f"passes the role to "
                              f"{service}, which runs the actor's code with it")
    for service, (action, what) in EXISTING_CODE.items():
        if not checker.may_at_all(actor, action, {}):
            continue
        for role in roles:
            if service in role.trust_services:
                grants = checker.allows(actor, [(action, "*", {})], role)
                if grants is not None:
                    yield Hop(actor.arn, action, role.arn, grants, f"replaces the code of "
                              f"{what} that runs with this role (if one exists)")


def empower(checker: Checker, actor: Entity) -> Iterator[Hop]:
    """Every principal the actor can give administrator access (itself included)."""
    model = checker.model
    admin_arn = {"iam:PolicyARN": ADMIN_POLICY_ARN}
    for kind in ("user", "role"):
        name = kind.capitalize()
        for action, context in ((f"iam:Attach{name}Policy", admin_arn),
                                (f"iam:Put{name}Policy", {})):
            if not checker.may_at_all(actor, action, context):
                continue
            for target in model.of_kind(kind):
                grants = checker.allows(actor, [(action, target.arn, context)], target)
                if grants is not None:
                    yield Hop(actor.arn, action, target.arn, grants,
                              "gives the principal a policy allowing everything")
    for action, context in (("iam:AttachGroupPolicy", admin_arn), ("iam:PutGroupPolicy", {})):
        if not checker.may_at_all(actor, action, context):
            continue
        for group in model.of_kind("group"):
            grants = checker.allows(actor, [(action, group.arn, context)], group)
            if grants is not None:
                for member in group.members:
                    yield Hop(actor.arn, action, member, grants,
                              f"gives the group {group.name} a policy allowing everything",
                              resource=group.arn)
    if actor.kind == "user" and checker.may_at_all(actor, "iam:AddUserToGroup", {}):
        for group in model.of_kind("group"):
            if group.arn in actor.groups:
                continue
            grants = checker.allows(actor, [("iam:AddUserToGroup", group.arn, {})], group)
            if grants is not None:
                yield Hop(actor.arn, "iam:AddUserToGroup", actor.arn, grants,
                          f"adds itself to the group {group.name}", resource=group.arn)
    yield from _versions(checker, actor)


def _holders(model: AccountModel, arn: str) -> list[str]:
    """The principals a managed policy applies to (directly or through a group)."""
    found: list[str] = []
    for owner in model.policies[arn].attached_to:
        entity = model.entities.get(owner)
        if entity is None:
            continue
        found += list(entity.members) if entity.kind == "group" else [owner]
    return found


def _versions(checker: Checker, actor: Entity) -> Iterator[Hop]:
    model = checker.model
    if not (checker.may_at_all(actor, "iam:CreatePolicyVersion", {})
            or checker.may_at_all(actor, "iam:SetDefaultPolicyVersion", {})):
        return
    for policy in model.policies.values():
        if not policy.customer or not policy.attached_to:
            continue
        holders = _holders(model, policy.arn)
        grants = checker.allows(actor, [("iam:CreatePolicyVersion", policy.arn, {})])
        if grants is not None:
            for holder in holders:
                yield Hop(actor.arn, "iam:CreatePolicyVersion", holder, grants,
                          f"makes a new default version of {policy.name} that allows "
                          "everything", resource=policy.arn)
        for version_id, text in policy.other_versions:
            grants = checker.allows(actor, [("iam:SetDefaultPolicyVersion", policy.arn, {})])
            if grants is None:
                break
            source = extra_source(f"{policy.name} {version_id}", text)
            for holder in holders:
                target = model.entities[holder]
                if checker.evs.is_admin(target, extra=(source,)):
                    yield Hop(actor.arn, "iam:SetDefaultPolicyVersion", holder, grants,
                              f"makes {version_id} of {policy.name} the default version",
                              resource=policy.arn)



def makes_admin(checker: Checker, hop: Hop) -> bool:
    """Whether the empowering hop leaves its target administrator-equivalent (a permissions
    boundary can stop it)."""
    target = checker.model.entities[hop.target]
    if hop.technique == "iam:SetDefaultPolicyVersion":
        return True  # checked with the version itself
    if hop.technique == "iam:AddUserToGroup":
        group = checker.model.entities[hop.resource]
        return checker.evs.is_admin(target, extra=group.identity)
    return checker.evs.is_admin(target, extra=(ADMIN_SOURCE,))
