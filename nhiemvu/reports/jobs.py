"""Background jobs of the reports (imported by ReportsConfig.ready; run by `run_huey`)."""

from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from nhiemvu.reports.emulation import emulation_report


# huey reads crontabs in UTC: 18:30 UTC is 01:30 in Asia/Ho_Chi_Minh, over an hour after the
# day's end (reports.stored_months.SETTLE), whichever day a month ends on under the
# deployment's cut-off (the last day, or the 14th under Decree 09).
@db_periodic_task(crontab(hour="18", minute="30"))
def store_closed_months():
    """Each night: the emulation figures of the months closed by now, stored, so the first
    report of a month reads its predecessors rather than counting them. The last two months
    suffice: the months before are stored already, or counted by the next report that needs
    them (a past event written since forgets them). And the year to date, whose closed
    months' snapshot (reports.snapshots) is then the day's: the day's reports of the year
    read it rather than count it again."""
    now = timezone.now()
    today = timezone.localdate(now)
    emulation_report(date_from=today - timedelta(days=62), date_to=today, as_of=now)
    emulation_report(date_from=today.replace(month=1, day=1), date_to=today, as_of=now)
