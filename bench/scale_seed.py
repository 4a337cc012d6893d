"""Bulk rows for bench_scale: a big account in seconds (bypasses the services on purpose)."""

from __future__ import annotations

import json
from typing import Any

_BATCH = 1000


def _doc(index: int) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": f"Bench{index}",
        "Effect": "Allow",
        "Action": ["s3:GetObject", "s3:ListBucket"],
        "Resource": [f"arn:aws:s3:::bench-{index}", f"arn:aws:s3:::bench-{index}/*"],
    }]}, indent=4)


def _pks(model: Any, account: Any) -> list[int]:
    return list(model.objects.filter(account=account).order_by("pk").values_list("pk", flat=True))


def seed_account(account: Any, *, users: int, roles: int, policies: int, groups: int) -> None:
    """Users (in groups, half with passwords, a fifth with keys), roles, customer policies.

    Quotas are deliberately not applied: the benchmark measures pages past AWS's defaults.
    """
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.crypto import encrypt
    from accounts.models import (
        AccessKey,
        GroupMembership,
        IamGroup,
        IamUser,
        InstanceProfile,
        LoginProfile,
        Role,
    )
    from iamconsole.cache import invalidate_principal_policies
    from iamconsole.identifiers import (
        GROUP_ID_PREFIX,
        INSTANCE_PROFILE_ID_PREFIX,
        POLICY_ID_PREFIX,
        ROLE_ID_PREFIX,
        USER_ID_PREFIX,
        iam_arn,
        new_access_key_id,
        new_secret_access_key,
        new_unique_id,
    )
    from policies.models import InlinePolicy, ManagedPolicy, PolicyAttachment, PolicyVersion
    from policies.selectors import aws_managed_policy

    acct, now = account.account_id, timezone.now()
    with transaction.atomic():
        ManagedPolicy.objects.bulk_create([
            ManagedPolicy(account=account, name=f"bench-policy-{i:05d}", path="/bench/",
                          unique_id=new_unique_id(POLICY_ID_PREFIX),
                          arn=iam_arn(acct, "policy", "/bench/", f"bench-policy-{i:05d}"),
                          next_version_number=2, created_at=now, updated_at=now)
            for i in range(policies)
        ], batch_size=_BATCH)
        policy_pks = _pks(ManagedPolicy, account)
        PolicyVersion.objects.bulk_create([
            PolicyVersion(policy_id=pk, number=1, document_text=_doc(i),
                          document=json.loads(_doc(i)), is_default=True, created_at=now)
            for i, pk in enumerate(policy_pks)
        ], batch_size=_BATCH)
        IamGroup.objects.bulk_create([
            IamGroup(account=account, name=f"bench-group-{i:03d}", path="/",
                     unique_id=new_unique_id(GROUP_ID_PREFIX),
                     arn=iam_arn(acct, "group", "/", f"bench-group-{i:03d}"))
            for i in range(groups)
        ], batch_size=_BATCH)
        group_pks = _pks(IamGroup, account)
        paths = ("/", "/engineering/", "/operations/", "/finance/")
        IamUser.objects.bulk_create([
            IamUser(account=account, name=f"user{i:05d}", path=paths[i % 4],
                    unique_id=new_unique_id(USER_ID_PREFIX),
                    arn=iam_arn(acct, "user", paths[i % 4], f"user{i:05d}"),
                    tags={"team": f"team-{i % 20}"})
            for i in range(users)
        ], batch_size=_BATCH)
        user_pks = _pks(IamUser, account)
        GroupMembership.objects.bulk_create([
            GroupMembership(user_id=pk, group_id=group_pks[i % len(group_pks)])
            for i, pk in enumerate(user_pks)
        ] if group_pks else [], batch_size=_BATCH)
        PolicyAttachment.objects.bulk_create([
            PolicyAttachment(account=account, user_id=pk, policy_id=policy_pks[i % len(policy_pks)])
            for i, pk in enumerate(user_pks)
        ] if policy_pks else [], batch_size=_BATCH)
        password = make_password("Bench-User-Password-2026")
        LoginProfile.objects.bulk_create([
            LoginProfile(user_id=pk, password=password) for pk in user_pks[::2]
        ], batch_size=_BATCH)
        secret = encrypt(new_secret_access_key())
        AccessKey.objects.bulk_create([
            AccessKey(account=account, user_id=pk, access_key_id=new_access_key_id(),
                      secret_encrypted=secret)
            for pk in user_pks[::5]
        ], batch_size=_BATCH)
        InlinePolicy.objects.bulk_create([
            InlinePolicy(account=account, user_id=pk, name="inline", document_text=_doc(i),
                         document=json.loads(_doc(i)), size=len(_doc(i).split()))
            for i, pk in enumerate(user_pks[::10])
        ], batch_size=_BATCH)
        trust = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
            "Action": "sts:AssumeRole"}]}, indent=4)
        Role.objects.bulk_create([
            Role(account=account, name=f"bench-role-{i:04d}", path="/",
                 unique_id=new_unique_id(ROLE_ID_PREFIX),
                 arn=iam_arn(acct, "role", "/", f"bench-role-{i:04d}"),
                 trust_policy=trust, trust_policy_document=json.loads(trust))
            for i in range(roles)
        ], batch_size=_BATCH)
        role_pks = _pks(Role, account)
        read_only = aws_managed_policy("ReadOnlyAccess")
        PolicyAttachment.objects.bulk_create([
            PolicyAttachment(account=account, role_id=pk, policy=read_only) for pk in role_pks
        ], batch_size=_BATCH)
        InstanceProfile.objects.bulk_create([
            InstanceProfile(account=account, name=f"bench-profile-{i:04d}", path="/", role_id=pk,
                            unique_id=new_unique_id(INSTANCE_PROFILE_ID_PREFIX),
                            arn=iam_arn(acct, "instance-profile", "/", f"bench-profile-{i:04d}"))
            for i, pk in enumerate(role_pks[::2])
        ], batch_size=_BATCH)
    invalidate_principal_policies(account.pk)
