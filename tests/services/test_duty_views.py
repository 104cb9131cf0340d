"""Pages of the duty area: the permission matrix of every URL, the roster grid with its red days, publishing,
adding a shift, a handover and an absence through the forms, the print page, the PDF and the Excel exports."""

from __future__ import annotations

import datetime
import io
import os

import pytest
from django.urls import reverse
from pypdf import PdfReader

from governance.excel import export_to_tempfile, registry
from services.models.duty import DutyAbsence, DutyRoster, DutyShift, RosterStatus
from tests.excel.helpers import as_rows, read_sheet
from tests.matrix import Page
from tests.services import duty_fixtures

pytestmark = pytest.mark.django_db

duty = duty_fixtures.duty


@pytest.fixture
def pages_world(world, duty):
    world.roster = duty.roster
    world.draft = duty.draft
    world.shift = duty.s1
    world.absence = duty.a1
    return world


LISTS = [("dutyroster_list", "roster"), ("dutyabsence_list", "absence")]
DETAILS = [
    ("dutyroster_detail", "roster"),
    ("dutyroster_print", "roster"),
    ("dutyroster_pdf", "roster"),
    ("dutyshift_detail", "shift"),
    ("dutyabsence_detail", "absence"),
]
EDITORS_ELSEWHERE = ("other_head",)
FORMS = [
    ("dutyroster_add", None),
    ("dutyroster_edit", "roster"),
    ("dutyroster_publish", "draft"),
    ("dutyshift_add", "roster"),
    ("dutyshift_edit", "shift"),
    ("dutyhandover_add", "shift"),
    ("dutyabsence_add", "shift"),
    ("dutyabsence_edit", "absence"),
]

