"""Production settings: DEBUG off; secrets, hosts and the database come from the environment."""

from .base import *  # noqa: F403

