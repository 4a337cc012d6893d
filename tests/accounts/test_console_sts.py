"""STS in the console: switch role through AssumeRole's temporary credentials, a role's
Sessions tab and "Revoke active sessions", its trust policy in words, and the roles that
trust an identity provider."""

from __future__ import annotations

import json
from datetime import timedelta

import pyotp
import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import TemporaryCredential
from accounts.services import login_profile_create, user_create
from accounts.services.identity_providers import oidc_provider_create
from accounts.services.sessions import session_issue, session_principal
from accounts.signin import principal_from_session
from accounts.trust_words import trust_sentences
from accounts.views.roles.sessions import REVOKE_POLICY_NAME
from policies.authorization import Requirement, check
from policies.models import InlinePolicy
from policies.services import inline_policy_put, policy_attach_to_role
from tests.documents import allow, document
from tests.factories import MfaDeviceFactory, RoleFactory
from tests.helpers import sign_in

PASSWORD = "Alice-Password-2026!"


def trust(principal, condition=None):
    """A trust policy letting `principal` assume the role (on `condition`)."""
    extra = {"Condition": condition} if condition else {}
    return document(allow("sts:AssumeRole", None, Principal=principal, **extra))


@pytest.fixture
def alice(account):
    user = user_create(account=account, name="alice")
    login_profile_create(user=user, password=PASSWORD)
    return user


def _sign_in(client, code=None):
    response = client.post("/signin/", {"mode": "iam", "account": "111111111111",
                                        "user_name": "alice", "password": PASSWORD})
    if code is not None:
        response = client.post("/signin/mfa/", {"code": code})
    assert response.status_code == 302
    return client


def _switch(client, role_name, **extra):
    return client.post("/switch-role/", {"account": "111111111111", "role_name": role_name,
                                         **extra})


def _issue(role, name, **extra):
    return session_issue(kind="assumed-role", issued_by="AssumeRole", role=role,
                         session_name=name, duration_seconds=3600,
                         max_duration=role.max_session_duration, **extra)


class TestSwitchRoleIsAssumeRole:
    def test_switching_issues_the_temporary_credentials_of_assume_role(self, client, alice,
                                                                       aws_policy):
        role = RoleFactory(account=alice.account, name="Auditor",
                           trust=trust({"AWS": alice.arn}))
        policy_attach_to_role(role=role, policy=aws_policy("IAMReadOnlyAccess"))
        _sign_in(client)
        assert _switch(client, "Auditor").status_code == 302
        credential = TemporaryCredential.objects.get(role=role)
        assert (credential.issued_by, credential.session_name, credential.source_arn) == (
            "AssumeRole", "alice", alice.arn)
        assert credential.expires_at - credential.issued_at == timedelta(hours=1)
        principal = principal_from_session(client.get("/").wsgi_request)
        # The console acts as the same Principal the wire builds for those credentials.
        assert principal.credential_id == credential.access_key_id
        assert principal.arn == "arn:aws:sts::111111111111:assumed-role/Auditor/alice"
        assert dict(principal.session_context)["aws:TokenIssueTime"].endswith("Z")

    def test_mfa_of_the_console_sign_in_meets_the_trust_policy(self, client, alice):
        device = MfaDeviceFactory(account=alice.account, enabled_for=alice)
        RoleFactory(account=alice.account, name="Admin", trust=trust(
            {"AWS": alice.arn}, {"Bool": {"aws:MultiFactorAuthPresent": "true"}}))
        with_mfa = _sign_in(Client(), pyotp.TOTP(device.seed).now())
        device.enabled_at = None  # the next sign-in asks for no code
        device.save()
        plain = _sign_in(Client())
        assert _switch(plain, "Admin").status_code == 403
        assert _switch(with_mfa, "Admin").status_code == 302
        assert TemporaryCredential.objects.get(role__name="Admin").mfa_authenticated_at

    def test_a_source_identity_rule_of_the_trust_policy_applies(self, client, alice):
        RoleFactory(account=alice.account, name="Named", trust=trust(
            {"AWS": alice.arn}, {"StringEquals": {"sts:RoleSessionName": "${aws:username}"}}))
        _sign_in(client)
        assert _switch(client, "Named", session_name="someone").status_code == 403
        assert _switch(client, "Named").status_code == 302

    def test_a_revoked_console_role_session_is_refused(self, client, alice, aws_policy):
        role = RoleFactory(account=alice.account, name="Reader",
                           trust=trust({"AWS": alice.arn}))
        policy_attach_to_role(role=role, policy=aws_policy("IAMReadOnlyAccess"))
        _sign_in(client)
        _switch(client, "Reader")
        assert client.get("/users/").status_code == 200
        TemporaryCredential.objects.filter(role=role).update(
            issued_at=timezone.now() - timedelta(minutes=5))
        root = sign_in(Client(), alice.account)
        response = root.post(f"/roles/details/{role.name}/sessions/revoke/",
                             {"acknowledge": "on"})
        assert response.status_code == 302
        assert client.get("/users/").status_code == 403