PAGES = [
    *(Page(f"services:{name}", hides=hides, allowed="worker", denied="norole") for name, hides in LISTS),
    *(Page(f"services:{name}", hides=hides, allowed="street_leader", denied="mediator") for name, hides in LISTS),
    *(Page(f"services:{name}", obj=obj, allowed="worker", denied="norole") for name, obj in DETAILS),
    *(Page(f"services:{name}", obj=obj, allowed="auditor", denied="mediator") for name, obj in DETAILS),
    Page("services:dutyroster_xlsx", obj="roster", allowed="head", denied="norole"),
    *(
        Page(f"services:{name}", obj=obj, allowed="worker", denied="norole", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in FORMS
    ),
    *(
        Page(
            f"services:{name}", obj=obj, allowed="head", denied="street_leader", post=True, outsiders=EDITORS_ELSEWHERE
        )
        for name, obj in FORMS
    ),
    *(
        Page(
            f"services:{name}", obj=obj, allowed="grid_worker", denied="auditor", post=True, outsiders=EDITORS_ELSEWHERE
        )
        for name, obj in FORMS
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


def test_roster_page_flags_gaps_and_short_days_in_red(world, duty, client):
    client.force_login(world.worker)
    page = client.get(duty.roster.get_absolute_url()).content.decode()
    assert "本值班表3天存在值班空档、1天值班干部少于规定人数,仍可发布。" in page
    assert "空档 00:00–08:00" in page
    assert "空档 20:00–20:30" in page
    assert "值班干部 1 人(少于 2 人)" in page
    assert page.count('class="table-danger"') == 3
    assert "20:00–次日08:00" in page


def test_a_worker_builds_and_publishes_a_roster(world, duty, client):
    client.force_login(world.worker)
    response = client.post(
        reverse("services:dutyroster_add"),
        {
            "title": "2026年4月第1周值班表",
            "period_kind": "week",
            "start_on": "2026-04-06",
            "end_on": "2026-04-12",
            "min_cadres": "2",
            "note": "",
        },
    )
    roster = DutyRoster.objects.get(title="2026年4月第1周值班表")
    assert response.status_code == 302
    assert (roster.community, roster.prepared_by, roster.status) == (world.community, world.worker, "draft")

    response = client.post(
        reverse("services:dutyshift_add", kwargs={"pk": roster.pk}),
        {
            "date": "2026-04-06",
            "start": "08:00",
            "end": "08:00",
            "location": "duty_room",
            "staff": [world.worker.pk, world.grid_worker.pk],
            "leader": world.head.pk,
            "note": "",
        },
    )
    assert response.status_code == 302
    assert response.url == roster.get_absolute_url()
    shift = DutyShift.objects.get(roster=roster)
    assert (shift.leader, shift.community, shift.crosses_midnight) == (world.head, world.community, True)

    publish = reverse("services:dutyroster_publish", kwargs={"pk": roster.pk})
    assert "仍可发布" in client.get(publish).content.decode()  # 04-07 … 04-12 are empty
    response = client.post(publish, {"confirm": "on"})
    assert response.status_code == 302
    assert DutyRoster.objects.get(pk=roster.pk).status == RosterStatus.PUBLISHED
    response = client.post(publish, {"confirm": "on"})
    assert "值班表已发布,不能重复发布。" in response.content.decode()


def test_a_shift_outside_the_roster_or_without_a_leader_is_refused_on_the_form(world, duty, client):
    client.force_login(world.worker)
    url = reverse("services:dutyshift_add", kwargs={"pk": duty.draft.pk})
    data = {"date": "2026-03-20", "start": "08:00", "end": "20:00", "location": "duty_room", "staff": [world.worker.pk]}
    response = client.post(url, {**data, "leader": world.head.pk})
    assert response.status_code == 200
    assert "日期必须在值班表的起止日期(2026-03-09 至 2026-03-15)之内。" in response.content.decode()
    response = client.post(url, {**data, "date": "2026-03-10"})
    assert response.status_code == 200
    assert response.context["form"].errors["leader"] == ["这个字段是必填项。"]
    assert duty.draft.shifts.count() == 1


def test_a_staff_member_of_another_community_is_not_offered(world, duty, client):
    client.force_login(world.worker)
    page = client.get(reverse("services:dutyshift_add", kwargs={"pk": duty.draft.pk})).content.decode()
    assert world.worker.display_name in page
    assert world.other_worker.display_name not in page


def test_handover_and_absence_through_the_shift_page(world, duty, client):
    client.force_login(world.grid_worker)
    response = client.post(
        reverse("services:dutyhandover_add", kwargs={"pk": duty.s3.pk}),
        {"at": "2026-03-03T20:00", "content": "巡查辖区一遍,无异常。", "open_issues": "", "written_by": ""},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("services:dutyabsence_add", kwargs={"pk": duty.s3.pk}),
        {
            "staff": world.grid_worker.pk,
            "left_at": "2026-03-03T16:00",
            "returned_at": "2026-03-03T17:30",
            "excused": "",
            "reason": "",
            "note": "",
        },
    )
    absence = DutyAbsence.objects.filter(shift=duty.s3).latest("pk")
    assert response.status_code == 302
    assert response.url == absence.get_absolute_url()
    assert (absence.duration_minutes, str(absence.fine_amount), absence.responsible_leader) == (90, "50.00", world.head)
    page = client.get(duty.s3.get_absolute_url()).content.decode()
    assert "巡查辖区一遍,无异常。" in page
    assert "1小时30分钟" in page


def test_absence_list_filters(world, duty, client):
    client.force_login(world.worker)
    url = reverse("services:dutyabsence_list")
    fined = client.get(url, {"fined": "1"}).content.decode()
    assert duty.a1.get_absolute_url() in fined
    assert duty.a4.get_absolute_url() in fined
    assert duty.a3.get_absolute_url() not in fined
    excused = client.get(url, {"excused": "1"}).content.decode()
    assert duty.a2.get_absolute_url() in excused
    assert duty.a1.get_absolute_url() not in excused
    staff = client.get(url, {"staff": world.grid_worker.pk}).content.decode()
    assert duty.a3.get_absolute_url() in staff
    assert duty.a1.get_absolute_url() not in staff
    assert duty.a1.get_absolute_url() in client.get(url, {"month": "2026-03"}).content.decode()
    assert duty.a1.get_absolute_url() not in client.get(url, {"month": "2026-04"}).content.decode()


def test_print_page_and_pdf(world, duty, client):
    client.force_login(world.worker)
    page = client.get(reverse("services:dutyroster_print", kwargs={"pk": duty.roster.pk})).content.decode()
    assert "size: A4 landscape" in page
    assert "3月2日" in page
    assert world.head.display_name in page
    response = client.get(reverse("services:dutyroster_pdf", kwargs={"pk": duty.roster.pk}))
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape


def test_roster_shifts_xlsx(world, duty, client):
    client.force_login(world.head)
    response = client.get(reverse("services:dutyroster_xlsx", kwargs={"pk": duty.roster.pk}))
    rows = read_sheet(b"".join(response.streaming_content))
    text = "\n".join(" ".join(str(value) for value in row if value is not None) for row in rows)
    assert "值班时间" in text
    assert "20:00–次日08:00" in text
    assert "2026年3月第2周值班表" not in text  # the draft's shift belongs to another roster


def test_absence_export(world, duty):
    register = registry.get("services-duty-absences")(community=world.community, user=world.head)
    path, count = export_to_tempfile(register)
    try:
        _, rows = as_rows(read_sheet(path))
    finally:
        os.unlink(path)
    assert count == 4
    assert len(rows) == 4
    first = rows[0]
    assert first["值班人员"] == world.worker.display_name
    assert first["脱岗时长(分钟)"] in ("90", 90)
    assert first["处罚金额(元)"] in ("50.00", 50)
    assert first["负责的带班领导"] == world.head.display_name
    assert datetime.date(2026, 3, 2).isoformat() in str(first["离岗时间"])
