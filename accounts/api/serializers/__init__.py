"""Input and output serializers of the accounts API."""

from .account import *  # noqa: F403
from .certificates import *  # noqa: F403
from .credentials import *  # noqa: F403
from .identities import *  # noqa: F403
from .providers import *  # noqa: F403
from .service_linked_roles import *  # noqa: F403
