"""Helpers of the console view tests: signed-in clients, fragments, shown secrets, MFA codes."""

from __future__ import annotations

from html import unescape

import pyotp
from django.test import Client
from django.utils import timezone

from accounts.crypto import decrypt
from accounts.models import AccessKey, Account, IamUser, MfaDevice
from accounts.services import login_profile_create, user_create

USER_PASSWORD = "Sup3r-Secret-Pass!"


def sign_in_as_user(client: Client, account: Account, user: IamUser) -> Client:
    """Sign `client` in as an IAM user (console password USER_PASSWORD)."""
    response = client.post("/signin/", {
        "mode": "iam", "account": account.account_id, "user_name": user.name,
        "password": USER_PASSWORD,
    })
    assert response.status_code == 302, response.content
    return client


def console_user(account: Account, name: str, *policies: object) -> IamUser:
    """A user with a console password and these managed policies attached."""
    from policies.services import policy_attach

    user = user_create(account=account, name=name)
    login_profile_create(user=user, password=USER_PASSWORD)
    for policy in policies:
        policy_attach(policy=policy, entity=user)
    return user


def reader_client_for(account: Account, aws_policy) -> Client:
    """A client signed in as an IAM user who may only read IAM (IAMReadOnlyAccess)."""
    user = console_user(account, "reader", aws_policy("IAMReadOnlyAccess"))
    return sign_in_as_user(Client(), account, user)


def is_fragment(response) -> bool:
    """True for an htmx fragment: no page frame around it."""
    html = response.content.decode()
    return "<html" not in html and 'class="sidenav"' not in html


def shown_secret(html: str) -> str:
    """The secret a page shows once (an access key's, a password, an MFA seed)."""
    return unescape(html.split("data-secret>")[1].split("<")[0])


def mfa_codes(device: MfaDevice) -> tuple[str, str]:
    """Two consecutive codes of a virtual MFA device, as its owner's app shows them."""
    totp = pyotp.TOTP(decrypt(device.seed_encrypted))
    now = totp.timecode(timezone.now())
    return totp.generate_otp(now - 1), totp.generate_otp(now)


def assert_key_not_found_through(client: Client, base: str, key: AccessKey) -> None:
    """Another identity's key is neither deactivated nor deleted through `base`'s pages."""
    url = f"{base}access-keys/{key.access_key_id}/"
    assert client.post(url + "status/", {"status": "Inactive"}).status_code == 404
    assert client.post(url + "delete/", {"confirm": key.access_key_id}).status_code == 404
    assert AccessKey.objects.get(pk=key.pk).status == "Active"
