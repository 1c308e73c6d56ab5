"""Background jobs of the tracking app (imported by TrackingConfig.ready; run by `run_huey`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from nhiemvu import statistics


# huey reads crontabs in UTC: 18:30 UTC is 01:30 in Asia/Ho_Chi_Minh (UTC+7, no DST).
@db_periodic_task(crontab(hour="18", minute="30"))
def refresh_statistics():
    """Nightly: keep SQLite's plans right as tasks accumulate."""
    statistics.refresh()
