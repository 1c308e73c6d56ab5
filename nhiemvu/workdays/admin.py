from django.contrib import admin

from nhiemvu.adminsite import ModelAdmin
from nhiemvu.workdays.choices import DaySource
from nhiemvu.workdays.models import DayOverride


@admin.register(DayOverride)
class DayOverrideAdmin(ModelAdmin):
    """Official rows are shown with their legal basis but are read-only: they come from the
    shipped data on every migrate. The admin corrects a day by adding an admin row for it,
    which wins over the official one."""

    list_display = ["date", "kind", "name", "legal_basis", "source", "verified"]
    list_filter = ["source", "kind", "verified"]
    date_hierarchy = "date"
    search_fields = ["name", "legal_basis", "note"]
    readonly_fields = ["source", "created_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return (obj is None or obj.source == DaySource.ADMIN) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return (obj is None or obj.source == DaySource.ADMIN) and super().has_delete_permission(request, obj)
