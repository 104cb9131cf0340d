"""Pages of residents' participation: the permission matrix of every URL (another community's worker gets 404
on every object page), a suggestion received, assigned, carried out and declined through the forms, the grid
worker's view, the overdue list, the monthly 社情民意汇总表 and its Excel, disclosures with items and attachments,
and evaluations whose votes exceed the participants."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from committee.models.participation import (
    Disclosure,
    DisclosureAttachment,
    DisclosureItem,
    Evaluation,
    Suggestion,
    SuggestionStatus,
)
from tests.committee import participation_fixtures
from tests.committee.participation_fixtures import D, pdf_file
from tests.matrix import Page

pytestmark = pytest.mark.django_db

participation = participation_fixtures.participation


@pytest.fixture
def pages_world(world, participation):
    world.suggestion = participation.received  # group_a: the grid worker's
    world.processing = participation.processing
    world.disclosure = participation.disclosure
    world.item = participation.item
    world.attachment = participation.attachment
    world.evaluation = participation.committee_evaluation
    return world


EDITORS_ELSEWHERE = ("other_head",)
SUGGESTION_LISTS = [
    ("suggestion_list", "suggestion"),
    ("suggestion_overdue", "suggestion"),
    ("suggestion_summary", None),
]
SUGGESTION_DETAILS = [("suggestion_detail", "suggestion")]
SUGGESTION_FORMS = [
    ("suggestion_add", None),
    ("suggestion_edit", "suggestion"),
    ("suggestion_assign", "suggestion"),
    ("suggestion_implement", "processing"),
    ("suggestion_decline", "suggestion"),
]
OTHER_LISTS = [("disclosure_list", "disclosure"), ("evaluation_list", "evaluation")]
OTHER_DETAILS = [
    ("disclosure_detail", "disclosure"),
    ("disclosureattachment_download", "attachment"),
    ("evaluation_detail", "evaluation"),
]
OTHER_FORMS = [
    ("disclosure_add", None),
    ("disclosure_edit", "disclosure"),
    ("disclosureitem_add", "disclosure"),
    ("disclosureitem_edit", "item"),
    ("disclosureattachment_add", "disclosure"),
    ("evaluation_add", None),
    ("evaluation_edit", "evaluation"),
]


def _lists(names, allowed, denied):
    return [Page(f"committee:{name}", hides=hides, allowed=allowed, denied=denied) for name, hides in names]


PAGES = [
    *_lists(SUGGESTION_LISTS + OTHER_LISTS, "worker", "norole"),
    *_lists(SUGGESTION_LISTS + OTHER_LISTS, "street_leader", "mediator"),
    *_lists(SUGGESTION_LISTS, "grid_worker", "mediator"),
    *(
        Page(f"committee:{name}", obj=obj, allowed=allowed, denied=denied)
        for name, obj in SUGGESTION_DETAILS + OTHER_DETAILS
        for allowed, denied in (("worker", "norole"), ("auditor", "mediator"))
    ),
    *(Page(f"committee:{name}", obj=obj, allowed="grid_worker", denied="mediator") for name, obj in SUGGESTION_DETAILS),
    # A grid worker has no right to the disclosures and evaluations.
    *(Page(f"committee:{name}", obj=obj, allowed="head", denied="grid_worker") for name, obj in OTHER_DETAILS),
    Page("committee:suggestion_summary_xlsx", allowed="head", denied="norole"),
    Page("committee:suggestion_summary_xlsx", allowed="worker", denied="auditor"),
    *(
        Page(f"committee:{name}", obj=obj, allowed=allowed, denied=denied, post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in SUGGESTION_FORMS + OTHER_FORMS
        for allowed, denied in (("worker", "norole"), ("head", "street_leader"), ("head", "auditor"))
    ),
    *(
        Page(
            f"committee:{name}",
            obj=obj,
            allowed="grid_worker",
            denied="mediator",
            post=True,
            outsiders=EDITORS_ELSEWHERE,
        )
        for name, obj in SUGGESTION_FORMS
    ),
    *(
        Page(
            f"committee:{name}", obj=obj, allowed="worker", denied="grid_worker", post=True, outsiders=EDITORS_ELSEWHERE
        )
        for name, obj in OTHER_FORMS
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


def test_another_community_s_worker_gets_404_on_every_object_page(world, participation, client):
    client.force_login(world.other_worker)
    objects = {
        "suggestion": participation.received,
        "disclosure": participation.disclosure,
        "item": participation.item,
        "attachment": participation.attachment,
        "evaluation": participation.committee_evaluation,
    }
    for name, obj in [*SUGGESTION_DETAILS, *SUGGESTION_FORMS, *OTHER_DETAILS, *OTHER_FORMS]:
        if obj is None:
            continue
        url = reverse(f"committee:{name}", kwargs={"pk": objects.get(obj, participation.processing).pk})
        assert client.get(url).status_code == 404, url


def test_the_grid_worker_never_sees_another_group_s_suggestion(world, participation, client):
    client.force_login(world.grid_worker)
    page = client.get(reverse("committee:suggestion_list")).content.decode()
    assert participation.received.get_absolute_url() in page
    assert participation.implemented.get_absolute_url() not in page  # group_b
    assert client.get(participation.implemented.get_absolute_url()).status_code == 404
    form = client.get(reverse("committee:suggestion_add")).context["form"]
    assert list(form.fields["group"].queryset) == [world.group_a]
    assert form.fields["group"].required


class TestSuggestionFlow:
    def test_receive_assign_implement(self, world, participation, population, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:suggestion_add"),
            {
                "received_on": "2026-05-06",
                "source": "grid_visit",
                "group": "",
                "submitter_person": population.householder.id_number,
                "submitter_name": "",
                "submitter_phone": "",
                "meeting": "",
                "category": "facilities",
                "content": "寨子组水池护栏松动,存在安全隐患。",
                "note": "",
            },
        )
        assert response.status_code == 302
        suggestion = Suggestion.objects.get(content__startswith="寨子组水池护栏")
        assert (suggestion.number, suggestion.group, suggestion.submitter_person) == (
            "2026-004",
            world.group_a,
            population.householder,
        )
        detail = client.get(suggestion.get_absolute_url()).content.decode()
        assert "张建国" in detail
        assert reverse("committee:suggestion_assign", args=[suggestion.pk]) in detail
        assert reverse("committee:suggestion_implement", args=[suggestion.pk]) not in detail  # not yet assigned

        response = client.post(
            reverse("committee:suggestion_assign", args=[suggestion.pk]),
            {"handler": participation.worker_staff.pk, "handler_user": "", "assigned_on": "2026-05-07", "note": ""},
        )
        assert response.status_code == 302
        response = client.post(
            reverse("committee:suggestion_implement", args=[suggestion.pk]),
            {"implemented_on": "2026-05-15", "reply": "已加固护栏并电话告知。", "answered_on": ""},
        )
        assert response.status_code == 302
        suggestion.refresh_from_db()
        assert (suggestion.status, suggestion.handler, suggestion.implemented_on, suggestion.answered_on) == (
            SuggestionStatus.IMPLEMENTED,
            participation.worker_staff,
            D(2026, 5, 15),
            D(2026, 5, 15),
        )
        assert [entry.history_change_reason for entry in suggestion.history.order_by("history_id")] == [
            "受理",
            "交办",
            "已落实",
        ]

    def test_an_illegal_step_is_shown_on_the_form(self, world, participation, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:suggestion_implement", args=[participation.received.pk]),
            {"implemented_on": "2026-03-05", "reply": "已修好。"},
        )
        assert response.status_code == 200
        assert "该意见建议尚未交办承办人,请先交办再登记落实。" in response.content.decode()
        response = client.post(
            reverse("committee:suggestion_decline", args=[participation.processing.pk]),
            {"answered_on": "2026-03-08", "reason": "", "reply": ""},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["reason"] == ["这个字段是必填项。"]
        response = client.post(
            reverse("committee:suggestion_assign", args=[participation.received.pk]),
            {"handler": participation.director.pk, "handler_user": world.worker.pk, "assigned_on": "2026-03-03"},
        )
        assert "请选择一名承办人(工作人员或系统账号,二者选一)。" in response.content.decode()
        assert Suggestion.objects.get(pk=participation.received.pk).status == SuggestionStatus.RECEIVED

    def test_an_anonymous_suggestion_with_a_name_is_refused(self, world, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:suggestion_add"),
            {
                "received_on": "2026-05-06",
                "source": "box",
                "submitter_name": "张三",
                "anonymous": "on",
                "category": "other",
                "content": "匿名意见。",
            },
        )
        assert response.status_code == 200
        assert "匿名的意见建议不填写提出人。" in response.content.decode()

    def test_the_list_shows_the_year_s_rates_and_the_overdue_ones(self, world, participation, client):
        client.force_login(world.head)
        response = client.get(reverse("committee:suggestion_list"), {"year": 2026})
        figures = response.context["figures"]
        assert (figures.received, figures.implemented, figures.declined) == (3, 1, 0)
        page = response.content.decode()
        assert "33.3%" in page
        overdue = client.get(reverse("committee:suggestion_overdue"))
        listed = list(overdue.context["object_list"])
        if timezone.localdate() > D(2026, 4, 4):  # 30 days after 2026-03-05
            assert listed == [participation.received, participation.processing]
            assert "超期" in overdue.content.decode()


class TestMonthSummaryPages:
    def test_the_page_counts_the_month(self, world, participation, client):
        client.force_login(world.worker)
        response = client.get(reverse("committee:suggestion_summary"), {"month": "2026-03"})
        summary = response.context["summary"]
        assert (summary.received, summary.settled_implemented) == (3, 1)
        page = response.content.decode()
        assert "箐口居委会2026年3月社情民意汇总表" in page
        assert participation.other.get_absolute_url() not in page

    def test_the_grid_worker_s_summary_holds_their_groups(self, world, participation, client):
        client.force_login(world.grid_worker)
        response = client.get(reverse("committee:suggestion_summary"), {"month": "2026-03"})
        assert response.context["summary"].received == 2

    def test_the_excel_sheet(self, world, participation, client):
        client.force_login(world.head)
        response = client.get(reverse("committee:suggestion_summary_xlsx"), {"month": "2026-03"})
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        values = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
        assert values[0] == ["箐口居委会2026年3月社情民意汇总表"]
        totals = next(row for row in values if row and row[0] == "合计")
        assert totals[-1] == 3
        numbers = [row[0] for row in values if row and str(row[0]).startswith("2026-0")]
        assert numbers == ["2026-001", "2026-002", "2026-003"]
        assert world.head.data_exchanges.filter(register="committee-suggestion-summary").count() == 1


class TestDisclosurePages:
    def test_the_list_counts_the_year_against_four(self, world, participation, client):
        client.force_login(world.worker)
        response = client.get(reverse("committee:disclosure_list"), {"year": 2026})
        this_year = response.context["years"][0]
        assert (this_year.year, this_year.regular, this_year.met) == (2026, 1, False)
        assert "1/4 次" in response.content.decode()

    def test_items_and_attachments_through_the_pages(self, world, participation, client):
        client.force_login(world.worker)
        disclosure = participation.disclosure
        response = client.post(
            reverse("committee:disclosureitem_add", args=[disclosure.pk]),
            {"category": "policy_funds", "title": "低保金", "content": "", "amount": "3800", "order": "3"},
        )
        assert response.status_code == 302
        assert DisclosureItem.objects.get(title="低保金").community == world.community
        response = client.post(
            reverse("committee:disclosureattachment_add", args=[disclosure.pk]),
            {"title": "收支明细表", "file": pdf_file("收支明细.pdf")},
        )
        assert response.status_code == 302
        attachment = DisclosureAttachment.objects.get(title="收支明细表")
        page = client.get(disclosure.get_absolute_url()).content.decode()
        assert "18800.00" in page  # 15000 + 3800
        assert attachment.get_absolute_url() in page
        download = client.get(attachment.get_absolute_url())
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"%PDF-1.4 demo"
        response = client.post(
            reverse("committee:disclosureattachment_add", args=[disclosure.pk]),
            {"title": "程序", "file": pdf_file("x.exe")},
        )
        assert response.status_code == 200
        assert "不支持的文件类型" in response.content.decode()

    def test_a_financial_disclosure_without_review_is_refused(self, world, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:disclosure_add"),
            {
                "kind": "finance",
                "title": "2026年第二季度财务公开",
                "year": "2026",
                "quarter": "2",
                "published_on": "2026-07-06",
                "channel": "board",
            },
        )
        assert response.status_code == 200
        assert "财务公开须经财务监审小组审核,请选择审核机构或填写审核人。" in response.content.decode()
        assert not Disclosure.objects.filter(title="2026年第二季度财务公开").exists()


class TestEvaluationPages:
    def test_the_list_shows_the_year_s_satisfaction(self, world, participation, client):
        client.force_login(world.auditor)
        response = client.get(reverse("committee:evaluation_list"), {"year": 2026})
        satisfaction = response.context["satisfaction"]
        assert satisfaction.committee.satisfaction_rate_display == "96%"
        assert satisfaction.cadre(participation.director).satisfaction_rate_display == "88.9%"
        assert "96%" in response.content.decode()

    def test_votes_above_the_participants_are_refused(self, world, participation, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:evaluation_add"),
            {
                "date": "2026-11-18",
                "kind": "democratic",
                "evaluatee": "committee",
                "participants": "10",
                "satisfied": "9",
                "basic": "2",
                "unsatisfied": "0",
                "source": "测评表",
            },
        )
        assert response.status_code == 200
        assert "满意、基本满意、不满意共11票,超过了参评人数10人。" in response.content.decode()
        assert not Evaluation.objects.filter(participants=10).exists()
        response = client.post(
            reverse("committee:evaluation_add"),
            {
                "date": "2026-11-18",
                "kind": "report",
                "evaluatee": "staff",
                "staff": participation.worker_staff.pk,
                "participants": "10",
                "satisfied": "8",
                "basic": "1",
                "unsatisfied": "1",
                "source": "测评表",
            },
        )
        assert response.status_code == 302
        evaluation = Evaluation.objects.get(participants=10)
        assert (evaluation.staff, evaluation.recorded_by, evaluation.satisfaction_rate_display) == (
            participation.worker_staff,
            world.worker,
            "90%",
        )
