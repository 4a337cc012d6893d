"""Request and response shapes of the simulate API, for the OpenAPI document.

The views parse bodies with `policies.simulation.parse_simulation`, which names the offending
input precisely (`policy_input_list[1]`, `context_entries[0].values`); these serializers
describe the same shapes to readers of the schema.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from policies.simulation import CONTEXT_TYPES, DECISIONS

SOURCE_POLICY_TYPES = (
    "user", "group", "role", "aws-managed", "user-managed", "resource", "session", "boundary",
    "scp", "rcp", "endpoint",
)
DETAIL_VALUES = (*DECISIONS, "allowedForAccount", "deniedForAccount", "notApplicable")


@extend_schema_field({
    "oneOf": [{"type": "object", "additionalProperties": True}, {"type": "string"}],
    "description": "A policy document: a JSON object, or its JSON text (line and column "
                   "positions then refer to that text).",
})
class PolicyDocumentField(serializers.JSONField):
    """A policy document as a JSON object or a JSON string."""


class ContextEntrySerializer(serializers.Serializer):
    """One context key with its values (AWS's ContextEntries)."""

    key = serializers.CharField(min_length=5, max_length=256,
                                help_text="The condition key, e.g. aws:SourceIp.")
    values = serializers.ListField(child=serializers.CharField(allow_blank=True),
                                   help_text="One value, or several for the ...List types.")
    type = serializers.ChoiceField(
        choices=CONTEXT_TYPES, required=False,
        help_text="AWS's ContextKeyType. Defaults to the key's type in the service reference "
                  "(ip for aws:SourceIp, stringList for aws:TagKeys), else string; a type that "
                  "contradicts the reference is refused.",
    )


class _LevelsField(serializers.ListField):
    """Organization policy levels, root first: a list of lists of documents."""

    child = serializers.ListField(child=PolicyDocumentField())


class SimulationOptionsSerializer(serializers.Serializer):
    """The inputs both simulations accept."""

    action_names = serializers.ListField(
        child=serializers.CharField(), min_length=1,
        help_text="Actions to simulate, like s3:GetObject (names are checked against the AWS "
                  "service reference; wildcards are not accepted).",
    )
    resource_arns = serializers.ListField(
        child=serializers.CharField(), required=False,
        help_text='Resources every action is simulated on; default ["*"]. Actions without '
                  "resource types (e.g. s3:ListAllMyBuckets) are simulated on * only.",
    )
    action_resources = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text="Resources per action (iamconsole's addition): action name -> ARNs, "
                  "overriding resource_arns for that action.",
    )
    resource_policy = PolicyDocumentField(
        required=False, allow_null=True,
        help_text="A resource-based policy (bucket policy, key policy, trust policy...).",
    )
    resource_owner = serializers.CharField(
        required=False, allow_null=True,
        help_text="The 12-digit account that owns the resources; default: the account in "
                  "each resource ARN, or the caller's.",
    )
    caller_arn = serializers.CharField(
        required=False, allow_null=True,
        help_text="The calling principal (user, role, assumed-role session or root ARN). "
                  "Principal simulations default to the user or role itself; custom "
                  "simulations and groups to arn:aws:iam::<your account>:user/SimulatedUser.",
    )
    context_entries = ContextEntrySerializer(many=True, required=False)
    permissions_boundary_policy_input_list = serializers.ListField(
        child=PolicyDocumentField(), required=False, max_length=1,
        help_text="At most one permissions boundary; replaces the principal's own.",
    )
    session_policy = PolicyDocumentField(required=False, allow_null=True)
    scp_levels = _LevelsField(
        required=False, allow_null=True,
        help_text="Service control policies by organization level, root first (at most 7 "
                  "levels). A level with no policies denies everything.",
    )
    rcp_levels = _LevelsField(
        required=False, allow_null=True,
        help_text="Resource control policies by level, root first; each level implicitly "
                  "includes RCPFullAWSAccess.",
    )
    endpoint_policies = serializers.ListField(child=PolicyDocumentField(), required=False)


class SimulateCustomInputSerializer(SimulationOptionsSerializer):
    """SimulateCustomPolicy: identity policies supplied in the request."""

    policy_input_list = serializers.ListField(
        child=PolicyDocumentField(),
        help_text="The identity policies to simulate; errors name them policy_input_list[i].",
    )


class SimulatePrincipalInputSerializer(SimulationOptionsSerializer):
    """SimulatePrincipalPolicy: the policies of a user, group or role in your account."""

    policy_source_arn = serializers.CharField(
        help_text="The user, group or role whose policies are simulated (a user's group "
                  "policies and permissions boundary are included).",
    )
    policy_exclusions = serializers.ListField(
        child=serializers.CharField(), required=False,
        help_text="Policies to leave out: a managed policy ARN (* and ? allowed), an inline "
                  "policy name, or user|group|role/<owner name>/<policy name>.",
    )
    policy_overrides = serializers.DictField(
        child=PolicyDocumentField(), required=False,
        help_text="Edited copies for this simulation only, keyed like policy_exclusions; "
                  "nothing is saved.",
    )
    policy_input_list = serializers.ListField(
        child=PolicyDocumentField(), required=False,
        help_text="Extra identity policies, added to the principal's.",
    )
    apply_organization_policies = serializers.BooleanField(
        required=False, default=True,
        help_text="When the principal's account is in an organization: apply its service "
                  "control policies (root, each OU, the account; not for the management "
                  "account or service-linked roles) and the resource control policies of each "
                  "resource's account, exactly as authorization does. false leaves them out "
                  "(iamconsole's addition: AWS's simulator cannot). scp_levels or rcp_levels, "
                  "when given, replace the organization's levels of that type.",
    )


