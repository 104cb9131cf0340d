"""Fixtures of the staff area, written through the services and hand-counted for the selectors (read on
``AS_OF`` = 2026-11-20).

Staff of the home community (``world.community``)::

    key      name    position   full-time  education  certified  social work   joined      left
    head     王书记   两委成员     yes        本科        yes        flag          2020-01-01  —
    deputy   李副主任 两委成员     yes        大专        no         record 03-02  2020-01-01  —
    member   赵委员   两委成员     yes        高中/中专   no         record 12-05* 2020-01-01  —
    worker   钱社工   社区工作者   yes        大专        yes        flag          2020-01-01  —
    leader   孙组长   居民小组长   no         初中        no         —             2020-01-01  —     (寨子)
    cadre    周干部   小组干部     no         研究生      no         —             2020-01-01  —     (岔河)
    former   吴网格   社区工作者   yes        本科        no         —             2020-01-01  2026-06-30
    newcomer 郑新人   社区工作者   yes        本科        no         —             2026-12-01  —

    (* after AS_OF: not counted)

Serving on AS_OF: head, deputy, member, worker, leader, cadre = 6; full-time 4.
大专以上 4 (head, deputy, worker, cadre) → 4/6; among full-time 3/4. 持证上岗 2 → 2/6. 社会工作 full-time 3/4.

Training records (2026 unless said)::

    head    办公自动化和信息管理 04-13..04-17  5 天 (computed)  certificate BG-001
    worker  办公自动化和信息管理 04-13..04-17  5 天              no certificate
    worker  政治理论             09-22..09-24  2.5 天 (given)
    deputy  社会工作             03-02..03-04  3 天
    former  办公自动化和信息管理 04-13..04-17  5 天              (left: not counted on AS_OF)
    member  社会工作             12-05..12-06  2 天              (after AS_OF)
    cadre   其他                 2025-10-10..10-11 2 天          (2025)

The year up to AS_OF: 15.5 days, 3 trained (培训率 3/6), 5.2 days per trained, 2.6 per serving staff member;
办公自动化 trained 2 (2/6), certified 1 (1/6).

Posts: 党组织书记 head from 2021-01-01; 居委会主任 head from 2021-03-01; 居委会副主任 deputy 2021-03-01 to
2026-06-30; 居委会委员 member from 2024-03-01.

Elections: 居委会换届 第十届 2024-03-01, 500 voters, 480 cast (96%); 居民代表 2025-03-08, 300 / 300.

Work attendance: deputy 2026-11-05 无故不上班; worker 2026-11-06 请假; member 2026-10-30 无故不上班.
Working body: 治保会 with head (组长), worker (成员) and the outsider 陈民警 (成员).

The neighbouring community has 周邻居 (staff) with a training record, an attendance day, a body and an election.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from committee.models.staff import (
    AttendanceStatus,
    Body,
    CommitteePost,
    Election,
    ElectionKind,
    EmploymentKind,
    MemberRole,
    Position,
    Post,
    Staff,
    TrainingKind,
    TrainingRecord,
    WorkAttendance,
    WorkingBody,
    WorkingBodyKind,
    WorkingBodyMember,
)
from committee.services.staff import (
    attendance_save,
    committee_post_add,
    committee_post_end,
    election_save,
    staff_save,
    training_record_save,
    working_body_member_save,
    working_body_save,
)
from residents.choices import Education

D = datetime.date
AS_OF = D(2026, 11, 20)


def add_staff(actor, community, name, **fields) -> Staff:
    fields.setdefault("employment_kind", EmploymentKind.ELECTED)
    fields.setdefault("joined_on", D(2020, 1, 1))
    return staff_save(actor=actor, staff=Staff(community=community, name=name, **fields))


def add_training(actor, staff, kind, start, end, *, topic="培训", days=None, certificate="") -> TrainingRecord:
    record = TrainingRecord(
        staff=staff,
        kind=kind,
        topic=topic,
        start_on=start,
        end_on=end,
        days=days,
        certificate_obtained=bool(certificate),
        certificate_number=certificate,
    )
    return training_record_save(actor=actor, record=record)


def add_post(actor, staff, body, post, start, end=None) -> CommitteePost:
    term = committee_post_add(actor=actor, post=CommitteePost(staff=staff, body=body, post=post, start_on=start))
    return committee_post_end(actor=actor, post=term, end_on=end) if end else term


@dataclass
class StaffWorld:
    head: Staff
    deputy: Staff
    member: Staff
    worker: Staff
    leader: Staff
    cadre: Staff
    former: Staff
    newcomer: Staff
    other: Staff
    it_head: TrainingRecord
    it_worker: TrainingRecord
    political: TrainingRecord
    other_training: TrainingRecord
    secretary: CommitteePost
    director: CommitteePost
    deputy_director: CommitteePost
    committee_member: CommitteePost
    election: Election
    representatives_election: Election
    other_election: Election
    absent: WorkAttendance
    leave: WorkAttendance
    other_attendance: WorkAttendance
    body: WorkingBody
    body_member: WorkingBodyMember
    other_body: WorkingBody


@pytest.fixture
def staff_world(world) -> StaffWorld:
    actor, community = world.head, world.community
    ed = Education
    head = add_staff(actor, community, "王书记", user=world.head, position=Position.COMMITTEE, education=ed.BACHELOR,
                     certified=True, certificate_number="S2020001", social_work_trained=True)  # fmt: skip
    deputy = add_staff(actor, community, "李副主任", position=Position.COMMITTEE, education=ed.COLLEGE)
    member = add_staff(actor, community, "赵委员", position=Position.COMMITTEE, education=ed.SENIOR)
    worker = add_staff(actor, community, "钱社工", user=world.worker, position=Position.WORKER, education=ed.COLLEGE,
                       certified=True, certificate_number="S2021002", social_work_trained=True,
                       employment_kind=EmploymentKind.CONTRACTED)  # fmt: skip
    leader = add_staff(actor, community, "孙组长", position=Position.GROUP_LEADER, group=world.group_a,
                       full_time=False, education=ed.JUNIOR)  # fmt: skip
    cadre = add_staff(actor, community, "周干部", position=Position.GROUP_CADRE, group=world.group_b, full_time=False,
                      education=ed.POSTGRADUATE)  # fmt: skip
    former = add_staff(actor, community, "吴网格", position=Position.WORKER, education=ed.BACHELOR,
                       left_on=D(2026, 6, 30))  # fmt: skip
    newcomer = add_staff(actor, community, "郑新人", position=Position.WORKER, education=ed.BACHELOR,
                         joined_on=D(2026, 12, 1))  # fmt: skip
    other = add_staff(world.other_head, world.other_community, "周邻居", position=Position.WORKER,
                      user=world.other_worker, education=ed.COLLEGE)  # fmt: skip

    it = TrainingKind.OFFICE_IT
    it_head = add_training(actor, head, it, D(2026, 4, 13), D(2026, 4, 17), topic="办公软件", certificate="BG-001")
    it_worker = add_training(actor, worker, it, D(2026, 4, 13), D(2026, 4, 17), topic="办公软件")
    political = add_training(actor, worker, TrainingKind.POLITICAL, D(2026, 9, 22), D(2026, 9, 24), topic="理论",
                             days=Decimal("2.5"))  # fmt: skip
    add_training(actor, deputy, TrainingKind.SOCIAL_WORK, D(2026, 3, 2), D(2026, 3, 4), topic="社工实务")
    add_training(actor, former, it, D(2026, 4, 13), D(2026, 4, 17), topic="办公软件")
    add_training(actor, member, TrainingKind.SOCIAL_WORK, D(2026, 12, 5), D(2026, 12, 6), topic="社工实务")
    add_training(actor, cadre, TrainingKind.OTHER, D(2025, 10, 10), D(2025, 10, 11), topic="农技")
    other_training = add_training(world.other_head, other, it, D(2026, 4, 13), D(2026, 4, 14), topic="办公软件")

    secretary = add_post(actor, head, Body.PARTY, Post.SECRETARY, D(2021, 1, 1))
    director = add_post(actor, head, Body.RESIDENTS, Post.DIRECTOR, D(2021, 3, 1))
    deputy_director = add_post(actor, deputy, Body.RESIDENTS, Post.DEPUTY_DIRECTOR, D(2021, 3, 1), D(2026, 6, 30))
    committee_member = add_post(actor, member, Body.RESIDENTS, Post.MEMBER, D(2024, 3, 1))

    election = election_save(
        actor=actor,
        election=Election(community=community, kind=ElectionKind.COMMITTEE, term_label="第十届",
                          date=D(2024, 3, 1), registered_voters=500, votes_cast=480),
    )  # fmt: skip
    representatives_election = election_save(
        actor=actor,
        election=Election(community=community, kind=ElectionKind.REPRESENTATIVES, term_label="第十届",
                          date=D(2025, 3, 8), registered_voters=300, votes_cast=300),
    )  # fmt: skip
    other_election = election_save(
        actor=world.other_head,
        election=Election(community=world.other_community, kind=ElectionKind.COMMITTEE, term_label="第十届",
                          date=D(2024, 3, 5), registered_voters=200, votes_cast=150),
    )  # fmt: skip

    def attend(who, day, status, by=actor):
        return attendance_save(actor=by, attendance=WorkAttendance(staff=who, date=day, status=status))

    absent = attend(deputy, D(2026, 11, 5), AttendanceStatus.ABSENT)
    leave = attend(worker, D(2026, 11, 6), AttendanceStatus.LEAVE)
    attend(member, D(2026, 10, 30), AttendanceStatus.ABSENT)
    other_attendance = attend(other, D(2026, 11, 5), AttendanceStatus.ABSENT, by=world.other_head)

    body = working_body_save(
        actor=actor,
        body=WorkingBody(
            community=community, kind=WorkingBodyKind.SECURITY, name="治保会", established_on=D(2024, 3, 15)
        ),
    )
    body_member = working_body_member_save(
        actor=actor, member=WorkingBodyMember(body=body, staff=head, role=MemberRole.LEADER, start_on=D(2024, 3, 15))
    )
    working_body_member_save(actor=actor, member=WorkingBodyMember(body=body, staff=worker, start_on=D(2024, 3, 15)))
    working_body_member_save(
        actor=actor, member=WorkingBodyMember(body=body, name="陈民警", note="社区民警", start_on=D(2024, 3, 15))
    )
    other_body = working_body_save(
        actor=world.other_head,
        body=WorkingBody(community=world.other_community, kind=WorkingBodyKind.CEREMONY, name="红白理事会"),
    )
    return StaffWorld(
        head=head,
        deputy=deputy,
        member=member,
        worker=worker,
        leader=leader,
        cadre=cadre,
        former=former,
        newcomer=newcomer,
        other=other,
        it_head=it_head,
        it_worker=it_worker,
        political=political,
        other_training=other_training,
        secretary=secretary,
        director=director,
        deputy_director=deputy_director,
        committee_member=committee_member,
        election=election,
        representatives_election=representatives_election,
        other_election=other_election,
        absent=absent,
        leave=leave,
        other_attendance=other_attendance,
        body=body,
        body_member=body_member,
        other_body=other_body,
    )
