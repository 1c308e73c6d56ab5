from django.contrib import admin

from nhiemvu.adminsite import ModelAdmin
from nhiemvu.workdays.models import DayOverride


@admin.register(DayOverride)
class DayOverrideAdmin(ModelAdmin):
    list_display = ["date", "kind", "name", "legal_basis"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name", "legal_basis"]
    readonly_fields = ["created_at"]
