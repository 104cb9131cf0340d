"""Figures of 就业服务 and 关爱台账 on the hand-counted fixtures of ``employment_fixtures``, and empty periods."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from services.models.employment import BenefitPayment
from services.selectors.care import overdue_count, overdue_subjects, subjects_by_kind, visits_in_period
from services.selectors.employment import employment_figures
from services.services.employment import (
    benefit_add,
    enrolment_add,
    enrolment_set_outcome,
    referral_add,
    referral_place,
)
from tests.services import employment_fixtures
from tests.services.employment_fixtures import at

pytestmark = pytest.mark.django_db
D = datetime.date

employment = employment_fixtures.employment
care = employment_fixtures.care


@pytest.fixture
def march(world, population, employment):
    """张伟 placed 30 h after his referral (6 days after registering); 王芳 referred 03-12 09:00, placed 03-15
    09:00 (72 h, 5 days); both in the 公益性岗位. 张伟 and 李秀英 on the course starting 03-20 (张伟 certified).
    王芳's 失业保险金 for March and April, 500 元 each."""
    actor = world.superuser
    referral_place(actor=actor, referral=employment.referral, placed_at=at(2026, 3, 7, 15))
    second = referral_add(
        actor=actor, seeker=employment.seeker_b, vacancy=employment.cleaner, referred_at=at(2026, 3, 12)
    )
    referral_place(actor=actor, referral=second, placed_at=at(2026, 3, 15))
    trainee = enrolment_add(actor=actor, course=employment.course, person=population.son)
    enrolment_set_outcome(actor=actor, enrolment=trainee, outcome="certified", certificate="中式烹调师")
    enrolment_add(actor=actor, course=employment.course, person=population.spouse)
    for month in (3, 4):
        benefit_add(
            actor=actor,
            payment=BenefitPayment(person=population.householder_b, period=D(2026, month, 1), amount=Decimal("500")),
        )


def test_employment_figures_of_march(world, march):
    figures = employment_figures(community=world.community, start=D(2026, 3, 1), end=D(2026, 3, 31))
    assert figures.seekers_registered == 2
    assert figures.placements == 2
    assert figures.placements_within_48h == 1
    assert figures.promise_rate == 0.5
    assert figures.avg_hours_to_placement == 51.0
    assert figures.avg_days_from_registration == 5.5
    assert (figures.vacancies_reported, figures.posts_reported) == (1, 2)
    assert figures.public_welfare_placements == 2
    assert (figures.trainees, figures.certified) == (2, 1)
    assert (figures.benefit_payments, figures.benefit_total) == (1, Decimal("500"))


def test_employment_figures_of_the_year_and_of_other_communities(world, march):
    year = employment_figures(communities=[world.community], start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert (year.vacancies_reported, year.posts_reported) == (2, 3)
    assert year.benefit_total == Decimal("1000")
    other = employment_figures(community=world.other_community, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert (other.seekers_registered, other.vacancies_reported, other.placements) == (1, 1, 0)


def test_employment_figures_of_an_empty_period(world, march):
    figures = employment_figures(community=world.community, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert figures.placements == 0
    assert figures.promise_rate is None
    assert figures.avg_hours_to_placement is None
    assert figures.avg_days_from_registration is None
    assert figures.benefit_total == Decimal("0")
    assert (figures.seekers_registered, figures.trainees, figures.certified) == (0, 0, 0)


def test_subjects_by_kind(world, care):
    on_feb_10 = subjects_by_kind(community=world.community, as_of=D(2026, 2, 10))
    assert (on_feb_10["空巢老人"], on_feb_10["留守妇女"], on_feb_10["高龄"], on_feb_10["合计"]) == (1, 1, 1, 3)
    on_mar_1 = subjects_by_kind(community=world.community, as_of=D(2026, 3, 1))
    assert (on_mar_1["高龄"], on_mar_1["合计"]) == (0, 2)
    assert subjects_by_kind(community=world.community, as_of=D(2025, 12, 31))["合计"] == 0


def test_visits_in_period(world, care):
    assert visits_in_period(community=world.community, start=D(2026, 3, 1), end=D(2026, 3, 31)) == {
        "total": 1,
        "home": 0,
        "phone": 1,
        "warmth": 0,
    }
    assert visits_in_period(community=world.community, start=D(2026, 1, 1), end=D(2026, 12, 31))["total"] == 2
    assert visits_in_period(community=world.community, start=D(2025, 1, 1), end=D(2025, 12, 31))["total"] == 0


def test_overdue_subjects(world, care):
    overdue = overdue_subjects(community=world.community, as_of=D(2026, 4, 1))
    assert [subject.pk for subject in overdue] == [care.woman.pk]
    assert overdue[0].due == D(2026, 3, 3)
    assert overdue[0].days_overdue == 29
    later = overdue_subjects(community=world.community, as_of=D(2026, 4, 10))
    assert [subject.pk for subject in later] == [care.woman.pk, care.empty_nest.pk]  # longest overdue first
    assert overdue_count(community=world.community, as_of=D(2026, 2, 1)) == 0
