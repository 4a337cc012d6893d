"""Server certificates (upload with a matching private key, rename or move, delete) and
X.509 signing certificates of users and of the root user."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from iamconsole.exceptions import DuplicateCertificate, InvalidCertificate
from iamconsole.identifiers import SERVER_CERTIFICATE_ID_PREFIX, new_certificate_id
from iamconsole.services import clean, lock, save_new
from iamconsole.validators import validate_name, validate_path, validate_tags

from ..crypto import encrypt
from ..models import Account, IamUser, ServerCertificate, SigningCertificate
from ..pem import check_key_pair, parse_certificate, parse_chain
from .named import Naming, named_create, named_delete, named_rename
from .owners import check_owner_quota

SERVER_CERTIFICATES = Naming(
    ServerCertificate, "server certificate", "server-certificate",
    SERVER_CERTIFICATE_ID_PREFIX, "The Server Certificate with name {name} already exists.",
    "IAM_QUOTA_SERVER_CERTIFICATES", "ServerCertificatesPerAccount",
)


@transaction.atomic
def server_certificate_upload(
    *, account: Account, name: str, certificate_body: str, private_key: str,
    path: str = "/", certificate_chain: str | None = None,
    tags: Mapping[str, str] | None = None,
) -> ServerCertificate:
    """UploadServerCertificate: a PEM certificate whose public key matches the PEM private
    key (MalformedCertificate, KeyPairMismatch), with an optional PEM chain. The key is
    stored encrypted; the expiration is read from the certificate."""
    validate_name(name, "server certificate", field="server_certificate_name")
    validate_path(path)
    tag_set = validate_tags(tags)
    certificate = parse_certificate(certificate_body)
    key = check_key_pair(certificate, private_key)
    chain = parse_chain(certificate_chain) if certificate_chain else ""
    return named_create(
        SERVER_CERTIFICATES, account=account, name=name, path=path, tags=tag_set,
        certificate_body=certificate.body, certificate_chain=chain,
        private_key_encrypted=encrypt(key), expiration=certificate.expiration,
    )


@transaction.atomic
def server_certificate_update(
    *, certificate: ServerCertificate, new_name: str | None = None,
    new_path: str | None = None,
) -> ServerCertificate:
    """UpdateServerCertificate: rename or move; the ID stays, the ARN changes."""
    certificate = lock(certificate)
    name = certificate.name if new_name is None else validate_name(
        new_name, "server certificate", field="new_server_certificate_name")
    path = certificate.path if new_path is None else validate_path(new_path, field="new_path")
    return named_rename(SERVER_CERTIFICATES, certificate, name=name, path=path)


@transaction.atomic
def server_certificate_delete(*, certificate: ServerCertificate) -> None:
    """DeleteServerCertificate (nothing here depends on a server certificate)."""
    named_delete(SERVER_CERTIFICATES, certificate, lambda _: [])


@transaction.atomic
def signing_certificate_upload(
    *, certificate_body: str, user: IamUser | None = None, account: Account | None = None,
) -> SigningCertificate:
    """UploadSigningCertificate for a user, or for the root user when only `account` is
    given: a PEM certificate (MalformedCertificate) that has not expired (InvalidCertificate),
    at most IAM_MAX_SIGNING_CERTIFICATES_PER_USER per identity, and not one another identity
    of the account already has (DuplicateCertificate). Active once uploaded."""
    certificate = parse_certificate(certificate_body)
    if certificate.expiration <= timezone.now():
        raise InvalidCertificate("The certificate is invalid: it expired on "
                                 f"{certificate.expiration:%Y-%m-%d}.",
                                 field="certificate_body")
    user, account_pk = check_owner_quota(
        SigningCertificate.objects.all(), setting="IAM_MAX_SIGNING_CERTIFICATES_PER_USER",
        quota_name="CertificatesPerUser", user=user, account=account,
        kind="signing certificate",
    )
    duplicate = ("The same certificate is already associated with an IAM user in the "
                 "account.")
    if SigningCertificate.objects.filter(account_id=account_pk,
                                         fingerprint=certificate.fingerprint).exists():
        raise DuplicateCertificate(duplicate, field="certificate_body")
    row = SigningCertificate(
        account_id=account_pk, user=user, certificate_id=new_certificate_id(),
        certificate_body=certificate_body, fingerprint=certificate.fingerprint,
        expiration=certificate.expiration,
    )
    clean(row)
    save_new(row, conflict=duplicate, field="certificate_body")
    return row