class TestSessionsTab:
    def test_the_tab_lists_active_sessions_without_secrets(self, account,
                                                           django_assert_max_num_queries):
        role = RoleFactory(account=account, name="Deploy")
        issued = [_issue(role, f"run-{n}", source_identity="ci-bot") for n in range(5)]
        expired = _issue(role, "old-run")
        TemporaryCredential.objects.filter(pk=expired.credential.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1))
        client = sign_in(Client(), account)
        with django_assert_max_num_queries(25):
            page = client.get("/roles/details/Deploy/?tab=sessions")
        text = page.content.decode()
        for one in issued:
            assert one.credential.access_key_id in text
            assert one.secret_access_key not in text and one.session_token not in text
        assert "run-4" in text and "ci-bot" in text and "old-run" not in text
        assert "Revoke active sessions" in text

    def test_revoke_asks_for_confirmation_then_puts_aws_policy(self, account):
        role = RoleFactory(account=account, name="Deploy")
        client = sign_in(Client(), account)
        url = "/roles/details/Deploy/sessions/revoke/"
        assert "I acknowledge" in client.get(url).content.decode()
        refused = client.post(url, {})
        assert refused.status_code == 400
        assert not InlinePolicy.objects.filter(role=role).exists()
        before = timezone.now()
        assert client.post(url, {"acknowledge": "on"}).status_code == 302
        policy = InlinePolicy.objects.get(role=role, name=REVOKE_POLICY_NAME)
        document = json.loads(policy.document_text)
        statement = document["Statement"][0]
        assert (statement["Effect"], statement["Action"], statement["Resource"]) == (
            "Deny", ["*"], ["*"])
        cutoff = statement["Condition"]["DateLessThan"]["aws:TokenIssueTime"]
        assert cutoff >= before.strftime("%Y-%m-%dT%H:%M:%S") and cutoff.endswith("Z")

    def test_revoke_is_authorized_as_put_role_policy(self, account):
        RoleFactory(account=account, name="Deploy")
        reader = user_create(account=account, name="reader")
        inline_policy_put(entity=reader, name="read", policy_document=json.dumps({
            "Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"}]}))
        client = sign_in(Client(), reader)
        tab = client.get("/roles/details/Deploy/?tab=sessions").content.decode()
        assert "iam:PutRolePolicy" in tab  # the disabled button says why
        response = client.post("/roles/details/Deploy/sessions/revoke/", {"acknowledge": "on"})
        assert response.status_code == 403

    def test_sessions_issued_before_the_revoke_are_denied_and_later_ones_allowed(
            self, account, aws_policy):
        role = RoleFactory(account=account, name="Deploy")
        policy_attach_to_role(role=role, policy=aws_policy("IAMReadOnlyAccess"))
        old = _issue(role, "old")
        TemporaryCredential.objects.filter(pk=old.credential.pk).update(
            issued_at=timezone.now() - timedelta(minutes=1))
        old.credential.refresh_from_db()
        client = sign_in(Client(), account)
        client.post("/roles/details/Deploy/sessions/revoke/", {"acknowledge": "on"})
        new = _issue(role, "new")
        reading = Requirement("iam:ListUsers")
        assert not check(session_principal(old.credential), reading).allowed
        assert check(new.principal, reading).allowed
        tab = client.get("/roles/details/Deploy/?tab=sessions").content.decode()
        rows = {name: tab.split(f"<code>{name}</code>")[1].split("</tr>")[0]
                for name in ("old", "new")}
        assert "Revoked" in rows["old"] and "Revoked" not in rows["new"]


