"""Percentages that add up, and the two completion rates, each labelled (issue 14)."""

from decimal import Decimal

import pytest

from nhiemvu.reports.percent import (
    RATE_OVER_ASSIGNED,
    RATE_OVER_DUE,
    breakdown,
    format_count,
    format_percent,
    rate_over_assigned,
    rate_over_due,
    share_text,
    truncated_percent,
)


def test_government_office_rate_is_truncated_not_rounded():
    """16,051/16,274 = 98.6297…%: the Government Office prints 98.62, not 98.63."""
    assert truncated_percent(16051, 16274) == Decimal("98.62")
    rate = rate_over_due(completed=16051, open_overdue=16274 - 16051)
    assert (rate.definition, rate.base, rate.percent) == (RATE_OVER_DUE, 16274, Decimal("98.62"))
    assert rate.text() == ("Tỷ lệ hoàn thành trên số nhiệm vụ đã đến hạn: 16.051/16.274 nhiệm vụ, đạt 98,62%")


def test_a_rate_just_below_100_is_not_printed_as_100():
    assert truncated_percent(99999, 100000) == Decimal("99.99")


def test_seed_002_rate_over_all_tasks_assigned_is_36_not_33_percent():
    """Seed 002 1.1 printed 189/531 as 33 %; it is 35.59 %."""
    rate = rate_over_assigned(completed=189, total=531)
    assert (rate.definition, rate.percent) == (RATE_OVER_ASSIGNED, Decimal("35.59"))
    assert rate.label == "Tỷ lệ hoàn thành trên tổng số nhiệm vụ được giao"
    assert breakdown([189, 342]) == [Decimal(36), Decimal(64)]


def test_no_task_has_no_rate_rather_than_zero():
    assert rate_over_due(completed=0, open_overdue=0).percent is None
    assert format_percent(None) == "—"


def test_seed_002_open_breakdown_adds_up_to_100_percent():
    """Seed 002 printed 128 + 201 + 12 of 342 open tasks (341), as 37 + 58 + 5 %. The same
    kinds of figure, counted and rounded here, add up: 128 + 201 + 13 = 342, 37 + 59 + 4 %."""
    shares = breakdown([128, 201, 13])
    assert shares == [Decimal(37), Decimal(59), Decimal(4)]
    assert sum(shares) == 100


def test_seed_002_completed_breakdown_is_93_and_7_not_92_and_8():
    """175/189 is 92.59 %: seed 002 printed 92 % and 8 %."""
    assert breakdown([175, 14]) == [Decimal(93), Decimal(7)]


@pytest.mark.parametrize(
    "counts",
    [[1, 1, 1], [2, 2, 2, 1], [531, 0, 0], [1, 0, 998, 1], [7, 13, 29, 5, 2], [16051, 223]],
)
@pytest.mark.parametrize("decimals", [0, 1, 2])
def test_every_breakdown_sums_to_exactly_100(counts, decimals):
    shares = breakdown(counts, decimals=decimals)
    assert sum(shares) == 100
    assert all(share.as_tuple().exponent == -decimals for share in shares)
    # No share is further than one unit of the last place from its exact value.
    total = sum(counts)
    for count, share in zip(counts, shares, strict=True):
        assert abs(share - Decimal(count * 100) / total) < Decimal(1).scaleb(-decimals)


def test_thirds_give_the_missing_unit_to_the_first_share():
    assert breakdown([1, 1, 1]) == [Decimal(34), Decimal(33), Decimal(33)]
    assert breakdown([1, 1, 1], decimals=2) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_a_breakdown_of_nothing_is_all_zeros():
    assert breakdown([0, 0]) == [Decimal(0), Decimal(0)]


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        breakdown([3, -1])


def test_share_text_as_seed_002_writes_it_with_a_decimal_comma():
    assert share_text(189, 531, Decimal(36)) == "189/531 nhiệm vụ, chiếm 36%"
    assert share_text(1122, 2050, Decimal("54.73")) == "1.122/2.050 nhiệm vụ, chiếm 54,73%"
    assert format_count(16051) == "16.051"
