"""Services of 关爱台账: subjects take their community and group from the person; visits are refused
before the start, in the future, without a situation, or for a subject who left the ledger."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from services.models.care import CareKind, CareSubject, CareVisit
from services.services.care import subject_save, visit_add
from tests.services import employment_fixtures

pytestmark = pytest.mark.django_db
D = datetime.date

care = employment_fixtures.care


def test_subject_save_follows_the_person(world, care):
    assert care.empty_nest.community == world.community
    assert care.empty_nest.group == world.group_a
    assert care.woman.group == world.group_b
    assert care.empty_nest.caregiver_display == "张丽(女儿)"
    assert care.empty_nest.due_on() == D(2026, 4, 4)
    assert care.woman.due_on() == D(2026, 3, 3)


def test_subject_save_refuses_a_second_active_subject_of_the_same_kind(world, population, care):
    with pytest.raises(ValidationError, match="该居民已登记为同类关爱对象"):
        subject_save(
            actor=world.worker,
            subject=CareSubject(person=population.spouse, kind=CareKind.EMPTY_NEST, started_on=D(2026, 5, 1)),
        )


def test_subject_save_refuses_the_person_as_own_caregiver(world, population):
    with pytest.raises(ValidationError, match="照料人不能是关爱对象本人"):
        subject_save(
            actor=world.worker,
            subject=CareSubject(
                person=population.son,
                kind=CareKind.REHABILITATION,
                started_on=D(2026, 5, 1),
                caregiver_person=population.son,
            ),
        )
    assert not CareSubject.objects.filter(person=population.son).exists()


@pytest.mark.parametrize(
    ("day", "situation", "message"),
    [
        (D(2026, 1, 1), "问候", "走访日期不能早于纳入日期"),
        (D(2099, 1, 1), "问候", "走访日期不能晚于今天"),
        (D(2026, 3, 1), " ", "请填写走访情况"),
    ],
)
def test_visit_add_refusals(world, care, day, situation, message):
    before = CareVisit.objects.count()
    with pytest.raises(ValidationError, match=message):
        visit_add(actor=world.worker, subject=care.woman, visited_on=day, kind="home", situation=situation)
    assert CareVisit.objects.count() == before


def test_visit_add_refuses_an_ended_subject(world, care):
    with pytest.raises(ValidationError, match="该关爱对象已退出"):
        visit_add(actor=world.worker, subject=care.ended, visited_on=D(2026, 2, 10), kind="home", situation="问候")


def test_visit_add_records_the_actor_as_visitor_by_default(world, care):
    visit = visit_add(
        actor=world.worker, subject=care.woman, visited_on=D(2026, 3, 10), kind="warmth", situation="送米油"
    )
    assert visit.visitor == world.worker
    assert visit.recorded_by == world.worker
    assert CareSubject.objects.with_last_visit().get(pk=care.woman.pk).due_on() == D(2026, 4, 9)
