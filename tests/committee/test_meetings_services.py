"""Services of the meetings: registering, expected attendees, attendance with 特殊情况, closing and the lock, the
decisions and their follow-up."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from committee.models.fines import FineRecord
from committee.models.meetings import (
    AttendanceMark,
    AttendeeCapacity,
    Meeting,
    MeetingAttendance,
    MeetingKind,
    MeetingStatus,
    Resolution,
    ResolutionStatus,
)
from committee.services.meetings import (
    LOCKED,
    Mark,
    attendance_record,
    attendee_remove,
    attendees_add,
    attendees_add_representatives,
    meeting_close,
    meeting_save,
    resolution_follow_up,
    resolution_save,
)
from tests.committee import meetings_fixtures
from tests.committee.meetings_fixtures import add_meeting, mark

pytestmark = pytest.mark.django_db

meetings = meetings_fixtures.meetings
D = datetime.date


def test_a_new_meeting_is_prepared_in_the_actors_community(world):
    meeting = add_meeting(world.worker, None, "2026年第一次社区协调会", MeetingKind.COORDINATION, D(2026, 2, 10))
    assert (meeting.community, meeting.status, meeting.recorded_by) == (
        world.community,
        MeetingStatus.PREPARING,
        world.worker,
    )
    assert meeting.history.get().history_user == world.worker


def test_a_convenor_of_another_community_is_refused(world, meetings):
    meeting = Meeting(title="两委会", kind=MeetingKind.TWO_COMMITTEES, date=D(2026, 12, 3), convenor=meetings.zhou)
    with pytest.raises(ValidationError) as error:
        meeting_save(actor=world.worker, meeting=meeting)
    assert error.value.message_dict["convenor"] == ["必须是本社区的工作人员。"]


def test_attendees_are_staff_persons_or_names_each_once(world, meetings):
    meeting = add_meeting(world.worker, None, "居民会议", MeetingKind.RESIDENTS_MEETING, D(2026, 11, 20))
    added = attendees_add(actor=world.worker, meeting=meeting, staff=[meetings.yang, meetings.he])
    added += attendees_add(
        actor=world.worker, meeting=meeting, persons=[meetings.zhang_rep, meetings.resident], names=["街道驻村干部 陈"]
    )
    added += attendees_add(actor=world.worker, meeting=meeting, staff=[meetings.yang], persons=[meetings.zhang_rep])
    assert [(line.name, line.capacity, line.staff_id is not None) for line in added] == [
        ("杨建华", AttendeeCapacity.STAFF, True),
        ("何明", AttendeeCapacity.STAFF, True),
        ("张代表", AttendeeCapacity.REPRESENTATIVE, False),
        ("孙居民", AttendeeCapacity.RESIDENT, False),
        ("街道驻村干部 陈", AttendeeCapacity.GUEST, False),
    ]
    assert meeting.attendance.count() == 5
    assert all(line.community == world.community for line in added)


def test_a_person_who_is_staff_is_added_as_that_staff_member(world, meetings):
    meetings.wang.person = meetings.resident
    meetings.wang.save()
    meeting = add_meeting(world.worker, None, "居民会议", MeetingKind.RESIDENTS_MEETING, D(2026, 11, 20))
    [line] = attendees_add(actor=world.worker, meeting=meeting, persons=[meetings.resident])
    assert (line.staff, line.capacity) == (meetings.wang, AttendeeCapacity.RESIDENT)
    assert attendees_add(actor=world.worker, meeting=meeting, staff=[meetings.wang]) == []


def test_staff_of_another_community_cannot_be_expected(world, meetings):
    with pytest.raises(ValidationError) as error:
        attendees_add(actor=world.worker, meeting=meetings.open, staff=[meetings.zhou])
    assert error.value.message_dict["staff"] == ["周平不是本社区的工作人员。"]


def test_every_representative_in_office_is_added(world, meetings):
    meeting = add_meeting(world.worker, None, "居民代表大会", MeetingKind.REPRESENTATIVE_ASSEMBLY, D(2026, 12, 10))
    added = attendees_add_representatives(actor=world.worker, meeting=meeting)
    assert sorted(line.name for line in added) == ["刘代表", "张代表"]
    assert {line.capacity for line in added} == {AttendeeCapacity.REPRESENTATIVE}
    assert attendees_add_representatives(actor=world.worker, meeting=meeting) == []


def test_recording_attendance_holds_the_meeting(world, meetings):
    mark(world.worker, meetings.open, {"杨建华": "出席", "李春梅": "请假"})
    meeting = Meeting.objects.get(pk=meetings.open.pk)
    assert meeting.status == MeetingStatus.HELD
    statuses = dict(meeting.attendance.values_list("name", "status"))
    assert statuses == {"杨建华": "present", "李春梅": "leave", "王丽": ""}


def test_only_a_head_recognises_a_special_case(world, meetings):
    with pytest.raises(PermissionDenied, match="只有书记/主任可以认定特殊情况"):
        mark(world.worker, meetings.open, {"李春梅": "请假"}, exempt={"李春梅": "母亲住院"})
    mark(world.head, meetings.open, {"李春梅": "请假"}, exempt={"李春梅": "母亲住院"})
    line = MeetingAttendance.objects.get(meeting=meetings.open, name="李春梅")
    assert (line.exempt, line.exempt_reason, line.exempt_approved_by) == (True, "母亲住院", world.head)


def test_a_head_cannot_recognise_their_own_special_case(world, meetings):
    with pytest.raises(ValidationError, match="杨建华:不能为本人认定特殊情况。"):
        mark(world.head, meetings.open, {"杨建华": "请假"}, exempt={"杨建华": "开会"})
    assert not MeetingAttendance.objects.get(meeting=meetings.open, name="杨建华").exempt


def test_a_special_case_needs_a_reason_and_an_excusable_status(world, meetings):
    line = meetings.open_line
    with pytest.raises(ValidationError, match="认定特殊情况须填写说明"):
        attendance_record(
            actor=world.head,
            meeting=meetings.open,
            marks=[Mark(attendance=line, status=AttendanceMark.LEAVE, exempt=True, exempt_reason=" ")],
        )
    mark(world.head, meetings.open, {"王丽": "请假"}, exempt={"王丽": "出差"})
    # marked 出席 afterwards, by a worker: the special case goes (there is nothing to excuse)
    mark(world.worker, meetings.open, {"王丽": "出席"})
    line.refresh_from_db()
    assert (line.status, line.exempt, line.exempt_reason, line.exempt_approved_by) == ("present", False, "", None)


def test_a_worker_changing_the_status_drops_the_heads_special_case(world, meetings):
    mark(world.head, meetings.open, {"王丽": "请假"}, exempt={"王丽": "出差"})
    mark(world.worker, meetings.open, {"王丽": "缺席"})
    line = MeetingAttendance.objects.get(pk=meetings.open_line.pk)
    assert (line.status, line.exempt) == ("absent", False)


def test_closing_needs_minutes_and_every_status(world, meetings):
    mark(world.worker, meetings.open, {"杨建华": "出席"})
    with pytest.raises(ValidationError) as error:
        meeting_close(meetings.open, world.worker)
    assert error.value.messages == ["请先填写会议记录。", "还有2名应到人员未登记出勤情况:李春梅、王丽。"]
    empty = add_meeting(world.worker, None, "社区协调会", MeetingKind.COORDINATION, D(2026, 11, 2), minutes="已记录")
    with pytest.raises(ValidationError, match="请先添加应到人员并登记出勤。"):
        meeting_close(empty, world.worker)
    assert Meeting.objects.get(pk=meetings.open.pk).status == MeetingStatus.HELD


def test_closing_locks_and_derives_the_fines(world, meetings):
    meeting = Meeting.objects.get(pk=meetings.closed.pk)
    assert (meeting.status, meeting.closed_by) == (MeetingStatus.CLOSED, world.head)
    assert meeting.closed_at is not None
    fines = {
        record.staff.name: (record.rule.code, str(record.amount), record.status)
        for record in FineRecord.objects.filter(attendance__meeting=meeting)
    }
    assert fines == {
        "李春梅": ("M1", "20.00", "recorded"),
        "王丽": ("M2", "10.00", "recorded"),
        "赵刚": ("M3", "100.00", "exempted"),
        "何明": ("M6", "50.00", "recorded"),
    }


def test_a_closed_meeting_refuses_every_change(world, meetings):
    meeting = meetings.closed
    line = meetings.closed_line
    history = (meeting.history.count(), line.history.count(), meetings.closed_resolution.history.count())

    meeting.minutes = "改写的会议记录"
    with pytest.raises(ValidationError, match=LOCKED):
        meeting_save(actor=world.head, meeting=meeting)
    with pytest.raises(ValidationError, match=LOCKED):
        attendees_add(actor=world.head, meeting=meeting, persons=[meetings.resident])
    with pytest.raises(ValidationError, match=LOCKED):
        attendance_record(actor=world.head, meeting=meeting, marks=[Mark(attendance=line, status="present")])
    with pytest.raises(ValidationError, match=LOCKED):
        attendee_remove(actor=world.head, attendance=line)
    resolution = meetings.closed_resolution
    resolution.text = "改写的决议"
    with pytest.raises(ValidationError, match=LOCKED):
        resolution_save(actor=world.head, resolution=resolution)
    with pytest.raises(ValidationError, match=LOCKED):
        resolution_save(actor=world.head, resolution=Resolution(meeting=meeting, text="补一条决议"))
    with pytest.raises(ValidationError, match="会议已经结束。"):
        meeting_close(meeting, world.head)

    assert Meeting.objects.get(pk=meeting.pk).minutes == "听取居委会工作报告;审议通过寨子组道路硬化方案。"
    assert MeetingAttendance.objects.get(pk=line.pk).status == AttendanceMark.LEAVE
    assert Resolution.objects.filter(meeting=meeting).count() == 1
    assert history == (meeting.history.count(), line.history.count(), meetings.closed_resolution.history.count())


def test_a_decision_of_a_closed_meeting_is_still_followed_up(world, meetings):
    resolution = resolution_follow_up(
        actor=world.worker,
        resolution=meetings.closed_resolution,
        status=ResolutionStatus.DONE,
        done_on=D(2026, 11, 18),
        follow_up="道路硬化已完工验收。",
    )
    resolution.refresh_from_db()
    assert (resolution.status, resolution.done_on, resolution.text) == (
        ResolutionStatus.DONE,
        D(2026, 11, 18),
        "同意寨子组道路硬化方案,年底前完工。",
    )


def test_an_attendee_added_by_mistake_is_removed_before_closing(world, meetings):
    meeting = attendee_remove(actor=world.worker, attendance=meetings.open_line)
    assert sorted(meeting.attendance.values_list("name", flat=True)) == ["李春梅", "杨建华"]


def test_another_communitys_worker_cannot_touch_a_meeting(world, meetings):
    with pytest.raises(PermissionDenied):
        attendees_add(actor=world.other_worker, meeting=meetings.open, names=["某人"])
    with pytest.raises(PermissionDenied):
        meeting_close(meetings.open, world.other_head)
