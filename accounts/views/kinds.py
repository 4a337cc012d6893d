"""Users and groups as the permission pages see them: lookups, URL names and IAM actions."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from iamconsole.exceptions import NoSuchEntity
from iamconsole.identifiers import iam_arn

from ..models import Account, IamGroup, IamUser
from ..selectors import group_get, user_get
from .support import allow, caller_account


@dataclass(frozen=True)
class EntityKind:
    """What differs between a user's and a group's permission pages."""

    key: str
    label: str
    url_prefix: str
    list_label: str
    get: Callable[..., IamUser | IamGroup]
    attach_action: str
    detach_action: str
    put_inline_action: str
    delete_inline_action: str
    get_inline_action: str
    list_attached_action: str
    list_inline_action: str
    has_boundary: bool

    def lookup(self, account: Account, name: str) -> IamUser | IamGroup:
        """The user or group with this name in the account, else NoSuchEntity."""
        return self.get(account=account, name=name)

    def authorized(
        self,
        request: HttpRequest,
        name: str,
        action: str,
        context: Mapping[str, str | Sequence[str]] | None = None,
    ) -> IamUser | IamGroup:
        """The caller's user or group named `name`, once `action` on it is authorized.

        Authorization comes before the answer: a caller who may not act on the entity gets
        AccessDenied whether or not it exists (on the ARN the name implies when it does not,
        as AWS does), so a denied caller learns nothing about which names exist.
        """
        account = caller_account(request)
        try:
            entity = self.lookup(account, name)
        except NoSuchEntity:
            allow(request, action, iam_arn(account.account_id, self.key, "/", name), context)
            raise
        allow(request, action, entity.arn, context)
        return entity

    def detail_url(self, name: str, tab: str | None = "permissions") -> str:
        url = reverse(f"accounts:{self.url_prefix}_detail", args=[name])
        return f"{url}?tab={tab}" if tab else url

    def list_url(self) -> str:
        return reverse(f"accounts:{self.url_prefix}_list")


USER = EntityKind(
    key="user", label="user", url_prefix="iamuser", list_label="Users", get=user_get,
    attach_action="iam:AttachUserPolicy", detach_action="iam:DetachUserPolicy",
    put_inline_action="iam:PutUserPolicy", delete_inline_action="iam:DeleteUserPolicy",
    get_inline_action="iam:GetUserPolicy",
    list_attached_action="iam:ListAttachedUserPolicies",
    list_inline_action="iam:ListUserPolicies", has_boundary=True,
)
GROUP = EntityKind(
    key="group", label="group", url_prefix="group", list_label="User groups", get=group_get,
    attach_action="iam:AttachGroupPolicy", detach_action="iam:DetachGroupPolicy",
    put_inline_action="iam:PutGroupPolicy", delete_inline_action="iam:DeleteGroupPolicy",
    get_inline_action="iam:GetGroupPolicy",
    list_attached_action="iam:ListAttachedGroupPolicies",
    list_inline_action="iam:ListGroupPolicies", has_boundary=False,
)
