"""Models of the policies app."""

from .attachments import PolicyAttachment
from .inline import InlinePolicy
from .managed import ManagedPolicy
from .presets import SimulatorPreset
from .versions import PolicyVersion

__all__ = ["InlinePolicy", "ManagedPolicy", "PolicyAttachment", "PolicyVersion", "SimulatorPreset"]
