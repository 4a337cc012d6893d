"""The escalation analysis of an account, cached until something it read changes: the
account's policy generation (bumped by every change of policies, memberships, trust
policies, tags) and the credentials and instance profiles that decide some techniques."""

from __future__ import annotations

from django.core.cache import cache

from accounts.models import AccessKey, Account, InstanceProfile, LoginProfile
from iamconsole.cache import principal_policies_version

from .escalation import EscalationReport, analyse
from .evaluators import Evaluators
from .model import AccountModel, load_account

TIMEOUT = 3600


def _key(account: Account) -> str:
    version = principal_policies_version(account.pk)
    keys = AccessKey.objects.filter(account=account, user__isnull=False).count()
    logins = LoginProfile.objects.filter(user__account=account).count()
    profiles = InstanceProfile.objects.filter(account=account, role__isnull=False).count()
    return f"iam:analysis:escalation:{account.pk}:{version}:{keys}:{logins}:{profiles}"


def escalation_report(account: Account, model: AccountModel | None = None) -> EscalationReport:
    """The account's escalation report, computed once per state of the account."""
    key = _key(account)
    report = cache.get(key)
    if report is None:
        model = model or load_account(account)
        report = analyse(model, Evaluators(model))
        cache.set(key, report, timeout=TIMEOUT)
    return report


def cached_escalation_report(account: Account) -> EscalationReport | None:
    """The report if it is already computed for the account's current state, else None."""
    return cache.get(_key(account))
