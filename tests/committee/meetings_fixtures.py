"""Fixtures of the meetings area, written through the services.

Staff of the home community (``world.community``), all serving since 2020-01-01, and their fine ranks:

  ======  ==============================  ====================  ===========
  杨建华   党组织书记 + 居委会主任 (posts)   account ``world.head``   LEADER
  李春梅   居委会副主任 (post)               —                       LEADER
  王丽     居委会委员 (post)                 account ``world.worker``  MEMBER
  赵刚     社区工作者 (no post)              account ``world.grid_worker``  MEMBER
  何明     居民小组长 (寨子)                 —                       GROUP_CADRE
  ======  ==============================  ====================  ===========

Residents: 张代表 and 刘代表 (居民代表 of 寨子 since 2024-01-01), 孙居民 (a plain resident). The neighbouring
community has one staff member, 周平 (account ``world.other_worker``).

Meetings:

* ``closed``: 2026-10-15 居民代表大会 (work report), attendees 杨, 李, 王, 赵, 何, 张代表, 刘代表 with
  杨 出席, 李 请假, 王 迟到, 赵 缺席 (特殊情况 recognised by the head: 住院), 何 早退, 张代表 请假, 刘代表 出席;
  minutes written, a decision, closed by the head → fines 李 M1 20, 王 M2 10, 赵 M3 100 (已豁免), 何 M6 50;
  attendance 4 of 7 (杨, 王, 何, 刘) → 57.1%; 居民代表 1 of 2;
* ``open``: 2026-11-05 两委会, 筹备, attendees 杨, 李, 王 (no status yet), a decision;
* ``other``: a 两委会 of the neighbouring community, 筹备, attendee 周平.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from committee.models.meetings import AttendanceMark, Meeting, MeetingAttendance, MeetingKind, Resolution
from committee.models.staff import (
    Body,
    CommitteePost,
    EmploymentKind,
    Position,
    Post,
    RepresentativeKind,
    ResidentRepresentative,
    Staff,
)
from committee.services.meetings import (
    Mark,
    attendance_record,
    attendees_add,
    meeting_close,
    meeting_save,
    resolution_save,
)
from committee.services.staff import committee_post_add, representative_save, staff_save
from tests.excel.helpers import register_person

D = datetime.date
SINCE = D(2020, 1, 1)


def add_staff(actor, community, name, *, user=None, position=Position.WORKER, group=None, posts=()) -> Staff:
    staff = staff_save(
        actor=actor,
        staff=Staff(
            community=community,
            name=name,
            user=user,
            position=position,
            group=group,
            employment_kind=EmploymentKind.ELECTED,
            joined_on=SINCE,
        ),
    )
    for body, post in posts:
        committee_post_add(actor=actor, post=CommitteePost(staff=staff, body=body, post=post, start_on=D(2021, 1, 1)))
    return staff


def add_meeting(actor, community, title, kind, day, **fields) -> Meeting:
    return meeting_save(actor=actor, meeting=Meeting(community=community, title=title, kind=kind, date=day, **fields))


def mark(actor, meeting, statuses: dict[str, str], exempt: dict[str, str] | None = None) -> None:
    """Give each attendee named in ``statuses`` that status label; ``exempt`` names → 特殊情况 reasons."""
    labels = {label: value for value, label in AttendanceMark.choices}
    exempt = exempt or {}
    marks = []
    for line in MeetingAttendance.objects.filter(meeting=meeting):
        if line.name not in statuses:
            continue
        reason = exempt.get(line.name)
        marks.append(
            Mark(
                attendance=line,
                status=labels[statuses[line.name]],
                exempt=True if reason else None,
                exempt_reason=reason,
            )
        )
    attendance_record(actor=actor, meeting=meeting, marks=marks)


@dataclass
class Meetings:
    yang: Staff
    li: Staff
    wang: Staff
    zhao: Staff
    he: Staff
    zhou: Staff
    zhang_rep: object
    liu_rep: object
    resident: object
    closed: Meeting
    open: Meeting
    other: Meeting
    closed_resolution: Resolution
    open_resolution: Resolution
    open_line: MeetingAttendance  # 王丽 on the open meeting
    closed_line: MeetingAttendance  # 李春梅 on the closed meeting


@pytest.fixture
def meetings(world) -> Meetings:
    head, community = world.head, world.community
    yang = add_staff(
        head, community, "杨建华", user=head, position=Position.OTHER,
        posts=[(Body.PARTY, Post.SECRETARY), (Body.RESIDENTS, Post.DIRECTOR)],
    )  # fmt: skip
    li = add_staff(head, community, "李春梅", position=Position.OTHER, posts=[(Body.RESIDENTS, Post.DEPUTY_DIRECTOR)])
    wang = add_staff(
        head, community, "王丽", user=world.worker, position=Position.OTHER, posts=[(Body.RESIDENTS, Post.MEMBER)]
    )
    zhao = add_staff(head, community, "赵刚", user=world.grid_worker)
    he = add_staff(head, community, "何明", position=Position.GROUP_LEADER, group=world.group_a)
    zhou = add_staff(world.other_head, world.other_community, "周平", user=world.other_worker)

    zhang_rep = register_person(head, community=community, name="张代表", group=world.group_a)
    liu_rep = register_person(head, community=community, name="刘代表", group=world.group_a, male=False)
    resident = register_person(head, community=community, name="孙居民", group=world.group_b)
    for person in (zhang_rep, liu_rep):
        representative_save(
            actor=head,
            representative=ResidentRepresentative(
                person=person, kind=RepresentativeKind.REPRESENTATIVE, start_on=D(2024, 1, 1)
            ),
        )

    closed = add_meeting(
        world.worker, community, "2026年第四次居民代表大会", MeetingKind.REPRESENTATIVE_ASSEMBLY, D(2026, 10, 15),
        venue="社区会议室", chair=yang, agenda="一、居委会工作报告\n二、审议村内道路硬化方案", is_work_report=True,
    )  # fmt: skip
    attendees_add(actor=world.worker, meeting=closed, staff=[yang, li, wang, zhao, he])
    attendees_add(actor=world.worker, meeting=closed, persons=[zhang_rep, liu_rep])
    mark(
        world.worker,
        closed,
        {
            "杨建华": "出席",
            "李春梅": "请假",
            "王丽": "迟到",
            "赵刚": "缺席",
            "何明": "早退",
            "张代表": "请假",
            "刘代表": "出席",
        },
    )
    mark(head, closed, {"赵刚": "缺席"}, exempt={"赵刚": "住院治疗(特殊情况)"})
    closed_resolution = resolution_save(
        actor=world.worker,
        resolution=Resolution(meeting=closed, text="同意寨子组道路硬化方案,年底前完工。", responsible=li),
    )
    closed.minutes = "听取居委会工作报告;审议通过寨子组道路硬化方案。"
    closed = meeting_save(actor=world.worker, meeting=closed)
    closed = meeting_close(closed, head)

    open_meeting = add_meeting(world.worker, community, "2026年11月两委会", MeetingKind.TWO_COMMITTEES, D(2026, 11, 5))
    attendees_add(actor=world.worker, meeting=open_meeting, staff=[yang, li, wang])
    open_resolution = resolution_save(
        actor=world.worker, resolution=Resolution(meeting=open_meeting, text="做好冬季防火安全检查。", responsible=wang)
    )
    other = add_meeting(
        world.other_head, world.other_community, "朵亩两委会", MeetingKind.TWO_COMMITTEES, D(2026, 11, 6)
    )
    attendees_add(actor=world.other_head, meeting=other, staff=[zhou])
    return Meetings(
        yang=yang,
        li=li,
        wang=wang,
        zhao=zhao,
        he=he,
        zhou=zhou,
        zhang_rep=zhang_rep,
        liu_rep=liu_rep,
        resident=resident,
        closed=closed,
        open=open_meeting,
        other=other,
        closed_resolution=closed_resolution,
        open_resolution=open_resolution,
        open_line=MeetingAttendance.objects.get(meeting=open_meeting, staff=wang),
        closed_line=MeetingAttendance.objects.get(meeting=closed, staff=li),
    )
