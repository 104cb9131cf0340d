"""Pages of 社会救助·福利: the permission matrix of every URL (a worker of another community gets 404 on
every object page), the batch flow through the forms, the signature sheet download and the Excel sheets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from governance import roles
from governance.excel import export_to_tempfile, registry, run_import
from governance.models import DataExchangeLog
from services.models.welfare import (
    AssistancePair,
    BatchStatus,
    DistributionBatch,
    DonationCampaign,
    EnrolmentStatus,
    PairKind,
    WelfareEnrolment,
)
from services.services.welfare import (
    batch_approve,
    batch_build_from_rule,
    batch_submit,
    campaign_save,
    pair_save,
)
from tests.excel.helpers import read_sheet, workbook_bytes
from tests.factories import UserFactory
from tests.matrix import Page
from tests.services import welfare_fixtures
from tests.services.welfare_fixtures import RULE_DAY, D

pytestmark = pytest.mark.django_db

welfare = welfare_fixtures.welfare


def new_draft(actor, programme):
    from services.services.welfare import batch_create

    return batch_create(
        actor=actor, batch=DistributionBatch(title="高龄补贴三月", programme=programme, period=RULE_DAY)
    )


@pytest.fixture
def pages_world(world, population, welfare):
    """The world with the welfare records as attributes, for ``Page(obj=...)``."""
    world.programme = welfare.dibao
    world.enrolment = welfare.enrolment
    world.draft = batch_build_from_rule(
        actor=world.worker, batch=new_draft(world.worker, welfare.elderly), on=RULE_DAY, min_age=80
    )
    world.line = world.draft.lines.first()
    submitted = batch_build_from_rule(
        actor=world.worker, batch=new_draft(world.worker, welfare.elderly), on=RULE_DAY, min_age=80
    )
    world.submitted = batch_submit(actor=world.worker, batch=submitted)
    approved = batch_submit(
        actor=world.worker,
        batch=batch_build_from_rule(
            actor=world.worker, batch=new_draft(world.worker, welfare.elderly), on=RULE_DAY, min_age=80
        ),
    )
    world.approved = batch_approve(actor=world.head, batch=approved, on=approved.submitted_at.date())
    world.paid_line = world.approved.lines.first()
    world.campaign = campaign_save(
        actor=world.worker, campaign=DonationCampaign(name="帮困基金", start_on=D(2026, 10, 1))
    )
    world.pair = pair_save(
        actor=world.worker,
        pair=AssistancePair(
            kind=PairKind.CADRE,
            helper_user=world.worker,
            helped_household=population.household,
            started_on=D(2026, 3, 1),
        ),
    )
    return world


OUTSIDERS = ("other_head", "other_worker", "far_leader")
# Writers elsewhere: a far street leader holds no write permission (403 before any scope).
WRITERS = ("other_head", "other_worker")
LISTS = [
    ("welfareprogramme_list", "programme"),
    ("welfareenrolment_list", "enrolment"),
    ("welfareenrolment_overdue", None),
    ("distributionbatch_list", "approved"),
    ("distribution_totals", None),
    ("donationcampaign_list", "campaign"),
    ("assistancepair_list", "pair"),
]
DETAILS = [
    ("welfareprogramme_detail", "programme"),
    ("welfareenrolment_detail", "enrolment"),
    ("distributionbatch_detail", "approved"),
    ("donationcampaign_detail", "campaign"),
    ("assistancepair_detail", "pair"),
]
FORMS = [
    ("welfareprogramme_add", None),
    ("welfareprogramme_edit", "programme"),
    ("welfareenrolment_add", None),
    ("welfareenrolment_edit", "enrolment"),
    ("welfareenrolment_advance", "enrolment"),
    ("welfareenrolment_stop", "enrolment"),
    ("welfareenrolment_review", "enrolment"),
    ("distributionbatch_add", None),
    ("distributionbatch_edit", "draft"),
    ("distributionbatch_build", "draft"),
    ("distributionline_add", "draft"),
    ("distributionbatch_submit", "draft"),
    ("distributionbatch_pay", "approved"),
    ("distributionbatch_correct", "approved"),
    ("distributionline_amount", "line"),
    ("distributionline_remove", "line"),
    ("distributionline_pay", "paid_line"),
    ("donationcampaign_add", None),
    ("donationcampaign_edit", "campaign"),
    ("donation_add", "campaign"),
    ("assistancepair_add", None),
    ("assistancepair_edit", "pair"),
    ("assistancevisit_add", "pair"),
]
APPROVER_FORMS = [("distributionbatch_approve", "submitted"), ("distributionbatch_return", "submitted")]

PAGES = [
    *(
        Page(f"services:{name}", hides=hides, allowed="worker", denied="norole", outsiders=OUTSIDERS)
        for name, hides in LISTS
    ),
    *(Page(f"services:{name}", hides=hides, allowed="street_leader", denied="mediator") for name, hides in LISTS),
    *(
        Page(f"services:{name}", obj=obj, allowed="worker", denied="norole", outsiders=OUTSIDERS)
        for name, obj in DETAILS
    ),
    *(Page(f"services:{name}", obj=obj, allowed="auditor", denied="mediator") for name, obj in DETAILS),
    *(
        Page(f"services:{name}", obj=obj, allowed="worker", denied="norole", post=True, outsiders=WRITERS)
        for name, obj in FORMS
    ),
    # A street leader reads but cannot write.
    *(
        Page(f"services:{name}", obj=obj, allowed="worker", denied="street_leader", post=True, outsiders=WRITERS)
        for name, obj in FORMS
    ),
    # Approving needs services.approve_distributionbatch: a worker has it not.
    *(
        Page(f"services:{name}", obj=obj, allowed="head", denied="worker", post=True, outsiders=("other_head",))
        for name, obj in APPROVER_FORMS
    ),
    Page("services:distributionbatch_sheet", obj="approved", allowed="worker", denied="auditor", outsiders=OUTSIDERS),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


class TestBatchFlowThroughTheForms:
    def test_a_worker_builds_submits_and_a_head_approves(self, client, world, welfare):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:distributionbatch_add"),
            {"title": "2026年3月高龄补贴", "programme": welfare.elderly.pk, "period": "2026-03"},
        )
        assert response.status_code == 302, response.context["form"].errors
        batch = DistributionBatch.objects.get(title="2026年3月高龄补贴")
        assert (batch.period, batch.prepared_by, batch.community) == (D(2026, 3, 1), world.worker, world.community)
        response = client.post(
            reverse("services:distributionbatch_build", args=[batch.pk]),
            {"source": "rule", "min_age": "80", "on": "2026-03-01"},
        )
        assert response.status_code == 302, response.context["form"].errors
        assert {line.person for line in batch.lines.all()} == {welfare.old_81, welfare.turns_80}
        page = client.get(batch.get_absolute_url())
        assert "杨老大" in page.content.decode()
        assert "杨老三" not in page.content.decode()
        assert client.post(reverse("services:distributionbatch_submit", args=[batch.pk])).status_code == 302
        # The worker is refused the approval page (403), the head approves.
        assert client.get(reverse("services:distributionbatch_approve", args=[batch.pk])).status_code == 403
        client.force_login(world.head)
        response = client.post(reverse("services:distributionbatch_approve", args=[batch.pk]), {"on": "2026-11-22"})
        assert response.status_code == 302, response.context["form"].errors
        batch.refresh_from_db()
        assert (batch.status, batch.approved_by) == (BatchStatus.APPROVED, world.head)

    def test_the_preparer_head_sees_the_four_eyes_error_on_the_form(self, client, world, welfare):
        batch = batch_build_from_rule(
            actor=world.head, batch=new_draft(world.head, welfare.elderly), on=RULE_DAY, min_age=80
        )
        batch_submit(actor=world.head, batch=batch)
        client.force_login(world.head)
        response = client.post(reverse("services:distributionbatch_approve", args=[batch.pk]), {"on": "2026-11-22"})
        assert response.status_code == 403
        batch.refresh_from_db()
        assert batch.status == BatchStatus.SUBMITTED

    def test_an_enrolment_is_applied_for_and_advanced_through_the_forms(self, client, world, population, welfare):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:welfareenrolment_add"),
            {"programme": welfare.elderly.pk, "person": welfare.old_81.id_number, "applied_on": "2026-04-01"},
        )
        assert response.status_code == 302, response.context["form"].errors
        enrolment = WelfareEnrolment.objects.get(person=welfare.old_81)
        assert enrolment.amount == Decimal("50.00")
        response = client.post(reverse("services:welfareenrolment_advance", args=[enrolment.pk]), {"on": "2026-04-03"})
        assert response.status_code == 302
        enrolment.refresh_from_db()
        assert (enrolment.status, enrolment.investigated_on) == (EnrolmentStatus.INVESTIGATING, D(2026, 4, 3))
        response = client.post(reverse("services:welfareenrolment_advance", args=[enrolment.pk]), {"on": "2026-03-01"})
        assert response.status_code == 200
        assert "审核日期不能早于上一步的日期" in response.content.decode()

    def test_a_household_programme_asks_for_the_household_number(self, client, world, population, welfare):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:welfareenrolment_add"),
            {"programme": welfare.dibao.pk, "person": population.spouse.id_number, "applied_on": "2026-04-01"},
        )
        assert response.status_code == 200
        assert "以户享受,请填写户号" in response.content.decode()


class TestSignatureSheet:
    def test_the_sheet_lists_the_batch_lines_masked_for_a_worker_and_is_logged(self, client, pages_world, welfare):
        world = pages_world
        client.force_login(world.worker)
        response = client.get(reverse("services:distributionbatch_sheet", args=[world.approved.pk]))
        assert response.status_code == 200
        rows = read_sheet(b"".join(response.streaming_content))
        assert rows[0] == [
            "批次",
            "户号",
            "户主/姓名",
            "证件号码",
            "金额(元)",
            "发放方式",
            "签领日期",
            "签领(签字或手印)",
        ]
        assert sorted(row[2] for row in rows[1:]) == sorted(["杨老大", "杨老二"])
        assert all(row[0] == world.approved.number for row in rows[1:])
        assert all("*" in row[3] for row in rows[1:])
        assert all(row[4] == 50 for row in rows[1:])
        log = DataExchangeLog.objects.get(register="services-distribution-lines")
        assert (log.user, log.rows, log.direction) == (world.worker, 2, "export")

    def test_a_head_sees_the_full_id_numbers(self, client, pages_world, welfare):
        client.force_login(pages_world.head)
        response = client.get(reverse("services:distributionbatch_sheet", args=[pages_world.approved.pk]))
        rows = read_sheet(b"".join(response.streaming_content))
        assert {row[3] for row in rows[1:]} == {welfare.old_81.id_number, welfare.turns_80.id_number}


class TestExcel:
    def test_every_welfare_register_exports(self, pages_world):
        world = pages_world
        expected = {
            "services-welfare-programmes": 2,
            "services-welfare-enrolments": 2,
            "services-distribution-batches": 3,
            "services-distribution-lines": 6,
            "services-donations": 0,
            "services-assistance-pairs": 1,
        }
        import os

        for code, count in expected.items():
            register = registry.get(code)(community=world.community, user=world.worker)
            path, rows = export_to_tempfile(register)
            try:
                assert rows == count, code
                sheet = read_sheet(path)
                assert len(sheet) == count + 1
            finally:
                os.unlink(path)

    def test_enrolment_import_preview_then_all_or_nothing(self, world, population, welfare):
        register = registry.get("services-welfare-enrolments")(community=world.community, user=world.worker)
        headers = ["项目", "证件号码", "姓名", "户号", "状态", "享受金额(元)", "申报日期", "在保日期"]
        good = [
            ["高龄补贴", welfare.old_81.id_number, "杨老大", "", "在保", "", "2025-12-01", "2026-01-01"],
            ["城乡低保", "", "", "0002", "在保", "280", "2026-03-01", "2026-04-01"],
        ]
        bad = [*good, ["城乡低保", welfare.turns_80.id_number, "杨老二", "", "在保", "", "2026-03-01", "2026-04-01"]]
        report = run_import(register, workbook_bytes(headers, bad), commit=True)
        assert not report.committed
        assert [str(error) for error in report.errors] == ["第4行「户号」:项目「城乡低保」以户享受,请填写户号。"]
        assert WelfareEnrolment.objects.count() == 2  # the fixture's, nothing written

        report = run_import(register, workbook_bytes(headers, good), commit=True)
        assert report.committed, list(report.lines())
        assert report.counts["new"] == 1
        assert report.counts["changed"] == 1
        new = WelfareEnrolment.objects.get(person=welfare.old_81)
        assert (new.status, new.amount, new.next_review_on) == (EnrolmentStatus.ACTIVE, Decimal("50.00"), D(2027, 1, 1))
        assert new.history.get().history_user == world.worker
        updated = WelfareEnrolment.objects.get(pk=welfare.applied.pk)
        assert (updated.status, updated.amount, updated.approved_on) == (
            EnrolmentStatus.ACTIVE,
            Decimal("280.00"),
            D(2026, 4, 1),
        )

    def test_enrolment_import_reports_a_bad_row_by_row_and_column(self, world, welfare):
        register = registry.get("services-welfare-enrolments")(community=world.community, user=world.worker)
        headers = ["项目", "证件号码", "户号", "状态", "享受金额(元)", "申报日期"]
        rows = [
            ["高龄补贴", welfare.old_81.id_number, "", "申报", "abc", "2026-04-01"],
            ["不存在的项目", welfare.turns_80.id_number, "", "申报", "", "2026-04-01"],
            ["高龄补贴", welfare.other_90.id_number, "", "申报", "", "2026-04-01"],
        ]
        report = run_import(register, workbook_bytes(headers, rows), commit=True)
        assert not report.committed
        errors = {(error.row, error.column) for error in report.errors}
        assert errors == {(2, "享受金额(元)"), (3, "项目"), (4, "证件号码")}
        assert not WelfareEnrolment.objects.filter(programme=welfare.elderly).exists()


def test_the_totals_page_counts_approved_batches_only(client, pages_world):
    client.force_login(pages_world.worker)
    response = client.get(reverse("services:distribution_totals"), {"year": "2026"})
    assert response.status_code == 200
    table = response.context["table"]
    assert [(name, amount, recipients) for name, _, amount, recipients in table] == [("高龄补贴", Decimal("100.00"), 2)]


def test_a_second_head_is_a_valid_approver(client, world, welfare):
    second = UserFactory(username="zhuren", community=world.community, role=roles.COMMUNITY_HEAD)
    assert second.has_perm("services.approve_distributionbatch")
    assert not world.worker.has_perm("services.approve_distributionbatch")
    assert not world.street_leader.has_perm("services.approve_distributionbatch")
