"""The demo of the duty area on the world's users (shuji, gongzuo, wangge, zhibao, shenji): the November rosters
of 箐口, their one gap, the handovers and the two absences; a second run changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from services.demo import duty as duty_demo
from services.models.duty import DutyAbsence, DutyHandover, DutyRoster, DutyShift, RosterStatus
from services.selectors.duty import roster_coverage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(world):
    data = {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}
    duty_demo.seed(data)
    return data


def test_qingkou_has_four_weekly_rosters_with_one_gap(world, demo):
    rosters = list(DutyRoster.objects.filter(community=world.community).order_by("start_on"))
    assert [roster.title for roster in rosters] == [f"2026年11月第{n}周值班表" for n in range(1, 5)]
    assert [roster.status for roster in rosters] == [RosterStatus.PUBLISHED] * 3 + [RosterStatus.DRAFT]
    assert all(roster.prepared_by == world.head for roster in rosters)
    assert rosters[0].published_at.date() == datetime.date(2026, 10, 30)
    gaps = {
        day.day: [str(gap) for gap in day.gaps] for roster in rosters for day in roster_coverage(roster) if day.gaps
    }
    assert gaps == {datetime.date(2026, 11, 12): ["08:00–08:30"]}
    assert not any(day.short for roster in rosters for day in roster_coverage(roster))
    assert all(shift.leader_id for shift in DutyShift.objects.filter(community=world.community))


def test_handovers_and_two_absences(world, demo):
    assert DutyHandover.objects.filter(community=world.community).count() == 4
    absences = DutyAbsence.objects.filter(community=world.community).order_by("left_at")
    assert [(a.excused, a.duration_minutes, a.fine_amount) for a in absences] == [
        (True, 60, Decimal("0.00")),
        (False, 90, Decimal("50.00")),
    ]


def test_duomu_gets_a_draft_week_short_of_cadres(world, demo):
    roster = DutyRoster.objects.get(community=world.other_community)
    assert roster.status == RosterStatus.DRAFT
    assert all(day.short for day in roster_coverage(roster))


def test_seeding_twice_changes_nothing(world, demo):
    counts = (DutyRoster.objects.count(), DutyShift.objects.count(), DutyAbsence.objects.count())
    duty_demo.seed(demo)
    assert (DutyRoster.objects.count(), DutyShift.objects.count(), DutyAbsence.objects.count()) == counts
