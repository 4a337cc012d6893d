"""Helpers of the credential page tests: shown secrets, MFA codes, other owners' keys."""

from __future__ import annotations

from html import unescape

import pyotp
from django.test import Client
from django.utils import timezone

from accounts.crypto import decrypt
from accounts.models import AccessKey, MfaDevice


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


def shown_once_page(client: Client, response) -> str:
    """The page a create redirects to, which shows its secret (no-store); asserts that
    reloading it shows the secret no more. Returns the first showing's HTML."""
    assert response.status_code == 302, response.status_code
    url = response["Location"]
    first = client.get(url)
    assert first.status_code == 200 and first["Cache-Control"] == "no-store"
    html = first.content.decode()
    again = client.get(url).content.decode()
    assert "data-secret" not in again and "shown once" in again
    return html
