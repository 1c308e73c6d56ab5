"""The background job of urging (imported by UrgingConfig.ready; run by `run_huey`).

Several workers may run it at once: the constraint urging_system_once_a_day makes a second
run, or a second worker, write nothing new (services.urge_overdue).
"""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from nhiemvu.urging import services


# huey reads crontabs in UTC (Asia/Ho_Chi_Minh is UTC+7, no DST): 23:45 UTC is 06:45 of the
# next local day, before the reminders' 07:00 run, so that the unit's people find the urging
# in that day's digest; 00:45 to 09:45 UTC are 07:45 to 16:45.
@db_periodic_task(crontab(hour="23,0-9", minute="45"))
def urge_units_with_overdue_tasks():
    """On the month's urging day (urging.scheduled), urge every unit with overdue tasks. The
    first run makes the day's urgings; the later ones find them made and add only what an
    earlier run could not (no worker running then, a task changed while it was urged)."""
    now = timezone.now()
    services.urge_overdue(timezone.localdate(now), now=now)
