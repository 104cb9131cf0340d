"""Services of 社会救助·福利: the enrolment status machine, batches (build, freeze, four-eyes approval,
payment, correction), the rule-built 80+ list, and that an approved batch never changes."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance import roles
from residents.models import Category
from residents.services import membership_add
from services.models.welfare import (
    AssistancePair,
    AssistanceVisit,
    BatchSource,
    BatchStatus,
    DistributionBatch,
    DistributionLine,
    Donation,
    DonationCampaign,
    DonationKind,
    EnrolmentStatus,
    PairKind,
    PaymentMethod,
    WelfareEnrolment,
)
from services.services.welfare import (
    batch_approve,
    batch_build_from_enrolments,
    batch_build_from_rule,
    batch_correct,
    batch_create,
    batch_mark_all_paid,
    batch_return,
    batch_submit,
    batch_update,
    campaign_save,
    donation_add,
    enrolment_advance,
    enrolment_review,
    enrolment_stop,
    enrolment_update,
    line_add,
    line_mark_paid,
    line_remove,
    line_set_amount,
    pair_save,
    rule_recipients,
    visit_add,
)
from tests.factories import UserFactory
from tests.services import welfare_fixtures
from tests.services.welfare_fixtures import RULE_DAY, D, enrol

pytestmark = pytest.mark.django_db

welfare = welfare_fixtures.welfare


def message(error) -> str:
    return " ".join(error.value.messages)


def draft(actor, programme, period=RULE_DAY, **fields):
    return batch_create(
        actor=actor, batch=DistributionBatch(title=fields.pop("title", "三月发放"), programme=programme, period=period)
    )


#
# Enrolments
#


class TestEnrolment:
    def test_apply_defaults_amount_group_and_review_interval_from_the_programme(self, world, population, welfare):
        enrolment = welfare.applied
        assert enrolment.status == EnrolmentStatus.APPLIED
        assert enrolment.amount == Decimal("300.00")
        assert enrolment.review_months == 6
        assert enrolment.group == world.group_b
        assert enrolment.community == world.community

    def test_the_machine_runs_step_by_step_keeping_each_date(self, world, welfare):
        enrolment = welfare.applied
        for on, status in [
            (D(2026, 3, 5), EnrolmentStatus.INVESTIGATING),
            (D(2026, 3, 10), EnrolmentStatus.REVIEWING),
            (D(2026, 3, 12), EnrolmentStatus.PUBLICISED),
            (D(2026, 3, 20), EnrolmentStatus.ACTIVE),
        ]:
            enrolment = enrolment_advance(actor=world.worker, enrolment=enrolment, on=on, approving_body="团结街道")
            assert enrolment.status == status
        enrolment.refresh_from_db()
        assert (enrolment.investigated_on, enrolment.reviewed_on, enrolment.publicised_on, enrolment.approved_on) == (
            D(2026, 3, 5),
            D(2026, 3, 10),
            D(2026, 3, 12),
            D(2026, 3, 20),
        )
        assert enrolment.approving_body == "团结街道"
        assert enrolment.last_review_on == D(2026, 3, 20)
        assert enrolment.next_review_on == D(2026, 9, 20)
        assert [record.history_change_reason for record in enrolment.history.order_by("history_id")] == [
            "申报",
            "调查",
            "审核",
            "公示",
            "在保",
        ]

    def test_a_step_dated_before_the_previous_one_is_refused_and_nothing_written(self, world, welfare):
        before = welfare.applied.history.count()
        with pytest.raises(ValidationError) as error:
            enrolment_advance(actor=world.worker, enrolment=welfare.applied, on=D(2026, 2, 1))
        assert "调查日期不能早于上一步的日期(2026-03-01)" in message(error)
        welfare.applied.refresh_from_db()
        assert welfare.applied.status == EnrolmentStatus.APPLIED
        assert welfare.applied.history.count() == before

    def test_an_active_enrolment_has_no_next_step(self, world, welfare):
        with pytest.raises(ValidationError) as error:
            enrolment_advance(actor=world.worker, enrolment=welfare.enrolment, on=D(2026, 5, 1))
        assert "该对象已在保,没有下一步" in message(error)

    def test_stop_needs_a_reason_and_happens_once(self, world, welfare):
        with pytest.raises(ValidationError) as error:
            enrolment_stop(actor=world.worker, enrolment=welfare.enrolment, on=D(2026, 6, 1), reason=" ")
        assert "请填写停保原因" in message(error)
        stopped = enrolment_stop(
            actor=world.worker, enrolment=welfare.enrolment, on=D(2026, 6, 1), reason="家庭收入超过低保标准"
        )
        assert stopped.status == EnrolmentStatus.STOPPED
        assert stopped.stopped_on == D(2026, 6, 1)
        assert stopped.next_review_on is None
        with pytest.raises(ValidationError) as error:
            enrolment_stop(actor=world.worker, enrolment=stopped, on=D(2026, 7, 1), reason="再次")
        assert "已于2026-06-01停保" in message(error)
        with pytest.raises(ValidationError) as error:
            enrolment_advance(actor=world.worker, enrolment=stopped, on=D(2026, 7, 1))
        assert "该对象已停保,没有下一步" in message(error)
        with pytest.raises(ValidationError) as error:
            enrolment_update(actor=world.worker, enrolment=stopped)
        assert "已停保的记录不能再修改" in message(error)

    def test_stop_before_the_last_step_is_refused(self, world, welfare):
        with pytest.raises(ValidationError) as error:
            enrolment_stop(actor=world.worker, enrolment=welfare.enrolment, on=D(2026, 1, 31), reason="迁出")
        assert "停保日期不能早于2026-02-01" in message(error)

    def test_a_stopped_beneficiary_may_apply_again_but_only_one_open_enrolment(self, world, population, welfare):
        with pytest.raises(ValidationError) as error:
            enrol(world.worker, welfare.dibao, household=population.household, applied_on=D(2026, 4, 1))
        assert "该户在此项目已有未停保的登记" in message(error)
        enrolment_stop(actor=world.worker, enrolment=welfare.enrolment, on=D(2026, 6, 1), reason="收入增加")
        again = enrol(world.worker, welfare.dibao, household=population.household, applied_on=D(2026, 9, 1))
        assert again.status == EnrolmentStatus.APPLIED

    def test_the_unit_must_match_the_programme(self, world, population, welfare):
        with pytest.raises(ValidationError) as error:
            enrol(world.worker, welfare.dibao, person=population.spouse)
        assert "以户享受,请填写户号" in message(error)
        with pytest.raises(ValidationError) as error:
            enrol(world.worker, welfare.elderly, household=population.household)
        assert "以人享受,请填写居民身份证号" in message(error)
        assert not WelfareEnrolment.objects.filter(programme=welfare.elderly).exists()

    def test_review_moves_the_next_review_date_and_only_for_active_ones(self, world, welfare):
        reviewed = enrolment_review(actor=world.worker, enrolment=welfare.enrolment, on=D(2026, 8, 3), note="收入未变")
        assert reviewed.last_review_on == D(2026, 8, 3)
        assert reviewed.next_review_on == D(2027, 2, 3)
        with pytest.raises(ValidationError) as error:
            enrolment_review(actor=world.worker, enrolment=welfare.applied, on=D(2026, 8, 3))
        assert "只有在保对象才能复核(当前:申报)" in message(error)

    def test_the_overdue_review_list(self, world, welfare):
        # 在保 since 2026-02-01, reviewed every 6 months: due 2026-08-01.
        overdue = WelfareEnrolment.objects.visible_to(world.worker).review_overdue
        assert list(overdue(D(2026, 8, 1))) == []
        assert list(overdue(D(2026, 8, 2))) == [welfare.enrolment]
        enrolment_review(actor=world.worker, enrolment=welfare.enrolment, on=D(2026, 8, 10))
        assert list(overdue(D(2026, 11, 1))) == []

    def test_a_user_of_another_community_cannot_touch_an_enrolment(self, world, welfare):
        with pytest.raises(PermissionDenied):
            enrolment_advance(actor=world.other_worker, enrolment=welfare.applied, on=D(2026, 3, 5))


#
# Batches
#


@pytest.fixture
def second_head(world):
    return UserFactory(username="zhuren", community=world.community, street=world.street, role=roles.COMMUNITY_HEAD)


class TestBatchDraft:
    def test_create_numbers_per_community_and_year_and_takes_the_programme_s_funding(self, world, welfare):
        batch = draft(world.worker, welfare.elderly, period=D(2026, 3, 17))
        assert batch.number == "2026-001"
        assert batch.period == D(2026, 3, 1)
        assert batch.funding_source == "ageing"
        assert batch.status == BatchStatus.DRAFT
        assert batch.prepared_by == world.worker

    def test_build_from_enrolments_lists_the_active_ones_with_their_amounts(self, world, population, welfare):
        batch = batch_build_from_enrolments(actor=world.worker, batch=draft(world.worker, welfare.dibao))
        lines = list(batch.lines.all())
        assert [line.household for line in lines] == [population.household]
        assert lines[0].amount == Decimal("300.00")
        assert lines[0].name == "张建国"
        assert lines[0].household_number == "0001"
        assert batch.source == BatchSource.ENROLMENTS
        assert (batch.recipient_count, batch.total_amount) == (1, Decimal("300.00"))

    def test_build_from_enrolments_without_any_is_refused(self, world, welfare):
        batch = draft(world.worker, welfare.elderly)
        with pytest.raises(ValidationError) as error:
            batch_build_from_enrolments(actor=world.worker, batch=batch)
        assert "在2026年03月没有在保对象" in message(error)

    def test_the_80_plus_rule_lists_exactly_the_people_aged_80_or_more_on_that_day(self, world, population, welfare):
        batch = batch_build_from_rule(
            actor=world.worker, batch=draft(world.worker, welfare.elderly), on=RULE_DAY, min_age=80
        )
        assert {line.person for line in batch.lines.all()} == {welfare.old_81, welfare.turns_80}
        assert all(line.amount == Decimal("50.00") for line in batch.lines.all())
        assert (batch.rule_min_age, batch.rule_on, batch.source) == (80, RULE_DAY, BatchSource.RULE)
        assert batch.total_amount == Decimal("100.00")
        # The day before, 杨老二 was 79.
        on_eve = rule_recipients(community=world.community, on=RULE_DAY - datetime.timedelta(days=1), min_age=80)
        assert on_eve == [welfare.old_81]
        # Before her death 杨老太 (90) was on the register.
        assert welfare.dead_90 in rule_recipients(community=world.community, on=D(2026, 1, 9), min_age=80)

    def test_a_category_rule(self, world, population, welfare):
        disabled = Category.objects.get(code="disabled")
        membership_add(
            actor=world.superuser,
            person=welfare.almost_80,
            category=disabled,
            start_on=D(2025, 1, 1),
            disability_type="肢体",
            disability_grade="二级",
        )
        batch = batch_build_from_rule(
            actor=world.worker, batch=draft(world.worker, welfare.elderly), on=RULE_DAY, category=disabled
        )
        assert [line.person for line in batch.lines.all()] == [welfare.almost_80]
        with pytest.raises(ValidationError) as error:
            batch_build_from_rule(
                actor=world.worker, batch=batch, on=RULE_DAY, category=disabled, min_age=80
            )  # nobody is both
        assert "没有符合条件的对象" in message(error)
        assert [line.person for line in batch.lines.all()] == [welfare.almost_80]
        with pytest.raises(ValidationError) as error:
            batch_build_from_rule(actor=world.worker, batch=batch, on=RULE_DAY)
        assert "请至少选择一个条件" in message(error)

    def test_lines_are_added_edited_and_removed_while_draft(self, world, population, welfare):
        batch = draft(world.worker, welfare.elderly)
        line = line_add(actor=world.worker, batch=batch, person=population.spouse)
        assert line.amount == Decimal("50.00")
        with pytest.raises(ValidationError) as error:
            line_add(actor=world.worker, batch=batch, person=population.spouse)
        assert "李秀英已在本批次名单中" in message(error)
        line_set_amount(actor=world.worker, line=line, amount=Decimal("80"))
        line_add(actor=world.worker, batch=batch, person=population.son, amount=Decimal("20"))
        batch.refresh_from_db()
        assert batch.total_amount == Decimal("100.00")
        line_remove(actor=world.worker, line=line)
        batch.refresh_from_db()
        assert (batch.recipient_count, batch.total_amount) == (1, Decimal("20.00"))

    def test_a_person_of_another_community_cannot_be_added(self, world, population, welfare):
        batch = draft(world.worker, welfare.elderly)
        with pytest.raises(PermissionDenied):
            line_add(actor=world.worker, batch=batch, person=population.outsider)
        assert not batch.lines.exists()


class TestSubmitAndApprove:
    def test_submit_freezes_the_list_with_the_snapshot(self, world, population, welfare):
        batch = batch_build_from_rule(
            actor=world.worker, batch=draft(world.worker, welfare.elderly), on=RULE_DAY, min_age=80
        )
        batch = batch_submit(actor=world.worker, batch=batch)
        assert batch.status == BatchStatus.SUBMITTED
        assert batch.submitted_by == world.worker
        line = batch.lines.get(person=welfare.turns_80)
        assert (line.name, line.id_number, line.household_number) == (
            "杨老二",
            welfare.turns_80.id_number,
            "0001",
        )
        with pytest.raises(ValidationError) as error:
            line_set_amount(actor=world.worker, line=line, amount=Decimal("1"))
        assert "批次已提交,名单和金额已锁定" in message(error)

    def test_an_empty_batch_cannot_be_submitted(self, world, welfare):
        with pytest.raises(ValidationError) as error:
            batch_submit(actor=world.worker, batch=draft(world.worker, welfare.elderly))
        assert "名单为空,不能提交" in message(error)

    def test_four_eyes_the_preparer_cannot_approve_even_as_a_head(self, world, welfare, second_head):
        batch = batch_build_from_enrolments(actor=world.head, batch=draft(world.head, welfare.dibao))
        batch = batch_submit(actor=world.head, batch=batch)
        with pytest.raises(PermissionDenied) as error:
            batch_approve(actor=world.head, batch=batch, on=D(2026, 3, 20))
        assert "制表人或提交人不能审批自己的批次" in str(error.value)
        batch.refresh_from_db()
        assert batch.status == BatchStatus.SUBMITTED
        approved = batch_approve(actor=second_head, batch=batch, on=batch.submitted_at.date())
        assert (approved.status, approved.approved_by) == (BatchStatus.APPROVED, second_head)

    def test_a_user_without_the_permission_cannot_approve(self, world, welfare, second_head):
        batch = batch_build_from_enrolments(actor=second_head, batch=draft(second_head, welfare.dibao))
        batch = batch_submit(actor=second_head, batch=batch)
        for user in (world.worker, world.grid_worker):
            with pytest.raises(PermissionDenied) as error:
                batch_approve(actor=user, batch=batch, on=batch.submitted_at.date())
            assert "您没有审批发放批次的权限" in str(error.value)
        batch.refresh_from_db()
        assert batch.status == BatchStatus.SUBMITTED
        assert batch.approved_by is None

    def test_a_draft_cannot_be_approved(self, world, welfare):
        batch = batch_build_from_enrolments(actor=world.worker, batch=draft(world.worker, welfare.dibao))
        with pytest.raises(ValidationError) as error:
            batch_approve(actor=world.head, batch=batch, on=D(2026, 3, 20))
        assert "批次尚未提交,不能审批" in message(error)

    def test_the_approver_may_return_a_batch_to_its_preparer(self, world, welfare):
        batch = batch_submit(
            actor=world.worker,
            batch=batch_build_from_enrolments(actor=world.worker, batch=draft(world.worker, welfare.dibao)),
        )
        with pytest.raises(PermissionDenied):
            batch_return(actor=world.worker, batch=batch, reason="自己退回")
        returned = batch_return(actor=world.head, batch=batch, reason="金额有误")
        assert returned.status == BatchStatus.DRAFT
        line_set_amount(actor=world.worker, line=returned.lines.get(), amount=Decimal("320"))


@pytest.fixture
def approved(world, welfare):
    """An 80+ 高龄补贴 batch prepared by the worker, approved by the head."""
    batch = batch_build_from_rule(
        actor=world.worker, batch=draft(world.worker, welfare.elderly), on=RULE_DAY, min_age=80
    )
    batch = batch_submit(actor=world.worker, batch=batch)
    return batch_approve(actor=world.head, batch=batch, on=batch.submitted_at.date())


def snapshot(batch):
    batch.refresh_from_db()
    lines = list(batch.lines.order_by("pk").values_list("pk", "person_id", "amount", "name", "id_number", "paid_on"))
    histories = batch.history.count() + sum(line.history.count() for line in batch.lines.all())
    return (batch.status, batch.total_amount, batch.recipient_count, batch.title, lines, histories)


class TestApprovedBatchNeverChanges:
    def test_every_mutating_service_refuses_and_nothing_is_written(self, world, population, welfare, approved):
        before = snapshot(approved)
        line = approved.lines.first()
        edited = DistributionBatch.objects.get(pk=approved.pk)
        edited.title = "改名"
        attempts = [
            lambda: batch_update(actor=world.worker, batch=edited),
            lambda: batch_build_from_enrolments(actor=world.worker, batch=approved),
            lambda: batch_build_from_rule(actor=world.worker, batch=approved, on=RULE_DAY, min_age=70),
            lambda: line_add(actor=world.worker, batch=approved, person=population.spouse),
            lambda: line_set_amount(actor=world.worker, line=line, amount=Decimal("1")),
            lambda: line_remove(actor=world.worker, line=line),
            lambda: batch_submit(actor=world.worker, batch=approved),
            lambda: batch_approve(actor=world.head, batch=approved, on=D(2026, 11, 1)),
            lambda: batch_return(actor=world.head, batch=approved, reason="重新核对"),
        ]
        for attempt in attempts:
            with pytest.raises(ValidationError) as error:
                attempt()
            assert "已审批" in message(error) or "只有待审批的批次才能退回(当前:已审批)" in message(error)
            assert snapshot(approved) == before

    def test_payment_is_recorded_once_per_line(self, world, welfare, approved):
        line = approved.lines.get(person=welfare.old_81)
        paid_on = approved.approved_on
        line = line_mark_paid(actor=world.worker, line=line, paid_on=paid_on, method=PaymentMethod.CASH)
        assert (line.paid_on, line.method, line.paid_recorded_by) == (paid_on, "cash", world.worker)
        with pytest.raises(ValidationError) as error:
            line_mark_paid(actor=world.worker, line=line, paid_on=paid_on, method=PaymentMethod.BANK)
        assert f"杨老大已于{paid_on:%Y-%m-%d}签领,不能重复登记" in message(error)
        assert batch_mark_all_paid(actor=world.worker, batch=approved, paid_on=paid_on, method=PaymentMethod.BANK) == 1
        assert set(approved.lines.values_list("method", flat=True)) == {"cash", "bank"}
        with pytest.raises(ValidationError) as error:
            batch_mark_all_paid(actor=world.worker, batch=approved, paid_on=paid_on, method=PaymentMethod.BANK)
        assert "该批次已全部签领" in message(error)

    def test_payment_before_approval_is_refused(self, world, welfare):
        batch = batch_build_from_enrolments(actor=world.worker, batch=draft(world.worker, welfare.dibao))
        with pytest.raises(ValidationError) as error:
            line_mark_paid(
                actor=world.worker, line=batch.lines.get(), paid_on=D(2026, 3, 25), method=PaymentMethod.CASH
            )
        assert "批次审批通过后才能登记签领" in message(error)
        assert batch.lines.get().paid_on is None

    def test_a_correction_is_a_new_batch_linked_to_the_approved_one(self, world, welfare, approved):
        before = snapshot(approved)
        correction = batch_correct(actor=world.worker, batch=approved)
        assert correction.pk != approved.pk
        assert correction.corrects == approved
        assert correction.status == BatchStatus.DRAFT
        assert correction.title == f"{approved.title}(更正)"
        assert correction.number == "2026-002"
        assert sorted(correction.lines.values_list("person_id", flat=True)) == sorted(
            approved.lines.values_list("person_id", flat=True)
        )
        line_set_amount(actor=world.worker, line=correction.lines.first(), amount=Decimal("60"))
        assert snapshot(approved) == before
        with pytest.raises(ValidationError) as error:
            batch_correct(actor=world.worker, batch=correction)
        assert "只有已审批的批次需要更正" in message(error)


#
# Donations and pairs
#


class TestDonationsAndPairs:
    def test_a_donation_names_exactly_one_donor_and_goods_need_a_description(self, world, population):
        campaign = campaign_save(
            actor=world.worker,
            campaign=DonationCampaign(name="为贫困老人捐献一元钱", start_on=D(2026, 10, 1)),
        )
        assert campaign.community == world.community
        donation = donation_add(
            actor=world.worker,
            campaign=campaign,
            donation=Donation(donor_person=population.spouse, amount=Decimal("1"), donated_on=D(2026, 10, 2)),
        )
        assert donation.community == world.community
        with pytest.raises(ValidationError) as error:
            donation_add(
                actor=world.worker,
                campaign=campaign,
                donation=Donation(
                    donor_person=population.son, donor_name="张伟", amount=Decimal("1"), donated_on=D(2026, 10, 2)
                ),
            )
        assert "只填一项" in message(error)
        with pytest.raises(ValidationError) as error:
            donation_add(
                actor=world.worker,
                campaign=campaign,
                donation=Donation(
                    donor_unit=world.unit, kind=DonationKind.GOODS, amount=Decimal("200"), donated_on=D(2026, 10, 3)
                ),
            )
        assert "捐赠物资须填写物资名称及数量" in message(error)
        with pytest.raises(ValidationError) as error:
            donation_add(
                actor=world.worker,
                campaign=campaign,
                donation=Donation(donor_name="外地老板", amount=Decimal("100"), donated_on=D(2026, 9, 1)),
            )
        assert "捐赠日期不能早于活动开始日期(2026-10-01)" in message(error)
        assert Donation.objects.count() == 1

    def test_a_pair_takes_the_helped_group_and_logs_visits(self, world, population):
        pair = pair_save(
            actor=world.worker,
            pair=AssistancePair(
                kind=PairKind.CADRE,
                helper_user=world.worker,
                helped_household=population.household_b,
                started_on=D(2026, 3, 1),
            ),
        )
        assert pair.group == world.group_b
        visit = visit_add(
            actor=world.worker, pair=pair, visited_on=D(2026, 4, 2), content="了解生活困难", aid="大米一袋"
        )
        assert visit.recorded_by == world.worker
        with pytest.raises(ValidationError) as error:
            visit_add(actor=world.worker, pair=pair, visited_on=D(2026, 2, 1), content="早于结对")
        assert "走访日期不能早于结对日期(2026-03-01)" in message(error)
        assert AssistanceVisit.objects.count() == 1
        with pytest.raises(ValidationError) as error:
            pair_save(
                actor=world.worker,
                pair=AssistancePair(kind=PairKind.PARTY_MEMBER, helper_name="党员甲", started_on=D(2026, 3, 1)),
            )
        assert "请填写帮扶对象" in message(error)

    def test_the_grid_worker_sees_only_pairs_of_their_group(self, world, population):
        pair = pair_save(
            actor=world.worker,
            pair=AssistancePair(
                kind=PairKind.CADRE,
                helper_name="驻村干部",
                helped_person=population.householder_b,
                started_on=D(2026, 3, 1),
            ),
        )
        assert not AssistancePair.objects.visible_to(world.grid_worker).filter(pk=pair.pk).exists()
        assert AssistancePair.objects.visible_to(world.worker).filter(pk=pair.pk).exists()


def test_line_scope_follows_the_batch_community(world, welfare, approved):
    assert DistributionLine.objects.visible_to(world.other_head).count() == 0
    assert DistributionLine.objects.visible_to(world.head).count() == 2
