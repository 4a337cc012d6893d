"""The condition keys AWS sets for a request from what it does: the tags it sets
(aws:RequestTag, aws:TagKeys), the boundary it puts or the one the entity has
(iam:PermissionsBoundary), the policy it attaches (iam:PolicyARN), and the tags of the
resource it acts on (aws:ResourceTag, iam:ResourceTag)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from accounts.models import IamUser, InstanceProfile, MfaDevice, OidcProvider, Role, SamlProvider

from .models import ManagedPolicy


def tag_context(tags: Mapping[str, str]) -> dict[str, str | list[str]]:
    """aws:RequestTag/<key> and aws:TagKeys, the condition keys of an operation setting tags."""
    context: dict[str, str | list[str]] = {f"aws:RequestTag/{k}": v for k, v in tags.items()}
    if tags:
        context["aws:TagKeys"] = list(tags)
    return context


def current_boundary_context(entity: Any) -> dict[str, str]:
    """iam:PermissionsBoundary: the ARN of the boundary a user or role has now.

    AWS sets it for the operations on a user or role that has one (Attach/Detach*Policy,
    Put/Delete*Policy, Delete*PermissionsBoundary, DeleteRole, UpdateRole...); the engine drops
    it for the actions the service reference does not list it for. Empty for other entities.
    A request that sets a boundary (Create*, Put*PermissionsBoundary) gives the new one instead.
    """
    boundary = getattr(entity, "permissions_boundary", None)
    return {"iam:PermissionsBoundary": boundary.arn} if boundary is not None else {}


def boundary_context(arn: str | None) -> dict[str, str]:
    """iam:PermissionsBoundary of a request setting a boundary (the new one), if it sets one."""
    return {"iam:PermissionsBoundary": arn} if arn else {}


def attachment_context(entity: Any, policy_arn: str | None = None) -> dict[str, str]:
    """iam:PolicyARN of the policy attached or detached (if given), with the entity's current
    boundary as iam:PermissionsBoundary: the keys AWS sets for Attach/Detach*Policy."""
    context = current_boundary_context(entity)
    if policy_arn:
        context["iam:PolicyARN"] = policy_arn
    return context


# iam:PassRole of a role put in an instance profile: the role is handed to EC2.
PASSED_TO_EC2 = {"iam:PassedToService": "ec2.amazonaws.com"}


def resource_tag_context(resource: str, loaded: Iterable[Any] = ()) -> dict[str, str]:
    """aws:ResourceTag/<key> and iam:ResourceTag/<key> of the IAM resource an ARN names.

    AWS adds the tags of the user, role, managed policy, instance profile, virtual MFA
    device or identity provider a request acts on, so that tag-based policies ("deny
    changing what is tagged protected=true", "only the users of my team") decide; the engine
    drops the keys for actions that do not support them. Other resources (and ones that do
    not exist) add none.
    The simulator, like AWS's, takes a resource's tags only from the context entries given.
    An entity among `loaded` (what the request already read) with this ARN spares the query.
    """
    parts = resource.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != "iam":
        return {}
    kind = parts[5].split("/", 1)[0]
    if kind == "mfa":
        rows = MfaDevice.objects.filter(serial_number=resource)
    else:
        model = {"user": IamUser, "role": Role, "policy": ManagedPolicy,
                 "instance-profile": InstanceProfile, "saml-provider": SamlProvider,
                 "oidc-provider": OidcProvider}.get(kind)
        if model is None:
            return {}
        found = next((entity for entity in loaded
                      if type(entity) is model and entity.arn == resource), None)
        if found is not None:
            return _resource_tags(found.tags or {})
        rows = model.objects.filter(arn=resource)
    return _resource_tags(rows.values_list("tags", flat=True).first() or {})


def _resource_tags(tags: Mapping[str, str]) -> dict[str, str]:
    """aws:ResourceTag/<key> and iam:ResourceTag/<key> of a resource's tags."""
    context: dict[str, str] = {}
    for key, value in tags.items():
        context[f"aws:ResourceTag/{key}"] = value
        context[f"iam:ResourceTag/{key}"] = value
    return context
