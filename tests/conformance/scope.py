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

# The rate `make conformance` must reach. ENFORCE turns the check on once every wire action
# the suite exercises is implemented (issue 15); until then the rate is recorded only.
REQUIRED_RATE = 95.0
ENFORCE = False

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

_BACKEND = "reads or writes moto's in-process backend"
_CONFIG = "AWS Config's view of IAM resources (another service)"

# Single tests out of scope: other services, or moto's internals.
OUT_OF_SCOPE: dict[str, str] = {
    "test_iam.py::test_get_aws_managed_policy[cn-north-1-aws-cn]":
        "the aws-cn partition (the server is one partition: aws)",
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

# Tests where moto's habit differs from AWS's documented behaviour, which we follow.
EXPECTED_DIFFERENCES: dict[str, str] = {}

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
