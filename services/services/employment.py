"""Write workflows of 就业服务.

A job seeker's card::

    求职中 ──► 已就业 (by a placement, ``referral_place``)
       └────► 退出 (``seeker_withdraw``, with a reason)

A referral::

    待反馈 ──► 已上岗 (``referral_place``: the seeker becomes 已就业, the vacancy's filled count goes up and
       │                it becomes 已满员 when all its posts are filled)
       └────► 未录用 (``referral_reject``)

Only a seeker who is 求职中 may be referred, only to a vacancy that is 招聘中.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import User
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save
from residents.models import Person
from services.models.employment import (
    BenefitPayment,
    JobSeeker,
    Referral,
    ReferralResult,
    SeekerStatus,
    TrainingCourse,
    TrainingEnrolment,
    TrainingOutcome,
    Vacancy,
    VacancyStatus,
)


def _community(actor: User, obj) -> None:
    if obj._state.adding and obj.community_id is None:
        obj.community = actor_community(actor)
        if obj.community is None:
            raise ValidationError({"community": "请选择社区。"})


def _not_in_future(moment: datetime.datetime, field: str, what: str) -> None:
    if moment > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({field: f"{what}不能晚于当前时间。"})


#
# Seekers
#


@transaction.atomic
def seeker_save(*, actor: User, seeker: JobSeeker) -> JobSeeker:
    """Register (求职登记) or edit a job seeker; the group follows the person."""
    if seeker.person_id is None:
        raise ValidationError({"person": "请填写求职人员的身份证号。"})
    ensure_visible_to(seeker.person, actor)
    if seeker._state.adding:
        if seeker.community_id is None:
            seeker.community = seeker.person.community
        seeker.status = SeekerStatus.SEEKING
    seeker.group = seeker.person.group
    if seeker.registered_on and seeker.registered_on > timezone.localdate():
        raise ValidationError({"registered_on": "登记日期不能晚于今天。"})
    return register_save(actor=actor, instance=seeker, reason="" if seeker.pk else "求职登记")


@transaction.atomic
def seeker_withdraw(*, actor: User, seeker: JobSeeker, on: datetime.date, reason: str) -> JobSeeker:
    """Close a card without a placement (退出: 自谋职业, 迁出, 退休 …)."""
    ensure_visible_to(seeker, actor)
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.status != SeekerStatus.SEEKING:
        raise ValidationError(f"该求职登记状态为“{seeker.get_status_display()}”,不能再退出。")
    if not reason.strip():
        raise ValidationError({"reason": "请填写退出原因。"})
    if on < seeker.registered_on:
        raise ValidationError({"on": f"退出日期不能早于登记日期({seeker.registered_on:%Y-%m-%d})。"})
    if on > timezone.localdate():
        raise ValidationError({"on": "退出日期不能晚于今天。"})
    seeker.status = SeekerStatus.WITHDRAWN
    seeker.closed_on = on
    seeker.closed_reason = reason.strip()
    return register_save(actor=actor, instance=seeker, reason="退出求职登记")


#
# Vacancies
#


@transaction.atomic
def vacancy_save(*, actor: User, vacancy: Vacancy) -> Vacancy:
    """Record (空岗报告) or edit a vacancy; its status follows the filled count."""
    _community(actor, vacancy)
    if vacancy.employer_unit_id:
        ensure_visible_to(vacancy.employer_unit, actor)
    if vacancy.posts and vacancy.filled > vacancy.posts:
        raise ValidationError({"posts": "招用人数不能少于已上岗人数。"})
    vacancy.status = VacancyStatus.FILLED if vacancy.posts and vacancy.filled >= vacancy.posts else VacancyStatus.OPEN
    return register_save(actor=actor, instance=vacancy, reason="" if vacancy.pk else "空岗报告")


#
# Referrals
#


@transaction.atomic
def referral_add(
    *, actor: User, seeker: JobSeeker, vacancy: Vacancy, referred_at: datetime.datetime, note: str = ""
) -> Referral:
    """Refer a seeker who is 求职中 to a vacancy that is 招聘中 (职业介绍)."""
    ensure_visible_to(seeker, actor)
    ensure_visible_to(vacancy, actor)
    if seeker.status != SeekerStatus.SEEKING:
        raise ValidationError(f"该求职人员状态为“{seeker.get_status_display()}”,不能再介绍岗位。")
    if vacancy.status != VacancyStatus.OPEN:
        raise ValidationError({"vacancy": "该岗位已满员,不能再介绍。"})
    if vacancy.community_id != seeker.community_id:
        raise ValidationError({"vacancy": "岗位必须是本社区登记的空岗。"})
    if timezone.localtime(referred_at).date() < seeker.registered_on:
        raise ValidationError({"referred_at": f"介绍时间不能早于求职登记日期({seeker.registered_on:%Y-%m-%d})。"})
    _not_in_future(referred_at, "referred_at", "介绍时间")
    if seeker.referrals.filter(vacancy=vacancy, result=ReferralResult.PENDING).exists():
        raise ValidationError({"vacancy": "已介绍该岗位,正在等待反馈。"})
    referral = Referral(
        community=seeker.community,
        seeker=seeker,
        vacancy=vacancy,
        referred_at=referred_at,
        note=note.strip(),
        referred_by=actor,
    )
    return register_save(actor=actor, instance=referral, reason="职业介绍")


def _locked_pending(referral: Referral, actor: User, what: str) -> Referral:
    ensure_visible_to(referral, actor)
    referral = Referral.objects.select_for_update().select_related("seeker", "vacancy").get(pk=referral.pk)
    if referral.result != ReferralResult.PENDING:
        raise ValidationError(f"该介绍结果为“{referral.get_result_display()}”,不能再{what}。")
    return referral


@transaction.atomic
def referral_place(*, actor: User, referral: Referral, placed_at: datetime.datetime, note: str = "") -> Referral:
    """The seeker started work (已上岗): the seeker is 已就业 and the vacancy counts one more filled post."""
    referral = _locked_pending(referral, actor, "登记上岗")
    if placed_at < referral.referred_at:
        raise ValidationError({"placed_at": "上岗时间不能早于介绍时间。"})
    _not_in_future(placed_at, "placed_at", "上岗时间")
    seeker = JobSeeker.objects.select_for_update().get(pk=referral.seeker_id)
    vacancy = Vacancy.objects.select_for_update().get(pk=referral.vacancy_id)
    if seeker.status != SeekerStatus.SEEKING:
        raise ValidationError(f"该求职人员状态为“{seeker.get_status_display()}”,不能再登记上岗。")
    if vacancy.filled >= vacancy.posts:
        raise ValidationError("该岗位已满员,不能再登记上岗。")
    referral.result = ReferralResult.PLACED
    referral.placed_at = placed_at
    if note.strip():
        referral.note = note.strip()
    register_save(actor=actor, instance=referral, reason="上岗")
    vacancy.filled += 1
    vacancy.status = VacancyStatus.FILLED if vacancy.filled >= vacancy.posts else VacancyStatus.OPEN
    register_save(actor=actor, instance=vacancy, reason="上岗")
    seeker.status = SeekerStatus.EMPLOYED
    seeker.closed_on = timezone.localtime(placed_at).date()
    register_save(actor=actor, instance=seeker, reason="上岗")
    return referral


@transaction.atomic
def referral_reject(*, actor: User, referral: Referral, note: str) -> Referral:
    """The unit did not take the seeker (未录用)."""
    referral = _locked_pending(referral, actor, "登记未录用")
    if not note.strip():
        raise ValidationError({"note": "请填写未录用的原因。"})
    referral.result = ReferralResult.REJECTED
    referral.note = note.strip()
    return register_save(actor=actor, instance=referral, reason="未录用")


#
# Training
#


@transaction.atomic
def course_save(*, actor: User, course: TrainingCourse) -> TrainingCourse:
    _community(actor, course)
    return register_save(actor=actor, instance=course, reason="" if course.pk else "开班")


@transaction.atomic
def enrolment_add(*, actor: User, course: TrainingCourse, person: Person) -> TrainingEnrolment:
    """Enrol a resident in a course; linked to the resident's open job-seeker card if there is one."""
    ensure_visible_to(course, actor)
    ensure_visible_to(person, actor)
    if person.community_id != course.community_id:
        raise ValidationError({"person": "学员必须是本社区的居民。"})
    seeker = JobSeeker.objects.filter(person=person).order_by("-registered_on").first()
    enrolment = TrainingEnrolment(community=course.community, course=course, person=person, seeker=seeker)
    return register_save(actor=actor, instance=enrolment, reason="报名")


