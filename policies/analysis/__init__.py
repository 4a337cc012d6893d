"""Access analysis of one account: who can do what, privilege-escalation paths, and the
account as a graph. Pure analysis (no views): the model is loaded once (`load_account`),
then every question is answered by the engine's prepared evaluators."""

from .escalation import EscalationReport, Finding, analyse
from .evaluators import Evaluators, Grant
from .model import AccountModel, Entity, Policy, load_account
from .trust import Hop, assume_edges
from .who_can import Answer, WhoCan, expand_actions, who_can

__all__ = [
    "AccountModel", "Answer", "Entity", "EscalationReport", "Evaluators", "Finding", "Grant",
    "Hop", "Policy", "WhoCan", "analyse", "assume_edges", "expand_actions", "load_account",
    "who_can",
]
