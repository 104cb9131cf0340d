"""The meeting figures on a small hand-counted year (definitions in ``committee.selectors.meetings``).

On top of the ``meetings`` fixture (2026-10-15 居民代表大会 closed: 7 expected, 4 attended, 居民代表 1 of 2; a
11-05 两委会 still 筹备) the year has:

* 03-12 党员议事会, 已召开 (杨 出席), not closed;
* 06-18 党员议事会, closed: 杨 出席, 王 请假 → 1 of 2;
* 08-20 社区协调会, closed, 接受群众评议和监督: 李 迟到, 赵 出席 → 2 of 2;
* and, in 2025, 12-20 居民代表大会 closed: 杨 出席, 刘代表 缺席 → 1 of 2.
"""

from __future__ import annotations

import datetime

import pytest

from committee.models.meetings import MeetingKind
from committee.selectors.meetings import (
    attendance_by_kind,
    format_rate,
    meeting_attendance,
    meeting_year,
    meetings_by_kind,
    party_councils_by_quarter,
    representative_assembly_figures,
    work_reports_and_reviews,
)
from committee.services.meetings import attendees_add, meeting_close
from tests.committee import meetings_fixtures
from tests.committee.meetings_fixtures import add_meeting, mark

pytestmark = pytest.mark.django_db

meetings = meetings_fixtures.meetings
D = datetime.date


def held(world, title, kind, day, attendees, statuses, *, close=True, persons=(), **fields):
    meeting = add_meeting(world.worker, None, title, kind, day, minutes="会议记录。", **fields)
    attendees_add(actor=world.worker, meeting=meeting, staff=attendees, persons=persons)
    mark(world.worker, meeting, statuses)
    return meeting_close(meeting, world.worker) if close else meeting


@pytest.fixture
def year(world, meetings):
    m = meetings
    held(
        world, "一季度党员议事会", MeetingKind.PARTY_COUNCIL, D(2026, 3, 12), [m.yang], {"杨建华": "出席"}, close=False
    )
    held(
        world, "二季度党员议事会", MeetingKind.PARTY_COUNCIL, D(2026, 6, 18), [m.yang, m.wang],
        {"杨建华": "出席", "王丽": "请假"},
    )  # fmt: skip
    held(
        world, "第三次社区协调会", MeetingKind.COORDINATION, D(2026, 8, 20), [m.li, m.zhao],
        {"李春梅": "迟到", "赵刚": "出席"}, is_public_review=True,
    )  # fmt: skip
    held(
        world, "2025年第四次居民代表大会", MeetingKind.REPRESENTATIVE_ASSEMBLY, D(2025, 12, 20), [m.yang],
        {"杨建华": "出席", "刘代表": "缺席"}, persons=[m.liu_rep], is_work_report=True,
    )  # fmt: skip
    return meetings


def test_attendance_of_one_meeting(year):
    figures = meeting_attendance(year.closed)
    assert (figures.expected, figures.present, figures.late, figures.early, figures.leave, figures.absent) == (
        7, 2, 1, 1, 2, 1,
    )  # fmt: skip
    assert (figures.attended, figures.exempt, figures.unmarked) == (4, 1, 0)
    assert figures.rate_display == "57.1%"
    assert meeting_attendance(year.open).rate_display == "0%"  # expected 3, nobody marked yet


def test_a_meeting_without_attendees_has_no_rate(world):
    meeting = add_meeting(world.worker, None, "听证会", MeetingKind.HEARING, D(2026, 9, 1))
    assert meeting_attendance(meeting).rate is None
    assert format_rate(None) == "—"


def test_meetings_held_per_kind_count_held_and_closed_not_prepared(world, year):
    counts = meetings_by_kind(community=world.community, year=2026)
    assert {kind: n for kind, n in counts.items() if n} == {
        MeetingKind.REPRESENTATIVE_ASSEMBLY: 1,
        MeetingKind.COORDINATION: 1,
        MeetingKind.PARTY_COUNCIL: 2,
    }
    assert counts[MeetingKind.TWO_COMMITTEES] == 0
    assert meetings_by_kind(community=world.other_community, year=2026)[MeetingKind.TWO_COMMITTEES] == 0


def test_attendance_per_kind_counts_closed_meetings(world, year):
    figures = attendance_by_kind(community=world.community, year=2026)
    assert {
        kind: (row.held, row.closed, row.expected, row.attended, row.rate_display) for kind, row in figures.items()
    } == {
        MeetingKind.REPRESENTATIVE_ASSEMBLY: (1, 1, 7, 4, "57.1%"),
        MeetingKind.PARTY_COUNCIL: (2, 1, 2, 1, "50%"),
        MeetingKind.COORDINATION: (1, 1, 2, 2, "100%"),
    }


def test_representative_assemblies_of_the_year(world, year):
    figures = representative_assembly_figures(community=world.community, year=2026)
    assert (figures.held, figures.closed, figures.expected, figures.attended) == (1, 1, 7, 4)
    assert (figures.representatives_expected, figures.representatives_attended) == (2, 1)
    assert figures.representatives_rate_display == "50%"
    last_year = representative_assembly_figures(community=world.community, year=2025)
    assert (last_year.held, last_year.rate_display, last_year.representatives_rate_display) == (1, "50%", "0%")
    assert representative_assembly_figures(community=world.community, year=2024).rate is None


def test_work_reports_reviews_and_party_councils_per_quarter(world, year):
    assert work_reports_and_reviews(community=world.community, year=2026) == (1, 1)
    assert work_reports_and_reviews(community=world.community, year=2025) == (1, 0)
    assert party_councils_by_quarter(community=world.community, year=2026) == {1: 1, 2: 1, 3: 0, 4: 0}


def test_the_year_at_once(world, year):
    figures = meeting_year(community=world.community, year=2026)
    assert (figures.held, figures.work_reports, figures.public_reviews, figures.party_council_quarters_met) == (
        4, 1, 1, 2,
    )  # fmt: skip
