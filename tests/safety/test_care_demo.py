"""The care part of ``seed_demo``, run on the small ``world`` (the full demo runs in tests/governance)."""

from __future__ import annotations

import datetime

import pytest

from residents.models import Category
from residents.services import membership_add
from safety.demo import AREAS
from safety.demo.care import seed
from safety.models.care import CareRule, CareTask, CorrectionCase, Escalation, RehabCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(world, population):
    membership_add(
        actor=world.superuser,
        person=population.householder_b,
        category=Category.objects.get(code="correction"),
        start_on=datetime.date(2026, 3, 1),
    )
    return {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}


def test_the_area_is_seeded(demo):
    assert "care" in AREAS


def test_seed_builds_cases_rules_and_escalating_tasks(world, population, demo):
    seed(demo)

    case = RehabCase.objects.get(community=world.community)
    assert case.person == population.son
    assert case.reoffended_on is None
    assert {member.get_role_display() for member in case.team.all()} >= {"社区工作人员", "片警", "家属"}
    assert case.visits.filter(visited_on__year=2026).count() == 11  # January to November, monthly
    assert CorrectionCase.objects.get().checkins.count() == 9
    assert CareRule.objects.filter(community=world.community).count() == 3
    on = datetime.date(2026, 11, 20)
    levels = [task.escalation_on(on) for task in CareTask.objects.open()]
    assert Escalation.NORMAL in levels  # the correction task; the only released resident is visited


def test_seed_twice_changes_nothing(world, demo):
    seed(demo)
    counts = (RehabCase.objects.count(), CareTask.objects.count(), CorrectionCase.objects.count())

    seed(demo)

    assert (RehabCase.objects.count(), CareTask.objects.count(), CorrectionCase.objects.count()) == counts
