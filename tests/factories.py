"""factory_boy factories for every model (rows written directly, bypassing the services).

Secrets: `AccessKeyFactory` and `MfaDeviceFactory` objects carry the plaintext they were made
with as `.secret_access_key` / `.seed` (only on the Python object, never in the database).
"""

from __future__ import annotations

import json
from typing import Any

import factory
import pyotp
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.crypto import decrypt, encrypt
from accounts.models import (
    AccessKey,
    Account,
    GroupMembership,
    IamGroup,
    IamUser,
    InstanceProfile,
    LoginProfile,
    MfaDevice,
    PasswordPolicy,
    Role,
    SiteOperator,
)
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
from policies.validation import policy_size
from tests.documents import ALLOW_ALL, EC2_TRUST
from tests.helpers import ROOT_PASSWORD, USER_PASSWORD


def _text(document: Any) -> str:
    return document if isinstance(document, str) else json.dumps(document, indent=4)


class SiteOperatorFactory(DjangoModelFactory):
    class Meta:
        model = SiteOperator

    username = factory.Sequence(lambda n: f"operator{n}")
    password = factory.LazyFunction(lambda: make_password(ROOT_PASSWORD))
    is_staff = True
    is_superuser = True


class AccountFactory(DjangoModelFactory):
    class Meta:
        model = Account

    class Params:
        password = ROOT_PASSWORD

    account_id = factory.Sequence(lambda n: f"{300000000000 + n}")
    name = factory.Sequence(lambda n: f"Account {n}")
    root_email = factory.Sequence(lambda n: f"root{n}@example.test")
    root_password = factory.LazyAttribute(lambda o: make_password(o.password))


class _EntityFactory(DjangoModelFactory):
    """Name, path, ID and ARN for users, groups, roles and instance profiles."""

    account = factory.SubFactory(AccountFactory)
    path = "/"
    arn = factory.LazyAttribute(
        lambda o: iam_arn(o.account.account_id, o.arn_type, o.path, o.name)
    )


class IamUserFactory(_EntityFactory):
    class Meta:
        model = IamUser

    class Params:
        arn_type = "user"

    name = factory.Sequence(lambda n: f"user{n}")
    unique_id = factory.LazyFunction(lambda: new_unique_id(USER_ID_PREFIX))


class LoginProfileFactory(DjangoModelFactory):
    class Meta:
        model = LoginProfile

    class Params:
        raw_password = USER_PASSWORD

    user = factory.SubFactory(IamUserFactory)
    password = factory.LazyAttribute(lambda o: make_password(o.raw_password))


class IamGroupFactory(_EntityFactory):
    class Meta:
        model = IamGroup

    class Params:
        arn_type = "group"

    name = factory.Sequence(lambda n: f"group{n}")
    unique_id = factory.LazyFunction(lambda: new_unique_id(GROUP_ID_PREFIX))


class GroupMembershipFactory(DjangoModelFactory):
    class Meta:
        model = GroupMembership

    user = factory.SubFactory(IamUserFactory)
    group = factory.SubFactory(IamGroupFactory, account=factory.SelfAttribute("..user.account"))


class RoleFactory(_EntityFactory):
    class Meta:
        model = Role

    class Params:
        arn_type = "role"
        trust = EC2_TRUST

    name = factory.Sequence(lambda n: f"role{n}")
    unique_id = factory.LazyFunction(lambda: new_unique_id(ROLE_ID_PREFIX))
    trust_policy = factory.LazyAttribute(lambda o: _text(o.trust))
    trust_policy_document = factory.LazyAttribute(lambda o: json.loads(o.trust_policy))


class InstanceProfileFactory(_EntityFactory):
    class Meta:
        model = InstanceProfile

    class Params:
        arn_type = "instance-profile"

    name = factory.Sequence(lambda n: f"profile{n}")
    unique_id = factory.LazyFunction(lambda: new_unique_id(INSTANCE_PROFILE_ID_PREFIX))
    role = None


