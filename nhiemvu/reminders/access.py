"""Who sees which reminders sent, and who resends them.

Notifications are their recipient's alone (the bell). The outbox (every reminder sent, to
whom, when, by which channel, with what outcome) is the office's: follow-up is its duty
(seed 003 ch. III, seed 004 art. 7). An office desk sees the reminders of the people who
hold a role in a unit of its subtree, and of those units' focal officers without an account,
as it keeps those units' focal officers (accounts.permissions.focal_officer_units);
administrators see them all. Whoever sees a
reminder may resend it.
"""

from django.db.models import Q

from nhiemvu.accounts.models import User
from nhiemvu.accounts.permissions import focal_officer_units, keeps_focal_officers
from nhiemvu.units.models import Unit


def keeps_outbox(user) -> bool:
    """The outbox page's door: office desks and administrators."""
    return user.is_authenticated and user.is_active and keeps_focal_officers(user)


def outbox_scope(user) -> Q:
    """A filter on OutboxMessage: the reminders `user` sees and may resend."""
    if not keeps_outbox(user):
        return Q(pk__in=[])
    units = focal_officer_units(user)
    if units is None:
        return Q()
    kept = Unit.objects.filter(units).values("pk")
    people = User.objects.filter(roles__unit__in=kept).values("pk")
    return Q(recipient__in=people) | Q(focal_officer__unit__in=kept)


def can_resend(user, message) -> bool:
    from nhiemvu.reminders.models import OutboxMessage

    return OutboxMessage.objects.filter(outbox_scope(user), pk=message.pk).exists()
