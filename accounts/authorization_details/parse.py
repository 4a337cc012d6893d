"""Reading authorization-details pages into plain records, refusing problems with their path."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .fields import EXTENSION_KEY, EXTENSION_VERSION
from .reading import Node, load_json

_ARN = re.compile(r"^arn:aws[\w-]*:iam::(?P<account>\d{12}|aws):(?P<rest>.+)$")


@dataclass
class Inline:
    """An inline policy of a user, group or role."""

    name: str
    text: str
    where: str


@dataclass
class Ref:
    """A reference by ARN (attached policy, boundary) or by name (group), with its path."""

    key: str
    where: str


@dataclass
class Principal:
    """A user, group or role as the file describes it."""

    kind: str
    name: str
    path: str
    unique_id: str
    created_at: datetime | None
    where: str
    source: str
    inline: list[Inline] = field(default_factory=list)
    attached: list[Ref] = field(default_factory=list)
    boundary: Ref | None = None
    tags: dict[str, str] = field(default_factory=dict)
    groups: list[Ref] = field(default_factory=list)
    trust_policy: str = ""
    last_used: tuple[datetime | None, str] = (None, "")


@dataclass
class Version:
    """One version of a managed policy."""

    number: int
    text: str
    is_default: bool
    created_at: datetime | None


@dataclass
class Policy:
    """A managed policy: customer-managed (`aws_managed` false) or an AWS-managed reference."""

    arn: str
    name: str
    path: str
    unique_id: str
    aws_managed: bool
    description: str
    created_at: datetime | None
    updated_at: datetime | None
    versions: list[Version]
    where: str
    source: str
    tags: dict[str, str] = field(default_factory=dict)


@dataclass
class Profile:
    """An instance profile and the name of the role it holds (None: empty)."""

    name: str
    path: str
    unique_id: str
    created_at: datetime | None
    tags: dict[str, str]
    role: str | None
    where: str
    source: str


@dataclass
class UserCredentials:
    """x-console facts about a user's credentials (no secrets)."""

    password_last_used: datetime | None
    login_profile: tuple[datetime | None, bool] | None
    mfa_devices: list[tuple[str, datetime | None]]
    access_keys: list[dict[str, Any]]
    where: str
    source: str


@dataclass
class AuthorizationDetails:
    """Every page of a file set merged: entities by lower-case name, policies by ARN."""

    source_account: str | None = None
    users: dict[str, Principal] = field(default_factory=dict)
    groups: dict[str, Principal] = field(default_factory=dict)
    roles: dict[str, Principal] = field(default_factory=dict)
    policies: dict[str, Policy] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    alias: tuple[str | None] | None = None  # (alias,) when the extension sets it
    password_policy: tuple[dict[str, Any] | None] | None = None
    credentials: dict[str, UserCredentials] = field(default_factory=dict)
    role_settings: dict[str, tuple[str, int]] = field(default_factory=dict)


def _account_of(node: Node, details: AuthorizationDetails, *, allow_aws: bool = False) -> str:
    """Check an ARN and that every ARN of the file names the same account."""
    arn = node.text()
    match = _ARN.match(arn)
    if match is None:
        node.fail(f"{arn!r} is not an IAM ARN")
    account = match["account"]
    if account == "aws":
        if not allow_aws:
            node.fail("only managed policies can belong to AWS")
        return account
    if details.source_account is None:
        details.source_account = account
    elif account != details.source_account:
        node.fail(f"the ARN names account {account}, but the file's other ARNs name "
                  f"{details.source_account}; import one account at a time")
    return account


