"""Services of 就业服务: registration, referral, placement (the seeker is 已就业, the vacancy counts the post),
refusals with their Chinese messages and nothing written on failure."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from services.models.employment import (
    BenefitPayment,
    JoblessKind,
    JobSeeker,
    Referral,
    ReferralResult,
    SeekerStatus,
    Vacancy,
    VacancyStatus,
)
from services.services.employment import (
    benefit_add,
    enrolment_add,
    enrolment_set_outcome,
    referral_add,
    referral_place,
    referral_reject,
    seeker_save,
    seeker_withdraw,
    vacancy_save,
)
from tests.services import employment_fixtures
from tests.services.employment_fixtures import at

pytestmark = pytest.mark.django_db
D = datetime.date

employment = employment_fixtures.employment


def test_seeker_save_takes_community_and_group_from_the_person(world, population, employment):
    assert employment.seeker.community == world.community
    assert employment.seeker.group == world.group_a
    assert employment.seeker.status == SeekerStatus.SEEKING


def test_seeker_save_refuses_a_second_open_card(world, population, employment):
    with pytest.raises(ValidationError, match="该居民已有求职中的登记卡"):
        seeker_save(
            actor=world.worker,
            seeker=JobSeeker(person=population.son, jobless_kind=JoblessKind.LAID_OFF, registered_on=D(2026, 4, 1)),
        )
    assert JobSeeker.objects.filter(person=population.son).count() == 1


def test_referral_place_sets_the_seeker_employed_and_fills_the_post(world, employment):
    referral = referral_place(actor=world.worker, referral=employment.referral, placed_at=at(2026, 3, 7, 15))
    assert referral.result == ReferralResult.PLACED
    assert referral.hours_to_placement == 30.0
    assert referral.within_promise is True
    assert referral.days_from_registration == 6
    seeker = JobSeeker.objects.get(pk=employment.seeker.pk)
    assert seeker.status == SeekerStatus.EMPLOYED
    assert seeker.closed_on == D(2026, 3, 7)
    vacancy = Vacancy.objects.get(pk=employment.cleaner.pk)
    assert vacancy.filled == 1
    assert vacancy.status == VacancyStatus.OPEN


def test_the_last_post_filled_closes_the_vacancy_and_refuses_more_referrals(world, employment):
    referral_place(actor=world.worker, referral=employment.referral, placed_at=at(2026, 3, 7))
    second = referral_add(
        actor=world.worker, seeker=employment.seeker_b, vacancy=employment.cleaner, referred_at=at(2026, 3, 12)
    )
    referral_place(actor=world.worker, referral=second, placed_at=at(2026, 3, 15))
    vacancy = Vacancy.objects.get(pk=employment.cleaner.pk)
    assert vacancy.filled == 2
    assert vacancy.status == VacancyStatus.FILLED
    assert Referral.objects.get(pk=second.pk).within_promise is False
    with pytest.raises(ValidationError, match="已满员"):
        referral_add(actor=world.worker, seeker=employment.seeker_b, vacancy=vacancy, referred_at=at(2026, 3, 20))


def test_referral_add_refuses_an_employed_seeker(world, employment):
    referral_place(actor=world.worker, referral=employment.referral, placed_at=at(2026, 3, 7))
    seeker = JobSeeker.objects.get(pk=employment.seeker.pk)
    with pytest.raises(ValidationError, match="该求职人员状态为“已就业”,不能再介绍岗位"):
        referral_add(actor=world.worker, seeker=seeker, vacancy=employment.loader, referred_at=at(2026, 4, 2))
    assert Referral.objects.count() == 1


def test_referral_add_refuses_a_time_before_registration(world, employment):
    with pytest.raises(ValidationError, match="介绍时间不能早于求职登记日期"):
        referral_add(
            actor=world.worker, seeker=employment.seeker_b, vacancy=employment.loader, referred_at=at(2026, 3, 9)
        )


def test_referral_place_refuses_a_placement_before_the_referral_and_writes_nothing(world, employment):
    with pytest.raises(ValidationError, match="上岗时间不能早于介绍时间"):
        referral_place(actor=world.worker, referral=employment.referral, placed_at=at(2026, 3, 5))
    assert Referral.objects.get(pk=employment.referral.pk).result == ReferralResult.PENDING
    assert Vacancy.objects.get(pk=employment.cleaner.pk).filled == 0
    assert JobSeeker.objects.get(pk=employment.seeker.pk).status == SeekerStatus.SEEKING


def test_a_rejected_referral_cannot_be_placed(world, employment):
    with pytest.raises(ValidationError, match="请填写未录用的原因"):
        referral_reject(actor=world.worker, referral=employment.referral, note=" ")
    referral_reject(actor=world.worker, referral=employment.referral, note="体检不合格")
    with pytest.raises(ValidationError, match="该介绍结果为“未录用”,不能再登记上岗"):
        referral_place(actor=world.worker, referral=employment.referral, placed_at=at(2026, 3, 7))
    assert JobSeeker.objects.get(pk=employment.seeker.pk).status == SeekerStatus.SEEKING


def test_seeker_withdraw_closes_the_card_once(world, employment):
    with pytest.raises(ValidationError):
        seeker_withdraw(actor=world.worker, seeker=employment.seeker_b, on=D(2026, 3, 1), reason="迁出")
    seeker = seeker_withdraw(actor=world.worker, seeker=employment.seeker_b, on=D(2026, 4, 1), reason="自谋职业")
    assert seeker.status == SeekerStatus.WITHDRAWN
    with pytest.raises(ValidationError, match="该求职登记状态为“退出”,不能再退出"):
        seeker_withdraw(actor=world.worker, seeker=seeker, on=D(2026, 4, 2), reason="迁出")


def test_vacancy_needs_exactly_one_employer(world, employment):
    with pytest.raises(ValidationError, match="请填写用工单位"):
        vacancy_save(actor=world.worker, vacancy=Vacancy(title="门卫", posts=1, reported_on=D(2026, 4, 1)))
    with pytest.raises(ValidationError, match="请填写用工单位"):
        vacancy_save(
            actor=world.worker,
            vacancy=Vacancy(
                title="门卫", posts=1, reported_on=D(2026, 4, 1), employer_unit=world.unit, employer_name="某厂"
            ),
        )


def test_enrolment_and_outcome(world, population, employment):
    enrolment = enrolment_add(actor=world.worker, course=employment.course, person=population.son)
    assert enrolment.seeker == employment.seeker
    with pytest.raises(ValidationError, match="该居民已报名此培训"):
        enrolment_add(actor=world.worker, course=employment.course, person=population.son)
    with pytest.raises(ValidationError, match="取证请填写证书"):
        enrolment_set_outcome(actor=world.worker, enrolment=enrolment, outcome="certified")
    enrolment = enrolment_set_outcome(
        actor=world.worker, enrolment=enrolment, outcome="certified", certificate="中式烹调师"
    )
    assert enrolment.get_outcome_display() == "取证"


def test_benefit_add_keeps_the_month_and_refuses_a_duplicate(world, population):
    payment = benefit_add(
        actor=world.worker,
        payment=BenefitPayment(person=population.householder_b, period=D(2026, 3, 15), amount=Decimal("500")),
    )
    assert payment.period == D(2026, 3, 1)
    assert payment.community == world.community
    with pytest.raises(ValidationError, match="该居民本月已登记同类发放"):
        benefit_add(
            actor=world.worker,
            payment=BenefitPayment(person=population.householder_b, period=D(2026, 3, 1), amount=Decimal("500")),
        )
    assert BenefitPayment.objects.count() == 1
