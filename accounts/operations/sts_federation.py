"""STS federation: AssumeRoleWithWebIdentity (an OpenID Connect ID token) and
AssumeRoleWithSAML (a SAML 2.0 response), unsigned calls as in AWS.

The token or assertion is verified against its provider in the role's account; its user is
then the caller (FederatedCaller), whose every requirement the role's trust policy decides
with the provider as principal and the claims as condition keys: the operation's own action,
sts:TagSession for session tags, sts:SetSourceIdentity for a source identity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from iamconsole.exceptions import AccessDenied, InvalidInput
from iamconsole.operations import Operation, register
from policies.authorization import Requirement

from ..federation.caller import FederatedCaller
from ..federation.errors import InvalidIdentityToken
from ..federation.oidc import WebIdentity, issuer_identifier, token_issuer
from ..federation.oidc import verify_web_identity_token as verify_token
from ..federation.providers import (
    arn_account_id,
    oidc_provider_for,
    provider_keys,
    saml_provider_for,
)
from ..federation.saml import verify_saml_response
from ..federation.saml_assertion import SamlIdentity
from ..federation.tags import SessionTags
from ..models import OidcProvider, Role, SamlProvider
from ..services.roles import role_record_use
from ..services.sessions import IssuedSession, session_issue

_SESSION_NAME = re.compile(r"^[\w+=,.@-]{2,64}$")
DEFAULT_DURATION = 3600
# Web identity providers that trust policies name by name, not by an IAM provider's ARN.
NAMED_PROVIDERS = frozenset({"cognito-identity.amazonaws.com", "accounts.google.com",
                             "graph.facebook.com", "www.amazon.com"})


@dataclass(frozen=True)
class FederatedSession:
    """What a federated sign-in returns: the session, and who the provider said signed in."""

    issued: IssuedSession
    provider: OidcProvider | SamlProvider
    identity: WebIdentity | SamlIdentity
    # The trust policy's principal: the provider's ARN, or a named provider's name.
    federated: str


@dataclass(kw_only=True, eq=False)
class FederatedAssumeRole(Operation):
    """What both federated sign-ins share: the role, the session's duration, policies, tags
    and source identity, the trust policy's requirements."""

    service: ClassVar[str] = "sts"
    role_arn: str
    policy: str | None = None
    policy_arns: Sequence[str] = ()
    duration_seconds: int | None = None
    role: Role | None = field(init=False, default=None, repr=False)
    provider: Any = field(init=False, default=None, repr=False)
    identity: Any = field(init=False, default=None, repr=False)
    session_name: str = field(init=False, default="", repr=False)
    claims: dict[str, Any] = field(init=False, default_factory=dict, repr=False)

    def validate(self) -> None:
        if not 20 <= len(self.role_arn) <= 2048:
            raise InvalidInput("The role ARN must have 20 to 2048 characters.", field="role_arn")

    def verify(self, account_id: str) -> tuple[Any, Any, str, str]:
        """(provider, identity, session name, trust policy principal) of the verified token
        or assertion, with the provider looked up in `account_id`."""
        raise NotImplementedError

    def prepare(self) -> None:
        account_id = arn_account_id(self.role_arn)
        self.provider, self.identity, self.session_name, principal = self.verify(account_id)
        role = Role.objects.select_related("account").filter(arn=self.role_arn).first()
        self.role = role
        self.claims = {**self.identity_keys(), "aws:FederatedProvider": principal,
                       "sts:RoleSessionName": self.session_name, **self.tags.context()}
        if self.identity.source_identity:
            self.claims["sts:SourceIdentity"] = self.identity.source_identity
        # From here the provider's user is the caller: the trust policy decides.
        self.caller = FederatedCaller(principal, self.provider.account, self.claims)

    def identity_keys(self) -> dict[str, Any]:
        """The claims' condition keys (`<provider>:sub`, `saml:sub`...)."""
        raise NotImplementedError

    @property
    def tags(self) -> SessionTags:
        """The session tags the provider passed."""
        return self.identity.tags

    def resource(self) -> str:
        return self.role_arn

    def requirements(self) -> Iterable[Requirement]:
        # Built without `applicable`: the claims' keys are named after the provider, so
        # no service reference lists them, and AWS sets them all the same.
        yield Requirement(self.action, self.role_arn, self.claims)
        if self.tags.tags:
            yield Requirement("sts:TagSession", self.role_arn, self.claims)
        if self.identity.source_identity:
            yield Requirement("sts:SetSourceIdentity", self.role_arn, self.claims)

    def duration(self) -> int:
        """DurationSeconds, else an hour."""
        return self.duration_seconds or DEFAULT_DURATION

    def perform(self) -> FederatedSession:
        if self.role is None:  # refused alike whether or not the role exists
            raise AccessDenied(f"Not authorized to perform {self.action}")
        role_record_use(role=self.role)
        session_keys = {k: v for k, v in self.claims.items()
                        if not k.startswith(("aws:RequestTag/", "aws:TagKeys", "sts:"))}
        issued = session_issue(
            kind="assumed-role", issued_by=self.operation_name, role=self.role,
            session_name=self.session_name, duration_seconds=self.duration(),
            max_duration=self.role.max_session_duration, policy=self.policy,
            policy_arns=self.policy_arns, session_tags=dict(self.tags.tags),
            transitive_tag_keys=self.tags.transitive_keys,
            source_identity=self.identity.source_identity, context=session_keys)
        return FederatedSession(issued, self.provider, self.identity,
                                self.claims["aws:FederatedProvider"])


