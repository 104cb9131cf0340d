"""The ledger's figures on the ``meetings`` fixture (October 2026: 李 M1 20, 王 M2 10, 赵 M3 100 exempted, 何 M6
50) plus a June 党员议事会 where 王 was 请假 (M1 20), a day of 无故不上班 of 李 in November (A1 100) and 王's October
fine paid."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from committee.models.fines import FineRecord
from committee.models.meetings import MeetingKind
from committee.models.staff import AttendanceStatus, WorkAttendance
from committee.selectors.fines import fine_statement, fines_by_person_month, fines_by_rule
from committee.services.fines import finerecord_mark_paid
from committee.services.meetings import attendees_add, meeting_close
from committee.services.staff import attendance_save
from tests.committee import meetings_fixtures
from tests.committee.meetings_fixtures import add_meeting, mark

pytestmark = pytest.mark.django_db

meetings = meetings_fixtures.meetings
D = datetime.date


@pytest.fixture
def fined(world, meetings):
    council = add_meeting(
        world.worker, None, "二季度党员议事会", MeetingKind.PARTY_COUNCIL, D(2026, 6, 18), minutes="学习。"
    )
    attendees_add(actor=world.worker, meeting=council, staff=[meetings.yang, meetings.wang])
    mark(world.worker, council, {"杨建华": "出席", "王丽": "请假"})
    meeting_close(council, world.worker)
    attendance_save(
        actor=world.head,
        attendance=WorkAttendance(staff=meetings.li, date=D(2026, 11, 10), status=AttendanceStatus.ABSENT),
    )
    october_wang = FineRecord.objects.get(staff=meetings.wang, date=D(2026, 10, 15))
    finerecord_mark_paid(actor=world.head, record=october_wang, paid_on=D(2026, 10, 20))
    return meetings


def test_the_monthly_statement_per_person(world, fined):
    statement = fine_statement(community=world.community, month=D(2026, 10, 1))
    rows = {line.staff.name: (line.count, line.due, line.paid, line.unpaid, line.exempted) for line in statement.lines}
    assert rows == {
        "何明": (1, Decimal("50.00"), Decimal("0.00"), Decimal("50.00"), Decimal("0.00")),
        "李春梅": (1, Decimal("20.00"), Decimal("0.00"), Decimal("20.00"), Decimal("0.00")),
        "杨建华": (0, Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
        "王丽": (1, Decimal("10.00"), Decimal("10.00"), Decimal("0.00"), Decimal("0.00")),
        "赵刚": (1, Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), Decimal("100.00")),
    }
    assert (statement.count, statement.due, statement.paid, statement.unpaid, statement.exempted) == (
        4, Decimal("80.00"), Decimal("10.00"), Decimal("70.00"), Decimal("100.00"),
    )  # fmt: skip
    assert statement.by_staff() == {
        "何明": Decimal("50.00"),
        "李春梅": Decimal("20.00"),
        "王丽": Decimal("10.00"),
        "赵刚": Decimal("0.00"),
    }


def test_one_persons_statement(world, fined):
    statement = fine_statement(community=world.community, month=D(2026, 11, 1), staff=fined.li)
    [line] = statement.lines
    assert (line.staff, line.due, [r.rule.code for r in line.shown_records]) == (fined.li, Decimal("100.00"), ["A1"])


def test_a_statement_leaves_out_another_community_and_people_who_left(world, fined):
    fined.he.left_on = D(2026, 9, 30)
    fined.he.save()
    names = [line.staff.name for line in fine_statement(community=world.community, month=D(2026, 11, 1)).lines]
    assert sorted(names) == sorted(["李春梅", "杨建华", "王丽", "赵刚"])
    # 何明 left in September but had an October fine: he is on October's statement
    october = [line.staff.name for line in fine_statement(community=world.community, month=D(2026, 10, 1)).lines]
    assert "何明" in october
    assert "周平" not in october


def test_fines_by_person_and_month(world, fined):
    assert fines_by_person_month(community=world.community, year=2026) == {
        (fined.wang.pk, 6): Decimal("20.00"),
        (fined.li.pk, 10): Decimal("20.00"),
        (fined.wang.pk, 10): Decimal("10.00"),
        (fined.he.pk, 10): Decimal("50.00"),
        (fined.li.pk, 11): Decimal("100.00"),
    }
    assert fines_by_person_month(community=world.other_community, year=2026) == {}


def test_fines_by_rule(world, fined):
    rows = [(row.code, row.count, row.amount) for row in fines_by_rule(community=world.community, year=2026)]
    assert rows == [
        ("A1", 1, Decimal("100.00")),
        ("M1", 2, Decimal("40.00")),
        ("M2", 1, Decimal("10.00")),
        ("M6", 1, Decimal("50.00")),
    ]
