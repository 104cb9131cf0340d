"""Pages of 人民调解: the permission matrix of every URL, the workflow through the forms, the agreement
PDF (its Chinese text extracted with pypdf), the purpose-stated access log and the Excel exports."""

from __future__ import annotations

import datetime
import io
import os

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from governance.excel import export_to_tempfile, registry
from safety.models import SensitiveAccess
from safety.models.mediation import DisputeCase, DisputeStatus, FollowUp, MediationSession
from tests.excel.helpers import as_rows, read_sheet
from tests.matrix import Page
from tests.safety import mediation_fixtures
from tests.safety.mediation_fixtures import close_success, record_session

pytestmark = pytest.mark.django_db

mediation = mediation_fixtures.mediation


@pytest.fixture
def pages_world(world, population, mediation):
    """The world with the mediation records as attributes, for ``Page(obj=...)``."""
    world.member = mediation.director
    world.case = mediation.case
    settled = mediation_fixtures.open_case(world.mediator, population.son, "外地商贩")
    record_session(world.mediator, settled, mediation.director)
    world.settled = close_success(world.mediator, settled)
    world.followup = world.settled.followups.get()
    return world


LISTS = [("committeemember_list", "member"), ("disputecase_list", "case"), ("followup_list", "followup"),
         ("dispute_screening", None), ("dispute_screening_export", None)]  # fmt: skip
DETAILS = [("committeemember_detail", "member"), ("disputecase_detail", "case"), ("disputecase_agreement", "settled")]
FORMS = [
    ("committeemember_add", None),
    ("committeemember_edit", "member"),
    ("disputecase_add", None),
    ("disputecase_edit", "case"),
    ("disputeparty_add", "case"),
    ("mediationsession_add", "case"),
    ("disputecase_close", "case"),
    ("disputecase_judicial", "settled"),
    ("followup_add", "settled"),
    ("followup_done", "followup"),
]

