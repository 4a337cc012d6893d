"""The authorization seam: the root user's implicit access, AWS's denial sentence."""

import pytest

from accounts.principal import Principal
from iamconsole.exceptions import AccessDenied
from policies.authorization import Operation, authorize, check

ROOT = Principal(kind="root", account_id="111111111111", arn="arn:aws:iam::111111111111:root",
                 unique_id="111111111111", name="root", account_pk=1)


def test_root_may_do_anything_in_its_own_account():
    assert check(ROOT, Operation("iam:CreateUser", "arn:aws:iam::111111111111:user/bob")).allowed
    assert check(ROOT, Operation("iam:ListUsers", "*")).allowed


def test_root_gets_nothing_in_another_account():
    operation = Operation("iam:CreateUser", "arn:aws:iam::222222222222:user/bob")
    decision = check(ROOT, operation)
    assert not decision.allowed and decision.decision == "implicitDeny"
    with pytest.raises(AccessDenied) as caught:
        authorize(ROOT, operation)
    assert caught.value.message == (
        "User: arn:aws:iam::111111111111:root is not authorized to perform: iam:CreateUser on "
        "resource: arn:aws:iam::222222222222:user/bob because no identity-based policy allows "
        "the iam:CreateUser action"
    )


def test_nobody_signed_in_is_denied():
    assert not check(None, Operation("iam:ListUsers")).allowed
