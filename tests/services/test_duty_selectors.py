"""The duty figures on the hand-counted fixture of ``duty_fixtures`` (see its docstring)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from governance.models import Community
from services.selectors.duty import Gap, day_intervals, duty_figures, gaps_of, period_coverage, roster_coverage
from tests.services import duty_fixtures

pytestmark = pytest.mark.django_db

duty = duty_fixtures.duty
D = datetime.date


def test_gaps_of_merges_overlapping_shifts():
    assert gaps_of([(480, 1200), (1200, 1440), (0, 480)]) == ()
    assert gaps_of([(600, 700), (650, 800)]) == (Gap(0, 600), Gap(800, 1440))
    assert gaps_of([]) == (Gap(0, 1440),)
    assert str(Gap(1200, 1440)) == "20:00–24:00"


def test_roster_coverage_day_by_day(world, duty):
    days = roster_coverage(duty.roster)
    assert [day.day for day in days] == [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)]
    assert [[str(gap) for gap in day.gaps] for day in days] == [["00:00–08:00"], ["20:00–20:30"], ["18:00–24:00"]]
    assert [day.cadres for day in days] == [3, 3, 1]
    assert [day.short for day in days] == [False, False, True]


def test_a_published_night_shift_of_the_day_before_covers_a_roster_s_first_morning(world, duty):
    # The draft of 03-09: a day shift only; a night shift on 03-08 in a published roster covers its 00:00–08:00.
    days = roster_coverage(duty.draft)
    assert [str(gap) for gap in days[0].gaps] == ["00:00–08:00", "20:00–24:00"]
    duty_fixtures.add_shift(world.worker, duty.roster, D(2026, 3, 4), "20:00", "08:00", [world.worker], world.head)
    duty.roster.end_on = D(2026, 3, 8)
    duty.roster.save()
    duty_fixtures.add_shift(world.worker, duty.roster, D(2026, 3, 8), "20:00", "08:00", [world.worker], world.head)
    days = roster_coverage(duty.draft)
    assert [str(gap) for gap in days[0].gaps] == ["20:00–24:00"]
    assert days[0].cadres == 3  # the night shift of the day before does not count for 03-09


def test_day_intervals_of_a_24_hour_shift(duty):
    # other_shift: 03-02 08:00–次日08:00
    assert day_intervals([duty.other_shift], D(2026, 3, 2)) == [(480, 1440)]
    assert day_intervals([duty.other_shift], D(2026, 3, 3)) == [(0, 480)]


def test_period_figures(world, duty):
    figures = duty_figures(community=world.community, start=D(2026, 3, 2), end=D(2026, 3, 4))
    assert figures.shifts == 5  # the draft's shift is not counted
    assert figures.shift_hours == Decimal("57.5")
    hours = {row.user_id: (row.shifts, row.led, row.hours) for row in figures.staff}
    assert hours == {
        world.head.pk: (4, 4, Decimal("47.5")),
        world.worker.pk: (4, 1, Decimal("45.5")),
        world.grid_worker.pk: (2, 0, Decimal("24.0")),
    }
    assert (figures.absences, figures.excused, figures.absence_minutes) == (4, 1, 299)
    assert (figures.fined, figures.fines, figures.fined_share) == (2, Decimal("100.00"), 0.5)
    assert figures.absence_hours == Decimal("4.98")
    assert (figures.days, figures.gap_days, figures.short_days) == (3, 3, 1)


def test_one_day_period_sees_the_night_shift_of_the_day_before(world, duty):
    figures = duty_figures(community=world.community, start=D(2026, 3, 3), end=D(2026, 3, 3))
    assert figures.shifts == 2
    assert (figures.gap_days, figures.short_days) == (1, 0)  # 20:00–20:30 only: s2 covers 00:00–08:00
    assert (figures.absences, figures.fined, figures.fines) == (2, 1, Decimal("50.00"))  # a2 left on 03-02
    days = period_coverage(community=world.community, start=D(2026, 3, 3), end=D(2026, 3, 3))
    assert [str(gap) for gap in days[0].gaps] == ["20:00–20:30"]


def test_figures_over_communities(world, duty):
    figures = duty_figures(
        communities=Community.objects.filter(pk__in=[world.community.pk, world.other_community.pk]),
        start=D(2026, 3, 2),
        end=D(2026, 3, 2),
    )
    assert figures.shifts == 2  # s1, s2; the other community's roster is a draft
    assert (figures.absences, figures.fined, figures.fines) == (3, 2, Decimal("100.00"))  # a1, a2, other (3 h)


def test_empty_period(world, duty):
    figures = duty_figures(community=world.community, start=D(2026, 1, 1), end=D(2026, 1, 31))
    assert (figures.shifts, figures.shift_hours, figures.staff) == (0, Decimal("0"), [])
    assert (figures.absences, figures.absence_minutes, figures.fined, figures.fines) == (0, 0, 0, Decimal("0.00"))
    assert figures.fined_share is None
    assert (figures.days, figures.gap_days, figures.short_days) == (31, 31, 31)
