"""The tree of units (seed 000 appendix 02; seed 003: a Sở and its sub-units) kept as a
materialised path, and the units that existed on a day (domain.md, 2025 reorganisation)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import PATH_STEP, Unit, name_key
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agriculture(cast):
    return cast.agriculture_department


@pytest.fixture
def forestry(cast):
    return cast.forestry


@pytest.fixture
def station(forestry):
    return UnitFactory(name="Hạt Kiểm lâm huyện Sa Thầy", parent=forestry, kind=UnitKind.SUB_UNIT)


@pytest.fixture
def justice(cast):
    return cast.justice_department


def step(unit):
    return f"{unit.pk:0{PATH_STEP}d}/"


def test_the_path_lists_the_ids_from_the_root(province, agriculture, forestry):
    assert province.path == step(province)
    assert forestry.path == step(province) + step(agriculture) + step(forestry)
    Unit.objects.filter(pk=forestry.pk).update(path="")  # what is stored, not the in-memory copy
    forestry.refresh_from_db()
    forestry.save()
    assert Unit.objects.get(pk=forestry.pk).path == step(province) + step(agriculture) + step(forestry)


def test_subtree_of_is_the_unit_and_every_unit_below_it(province, agriculture, forestry, station, justice):
    assert set(Unit.objects.subtree_of(agriculture)) == {agriculture, forestry, station}
    assert justice not in set(Unit.objects.subtree_of(agriculture))
    assert set(Unit.objects.subtree_of(province)) == set(Unit.objects.all())  # the cast's one province
    assert set(Unit.objects.subtree_of(station)) == {station}


def test_subtree_of_is_a_prefix_match_on_the_path(agriculture):
    where = str(Unit.objects.subtree_of(agriculture).query).split("WHERE")[1]
    assert '"path"' in where and "LIKE" in where.upper() and agriculture.path in where
    assert "parent" not in where, "no walk up or down the parent links"


def test_one_id_being_the_prefix_of_another_does_not_mix_subtrees(province):
    """Ids 1 and 10..19 would share a prefix without the zero padding."""
    units = [UnitFactory(parent=province) for _ in range(12)]
    first = units[0]
    child = UnitFactory(parent=first, kind=UnitKind.SUB_UNIT)
    assert set(Unit.objects.subtree_of(first)) == {first, child}
    assert all(not other.is_within(first) for other in units[1:])


def test_is_within(province, agriculture, forestry, justice):
    assert forestry.is_within(agriculture) and forestry.is_within(province) and forestry.is_within(forestry)
    assert not agriculture.is_within(forestry) and not forestry.is_within(justice)


def test_moving_a_unit_moves_its_whole_subtree(province, agriculture, forestry, station, justice):
    forestry.parent = justice
    forestry.save()
    station.refresh_from_db()
    assert forestry.path == justice.path + step(forestry)
    assert station.path == justice.path + step(forestry) + step(station)
    assert set(Unit.objects.subtree_of(justice)) == {justice, forestry, station}
    assert set(Unit.objects.subtree_of(agriculture)) == {agriculture}
    agriculture.refresh_from_db()
    assert agriculture.path == step(province) + step(agriculture), "other branches are untouched"


def test_a_unit_moved_to_the_root_keeps_its_subtree(agriculture, forestry, station):
    forestry.parent = None
    forestry.save()
    station.refresh_from_db()
    assert (forestry.path, station.path) == (step(forestry), step(forestry) + step(station))


@pytest.mark.parametrize("new_parent", ["itself", "its sub-unit", "its sub-unit's sub-unit"])
def test_a_unit_cannot_move_under_itself(new_parent, agriculture, forestry, station):
    before = list(Unit.objects.order_by("pk").values_list("pk", "parent_id", "path"))
    agriculture.parent = {
        "itself": agriculture,
        "its sub-unit": forestry,
        "its sub-unit's sub-unit": station,
    }[new_parent]
    with pytest.raises(ValidationError):
        agriculture.save()
    assert list(Unit.objects.order_by("pk").values_list("pk", "parent_id", "path")) == before


def test_active_on_is_the_units_that_existed_that_day_both_ends_included(province):
    cast_units = set(Unit.objects.all())  # active throughout
    always = UnitFactory(name="Sở Xây dựng", parent=province)
    district = UnitFactory(
        name="UBND huyện Sa Thầy", kind=UnitKind.DISTRICT, parent=province, active_until=date(2025, 6, 30)
    )
    commune = UnitFactory(
        name="UBND xã Sa Thầy", kind=UnitKind.COMMUNE, parent=province, active_from=date(2025, 7, 1)
    )
    on = {
        day: set(Unit.objects.active_on(day)) - cast_units
        for day in (date(2018, 12, 27), date(2025, 6, 30), date(2025, 7, 1))
    }
    assert on[date(2018, 12, 27)] == {always, district}
    assert on[date(2025, 6, 30)] == {always, district}
    assert on[date(2025, 7, 1)] == {always, commune}
    for day, units in on.items():
        assert {u for u in Unit.objects.all() if u.is_active_on(day)} - cast_units == units


def test_an_active_period_cannot_end_before_it_starts(province):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        UnitFactory(parent=province, active_from=date(2025, 7, 1), active_until=date(2025, 6, 30))


def test_unit_names_match_whatever_the_case_spacing_and_accent_encoding():
    """SQLite's iexact folds ASCII only: "NÔNG THÔN" must still match "nông thôn"."""
    import unicodedata

    assert name_key("  sở nông nghiệp  và phát triển NÔNG THÔN ") == name_key(
        "Sở Nông nghiệp và Phát triển nông thôn"
    )
    assert name_key(unicodedata.normalize("NFD", "Sở Tư pháp")) == name_key("Sở Tư pháp")
    assert name_key("Sở Nông nghiệp") != name_key("Sở Nông nghiệp và Phát triển nông thôn")


def test_labels_come_in_tree_order_each_unit_after_its_parent_and_earlier_siblings():
    """Seed 000 appendix 02 lists units under their parent, siblings by (sort order, name)."""
    root = UnitFactory(name="UBND tỉnh", kind=UnitKind.PROVINCE)
    second = UnitFactory(name="Sở A", parent=root, sort_order=2)
    first = UnitFactory(name="Sở Z", parent=root, sort_order=1)
    twin_one = UnitFactory(name="Sở B", parent=root, sort_order=2)
    twin_two = UnitFactory(name="Sở B", parent=root, sort_order=2)
    under_one = UnitFactory(name="Chi cục 1", parent=twin_one)
    under_two = UnitFactory(name="Chi cục 2", parent=twin_two)
    wanted = {unit.pk for unit in (second, first, twin_one, twin_two, under_one, under_two)}

    labels = Unit.objects.labels_in_tree_order(wanted, date(2026, 1, 1))

    # Two siblings of the same name keep their own sub-units right under them.
    assert [pk for pk, _name in labels] == [
        first.pk, second.pk, twin_one.pk, under_one.pk, twin_two.pk, under_two.pk
    ]  # fmt: skip
    assert labels[0] == (first.pk, "Sở Z")
