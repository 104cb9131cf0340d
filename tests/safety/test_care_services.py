"""Services of 帮教, 社区矫正 and the key persons' visit tasks: happy paths, every refused transition
with its Chinese message, and nothing written when refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from residents.models import Category, CategoryMembership
from residents.services import membership_add, membership_end
from safety.models.care import (
    CareRule,
    CareTask,
    CorrectionCheckIn,
    CorrectionStatus,
    CorrectionViolation,
    Escalation,
    RehabCase,
    RehabStatus,
    RehabTeamMember,
    RehabVisit,
    TeamRole,
    ViolationMeasure,
)
from safety.services.care import (
    care_rule_save,
    care_task_complete,
    care_tasks_generate,
    correction_case_end,
    correction_checkin_record,
    correction_violation_record,
    rehab_case_end,
    rehab_reoffence_record,
    rehab_team_member_add,
)
from tests.safety import care_fixtures
from tests.safety.care_fixtures import RELEASED_ON, open_correction, open_rehab, visit

pytestmark = pytest.mark.django_db

care = care_fixtures.care


class TestRehabCaseOpen:
    def test_numbers_the_case_and_defaults_the_period(self, world, population):
        case = open_rehab(world.mediator, population.son)

        assert case.number == "2024-001"
        assert (case.community, case.group) == (world.community, world.group_a)
        assert case.started_on == RELEASED_ON
        assert case.period_end == datetime.date(2029, 3, 1)
        assert case.status == RehabStatus.ACTIVE
        assert case.history.first().history_user == world.mediator

    def test_adds_the_released_category_when_missing(self, world, population):
        released = Category.objects.get(code="released")
        assert not population.householder_b.memberships.filter(category=released).exists()

        open_rehab(world.mediator, population.householder_b)

        membership = population.householder_b.memberships.get(category=released)
        assert (membership.start_on, membership.end_on) == (RELEASED_ON, None)

    def test_keeps_an_existing_membership(self, world, population):
        open_rehab(world.mediator, population.son)

        assert population.son.memberships.filter(category__code="released").count() == 1

    def test_one_active_case_per_person(self, world, population):
        open_rehab(world.mediator, population.son)

        with pytest.raises(ValidationError, match="张伟已有帮教中的台账"):
            open_rehab(world.mediator, population.son)
        assert RehabCase.objects.count() == 1

    def test_a_person_outside_the_scope_is_refused(self, world, population):
        with pytest.raises(PermissionDenied):
            open_rehab(world.mediator, population.outsider)
        assert not RehabCase.objects.exists()

    def test_period_must_end_after_release(self, world, population):
        with pytest.raises(ValidationError, match="帮教期满日期必须晚于释放日期"):
            open_rehab(world.mediator, population.householder_b, period_end=datetime.date(2024, 1, 1))
        assert not RehabCase.objects.exists()
        assert not population.householder_b.memberships.filter(category__code="released").exists()

    def test_start_cannot_precede_release(self, world, population):
        with pytest.raises(ValidationError, match="帮教开始日期不能早于释放日期"):
            open_rehab(world.mediator, population.son, started_on=datetime.date(2024, 2, 1))

    def test_numbers_run_per_community_and_year(self, world, population):
        first = open_rehab(world.mediator, population.son)
        second = open_rehab(world.mediator, population.householder_b, released_on=datetime.date(2024, 8, 1))

        assert (first.number, second.number) == ("2024-001", "2024-002")


class TestRehabWorkflow:
    def test_visits_and_team(self, world, care):
        entry = visit(world.mediator, care.rehab, datetime.date(2024, 4, 2), thinking="积极")
        member = rehab_team_member_add(
            actor=world.mediator,
            case=care.rehab,
            member=RehabTeamMember(role=TeamRole.WORKER, user=world.worker, duty="每月走访"),
        )

        assert (entry.community, entry.recorded_by) == (world.community, world.mediator)
        assert member.name == world.worker.display_name
        assert member.community == world.community

    def test_a_team_member_needs_a_name(self, world, care):
        with pytest.raises(ValidationError, match="请填写姓名"):
            rehab_team_member_add(actor=world.mediator, case=care.rehab, member=RehabTeamMember(role=TeamRole.POLICE))
        assert not RehabTeamMember.objects.exists()

    def test_a_visit_before_release_is_refused(self, world, care):
        with pytest.raises(ValidationError, match="走访日期不能早于释放日期"):
            visit(world.mediator, care.rehab, datetime.date(2024, 1, 1))
        assert not RehabVisit.objects.exists()

    def test_a_visit_in_the_future_is_refused(self, world, care):
        with pytest.raises(ValidationError, match="走访日期不能晚于今天"):
            visit(world.mediator, care.rehab, timezone.localdate() + datetime.timedelta(days=1))

    def test_completion_only_after_the_period(self, world, care):
        with pytest.raises(ValidationError, match="帮教期至2029-03-01,未满不能期满解除"):
            rehab_case_end(
                actor=world.mediator, case=care.rehab, status=RehabStatus.COMPLETED, on=datetime.date(2025, 1, 1)
            )
        care.rehab.refresh_from_db()
        assert care.rehab.status == RehabStatus.ACTIVE

    def test_moving_away_ends_the_case(self, world, care):
        rehab_case_end(
            actor=world.mediator,
            case=care.rehab,
            status=RehabStatus.MOVED,
            on=datetime.date(2025, 1, 1),
            note="迁往昆明",
        )
        care.rehab.refresh_from_db()
        assert (care.rehab.status, care.rehab.ended_on) == (RehabStatus.MOVED, datetime.date(2025, 1, 1))

    def test_reoffence_is_its_own_ending(self, world, care):
        with pytest.raises(ValidationError, match="重新犯罪请登记重新犯罪"):
            rehab_case_end(
                actor=world.mediator, case=care.rehab, status=RehabStatus.REOFFENDED, on=datetime.date(2025, 1, 1)
            )

    def test_reoffence_sets_the_status(self, world, care):
        rehab_reoffence_record(actor=world.mediator, case=care.rehab, on=datetime.date(2025, 2, 3), note="因盗窃被刑拘")

        care.rehab.refresh_from_db()
        assert care.rehab.status == RehabStatus.REOFFENDED
        assert care.rehab.reoffended_on == care.rehab.ended_on == datetime.date(2025, 2, 3)

    def test_reoffence_needs_a_note_and_a_date_after_release(self, world, care):
        with pytest.raises(ValidationError, match="请填写重新犯罪情况"):
            rehab_reoffence_record(actor=world.mediator, case=care.rehab, on=datetime.date(2025, 2, 3), note=" ")
        with pytest.raises(ValidationError, match="重新犯罪日期不能早于释放日期"):
            rehab_reoffence_record(actor=world.mediator, case=care.rehab, on=datetime.date(2023, 2, 3), note="x")
        care.rehab.refresh_from_db()
        assert care.rehab.status == RehabStatus.ACTIVE

    def test_a_closed_case_takes_nothing_more(self, world, care):
        rehab_case_end(actor=world.mediator, case=care.rehab, status=RehabStatus.DIED, on=datetime.date(2025, 1, 1))

        with pytest.raises(ValidationError, match="该帮教台账已死亡,不能再办理"):
            visit(world.mediator, care.rehab, datetime.date(2025, 2, 1))
        with pytest.raises(ValidationError, match="该帮教台账已死亡"):
            rehab_reoffence_record(actor=world.mediator, case=care.rehab, on=datetime.date(2025, 2, 3), note="x")
        with pytest.raises(ValidationError, match="该帮教台账已死亡"):
            rehab_case_end(
                actor=world.mediator, case=care.rehab, status=RehabStatus.MOVED, on=datetime.date(2025, 3, 1)
            )
        assert not RehabVisit.objects.exists()

    def test_a_new_case_may_follow_a_closed_one(self, world, care):
        rehab_reoffence_record(actor=world.mediator, case=care.rehab, on=datetime.date(2025, 2, 3), note="再犯")

        again = open_rehab(world.mediator, care.rehab.person, released_on=datetime.date(2026, 1, 5))

        assert again.number == "2026-001"

    def test_an_outsider_cannot_touch_the_case(self, world, care):
        with pytest.raises(PermissionDenied):
            visit(world.other_head, care.rehab, datetime.date(2024, 5, 1))


class TestOverdueVisits:
    def test_due_one_interval_after_the_last_visit_or_the_start(self, world, care):
        assert care.rehab.next_visit_due() == datetime.date(2024, 4, 1)
        assert list(RehabCase.objects.visits_overdue_on(datetime.date(2024, 4, 1)).filter(pk=care.rehab.pk)) == []
        assert RehabCase.objects.visits_overdue_on(datetime.date(2024, 4, 2)).filter(pk=care.rehab.pk).exists()

        visit(world.mediator, care.rehab, datetime.date(2024, 4, 10))

        assert not RehabCase.objects.visits_overdue_on(datetime.date(2024, 5, 10)).filter(pk=care.rehab.pk).exists()
        assert RehabCase.objects.visits_overdue_on(datetime.date(2024, 5, 11)).filter(pk=care.rehab.pk).exists()

    def test_quarterly_cases_wait_three_months(self, world, population):
        case = open_rehab(world.mediator, population.householder_b, frequency="quarterly")

        assert not RehabCase.objects.visits_overdue_on(datetime.date(2024, 6, 1)).filter(pk=case.pk).exists()
        assert RehabCase.objects.visits_overdue_on(datetime.date(2024, 6, 2)).filter(pk=case.pk).exists()

    def test_closed_cases_are_never_overdue(self, world, care):
        rehab_case_end(actor=world.mediator, case=care.rehab, status=RehabStatus.MOVED, on=datetime.date(2024, 3, 5))

        assert not RehabCase.objects.visits_overdue_on(datetime.date(2025, 1, 1)).filter(pk=care.rehab.pk).exists()


class TestCorrection:
    def test_open_adds_the_correction_category(self, world, care):
        assert care.correction.number == "2025-001"
        assert care.correction.person.memberships.filter(category__code="correction", end_on=None).exists()

    def test_one_active_correction_per_person(self, world, care):
        with pytest.raises(ValidationError, match="王芳已在矫正中"):
            open_correction(world.mediator, care.correction.person)

    def test_period_must_not_end_before_it_starts(self, world, population):
        with pytest.raises(ValidationError, match="矫正期满日期不能早于开始日期"):
            open_correction(world.mediator, population.spouse, end_on=datetime.date(2025, 1, 1))
        assert not population.spouse.memberships.filter(category__code="correction").exists()

    def test_checkins_and_overdue(self, world, care):
        case = care.correction
        assert case.next_checkin_due() == datetime.date(2025, 7, 1)
        overdue = type(case).objects.checkins_overdue_on
        assert not overdue(datetime.date(2025, 7, 1)).filter(pk=case.pk).exists()
        assert overdue(datetime.date(2025, 7, 2)).filter(pk=case.pk).exists()

        correction_checkin_record(
            actor=world.mediator,
            case=case,
            checkin=CorrectionCheckIn(checked_on=datetime.date(2025, 6, 20), kind="report"),
        )

        assert not overdue(datetime.date(2025, 7, 20)).filter(pk=case.pk).exists()
        assert overdue(datetime.date(2025, 7, 21)).filter(pk=case.pk).exists()

    def test_checkin_before_the_start_is_refused(self, world, care):
        with pytest.raises(ValidationError, match="报到日期不能早于矫正开始日期"):
            correction_checkin_record(
                actor=world.mediator,
                case=care.correction,
                checkin=CorrectionCheckIn(checked_on=datetime.date(2025, 1, 1)),
            )
        assert not CorrectionCheckIn.objects.exists()

    def test_release_only_after_the_period(self, world, care):
        with pytest.raises(ValidationError, match="矫正期至2026-05-31,未满不能解除矫正"):
            correction_case_end(
                actor=world.mediator,
                case=care.correction,
                status=CorrectionStatus.RELEASED,
                on=datetime.date(2026, 1, 1),
            )
        correction_case_end(
            actor=world.mediator, case=care.correction, status=CorrectionStatus.RELEASED, on=datetime.date(2026, 5, 31)
        )
        care.correction.refresh_from_db()
        assert (care.correction.status, care.correction.ended_on) == ("released", datetime.date(2026, 5, 31))

    def test_imprisonment_needs_a_violation_first(self, world, care):
        with pytest.raises(ValidationError, match="收监执行前请先登记违规情况"):
            correction_case_end(
                actor=world.mediator,
                case=care.correction,
                status=CorrectionStatus.IMPRISONED,
                on=datetime.date(2026, 1, 1),
            )
        correction_violation_record(
            actor=world.mediator,
            case=care.correction,
            violation=CorrectionViolation(
                occurred_on=datetime.date(2025, 12, 1),
                description="未经批准离开居住地",
                measure=ViolationMeasure.IMPRISON,
            ),
        )
        correction_case_end(
            actor=world.mediator, case=care.correction, status=CorrectionStatus.IMPRISONED, on=datetime.date(2026, 1, 1)
        )
        care.correction.refresh_from_db()
        assert care.correction.status == CorrectionStatus.IMPRISONED

        with pytest.raises(ValidationError, match="该矫正记录已收监执行,不能再办理"):
            correction_checkin_record(
                actor=world.mediator,
                case=care.correction,
                checkin=CorrectionCheckIn(checked_on=datetime.date(2026, 1, 2)),
            )


class TestCareTasks:
    def test_generate_creates_one_task_per_member_without_an_open_one(self, world, care):
        on = datetime.date(2026, 1, 10)

        created = care_tasks_generate(community=world.community, on=on)

        assert [(task.person, task.due_on, task.escalate_on) for task in created] == [
            (care.rehab.person, datetime.date(2026, 2, 9), datetime.date(2026, 3, 11))
        ]
        assert created[0].responsible == world.mediator
        assert created[0].history.count() == 1
        assert care_tasks_generate(community=world.community, on=on) == []

    def test_generate_skips_ended_memberships_and_inactive_rules(self, world, population, care):
        membership_end(actor=world.head, membership=population.released, end_on=datetime.date(2025, 1, 1))
        assert care_tasks_generate(community=world.community, on=datetime.date(2026, 1, 10)) == []

    def test_generate_covers_each_ruled_category(self, world, population, care):
        care_rule_save(
            actor=world.head, rule=CareRule(category=Category.objects.get(code="correction"), interval_days=15)
        )

        created = care_tasks_generate(community=world.community, on=datetime.date(2026, 1, 10))

        assert {(task.person.name, task.category.code) for task in created} == {
            ("张伟", "released"),
            ("王芳", "correction"),
        }

    def test_generate_leaves_other_communities_alone(self, world, population, care):
        assert care_tasks_generate(community=world.other_community, on=datetime.date(2026, 1, 10)) == []

    def test_escalation_from_normal_to_yellow_to_red(self, world, care):
        (task,) = care_tasks_generate(community=world.community, on=datetime.date(2026, 1, 10))

        assert task.escalation_on(datetime.date(2026, 2, 9)) == Escalation.NORMAL
        assert task.escalation_on(datetime.date(2026, 2, 10)) == Escalation.YELLOW
        assert task.escalation_on(datetime.date(2026, 3, 11)) == Escalation.YELLOW
        assert task.escalation_on(datetime.date(2026, 3, 12)) == Escalation.RED
        annotated = CareTask.objects.with_escalation(datetime.date(2026, 3, 12)).get(pk=task.pk)
        assert annotated.escalation == Escalation.RED
        assert list(CareTask.objects.escalated_on(datetime.date(2026, 2, 9))) == []

    def test_complete_closes_the_task_and_opens_the_next(self, world, care):
        (task,) = care_tasks_generate(community=world.community, on=datetime.date(2025, 1, 10))

        done, following = care_task_complete(
            actor=world.mediator, task=task, done_on=datetime.date(2025, 2, 1), note="在家务农,情绪稳定"
        )

        assert (done.done_on, done.done_by, done.visit_note) == (
            datetime.date(2025, 2, 1),
            world.mediator,
            "在家务农,情绪稳定",
        )
        assert following.due_on == datetime.date(2025, 3, 3)
        assert following.done_on is None
        assert task.escalation_on(datetime.date(2030, 1, 1)) is None

    def test_complete_twice_is_refused(self, world, care):
        (task,) = care_tasks_generate(community=world.community, on=datetime.date(2025, 1, 10))
        care_task_complete(actor=world.mediator, task=task, done_on=datetime.date(2025, 2, 1), note="走访")

        with pytest.raises(ValidationError, match="该任务已于2025-02-01完成"):
            care_task_complete(actor=world.mediator, task=task, done_on=datetime.date(2025, 2, 2), note="走访")
        assert CareTask.objects.count() == 2

    def test_complete_needs_a_note(self, world, care):
        (task,) = care_tasks_generate(community=world.community, on=datetime.date(2025, 1, 10))

        with pytest.raises(ValidationError, match="请填写走访情况"):
            care_task_complete(actor=world.mediator, task=task, done_on=datetime.date(2025, 2, 1), note="")
        task.refresh_from_db()
        assert task.done_on is None

    def test_no_next_task_once_the_person_left_the_category(self, world, population, care):
        (task,) = care_tasks_generate(community=world.community, on=datetime.date(2025, 1, 10))
        membership_end(actor=world.head, membership=population.released, end_on=datetime.date(2025, 1, 20))

        _, following = care_task_complete(
            actor=world.mediator, task=task, done_on=datetime.date(2025, 2, 1), note="走访"
        )

        assert following is None

    def test_a_rule_is_for_sensitive_categories_only(self, world):
        with pytest.raises(ValidationError, match="走访规则只用于敏感类别"):
            care_rule_save(
                actor=world.head, rule=CareRule(category=Category.objects.get(code="dibao"), interval_days=30)
            )

    def test_one_rule_per_category_and_community(self, world, care):
        with pytest.raises(ValidationError, match="本社区已有该类别的走访规则"):
            care_rule_save(actor=world.head, rule=CareRule(category=care.rule.category, interval_days=10))


def test_membership_add_still_refuses_sensitive_categories_to_workers(world, population):
    """The 帮教 service adds memberships for the safety roles; a worker still cannot."""
    with pytest.raises(PermissionDenied):
        membership_add(
            actor=world.worker,
            person=population.spouse,
            category=Category.objects.get(code="correction"),
            start_on=datetime.date(2025, 1, 1),
        )
    assert not CategoryMembership.objects.filter(person=population.spouse).exists()
