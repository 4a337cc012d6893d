"""Production settings: DEBUG off; secrets, hosts and the database come from the environment."""

from .base import *  # noqa: F403

SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0))  # noqa: F405
