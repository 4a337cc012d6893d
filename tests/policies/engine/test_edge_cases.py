"""The 41 edge cases of evaluation.md section 6, one test id per case."""

from __future__ import annotations

import pytest

from tests.policies.engine.edge_cases_1_22 import CASES as FIRST
from tests.policies.engine.edge_cases_1_22 import GET, Check
from tests.policies.engine.edge_cases_23_41 import CASES as SECOND
from tests.policies.engine.helpers import OBJECT, ROOT, B, grant, matched, run

CASES = {**FIRST, **SECOND}


@pytest.mark.parametrize("checks", list(CASES.values()), ids=list(CASES))
def test_edge_case(checks: list[Check]) -> None:
    """Every sub-scenario of the case gets the decision (and statements) the spec gives."""
    for fields, decision, statements in checks:
        result = run(**fields)
        assert result.decision == decision, (fields, result)
        if statements is not None:
            assert matched(result) == statements, (fields, result)


def test_all_41_cases_are_covered() -> None:
    """The table has exactly the 41 cases of section 6."""
    assert list(CASES) == [f"case_{n:02d}" for n in range(1, 42)]


def test_case_05_grade_is_account_and_bucket_outcome_allowed_for_account() -> None:
    """Cross-account grant through the account root is an account-grade Allow."""
    result = run(resource_account=B, resource_policy=grant(ROOT), identity_policies=[GET])
    assert result.details["resource"] == "allowedForAccount"


def test_case_01_object_defaults() -> None:
    """The default request is the object ARN used throughout section 6."""
    assert run(identity_policies=[GET]).resource == OBJECT
