"""No door shows a secret-register line to a user not on its list, not even to a superuser;
the users on it get a screen in the app (issue 12, finding 1; seed 003 art. 5.2, seed 004
art. 5.2)."""

from datetime import date

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.directives.choices import Secrecy
from nhiemvu.directives.models import SecretEntry
from tests.factories import UnitFactory, person

pytestmark = pytest.mark.django_db

NUMBER = "99/KH-UBND"


@pytest.fixture
def police(province):
    return UnitFactory(name="Công an tỉnh", parent=province)


@pytest.fixture
def secretary(province):
    """The office's register keeper, on the line's list."""
    return person(Role.OFFICE_DESK, province, username="van_thu_mat")


@pytest.fixture
def reader(police):
    """On the line's list, without keeping the register."""
    return person(Role.FOCAL_OFFICER, police, username="daumoi_cat")


@pytest.fixture
def line(police, secretary, reader):
    entry = SecretEntry.objects.create(
        secrecy=Secrecy.TOP_SECRET, number_symbol=NUMBER, issued_on=date(2018, 5, 15), lead_unit=police
    )
    entry.allowed_users.set([secretary, reader])
    return entry


@pytest.fixture
def root(client):
    """A superuser who is not on the line's list."""
    user = person(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def shows_nothing_of(response, entry) -> bool:
    page = response.content.decode()
    change_url = reverse("admin:directives_secretentry_change", args=[entry.pk])
    return NUMBER not in page and "Tối mật" not in page and change_url not in page


def test_an_entry_names_itself_by_its_id_only(line):
    assert str(line) == f"Mục sổ theo dõi văn bản mật #{line.pk}"


def test_the_unit_delete_confirmation_lists_no_entry_to_a_superuser_off_the_list(client, root, line, police):
    response = client.get(reverse("admin:units_unit_delete", args=[police.pk]))
    assert response.status_code == 200 and shows_nothing_of(response, line)
    assert f"#{line.pk}" in response.content.decode()  # the deletion is refused: something protects it


def test_the_bulk_delete_of_units_lists_no_entry(client, root, line, police):
    response = client.post(
        reverse("admin:units_unit_changelist"), {"action": "delete_selected", "_selected_action": [police.pk]}
    )
    assert response.status_code == 200 and shows_nothing_of(response, line)


def test_the_user_delete_confirmation_lists_no_entry(client, root, line, reader):
    response = client.get(reverse("admin:accounts_user_delete", args=[reader.pk]))
    assert response.status_code == 200 and shows_nothing_of(response, line)


@pytest.mark.parametrize("page", ["change", "delete", "history"])
def test_the_entry_admin_pages_do_not_open_for_a_superuser_off_the_list(client, root, line, page):
    response = client.get(reverse(f"admin:directives_secretentry_{page}", args=[line.pk]), follow=True)
    assert shows_nothing_of(response, line)
    assert not LogEntry.objects.filter(object_repr__contains=NUMBER).exists()


def test_the_entry_changelist_and_its_search_are_empty_for_a_superuser_off_the_list(client, root, line):
    for query in ({}, {"q": NUMBER}):
        response = client.get(reverse("admin:directives_secretentry_changelist"), query)
        assert response.status_code == 200 and shows_nothing_of(response, line)


def test_the_admin_log_keeps_no_number_of_a_deleted_entry(client, line, secretary):
    secretary.is_staff, secretary.is_superuser = True, True
    secretary.save()
    client.force_login(secretary)
    client.post(reverse("admin:directives_secretentry_delete", args=[line.pk]), {"post": "yes"})
    assert not SecretEntry.objects.exists()
    assert LogEntry.objects.get().object_repr == f"Mục sổ theo dõi văn bản mật #{line.pk}"


# The screen in the app


def test_the_register_screen_lists_the_lines_the_user_is_on(client, line, reader, police):
    hidden = SecretEntry.objects.create(
        secrecy=Secrecy.SECRET, number_symbol="7/CT-UBND", issued_on=date(2018, 6, 1), lead_unit=police
    )
    client.force_login(reader)
    page = client.get(reverse("secret_entry_list")).content.decode()
    assert NUMBER in page and hidden.number_symbol not in page
    assert reverse("secret_entry_add") not in page  # a reader does not keep the register


@pytest.mark.parametrize("who", ["root", "stranger"])
def test_a_line_off_the_users_list_is_a_404(client, line, who, province):
    user = person(username="root", is_superuser=True) if who == "root" else person(Role.OFFICE_DESK, province)
    client.force_login(user)
    assert client.get(reverse("secret_entry_edit", args=[line.pk])).status_code == 404
    assert NUMBER not in client.get(reverse("secret_entry_list")).content.decode()


def form_data(police, *users, **overrides):
    data = {
        "secrecy": Secrecy.SECRET,
        "number_symbol": "15/KH-UBND",
        "issued_on": "25/12/2018",
        "lead_unit": police.pk,
        "due_on": "31/01/2019",
        "completed_on": "",
        "allowed_users": [user.pk for user in users],
    }
    return data | overrides


def test_the_office_desk_adds_a_line_and_stays_on_its_list(client, secretary, reader, police):
    client.force_login(secretary)
    response = client.post(reverse("secret_entry_add"), form_data(police, reader))
    assert response.status_code == 302
    entry = SecretEntry.objects.get(number_symbol="15/KH-UBND")
    assert entry.issued_on == date(2018, 12, 25) and set(entry.allowed_users.all()) == {secretary, reader}


def test_the_office_desk_edits_a_line_it_is_on(client, secretary, line, police):
    client.force_login(secretary)
    client.post(
        reverse("secret_entry_edit", args=[line.pk]),
        form_data(police, number_symbol=NUMBER, issued_on="15/05/2018", due_on="", completed_on="01/06/2018"),
    )
    line.refresh_from_db()
    assert line.completed_on == date(2018, 6, 1) and set(line.allowed_users.all()) == {secretary}


def test_a_reader_on_the_list_may_not_add_or_edit(client, reader, line, police):
    client.force_login(reader)
    assert client.get(reverse("secret_entry_add")).status_code == 403
    assert client.post(reverse("secret_entry_edit", args=[line.pk]), form_data(police)).status_code == 403
    assert SecretEntry.objects.count() == 1


@pytest.mark.parametrize(
    "field, value",
    [
        ("issued_on", "31/02/2018"),
        ("issued_on", "01/01/0001"),
        ("due_on", "01/01/2018"),
        ("number_symbol", "abc"),
    ],
)
def test_bad_input_is_answered_in_vietnamese_and_saves_nothing(client, secretary, police, field, value):
    client.force_login(secretary)
    response = client.post(reverse("secret_entry_add"), form_data(police, **{field: value}))
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not SecretEntry.objects.exists()


# Kept on paper only


def test_with_the_register_off_there_is_no_screen(client, settings, secretary, line):
    settings.SECRET_REGISTER_ENABLED = False
    client.force_login(secretary)
    for url in (
        reverse("secret_entry_list"),
        reverse("secret_entry_add"),
        reverse("secret_entry_edit", args=[1]),
    ):
        assert client.get(url).status_code == 404


def test_with_the_register_off_the_admin_has_no_register(client, settings, secretary, line):
    settings.SECRET_REGISTER_ENABLED = False
    secretary.is_staff, secretary.is_superuser = True, True
    secretary.save()
    client.force_login(secretary)
    assert "secretentry" not in client.get(reverse("admin:index")).content.decode()
    assert client.get(reverse("admin:directives_secretentry_changelist")).status_code == 403
    assert client.get(reverse("admin:directives_secretentry_change", args=[line.pk])).status_code == 403
