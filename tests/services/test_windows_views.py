"""Pages of the windows area: the permission matrix of every URL, the case workflow through the forms,
我的办件, the overdue list, the 服务指南 (page and PDF) and the Excel exports."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse
from pypdf import PdfReader

from governance.excel import export_to_tempfile, registry
from services.models.windows import CaseStatus, ServiceCase, ServiceItem, ServiceWindow
from tests.excel.helpers import as_rows, read_sheet
from tests.matrix import Page
from tests.services import windows_fixtures
from tests.services.windows_fixtures import at

pytestmark = pytest.mark.django_db

windows = windows_fixtures.windows


@pytest.fixture
def pages_world(world, windows):
    """The world with the windows records as attributes, for ``Page(obj=...)``."""
    world.window = windows.social
    world.item = windows.disability
    world.case = windows.case
    return world


LISTS = [
    ("servicewindow_list", "window"),
    ("serviceitem_list", "item"),
    ("servicecase_list", "case"),
    ("servicecase_overdue", "case"),  # due 2026-03-17, still open
    ("servicecase_mine", None),
]
DETAILS = ["servicewindow_detail", "servicewindow_guide", "servicewindow_guide_pdf"]
EDITORS_ELSEWHERE = ("other_head",)  # street leaders elsewhere read only: a form is 403 before it is 404
FORMS = [
    ("servicewindow_add", None),
    ("servicewindow_edit", "window"),
    ("serviceitem_add", None),
    ("serviceitem_edit", "item"),
    ("servicecase_add", None),
    ("servicecase_edit", "case"),
    ("servicecase_step", "case"),
    ("servicecase_close", "case"),
    ("servicecase_return", "case"),
]

PAGES = [
    *(Page(f"services:{name}", hides=hides, allowed="worker", denied="norole") for name, hides in LISTS),
    *(Page(f"services:{name}", hides=hides, allowed="street_leader", denied="mediator") for name, hides in LISTS),
    *(Page(f"services:{name}", obj="window", allowed="worker", denied="norole") for name in DETAILS),
    Page("services:serviceitem_detail", obj="item", allowed="worker", denied="norole"),
    Page("services:servicecase_detail", obj="case", allowed="worker", denied="norole"),
    Page("services:servicecase_detail", obj="case", allowed="grid_worker", denied="mediator"),
    Page("services:servicecase_detail", obj="case", allowed="auditor", denied="norole"),
    *(
        Page(f"services:{name}", obj=obj, allowed="worker", denied="norole", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in FORMS
    ),
    # Street leaders and auditors read, but never write.
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


def test_a_grid_worker_does_not_see_cases_of_other_groups(world, population, windows, client):
    case_b = windows_fixtures.open_case(world.worker, windows.party_item, applicant_person=population.householder_b)
    client.force_login(world.grid_worker)  # responsible for group_a only
    assert client.get(reverse("services:servicecase_detail", kwargs={"pk": case_b.pk})).status_code == 404
    listing = client.get(reverse("services:servicecase_list")).content.decode()
    assert windows.case.get_absolute_url() in listing
    assert case_b.get_absolute_url() not in listing


class TestCaseFlow:
    def test_a_worker_receives_logs_and_closes_a_case(self, world, population, windows, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:servicecase_add"),
            {
                "applicant_person": population.spouse.id_number,
                "item": windows.disability.pk,
                "summary": "申请办理残疾证。",
                "channel": "window",
                "mode": "proxy",
                "received_at": "2026-05-06T09:30",
                "applicant_name": "",
            },
        )
        case = ServiceCase.objects.get(applicant_person=population.spouse)
        assert response.status_code == 302
        assert response.url == case.get_absolute_url()
        assert (case.number, case.agent, case.window) == ("2026-002", world.worker, windows.social)
        assert case.community == world.community

        step_url = reverse("services:servicecase_step", kwargs={"pk": case.pk})
        for action, moment in (("入户核实", "2026-05-07T10:00"), ("报送区残联", "2026-05-08T10:00")):
            response = client.post(step_url, {"action": action, "note": "情况属实。", "at": moment, "to_status": ""})
            assert response.status_code == 302
        assert ServiceCase.objects.get(pk=case.pk).status == CaseStatus.PROCESSING

        response = client.post(
            reverse("services:servicecase_close", kwargs={"pk": case.pk}),
            {"closed_at": "2026-05-15T16:00", "satisfaction": "satisfied", "note": "证件已送达。"},
        )
        assert response.status_code == 302
        case = ServiceCase.objects.get(pk=case.pk)
        assert (case.status, case.satisfaction, case.closed_on_time) == (CaseStatus.CLOSED, "satisfied", True)
        page = client.get(case.get_absolute_url()).content.decode()
        assert "入户核实" in page
        assert "报送区残联" in page
        assert "按时办结" in page

    def test_a_refused_transition_shows_the_service_s_message(self, world, windows, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:servicecase_step", kwargs={"pk": windows.case.pk}),
            {"action": "报送", "to_status": "transferred", "transferred_to": "", "at": "2026-03-04T09:00"},
        )
        assert response.status_code == 200
        assert "转办须填写转办单位。" in response.content.decode()
        assert ServiceCase.objects.get(pk=windows.case.pk).status == CaseStatus.RECEIVED

    def test_the_case_form_refuses_an_unknown_id_number(self, world, windows, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:servicecase_add"),
            {"applicant_person": "530102199001011234", "item": windows.disability.pk, "channel": "window",
             "mode": "proxy", "received_at": "2026-05-06T09:30"},
        )  # fmt: skip
        assert response.status_code == 200
        assert "在您的管辖范围内没有证件号码" in response.content.decode()
        assert ServiceCase.objects.filter(community=world.community).count() == 1

    def test_the_item_form_offers_only_the_community_s_windows(self, world, windows, client):
        client.force_login(world.worker)
        page = client.get(reverse("services:serviceitem_add") + f"?window={windows.party.pk}").content.decode()
        assert f'value="{windows.party.pk}" selected' in page
        assert f'value="{windows.other_window.pk}"' not in page
        response = client.post(
            reverse("services:serviceitem_add"),
            {"window": windows.other_window.pk, "name": "越界", "order": 1, "time_limit_days": 1, "fee": "0"},
        )
        assert response.status_code == 200
        assert not ServiceItem.objects.filter(name="越界").exists()

    def test_a_window_is_added_with_its_staff(self, world, client):
        client.force_login(world.head)
        response = client.post(
            reverse("services:servicewindow_add"),
            {"name": "畜牧兽医服务窗口", "order": 5, "staff": [world.worker.pk], "is_active": "on"},
        )
        window = ServiceWindow.objects.get(name="畜牧兽医服务窗口")
        assert response.status_code == 302
        assert window.community == world.community
        assert list(window.staff.all()) == [world.worker]


class TestMyCases:
    def test_my_cases_lists_my_open_cases_overdue_first(self, world, windows, client):
        fresh = windows_fixtures.open_case(world.worker, windows.party_item, received_at=at(2026, 11, 20))
        someone_else = windows_fixtures.open_case(world.head, windows.party_item, received_at=at(2026, 11, 20))
        client.force_login(world.worker)
        response = client.get(reverse("services:servicecase_mine"))
        cases = list(response.context["object_list"])
        assert cases[0] == windows.case  # overdue since March
        assert fresh in cases
        assert someone_else not in cases
        assert "table-danger" in response.content.decode()

    def test_a_closed_case_leaves_the_open_list(self, world, windows, client):
        from services.services.windows import case_close

        case_close(actor=world.worker, case=windows.case, closed_at=at(2026, 3, 10), satisfaction="satisfied")
        client.force_login(world.worker)
        response = client.get(reverse("services:servicecase_mine"))
        assert windows.case not in list(response.context["object_list"])
        assert windows.case in list(response.context["recently_finished"])


class TestLists:
    def test_case_list_filters(self, world, windows, client):
        client.force_login(world.worker)
        url = reverse("services:servicecase_list")

        def numbers(**params):
            return [case.number for case in client.get(url, params).context["object_list"]]

        assert numbers(overdue="1") == ["2026-001"]
        assert numbers(overdue="0") == []
        assert numbers(window=windows.social.pk, status="received") == ["2026-001"]
        assert numbers(window=windows.party.pk) == []
        assert numbers(received_from="2026-03-03") == []
        assert numbers(received_from="2026-03-01", received_to="2026-03-02") == ["2026-001"]
        assert numbers(q="张建国") == ["2026-001"]
        assert numbers(agent=world.head.pk) == []

    def test_window_list_shows_the_year_s_figures(self, world, windows, client):
        client.force_login(world.worker)
        response = client.get(reverse("services:servicewindow_list"))
        assert response.context["figures"].total.received == 1
        assert "—" in response.content.decode()  # no case closed: no rate


class TestGuide:
    def test_the_guide_page_lists_every_active_item(self, world, windows, client):
        client.force_login(world.worker)
        page = client.get(reverse("services:servicewindow_guide", kwargs={"pk": windows.social.pk})).content.decode()
        for text in ("社会事务综合服务窗口 · 服务指南", "残疾证办理", "报送区残联", "近期免冠照片2张", "15日内办结",
                     "0871-68180000", "开具居住证明", "即办件", "@media print"):  # fmt: skip
            assert text in page, text

    def test_the_guide_pdf(self, world, windows, client):
        client.force_login(world.worker)
        response = client.get(reverse("services:servicewindow_guide_pdf", kwargs={"pk": windows.social.pk}))
        assert response["Content-Type"] == "application/pdf"
        import io

        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        for expected in ("服务指南", "残疾证办理", "报送区残联", "监督电话"):
            assert expected in text, expected


class TestExcel:
    def export(self, code, world, user):
        path, _count = export_to_tempfile(registry.get(code)(community=world.community, user=user))
        try:
            return as_rows(read_sheet(path))
        finally:
            os.unlink(path)

    def test_the_case_register_export_masks_id_numbers_for_workers(self, world, population, windows):
        header, data = self.export("services-cases", world, world.worker)
        assert header[:7] == ["办件编号", "申请人", "身份证号", "联系电话", "居民小组", "服务窗口", "服务事项"]
        assert [row["办件编号"] for row in data] == ["2026-001"]  # not the neighbour's case
        row = data[0]
        assert row["申请人"] == "张建国"
        assert row["身份证号"] == population.householder.masked_id_number
        assert row["身份证号"] != population.householder.id_number
        assert (row["状态"], row["逾期未办结"], row["办理方式"]) == ("已受理", "是", "代办")
        assert row["受理时间"] == "2026-03-02 09:00"

    def test_the_case_register_export_shows_full_numbers_to_the_head(self, world, population, windows):
        _, data = self.export("services-cases", world, world.head)
        assert data[0]["身份证号"] == population.householder.id_number

    def test_the_item_export(self, world, windows):
        header, data = self.export("services-items", world, world.worker)
        assert header[:3] == ["服务窗口", "事项名称", "排序"]
        assert [(row["服务窗口"], row["事项名称"]) for row in data] == [
            ("党群服务窗口", "党组织关系转接"),
            ("社会事务综合服务窗口", "残疾证办理"),
            ("社会事务综合服务窗口", "开具居住证明"),
        ]
        by_name = {row["事项名称"]: row for row in data}
        assert by_name["开具居住证明"]["即办件"] == "是"
        assert by_name["残疾证办理"]["办结时限(天)"] in (15, "15")

    def test_the_sheets_are_export_only(self):
        assert not registry.get("services-cases").importable
        assert not registry.get("services-items").importable
