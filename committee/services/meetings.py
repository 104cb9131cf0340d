"""Write workflows of the meetings (会议): preparing a meeting and its expected attendees, recording the
attendance, the decisions, and closing.

A meeting is 筹备 when registered; recording the first attendance status makes it 已召开; ``meeting_close``
makes it 已结束 once it has minutes and every expected attendee has a status, then derives the fines of the
attendees who are staff (``committee.services.fines.fines_sync_meeting``). A closed meeting is locked: every
write below refuses it with ``LOCKED`` — its fields, its attendees, their statuses and its decisions — except
the follow-up of a decision (``resolution_follow_up``: how its implementation goes, which is not the decision).

Only 书记/主任 (``committee.exempt_finerecord``) recognise a 特殊情况 on an attendance line, and never for
themselves: it is the exemption of the fine the line would draw.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from committee.models.meetings import (
    EXEMPTABLE_MARKS,
    AttendanceMark,
    AttendeeCapacity,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
    Resolution,
    ResolutionStatus,
)
from committee.models.staff import RepresentativeKind, ResidentRepresentative, Staff
from committee.services.fines import EXEMPT_PERMISSION, fines_sync_meeting
from governance.models import User
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save

LOCKED = "会议已结束,会议记录、出勤和决议已锁定,不能再修改。"


def ensure_open(meeting: Meeting) -> None:
    """Refuse any change to a closed meeting (its status read from the database, not from the form)."""
    status = Meeting.objects.filter(pk=meeting.pk).values_list("status", flat=True).first()
    if status == MeetingStatus.CLOSED:
        raise ValidationError(LOCKED)


#
# The meeting
#


@transaction.atomic
def meeting_save(*, actor: User, meeting: Meeting) -> Meeting:
    """Register a meeting (筹备, recorded by the actor, of the actor's community) or edit an open one: its
    kind, date, agenda, minutes, flags."""
    if meeting._state.adding:
        if meeting.community_id is None:
            meeting.community = actor_community(actor)
            if meeting.community is None:
                raise ValidationError({"community": "请选择社区。"})
        meeting.status = MeetingStatus.PREPARING
        meeting.recorded_by = actor
        return register_save(actor=actor, instance=meeting, reason="登记会议")
    ensure_visible_to(meeting, actor)
    ensure_open(meeting)
    meeting.status = Meeting.objects.values_list("status", flat=True).get(pk=meeting.pk)
    return register_save(actor=actor, instance=meeting)


@transaction.atomic
def meeting_close(meeting: Meeting, actor: User) -> Meeting:
    """已结束: needs the minutes and a status for every expected attendee; locks the meeting, its attendance
    and decisions, and computes the fines of the attendees who are staff."""
    ensure_visible_to(meeting, actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError("会议已经结束。")
    errors = []
    if not meeting.minutes.strip():
        errors.append("请先填写会议记录。")
    lines = list(meeting.attendance.all())
    if not lines:
        errors.append("请先添加应到人员并登记出勤。")
    unmarked = [line.name for line in lines if not line.status]
    if unmarked:
        shown = "、".join(unmarked[:10]) + ("等" if len(unmarked) > 10 else "")
        errors.append(f"还有{len(unmarked)}名应到人员未登记出勤情况:{shown}。")
    if errors:
        raise ValidationError(errors)
    meeting.status = MeetingStatus.CLOSED
    meeting.closed_at = timezone.now()
    meeting.closed_by = actor
    register_save(actor=actor, instance=meeting, reason="结束会议,锁定会议记录和出勤")
    fines_sync_meeting(meeting, actor=actor)
    return meeting


#
# Expected attendees (应到人员)
#


def _staff_of_person(meeting: Meeting, person) -> Staff | None:
    return (
        Staff.objects.filter(community=meeting.community_id, person=person)
        .serving_on(meeting.date)
        .order_by("pk")
        .first()
    )


def _capacity_of_person(meeting: Meeting, person) -> str:
    representative = (
        ResidentRepresentative.objects.filter(
            community=meeting.community_id, person=person, kind=RepresentativeKind.REPRESENTATIVE
        )
        .active_on(meeting.date)
        .exists()
    )
    return AttendeeCapacity.REPRESENTATIVE if representative else AttendeeCapacity.RESIDENT


@transaction.atomic
def attendees_add(
    *,
    actor: User,
    meeting: Meeting,
    staff: Iterable[Staff] = (),
    persons: Iterable = (),
    names: Iterable[str] = (),
    capacity: str | None = None,
) -> list[MeetingAttendance]:
    """Add expected attendees to an open meeting: staff of the committee, persons of the register (a person who
    is serving staff is added as that staff member; the capacity is 居民代表 for a representative in office on
    the meeting day, else 居民, unless ``capacity`` says otherwise) or plain names (列席人员 by default).
    Someone already expected is skipped. Returns the lines added."""
    ensure_visible_to(meeting, actor)
    ensure_open(meeting)
    present = list(meeting.attendance.values_list("staff_id", "person_id"))
    staff_ids = {staff_id for staff_id, _ in present if staff_id}
    person_ids = {person_id for _, person_id in present if person_id}
    added: list[MeetingAttendance] = []

    def add(line: MeetingAttendance) -> None:
        line.meeting = meeting
        line.community_id = meeting.community_id
        added.append(line)

    for member in staff:
        if member.community_id != meeting.community_id:
            raise ValidationError({"staff": f"{member.name}不是本社区的工作人员。"})
        if member.pk in staff_ids or (member.person_id and member.person_id in person_ids):
            continue
        staff_ids.add(member.pk)
        if member.person_id:
            person_ids.add(member.person_id)
        add(
            MeetingAttendance(
                staff=member, person_id=member.person_id, name=member.name, capacity=capacity or AttendeeCapacity.STAFF
            )
        )
    for person in persons:
        if person.community_id != meeting.community_id:
            raise ValidationError({"person": f"{person.name}不是本社区在册人员。"})
        if person.pk in person_ids:
            continue
        member = _staff_of_person(meeting, person)
        if member is not None and member.pk in staff_ids:
            continue
        person_ids.add(person.pk)
        if member is not None:
            staff_ids.add(member.pk)
        add(
            MeetingAttendance(
                staff=member,
                person=person,
                name=person.name,
                capacity=capacity or _capacity_of_person(meeting, person),
            )
        )
    for name in names:
        name = name.strip()
        if len(name) > MeetingAttendance._meta.get_field("name").max_length:
            raise ValidationError({"names": f"姓名「{name[:20]}…」过长。"})
        if name:
            add(MeetingAttendance(name=name, capacity=capacity or AttendeeCapacity.GUEST))
    if capacity is not None and capacity not in AttendeeCapacity.values:
        raise ValidationError({"capacity": "请选择身份。"})
    # Checked above row by row (community, once per meeting, the name); written at once with their history.
    return bulk_create_with_history(added, MeetingAttendance, default_user=actor, default_change_reason="添加应到人员")


@transaction.atomic
def attendees_add_representatives(*, actor: User, meeting: Meeting) -> list[MeetingAttendance]:
    """Add every 居民代表 in office on the meeting day (the staff area's ``ResidentRepresentative``)."""
    representatives = (
        ResidentRepresentative.objects.filter(community=meeting.community_id, kind=RepresentativeKind.REPRESENTATIVE)
        .active_on(meeting.date)
        .select_related("person")
        .order_by("group__order", "person__name")
    )
    return attendees_add(
        actor=actor,
        meeting=meeting,
        persons=[representative.person for representative in representatives],
        capacity=AttendeeCapacity.REPRESENTATIVE,
    )


@transaction.atomic
def attendee_remove(*, actor: User, attendance: MeetingAttendance) -> Meeting:
    """Take someone off the expected attendees of an open meeting (a line added by mistake)."""
    ensure_visible_to(attendance, actor)
    meeting = attendance.meeting
    ensure_open(meeting)
    attendance._history_user = actor
    attendance._change_reason = "移出应到人员"
    attendance.delete()
    return meeting


#
# Attendance (出勤)
#


@dataclass
class Mark:
    """The status to record for one expected attendee; ``exempt``/``exempt_reason`` None = leave as is."""

    attendance: MeetingAttendance
    status: str
    note: str | None = None
    exempt: bool | None = None
    exempt_reason: str | None = None


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, marks: Iterable[Mark]) -> int:
    """Record the attendees' statuses (出席/请假/迟到/缺席/早退) of an open meeting; the meeting becomes 已召开.
    A 特殊情况 is recognised (or withdrawn) by 书记/主任 only, never on their own line; a line marked 出席 loses
    its 特殊情况. Returns the number of lines changed."""
    ensure_visible_to(meeting, actor)
    ensure_open(meeting)
    may_exempt = actor.has_perm(EXEMPT_PERMISSION)
    changed: list[MeetingAttendance] = []
    errors = []
    for mark in marks:
        line = mark.attendance
        if line.meeting_id != meeting.pk:
            raise ValidationError("出勤记录不属于该会议。")
        before = (line.status, line.note, line.exempt, line.exempt_reason)
        status = mark.status or ""
        if status and status not in AttendanceMark.values:
            raise ValidationError(f"{line.name}:出勤情况无效。")
        explicit = mark.exempt is not None or mark.exempt_reason is not None
        exempt = mark.exempt if mark.exempt is not None else (line.exempt and status == line.status)
        reason = (mark.exempt_reason if mark.exempt_reason is not None else line.exempt_reason).strip()
        if status not in EXEMPTABLE_MARKS or not exempt:
            exempt, reason = False, ""
        if (exempt, reason) != (line.exempt, line.exempt_reason):
            if exempt or explicit:
                if not may_exempt:
                    raise PermissionDenied("只有书记/主任可以认定特殊情况。")
                if exempt and line.staff_id and line.staff.user_id == actor.pk:
                    errors.append(f"{line.name}:不能为本人认定特殊情况。")
                    continue
            if exempt and not reason:
                errors.append(f"{line.name}:认定特殊情况须填写说明。")
                continue
            line.exempt_approved_by = actor if exempt else None
        line.status, line.exempt, line.exempt_reason = status, exempt, reason
        if mark.note is not None:
            line.note = mark.note.strip()[:200]
        if len(line.exempt_reason) > 200:
            errors.append(f"{line.name}:特殊情况说明最多200字。")
            continue
        if (line.status, line.note, line.exempt, line.exempt_reason) != before:
            changed.append(line)
    if errors:
        raise ValidationError(errors)
    # Each line was checked above (status, 特殊情况 and who recognised it); written at once with their history.
    bulk_update_with_history(
        changed,
        MeetingAttendance,
        ["status", "note", "exempt", "exempt_reason", "exempt_approved_by"],
        default_user=actor,
        default_change_reason="登记出勤",
    )
    if changed and meeting.status == MeetingStatus.PREPARING:
        meeting.status = MeetingStatus.HELD
        register_save(actor=actor, instance=meeting, reason="会议已召开")
    return len(changed)


def marks_from(lines: Iterable[MeetingAttendance], statuses: dict[str, list[str]]) -> list[Mark]:
    """Marks giving each named status to the lines of those names (for demos and tests): {"请假": [...]}."""
    by_label = {label: value for value, label in AttendanceMark.choices}
    wanted = {name: by_label[label] for label, names in statuses.items() for name in names}
    return [Mark(attendance=line, status=wanted.get(line.name, AttendanceMark.PRESENT)) for line in lines]


#
# Decisions (决议)
#


@transaction.atomic
def resolution_save(*, actor: User, resolution: Resolution) -> Resolution:
    """Add or edit a decision of an open meeting."""
    if resolution.meeting_id is None:
        raise ValidationError({"meeting": "请选择会议。"})
    ensure_visible_to(resolution.meeting, actor)
    ensure_open(resolution.meeting)
    resolution.community_id = resolution.meeting.community_id
    return register_save(actor=actor, instance=resolution, reason="" if resolution.pk else "记录决议")


@transaction.atomic
def resolution_follow_up(
    *,
    actor: User,
    resolution: Resolution,
    status: str,
    done_on: datetime.date | None = None,
    follow_up: str = "",
) -> Resolution:
    """Record how a decision is being implemented (落实情况), also after the meeting is closed: the decision's
    text, responsible and time limit stay locked."""
    ensure_visible_to(resolution, actor)
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if status not in ResolutionStatus.values:
        raise ValidationError({"status": "请选择落实情况。"})
    resolution.status = status
    resolution.done_on = done_on if status == ResolutionStatus.DONE else None
    resolution.follow_up = follow_up
    return register_save(actor=actor, instance=resolution, reason="跟进落实")
