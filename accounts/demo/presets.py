"""The demo's saved simulations: the simulate API's request bodies plus `mode`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policies.models import SimulatorPreset
from policies.services import simulator_preset_save

from . import documents as docs

ALICE = f"arn:aws:iam::{docs.DEMO_ACCOUNT_ID}:user/alice"
SSM_OPERATOR = f"arn:aws:iam::{docs.DEMO_ACCOUNT_ID}:user/operators/ssm-operator"
PARTNER_AUDIT_ROLE = f"arn:aws:iam::{docs.PARTNER_ACCOUNT_ID}:role/ExampleCorpAuditAccess"
PARTNER_READER_ROLE = f"arn:aws:iam::{docs.PARTNER_ACCOUNT_ID}:role/ReportsReader"


@dataclass(frozen=True)
class Preset:
    """A named simulation a trainer opens in the simulator."""

    name: str
    description: str
    simulation: dict[str, Any]


PRESETS = (
    Preset(
        "SSM operator: allowed and other instances",
        "ssm-operator may send AWS-RunShellScript to the three instances its policy names; "
        f"the fourth, {docs.SSM_OTHER_INSTANCE}, is implicitly denied.",
        {
            "mode": "principal",
            "policy_source_arn": SSM_OPERATOR,
            "action_names": ["ssm:SendCommand"],
            # The three named instances, the fourth and the document: what the story says.
            "resource_arns": [
                *(docs.instance_arn(instance) for instance in docs.SSM_INSTANCES),
                docs.instance_arn(docs.SSM_OTHER_INSTANCE),
                docs.SSM_DOCUMENT_ARN,
            ],
        },
    ),
    Preset(
        "KMS: key policy without the IAM statement",
        "alice has AdministratorAccess, yet the key policy lacks the \"Enable IAM User "
        "Permissions\" statement, so her identity policies do not count: denied. Add a "
        "statement allowing arn:aws:iam::123456789012:root kms:* and run again.",
        {
            "mode": "principal",
            "policy_source_arn": ALICE,
            "action_names": ["kms:Decrypt", "kms:DescribeKey"],
            "resource_arns": [docs.KMS_KEY_ARN],
            "resource_policy": docs.KMS_KEY_POLICY_WITHOUT_IAM,
        },
    ),
    Preset(
        "S3: bucket policy granting a partner role",
        f"The partner's ReportsReader role reads {docs.REPORTS_BUCKET}: its own policy and "
        "Example Corp's bucket policy both allow it (cross-account access needs both).",
        {
            "mode": "custom",
            "policy_input_list": [docs.REPORTS_READER],
            "caller_arn": PARTNER_READER_ROLE,
            "action_names": ["s3:GetObject"],
            "resource_arns": [f"arn:aws:s3:::{docs.REPORTS_BUCKET}/2024/q3-revenue.csv"],
            "resource_policy": docs.REPORTS_BUCKET_POLICY,
            "resource_owner": docs.DEMO_ACCOUNT_ID,
        },
    ),
    Preset(
        "Cross-account role with an external ID",
        f"alice assumes the partner's ExampleCorpAuditAccess role: its trust policy requires "
        f"external ID {docs.PARTNER_EXTERNAL_ID}. Remove the sts:ExternalId entry: denied.",
        {
            "mode": "principal",
            "policy_source_arn": ALICE,
            "action_names": ["sts:AssumeRole"],
            "resource_arns": [PARTNER_AUDIT_ROLE],
            "resource_policy": docs.TRUST_EXAMPLE_CORP_WITH_EXTERNAL_ID,
            "resource_owner": docs.PARTNER_ACCOUNT_ID,
            "context_entries": [
                {"key": "sts:ExternalId", "values": [docs.PARTNER_EXTERNAL_ID],
                 "type": "string"}
            ],
        },
    ),
)


OUTSIDER = "arn:aws:iam::999999999999:user/outsider"
PARTNER_BUCKET = "example-partner-audit-evidence"
DEVELOPER = f"arn:aws:iam::{docs.DEVELOPMENT_ACCOUNT_ID}:user/developer"


def organization_presets(org_id: str) -> tuple[Preset, ...]:
    """Example Corp's presets about its organization (its ID is the installation's own):
    the simulator loads the organization's real RCPs for them."""
    return (Preset(
        "RCP: data perimeter on a member account's bucket",
        f"alice's policies, called as {OUTSIDER} (outside the organization): the "
        f"DataPerimeter RCP the organization attaches to the Workloads OU denies the "
        f"partner's bucket, whatever its bucket policy says; the results name the OU's "
        f"level. Set aws:PrincipalOrgID to {org_id} and it is allowed.",
        {
            "mode": "principal",
            "policy_source_arn": ALICE,
            "caller_arn": OUTSIDER,
            "action_names": ["s3:GetObject"],
            "resource_arns": [f"arn:aws:s3:::{PARTNER_BUCKET}/evidence.pdf"],
            "resource_policy": docs.text({
                "Effect": "Allow", "Principal": {"AWS": OUTSIDER}, "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{PARTNER_BUCKET}/*"}),
            "resource_owner": docs.PARTNER_ACCOUNT_ID,
        },
    ),)


# The development account's presets: its principals are bound by the Workloads OU's SCP.
MEMBER_PRESETS = (
    Preset(
        "SCP: deny regions outside us-east-2 and eu-west-1",
        "developer may run instances anywhere by its own policies (PowerUserAccess), but the "
        "organization's SCP DenyRegionsOutsideUsEast2AndEuWest1, attached to the Workloads "
        "OU, denies ap-southeast-2: the results name the OU's level. Change "
        "aws:RequestedRegion to us-east-2, or untick \"Apply the organization's SCPs and "
        "RCPs\", and it is allowed.",
        {
            "mode": "principal",
            "policy_source_arn": DEVELOPER,
            "action_names": ["ec2:RunInstances"],
            "resource_arns": ["*"],
            "context_entries": [
                {"key": "aws:RequestedRegion", "values": ["ap-southeast-2"], "type": "string"}
            ],
        },
    ),
)


def save_presets(account: Any, extra: tuple[Preset, ...] = (), *,
                 base: tuple[Preset, ...] = PRESETS) -> int:
    """Save the presets the account lacks (by name) and return how many were saved.

    Uses the simulator's `simulator_preset_save` service, which validates each simulation.
    """
    saved = 0
    for preset in (*base, *extra):
        if not SimulatorPreset.objects.filter(account=account, name__iexact=preset.name).exists():
            simulator_preset_save(account=account, name=preset.name,
                                  description=preset.description, simulation=preset.simulation)
            saved += 1
    return saved
