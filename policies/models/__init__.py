"""Models of the policies app."""

from .attachments import PolicyAttachment
from .inline import InlinePolicy
from .managed import ManagedPolicy
from .versions import PolicyVersion

__all__ = ["InlinePolicy", "ManagedPolicy", "PolicyAttachment", "PolicyVersion"]
