from django.contrib import admin

from nhiemvu.audit.models import SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by `audit.services.record` and never changed."""

    list_display = ["at", "kind", "actor_username", "subject", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["actor_username", "subject", "ip_address"]
    readonly_fields = [field.name for field in SecurityEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
