"""The policy simulator (a run, its context keys, presets), the policy editor's validation and
switching role."""

from __future__ import annotations

import json

from ..harness import Call, Scenario, req
from ..world import ACCOUNT_ID, ASSUMABLE, DOCUMENT, PRESET, arn

ALICE, BOB = arn("user/alice"), arn("user/bob")
TEXT = json.dumps(DOCUMENT)
SIMULATE_ALICE = req("iam:SimulatePrincipalPolicy", ALICE)
SIMULATE_CUSTOM = req("iam:SimulateCustomPolicy", "*")
ALICE_KEYS = req("iam:GetContextKeysForPrincipalPolicy", ALICE)
CUSTOM_KEYS = req("iam:GetContextKeysForCustomPolicy", "*")
# The simulator page's form: a principal, or policies typed in, and the actions to simulate.
ALICE_FORM = {"mode": "principal", "principal": ALICE, "action": ["s3:GetObject"]}
CUSTOM_FORM = {"mode": "custom", "policy-0": TEXT, "action": ["s3:GetObject"]}

SCENARIOS = [
    # The page run in full (no script) lists the context keys of what it simulated.
    Scenario(
        "SimulatePrincipalPolicy", (SIMULATE_ALICE,),
        console=Call("post", "/simulator/", ALICE_FORM),
        api=Call("post", "/api/v1/simulate/principal",
                 {"policy_source_arn": ALICE, "action_names": ["s3:GetObject"]}),
        console_optional=(ALICE_KEYS,),
    ),
    Scenario(
        "SimulateCustomPolicy", (SIMULATE_CUSTOM,),
        console=Call("post", "/simulator/", CUSTOM_FORM),
        api=Call("post", "/api/v1/simulate/custom",
                 {"policy_input_list": [DOCUMENT], "action_names": ["s3:GetObject"]}),
        console_optional=(CUSTOM_KEYS,),
    ),
    Scenario(
        "GetContextKeysForPrincipalPolicy", (ALICE_KEYS,),
        api=Call("post", "/api/v1/simulate/context-keys", {"policy_source_arn": ALICE}),
    ),
    # The simulator's context table says when the keys may not be listed.
    Scenario(
        "GetContextKeysForPrincipalPolicy", (), label="context-table",
        console=Call("post", "/simulator/context/", {"mode": "principal", "principal": ALICE}),
        console_optional=(ALICE_KEYS,),
    ),
    Scenario(
        "GetContextKeysForCustomPolicy", (CUSTOM_KEYS,),
        api=Call("post", "/api/v1/simulate/context-keys", {"policy_input_list": [DOCUMENT]}),
    ),
    Scenario(
        "GetContextKeysForCustomPolicy", (), label="context-table",
        console=Call("post", "/simulator/context/", {"mode": "custom", "policy-0": TEXT}),
        console_optional=(CUSTOM_KEYS,),
    ),
    # A preset is saved by whoever may run it; replacing one (names ignore case; this one
    # simulates bob) also needs what deleting it needs.
    Scenario(
        "iamconsole:PutSimulatorPreset", (SIMULATE_CUSTOM,), label="new",
        console=Call("post", "/simulator/presets/", {**CUSTOM_FORM, "preset_name": "mine"}),
    ),
    Scenario(
        "iamconsole:PutSimulatorPreset", label="replacing",
        requires=(SIMULATE_ALICE, req("iam:SimulatePrincipalPolicy", BOB)),
        console=Call("post", "/simulator/presets/", {**ALICE_FORM, "preset_name": PRESET.upper()}),
    ),
    Scenario(
        "iamconsole:DeleteSimulatorPreset", (req("iam:SimulatePrincipalPolicy", BOB),),
        console=Call("post", "/simulator/presets/{preset_id}/delete/"),
    ),
    Scenario(
        "access-analyzer:ValidatePolicy", (req("access-analyzer:ValidatePolicy", "*"),),
        console=Call("post", "/policies/validate/", {"document": TEXT,
                                                     "policy_type": "identity"}),
    ),
    # The trust policy names the account: the caller's own policies decide too.
    Scenario(
        "sts:AssumeRole",
        (req("sts:AssumeRole", arn(f"role/{ASSUMABLE}"), {"sts:RoleSessionName": "admin"}),),
        console=Call("post", "/switch-role/", {"account": ACCOUNT_ID, "role_name": ASSUMABLE}),
    ),
]