class PositionSerializer(serializers.Serializer):
    """A 1-based line and column in the policy's text."""

    line = serializers.IntegerField()
    column = serializers.IntegerField()


class MatchedStatementSerializer(serializers.Serializer):
    """A statement that decided: the explicit denies of an explicit deny, else the allows."""

    source_policy_id = serializers.CharField(
        help_text="Managed policy ARN, inline policy name, or the input (policy_input_list[0], "
                  "scp_levels[0][1], resource_policy, or a role ARN for its trust policy)."
    )
    source_policy_type = serializers.ChoiceField(choices=SOURCE_POLICY_TYPES)
    statement_index = serializers.IntegerField(help_text="0-based position in Statement.")
    sid = serializers.CharField(allow_null=True)
    start = PositionSerializer(allow_null=True)
    end = PositionSerializer(allow_null=True)


class OrganizationPolicyNameSerializer(serializers.Serializer):
    """An SCP or RCP of a level."""

    id = serializers.CharField(help_text="The organization policy's ARN, or the input "
                                         "(scp_levels[0][1]) for a typed level.")
    name = serializers.CharField()


class OrganizationLevelSerializer(serializers.Serializer):
    """One SCP or RCP level, root first, and what it decided on its own."""

    level = serializers.CharField(help_text="Root (r-ab12), OU Workloads (ou-ab12-cdefgh12), "
                                            "Account 345678901234, or Level 2 when typed.")
    target_id = serializers.CharField(allow_null=True, help_text="The root, OU or account ID.")
    decision = serializers.ChoiceField(
        choices=DECISIONS, help_text="explicitDeny: a statement of the level denies; "
                                     "implicitDeny (SCPs): none of its policies allows.")
    policies = OrganizationPolicyNameSerializer(many=True)


class OrganizationPoliciesSerializer(serializers.Serializer):
    """The SCP levels that bind the principal and the RCP levels of the resource's account."""

    service_control_policies = OrganizationLevelSerializer(many=True)
    resource_control_policies = OrganizationLevelSerializer(many=True)


class EvaluationResultSerializer(serializers.Serializer):
    """The decision for one action on one resource."""

    action = serializers.CharField()
    resource = serializers.CharField()
    decision = serializers.ChoiceField(choices=DECISIONS)
    matched_statements = MatchedStatementSerializer(many=True)
    missing_context_values = serializers.ListField(child=serializers.CharField())
    decision_details = serializers.DictField(
        child=serializers.ChoiceField(choices=DETAIL_VALUES),
        help_text="Outcome per policy type that took part: identity, session, boundary, "
                  "resource, scp, rcp, endpoint.",
    )
    explanation = serializers.CharField()
    organization_policies = OrganizationPoliciesSerializer(
        required=False, help_text="Present when SCP or RCP levels took part.")
    denial_message = serializers.CharField(
        required=False, help_text="For a denial: the AccessDenied sentence authorization "
                                  "gives, with AWS's reason (e.g. 'with an explicit deny in a "
                                  "service control policy: <its ARN>').")


class SimulateOutputSerializer(serializers.Serializer):
    """One result per action and resource, in request order."""

    evaluation_results = EvaluationResultSerializer(many=True)


class ContextKeysInputSerializer(serializers.Serializer):
    """Either a principal (policy_source_arn) or custom policies (policy_input_list)."""

    policy_source_arn = serializers.CharField(required=False)
    policy_exclusions = serializers.ListField(child=serializers.CharField(), required=False)
    policy_overrides = serializers.DictField(child=PolicyDocumentField(), required=False)
    apply_organization_policies = serializers.BooleanField(required=False, default=True)
    policy_input_list = serializers.ListField(child=PolicyDocumentField(), required=False)
    permissions_boundary_policy_input_list = serializers.ListField(
        child=PolicyDocumentField(), required=False, max_length=1)
    session_policy = PolicyDocumentField(required=False, allow_null=True)
    resource_policy = PolicyDocumentField(required=False, allow_null=True)
    scp_levels = _LevelsField(required=False, allow_null=True)
    rcp_levels = _LevelsField(required=False, allow_null=True)
    endpoint_policies = serializers.ListField(child=PolicyDocumentField(), required=False)


class ContextKeySerializer(serializers.Serializer):
    """A context key the policies test, its type and the policies that test it."""

    key = serializers.CharField()
    type = serializers.ChoiceField(choices=CONTEXT_TYPES)
    description = serializers.CharField(allow_blank=True)
    used_by = serializers.ListField(child=serializers.CharField())


class ContextKeysOutputSerializer(serializers.Serializer):
    """GetContextKeysFor*Policy's answer, with types."""

    context_key_names = serializers.ListField(child=serializers.CharField())
    context_keys = ContextKeySerializer(many=True)
