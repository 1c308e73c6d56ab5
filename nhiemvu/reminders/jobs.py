"""Background jobs of the reminders (imported by RemindersConfig.ready; run by `run_huey`).

Several workers may run them at once: the outbox's unique key and the conditional claims
make a second run write and send nothing new (reminders/delivery.py).
"""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from nhiemvu.reminders import services
from nhiemvu.reminders.delivery import deliver_pending


# huey reads crontabs in UTC: 00:00 UTC is 07:00 in Asia/Ho_Chi_Minh (UTC+7, no DST), the
# start of the working day and the default digest time; 09:00 UTC is 16:00.
@db_periodic_task(crontab(hour="0-9", minute="0"))
def run_todays_reminders():
    """Each hour of the working day from 07:00: decide the day's reminders, write the outbox,
    deliver what is due. The first run decides the day; the later ones find it written (the
    outbox's unique key) and add only a digest someone had no reason for earlier, so a day
    whose 07:00 run was missed (no worker running then) is still decided and sent that day."""
    now = timezone.now()
    services.run_day(timezone.localdate(now), now=now)


@db_periodic_task(crontab(minute="*/5"))
def deliver_waiting_reminders():
    """Every 5 minutes: what waits for a later digest time or a retry, and what a worker
    killed mid-run left claimed past its lease."""
    deliver_pending()
