from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.adminsite import DayFieldMixin, DeletionListMixin, FilterCheckMixin


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]
    filter_horizontal = ["fields"]


@admin.register(User)
class UserAdmin(DayFieldMixin, DeletionListMixin, FilterCheckMixin, DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (None, {"fields": ("title", "phone")}))
    inlines = [RoleAssignmentInline]
