"""Development settings: DEBUG on by default, for `make run`."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403
