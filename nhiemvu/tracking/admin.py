from django.contrib import admin

from nhiemvu.adminsite import ModelAdmin
from nhiemvu.tracking.models import Task, TaskEvent


class ReadOnlyAdmin(ModelAdmin):
    """Tasks change only through tracking.services, which writes the event trail."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TaskEventInline(admin.TabularInline):
    model = TaskEvent
    extra = 0
    fields = ["kind", "effective_on", "recorded_at", "actor", "source", "lifecycle", "due_in_force", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["content", "lead_unit", "assigned_on", "due_in_force", "completed_on", "lifecycle"]
    list_filter = ["lifecycle", "is_key"]
    search_fields = ["content", "directive__number_symbol"]
    date_hierarchy = "assigned_on"
    list_select_related = ["lead_unit"]
    inlines = [TaskEventInline]
