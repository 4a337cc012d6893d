"""What the demo contains: Example Corp, its partner and development accounts, as data."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import documents as docs
from . import federation as fed


@dataclass(frozen=True)
class DemoPolicy:
    """A customer-managed policy."""

    name: str
    document: str
    description: str = ""
    path: str = "/"


@dataclass(frozen=True)
class DemoGroup:
    """A group with its attached managed policies (by name: the account's own, else AWS's)."""

    name: str
    policies: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoUser:
    """A user, the groups it joins and the credentials it gets."""

    name: str
    note: str
    groups: tuple[str, ...] = ()
    policies: tuple[str, ...] = ()
    path: str = "/"
    boundary: str | None = None
    console: bool = True
    mfa: bool = False
    access_key_age_days: int | None = None  # an access key, backdated this many days
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoRole:
    """A role with its trust policy, policies and (optionally) its instance profile."""

    name: str
    trust_policy: str
    description: str
    path: str = "/"
    policies: tuple[str, ...] = ()
    inline: tuple[tuple[str, str], ...] = ()
    instance_profile: bool = False
    max_session_duration: int = 3600
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoAccount:
    """An account of the demo and everything in it."""

    account_id: str
    alias: str
    name: str
    root_email: str
    policies: tuple[DemoPolicy, ...] = ()
    groups: tuple[DemoGroup, ...] = ()
    users: tuple[DemoUser, ...] = ()
    roles: tuple[DemoRole, ...] = ()
    password_policy: dict[str, object] = field(default_factory=dict)


BOUNDARY = "DeveloperBoundary-NoIAMWrites"

EXAMPLE_CORP = DemoAccount(
    account_id=docs.DEMO_ACCOUNT_ID,
    alias="example-corp",
    name="Example Corp",
    root_email="root@example.com",
    policies=(
        DemoPolicy(BOUNDARY, docs.DEVELOPER_BOUNDARY,
                   "Permissions boundary for developers: anything but IAM writes."),
        DemoPolicy("SSMOperator-RestrictedRunCommand", docs.SSM_OPERATOR,
                   "Run one document on three named instances; manage automations.",
                   path="/operators/"),
        DemoPolicy("SSMResourceGroupsAndInsights", docs.SSM_RESOURCE_GROUPS,
                   "Resource Groups and Tag Editor for Systems Manager administrators."),
        DemoPolicy("DeveloperTools", docs.DEVELOPER_TOOLS,
                   "Frank's tools; he may iterate on this policy himself."),
    ),
    groups=(
        DemoGroup("Admins", ("AdministratorAccess",)),
        DemoGroup("Developers", ("PowerUserAccess",)),
        DemoGroup("Auditors", ("ReadOnlyAccess", "SecurityAudit")),
        DemoGroup("SSMAdmins", (
            "AmazonSSMFullAccess", "AWSHealthFullAccess", "AWSConfigUserAccess",
            "CloudWatchReadOnlyAccess", "SSMResourceGroupsAndInsights",
        )),
    ),
    users=(
        DemoUser("alice", "Admins group; signs in with MFA", groups=("Admins",), mfa=True,
                 tags={"department": "platform"}),
        DemoUser("bob", "Developers group; IAM writes blocked by a permissions boundary; "
                 "has an access key over a year old", groups=("Developers",),
                 boundary=BOUNDARY, access_key_age_days=400, tags={"department": "web"}),
        DemoUser("carol", "Developers group; IAM writes blocked by a permissions boundary",
                 groups=("Developers",), boundary=BOUNDARY, tags={"department": "web"}),
        DemoUser("dave", "Auditors group: read-only and security audit", groups=("Auditors",),
                 tags={"department": "security"}),
        DemoUser("erin", "SSMAdmins group: Systems Manager administrator",
                 groups=("SSMAdmins",), tags={"department": "operations"}),
        DemoUser("ssm-operator", "Runs AWS-RunShellScript on three named instances only",
                 policies=("SSMOperator-RestrictedRunCommand",), path="/operators/",
                 tags={"department": "operations"}),
        DemoUser("frank", "Developer with a deliberate privilege-escalation path for the "
                 "class to find: may create new versions of the policy attached to him",
                 policies=("DeveloperTools",), tags={"department": "web"}),
        DemoUser("deploy-bot", "No console access: an access key for CI/CD",
                 groups=("Developers",), boundary=BOUNDARY, path="/service/", console=False,
                 access_key_age_days=20),
    ),
    roles=(
        DemoRole("SSMInstanceProfile", docs.TRUST_EC2,
                 "Lets EC2 instances be managed by Systems Manager.",
                 policies=("AmazonSSMManagedInstanceCore",), instance_profile=True),
        DemoRole("AutomationServiceRole", docs.TRUST_SSM,
                 "Role that Systems Manager Automation assumes to run runbooks.",
                 path="/service-role/", policies=("AmazonSSMAutomationRole",)),
        DemoRole("KeyAdministrator", docs.TRUST_OWN_ACCOUNT_WITH_MFA,
                 "Administers KMS keys; assumable with MFA from this account.",
                 inline=(("ManageKeys", docs.KEY_ADMIN),), max_session_duration=3600),
        # A service-linked role, as Systems Manager creates it: only AWS changes it.
        DemoRole("AWSServiceRoleForAmazonSSM", docs.TRUST_SSM,
                 "Provides access to AWS Resources managed or used by Amazon SSM.",
                 path="/aws-service-role/ssm.amazonaws.com/",
                 policies=("AmazonSSMServiceRolePolicy",)),
        # Federation: the CI system's tokens and the company IdP's assertions.
        DemoRole("CIDeployRole", fed.TRUST_CI_DEPLOY,
                 "The CI system's pipeline of the web app's main branch deploys with this "
                 "role (AssumeRoleWithWebIdentity).",
                 policies=("IAMReadOnlyAccess",),
                 inline=(("DeployWebApp", fed.DEPLOY_WEB_APP),)),
        DemoRole("EngineerRole", fed.TRUST_ENGINEER_SAML,
                 "Engineers signed in with ExampleCorpOkta (AssumeRoleWithSAML); their team "
                 "comes as a session tag.",
                 policies=("ReadOnlyAccess",),
                 inline=(("OperateTeamInstances", fed.TEAM_INSTANCES),),
                 max_session_duration=28800),
    ),
    password_policy={
        "minimum_password_length": 12,
        "require_symbols": True,
        "require_numbers": True,
        "require_uppercase_characters": True,
        "require_lowercase_characters": True,
        "allow_users_to_change_password": True,
        "password_reuse_prevention": 5,
    },
)

EXAMPLE_PARTNER = DemoAccount(
    account_id=docs.PARTNER_ACCOUNT_ID,
    alias="example-partner",
    name="Example Partner (audit firm)",
    root_email="root@partner.example.com",
    users=(
        DemoUser("partner-admin", "Administrator of the partner account",
                 policies=("AdministratorAccess",)),
    ),
    roles=(
        DemoRole("ExampleCorpAuditAccess", docs.TRUST_EXAMPLE_CORP_WITH_EXTERNAL_ID,
                 f"Example Corp may assume this with external ID {docs.PARTNER_EXTERNAL_ID}.",
                 policies=("SecurityAudit", "ReadOnlyAccess")),
        DemoRole("ReportsReader", docs.TRUST_PARTNER_ACCOUNT,
                 "Reads Example Corp's reports bucket, which grants it in its bucket policy.",
                 inline=(("ReadExampleCorpReports", docs.REPORTS_READER),)),
    ),
)

EXAMPLE_DEVELOPMENT = DemoAccount(
    account_id=docs.DEVELOPMENT_ACCOUNT_ID,
    alias="example-dev",
    name="Example Corp Development",
    root_email="root@dev.example.com",
    users=(
        DemoUser("developer", "A developer of the development account (PowerUserAccess)",
                 policies=("PowerUserAccess",)),
    ),
    roles=(
        DemoRole("OrganizationAccountAccessRole", docs.TRUST_MANAGEMENT_ACCOUNT,
                 "Example Corp's administrators manage this account of its organization.",
                 policies=("AdministratorAccess",)),
    ),
)

DEMO_ACCOUNTS = (EXAMPLE_CORP, EXAMPLE_PARTNER, EXAMPLE_DEVELOPMENT)
