from django.contrib import admin

from nhiemvu.adminsite import ModelAdmin
from nhiemvu.units.models import Field, FocalOfficer, Unit, UnitName


class FocalOfficerInline(admin.TabularInline):
    model = FocalOfficer
    extra = 0
    autocomplete_fields = ["user"]


class UnitNameInline(admin.TabularInline):
    model = UnitName
    extra = 0
    can_delete = False
    readonly_fields = ["name", "until"]

    def has_add_permission(self, request, obj=None):
        return False  # renames go through units.services.rename_unit


@admin.register(Unit)
class UnitAdmin(ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "active_from", "active_until", "scored_for_reform"]
    list_filter = ["kind", "scored_for_reform"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["parent", "successor"]
    readonly_fields = ["successor", "active_until"]  # set by merge_unit, with the tasks' move
    inlines = [FocalOfficerInline, UnitNameInline]


@admin.register(Field)
class FieldAdmin(ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
