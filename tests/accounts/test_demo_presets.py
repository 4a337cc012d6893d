"""The demo's stories decide as the trainer says: each preset evaluated with the engine."""

from __future__ import annotations

import json

import pytest

from accounts.demo import MEMBER_PRESETS, PRESETS, load_demo
from accounts.demo import documents as docs
from accounts.demo.presets import organization_presets
from accounts.models import Account, Organization
from accounts.selectors import entity_get_by_arn
from accounts.signin import root_principal
from iamconsole.operations import Caller
from policies.authorization import policy_set_for
from policies.engine import AuthorizationRequest, evaluate
from policies.models import SimulatorPreset
from policies.operations.simulation import (
    SimulateCustomPolicy,
    SimulatePrincipalPolicy,
    operation_inputs,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    """The loaded demo."""
    return load_demo(credentials={})


def _preset(prefix: str) -> dict:
    return next(p.simulation for p in PRESETS if p.name.startswith(prefix))


def decide(simulation: dict, action: str, resource: str, **changes) -> str:
    """The engine's decision for one action and resource of a preset (with changes)."""
    simulation = {**simulation, **changes}
    if simulation["mode"] == "principal":
        entity = entity_get_by_arn(arn=simulation["policy_source_arn"])
        policies = policy_set_for(entity)
        principal, identity = policies.principal_arn, policies.identity_texts
        boundaries = policies.boundary_texts
    else:
        principal = simulation.get("caller_arn")
        identity = simulation["policy_input_list"]
        boundaries = simulation.get("permissions_boundary_policy_input_list", [])
    context = {
        entry["key"]: entry["values"][0] for entry in simulation.get("context_entries", [])
    }
    result = evaluate(AuthorizationRequest(
        principal=principal,
        action=action,
        resource=resource,
        resource_account=simulation.get("resource_owner"),
        context=context,
        identity_policies=identity,
        permissions_boundaries=boundaries,
        resource_policy=simulation.get("resource_policy"),
        service_control_policies=simulation.get("scp_levels"),
    ))
    return result.decision


def test_every_preset_names_what_the_demo_holds(demo):
    """Principal-mode presets point at demo identities; presets are valid JSON bodies."""
    assert len(PRESETS) == 4
    for preset in PRESETS:
        assert json.loads(json.dumps(preset.simulation)) == preset.simulation
        if preset.simulation["mode"] == "principal":
            assert entity_get_by_arn(arn=preset.simulation["policy_source_arn"]) is not None


def test_ssm_operator_sends_to_the_three_named_instances_only(demo):
    """SendCommand: the three instances and the document are allowed, a fourth is not."""
    simulation = _preset("SSM operator")
    for instance in docs.SSM_INSTANCES:
        assert decide(simulation, "ssm:SendCommand", docs.instance_arn(instance)) == "allowed"
    assert decide(simulation, "ssm:SendCommand", docs.SSM_DOCUMENT_ARN) == "allowed"
    assert decide(simulation, "ssm:SendCommand",
                  docs.instance_arn(docs.SSM_OTHER_INSTANCE)) == "implicitDeny"
    other_document = f"arn:aws:ssm:{docs.REGION}::document/AWS-RunPowerShellScript"
    assert decide(simulation, "ssm:SendCommand", other_document) == "implicitDeny"
    assert decide(simulation, "ssm:StartAutomationExecution", "*") == "allowed"
    assert decide(simulation, "ssm:DeleteDocument", "*") == "implicitDeny"


def test_kms_key_policy_without_the_iam_statement_denies_the_administrator(demo):
    """alice (AdministratorAccess) is denied; adding the account statement allows her."""
    simulation = _preset("KMS")
    assert decide(simulation, "kms:Decrypt", docs.KMS_KEY_ARN) == "implicitDeny"
    key_policy = json.loads(docs.KMS_KEY_POLICY_WITHOUT_IAM)
    key_policy["Statement"].append({
        "Sid": "Enable IAM User Permissions", "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*",
        "Resource": "*",
    })
    assert decide(simulation, "kms:Decrypt", docs.KMS_KEY_ARN,
                  resource_policy=json.dumps(key_policy)) == "allowed"


def test_bucket_policy_grants_the_partner_role(demo):
    """Cross-account S3: allowed for the granted bucket, denied elsewhere or without a grant."""
    simulation = _preset("S3")
    obj = simulation["resource_arns"][0]
    assert decide(simulation, "s3:GetObject", obj) == "allowed"
    assert decide(simulation, "s3:GetObject", "arn:aws:s3:::example-corp-finance/pay.csv",
                  ) == "implicitDeny"
    assert decide(simulation, "s3:GetObject", obj, resource_policy=None) == "implicitDeny"


def test_cross_account_role_works_only_with_the_external_id(demo):
    """sts:AssumeRole on the partner role: allowed with the external ID, else denied."""
    simulation = _preset("Cross-account")
    role = simulation["resource_arns"][0]
    assert decide(simulation, "sts:AssumeRole", role) == "allowed"
    assert decide(simulation, "sts:AssumeRole", role, context_entries=[]) == "implicitDeny"
    wrong = [{"key": "sts:ExternalId", "values": ["guess"], "type": "string"}]
    assert decide(simulation, "sts:AssumeRole", role, context_entries=wrong) == "implicitDeny"
    # The trust policy in the preset is the role's real one.
    partner_role = entity_get_by_arn(arn=role)
    assert partner_role.trust_policy == simulation["resource_policy"]


def test_developer_boundary_blocks_iam_writes(demo):
    """bob (PowerUserAccess, bounded) may use S3 but is explicitly denied IAM writes."""
    bob = {"mode": "principal",
           "policy_source_arn": "arn:aws:iam::123456789012:user/bob"}
    assert decide(bob, "s3:ListBucket", "arn:aws:s3:::any-bucket") == "allowed"
    assert decide(bob, "iam:CreateUser",
                  "arn:aws:iam::123456789012:user/mallory") == "explicitDeny"
    assert decide(bob, "iam:ListRoles", "*") == "allowed"  # PowerUserAccess's IAM read
    assert decide(bob, "iam:CreateServiceLinkedRole", "*") == "explicitDeny"


def _simulate(preset_name: str, account_id: str = docs.DEMO_ACCOUNT_ID,
              **changes) -> dict[tuple[str, str], str]:
    """Run a saved preset through the console's simulator as its account's root user."""
    return {(row.action, row.resource): row.decision
            for row in _run(preset_name, account_id, **changes).rows}


def _run(preset_name: str, account_id: str = docs.DEMO_ACCOUNT_ID, **changes):
    account = Account.objects.get(account_id=account_id)
    saved = SimulatorPreset.objects.get(account=account, name=preset_name).simulation
    operation = SimulatePrincipalPolicy if saved["mode"] == "principal" else SimulateCustomPolicy
    body = {**saved, **changes}
    return Caller(root_principal(account)).run(operation, **operation_inputs(operation, body))


def test_presets_are_saved_and_decide_in_the_simulator(demo):
    """Each saved preset, run by the simulator, gives the decisions its story tells."""
    org_id = Organization.objects.get(management_account__account_id=docs.DEMO_ACCOUNT_ID).org_id
    extra = organization_presets(org_id)
    assert demo.presets_saved == len(PRESETS) + len(extra) + len(MEMBER_PRESETS)
    names = set(SimulatorPreset.objects.filter(
        account__account_id=docs.DEMO_ACCOUNT_ID).values_list("name", flat=True))
    assert names == {p.name for p in (*PRESETS, *extra)}
    ssm = _simulate(PRESETS[0].name)
    assert "three instances" in PRESETS[0].description
    for instance in docs.SSM_INSTANCES:  # the three the description names, simulated
        assert ssm[("ssm:SendCommand", docs.instance_arn(instance))] == "allowed"
    assert ssm[("ssm:SendCommand",
                docs.instance_arn(docs.SSM_OTHER_INSTANCE))] == "implicitDeny"
    assert set(_simulate(PRESETS[1].name).values()) == {"implicitDeny"}
    assert set(_simulate(PRESETS[2].name).values()) == {"allowed"}
    assert set(_simulate(PRESETS[3].name).values()) == {"allowed"}
    assert set(_simulate(PRESETS[3].name, context_entries=[]).values()) == {"implicitDeny"}


def test_the_rcp_preset_uses_the_organizations_rcp(demo):
    """The partner's bucket is denied to an outsider by the real DataPerimeter RCP, on the
    Workloads OU's level; inside the organization it is allowed."""
    org_id = Organization.objects.get(management_account__account_id=docs.DEMO_ACCOUNT_ID).org_id
    (preset,) = organization_presets(org_id)
    (row,) = _run(preset.name).rows
    assert row.decision == "explicitDeny"
    denying = [lv for lv in row.levels if lv.outcome == "explicitDeny"]
    assert [(lv.policy_type, lv.label.split(" (")[0]) for lv in denying] == [
        ("rcp", "OU Workloads")]
    assert "DataPerimeter" in [p.name for p in denying[0].policies]
    assert "with an explicit deny in a resource control policy" in row.denial_message
    inside = [{"key": "aws:PrincipalOrgID", "values": [org_id], "type": "string"}]
    assert set(_simulate(preset.name, context_entries=inside).values()) == {"allowed"}


def test_the_scp_preset_uses_the_organizations_scp(demo):
    """developer, of the development account, is denied ap-southeast-2 by the Workloads OU's
    SCP; us-east-2, or the organization's policies left out, is allowed."""
    (preset,) = MEMBER_PRESETS
    dev = docs.DEVELOPMENT_ACCOUNT_ID
    (row,) = _run(preset.name, dev).rows
    assert row.decision == "explicitDeny"
    assert [lv.label.split(" (")[0] for lv in row.levels if lv.outcome == "explicitDeny"] == [
        "OU Workloads"]
    assert "DenyRegionsOutsideUsEast2AndEuWest1 (service control policy" in row.explanation
    allowed_region = [{"key": "aws:RequestedRegion", "values": ["us-east-2"], "type": "string"}]
    assert set(_simulate(preset.name, dev, context_entries=allowed_region).values()) == {
        "allowed"}
    assert set(_simulate(preset.name, dev, apply_organization_policies=False).values()) == {
        "allowed"}


def test_load_demo_twice_keeps_one_copy_of_each_preset(demo):
    """Presets are saved by name: a second load adds none."""
    assert load_demo(credentials=demo.credentials).presets_saved == 0
    assert SimulatorPreset.objects.filter(
        account__account_id=docs.DEMO_ACCOUNT_ID).count() == len(PRESETS) + 1
    assert SimulatorPreset.objects.filter(
        account__account_id=docs.DEVELOPMENT_ACCOUNT_ID).count() == len(MEMBER_PRESETS)
