"""Who can do X on Y, checked against a brute-force simulation of every principal: each
user and role evaluated one by one with the policies console authorization loads for it
(`policy_set_for`), and every AssumeRole decided with the role's trust policy."""

from __future__ import annotations

import pytest

from accounts.models import IamUser, Role
from iamconsole.exceptions import InvalidInput
from policies.analysis import expand_actions, load_account, who_can
from policies.analysis.evaluators import principal_of
from policies.authorization import (
    Requirement,
    authorization_request,
    policy_set_for,
    request_context,
)
from policies.condition_keys import resource_tag_context
from policies.engine import evaluate
from tests.documents import allow, deny, document
from tests.factories import AccountFactory, IamUserFactory, InlinePolicyFactory

from .accounts import ADMIN, READ, Small, trust

pytestmark = pytest.mark.django_db

QUESTIONS = [
    ("s3:GetObject", "arn:aws:s3:::reports/q1.csv"),
    ("s3:DeleteObject", "arn:aws:s3:::reports/q1.csv"),
    ("s3:Delete*", "arn:aws:s3:::reports/q1.csv"),
    ("iam:CreateUser", "*"),
    ("ec2:RunInstances", "*"),
    ("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111111111111:table/orders"),
    # A condition on the resource's tags: gina may delete the red team's users only.
    ("iam:DeleteUser", "arn:aws:iam::300000000000:user/carol"),
    ("iam:DeleteUser", "arn:aws:iam::300000000000:user/dave"),
]


def _world() -> Small:
    s = Small()
    s.managed("reports", document(allow("s3:*", "arn:aws:s3:::reports/*", Sid="Reports")),
              to=s.group("analysts", READ, members=(s.dev, s.user("ann"))))
    s.user("boss", ADMIN)
    carol = s.user("carol", document(allow("*", "*"), deny("s3:Delete*", "*")))
    carol.tags = {"team": "red"}
    carol.save()
    s.user("dave", document(allow("s3:DeleteObject", "*", Condition={
        "StringEquals": {"aws:PrincipalTag/team": "blue"}})))
    s.user("erin", document(allow("sts:AssumeRole", "*")))
    s.user("frank", document(allow("ec2:*", "*")))
    s.user("gina", document(allow("iam:DeleteUser", "*", Condition={
        "StringEquals": {"aws:ResourceTag/team": "red"}})))
    frank_boundary = s.managed("only-s3", document(allow("s3:*", "*")))
    IamUser.objects.filter(name="frank", account=s.account).update(
        permissions_boundary=frank_boundary)
    s.role("cleaner", document(allow("s3:DeleteObject", "*")),
           trusts=trust(aws=f"arn:aws:iam::{s.id}:root"))
    s.role("chain", document(allow("sts:AssumeRole", "*")), trusts=trust(aws=s.arn("user/ann")))
    s.role("builder", document(allow("ec2:RunInstances", "*")),
           trusts=trust(aws=s.arn("role/chain")))
    s.role("service", ADMIN)
    other = AccountFactory()
    s.role("partner", document(allow("dynamodb:*", "*")),
           trusts=trust(aws=f"arn:aws:iam::{other.account_id}:root"))
    outsider = IamUserFactory(account=other, name="outsider")
    InlinePolicyFactory(user=outsider, document_source=document(allow("sts:AssumeRole", "*")))
    return s


def _brute_allowed(entity: IamUser | Role, account_pk: int, action: str, resource: str) -> bool:
    """One principal, one request, as console authorization builds it."""
    model = load_account(entity.account, others=False)
    principal = principal_of(model.entities[entity.arn], account_pk)
    policies = policy_set_for(entity)
    context = request_context(principal, policies)
    tags = resource_tag_context(resource) if policies.tests_resource_tags else {}
    request = authorization_request(principal.arn, policies,
                                    Requirement(action, resource, tags), context)
    return evaluate(request).allowed


def _brute_force(s: Small, action: str, resource: str) -> set[str]:
    principals: list[IamUser | Role] = [*IamUser.objects.all(), *Role.objects.all()]
    roles = list(Role.objects.filter(account=s.account))
    holders = {p.arn for p in principals if p.account_id == s.account.pk and any(
        _brute_allowed(p, p.account_id, a, resource) for a in expand_actions(action))}
    # Everyone who can assume (in any number of hops) a role that holds it.
    changed = True
    while changed:
        changed = False
        for principal in principals:
            if principal.arn in holders:
                continue
            for role in roles:
                if role.arn in holders and role.arn != principal.arn and _brute_allowed(
                        principal, principal.account_id, "sts:AssumeRole", role.arn):
                    holders.add(principal.arn)
                    changed = True
                    break
    return holders


@pytest.mark.parametrize(("action", "resource"), QUESTIONS)
def test_who_can_equals_brute_force_simulation(action: str, resource: str) -> None:
    s = _world()
    resource = resource.replace("300000000000", s.id)
    answer = who_can(load_account(s.account), action, resource)
    assert {a.principal.arn for a in answer.answers} == _brute_force(s, action, resource)


def test_answers_name_the_statement_and_the_path() -> None:
    s = _world()
    answer = who_can(load_account(s.account), "ec2:RunInstances", "*")
    by_name = {a.principal.name: a for a in answer.answers}
    ann = by_name["ann"]
    assert [(h.technique, h.target.rsplit("/", 1)[-1]) for h in ann.via] == [
        ("sts:AssumeRole", "chain"), ("sts:AssumeRole", "builder")]
    assert ann.grants[0].policy == "builder-policy"
    dev = who_can(load_account(s.account), "s3:GetObject", "arn:aws:s3:::reports/x").answers
    grant = next(a for a in dev if a.principal.name == "dev").grants
    assert any(g.policy == "reports" and g.via_group == "analysts" and g.sid == "Reports"
               for g in grant)
    def names(resource: str) -> set[str]:
        found = who_can(load_account(s.account), "iam:DeleteUser", s.arn(resource)).answers
        return {a.principal.name for a in found}
    assert "gina" in names("user/carol") and "gina" not in names("user/dave")
    outsider = who_can(load_account(s.account), "dynamodb:GetItem", "*").answers
    assert any(a.principal.external and a.principal.name == "outsider" for a in outsider)


@pytest.mark.parametrize(("action", "resource", "field"), [
    ("GetObject", "*", "action"), ("nosuch:Get*", "*", "action"),
    ("s3:Zzz*", "*", "action"), ("s3:GetObject", "bucket", "resource"),
])
def test_bad_questions_name_the_field(action: str, resource: str, field: str) -> None:
    s = Small()
    with pytest.raises(InvalidInput) as error:
        who_can(load_account(s.account), action, resource)
    assert error.value.field == field
