"""Pages of the fine rules and the ledger: rules with versions, the ledger and its filters, 豁免 and 登记缴纳 by a
head, 重新计算, the monthly statement (page, person, Excel) and the ledger sheet."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from committee.models.fines import FineRecord, FineRule, FineStatus
from governance.excel import export_to_tempfile, registry
from tests.committee import meetings_fixtures
from tests.excel.helpers import as_rows, read_sheet

pytestmark = pytest.mark.django_db

meetings = meetings_fixtures.meetings
D = datetime.date


def test_the_rule_list_shows_seed_000s_rules_and_a_worker_cannot_edit(world, meetings, client):
    client.force_login(world.worker)
    page = client.get(reverse("committee:finerule_list")).content.decode()
    for text in ("值班无故脱岗一小时以上", "主要责任(不计金额)", "100元/天", "20元/次"):
        assert text in page
    rule = FineRule.objects.get(community=world.community, code="A1")
    detail = client.get(rule.get_absolute_url()).content.decode()
    assert reverse("committee:finerule_revise", kwargs={"pk": rule.pk}) not in detail
    assert client.get(reverse("committee:finerule_revise", kwargs={"pk": rule.pk})).status_code == 403


def test_a_head_revises_an_amount_from_a_date(world, meetings, client):
    client.force_login(world.head)
    rule = FineRule.objects.get(community=world.community, code="A2")
    response = client.post(
        reverse("committee:finerule_revise", kwargs={"pk": rule.pk}),
        {"amount": "60", "unit": "day", "effective_from": "2027-01-01"},
    )
    revised = FineRule.objects.get(community=world.community, code="A2", effective_from=D(2027, 1, 1))
    assert response.status_code == 302
    assert response.url == revised.get_absolute_url()
    page = client.get(revised.get_absolute_url()).content.decode()
    assert "制度施行起 至 2026-12-31" in page
    assert "2027-01-01 至 长期" in page


def test_the_ledger_filters_and_total(world, meetings, client):
    client.force_login(world.worker)
    url = reverse("committee:finerecord_list")
    li = FineRecord.objects.get(staff=meetings.li)
    zhao = FineRecord.objects.get(staff=meetings.zhao)
    page = client.get(url, {"month": "2026-10"}).content.decode()
    assert li.get_absolute_url() in page
    assert zhao.get_absolute_url() in page
    assert "当前条件下应缴合计 80.00 元" in page  # 20 + 10 + 50; 赵刚's 100 is exempted
    assert li.get_absolute_url() not in client.get(url, {"month": "2026-11"}).content.decode()
    by_rule = client.get(url, {"rule": "M3"}).content.decode()
    assert zhao.get_absolute_url() in by_rule
    assert li.get_absolute_url() not in by_rule
    exempted = client.get(url, {"status": "exempted"}).content.decode()
    assert zhao.get_absolute_url() in exempted
    assert li.get_absolute_url() not in exempted
    by_staff = client.get(url, {"staff": meetings.li.pk}).content.decode()
    assert li.get_absolute_url() in by_staff
    assert zhao.get_absolute_url() not in by_staff
    assert reverse("committee:fines_sync") not in page  # the button is a head's


def test_a_head_exempts_and_records_payment_on_the_pages(world, meetings, client):
    client.force_login(world.head)
    li = FineRecord.objects.get(staff=meetings.li)
    detail = client.get(li.get_absolute_url()).content.decode()
    assert reverse("committee:finerecord_exempt", kwargs={"pk": li.pk}) in detail
    response = client.post(reverse("committee:finerecord_exempt", kwargs={"pk": li.pk}), {"reason": "母亲住院"})
    assert response.status_code == 302
    li.refresh_from_db()
    assert (li.status, li.exemption_reason) == (FineStatus.EXEMPTED, "母亲住院")
    wang = FineRecord.objects.get(staff=meetings.wang)
    response = client.post(reverse("committee:finerecord_pay", kwargs={"pk": wang.pk}), {"paid_on": "2026-10-20"})
    assert response.status_code == 302
    assert FineRecord.objects.get(pk=wang.pk).status == FineStatus.PAID
    again = client.post(reverse("committee:finerecord_pay", kwargs={"pk": wang.pk}), {"paid_on": "2026-10-21"})
    assert "该罚款已是“已缴纳”" in again.content.decode()


def test_a_head_recomputes_a_month(world, meetings, client):
    client.force_login(world.head)
    FineRecord.objects.filter(staff=meetings.he).delete()
    response = client.post(reverse("committee:fines_sync"), {"month": "2026-10"})
    assert response.status_code == 302
    assert response.url == f"{reverse('committee:finerecord_list')}?month=2026-10"
    assert FineRecord.objects.get(staff=meetings.he).rule.code == "M6"


def test_the_monthly_statement_page_person_page_and_excel(world, meetings, client):
    client.force_login(world.head)
    page = client.get(reverse("committee:fine_statement"), {"month": "2026-10"}).content.decode()
    assert "2026年10月罚款明细" in page
    assert '<td class="text-end" id="statement-total">80.00</td>' in page
    assert 'class="print-title"' in page
    assert "window.print()" in page
    person = client.get(
        reverse("committee:fine_statement_staff", kwargs={"pk": meetings.he.pk}), {"month": "2026-10"}
    ).content.decode()
    assert "何明" in person
    assert "李春梅" not in person
    assert "2026年第四次居民代表大会(居民代表大会)早退" in person

    response = client.get(reverse("committee:fine_statement_xlsx"), {"month": "2026-10"})
    assert response.status_code == 200
    headers, rows = as_rows(read_sheet(b"".join(response.streaming_content)))
    assert headers[:8] == ["月份", "姓名", "职务", "罚款(笔)", "应缴(元)", "已缴(元)", "未缴(元)", "已豁免(元)"]
    assert {row["姓名"]: row["应缴(元)"] for row in rows} == {
        "何明": "50.00",
        "李春梅": "20.00",
        "杨建华": "0.00",
        "王丽": "10.00",
        "赵刚": "0.00",
    }
    zhao = next(row for row in rows if row["姓名"] == "赵刚")
    assert zhao["已豁免(元)"] == "100.00"


def test_excel_sheets_of_the_ledger_rules_and_statement(world, meetings):
    path, rows = export_to_tempfile(registry.get("committee-fines")(community=world.community, user=world.head))
    _headers, data = as_rows(read_sheet(path))
    assert rows == 4
    assert {(row["姓名"], row["规则编号"], row["金额(元)"], row["状态"]) for row in data} == {
        ("李春梅", "M1", "20.00", "已记录"),
        ("王丽", "M2", "10.00", "已记录"),
        ("赵刚", "M3", "100.00", "已豁免"),
        ("何明", "M6", "50.00", "已记录"),
    }
    path, rows = export_to_tempfile(registry.get("committee-fine-rules")(community=world.community, user=world.head))
    assert rows == 10
    path, rows = export_to_tempfile(
        registry.get("committee-fine-statement")(community=world.community, user=world.head)
    )
    _headers, data = as_rows(read_sheet(path))
    assert [(row["月份"], row["姓名"], row["应缴(元)"]) for row in data] == [
        ("2026-10", "何明", "50.00"),
        ("2026-10", "李春梅", "20.00"),
        ("2026-10", "王丽", "10.00"),
        ("2026-10", "赵刚", "0.00"),
    ]
    for code in ("committee-meetings", "committee-fines", "committee-fine-statement"):
        assert not registry.get(code).importable


def test_a_fine_links_to_its_source(world, meetings, client):
    from committee.models.staff import AttendanceStatus, WorkAttendance
    from committee.services.staff import attendance_save

    day = attendance_save(
        actor=world.head,
        attendance=WorkAttendance(staff=meetings.li, date=D(2026, 11, 3), status=AttendanceStatus.ABSENT),
    )
    record = FineRecord.objects.get(work_attendance=day)
    client.force_login(world.worker)
    page = client.get(record.get_absolute_url()).content.decode()
    assert reverse("committee:workattendance_detail", kwargs={"pk": day.pk}) in page
    assert "A1 无故不上班(书记、主任、副书记、副主任)" in page
    meeting_fine = FineRecord.objects.get(staff=meetings.wang)
    assert meetings.closed.get_absolute_url() in client.get(meeting_fine.get_absolute_url()).content.decode()


def test_the_excel_page_offers_the_meeting_and_fine_sheets(world, meetings, client):
    client.force_login(world.head)
    page = client.get(reverse("excel:index")).content.decode()
    codes = ("meetings", "meeting-attendance", "resolutions", "fine-rules", "fines", "fine-statement")
    for code in codes:
        assert reverse("excel:export", kwargs={"register": f"committee-{code}"}) in page
    response = client.get(reverse("excel:export", kwargs={"register": "committee-fine-statement"}))
    assert response.status_code == 200
    _headers, rows = as_rows(read_sheet(b"".join(response.streaming_content)))
    assert {row["姓名"] for row in rows} == {"何明", "李春梅", "王丽", "赵刚"}
