"""Small accounts for the analysis tests: a developer `dev` with one policy, and what a
technique acts on."""

from __future__ import annotations

from typing import Any

from accounts.models import Account, IamGroup, IamUser, Role
from tests.documents import ALLOW_ALL, EC2_TRUST, allow, document
from tests.factories import (
    AccessKeyFactory,
    AccountFactory,
    GroupMembershipFactory,
    IamGroupFactory,
    IamUserFactory,
    InlinePolicyFactory,
    InstanceProfileFactory,
    LoginProfileFactory,
    ManagedPolicyFactory,
    PolicyAttachmentFactory,
    PolicyVersionFactory,
    RoleFactory,
)

READ = document(allow(["s3:GetObject", "s3:ListBucket"], "*"))


def trust(service: str | None = None, aws: str | None = None) -> dict[str, Any]:
    principal = {"Service": service} if service else {"AWS": aws}
    return document({"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"})


class Small:
    """An account with `dev` (the actor), `admin` (AdministratorAccess-like inline policy)
    and whatever a test adds."""

    def __init__(self, dev_policy: dict[str, Any] | None = None) -> None:
        self.account: Account = AccountFactory()
        self.id = self.account.account_id
        self.dev = self.user("dev", dev_policy or READ)

    def arn(self, resource: str) -> str:
        return f"arn:aws:iam::{self.id}:{resource}"

    def user(self, name: str, policy: dict[str, Any] | None = None) -> IamUser:
        user = IamUserFactory(account=self.account, name=name)
        if policy is not None:
            InlinePolicyFactory(user=user, name=f"{name}-policy", document_source=policy)
        return user

    def role(self, name: str, policy: dict[str, Any] | None = None,
             trusts: dict[str, Any] = EC2_TRUST, profile: bool = False) -> Role:
        role = RoleFactory(account=self.account, name=name, trust=trusts)
        if policy is not None:
            InlinePolicyFactory(user=None, role=role, name=f"{name}-policy",
                                document_source=policy)
        if profile:
            InstanceProfileFactory(account=self.account, name=f"{name}-profile", role=role)
        return role

    def group(self, name: str, policy: dict[str, Any] | None = None,
              members: tuple[IamUser, ...] = ()) -> IamGroup:
        group = IamGroupFactory(account=self.account, name=name)
        if policy is not None:
            InlinePolicyFactory(user=None, group=group, name=f"{name}-policy",
                                document_source=policy)
        for member in members:
            GroupMembershipFactory(user=member, group=group)
        return group

    def managed(self, name: str, policy: dict[str, Any], *, to: Any = None,
                versions: tuple[dict[str, Any], ...] = ()) -> Any:
        managed = ManagedPolicyFactory(account=self.account, name=name, document=policy)
        for version in versions:
            PolicyVersionFactory(policy=managed, document=version)
        if to is not None:
            field = {IamUser: "user", IamGroup: "group", Role: "role"}[type(to)]
            PolicyAttachmentFactory(**{"user": None, field: to}, account=self.account,
                                    policy=managed)
        return managed

    def login(self, user: IamUser) -> None:
        LoginProfileFactory(user=user)

    def key(self, user: IamUser) -> None:
        AccessKeyFactory(user=user)


ADMIN = ALLOW_ALL
