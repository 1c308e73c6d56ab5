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
# A national report allocates 60,000-130,000 objects (the emulation's month rows, the rows
# fetched): at the default threshold of 700 allocations that set off ~170 young collections per
# report, 20-25 ms of its ~110 ms of CPU; at 10,000, 8 collections and ~8 ms (bench/README.md).
# Requests make few cycles, and what one leaves is collected a little later.
gc.set_threshold(10_000, 10, 10)
