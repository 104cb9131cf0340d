"""Fixtures of the duty area: a three-day roster of the home community of the ``world`` (2026-03-02 to 03-04),
published, with five shifts and four absences, hand-counted below; a draft roster; a roster of the
neighbouring community.

Shifts (带班领导 in brackets)::

    s1 03-02 08:00–20:00  worker, grid_worker  [head]   12 h
    s2 03-02 20:00–次日08:00 worker             [head]   12 h  (crosses midnight)
    s3 03-03 08:00–20:00  grid_worker          [head]   12 h  (leader not among the staff)
    s4 03-03 20:30–次日08:00 worker             [head]   11.5 h → gap 03-03 20:00–20:30
    s5 03-04 08:00–18:00  worker               [worker] 10 h  → gap 03-04 18:00–24:00, 1 cadre

03-02 00:00–08:00 is a gap too (no shift the day before). Absences::

    a1 s1 worker      10:00–11:30          unexcused 90 min → 50元
    a2 s2 worker      23:00–次日00:30       excused   90 min → 0
    a3 s3 grid_worker 09:00–09:59          unexcused 59 min → 0
    a4 s3 head        14:00–15:00          unexcused 60 min → 50元 (exactly one hour)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from services.models.duty import DutyAbsence, DutyHandover, DutyRoster, DutyShift
from services.services.duty import absence_save, handover_add, roster_publish, roster_save, shift_save

TZ = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def add_shift(actor, roster, day, start, end, staff, leader, **fields) -> DutyShift:
    shift = DutyShift(roster=roster, date=day, start=t(start), end=t(end), leader=leader, **fields)
    return shift_save(actor=actor, shift=shift, staff=staff)


def add_absence(actor, shift, staff, left_at, returned_at, *, excused=False, reason="") -> DutyAbsence:
    absence = DutyAbsence(
        shift=shift, staff=staff, left_at=left_at, returned_at=returned_at, excused=excused, reason=reason
    )
    return absence_save(actor=actor, absence=absence)


@dataclass
class Duty:
    roster: DutyRoster
    s1: DutyShift
    s2: DutyShift
    s3: DutyShift
    s4: DutyShift
    s5: DutyShift
    a1: DutyAbsence
    a2: DutyAbsence
    a3: DutyAbsence
    a4: DutyAbsence
    handover: DutyHandover
    draft: DutyRoster  # 2026-03-09 to 03-15, one shift, not published
    other_roster: DutyRoster
    other_shift: DutyShift
    other_absence: DutyAbsence


@pytest.fixture
def duty(world) -> Duty:
    worker, head, grid = world.worker, world.head, world.grid_worker
    d = datetime.date
    roster = roster_save(
        actor=worker,
        roster=DutyRoster(title="2026年3月第1周值班表", start_on=d(2026, 3, 2), end_on=d(2026, 3, 4)),
    )
    s1 = add_shift(worker, roster, d(2026, 3, 2), "08:00", "20:00", [worker, grid], head)
    s2 = add_shift(worker, roster, d(2026, 3, 2), "20:00", "08:00", [worker], head, location="duty_room")
    s3 = add_shift(worker, roster, d(2026, 3, 3), "08:00", "20:00", [grid], head)
    s4 = add_shift(worker, roster, d(2026, 3, 3), "20:30", "08:00", [worker], head, location="duty_room")
    s5 = add_shift(worker, roster, d(2026, 3, 4), "08:00", "18:00", [worker], worker)
    roster = roster_publish(actor=head, roster=roster)
    a1 = add_absence(worker, s1, worker, at(2026, 3, 2, 10), at(2026, 3, 2, 11, 30))
    a2 = add_absence(
        worker, s2, worker, at(2026, 3, 2, 23), at(2026, 3, 3, 0, 30), excused=True, reason="家中老人突发疾病送医。"
    )
    a3 = add_absence(worker, s3, grid, at(2026, 3, 3, 9), at(2026, 3, 3, 9, 59))
    a4 = add_absence(worker, s3, head, at(2026, 3, 3, 14), at(2026, 3, 3, 15))
    handover = handover_add(
        actor=worker,
        handover=DutyHandover(
            shift=s1, at=at(2026, 3, 2, 20), content="接待来访群众3人,均已答复。", open_issues="明早回复李家漏水投诉。"
        ),
    )
    draft = roster_save(
        actor=worker, roster=DutyRoster(title="2026年3月第2周值班表", start_on=d(2026, 3, 9), end_on=d(2026, 3, 15))
    )
    add_shift(worker, draft, d(2026, 3, 9), "08:00", "20:00", [worker, grid], head)
    other_roster = roster_save(
        actor=world.other_head,
        roster=DutyRoster(title="邻社区值班表", start_on=d(2026, 3, 2), end_on=d(2026, 3, 8)),
    )
    other_shift = add_shift(
        world.other_head, other_roster, d(2026, 3, 2), "08:00", "08:00", [world.other_worker], world.other_head
    )
    other_absence = add_absence(
        world.other_head, other_shift, world.other_worker, at(2026, 3, 2, 9), at(2026, 3, 2, 12)
    )
    return Duty(roster, s1, s2, s3, s4, s5, a1, a2, a3, a4, handover, draft, other_roster, other_shift, other_absence)
