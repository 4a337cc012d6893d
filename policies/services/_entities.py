"""What the policy services need to know about users, groups and roles."""

from __future__ import annotations

from accounts.models import IamGroup, IamUser, Role
from iamconsole.exceptions import InvalidInput

Entity = IamUser | IamGroup | Role
# The owner field on attachments and inline policies, by entity class.
OWNER_FIELD: dict[type, str] = {IamUser: "user", IamGroup: "group", Role: "role"}
KIND: dict[type, str] = {IamUser: "user", IamGroup: "group", Role: "role"}


def owner_field(entity: object) -> str:
    """`user`, `group` or `role`; InvalidInput for anything else."""
    try:
        return OWNER_FIELD[type(entity)]
    except KeyError:
        raise InvalidInput("Policies attach to users, groups and roles only.") from None
