"""What of moto's IAM tests is in scope, what differs from AWS, and the pass rate.

Names are `module.py::test_name` (a parametrized test's name covers all its cases) or
`module.py::test_name[case]` for one case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

MOTO_VERSION = "5.2.5"
HERE = Path(__file__).parent
TESTS = HERE / "moto_tests" / "test_iam"

# The rate `make conformance` (run by `make test`, so by CI) must reach: below it, it fails.
REQUIRED_RATE = 95.0
ENFORCE = True

# The vendored tests `make test` runs (all of them run in `make conformance`): a few that
# cover users, errors and pagination end to end in a couple of seconds.
SMOKE = {
    "test_iam.py::test_get_user",
    "test_iam.py::test_update_user",
    "test_iam.py::test_tag_non_existant_policy",
}

# Modules not even imported: moto's own server (Flask, not a dependency of ours).
NOT_COLLECTED = [TESTS / "test_server.py"]

# Whole modules out of scope, with the reason.
OUT_OF_SCOPE_MODULES = {
    "test_iam_cloudformation.py": "drives CloudFormation stacks (another service)",
}

_PARTITION = "the aws-cn partition (the server is one partition: aws)"
_BACKEND = "reads or writes moto's in-process backend"
_CONFIG = "AWS Config's view of IAM resources (another service)"

# Single tests out of scope: other services, or moto's internals.
OUT_OF_SCOPE: dict[str, str] = {
    "test_iam.py::test_get_aws_managed_policy[cn-north-1-aws-cn]": _PARTITION,
    "test_iam.py::test_create_role_with_permissions_boundary[cn-north-1-aws-cn]": _PARTITION,
    "test_iam.py::test_managed_policy": _BACKEND,
    "test_iam.py::test_role_list_config_discovered_resources": _BACKEND + " (AWS Config)",
    "test_iam.py::test_policy_list_config_discovered_resources": _BACKEND + " (AWS Config)",
    "test_iam.py::test_role_config_dict": _BACKEND + " (AWS Config)",
    "test_iam.py::test_policy_config_dict": _BACKEND + " (AWS Config)",
    "test_iam.py::test_role_config_client": _CONFIG,
    "test_iam.py::test_policy_config_client": _CONFIG,
    "test_iam_access_integration.py::test_invoking_ec2_mark_access_key_as_used":
        "calls EC2 (another service)",
    "test_iam_access_integration.py::test_get_credential_report_content"
    "__set_last_used_automatically": "calls EC2 (another service)",
    "test_iam_access_integration.py::test_mark_role_as_last_used":
        "STS AssumeRole (STS comes in its own issue)",
    "test_iam_groups.py::test_add_user_to_group":
        "freezes the client's clock (freezegun), which a live server does not share",
    "test_iam_password_last_used.py::test_password_last_used": _BACKEND,
    "test_iam_resets.py::test_policies_are_not_kept_after_mock_ends":
        "moto's reset between mocks and its config",
    "test_iam_resets.py::test_policies_are_loaded_when_using_env_variable":
        "moto's MOTO_IAM_LOAD_MANAGED_POLICIES environment variable",
}

_PATH = ("passes a Path such as 'my-path' or '/path', which AWS refuses with ValidationError "
         "(pattern (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F))")
_TRUST = ("creates a role with a trust policy that is no policy ('some policy', '{}'), which "
          "AWS refuses with MalformedPolicyDocument")
_PASSWORD = ("sets a console password (such as 'my-pass') that AWS's default password policy "
             "refuses (8 characters, three character types) with PasswordPolicyViolation")
_ENFORCEMENT = ("a new user without policies calls IAM with its own key: AWS denies "
                "(AccessDenied), moto enforces nothing")
_IMPLICIT_USER = ("calls an access key operation without UserName, which AWS applies to the "
                  "signing identity (the root user here), not to the key's owner")
_MFA = ("enables an MFA device with made-up codes or serial number: AWS checks two "
        "consecutive TOTP codes of an existing device")
_DOCUMENT = ("expects Document in CreatePolicyVersion/ListPolicyVersions: AWS returns it only "
             "from GetPolicyVersion and GetAccountAuthorizationDetails (PolicyVersion docs)")
_MARKER = ("uses moto's numeric Marker ('1', '10', '100'); AWS's markers are opaque tokens "
           "it issued")
_BOUNDARY = ("sets a permissions boundary policy that does not exist, which AWS refuses "
             "(NoSuchEntity)")
_MESSAGE = "expects moto's wording; AWS answers '{}' (as we do)"
_SAML_METADATA = ("creates a SAML provider from 'a' * 1024, which is no SAML metadata document: "
                  "AWS parses the IdP's metadata XML and refuses it (InvalidInput 'Could not "
                  "parse metadata')")
_OIDC_HTTP = ("creates an OpenID Connect provider at an http:// URL, which AWS refuses "
              "(InvalidInput: the URL must begin with https://)")
_SERVICE_TRUST = ("expects the trust policy of a service-linked role with one-element lists "
                  "(moto's); AWS's is {'Principal': {'Service': '<service>'}, 'Action': "
                  "'sts:AssumeRole'}")
_SERVER_CERTIFICATE = ("uploads a server certificate whose body and private key are no PEM "
                       "('certbody', 'privatekey'), which AWS refuses with "
                       "MalformedCertificate")
_SSH_KEY = ("uploads an X.509 certificate as an SSH public key, which AWS refuses with "
            "InvalidPublicKey (it takes ssh-rsa keys in OpenSSH or PEM public key format)")
_SID = ("creates a policy whose Sid has underscores, which IAM refuses (MalformedPolicyDocument: "
        "'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the "
        "regular expression [0-9A-Za-z]*'; the IAM JSON policy grammar: A-Z, a-z, 0-9)")
_PERIOD = ("expects a final '.' after 'Member must have length less than or equal to N': AWS's "
           "ValidationError sentences (the model's length constraints) end without one, as ours")

# Tests where moto's habit differs from AWS's documented behaviour, which we follow.
EXPECTED_DIFFERENCES: dict[str, str] = {
    **{f"test_iam.py::{name}": _PATH for name in (
        "test_create_role_and_instance_profile", "test_remove_role_from_instance_profile",
        "test_list_users", "test_list_instance_profiles", "test_list_instance_profiles_for_role",
        "test_list_role_policies", "test_put_role_policy", "test_get_role_policy",
        "test_update_assume_role_invalid_policy", "test_update_assume_role_valid_policy",
        "test_update_assume_role_invalid_policy_bad_action",
        "test_update_assume_role_invalid_policy_with_resource",
    )},
    "test_iam_groups.py::test_update_group_name_that_has_a_path": _PATH,
    "test_iam_groups.py::test_update_group_path": _PATH,
    **{f"test_iam_server_certificates.py::{name}": _SERVER_CERTIFICATE for name in (
        "test_get_all_server_certs", "test_get_server_cert", "test_delete_server_cert",
        "test_get_server_cert_with_certificate_chain",
    )},
    **{f"test_iam.py::{name}": _SSH_KEY for name in (
        "test_upload_ssh_public_key", "test_get_ssh_public_key", "test_list_ssh_public_keys",
        "test_update_ssh_public_key", "test_delete_ssh_public_key",
    )},
    **{f"test_iam.py::{name}": _TRUST for name in (
        "test_get_role__should_contain_last_used", "test_delete_instance_profile",
        "test_delete_role", "test_attach_detach_role_policy", "test_only_detach_role_policy",
        "test_create_role_defaults", "test_create_role_with_tags", "test_tag_role",
        "test_untag_role", "test_update_role_description", "test_update_role",
        "test_update_role_defaults", "test_list_entities_for_policy", "test_create_role_no_path",
        "test_create_role_with_same_name_should_fail",
        "test_list_roles_with_more_than_100_roles_no_max_items_defaults_to_100",
        "test_list_roles_max_item_and_marker_values_adhered",
        "test_list_roles_path_prefix_value_adhered", "test_list_roles",
    )},
    **{f"test_iam.py::{name}": _PASSWORD for name in (
        "test_get_login_profile", "test_update_login_profile", "test_delete_login_profile",
        "test_get_credential_report_content", "test_create_login_profile__duplicate",
    )},
    **{f"test_iam.py::{name}": _ENFORCEMENT for name in (
        "test_create_access_key", "test_list_access_keys",
        "test_get_access_key_last_used_when_used",
    )},
    "test_iam.py::test_delete_access_key": _IMPLICIT_USER,
    "test_iam.py::test_update_access_key": _IMPLICIT_USER,
    "test_iam.py::test_mfa_devices": _MFA,
    "test_iam.py::test_enable_virtual_mfa_device": _MFA,
    "test_iam.py::test_create_policy_versions": _DOCUMENT,
    "test_iam.py::test_set_default_policy_version": _DOCUMENT,
    "test_iam.py::test_list_policy_versions": _DOCUMENT,
    "test_iam.py::test_list_policy_tags_pagination": _MARKER,
    "test_iam.py::test_list_roles_none_found_returns_empty_list": _MARKER,
    "test_iam.py::test_list_virtual_mfa_devices_errors": _MARKER,
    "test_iam.py::test_create_role_with_permissions_boundary[us-west-2-aws]": _BOUNDARY,
    "test_iam.py::test_get_account_authorization_details": _BOUNDARY + "; " + _TRUST,
    "test_iam.py::test_get_current_user": (
        "expects moto's 'default_user' behind the credentials; the key here is the root "
        "user's, whose GetUser has no UserName"),
    "test_iam.py::test_get_account_summary": (
        "expects AccountAccessKeysPresent 0, but the suite signs with a root access key "
        "(AWS counts it); " + _TRUST),
    **{f"test_iam.py::{name}": _PERIOD for name in (
        "test_create_policy_with_too_many_tags", "test_create_policy_with_tag_containing_large_key",
        "test_create_policy_with_tag_containing_large_value",
        "test_updating_existing_tagged_policy_with_too_many_tags",
        "test_updating_existing_tagged_policy_with_large_key",
        "test_updating_existing_tagged_policy_with_large_value", "test_untag_policy",
    )},
    "test_iam.py::test_update_account_password_policy_errors": (
        "expects the values and members in double quotes; AWS's ValidationError quotes them "
        "in single quotes (Value '129' at 'minimumPasswordLength'), as we do"),
    "test_iam.py::test_create_virtual_mfa_device_errors": (
        "expects the Path '/test//test/' refused, which the model's pattern "
        "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F) allows, and a length message in double "
        "quotes; AWS quotes values in single quotes, as we do"),
    "test_iam.py::test_update_account_password_policy": (
        "expects MaxPasswordAge 0 in a policy that sets none; AWS leaves MaxPasswordAge out "
        "when passwords never expire (ExpirePasswords false), as we do"),
    "test_iam.py::test_get_role__should_throw__when_role_does_not_exist":
        _MESSAGE.format("The role with name X cannot be found."),
    "test_iam.py::test_get_instance_profile__should_throw__when_instance_profile_does_not_exist":
        _MESSAGE.format("Instance Profile X cannot be found."),
    "test_iam.py::test_create_user": _MESSAGE.format("User with name X already exists."),
    "test_iam.py::test_delete_nonexistent_login_profile":
        _MESSAGE.format("Login Profile for User X cannot be found."),
    "test_iam_groups.py::test_create_group": _MESSAGE.format("Group with name X already exists."),
    "test_iam_groups.py::test_update_group_with_existing_name":
        _MESSAGE.format("Group with name X already exists."),
    "test_iam_groups.py::test_get_group": _MESSAGE.format("The group with name X cannot be found."),
    "test_iam_groups.py::test_add_user_to_unknown_group":
        _MESSAGE.format("The group with name X cannot be found."),
    "test_iam_groups.py::test_remove_user_from_unknown_group":
        _MESSAGE.format("The group with name X cannot be found."),
    **{f"test_iam.py::{name}": _SAML_METADATA for name in (
        "test_create_saml_provider", "test_update_saml_provider_with_samlmetadatadocument",
        "test_get_saml_provider", "test_list_saml_providers", "test_delete_saml_provider",
    )},
    **{f"test_iam_oidc.py::{name}": _OIDC_HTTP for name in (
        "test_create_open_id_connect_provider",
        "test_create_open_id_connect_provider_too_many_entries",
        "test_create_open_id_connect_provider_quota_error",
        "test_list_open_id_connect_providers",
    )},
    "test_iam_oidc.py::test_create_open_id_connect_provider_errors": _MESSAGE.format(
        "Provider with url https://example.com already exists."),
    "test_iam_oidc.py::test_create_open_id_connect_provider_multiple_errors": (
        "expects moto's wording ('\"clientIDList\" failed to satisfy constraint', both "
        "bounds); AWS names the member and the bound broken: \"Value '...' at "
        "'clientIDList.1.member' failed to satisfy constraint: Member must have length less "
        "than or equal to 255\" (as we do)"),
    "test_iam_oidc.py::test_delete_open_id_connect_provider": (
        "expects deleting a deleted provider to succeed; AWS's model gives "
        "DeleteOpenIDConnectProvider NoSuchEntity (404) for a provider that does not exist"),
    "test_iam_oidc.py::test_list_open_id_connect_provider_tags__paginated": (
        "puts 150 tags on a provider; AWS allows 50 per resource (LimitExceeded 'Cannot "
        "exceed quota for TagsPerOpenIDConnectProvider: 50')"),
    "test_iam.py::test_create_service_linked_role__with_suffix": _SERVICE_TRUST,
    "test_iam.py::test_create_service_linked_role[other-other]": (
        "expects 'AWSServiceRoleForother' for other.amazonaws.com, a name moto makes up; AWS "
        "names each service's role (AWSServiceRoleFor<Service>, capitalized)"),
    "test_iam.py::test_delete_service_linked_role": _MESSAGE.format(
        "The role with name X cannot be found."),
    "test_iam_policies.py::test_create_policy_with_valid_policy_document"
    "[valid_policy_document39]": _SID,
    "test_iam_policies.py::test_create_policy_with_valid_policy_document"
    "[valid_policy_document40]": _SID,
    "test_iam_groups.py::test_get_group_policy": (
        "expects moto's 'Policy X not found'; AWS words NoSuchEntity as 'The ... with name X "
        "cannot be found.'"),
}

# Tests that skip themselves in moto's server mode only because moto's server does not load
# the AWS-managed policies; ours always has them, so they run as in-process tests.
IN_PROCESS_MODE = {
    "test_iam.py::test_get_aws_managed_policy[us-west-2-aws]",
    "test_iam.py::test_get_aws_managed_policy_version",
    "test_iam.py::test_get_aws_managed_policy_v12_version",
    "test_iam.py::test_get_account_authorization_details",
    "test_iam_groups.py::test_attach_group_policies",
}


def test_name(nodeid: str) -> str:
    """`module.py::test[case]` from a node id."""
    path, _, rest = nodeid.partition("::")
    return f"{Path(path).name}::{rest}"


def _base(name: str) -> str:
    return name.partition("[")[0]


def out_of_scope(name: str) -> str | None:
    module = name.partition("::")[0]
    return (OUT_OF_SCOPE_MODULES.get(module) or OUT_OF_SCOPE.get(name)
            or OUT_OF_SCOPE.get(_base(name)))


def expected_difference(name: str) -> str | None:
    return EXPECTED_DIFFERENCES.get(name) or EXPECTED_DIFFERENCES.get(_base(name))


def cannot_freeze_time(*args: Any, **kwargs: Any) -> Any:
    """freezegun's freeze_time where freezegun is not installed (never reached: the one test
    using it is out of scope)."""
    raise RuntimeError("freezing the client's clock cannot reach a live server")


@dataclass
class Figures:
    """Outcomes of the vendored tests."""

    passed: int
    failed: list[str]
    differences: int
    out_of_scope: int

    @property
    def in_scope(self) -> int:
        """IAM API tests that hold for AWS: what the rate is of."""
        return self.passed + len(self.failed)

    @property
    def rate(self) -> float:
        return 100.0 * self.passed / self.in_scope if self.in_scope else 0.0

    @classmethod
    def from_stats(cls, stats: dict[str, list[Any]], vendored: Path) -> Figures:
        prefix = str(vendored) + "/"

        def ours(key: str) -> list[Any]:
            return [report for report in stats.get(key, [])
                    if getattr(report, "nodeid", "").startswith(prefix)
                    and getattr(report, "when", "call") in ("call", "setup")]

        passed = [report for report in ours("passed") if report.when == "call"]
        failed = sorted({report.nodeid for report in ours("failed") + ours("error")})
        differences = ours("xfailed") + ours("xpassed")
        return cls(passed=len(passed), failed=failed, differences=len(differences),
                   out_of_scope=len(ours("skipped")))

    def lines(self, full: bool) -> list[str]:
        state = "enforced" if ENFORCE else "recorded, not enforced yet"
        subset = "" if full else " (smoke subset; `make conformance` runs them all)"
        return [
            f"passed {self.passed} / in scope {self.in_scope}: {self.rate:.1f}% "
            f"(required {REQUIRED_RATE:.0f}%, {state}){subset}",
            f"expected differences (moto's habit, AWS's behaviour followed; neither passes "
            f"nor in scope): {self.differences}",
            f"out of scope (other services, moto's internals): {self.out_of_scope}",
        ]
