"""No secret is stored in plain text: the raw database rows are searched for every one."""

import pyotp
import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.db import connection
from django.utils import timezone

from accounts.crypto import decrypt, derive_key, encrypt
from accounts.services import (
    access_key_create,
    account_create,
    login_profile_create,
    login_profile_update,
    mfa_device_create_virtual,
    mfa_device_enable,
    user_create,
)
from accounts.services.sessions import session_issue

pytestmark = pytest.mark.django_db

ROOT_PASSWORD = "Root-Password-Plain-1"
USER_PASSWORD = "User-Password-Plain-2"
NEW_PASSWORD = "User-Password-Plain-3"


def _all_raw_text() -> str:
    """Every column of every row of every table of the project's apps, as text."""
    chunks = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.app_label not in {"accounts", "policies"}:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")
            for row in cursor.fetchall():
                chunks.extend(str(value) for value in row)
    return "\n".join(chunks)


def test_passwords_secret_keys_and_seeds_never_appear_in_the_database():
    account = account_create(account_id="999999999999", root_email="r@x.example",
                             root_password=ROOT_PASSWORD)
    user = user_create(account=account, name="alice")
    login_profile_create(user=user, password=USER_PASSWORD)
    login_profile_update(user=user, password=NEW_PASSWORD)
    user_key = access_key_create(user=user)
    root_key = access_key_create(account=account)
    device = mfa_device_create_virtual(account=account, name="alice-phone")
    totp = pyotp.TOTP(device.seed)
    step = totp.timecode(timezone.now())
    mfa_device_enable(device=device.device, user=user,
                      authentication_code_1=totp.generate_otp(step - 1),
                      authentication_code_2=totp.generate_otp(step))
    temporary = session_issue(kind="user", issued_by="GetSessionToken", user=user,
                              session_name="", duration_seconds=900, max_duration=129600)
    raw = _all_raw_text()
    assert user_key.access_key.access_key_id in raw  # the search does see the rows
    assert temporary.credential.access_key_id in raw
    for secret in (ROOT_PASSWORD, USER_PASSWORD, NEW_PASSWORD, user_key.secret_access_key,
                   root_key.secret_access_key, device.seed, temporary.secret_access_key,
                   temporary.session_token):
        assert secret not in raw


def test_encryption_uses_the_configured_key_and_supports_rotation(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    token = encrypt("s3cret")
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    assert decrypt(token) == "s3cret"
    settings.FIELD_ENCRYPTION_KEYS = [new]
    with pytest.raises(Exception, match="FIELD_ENCRYPTION_KEY"):
        decrypt(token)


def test_without_a_key_one_is_derived_from_secret_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    token = encrypt("s3cret")
    assert decrypt(token) == "s3cret"
    assert derive_key(settings.SECRET_KEY) != derive_key(settings.SECRET_KEY + "x")
    settings.SECRET_KEY = settings.SECRET_KEY + "-rotated"
    with pytest.raises(Exception, match="cannot be decrypted"):
        decrypt(token)


def test_a_malformed_key_is_a_configuration_error(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-fernet-key"]
    with pytest.raises(Exception, match="Fernet key"):
        encrypt("x")