def _principal(kind: str, node: Node, details: AuthorizationDetails) -> Principal:
    names = {"user": ("UserName", "UserId", "UserPolicyList"),
             "group": ("GroupName", "GroupId", "GroupPolicyList"),
             "role": ("RoleName", "RoleId", "RolePolicyList")}
    name_key, id_key, inline_key = names[kind]
    arn = node.get("Arn")
    assert arn is not None
    _account_of(arn, details)
    item = Principal(
        kind=kind,
        name=node.str_of(name_key),
        path=node.str_of("Path", required=False, default="/"),
        unique_id=node.str_of(id_key),
        created_at=node.date_of("CreateDate"),
        where=node.path,
        source=node.source,
    )
    for policy in node.items(inline_key):
        item.inline.append(
            Inline(policy.str_of("PolicyName"), policy.document_of("PolicyDocument"),
                   policy.path)
        )
    for attached in node.items("AttachedManagedPolicies"):
        arn_node = attached.get("PolicyArn")
        assert arn_node is not None
        _account_of(arn_node, details, allow_aws=True)
        item.attached.append(Ref(arn_node.text(), attached.path))
    boundary = node.get("PermissionsBoundary", required=False)
    if boundary is not None:
        arn_node = boundary.get("PermissionsBoundaryArn")
        assert arn_node is not None
        _account_of(arn_node, details, allow_aws=True)
        item.boundary = Ref(arn_node.text(), boundary.path)
    if kind != "group":
        item.tags = node.tags_of()
    if kind == "user":
        item.groups = [Ref(g.text(), g.path) for g in node.items("GroupList")]
    if kind == "role":
        item.trust_policy = node.document_of("AssumeRolePolicyDocument")
        last = node.get("RoleLastUsed", required=False)
        if last is not None:
            item.last_used = (last.date_of("LastUsedDate"),
                              last.str_of("Region", required=False))
    return item


def _profile(node: Node, role: str | None, details: AuthorizationDetails) -> Profile:
    arn = node.get("Arn")
    assert arn is not None
    _account_of(arn, details)
    return Profile(
        name=node.str_of("InstanceProfileName"),
        path=node.str_of("Path", required=False, default="/"),
        unique_id=node.str_of("InstanceProfileId"),
        created_at=node.date_of("CreateDate"),
        tags=node.tags_of(),
        role=role,
        where=node.path,
        source=node.source,
    )


def _policy(node: Node, details: AuthorizationDetails) -> Policy:
    arn = node.get("Arn")
    assert arn is not None
    aws_managed = _account_of(arn, details, allow_aws=True) == "aws"
    versions = []
    for version in node.items("PolicyVersionList"):
        version_id = version.get("VersionId")
        assert version_id is not None
        if not re.fullmatch(r"v[1-9]\d*", version_id.text()):
            version_id.fail("expected a version ID such as v1")
        versions.append(Version(
            number=int(version_id.text()[1:]),
            text=version.document_of("Document"),
            is_default=version.bool_of("IsDefaultVersion"),
            created_at=version.date_of("CreateDate"),
        ))
    if not aws_managed:
        if sum(v.is_default for v in versions) != 1:
            (node.get("PolicyVersionList", required=False) or node).fail(
                "a customer-managed policy needs its versions, exactly one of them the default"
            )
        if len({v.number for v in versions}) != len(versions):
            node.fail("the policy lists a version ID twice")
    return Policy(
        arn=arn.text(),
        name=node.str_of("PolicyName"),
        path=node.str_of("Path", required=False, default="/"),
        unique_id=node.str_of("PolicyId", required=not aws_managed),
        aws_managed=aws_managed,
        description=node.str_of("Description", required=False),
        created_at=node.date_of("CreateDate"),
        updated_at=node.date_of("UpdateDate"),
        versions=versions,
        where=node.path,
        source=node.source,
    )


