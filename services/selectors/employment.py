"""Figures of 就业服务 for a period [start, end] (dates, both included).

* ``seekers_registered``: job-seeker cards registered in the period;
* ``placements``: referrals whose placement (上岗) falls in the period; ``placements_within_48h`` those placed
  within 48 hours of the referral (the "48 小时上岗" promise); ``promise_rate`` their share (None without
  placements);
* ``avg_hours_to_placement``: mean hours from referral to placement, ``avg_days_from_registration``: mean
  days from the seeker's registration to the placement (both None without placements);
* ``vacancies_reported`` / ``posts_reported``: vacancies reported in the period and their posts;
  ``public_welfare_placements``: placements of the period in 公益性岗位;
* ``trainees`` / ``certified``: enrolments in courses starting in the period, and those who got a certificate;
* ``benefit_payments`` / ``benefit_total``: benefit payments whose month falls in the period, and their sum (元).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from services.models.employment import (
    PROMISE_HOURS,
    BenefitPayment,
    JobSeeker,
    Referral,
    ReferralResult,
    TrainingEnrolment,
    TrainingOutcome,
    Vacancy,
)


@dataclass(frozen=True)
class EmploymentFigures:
    seekers_registered: int
    placements: int
    placements_within_48h: int
    promise_rate: float | None
    avg_hours_to_placement: float | None
    avg_days_from_registration: float | None
    vacancies_reported: int
    posts_reported: int
    public_welfare_placements: int
    trainees: int
    certified: int
    benefit_payments: int
    benefit_total: Decimal


def _scoped(queryset, community, communities):
    if community is not None:
        return queryset.filter(community=community)
    if communities is not None:
        return queryset.filter(community__in=communities)
    return queryset


def employment_figures(
    *, community=None, communities=None, start: datetime.date, end: datetime.date
) -> EmploymentFigures:
    seekers = _scoped(JobSeeker.objects.all(), community, communities).filter(registered_on__range=(start, end))
    placed = list(
        _scoped(Referral.objects.all(), community, communities)
        .filter(result=ReferralResult.PLACED, placed_at__date__range=(start, end))
        .values_list("referred_at", "placed_at", "seeker__registered_on", "vacancy__is_public_welfare")
    )
    hours = [(placed_at - referred_at).total_seconds() / 3600 for referred_at, placed_at, _, _ in placed]
    days = [(timezone.localtime(placed_at).date() - registered).days for _, placed_at, registered, _ in placed]
    within = sum(1 for value in hours if value <= PROMISE_HOURS)
    vacancies = (
        _scoped(Vacancy.objects.all(), community, communities)
        .filter(reported_on__range=(start, end))
        .aggregate(count=Count("id"), posts=Sum("posts"))
    )
    training = (
        _scoped(TrainingEnrolment.objects.all(), community, communities)
        .filter(course__start_on__range=(start, end))
        .aggregate(count=Count("id"), certified=Count("id", filter=Q(outcome=TrainingOutcome.CERTIFIED)))
    )
    benefits = (
        _scoped(BenefitPayment.objects.all(), community, communities)
        .filter(period__range=(start.replace(day=1), end))
        .aggregate(count=Count("id"), total=Sum("amount"))
    )
    return EmploymentFigures(
        seekers_registered=seekers.count(),
        placements=len(placed),
        placements_within_48h=within,
        promise_rate=round(within / len(placed), 4) if placed else None,
        avg_hours_to_placement=round(sum(hours) / len(hours), 1) if hours else None,
        avg_days_from_registration=round(sum(days) / len(days), 1) if days else None,
        vacancies_reported=vacancies["count"],
        posts_reported=vacancies["posts"] or 0,
        public_welfare_placements=sum(1 for *_, public in placed if public),
        trainees=training["count"],
        certified=training["certified"],
        benefit_payments=benefits["count"],
        benefit_total=benefits["total"] or Decimal("0"),
    )
