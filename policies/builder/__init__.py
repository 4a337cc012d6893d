"""The visual statement builder (Django-free): statement cards and the reference lists they show."""

from .cards import (
    OPERATORS,
    QUALIFIERS,
    BuilderDocument,
    Card,
    ConditionRow,
    RawStatement,
    apply_op,
    arn_from_template,
    card_from_params,
    card_from_statement,
    document_cards,
    new_card_id,
    placeholders,
)
from .choices import (
    ActionChoice,
    ActionGroup,
    ResourceChoice,
    action_groups,
    condition_keys,
    resource_choices,
    search_services,
)

__all__ = [
    "OPERATORS",
    "QUALIFIERS",
    "ActionChoice",
    "ActionGroup",
    "BuilderDocument",
    "Card",
    "ConditionRow",
    "RawStatement",
    "ResourceChoice",
    "action_groups",
    "apply_op",
    "arn_from_template",
    "card_from_params",
    "card_from_statement",
    "condition_keys",
    "document_cards",
    "new_card_id",
    "placeholders",
    "resource_choices",
    "search_services",
]
