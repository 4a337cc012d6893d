"""The base of the project's models: rows become instances at a lower cost per row."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.base import ModelState
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

# The descriptors Django puts on a concrete field's attname. Neither does anything on a fresh
# instance but store the value in __dict__ (ForeignKeyDeferredAttribute also forgets a cached
# related object, and a new instance has none), so writing __dict__ directly is the same.
_PLAIN_DESCRIPTORS = (DeferredAttribute, models.ForeignKey.descriptor_class)


class Model(models.Model):
    """A Django model whose rows are loaded without running `Model.__init__` per row.

    A list page turns 100 rows into instances, twice when a related row is joined in
    (an instance profile and its role). `Model.__init__` is generic: it sends the pre_init
    and post_init signals, walks every field and calls setattr() for each value. Loading
    from the database needs none of that, so `from_db()` (the hook Django documents for
    customising loading) creates the instance and fills its `__dict__` with the row's values
    by attname, which is what `__init__` ends up doing for plain fields. It falls back to
    Django's own loading whenever that would not be the same: when a receiver listens to
    pre_init or post_init, or when a field's attribute has a descriptor of its own.
    Deferred fields (`.only()`) are left out of `__dict__`, so they still load on access.
    """

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: str | None, field_names: list[str], values: Any) -> Any:
        if pre_init.receivers or post_init.receivers:
            return super().from_db(db, field_names, values)
        # One query passes the same list of attnames for every row: check it once.
        checked = cls.__dict__.get("_checked_field_names")
        if checked is None or checked[0] is not field_names:
            fast = all(
                type(cls.__dict__.get(name, getattr(cls, name, None))) in _PLAIN_DESCRIPTORS
                for name in field_names
            )
            checked = (field_names, fast)
            cls._checked_field_names = checked
        if not checked[1]:
            return super().from_db(db, field_names, values)
        new = cls.__new__(cls)
        state = ModelState()
        state.adding = False
        state.db = db
        data = new.__dict__
        data.update(zip(field_names, values, strict=True))
        data["_state"] = state
        return new
