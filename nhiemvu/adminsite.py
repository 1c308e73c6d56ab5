"""The Django admin of nhiemvu: for system administrators only, and no 500 on bad filters.

Decision (issue 12, finding 2): the admin shows whole tables and does not start its
querysets from the permission service, so it is closed to everyone but system
administrators — staff users who are superusers or hold the `admin` Role
(`permissions.is_admin`). Everyone else, a unit leader given `is_staff` and view
permissions included, works in the app, where every list starts from `visible_to(user)`.
"""

import logging
from contextlib import nullcontext

from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_deleted_objects
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import DataError, models, transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.accounts.permissions import is_admin
from nhiemvu.forms import DayField

logger = logging.getLogger(__name__)


class AdminSite(admin.AdminSite):
    site_header = gettext_lazy("Quản trị hệ thống theo dõi nhiệm vụ")
    site_title = gettext_lazy("Quản trị hệ thống")
    index_title = gettext_lazy("Quản trị hệ thống")

    def has_permission(self, request):
        """Staff flag (which Django's admin login asks for) and a system administrator."""
        user = request.user
        return user.is_active and user.is_staff and is_admin(user)


class AdminConfig(DjangoAdminConfig):
    """Makes `admin.site` (and so every `@admin.register`) our AdminSite."""

    default_site = "nhiemvu.adminsite.AdminSite"


class InvalidFilter(Exception):
    """A list filter or date-hierarchy value the database cannot use (year 0, an overflow)."""


class CheckedChangeList(ChangeList):
    """Turns Django's IncorrectLookupParameters into InvalidFilter, answered with a message.

    Django would redirect to `?e=1` and show its English "database error" page, and it lets
    values such as `date__year=9999999999` (OverflowError) through to a 500.
    """

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (IncorrectLookupParameters, OverflowError, ValueError, ValidationError) as error:
            raise InvalidFilter from error

    def get_queryset(self, request, exclude_parameters=None):
        try:
            return super().get_queryset(request, exclude_parameters)
        except (IncorrectLookupParameters, OverflowError, ValueError, ValidationError) as error:
            raise InvalidFilter from error


def _savepoint_if_in_transaction():
    """Inside a transaction (ATOMIC_REQUESTS, tests) a PostgreSQL DataError (an id out of range)
    would abort it: a savepoint contains it. Outside one nothing is opened, since on SQLite a
    transaction of ours begins IMMEDIATE and would take the write lock for a mere list."""
    return transaction.atomic() if transaction.get_connection().in_atomic_block else nullcontext()


class FilterCheckMixin:
    """Bad filter values get a Vietnamese message and the unfiltered list, never a 500."""

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def changelist_view(self, request, extra_context=None):
        try:
            with _savepoint_if_in_transaction():
                response = super().changelist_view(request, extra_context)
                # Rendered here, not after the view returns: a value that passes the filters
                # but breaks the query (year 0 in a date lookup) fails when the rows are read.
                if hasattr(response, "render"):
                    response.render()
        except (InvalidFilter, OverflowError, ValueError, ValidationError, DataError) as error:
            logger.info("Invalid admin filter on %s: %r", request.get_full_path(), error)
            messages.error(request, _("Giá trị lọc không hợp lệ, danh sách được hiển thị không có bộ lọc."))
            return HttpResponseRedirect(request.path)
        return response


class _DeletionListSite:
    """The admin site as Django's delete confirmation sees it: models whose ModelAdmin sets
    `unlinked_in_deletion_lists` count as unregistered there, so their rows are listed by
    their __str__ alone, without a link (and the link text) to a page the user may not see."""

    def __init__(self, site):
        self._site = site

    def is_registered(self, model):
        model_admin = self._site._registry.get(model)
        return model_admin is not None and not getattr(model_admin, "unlinked_in_deletion_lists", False)

    def __getattr__(self, name):
        return getattr(self._site, name)


class DeletionListMixin:
    def get_deleted_objects(self, objs, request):
        return get_deleted_objects(objs, request, _DeletionListSite(self.admin_site))


class DayFieldMixin:
    """Dates in the admin as in every form of ours: day first, ASCII digits (nhiemvu.forms)."""

    formfield_overrides = {models.DateField: {"form_class": DayField}}


class ModelAdmin(DayFieldMixin, DeletionListMixin, FilterCheckMixin, admin.ModelAdmin):
    """The base of every ModelAdmin of ours."""
