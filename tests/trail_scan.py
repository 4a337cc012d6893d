"""The trail never holds a secret: a scan of every event written, shared by the operation
scenarios and the wire tests."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from accounts.crypto import decrypt_credential
from accounts.models import AccessKey, MfaDevice, ServerCertificate, TrailEvent
from iamconsole.trail.redaction import HIDDEN, is_secret
from tests.helpers import USER_PASSWORD

# CloudTrail's record fields (every event has them; errorCode/errorMessage on failures).
RECORD_FIELDS = {
    "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion",
    "sourceIPAddress", "userAgent", "requestParameters", "responseElements", "requestID",
    "eventID", "readOnly", "eventType", "managementEvent", "recipientAccountId",
}
_PATTERNS = (
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"otpauth://"),
)


def _secret_fields(value: Any, path: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if is_secret(key) and item not in (None, HIDDEN):
                yield f"{path}.{key}"
            yield from _secret_fields(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _secret_fields(item, f"{path}[{index}]")


def known_secrets() -> set[str]:
    """Every secret the database holds in plain or encrypted form, decrypted, and the
    tests' password."""
    found = {USER_PASSWORD}
    for token in AccessKey.objects.values_list("secret_encrypted", flat=True):
        found.add(decrypt_credential(token) or "")
    for token in MfaDevice.objects.values_list("seed_encrypted", flat=True):
        found.add(decrypt_credential(token) or "")
    for token in ServerCertificate.objects.values_list("private_key_encrypted", flat=True):
        found.add(decrypt_credential(token) or "")
    return {secret for secret in found if len(secret) >= 8}


def secrets_in_trail() -> list[str]:
    """What the trail holds that it must not: each finding names the event and the field."""
    secrets = known_secrets()
    findings = []
    for event_name, record in TrailEvent.objects.values_list("event_name", "record"):
        missing = RECORD_FIELDS - set(record)
        if missing:
            findings.append(f"{event_name}: no {sorted(missing)}")
        findings += [f"{event_name}: secret field {path}" for path in _secret_fields(record)]
        text = json.dumps(record)
        findings += [f"{event_name}: a known secret" for secret in secrets if secret in text]
        findings += [f"{event_name}: {p.pattern}" for p in _PATTERNS if p.search(text)]
    return findings
