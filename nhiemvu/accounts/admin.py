from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from nhiemvu.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]
    filter_horizontal = ["fields"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (None, {"fields": ("title", "phone")}))
    inlines = [RoleAssignmentInline]
