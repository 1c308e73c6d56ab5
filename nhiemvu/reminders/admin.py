"""The office sees every reminder sent (whom, when, channel, outcome) and resends."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nhiemvu.adminsite import ModelAdmin
from nhiemvu.reminders import services
from nhiemvu.reminders.choices import OutboxState
from nhiemvu.reminders.delivery import lease
from nhiemvu.reminders.models import Notification, OutboxMessage, ReminderPreference


class UncertainFilter(admin.SimpleListFilter):
    """Rows left "sending" by a worker that died mid-send: delivered or not, nobody knows."""

    title = _("chưa rõ đã gửi")
    parameter_name = "uncertain"

    def lookups(self, request, model_admin):
        return [("yes", _("Đang gửi quá thời hạn nhận"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(state=OutboxState.SENDING, claimed_at__lt=timezone.now() - lease())
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ModelAdmin):
    list_display = ["addressee", "rule", "subject", "day", "channel", "state", "attempts", "sent_at", "error"]
    list_filter = ["state", UncertainFilter, "channel", "rule", "day"]
    search_fields = [
        "recipient__username",
        "recipient__last_name",
        "recipient__first_name",
        "recipient__email",
        "focal_officer__full_name",
        "focal_officer__email",
    ]
    date_hierarchy = "day"
    list_select_related = ["recipient", "focal_officer__unit"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["resend"]

    @admin.display(description=_("người nhận"))
    def addressee(self, message):
        """The user, or the focal officer without an account (his name and unit)."""
        return message.addressee

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Gửi lại các nhắc việc đã chọn"))
    def resend(self, request, queryset):
        count = services.resend(list(queryset), by=request.user, now=timezone.now())
        self.message_user(
            request,
            ngettext(
                "Đã đưa %(n)d nhắc việc vào hàng gửi lại.", "Đã đưa %(n)d nhắc việc vào hàng gửi lại.", count
            )
            % {"n": count},
            messages.SUCCESS,
        )


@admin.register(Notification)
class NotificationAdmin(ModelAdmin):
    list_display = ["recipient", "title", "created_at", "read_at"]
    list_filter = ["read_at"]
    search_fields = ["recipient__username", "title"]
    list_select_related = ["recipient"]
    readonly_fields = ["recipient", "title", "body", "link", "task", "outbox", "created_at", "read_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(ModelAdmin):
    list_display = ["user", "by_email", "in_app", "by_webhook", "digest_time"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]