@transaction.atomic
def enrolment_set_outcome(
    *, actor: User, enrolment: TrainingEnrolment, outcome: str, certificate: str = ""
) -> TrainingEnrolment:
    """Record a trainee's outcome (结业 / 取证 / 未完成) once the course has ended."""
    ensure_visible_to(enrolment, actor)
    if outcome not in TrainingOutcome.values:
        raise ValidationError({"outcome": "请选择培训结果。"})
    if enrolment.course.end_on > timezone.localdate() and outcome != TrainingOutcome.INCOMPLETE:
        raise ValidationError({"outcome": "培训尚未结业,只能登记“未完成”。"})
    if outcome == TrainingOutcome.CERTIFIED and not certificate.strip():
        raise ValidationError({"certificate": "取证请填写证书名称或编号。"})
    enrolment.outcome = outcome
    enrolment.certificate = certificate.strip()
    return register_save(actor=actor, instance=enrolment, reason="培训结果")


#
# Benefits
#


@transaction.atomic
def benefit_add(*, actor: User, payment: BenefitPayment) -> BenefitPayment:
    """Record a benefit paid to a resident for a month."""
    if payment.person_id is None:
        raise ValidationError({"person": "请填写领取人的身份证号。"})
    ensure_visible_to(payment.person, actor)
    payment.community = payment.person.community
    if payment.period:
        payment.period = payment.period.replace(day=1)
        if payment.period > timezone.localdate():
            raise ValidationError({"period": "所属月份不能晚于本月。"})
    return register_save(actor=actor, instance=payment, reason="发放")