PAGES = [
    *(
        Page(f"safety:{name}", hides=hides, allowed="mediator", denied="worker", denied_status=404)
        for name, hides in LISTS
    ),
    *(Page(f"safety:{name}", allowed="head", denied="auditor", denied_status=404) for name, _ in LISTS),
    *(Page(f"safety:{name}", obj=obj, allowed="mediator", denied="worker", denied_status=404) for name, obj in DETAILS),
    *(
        Page(f"safety:{name}", obj=obj, allowed="head", denied="street_leader", denied_status=404)
        for name, obj in DETAILS
        if obj
    ),
    *(
        Page(f"safety:{name}", obj=obj, allowed="mediator", denied="worker", denied_status=404, post=True)
        for name, obj in FORMS
    ),
    *(
        Page(f"safety:{name}", obj=obj, allowed="head", denied="norole", denied_status=404, post=True)
        for name, obj in FORMS
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


def state_purpose(client, case, purpose="调解工作"):
    response = client.post(reverse("safety:disputecase_detail", args=[case.pk]), {"purpose": purpose})
    assert response.status_code == 302


class TestWorkflow:
    def test_a_mediator_opens_mediates_and_settles_a_dispute_through_the_forms(
        self, client, world, population, mediation
    ):
        client.force_login(world.mediator)
        response = client.post(
            reverse("safety:disputecase_add"),
            {
                "kind": "neighbour",
                "group": world.group_a.pk,
                "source": "application",
                "received_on": "2026-05-06",
                "level": "committee",
                "summary": "张伟与李秀英因通道堆放杂物发生争执。",
                "applicant_person": population.son.id_number,
                "respondent_person": population.householder_b.id_number,
                "mediators": [mediation.director.pk],
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        case = DisputeCase.objects.get(summary__startswith="张伟与李秀英")
        assert case.number == "2026-002"
        assert case.community == world.community
        assert {party.person for party in case.parties.all()} == {population.son, population.householder_b}

        response = client.post(
            reverse("safety:mediationsession_add", args=[case.pk]),
            {
                "held_on": "2026-05-08",
                "place": "寨子组活动室",
                "mediators": [mediation.director.pk],
                "summary": "释法说理",
            },
        )
        assert response.status_code == 302
        response = client.post(
            reverse("safety:disputecase_close", args=[case.pk]),
            {
                "outcome": "success",
                "closed_on": "2026-05-09",
                "agreement_terms": "张伟于三日内清理通道杂物。",
                "performance": "自行清理,2026年5月12日前完成。",
                "signed_on": "2026-05-09",
            },
        )
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.status == DisputeStatus.SUCCESS
        assert FollowUp.objects.get(case=case).due_on == datetime.date(2026, 6, 8)

    def test_a_party_unknown_in_the_scope_is_a_form_error(self, client, world, population, mediation):
        client.force_login(world.mediator)
        response = client.post(
            reverse("safety:disputecase_add"),
            {
                "kind": "neighbour",
                "source": "application",
                "received_on": "2026-05-06",
                "level": "committee",
                "summary": "争执",
                "applicant_person": population.outsider.id_number,
                "respondent_name": "",
            },
        )
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert f"在您的管辖范围内没有证件号码为 {population.outsider.id_number} 的人员。" in errors["applicant_person"]
        assert "请填写被申请方的身份证号(在册居民)或姓名。" in errors["respondent_person"]
        assert DisputeCase.objects.count() == 2

    def test_a_refused_transition_shows_its_message_on_the_form(self, client, world, mediation):
        client.force_login(world.mediator)
        response = client.post(
            reverse("safety:disputecase_close", args=[mediation.case.pk]),
            {"outcome": "success", "closed_on": "2026-03-10", "agreement_terms": "协议", "signed_on": "2026-03-10"},
        )
        assert response.status_code == 200
        assert "尚未登记调解记录,不能以“调解成功”结案。" in response.content.decode()
        assert DisputeCase.objects.get(pk=mediation.case.pk).status == DisputeStatus.RECEIVED

    def test_the_detail_page_asks_a_purpose_and_logs_every_view(self, client, world, mediation):
        client.force_login(world.mediator)
        url = reverse("safety:disputecase_detail", args=[mediation.case.pk])
        response = client.get(url)
        assert "查阅事由" in response.content.decode()
        assert "王芳" not in response.content.decode()
        state_purpose(client, mediation.case)
        content = client.get(url).content.decode()
        assert "王芳" in content
        assert "张建国" in content
        client.get(url)
        entries = SensitiveAccess.objects.filter(object_id=mediation.case.pk, user=world.mediator)
        assert entries.count() == 2
        assert set(entries.values_list("purpose", flat=True)) == {"调解工作"}

    def test_id_numbers_are_masked_for_the_mediator_and_full_for_the_head(self, client, world, population, mediation):
        for user, shown in ((world.mediator, population.householder.masked_id_number),
                            (world.head, population.householder.id_number)):  # fmt: skip
            client.force_login(user)
            state_purpose(client, mediation.case)
            content = client.get(reverse("safety:disputecase_detail", args=[mediation.case.pk])).content.decode()
            assert shown in content
        assert population.householder.id_number != population.householder.masked_id_number


class TestAgreementPdf:
    def text(self, response) -> str:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)

    def test_the_agreement_is_a_pdf_with_the_parties_terms_and_signature_block(self, client, pages_world, population):
        client.force_login(pages_world.mediator)
        url = reverse("safety:disputecase_agreement", args=[pages_world.settled.pk])
        assert "查阅事由" in client.get(url).content.decode()  # the purpose first, as for the case page
        client.post(url, {"purpose": "打印调解协议书"})
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]
        text = self.text(response)
        for expected in ("人民调解协议书", "张伟", "外地商贩", "雨水槽", "人民调解委员会", "第 1 页", "2026年3月10日"):
            assert expected in text, expected
        assert population.son.masked_id_number in text
        assert population.son.id_number not in text
        assert SensitiveAccess.objects.filter(object_id=pages_world.settled.pk, purpose="打印调解协议书").count() == 1

    def test_only_successful_cases_have_an_agreement(self, client, world, mediation):
        client.force_login(world.mediator)
        response = client.get(reverse("safety:disputecase_agreement", args=[mediation.case.pk]))
        assert response.status_code == 404


class TestCommitteePage:
    def test_members_by_role_with_their_count(self, client, world, mediation):
        client.force_login(world.mediator)
        response = client.get(reverse("safety:committeemember_list"))
        roles = dict(response.context["roles"])
        assert response.context["member_count"] == 3  # the former member left in 2025
        assert [member.display_name for member in roles["主任"]] == [world.mediator.display_name]
        assert [member.display_name for member in roles["民调信息员"]] == ["普建华"]
        assert '共 <span id="member-count">3</span> 人' in response.content.decode()
        everyone = client.get(reverse("safety:committeemember_list"), {"serving": ""})
        assert everyone.context["member_count"] == 4


class TestScreeningPage:
    def test_the_month_s_table_lists_the_case(self, client, world, mediation):
        record_session(world.mediator, mediation.case, mediation.director)
        client.force_login(world.mediator)
        response = client.get(reverse("safety:dispute_screening"), {"month": "2026-03"})
        content = response.content.decode()
        assert response.context["row_count"] == 1
        assert "2026年3月矛盾纠纷排查调处情况表" in content
        assert mediation.case.number in content
        assert "张建国(申请方)、王芳(被申请方)" in content
        assert "print-sheet" in content
        empty = client.get(reverse("safety:dispute_screening"), {"month": "2025-03"})
        assert "2025年3月没有受理或在调处的矛盾纠纷。" in empty.content.decode()

    def test_the_excel_export_of_the_table(self, client, world, mediation):
        record_session(world.mediator, mediation.case, mediation.director)
        client.force_login(world.mediator)
        response = client.get(reverse("safety:dispute_screening_export"), {"month": "2026-03"})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert rows[0][0] == "箐口居委会2026年3月矛盾纠纷排查调处情况表"
        assert rows[2][:4] == ["序号", "编号", "纠纷类型", "当事人"]
        assert rows[3][0] == "寨子组(1件)"
        assert rows[4][:4] == ["1", "2026-001", "邻里纠纷", "张建国(申请方)、王芳(被申请方)"]
        assert "03-05在社区调解室调解" in rows[4][8]
        from governance.models import DataExchangeLog

        assert DataExchangeLog.objects.get(register="safety-dispute-screening").rows == 1


class TestExcel:
    def export(self, code, world, user):
        path, _count = export_to_tempfile(registry.get(code)(community=world.community, user=user))
        try:
            return as_rows(read_sheet(path))
        finally:
            os.unlink(path)

    def test_the_dispute_register_export(self, world, pages_world):
        header, data = self.export("safety-disputes", world, world.mediator)
        assert header[:8] == [
            "编号",
            "纠纷类型",
            "发生小组",
            "纠纷来源",
            "受理日期",
            "申请方",
            "被申请方",
            "纠纷简要情况",
        ]
        by_number = {row["编号"]: row for row in data}
        assert set(by_number) == {"2026-001", "2026-002"}  # not 朵亩's case
        settled = by_number["2026-002"]
        assert (settled["申请方"], settled["被申请方"], settled["状态"]) == ("张伟", "外地商贩", "调解成功")
        assert settled["调解次数"] in (1, "1")
        assert "身份证" not in " ".join(header)

    def test_the_committee_export(self, world, mediation):
        header, data = self.export("safety-committee", world, world.mediator)
        assert header[:3] == ["姓名", "调委会职务", "身份"]
        assert {row["姓名"] for row in data} == {world.mediator.display_name, "李秀英", "普建华", "何老师"}

    def test_the_registers_are_export_only_and_closed_to_workers(self, client, world, mediation):
        assert not registry.get("safety-disputes").importable
        client.force_login(world.worker)
        for code in ("safety-disputes", "safety-committee"):
            assert client.get(reverse("excel:export", args=[code])).status_code in (403, 404)
        client.force_login(world.mediator)
        assert client.get(reverse("excel:export", args=["safety-disputes"])).status_code == 200
        assert client.get(reverse("excel:import", args=["safety-disputes"])).status_code == 404


def test_sessions_are_not_kept_in_history():
    assert not hasattr(MediationSession, "history")
