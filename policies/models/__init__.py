"""Models of the policies app."""

from .attachments import PolicyAttachment
from .guard_rails import GuardRail
from .inline import InlinePolicy
from .managed import ManagedPolicy
from .presets import SimulatorPreset
from .versions import PolicyVersion

__all__ = [
    "GuardRail", "InlinePolicy", "ManagedPolicy", "PolicyAttachment", "PolicyVersion",
    "SimulatorPreset",
]
