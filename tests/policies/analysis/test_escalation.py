"""Privilege escalation: one small account per published technique, each found with the
right steps; an account without any finds none."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from policies.analysis import analyse, load_account
from tests.documents import allow, document

from .accounts import ADMIN, READ, Small, trust

pytestmark = pytest.mark.django_db

Case = Callable[[Small], list[tuple[str, str]]]


def _dev(small: Small, *statements: dict) -> None:
    """Give dev (beside its read policy) the statements."""
    small.managed("dev-extra", document(*statements), to=small.dev)


def create_policy_version(s: Small) -> list[tuple[str, str]]:
    s.managed("dev-tools", document(allow("iam:CreatePolicyVersion", s.arn("policy/dev-tools"))),
              to=s.dev)
    return [("iam:CreatePolicyVersion", "dev")]


def set_default_policy_version(s: Small) -> list[tuple[str, str]]:
    s.managed("dev-tools", document(allow("iam:SetDefaultPolicyVersion",
                                          s.arn("policy/dev-tools"))),
              to=s.dev, versions=(ADMIN,))
    return [("iam:SetDefaultPolicyVersion", "dev")]


def attach_user_policy(s: Small) -> list[tuple[str, str]]:
    _dev(s, allow("iam:AttachUserPolicy", s.arn("user/dev")))
    return [("iam:AttachUserPolicy", "dev")]


def put_user_policy(s: Small) -> list[tuple[str, str]]:
    _dev(s, allow("iam:PutUserPolicy", s.arn("user/dev")))
    return [("iam:PutUserPolicy", "dev")]


def attach_group_policy(s: Small) -> list[tuple[str, str]]:
    s.group("devs", READ, members=(s.dev,))
    _dev(s, allow("iam:AttachGroupPolicy", s.arn("group/devs")))
    return [("iam:AttachGroupPolicy", "dev")]


def put_group_policy(s: Small) -> list[tuple[str, str]]:
    s.group("devs", READ, members=(s.dev,))
    _dev(s, allow("iam:PutGroupPolicy", s.arn("group/devs")))
    return [("iam:PutGroupPolicy", "dev")]


def attach_role_policy(s: Small) -> list[tuple[str, str]]:
    s.role("builder", READ, trusts=trust(aws=s.arn("user/dev")))
    _dev(s, allow("iam:AttachRolePolicy", s.arn("role/builder")))
    return [("iam:AttachRolePolicy", "builder"), ("sts:AssumeRole", "builder")]


def put_role_policy(s: Small) -> list[tuple[str, str]]:
    s.role("builder", READ, trusts=trust(aws=s.arn("user/dev")))
    _dev(s, allow("iam:PutRolePolicy", s.arn("role/builder")))
    return [("iam:PutRolePolicy", "builder"), ("sts:AssumeRole", "builder")]


def add_user_to_group(s: Small) -> list[tuple[str, str]]:
    s.group("admins", ADMIN)
    _dev(s, allow("iam:AddUserToGroup", s.arn("group/admins")))
    return [("iam:AddUserToGroup", "dev")]


def create_access_key(s: Small) -> list[tuple[str, str]]:
    s.user("boss", ADMIN)
    _dev(s, allow("iam:CreateAccessKey", s.arn("user/boss")))
    return [("iam:CreateAccessKey", "boss")]


def create_login_profile(s: Small) -> list[tuple[str, str]]:
    s.user("boss", ADMIN)
    _dev(s, allow("iam:CreateLoginProfile", s.arn("user/boss")))
    return [("iam:CreateLoginProfile", "boss")]


def update_login_profile(s: Small) -> list[tuple[str, str]]:
    s.login(s.user("boss", ADMIN))
    _dev(s, allow("iam:UpdateLoginProfile", s.arn("user/boss")))
    return [("iam:UpdateLoginProfile", "boss")]


def update_assume_role_policy(s: Small) -> list[tuple[str, str]]:
    s.role("ops", ADMIN)
    _dev(s, allow(["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], s.arn("role/ops")))
    return [("iam:UpdateAssumeRolePolicy", "ops")]


def assume_role(s: Small) -> list[tuple[str, str]]:
    s.role("ops", ADMIN, trusts=trust(aws=f"arn:aws:iam::{s.id}:root"))
    _dev(s, allow("sts:AssumeRole", s.arn("role/ops")))
    return [("sts:AssumeRole", "ops")]


def _pass_role(service: str, *actions: str, profile: bool = False) -> Case:
    def case(s: Small) -> list[tuple[str, str]]:
        s.role("worker", ADMIN, trusts=trust(service=service), profile=profile)
        _dev(s, allow("iam:PassRole", s.arn("role/worker")), allow(list(actions), "*"))
        return [("", "worker")]
    case.__name__ = f"pass_role_{service.split('.')[0]}_{actions[-1].split(':')[1]}"
    return case


def _existing(service: str, action: str) -> Case:
    def case(s: Small) -> list[tuple[str, str]]:
        s.role("worker", ADMIN, trusts=trust(service=service))
        _dev(s, allow(action, "*"))
        return [(action, "worker")]
    case.__name__ = f"existing_{action.replace(':', '_')}"
    return case


def chained(s: Small) -> list[tuple[str, str]]:
    s.user("ops", document(allow("iam:AttachUserPolicy", s.arn("user/ops"))))
    _dev(s, allow("iam:CreateAccessKey", s.arn("user/ops")))
    return [("iam:CreateAccessKey", "ops"), ("iam:AttachUserPolicy", "ops")]


CASES: list[Case] = [
    create_policy_version, set_default_policy_version, attach_user_policy, put_user_policy,
    attach_group_policy, put_group_policy, attach_role_policy, put_role_policy,
    add_user_to_group, create_access_key, create_login_profile, update_login_profile,
    update_assume_role_policy, assume_role,
    _pass_role("ec2.amazonaws.com", "ec2:RunInstances", profile=True),
    _pass_role("lambda.amazonaws.com", "lambda:CreateFunction", "lambda:InvokeFunction"),
    _pass_role("lambda.amazonaws.com", "lambda:CreateFunction",
               "lambda:CreateEventSourceMapping"),
    _pass_role("glue.amazonaws.com", "glue:CreateDevEndpoint"),
    _pass_role("cloudformation.amazonaws.com", "cloudformation:CreateStack"),
    _pass_role("datapipeline.amazonaws.com", "datapipeline:CreatePipeline",
               "datapipeline:PutPipelineDefinition"),
    _pass_role("codebuild.amazonaws.com", "codebuild:CreateProject", "codebuild:StartBuild"),
    _pass_role("sagemaker.amazonaws.com", "sagemaker:CreateNotebookInstance",
               "sagemaker:CreatePresignedNotebookInstanceUrl"),
    _pass_role("ecs-tasks.amazonaws.com", "ecs:RegisterTaskDefinition", "ecs:RunTask"),
    _existing("lambda.amazonaws.com", "lambda:UpdateFunctionCode"),
    _existing("glue.amazonaws.com", "glue:UpdateDevEndpoint"),
    chained,
]


def _name(arn: str) -> str:
    return arn.rsplit("/", 1)[-1]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_each_technique_is_found_with_its_steps(case: Case) -> None:
    small = Small()
    expected = case(small)
    report = analyse(load_account(small.account))
    finding = report.for_principal(small.dev.arn)
    assert finding is not None, report
    steps = [(s.technique, _name(s.target)) for s in finding.steps]
    if expected[0][0] == "":  # PassRole: the technique names the service's actions
        assert [t for _, t in steps] == [t for _, t in expected]
        assert steps[0][0].startswith("PassRole+")
    else:
        assert steps == expected
    # Every step names the statement that allows it.
    assert all(step.grants for step in finding.steps)
    # dev first (an intermediate principal may escalate too: ops in `chained`).
    assert report.findings[0].principal == small.dev.arn


def test_each_step_names_the_permitting_statement() -> None:
    small = Small()
    small.managed("dev-tools", document(
        allow("iam:CreatePolicyVersion", small.arn("policy/dev-tools"), Sid="Versions")),
        to=small.dev)
    finding = analyse(load_account(small.account)).for_principal(small.dev.arn)
    assert finding is not None
    grant = finding.steps[0].grants[0]
    assert (grant.policy, grant.sid, grant.kind) == ("dev-tools", "Versions", "managed")


def test_an_account_without_escalation_has_no_finding() -> None:
    small = Small()
    small.key(small.user("boss", ADMIN))
    small.role("worker", ADMIN, profile=True)  # trusts EC2, but nobody may pass it
    small.role("reader", READ, trusts=trust(aws=small.arn("user/dev")))
    small.group("devs", READ, members=(small.dev,))
    # Allowed on other resources only: its own group's policy is not its to change.
    small.managed("dev-extra", document(allow("iam:PutUserPolicy", small.arn("user/intern")),
                                        allow("iam:PassRole", small.arn("role/reader"))),
                  to=small.dev)
    report = analyse(load_account(small.account))
    assert report.findings == []
    assert report.admins == [small.arn("user/boss"), small.arn("role/worker")]


def test_a_permissions_boundary_stops_a_self_attach() -> None:
    small = Small(document(allow("iam:AttachUserPolicy", "*"), allow("s3:*", "*")))
    boundary = small.managed("boundary", document(allow(["s3:*", "iam:AttachUserPolicy"], "*")))
    small.dev.permissions_boundary = boundary
    small.dev.save()
    assert analyse(load_account(small.account)).findings == []


def test_an_explicit_deny_stops_a_technique() -> None:
    small = Small(document(allow("iam:AttachUserPolicy", "*"),
                           {"Effect": "Deny", "Action": "iam:Attach*", "Resource": "*"}))
    assert analyse(load_account(small.account)).findings == []