def _credentials(node: Node, details: AuthorizationDetails) -> UserCredentials:
    profile = node.get("LoginProfile", required=False)
    mfa = []
    for device in node.items("MFADevices"):
        serial = device.get("SerialNumber")
        assert serial is not None
        _account_of(serial, details)
        mfa.append((serial.text(), device.date_of("EnableDate")))
    keys = []
    for key in node.items("AccessKeys"):
        status = key.str_of("Status", required=False, default="Active")
        if status not in ("Active", "Inactive"):
            (key.get("Status") or key).fail("an access key's status is Active or Inactive")
        keys.append({
            "id": key.str_of("AccessKeyId"),
            "status": status,
            "created_at": key.date_of("CreateDate"),
            "last_used_at": key.date_of("LastUsedDate"),
            "service": key.str_of("ServiceName", required=False),
            "region": key.str_of("Region", required=False),
            "where": key.path,
        })
    return UserCredentials(
        password_last_used=node.date_of("PasswordLastUsed"),
        login_profile=None if profile is None else (
            profile.date_of("CreateDate"), profile.bool_of("PasswordResetRequired")
        ),
        mfa_devices=mfa,
        access_keys=keys,
        where=node.path,
        source=node.source,
    )


def _extension(node: Node, details: AuthorizationDetails) -> None:
    version = node.int_of("Version")
    if version is not None and version != EXTENSION_VERSION:
        (node.get("Version") or node).fail(
            f"this console reads x-console version {EXTENSION_VERSION}, not {version}"
        )
    account = node.get("AccountId", required=False)
    if account is not None:
        if not re.fullmatch(r"\d{12}", account.text()):
            account.fail("expected a 12-digit account ID")
        _account_of(Node(f"arn:aws:iam::{account.text()}:root", account.path, account.source),
                    details)
    if node.has("AccountAlias"):
        details.alias = (node.str_of("AccountAlias", required=False) or None,)
    if node.has("PasswordPolicy"):
        policy = node.get("PasswordPolicy", required=False)
        if policy is not None and not isinstance(policy.value, dict):
            policy.fail("expected a JSON object or null")
        details.password_policy = (policy.value if policy is not None else None,)
    for user in node.items("Users"):
        details.credentials[user.str_of("UserName").lower()] = _credentials(user, details)
    for role in node.items("Roles"):
        duration = role.int_of("MaxSessionDuration") or 3600
        details.role_settings[role.str_of("RoleName").lower()] = (
            role.str_of("Description", required=False), duration
        )
    for profile in node.items("InstanceProfiles"):
        item = _profile(profile, None, details)
        details.profiles.setdefault(item.name.lower(), item)
    for tagged in node.items("PolicyTags"):
        arn = tagged.get("PolicyArn")
        assert arn is not None
        policy = details.policies.get(arn.text())
        if policy is None:
            arn.fail("the policy is not in the file's Policies list")
        policy.tags = tagged.tags_of()


def parse_pages(pages: list[tuple[str, bytes | str]]) -> AuthorizationDetails:
    """Read one or more pages (file name, content) of get-account-authorization-details output.

    Pages merge as botocore's paginator merges them; a later page's entry for the same entity
    replaces an earlier one. Raises MalformedAuthorizationDetails at the first problem.
    """
    details = AuthorizationDetails()
    roots = [load_json(raw, source) for source, raw in pages]
    for root in roots:
        for node in root.items("Policies"):
            policy = _policy(node, details)
            details.policies[policy.arn] = policy
        for node in root.items("GroupDetailList"):
            group = _principal("group", node, details)
            details.groups[group.name.lower()] = group
        for node in root.items("UserDetailList"):
            user = _principal("user", node, details)
            details.users[user.name.lower()] = user
        for node in root.items("RoleDetailList"):
            role = _principal("role", node, details)
            details.roles[role.name.lower()] = role
            for profile in node.items("InstanceProfileList"):
                item = _profile(profile, role.name, details)
                details.profiles[item.name.lower()] = item
    for root in roots:
        extension = root.get(EXTENSION_KEY, required=False)
        if extension is not None:
            _extension(extension, details)
    for name, credentials in details.credentials.items():
        if name not in details.users:
            Node(None, credentials.where, credentials.source).fail(
                "x-console describes a user the file does not list"
            )
    return details
