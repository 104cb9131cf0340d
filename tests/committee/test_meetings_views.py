"""Pages of the meetings area: the permission matrix of every URL (404 for another community), a worker's meeting
from registration to close through the forms, the lock of a closed meeting on every edit page, the figures page
and the Excel sheets."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from committee.models.fines import FineRecord, FineRule
from committee.models.meetings import Meeting, MeetingAttendance, MeetingStatus, Resolution
from governance.excel import export_to_tempfile, registry
from tests.committee import meetings_fixtures
from tests.excel.helpers import as_rows, read_sheet
from tests.matrix import Page

pytestmark = pytest.mark.django_db

meetings = meetings_fixtures.meetings
D = datetime.date


@pytest.fixture
def pages_world(world, meetings):
    world.meeting = meetings.open
    world.closed_meeting = meetings.closed
    world.line = meetings.open_line
    world.resolution = meetings.open_resolution
    world.closed_resolution = meetings.closed_resolution
    world.rule = FineRule.objects.get(community=world.community, code="M1")
    world.fine = FineRecord.objects.get(staff=meetings.li)
    world.staff_member = meetings.li
    return world


LISTS = [("meeting_list", "meeting"), ("finerule_list", "rule"), ("finerecord_list", "fine")]
READ_PAGES = [("meeting_figures", None), ("fine_statement", None)]
DETAILS = [
    ("meeting_detail", "meeting"),
    ("meeting_detail", "closed_meeting"),
    ("finerule_detail", "rule"),
    ("finerecord_detail", "fine"),
    ("fine_statement_staff", "staff_member"),
]
WORKER_FORMS = [
    ("meeting_add", None),
    ("meeting_edit", "meeting"),
    ("attendees_add", "meeting"),
    ("meeting_attendance", "meeting"),
    ("meeting_close", "meeting"),
    ("resolution_add", "meeting"),
    ("resolution_edit", "resolution"),
    ("resolution_follow_up", "closed_resolution"),
    ("attendee_remove", "line"),
]
HEAD_FORMS = [
    ("finerule_add", None),
    ("finerule_edit", "rule"),
    ("finerule_revise", "rule"),
    ("finerecord_exempt", "fine"),
    ("finerecord_pay", "fine"),
    ("fines_sync", None),
]
EDITORS_ELSEWHERE = ("other_head", "other_worker")  # another community's head and worker: 404 on every object
READERS_ELSEWHERE = ("other_head", "other_worker", "far_leader")
HEADS_ELSEWHERE = ("other_head",)  # a worker elsewhere lacks the permission itself (403 before any lookup)

PAGES = [
    *(
        Page(f"committee:{name}", hides=hides, allowed="worker", denied="norole", outsiders=READERS_ELSEWHERE)
        for name, hides in LISTS
    ),
    *(Page(f"committee:{name}", hides=hides, allowed="street_leader", denied="grid_worker") for name, hides in LISTS),
    *(Page(f"committee:{name}", allowed="auditor", denied="mediator") for name, _ in READ_PAGES),
    Page("committee:fine_statement_xlsx", allowed="head", denied="auditor"),
    *(
        Page(f"committee:{name}", obj=obj, allowed="worker", denied="norole", outsiders=READERS_ELSEWHERE)
        for name, obj in DETAILS
    ),
    *(Page(f"committee:{name}", obj=obj, allowed="auditor", denied="grid_worker") for name, obj in DETAILS),
    *(
        Page(f"committee:{name}", obj=obj, allowed="worker", denied="auditor", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in WORKER_FORMS
    ),
    *(
        Page(f"committee:{name}", obj=obj, allowed="head", denied="norole", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in WORKER_FORMS
    ),
    *(
        Page(f"committee:{name}", obj=obj, allowed="head", denied="worker", post=True, outsiders=HEADS_ELSEWHERE)
        for name, obj in HEAD_FORMS
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


LOCKED_PAGES = [
    ("meeting_edit", "closed"),
    ("attendees_add", "closed"),
    ("meeting_attendance", "closed"),
    ("meeting_close", "closed"),
    ("resolution_add", "closed"),
    ("resolution_edit", "closed_resolution"),
    ("attendee_remove", "closed_line"),
]


@pytest.mark.parametrize(("name", "attribute"), LOCKED_PAGES)
def test_every_edit_page_of_a_closed_meeting_refuses_clearly(name, attribute, world, meetings, client):
    target = getattr(meetings, attribute)
    url = reverse(f"committee:{name}", kwargs={"pk": target.pk})
    before = (
        meetings.closed.history.count(),
        MeetingAttendance.history.filter(meeting_id=meetings.closed.pk).count(),
        Resolution.history.filter(meeting_id=meetings.closed.pk).count(),
    )
    for user in (world.worker, world.head):
        client.force_login(user)
        for response in (client.get(url), client.post(url, {"confirm": "on", "title": "改", "text": "改"})):
            assert response.status_code == 403
            page = response.content.decode()
            assert "会议已结束,会议记录、出勤和决议已锁定,不能再修改。" in page
            assert meetings.closed.get_absolute_url() in page
    after = (
        meetings.closed.history.count(),
        MeetingAttendance.history.filter(meeting_id=meetings.closed.pk).count(),
        Resolution.history.filter(meeting_id=meetings.closed.pk).count(),
    )
    assert after == before


def test_a_closed_meeting_page_is_read_only(world, meetings, client):
    client.force_login(world.head)
    page = client.get(meetings.closed.get_absolute_url()).content.decode()
    assert "会议记录、出勤和决议已锁定,只能查看" in page
    for name in ("meeting_edit", "attendees_add", "meeting_attendance", "meeting_close", "resolution_add"):
        assert reverse(f"committee:{name}", kwargs={"pk": meetings.closed.pk}) not in page
    assert reverse("committee:resolution_follow_up", kwargs={"pk": meetings.closed_resolution.pk}) in page
    assert '<div class="display-6" id="attendance-rate">57.1%</div>' in page
    assert "M3 居委会干部开会缺席或早退" in page  # the fines it drew
    open_page = client.get(meetings.open.get_absolute_url()).content.decode()
    assert reverse("committee:meeting_close", kwargs={"pk": meetings.open.pk}) in open_page


def test_a_worker_holds_a_meeting_through_the_forms(world, meetings, client):
    client.force_login(world.worker)
    response = client.post(
        reverse("committee:meeting_add"),
        {
            "kind": "two_committees",
            "title": "2026年12月两委会",
            "date": "2026-12-03",
            "start_time": "09:00",
            "end_time": "11:00",
            "venue": "社区会议室",
            "chair": meetings.yang.pk,
            "agenda": "研究年终考核",
        },
    )
    meeting = Meeting.objects.get(title="2026年12月两委会")
    assert response.status_code == 302
    assert response.url == meeting.get_absolute_url()

    form = client.get(reverse("committee:attendees_add", kwargs={"pk": meeting.pk})).content.decode()
    assert "周平" not in form  # staff of another community are not offered
    response = client.post(
        reverse("committee:attendees_add", kwargs={"pk": meeting.pk}),
        {"staff": [meetings.yang.pk, meetings.li.pk, meetings.wang.pk], "person": meetings.zhang_rep.id_number},
    )
    assert response.status_code == 302
    lines = {line.name: line for line in meeting.attendance.all()}
    assert sorted(lines) == ["张代表", "李春梅", "杨建华", "王丽"]

    sheet = reverse("committee:meeting_attendance", kwargs={"pk": meeting.pk})
    assert "exempt_" not in client.get(sheet).content.decode()  # only a head sees the 特殊情况 box
    data = {f"status_{line.pk}": "present" for line in lines.values()}
    data[f"status_{lines['李春梅'].pk}"] = "leave"
    data[f"status_{lines['王丽'].pk}"] = "late"
    assert client.post(sheet, data).status_code == 302

    close = reverse("committee:meeting_close", kwargs={"pk": meeting.pk})
    response = client.post(close, {"confirm": "on"})
    assert response.status_code == 200
    assert "请先填写会议记录。" in response.content.decode()
    edit = reverse("committee:meeting_edit", kwargs={"pk": meeting.pk})
    response = client.post(
        edit,
        {
            "kind": "two_committees",
            "title": "2026年12月两委会",
            "date": "2026-12-03",
            "chair": meetings.yang.pk,
            "agenda": "研究年终考核",
            "minutes": "确定年终考核办法。",
        },
    )
    assert response.status_code == 302
    assert "应到4人,实到3人,出席率75%" in client.get(close).content.decode()
    assert client.post(close, {"confirm": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert '<div class="display-6" id="attendance-rate">75%</div>' in page
    fines = sorted((r.staff.name, r.rule.code, str(r.amount)) for r in FineRecord.objects.filter(date=D(2026, 12, 3)))
    assert fines == [("李春梅", "M1", "20.00"), ("王丽", "M2", "10.00")]


def test_a_head_recognises_a_special_case_on_the_sheet(world, meetings, client):
    client.force_login(world.head)
    sheet = reverse("committee:meeting_attendance", kwargs={"pk": meetings.open.pk})
    lines = {line.name: line for line in meetings.open.attendance.all()}
    data = {f"status_{line.pk}": "present" for line in lines.values()}
    data[f"status_{lines['王丽'].pk}"] = "leave"
    data[f"exempt_{lines['王丽'].pk}"] = "on"
    response = client.post(sheet, data)
    assert response.status_code == 200
    assert "认定特殊情况须填写说明。" in response.content.decode()
    data[f"exempt_reason_{lines['王丽'].pk}"] = "在区里参加培训"
    assert client.post(sheet, data).status_code == 302
    line = MeetingAttendance.objects.get(pk=lines["王丽"].pk)
    assert (line.status, line.exempt, line.exempt_approved_by) == ("leave", True, world.head)


def test_the_meeting_list_shows_attendance_and_filters(world, meetings, client):
    client.force_login(world.worker)
    url = reverse("committee:meeting_list")
    page = client.get(url).content.decode()
    assert "57.1%" in page
    assembly = client.get(url, {"kind": "representative_assembly"}).content.decode()
    assert meetings.closed.get_absolute_url() in assembly
    assert meetings.open.get_absolute_url() not in assembly
    closed = client.get(url, {"status": "closed", "year": "2026"}).content.decode()
    assert meetings.closed.get_absolute_url() in closed
    assert meetings.open.get_absolute_url() not in closed


def test_the_figures_page(world, meetings, client):
    client.force_login(world.auditor)
    page = client.get(reverse("committee:meeting_figures"), {"year": "2026"}).content.decode()
    assert "2026年会议统计" in page
    assert "居民代表出席率 50%" in page  # 张代表 请假, 刘代表 出席


def test_excel_sheets_of_meetings_and_attendance(world, meetings):
    sheet = registry.get("committee-meetings")(community=world.community, user=world.head)
    path, rows = export_to_tempfile(sheet)
    _headers, data = as_rows(read_sheet(path))
    assert rows == 2
    closed = next(row for row in data if row["会议名称"] == "2026年第四次居民代表大会")
    assert (closed["会议类型"], closed["应到(人)"], closed["实到(人)"], closed["出席率"], closed["状态"]) == (
        "居民代表大会", 7, 4, "57.1%", "已结束",
    )  # fmt: skip
    assert closed["向居民代表大会报告工作"] == "是"

    lines = registry.get("committee-meeting-attendance")(community=world.community, user=world.head)
    path, rows = export_to_tempfile(lines)
    _headers, data = as_rows(read_sheet(path))
    assert rows == 10
    zhao = next(row for row in data if row["姓名"] == "赵刚")
    assert (zhao["出勤情况"], zhao["特殊情况"], zhao["特殊情况说明"]) == ("缺席", "是", "住院治疗(特殊情况)")
    other = registry.get("committee-meetings")(community=world.other_community, user=world.head)
    assert export_to_tempfile(other)[1] == 0  # another community's meetings are not the head's to export


def test_list_pages_keep_their_query_budget(world, meetings, client, django_assert_max_num_queries):
    from committee.services.meetings import attendees_add

    for day in range(1, 8):
        meeting = meetings_fixtures.add_meeting(
            world.worker, None, f"协调会{day}", "coordination", D(2026, 9, day), chair=meetings.li
        )
        attendees_add(actor=world.worker, meeting=meeting, staff=[meetings.yang, meetings.li])
    client.force_login(world.worker)
    client.get(reverse("committee:meeting_list"))  # warm the session and the permission cache
    with django_assert_max_num_queries(12):
        assert client.get(reverse("committee:meeting_list")).status_code == 200
    with django_assert_max_num_queries(16):  # the filter bar reads the staff and the rule codes
        assert client.get(reverse("committee:finerecord_list")).status_code == 200
    with django_assert_max_num_queries(21):  # lines, figures, decisions, fines, linked records, history
        assert client.get(meetings.closed.get_absolute_url()).status_code == 200
