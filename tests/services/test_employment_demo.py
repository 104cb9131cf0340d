"""The demo of 就业服务 and 关爱台账 on the world's small population with a 下岗失业 and a 空巢 membership:
it runs through the services, places within 48 hours, leaves the subject overdue, and is idempotent."""

from __future__ import annotations

import datetime

import pytest

from residents.models import Category
from residents.services import membership_add
from services.demo import care as demo_care
from services.demo import employment as demo_employment
from services.models.care import CareKind, CareSubject, CareVisit
from services.models.employment import JobSeeker, Referral, SeekerStatus, TrainingEnrolment, Vacancy
from services.selectors.care import overdue_count
from services.selectors.employment import employment_figures

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def demo(world, population):
    actor = world.superuser
    membership_add(
        actor=actor, person=population.son, category=Category.objects.get(code="unemployed"), start_on=D(2024, 1, 1)
    )
    membership_add(
        actor=actor, person=population.spouse, category=Category.objects.get(code="empty_nest"), start_on=D(2024, 1, 1)
    )
    return {"admin": actor, "qingkou": world.community, "duomu": world.other_community, "as_of": D(2026, 11, 20)}


def counts():
    return (
        JobSeeker.objects.count(),
        Vacancy.objects.count(),
        Referral.objects.count(),
        TrainingEnrolment.objects.count(),
        CareSubject.objects.count(),
        CareVisit.objects.count(),
    )


def test_the_demo_seeds_and_is_idempotent(world, population, demo):
    demo_employment.seed(demo)
    demo_care.seed(demo)
    seekers = JobSeeker.objects.filter(community=world.community)
    assert {seeker.person for seeker in seekers} == {population.son, population.householder_b}
    assert all(seeker.status == SeekerStatus.EMPLOYED for seeker in seekers)
    assert Vacancy.objects.filter(community=world.community, is_public_welfare=True).count() == 2
    figures = employment_figures(community=world.community, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert figures.placements == 2
    assert figures.placements_within_48h == 2
    assert figures.trainees == 2
    subject = CareSubject.objects.get(community=world.community)
    assert (subject.person, subject.kind) == (population.spouse, CareKind.EMPTY_NEST)
    assert subject.visits.count() == 8  # January to August, then no more: overdue
    assert overdue_count(community=world.community, as_of=D(2026, 11, 20)) == 1
    assert JobSeeker.objects.filter(community=world.other_community).count() == 1
    before = counts()
    demo_employment.seed(demo)
    demo_care.seed(demo)
    assert counts() == before