@register
@dataclass(kw_only=True, eq=False)
class AssumeRoleWithWebIdentity(FederatedAssumeRole):
    """AssumeRoleWithWebIdentity: an ID token of an OpenID Connect provider of the role's
    account (found by the token's `iss`), verified with the provider's keys and client IDs;
    the trust policy must allow `Federated: <provider ARN>` with `<provider>:sub`,
    `<provider>:aud`... as condition keys."""

    role_session_name: str
    web_identity_token: str
    provider_id: str | None = None

    def validate(self) -> None:
        super().validate()
        if not _SESSION_NAME.match(self.role_session_name):
            raise InvalidInput("A session name has 2 to 64 letters, digits and _+=,.@-.",
                               field="role_session_name")
        if self.provider_id is not None:
            raise InvalidIdentityToken("ProviderId is for OAuth 2.0 access tokens (Login with "
                                       "Amazon, Facebook), which are not verified here: pass "
                                       "an OpenID Connect ID token without ProviderId.")

    def verify(self, account_id: str) -> tuple[Any, Any, str, str]:
        issuer = token_issuer(self.web_identity_token)
        provider = oidc_provider_for(account_id=account_id, issuer=issuer)
        identity = verify_token(self.web_identity_token, identifier=provider.url,
                                client_ids=provider.client_ids, jwks=provider_keys(provider))
        host = issuer_identifier(issuer)
        principal = host if host in NAMED_PROVIDERS else provider.arn
        return provider, identity, self.role_session_name, principal

    def identity_keys(self) -> dict[str, Any]:
        return dict(self.identity.condition_keys)


@register
@dataclass(kw_only=True, eq=False)
class AssumeRoleWithSAML(FederatedAssumeRole):
    """AssumeRoleWithSAML: a SAML response of the provider named by PrincipalArn (in the
    role's account), verified with its metadata's certificates, naming this role and this
    provider in its Role attribute; the session is named by its RoleSessionName attribute,
    tagged by its PrincipalTag attributes, and lasts DurationSeconds, else its
    SessionDuration attribute, else an hour (never past its SessionNotOnOrAfter)."""

    principal_arn: str
    saml_assertion: str

    def validate(self) -> None:
        super().validate()
        if not 20 <= len(self.principal_arn) <= 2048:
            raise InvalidInput("The principal ARN must have 20 to 2048 characters.",
                               field="principal_arn")

    def verify(self, account_id: str) -> tuple[Any, Any, str, str]:
        provider = saml_provider_for(account_id=account_id, arn=self.principal_arn)
        if provider.assertion_encryption_mode == "Required":
            raise InvalidIdentityToken("The SAML provider requires encrypted assertions, "
                                       "which are not supported here.")
        identity = verify_saml_response(self.saml_assertion,
                                        metadata_document=provider.metadata_document)
        if (self.role_arn, self.principal_arn) not in identity.roles:
            raise AccessDenied(f"Not authorized to perform {self.action}: the assertion's "
                               "Role attribute does not name this role with this provider.")
        return provider, identity, identity.role_session_name, provider.arn

    def identity_keys(self) -> dict[str, Any]:
        return self.identity.condition_keys(self.provider.account.account_id,
                                            self.provider.name)

    def duration(self) -> int:
        seconds = self.duration_seconds or self.identity.session_duration or DEFAULT_DURATION
        ends = self.identity.session_not_on_or_after
        if ends is not None:
            left = int((ends - datetime.now(UTC)).total_seconds())
            seconds = min(seconds, max(left, 0))
        return seconds


def session_answer(session: FederatedSession) -> Mapping[str, Any]:
    """The members both federated answers share: Credentials, AssumedRoleUser,
    PackedPolicySize, SourceIdentity."""
    issued = session.issued
    answer: dict[str, Any] = {"Credentials": issued.credentials(),
                              "AssumedRoleUser": issued.assumed_role_user()}
    if issued.packed_policy_size is not None:
        answer["PackedPolicySize"] = issued.packed_policy_size
    if session.identity.source_identity:
        answer["SourceIdentity"] = session.identity.source_identity
    return answer
