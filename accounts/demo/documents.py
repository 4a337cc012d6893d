"""The demo's policy documents, after AWS's Systems Manager, KMS, S3 and Organizations guides."""

from __future__ import annotations

import json
from typing import Any

DEMO_ACCOUNT_ID = "123456789012"
PARTNER_ACCOUNT_ID = "210987654321"
REGION = "us-east-2"
# Not a secret (AWS says so): it stops the confused deputy, so it can be printed in class.
PARTNER_EXTERNAL_ID = "ExampleCorp-audit-7Hq2"
# The three instances the SSM operator may send commands to, and a fourth it may not.
SSM_INSTANCES = ("i-02573cafcfEXAMPLE", "i-0471e04240EXAMPLE", "i-07782c72faEXAMPLE")
SSM_OTHER_INSTANCE = "i-0e9801d129EXAMPLE"
SSM_DOCUMENT = "AWS-RunShellScript"
KMS_KEY_ARN = f"arn:aws:kms:{REGION}:{DEMO_ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
REPORTS_BUCKET = "example-corp-reports"


def text(*statements: dict[str, Any], policy_id: str | None = None) -> str:
    """A policy document as text, indented as the AWS console writes it."""
    document: dict[str, Any] = {"Version": "2012-10-17"}
    if policy_id:
        document["Id"] = policy_id
    document["Statement"] = list(statements)
    return json.dumps(document, indent=4)


def instance_arn(instance_id: str) -> str:
    """An EC2 instance ARN in the demo's account and region."""
    return f"arn:aws:ec2:{REGION}:{DEMO_ACCOUNT_ID}:instance/{instance_id}"


SSM_DOCUMENT_ARN = f"arn:aws:ssm:{REGION}::document/{SSM_DOCUMENT}"
AUTOMATION_ROLE_ARN = f"arn:aws:iam::{DEMO_ACCOUNT_ID}:role/service-role/AutomationServiceRole"

# The guide's restrictive operator: list and describe documents, send commands with one named
# document to three named instances, follow those commands, manage automation executions.
SSM_OPERATOR = text(
    {
        "Sid": "ListAndDescribeDocumentsAndInstances",
        "Effect": "Allow",
        "Action": [
            "ssm:ListDocuments",
            "ssm:ListDocumentVersions",
            "ssm:DescribeDocument",
            "ssm:DescribeDocumentParameters",
            "ssm:GetDocument",
            "ssm:DescribeInstanceInformation",
            "ec2:DescribeInstanceStatus",
        ],
        "Resource": "*",
    },
    {
        "Sid": "SendOneDocumentToThreeInstances",
        "Effect": "Allow",
        "Action": "ssm:SendCommand",
        "Resource": [*(instance_arn(i) for i in SSM_INSTANCES), SSM_DOCUMENT_ARN],
    },
    {
        "Sid": "FollowCommands",
        "Effect": "Allow",
        "Action": ["ssm:CancelCommand", "ssm:ListCommands", "ssm:ListCommandInvocations"],
        "Resource": "*",
    },
    {
        "Sid": "ManageAutomationExecutions",
        "Effect": "Allow",
        "Action": [
            "ssm:StartAutomationExecution",
            "ssm:StopAutomationExecution",
            "ssm:GetAutomationExecution",
            "ssm:DescribeAutomationExecutions",
            "ssm:DescribeAutomationStepExecutions",
            "ssm:SendAutomationSignal",
        ],
        "Resource": "*",
    },
    {
        "Sid": "PassTheAutomationRoleToSystemsManagerOnly",
        "Effect": "Allow",
        "Action": "iam:PassRole",
        "Resource": AUTOMATION_ROLE_ARN,
        "Condition": {"StringEquals": {"iam:PassedToService": "ssm.amazonaws.com"}},
    },
)

# Resource Groups and Insights for the Systems Manager administrators.
SSM_RESOURCE_GROUPS = text(
    {
        "Sid": "ResourceGroupsAndTagEditor",
        "Effect": "Allow",
        "Action": [
            "resource-groups:*",
            "cloudformation:DescribeStacks",
            "cloudformation:ListStackResources",
            "tag:GetResources",
            "tag:GetTagKeys",
            "tag:GetTagValues",
            "tag:TagResources",
            "tag:UntagResources",
        ],
        "Resource": "*",
    },
)

