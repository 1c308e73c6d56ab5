"""Users and their roles in the app, for administrators: find, add, edit a profile, give
and take roles in units, send a password-setting link. Every change through
accounts.services (which checks the administrator again and whose changes the audit trail
records)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from nhiemvu.accounts import services
from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.administration.access import user_manager_required
from nhiemvu.administration.user_forms import NewUserForm, RoleForm, UserForm, UserSearchForm
from nhiemvu.forms import add_service_errors

USERS_PAGE = 50


@user_manager_required
def user_list(request):
    form = UserSearchForm(request.GET or None)
    users = User.objects.prefetch_related("roles__unit").order_by("username")
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"].strip()
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
        )
    page = Paginator(users, USERS_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "administration/user_list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@user_manager_required
def user_create(request):
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_user(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm người dùng “%(username)s”.") % {"username": user.username})
            return _detail(request, user, new_password=_give_password(request, user))
    return render(request, "administration/user_create.html", {"form": form})


@user_manager_required
def user_detail(request, pk):
    user = get_object_or_404(User, pk=pk)
    profile = _profile_form(user, request.POST or None)
    if request.method == "POST" and profile.is_valid():
        try:
            changed = services.update_profile(user=user, **profile.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(profile, error)
        else:
            messages.success(request, _("Đã lưu hồ sơ.") if changed else _("Không có gì thay đổi."))
            return redirect("administration:user_detail", user.pk)
    return _detail(request, user, profile=profile, status=400 if profile.errors else 200)


def _profile_form(user, data=None):
    initial = {
        "full_name": user.get_full_name(),
        "email": user.email,
        "phone": user.phone,
        "title": user.title,
    }
    return UserForm(data, initial=initial)


def _detail(request, user, *, profile=None, role_form=None, new_password=None, status=200):
    """The user's page; a random password just given is shown here once, never stored."""
    context = {
        "person": user,
        "new_password": new_password,
        "profile": profile or _profile_form(user),
        "role_form": role_form or RoleForm(),
        "roles": user.roles.select_related("unit").prefetch_related("fields").order_by("role", "unit__path"),
    }
    return render(request, "administration/user_detail.html", context, status=status)


@user_manager_required
def role_add(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _assignment, changed = services.assign_role(
                user=user, role=data["role"], unit=data["unit"], fields=list(data["fields"]), by=request.user
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã giao vai trò.") if changed else _("Không có gì thay đổi."))
            return redirect("administration:user_detail", user.pk)
    return _detail(request, user, role_form=form, status=400)


@user_manager_required
def role_remove(request, pk, role_pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    assignment = get_object_or_404(RoleAssignment, pk=role_pk, user_id=pk)
    services.remove_role(assignment=assignment, by=request.user)
    messages.success(request, _("Đã bỏ vai trò."))
    return redirect("administration:user_detail", pk)


@user_manager_required
def password(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = get_object_or_404(User, pk=pk)
    new_password = _give_password(request, user)
    if new_password is None:
        return redirect("administration:user_detail", pk)
    return _detail(request, user, new_password=new_password)


def _give_password(request, user) -> str | None:
    """A password-setting link by e-mail when the user has an address; else a random password,
    returned to be shown once on the page (as import-users --print-passwords prints it)."""
    if user.email:
        services.password_link_message(user).send()
        messages.info(request, _("Đã gửi liên kết đặt mật khẩu tới %(email)s.") % {"email": user.email})
        return None
    return services.random_password(user)
