"""`manage.py create_account`: an account, optionally an admin user whose key prints as JSON."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Account, IamUser
from accounts.services import access_key_authenticate
from policies.models import ManagedPolicy
from policies.selectors import attached_policies

pytestmark = pytest.mark.django_db
ARGS = ["--account-id", "111111111111", "--alias", "demo", "--root-email", "root@example.com",
        "--root-password", "Root-Password-123"]


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_account", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_creates_an_account(aws_policy):
    out, err = _run(*ARGS)
    account = Account.objects.get(account_id="111111111111")
    assert (account.alias, account.root_email) == ("demo", "root@example.com")
    assert out == "" and "Created account 111111111111" in err


def test_admin_user_gets_administrator_access_and_a_key_printed_once_as_json():
    out, _ = _run(*ARGS, "--admin-user", "admin", "--admin-password", "Adm1n-Password!")
    key = json.loads(out)
    assert set(key) == {"AccessKeyId", "SecretAccessKey"}
    user = IamUser.objects.get(name="admin")
    assert [p.name for p in attached_policies(user)] == ["AdministratorAccess"]
    assert user.login_profile.check_password("Adm1n-Password!")
    authenticated = access_key_authenticate(
        access_key_id=key["AccessKeyId"], secret_access_key=key["SecretAccessKey"]
    )
    assert authenticated.user == user


def test_root_access_key_prints_only_the_root_users_key_as_json():
    out, err = _run(*ARGS, "--root-access-key")
    key = json.loads(out)
    assert set(key) == {"AccessKeyId", "SecretAccessKey"}
    authenticated = access_key_authenticate(
        access_key_id=key["AccessKeyId"], secret_access_key=key["SecretAccessKey"]
    )
    assert authenticated.user is None
    assert authenticated.account == Account.objects.get(account_id="111111111111")
    assert "root user has an access key" in err


def test_loads_the_catalogue_when_it_is_missing():
    ManagedPolicy.objects.filter(name="AdministratorAccess").delete()
    out, _ = _run(*ARGS, "--admin-user", "admin")
    assert json.loads(out)["AccessKeyId"].startswith("AKIA")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--account-id", "123", "--root-email", "a@b.example", "--root-password", "Xyz-12345-q"],
         "account_id"),
        (ARGS[:-1] + ["123"], "root_password"),
        (ARGS + ["--admin-user", "bad name"], "name"),
        (ARGS + ["--admin-user", "admin", "--admin-password", "weak"], "PasswordPolicyViolation"),
        (ARGS + ["--admin-password", "x"], "needs --admin-user"),
        (ARGS + ["--admin-user", "admin", "--root-access-key"], "give one"),
    ],
)
def test_clear_errors_on_bad_input_and_nothing_half_created(args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
    assert not Account.objects.exists()


def test_refuses_duplicates():
    _run(*ARGS)
    with pytest.raises(CommandError, match="EntityAlreadyExists"):
        _run(*ARGS)
    with pytest.raises(CommandError, match="alias"):
        _run("--account-id", "222222222222", "--alias", "demo", "--root-email", "x@y.example",
             "--root-password", "Root-Password-123")


def test_required_arguments():
    with pytest.raises(CommandError):
        _run("--account-id", "111111111111")