SENTENCES = [
    (trust({"AWS": "210987654321"}, {"StringEquals": {"sts:ExternalId": "Unicorn-42"}}),
     "Users and roles of account 210987654321 that send the external ID Unicorn-42 may "
     "assume this role."),
    (trust({"AWS": "arn:aws:iam::111111111111:user/alice"},
           {"Bool": {"aws:MultiFactorAuthPresent": "true"},
            "IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}),
     "IAM user alice of account 111111111111 that signed in with MFA and call from "
     "203.0.113.0/24 may assume this role."),
    (trust({"Service": "ec2.amazonaws.com"}),
     "The AWS service ec2.amazonaws.com may assume this role."),
    (trust({"AWS": "arn:aws:iam::111111111111:role/Builder"}),
     "Sessions of role Builder of account 111111111111 may assume this role."),
    ({"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
                     "Principal": {"Federated": "arn:aws:iam::111111111111:oidc-provider/"
                                                "token.actions.example-ci.com"},
                     "Condition": {"StringEquals": {
                         "token.actions.example-ci.com:aud": "sts.amazonaws.com"},
                         "StringLike": {"token.actions.example-ci.com:sub":
                                        "repo:acme/app:*"}}}]},
     "Users of the OpenID Connect provider token.actions.example-ci.com (account "
     "111111111111) that present a token whose aud is sts.amazonaws.com and present a token "
     "whose sub matches repo:acme/app:* may assume this role with a web identity token."),
    ({"Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                     "Principal": {"Federated": "arn:aws:iam::111111111111:saml-provider/Corp"},
                     "Condition": {"StringEquals": {"SAML:aud":
                                                    "https://signin.example/saml"}}}]},
     "Users of the SAML provider Corp (account 111111111111) that present a SAML assertion "
     "whose aud is https://signin.example/saml may assume this role with a SAML assertion "
     "and pass session tags."),
    ({"Statement": [{"Effect": "Deny", "Action": "sts:AssumeRole", "Principal": "*"}]},
     "Anyone may not assume this role."),
]


@pytest.mark.parametrize(("document", "sentence"), SENTENCES)
def test_a_trust_policy_reads_as_sentences(document, sentence):
    assert trust_sentences(document) == [sentence]


def test_the_trust_tab_says_who_can_assume_the_role(account):
    RoleFactory(account=account, name="Partner", trust=SENTENCES[0][0])
    page = sign_in(Client(), account).get("/roles/details/Partner/?tab=trust")
    assert "Who can assume this role" in page.content.decode()
    assert SENTENCES[0][1] in page.content.decode()


def test_a_provider_page_lists_the_roles_that_trust_it(account, django_assert_max_num_queries):
    provider = oidc_provider_create(account=account, url="https://token.actions.example-ci.com",
                                    client_ids=["sts.amazonaws.com"])
    statement = SENTENCES[4][0]
    for name in ("deploy", "release", "audit"):
        RoleFactory(account=account, name=name, trust=statement)
    RoleFactory(account=account, name="unrelated")
    client = sign_in(Client(), account)
    with django_assert_max_num_queries(30):
        page = client.get(f"/identity-providers/details/{provider.arn}")
    text = page.content.decode()
    assert page.status_code == 200
    assert all(f"/roles/details/{n}/" in text for n in ("deploy", "release", "audit"))
    assert "/roles/details/unrelated/" not in text
    assert "present a token whose sub matches repo:acme/app:*" in text


@pytest.mark.parametrize("path", ["/", "/security-credentials/", "/switch-role/",
                                  "/signin/change-password/", "/roles/"])
@pytest.mark.parametrize("kind", ["assumed-role", "federated-user"])
def test_a_federated_console_session_opens_every_self_service_page(account, aws_policy, path,
                                                                   kind):
    role = RoleFactory(account=account, name="Fed")
    policy_attach_to_role(role=role, policy=aws_policy("IAMReadOnlyAccess"))
    issued = session_issue(
        kind=kind, issued_by="AssumeRole" if kind == "assumed-role" else "GetFederationToken",
        role=role if kind == "assumed-role" else None, account=account,
        session_name="fed-person", duration_seconds=3600, max_duration=43200,
        policy=json.dumps(document(allow(["iam:Get*", "iam:List*"]))))
    client = Client()
    token = client.get("/federation", {"Action": "getSigninToken", "Session": json.dumps({
        "sessionId": issued.credential.access_key_id, "sessionKey": issued.secret_access_key,
        "sessionToken": issued.session_token})}).json()["SigninToken"]
    assert client.get("/federation", {"Action": "login", "SigninToken": token}).status_code == 302
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert issued.principal.arn in response.content.decode()


def test_a_federated_console_session_ends_with_its_session_duration(account):
    role = RoleFactory(account=account, name="Fed")
    issued = _issue(role, "brief")
    client = Client()
    token = client.get("/federation", {"Action": "getSigninToken", "SessionDuration": "900",
                                       "Session": json.dumps({
                                           "sessionId": issued.credential.access_key_id,
                                           "sessionKey": issued.secret_access_key,
                                           "sessionToken": issued.session_token})}
                       ).json()["SigninToken"]
    login = client.get("/federation", {"Action": "login", "SigninToken": token,
                                       "Destination": "https://elsewhere.example/"})
    assert login["Location"] == "/"  # another site is not ours to send the browser to
    principal = principal_from_session(client.get("/").wsgi_request)
    assert principal.arn.endswith("assumed-role/Fed/brief")
    left = principal.session_expires_at - timezone.now()
    assert timedelta(minutes=14) < left <= timedelta(minutes=15)
    # Once the role (and so its credentials) is gone, the console session is over.
    role.delete()
    assert client.get("/").status_code == 302