class AccessKeyFactory(DjangoModelFactory):
    """A user's key by default; pass `user=None, account=...` for a root key."""

    class Meta:
        model = AccessKey

    class Params:
        secret = factory.LazyFunction(new_secret_access_key)

    user = factory.SubFactory(IamUserFactory)
    account = factory.LazyAttribute(lambda o: o.user.account if o.user else AccountFactory())
    access_key_id = factory.LazyFunction(new_access_key_id)
    secret_encrypted = factory.LazyAttribute(lambda o: encrypt(o.secret))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        key = super()._create(model_class, *args, **kwargs)
        key.secret_access_key = decrypt(key.secret_encrypted)
        return key


class MfaDeviceFactory(DjangoModelFactory):
    """An unassigned device; `MfaDeviceFactory(enabled_for=user)` assigns and enables it."""

    class Meta:
        model = MfaDevice

    class Params:
        seed_plain = factory.LazyFunction(pyotp.random_base32)
        enabled_for = None

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"device{n}")
    path = "/"
    serial_number = factory.LazyAttribute(
        lambda o: iam_arn(o.account.account_id, "mfa", o.path, o.name)
    )
    seed_encrypted = factory.LazyAttribute(lambda o: encrypt(o.seed_plain))
    user = factory.LazyAttribute(lambda o: o.enabled_for)
    enabled_at = factory.LazyAttribute(lambda o: timezone.now() if o.enabled_for else None)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        device = super()._create(model_class, *args, **kwargs)
        device.seed = decrypt(device.seed_encrypted)
        return device


class PasswordPolicyFactory(DjangoModelFactory):
    class Meta:
        model = PasswordPolicy

    account = factory.SubFactory(AccountFactory)


class ManagedPolicyFactory(DjangoModelFactory):
    """A customer-managed policy with a default `v1` holding `document`."""

    class Meta:
        model = ManagedPolicy
        skip_postgeneration_save = True

    class Params:
        document = ALLOW_ALL

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Policy{n}")
    path = "/"
    unique_id = factory.LazyFunction(lambda: new_unique_id(POLICY_ID_PREFIX))
    arn = factory.LazyAttribute(
        lambda o: iam_arn(o.account.account_id, "policy", o.path, o.name)
    )
    next_version_number = 2
    default_version = factory.RelatedFactory(
        "tests.factories.PolicyVersionFactory",
        factory_related_name="policy",
        number=1,
        is_default=True,
        document=factory.SelfAttribute("..document"),
    )


class PolicyVersionFactory(DjangoModelFactory):
    """A further version of `policy` (numbered from its counter, which it advances)."""

    class Meta:
        model = PolicyVersion
        exclude = ["document"]

    policy = factory.SubFactory(ManagedPolicyFactory)
    document = ALLOW_ALL
    number = factory.LazyAttribute(lambda o: o.policy.next_version_number)
    document_text = factory.LazyAttribute(lambda o: _text(o.document))
    is_default = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["document"] = json.loads(kwargs["document_text"])
        version = super()._create(model_class, *args, **kwargs)
        policy = version.policy
        if policy.next_version_number <= version.number:
            policy.next_version_number = version.number + 1
            policy.save(update_fields=["next_version_number"])
        return version


class InlinePolicyFactory(DjangoModelFactory):
    """A user's inline policy by default; pass `user=None, role=...` (or group) otherwise."""

    class Meta:
        model = InlinePolicy
        exclude = ["document_source"]

    document_source = ALLOW_ALL
    user = factory.SubFactory(IamUserFactory)
    account = factory.LazyAttribute(
        lambda o: (o.user or o.group or o.role).account
    )
    name = factory.Sequence(lambda n: f"inline{n}")
    document_text = factory.LazyAttribute(lambda o: _text(o.document_source))
    document = factory.LazyAttribute(lambda o: json.loads(o.document_text))
    size = factory.LazyAttribute(lambda o: policy_size(o.document_text))
    group = None
    role = None


class PolicyAttachmentFactory(DjangoModelFactory):
    """A policy attached to a user by default; pass `user=None, group=...` (or role)."""

    class Meta:
        model = PolicyAttachment

    user = factory.SubFactory(IamUserFactory)
    group = None
    role = None
    account = factory.LazyAttribute(lambda o: (o.user or o.group or o.role).account)
    policy = factory.SubFactory(ManagedPolicyFactory, account=factory.SelfAttribute("..account"))
