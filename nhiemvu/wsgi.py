"""WSGI entry point for gunicorn: `gunicorn nhiemvu.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhiemvu.settings")
application = get_wsgi_application()
# What the start-up made (Django, the apps, their models: ~90,000 objects) lives as long as
# the process: out of the cyclic collector's reach, a full collection walks only what requests
# made. A national report makes enough objects to set one or two off; each walked the start-up's
# objects too (65-180 ms of a report at 1M tasks under load, bench/README.md).
gc.freeze()
