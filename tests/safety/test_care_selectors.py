"""Figures of 帮教, 社区矫正 and overdue visits, on hand-counted fixtures (including an empty period)."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings

from residents.models import Category
from safety.models.care import (
    CareRule,
    CareTask,
    CorrectionStatus,
    CorrectionViolation,
    RehabStatus,
    ViolationMeasure,
)
from safety.selectors.care import correction_figures, overdue_figures, rehab_figures
from safety.services.care import (
    care_rule_save,
    care_task_complete,
    care_tasks_generate,
    correction_case_end,
    correction_violation_record,
    rehab_case_end,
    rehab_reoffence_record,
)
from safety.tasks import generate_care_tasks_task
from tests.safety.care_fixtures import open_correction, open_rehab, visit

pytestmark = pytest.mark.django_db

D = datetime.date
AS_OF = D(2026, 11, 20)


@pytest.fixture
def rehab_cases(world, population):
    """Home community:

    A 张伟    released 2024-03-01, 帮教中
    B 王芳    released 2022-05-01, re-offended 2026-04-10
    C 李秀英  released 2020-06-01, re-offended 2021-03-01 (outside the five years)
    D 张建国  released 2019-01-01, 期满解除 2024-01-02
    Neighbour: 赵强 released 2025-01-01, re-offended 2026-02-01.
    """
    actor = world.mediator
    a = open_rehab(actor, population.son, released_on=D(2024, 3, 1))
    b = open_rehab(actor, population.householder_b, released_on=D(2022, 5, 1))
    rehab_reoffence_record(actor=actor, case=b, on=D(2026, 4, 10), note="盗窃")
    c = open_rehab(actor, population.spouse, released_on=D(2020, 6, 1))
    rehab_reoffence_record(actor=actor, case=c, on=D(2021, 3, 1), note="寻衅滋事")
    d = open_rehab(actor, population.householder, released_on=D(2019, 1, 1), period_end=D(2024, 1, 1))
    rehab_case_end(actor=actor, case=d, status=RehabStatus.COMPLETED, on=D(2024, 1, 2))
    other = open_rehab(world.other_head, population.outsider, released_on=D(2025, 1, 1))
    rehab_reoffence_record(actor=world.other_head, case=other, on=D(2026, 2, 1), note="诈骗")
    return {"a": a, "b": b, "c": c, "d": d, "other": other}


class TestRehabFigures:
    def test_as_of_the_report_date(self, world, rehab_cases):
        figures = rehab_figures(as_of=AS_OF, community=world.community)

        assert figures.under_rehab == 1  # A
        assert figures.reoffences_in_year == 1  # B in 2026
        assert figures.released_within_five_years == 2  # A, B (C and D before 2021-11-20)
        assert figures.reoffences_within_five_years == 1  # B
        assert figures.reoffence_rate_five_years == 0.5

    def test_before_the_re_offence(self, world, rehab_cases):
        figures = rehab_figures(as_of=D(2026, 3, 1), community=world.community)

        assert figures.under_rehab == 2  # A, B
        assert figures.reoffences_in_year == 0
        assert figures.released_within_five_years == 2  # A, B
        assert figures.reoffences_within_five_years == 0
        assert figures.reoffence_rate_five_years == 0.0

    def test_an_earlier_year(self, world, rehab_cases):
        figures = rehab_figures(as_of=D(2021, 12, 31), community=world.community)

        assert figures.under_rehab == 1  # D (A and B not yet released, C re-offended in March)
        assert figures.reoffences_in_year == 1  # C in 2021
        assert figures.released_within_five_years == 2  # C (2020-06) and D (2019-01)
        assert figures.reoffences_within_five_years == 1  # C

    def test_an_empty_period_has_no_rate(self, world, rehab_cases):
        figures = rehab_figures(as_of=D(2010, 1, 1), community=world.community)

        assert (figures.under_rehab, figures.reoffences_in_year, figures.released_within_five_years) == (0, 0, 0)
        assert figures.reoffence_rate_five_years is None

    def test_several_communities(self, world, rehab_cases):
        figures = rehab_figures(as_of=AS_OF, communities=[world.community, world.other_community])

        assert (figures.under_rehab, figures.reoffences_in_year) == (1, 2)
        assert (figures.released_within_five_years, figures.reoffences_within_five_years) == (3, 2)


@pytest.fixture
def corrections(world, population):
    """X 王芳 2025-06-01–2026-05-31, 解除矫正 2026-05-31; Y 李秀英 from 2026-03-01, a warning 2026-06-01;
    Z 张伟 from 2026-02-01, violation 2026-07-01, 收监执行 2026-08-01."""
    actor = world.mediator
    x = open_correction(actor, population.householder_b, start_on=D(2025, 6, 1), end_on=D(2026, 5, 31))
    correction_case_end(actor=actor, case=x, status=CorrectionStatus.RELEASED, on=D(2026, 5, 31))
    y = open_correction(actor, population.spouse, start_on=D(2026, 3, 1), end_on=D(2027, 2, 28))
    correction_violation_record(
        actor=actor,
        case=y,
        violation=CorrectionViolation(
            occurred_on=D(2026, 6, 1), description="未按时报到", measure=ViolationMeasure.WARNING
        ),
    )
    z = open_correction(actor, population.son, start_on=D(2026, 2, 1), end_on=D(2027, 1, 31))
    correction_violation_record(
        actor=actor,
        case=z,
        violation=CorrectionViolation(
            occurred_on=D(2026, 7, 1), description="再次违规", measure=ViolationMeasure.IMPRISON
        ),
    )
    correction_case_end(actor=actor, case=z, status=CorrectionStatus.IMPRISONED, on=D(2026, 8, 1))
    return {"x": x, "y": y, "z": z}


class TestCorrectionFigures:
    def test_the_year_2026(self, world, corrections):
        figures = correction_figures(start=D(2026, 1, 1), end=D(2026, 12, 31), community=world.community)

        assert (figures.in_correction, figures.received, figures.released, figures.imprisoned) == (1, 2, 1, 1)
        assert figures.violations == 2

    def test_the_year_2025(self, world, corrections):
        figures = correction_figures(start=D(2025, 1, 1), end=D(2025, 12, 31), community=world.community)

        assert (figures.in_correction, figures.received, figures.released, figures.imprisoned) == (1, 1, 0, 0)
        assert figures.violations == 0

    def test_an_empty_period(self, world, corrections):
        figures = correction_figures(start=D(2010, 1, 1), end=D(2010, 12, 31), community=world.community)

        assert (figures.in_correction, figures.received, figures.released, figures.imprisoned, figures.violations) == (
            0,
            0,
            0,
            0,
            0,
        )

    def test_another_community_sees_none_of_them(self, world, corrections):
        figures = correction_figures(start=D(2026, 1, 1), end=D(2026, 12, 31), community=world.other_community)

        assert figures.received == 0


class TestOverdueFigures:
    def test_counts(self, world, rehab_cases, population):
        actor = world.mediator
        care_rule_save(
            actor=world.head, rule=CareRule(category=Category.objects.get(code="released"), interval_days=30)
        )
        tasks = care_tasks_generate(community=world.community, on=D(2026, 9, 1))
        assert len(tasks) == 4  # A, B, C, D hold the 刑释 category; all due 2026-10-01, red after 2026-10-31
        care_task_complete(actor=actor, task=tasks[0], done_on=D(2026, 10, 15), note="走访")  # next due 11-14
        correction = open_correction(
            actor, population.son, start_on=D(2026, 10, 1), end_on=D(2027, 3, 31)
        )  # due 10-31, no check-in

        figures = overdue_figures(on=AS_OF, community=world.community)

        assert figures.rehab_visits_overdue == 1  # A has never been visited
        assert figures.correction_checkins_overdue == 1
        assert (figures.care_tasks_open, figures.care_tasks_yellow, figures.care_tasks_red) == (4, 1, 3)

        visit(actor, rehab_cases["a"], D(2026, 11, 1))
        assert overdue_figures(on=AS_OF, community=world.community).rehab_visits_overdue == 0
        assert overdue_figures(on=D(2026, 10, 30), community=world.community).correction_checkins_overdue == 0
        assert correction.next_checkin_due() == D(2026, 10, 31)

    def test_nothing_overdue_in_an_empty_community(self, world, rehab_cases):
        figures = overdue_figures(on=AS_OF, community=world.far_community)

        assert figures == type(figures)(AS_OF, 0, 0, 0, 0, 0)


class TestNightlyTask:
    def test_the_beat_schedule_runs_it_daily(self):
        entry = settings.CELERY_BEAT_SCHEDULE["generate-care-tasks"]

        assert entry == {"task": "safety.tasks.generate_care_tasks_task", "schedule": 24 * 60 * 60}
        assert generate_care_tasks_task.name == entry["task"]

    def test_the_task_generates_for_every_ruled_community(self, world, rehab_cases, population):
        released = Category.objects.get(code="released")
        care_rule_save(actor=world.head, rule=CareRule(category=released, interval_days=30))
        care_rule_save(actor=world.other_head, rule=CareRule(category=released, interval_days=90))

        # Run in-process: inside the test's transaction ``delay()`` would wait for a commit that never comes.
        assert generate_care_tasks_task.apply().get() == 5  # four at home, 赵强 next door
        assert generate_care_tasks_task.apply().get() == 0
        assert CareTask.objects.filter(community=world.other_community).get().person == population.outsider
