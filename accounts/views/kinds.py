"""Users, groups and roles as the console's shared pages see them: URL names, labels, and
the operations of each kind (AttachUserPolicy, PutGroupPolicy, PutRolePermissionsBoundary...)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from iamconsole.operations import Operation
from iamconsole.operations.registry import operation_named

from .. import kinds


@dataclass(frozen=True)
class EntityKind:
    """A kind of entity (accounts.kinds) with what its console pages add: URL names and the
    list's label."""

    kind: kinds.Kind
    url_prefix: str  # accounts:<prefix>_detail, <prefix>_policy_attach...
    list_label: str

    @property
    def key(self) -> str:
        return self.kind.key

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def name_field(self) -> str:
        """The operations' input naming the entity (user_name, group_name, role_name)."""
        return self.kind.name_field

    @property
    def has_boundary(self) -> bool:
        return self.kind.has_boundary

    def operation(self, pattern: str) -> type[Operation]:
        """This kind's operation: "Attach{}Policy" -> AttachUserPolicy for users."""
        return operation_named(self.kind.operation_name(pattern))

    def named(self, name: str) -> dict[str, str]:
        """The operation input naming the entity: {"user_name": name}."""
        return {self.kind.name_field: name}

    def detail_url(self, name: str, tab: str | None = "permissions") -> str:
        url = reverse(f"accounts:{self.url_prefix}_detail", args=[name])
        return f"{url}?tab={tab}" if tab else url

    def list_url(self) -> str:
        return reverse(f"accounts:{self.url_prefix}_list")


USER = EntityKind(kinds.USER, url_prefix="iamuser", list_label="Users")
GROUP = EntityKind(kinds.GROUP, url_prefix="group", list_label="User groups")
ROLE = EntityKind(kinds.ROLE, url_prefix="role", list_label="Roles")
