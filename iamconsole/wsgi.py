"""WSGI entry point, used by gunicorn in production."""

import os

from django.core.wsgi import get_wsgi_application

from policies.engine import service_reference

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iamconsole.settings.prod")

application = get_wsgi_application()

# Read the service reference once per process (before the fork with gunicorn --preload), not
# in the first requests that need it (policy summaries, the simulator, wildcard actions).
service_reference.preload()