# Developers may do what PowerUserAccess allows, but never change IAM.
DEVELOPER_BOUNDARY = text(
    {"Sid": "AllowWhatIdentityPoliciesGrant", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {
        "Sid": "DenyIamWrites",
        "Effect": "Deny",
        "Action": [
            "iam:Add*", "iam:Attach*", "iam:Create*", "iam:Deactivate*", "iam:Delete*",
            "iam:Detach*", "iam:Enable*", "iam:PassRole", "iam:Put*", "iam:Remove*",
            "iam:Resync*", "iam:Set*", "iam:Tag*", "iam:Untag*", "iam:Update*", "iam:Upload*",
        ],
        "Resource": "*",
    },
)

# AWS's "key administrators" statement, for the role that manages KMS keys.
# The deliberate escalation path the class is to find (Access analysis, Escalation paths): a
# developer may write new versions of the policy attached to himself, so one new default
# version allowing "*" makes him an administrator.
DEVELOPER_TOOLS = text(
    {"Sid": "ReadOwnTools", "Effect": "Allow",
     "Action": ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"],
     "Resource": f"arn:aws:iam::{DEMO_ACCOUNT_ID}:policy/DeveloperTools"},
    {"Sid": "IterateOnOwnTools", "Effect": "Allow", "Action": "iam:CreatePolicyVersion",
     "Resource": f"arn:aws:iam::{DEMO_ACCOUNT_ID}:policy/DeveloperTools"},
    {"Sid": "BuildAndTest", "Effect": "Allow",
     "Action": ["lambda:Get*", "lambda:List*", "logs:Get*", "logs:Describe*"],
     "Resource": "*"},
)

KEY_ADMIN_ACTIONS = [
    "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
    "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
    "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
]
KEY_ADMIN = text({"Sid": "ManageKeys", "Effect": "Allow", "Action": KEY_ADMIN_ACTIONS,
                  "Resource": "*"})

# A key policy written without the default "Enable IAM User Permissions" statement: only the
# principals it names may use the key, whatever their identity policies say.
KMS_KEY_POLICY_WITHOUT_IAM = text(
    {
        "Sid": "Allow access for Key Administrators",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{DEMO_ACCOUNT_ID}:role/KeyAdministrator"},
        "Action": KEY_ADMIN_ACTIONS,
        "Resource": "*",
    },
    {
        "Sid": "Allow use of the key",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{DEMO_ACCOUNT_ID}:role/SSMInstanceProfile"},
        "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                   "kms:DescribeKey"],
        "Resource": "*",
    },
    policy_id="key-consolepolicy-3",
)

TRUST_EC2 = text({
    "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole",
})
TRUST_SSM = text({
    "Effect": "Allow", "Principal": {"Service": "ssm.amazonaws.com"}, "Action": "sts:AssumeRole",
})
TRUST_OWN_ACCOUNT_WITH_MFA = text({
    "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{DEMO_ACCOUNT_ID}:root"},
    "Action": "sts:AssumeRole",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}},
})
# The partner account lets Example Corp in, but only with the agreed external ID.
TRUST_EXAMPLE_CORP_WITH_EXTERNAL_ID = text({
    "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{DEMO_ACCOUNT_ID}:root"},
    "Action": "sts:AssumeRole",
    "Condition": {"StringEquals": {"sts:ExternalId": PARTNER_EXTERNAL_ID}},
})
TRUST_PARTNER_ACCOUNT = text({
    "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{PARTNER_ACCOUNT_ID}:root"},
    "Action": "sts:AssumeRole",
})

REPORTS_READER = text({
    "Sid": "ReadExampleCorpReports",
    "Effect": "Allow",
    "Action": ["s3:GetObject", "s3:ListBucket"],
    "Resource": [f"arn:aws:s3:::{REPORTS_BUCKET}", f"arn:aws:s3:::{REPORTS_BUCKET}/*"],
})

# Example Corp's bucket policy granting the partner's ReportsReader role read access.
REPORTS_BUCKET_POLICY = text({
    "Sid": "PartnerReportsReader",
    "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{PARTNER_ACCOUNT_ID}:role/ReportsReader"},
    "Action": ["s3:GetObject", "s3:ListBucket"],
    "Resource": [f"arn:aws:s3:::{REPORTS_BUCKET}", f"arn:aws:s3:::{REPORTS_BUCKET}/*"],
})

# AWS Organizations' default SCP and one that denies every region but two.
SCP_FULL_AWS_ACCESS = text(
    {"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}
)
SCP_DENY_OTHER_REGIONS = text({
    "Sid": "DenyAllOutsideUsEast2AndEuWest1",
    "Effect": "Deny",
    "NotAction": [
        "iam:*", "organizations:*", "route53:*", "cloudfront:*", "sts:*", "support:*",
        "budgets:*", "health:*",
    ],
    "Resource": "*",
    "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-2", "eu-west-1"]}},
})

# The development account's OrganizationAccountAccessRole trusts Example Corp, as AWS's does.
TRUST_MANAGEMENT_ACCOUNT = text({
    "Effect": "Allow",
    "Principal": {"AWS": f"arn:aws:iam::{DEMO_ACCOUNT_ID}:root"},
    "Action": "sts:AssumeRole",
})
DEVELOPMENT_ACCOUNT_ID = "345678901234"


def data_perimeter_rcp(org_id: str) -> str:
    """The organization's data-perimeter RCP: its accounts' S3 buckets, KMS keys and roles
    only for principals of the organization (and AWS services)."""
    return text({
        "Sid": "EnforceOrgIdentities",
        "Effect": "Deny",
        "Principal": "*",
        "Action": ["s3:*", "sts:AssumeRole", "kms:*"],
        "Resource": "*",
        "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": org_id},
                      "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}},
    })
