"""Operations AWS defines once per kind of identity (AttachUserPolicy, AttachGroupPolicy...)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import make_dataclass
from typing import Any

from .base import Operation, register


def per_kind(base: type[Operation], pattern: str, kinds: Iterable[Any]) -> tuple[type[Any], ...]:
    """One registered operation class per kind: `base` with the kind set and the input field
    naming the entity as AWS does (user_name, group_name, role_name).

    `pattern` makes the AWS name from the kind's noun: "Attach{}Policy" -> AttachUserPolicy.
    """
    made = []
    for kind in kinds:
        name = kind.operation_name(pattern)
        cls = make_dataclass(
            name,
            [(kind.name_field, str)],
            bases=(base,),
            namespace={"kind": kind, "__doc__": f"{name}: {base.__doc__}"},
            kw_only=True,
            eq=False,
        )
        cls.__module__ = base.__module__
        made.append(register(cls))
    return tuple(made)
