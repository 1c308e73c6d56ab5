from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.adminsite import ModelAdmin
from nhiemvu.units import services
from nhiemvu.units.forms import MergeForm, RenameForm, SplitForm
from nhiemvu.units.models import Field, FocalOfficer, Unit, UnitName, UnitSuccession


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


class UnitSuccessionInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "predecessor"
    extra = 0
    can_delete = False
    readonly_fields = ["successor", "effective_on", "is_default", "note"]

    def has_add_permission(self, request, obj=None):
        return False  # merges and splits go through units.services, with the tasks' move


@admin.register(Unit)
class UnitAdmin(ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "active_from", "active_until", "scored_for_reform"]
    list_filter = ["kind", "scored_for_reform"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["parent"]
    inlines = [FocalOfficerInline, UnitNameInline, UnitSuccessionInline]
    actions = ["rename", "merge", "split"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["active_until"]
        # A changed name is a dated rename (the "rename" action), never an overwrite: a 2018
        # report must keep the 2018 name. The end of a unit comes with its tasks' move.
        return ["name", "active_until"]

    @admin.action(description=gettext_lazy("Đổi tên đơn vị (từ một ngày)"))
    def rename(self, request, queryset):
        def apply(form, units):
            services.rename_unit(
                unit=units[0],
                new_name=form.cleaned_data["new_name"],
                on=form.cleaned_data["on"],
                by=request.user,
            )
            return 0  # no task moves

        return self._change(request, queryset, RenameForm, apply, action="rename", single=True)

    @admin.action(description=gettext_lazy("Sáp nhập vào một đơn vị"))
    def merge(self, request, queryset):
        def apply(form, units):
            at = timezone.now()
            into, on = form.cleaned_data["into"], form.cleaned_data["on"]
            return sum(
                services.merge_unit(unit=unit, into=into, on=on, by=request.user, at=at) for unit in units
            )

        return self._change(request, queryset, MergeForm, apply, action="merge")

    @admin.action(description=gettext_lazy("Chia tách thành nhiều đơn vị"))
    def split(self, request, queryset):
        def apply(form, units):
            return services.split_unit(
                unit=units[0],
                into=list(form.cleaned_data["into"]),
                default=form.cleaned_data["default"],
                on=form.cleaned_data["on"],
                by=request.user,
                at=timezone.now(),
            )

        return self._change(request, queryset, SplitForm, apply, action="split", single=True)

    def _change(self, request, queryset, form_class, apply, *, action, single=False):
        """The intermediate page of an action: its form, then the service, all or nothing."""
        units = list(queryset.order_by("pk"))
        if single and len(units) != 1:
            self.message_user(request, _("Chọn đúng một đơn vị cho thao tác này."), messages.ERROR)
            return None
        form = form_class(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                with transaction.atomic():
                    moved = apply(form, units)
            except (ValidationError, PermissionDenied) as error:
                for text in getattr(error, "messages", [str(error)]):
                    form.add_error(None, text)
            else:
                done = _("Đã ghi nhận thay đổi đơn vị; %(moved)d nhiệm vụ chuyển sang đơn vị kế thừa.")
                self.message_user(request, done % {"moved": moved}, messages.SUCCESS)
                waiting = services.tasks_awaiting_successor().filter(lead_unit__in=units).count()
                if waiting:
                    wait = _("%(count)d nhiệm vụ chờ Văn phòng giao lại cho một đơn vị kế thừa.")
                    self.message_user(request, wait % {"count": waiting}, messages.WARNING)
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": getattr(self, action).short_description,
            "units_label": _("Đơn vị được chọn:"),
            "opts": self.model._meta,
            "form": form,
            "queryset": units,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/units/unit/change_action.html", context)


@admin.register(Field)
class FieldAdmin(ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
