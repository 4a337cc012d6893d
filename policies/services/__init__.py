"""Services of the policies app: every write to policies goes through one of these functions."""

from .attachments import (
    check_attachable,
    policy_attach,
    policy_attach_to_group,
    policy_attach_to_role,
    policy_attach_to_user,
    policy_detach,
    policy_detach_from_group,
    policy_detach_from_role,
    policy_detach_from_user,
)
from .boundaries import permissions_boundary_delete, permissions_boundary_put
from .catalogue import CatalogueSync, aws_managed_policies_sync
from .guard_rails import (
    guard_rail_create,
    guard_rail_delete,
    guard_rail_update,
    guard_rails_check,
)
from .inline import check_inline_size, inline_policy_delete, inline_policy_put
from .managed import policy_create, policy_delete
from .presets import simulator_preset_delete, simulator_preset_save
from .versions import policy_version_create, policy_version_delete, policy_version_set_default

__all__ = [
    "CatalogueSync",
    "aws_managed_policies_sync",
    "check_attachable",
    "check_inline_size",
    "guard_rail_create",
    "guard_rail_delete",
    "guard_rail_update",
    "guard_rails_check",
    "inline_policy_delete",
    "inline_policy_put",
    "permissions_boundary_delete",
    "permissions_boundary_put",
    "policy_attach",
    "policy_attach_to_group",
    "policy_attach_to_role",
    "policy_attach_to_user",
    "policy_create",
    "policy_delete",
    "policy_detach",
    "policy_detach_from_group",
    "policy_detach_from_role",
    "policy_detach_from_user",
    "policy_version_create",
    "policy_version_delete",
    "policy_version_set_default",
    "simulator_preset_delete",
    "simulator_preset_save",
]
