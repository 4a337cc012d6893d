"""Console sign-in as an IAM user: MFA step, forced password change, switch role."""

import json
from datetime import timedelta

import pyotp
import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import LoginProfile
from accounts.services import login_profile_create, user_create
from accounts.services.mfa import mfa_device_verify_code
from accounts.signin import SESSION_KEY, principal_from_session
from policies.authorization import Requirement, check
from policies.services import inline_policy_put, policy_attach_to_role, policy_attach_to_user
from tests.factories import MfaDeviceFactory, PasswordPolicyFactory, RoleFactory

PASSWORD = "Alice-Password-2026!"


def trust(*principals, condition=None):
    statement = {"Effect": "Allow", "Principal": {"AWS": list(principals)},
                 "Action": "sts:AssumeRole"}
    if condition:
        statement["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [statement]}


@pytest.fixture
def alice(account):
    user = user_create(account=account, name="alice")
    login_profile_create(user=user, password=PASSWORD)
    return user


def post_sign_in(client, account="111111111111", name="alice", password=PASSWORD):
    """The sign-in form posted as an IAM user (the response, whatever it is)."""
    return client.post("/signin/", {"mode": "iam", "account": account, "user_name": name,
                                    "password": password})


def whoami(client):
    return client.session.get(SESSION_KEY)


@pytest.mark.parametrize("account_field", ["111111111111", "acme", "ACME"])
def test_an_iam_user_signs_in_with_account_id_or_alias(client, alice, account_field):
    response = post_sign_in(client, account=account_field, name="ALICE")
    assert response.status_code == 302 and response["Location"] == "/"
    assert whoami(client)["kind"] == "user"
    alice.refresh_from_db()
    assert alice.password_last_used_at is not None


def test_the_header_shows_the_signed_in_user(client, alice, aws_policy):
    policy_attach_to_user(user=alice, policy=aws_policy("ReadOnlyAccess"))
    post_sign_in(client)
    page = client.get("/").content.decode()
    assert "arn:aws:iam::111111111111:user/alice" in page
    assert 'class="identity-badge">alice<' in page


@pytest.mark.parametrize(
    "account_field, name, password",
    [
        ("111111111111", "alice", "wrong"),
        ("111111111111", "nobody", PASSWORD),
        ("999999999999", "alice", PASSWORD),
    ],
)
def test_failures_all_say_the_same_thing(client, alice, account_field, name, password):
    response = post_sign_in(client, account=account_field, name=name, password=password)
    assert response.status_code == 200
    assert b"Your authentication information is incorrect" in response.content
    assert whoami(client) is None


def test_a_user_without_a_console_password_cannot_sign_in(client, account):
    user_create(account=account, name="bot")
    response = post_sign_in(client, name="bot", password="anything-at-all")
    assert b"Your authentication information is incorrect" in response.content


def test_deleting_the_login_profile_ends_the_session(client, alice):
    post_sign_in(client)
    LoginProfile.objects.filter(user=alice).delete()
    assert client.get("/").status_code == 302


class TestMfa:
    @pytest.fixture
    def device(self, alice):
        return MfaDeviceFactory(account=alice.account, enabled_for=alice)

    def test_a_user_with_mfa_must_give_a_code(self, client, alice, device):
        response = post_sign_in(client)
        assert response["Location"] == "/signin/mfa/"
        # Between the two steps nothing of the console is reachable.
        assert client.get("/").status_code == 302
        bad = client.post("/signin/mfa/", {"code": "000000"})
        assert b"The MFA code is not valid" in bad.content
        code = pyotp.TOTP(device.seed).now()
        response = client.post("/signin/mfa/", {"code": code})
        assert response.status_code == 302
        assert whoami(client)["mfa_at"] is not None
        # Signed in: the landing page answers instead of sending back to sign-in.
        assert client.get("/").status_code == 200

    def test_the_page_asked_for_keeps_its_whole_query_through_the_mfa_step(self, client,
                                                                           alice, device):
        """next=/users/?q=a&sort=-name reaches the page with both parameters, not just q."""
        wanted = "/users/?q=a&sort=-name"
        response = client.post("/signin/", {"mode": "iam", "account": "111111111111",
                                            "user_name": "alice", "password": PASSWORD,
                                            "next": wanted})
        assert response["Location"] == "/signin/mfa/?next=%2Fusers%2F%3Fq%3Da%26sort%3D-name"
        client.get(response["Location"])
        code = pyotp.TOTP(device.seed).now()
        response = client.post(response["Location"], {"code": code, "next": wanted})
        assert response["Location"] == wanted

    def test_a_code_cannot_be_used_twice(self, client, alice, device):
        code = pyotp.TOTP(device.seed).now()
        post_sign_in(client)
        client.post("/signin/mfa/", {"code": code})
        other = Client()
        post_sign_in(other)
        response = other.post("/signin/mfa/", {"code": code})
        assert b"The MFA code is not valid" in response.content

    def test_the_mfa_step_expires(self, client, alice, device):
        post_sign_in(client)
        session = client.session
        session["iam_pending_mfa"]["expires"] = (timezone.now() - timedelta(1)).isoformat()
        session.save()
        response = client.post("/signin/mfa/", {"code": pyotp.TOTP(device.seed).now()})
        assert response["Location"] == "/signin/"

    def test_mfa_conditions_grant_only_after_an_mfa_sign_in(self, client, alice, device):
        inline_policy_put(entity=alice, name="IamWithMfa", policy_document=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Action": "iam:*", "Resource": "*",
                "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}))
        post_sign_in(client)
        client.post("/signin/mfa/", {"code": pyotp.TOTP(device.seed).now()})
        request = client.get("/").wsgi_request
        principal = principal_from_session(request)
        assert principal.mfa_authenticated_at is not None
        create = Requirement("iam:CreateUser", "arn:aws:iam::111111111111:user/x")
        assert check(principal, create).allowed
        other = Client()
        post_sign_in(other)
        without_mfa = principal_from_session(other.get("/signin/mfa/").wsgi_request)
        assert without_mfa is None  # still waiting for the code: no principal at all


def change_password(client: Client, old: str, new: str, confirm: str | None = None):
    return client.post("/signin/change-password/", {
        "old_password": old, "new_password": new, "confirm_password": confirm or new})


class TestPasswordChange:
    def test_a_required_reset_forces_the_change_password_page(self, client, alice):
        LoginProfile.objects.filter(user=alice).update(password_reset_required=True)
        response = post_sign_in(client)
        assert response["Location"] == "/signin/change-password/"
        assert client.get("/")["Location"].startswith("/signin/change-password/")
        page = client.get("/signin/change-password/")
        assert b"requires you to set a new password" in page.content
        mismatch = change_password(client, PASSWORD, "New-Password-1!", "Other-Password-1!")
        assert b"do not match" in mismatch.content
        wrong_old = change_password(client, "nope", "New-Password-1!")
        assert b"old password is incorrect" in wrong_old.content
        done = change_password(client, PASSWORD, "New-Password-1!")
        assert done.status_code == 302
        # The session that changed the password stays signed in; the flag is gone.
        assert client.get("/").status_code in (200, 403)
        assert not LoginProfile.objects.get(user=alice).password_reset_required

    def test_a_required_reset_still_leads_to_the_page_asked_for(self, client, alice):
        """next survives the forced password change, query string and all."""
        LoginProfile.objects.filter(user=alice).update(password_reset_required=True)
        wanted = "/users/?q=a&sort=-name"
        response = client.post("/signin/", {"mode": "iam", "account": "111111111111",
                                            "user_name": "alice", "password": PASSWORD,
                                            "next": wanted})
        assert response["Location"] == (
            "/signin/change-password/?next=%2Fusers%2F%3Fq%3Da%26sort%3D-name"
        )
        page = client.get(response["Location"]).content.decode()
        assert 'name="next" value="/users/?q=a&amp;sort=-name"' in page
        done = client.post(response["Location"], {
            "old_password": PASSWORD, "new_password": "New-Password-1!",
            "confirm_password": "New-Password-1!", "next": wanted})
        assert done["Location"] == wanted

    def test_guessing_the_old_password_is_throttled(self, client, alice, settings):
        settings.THROTTLE_FAILURES_PER_IDENTITY_AND_ADDRESS = 3
        post_sign_in(client)
        for _ in range(3):
            wrong = change_password(client, "a-wrong-guess", "New-Password-1!")
            assert b"old password is incorrect" in wrong.content
        right = change_password(client, PASSWORD, "New-Password-1!")
        assert right.status_code == 429
        assert b"Too many failed attempts" in right.content
        assert LoginProfile.objects.get(user=alice).check_password(PASSWORD)

    def test_the_new_password_must_satisfy_the_policy(self, client, alice):
        PasswordPolicyFactory(account=alice.account, minimum_password_length=20)
        LoginProfile.objects.filter(user=alice).update(password_reset_required=True)
        post_sign_in(client)
        response = change_password(client, PASSWORD, "Short-1!a")
        assert response.status_code == 400
        assert b"at least 20" in response.content

    def test_without_the_policys_leave_a_user_needs_iam_change_password(self, client, alice):
        """A password policy that does not let users change their password leaves it to
        iam:ChangePassword on the user itself."""
        PasswordPolicyFactory(account=alice.account, allow_users_to_change_password=False)
        post_sign_in(client)
        refused = change_password(client, PASSWORD, "New-Password-1!")
        assert refused.status_code == 403
        assert (b"not authorized to perform: iam:ChangePassword on resource: "
                b"arn:aws:iam::111111111111:user/alice" in refused.content)
        assert LoginProfile.objects.get(user=alice).check_password(PASSWORD)
        inline_policy_put(entity=alice, name="own-password", policy_document={
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Action": "iam:ChangePassword",
                "Resource": "arn:aws:iam::111111111111:user/${aws:username}"}]})
        assert change_password(client, PASSWORD, "New-Password-1!").status_code == 302

    def test_an_explicit_deny_refuses_even_what_the_policy_allows(self, client, alice):
        PasswordPolicyFactory(account=alice.account, allow_users_to_change_password=True)
        inline_policy_put(entity=alice, name="no-password", policy_document={
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Deny", "Action": "iam:ChangePassword", "Resource": "*"}]})
        post_sign_in(client)
        assert change_password(client, PASSWORD, "New-Password-1!").status_code == 403
        assert LoginProfile.objects.get(user=alice).check_password(PASSWORD)

    def test_a_changed_password_ends_other_sessions(self, client, alice):
        other = Client()
        post_sign_in(client)
        post_sign_in(other)
        change_password(client, PASSWORD, "New-Password-1!")
        assert whoami(client) is not None
        assert other.get("/").status_code == 302

    def test_an_expired_password_must_be_changed(self, client, alice):
        PasswordPolicyFactory(account=alice.account, max_password_age=30)
        LoginProfile.objects.filter(user=alice).update(
            password_changed_at=timezone.now() - timedelta(days=31))
        assert post_sign_in(client)["Location"] == "/signin/change-password/"

    def test_hard_expiry_refuses_the_sign_in(self, client, alice):
        PasswordPolicyFactory(account=alice.account, max_password_age=30, hard_expiry=True)
        LoginProfile.objects.filter(user=alice).update(
            password_changed_at=timezone.now() - timedelta(days=31))
        response = post_sign_in(client)
        assert b"requires an administrator to reset it" in response.content
        assert whoami(client) is None


class TestSwitchRole:
    def switch(self, client, role_name, account="111111111111", **extra):
        return client.post("/switch-role/", {"account": account, "role_name": role_name,
                                             **extra})

    def test_switching_grants_exactly_the_roles_permissions(self, client, alice, aws_policy):
        role = RoleFactory(account=alice.account, name="Auditor", trust=trust(alice.arn))
        policy_attach_to_role(role=role, policy=aws_policy("IAMReadOnlyAccess"))
        post_sign_in(client)
        response = self.switch(client, "auditor")
        assert response.status_code == 302
        data = whoami(client)["role"]
        assert data["session_name"] == "alice"
        page = client.get("/").content.decode()
        assert "arn:aws:sts::111111111111:assumed-role/Auditor/alice" in page
        assert "Role: Auditor @ acme" in page
        principal = principal_from_session(client.get("/").wsgi_request)
        assert principal.kind == "assumed-role"
        assert check(principal, Requirement("iam:ListUsers")).allowed
        assert not check(principal, Requirement("iam:CreateUser",
                                              "arn:aws:iam::111111111111:user/x")).allowed
        role.refresh_from_db()
        assert role.last_used_at is not None
        client.post("/switch-role/back/")
        assert whoami(client)["role"] is None

    def test_switching_fails_when_the_trust_policy_does_not_name_the_caller(
        self, client, alice, aws_policy
    ):
        policy_attach_to_user(user=alice, policy=aws_policy("AdministratorAccess"))
        RoleFactory(account=alice.account, name="Ops")  # trusts ec2.amazonaws.com only
        post_sign_in(client)
        response = self.switch(client, "Ops")
        assert response.status_code == 403
        assert (
            "User: arn:aws:iam::111111111111:user/alice is not authorized to perform: "
            "sts:AssumeRole on resource: arn:aws:iam::111111111111:role/Ops"
        ) in response.content.decode()
        assert whoami(client)["role"] is None

    def test_the_denial_does_not_tell_whether_a_role_exists(self, client, alice, aws_policy):
        """Refused for an existing role (under a path, reached through the alias) and for a
        missing one, the page says the same from what was typed: roles cannot be probed."""
        policy_attach_to_user(user=alice, policy=aws_policy("AdministratorAccess"))
        RoleFactory(account=alice.account, name="Ops", path="/service-role/")
        post_sign_in(client)
        pages = {name: self.switch(client, name, account=alice.account.alias)
                 for name in ("Ops", "NoSuchRole")}
        for name, page in pages.items():
            assert page.status_code == 403
            html = page.content.decode()
            assert ("User: arn:aws:iam::111111111111:user/alice is not authorized to perform: "
                    f"sts:AssumeRole on resource: arn:aws:iam::{alice.account.alias}:role/{name}"
                    ) in html
            assert "service-role" not in html and "because" not in html

    def test_an_external_id_condition_needs_the_external_id(self, client, alice, other_account,
                                                              aws_policy):
        RoleFactory(account=other_account, name="Partner", trust=trust(
            "arn:aws:iam::111111111111:root",
            condition={"StringEquals": {"sts:ExternalId": "s3cr3t-id"}}))
        policy_attach_to_user(user=alice, policy=aws_policy("AdministratorAccess"))
        post_sign_in(client)
        assert self.switch(client, "Partner", account="222222222222").status_code == 403
        assert self.switch(client, "Partner", account="222222222222",
                           external_id="wrong-id").status_code == 403
        response = self.switch(client, "Partner", account="222222222222",
                               external_id="s3cr3t-id")
        assert response.status_code == 302
        assert "arn:aws:sts::222222222222:assumed-role/Partner/alice" in client.get(
            "/").content.decode()

    def test_a_trust_policy_can_require_the_session_to_be_named_after_the_user(
        self, client, alice, aws_policy
    ):
        RoleFactory(account=alice.account, name="Named", trust=trust(
            alice.arn, condition={"StringEquals": {"sts:RoleSessionName": "${aws:username}"}}))
        post_sign_in(client)
        assert self.switch(client, "Named", session_name="someone-else").status_code == 403
        assert whoami(client)["role"] is None
        response = self.switch(client, "Named")  # the session is named after the user
        assert response.status_code == 302
        assert whoami(client)["role"]["session_name"] == "alice"

    def test_cross_account_switch_needs_the_callers_own_permission(self, client, alice,
                                                                   other_account):
        RoleFactory(account=other_account, name="Partner",
                    trust=trust("arn:aws:iam::111111111111:root"))
        post_sign_in(client)
        assert self.switch(client, "Partner", account="222222222222").status_code == 403

    def test_the_root_user_cannot_switch_roles(self, root_client):
        page = root_client.get("/switch-role/")
        assert b"The root user cannot switch roles" in page.content

    def test_an_expired_role_session_falls_back_to_the_user(self, client, alice):
        RoleFactory(account=alice.account, name="Auditor", trust=trust(alice.arn))
        post_sign_in(client)
        self.switch(client, "Auditor")
        session = client.session
        data = session[SESSION_KEY]
        data["role"]["expires"] = (timezone.now() - timedelta(seconds=1)).isoformat()
        session[SESSION_KEY] = data
        session.save()
        page = client.get("/", follow=True).content.decode()
        assert "Your role session ended" in page
        assert whoami(client)["role"] is None


def test_non_ascii_digits_are_an_invalid_code_not_a_server_error(client, alice):
    device = MfaDeviceFactory(account=alice.account, enabled_for=alice)

    arabic_indic = "\u0661\u0662\u0663\u0664\u0665\u0666"
    assert mfa_device_verify_code(device=device, code=arabic_indic) is False
    post_sign_in(client)
    response = client.post("/signin/mfa/", {"code": arabic_indic})
    assert response.status_code == 200
    assert b"Enter the 6-digit code" in response.content
