"""Figures of 帮教, 社区矫正 and key-person visits for the reports (issue 6 item 11).

Pure reads, scoped by an explicit ``community`` (or ``communities``), a few queries each, returning
frozen dataclasses. Definitions (domain.md §8 decision 4) are in each docstring; a rate whose
denominator is zero is ``None`` (shown as "—").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from governance.models import Community
from residents.models import years_before
from safety.models.care import CareTask, CorrectionCase, CorrectionStatus, RehabCase

FIVE_YEARS = 5


def _territory(queryset: QuerySet, community: Community | None, communities: Iterable[Community] | None) -> QuerySet:
    if community is not None:
        return queryset.filter(community=community)
    if communities is not None:
        return queryset.filter(community__in=list(communities))
    return queryset


def _rate(numerator: int, denominator: int) -> float | None:
    return None if not denominator else numerator / denominator


@dataclass(frozen=True)
class RehabFigures:
    as_of: datetime.date
    year: int
    under_rehab: int  # people under 帮教 on as_of
    reoffences_in_year: int  # 当年重新犯罪
    released_within_five_years: int  # people released in the five years up to as_of (with a 帮教 case)
    reoffences_within_five_years: int  # 五年期重新犯罪
    reoffence_rate_five_years: float | None  # 五年期重新犯罪 / released_within_five_years


def rehab_figures(
    *, as_of: datetime.date, community: Community | None = None, communities: Iterable[Community] | None = None
) -> RehabFigures:
    """帮教 figures as of ``as_of`` (one query).

    * 帮教人数 (``under_rehab``): distinct people whose case had started by ``as_of`` and had not ended
      (期满解除, 迁出, 重新犯罪, 死亡) on or before it.
    * 当年重新犯罪 (``reoffences_in_year``): people under 帮教 who offended again in the reporting year, i.e.
      cases whose re-offence date falls between 1 January of ``as_of``'s year and ``as_of``. A re-offence
      is recorded only on a case under 帮教 (it is what ends the case), so each such case counts.
    * 五年期重新犯罪 (``reoffences_within_five_years``): people released within the five years before
      ``as_of`` (``as_of`` − 5 years < 释放日期 ≤ ``as_of``) who offended again on or before ``as_of``.
      ``released_within_five_years`` is the denominator of its rate.
    """
    year_start = datetime.date(as_of.year, 1, 1)
    window_start = years_before(as_of, FIVE_YEARS)
    under = Q(started_on__lte=as_of) & (Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
    released_recently = Q(released_on__gt=window_start, released_on__lte=as_of)
    reoffended = Q(reoffended_on__isnull=False, reoffended_on__lte=as_of)
    figures = _territory(RehabCase.objects.all(), community, communities).aggregate(
        under_rehab=Count("person", filter=under, distinct=True),
        reoffences_in_year=Count(
            "person", filter=Q(reoffended_on__gte=year_start, reoffended_on__lte=as_of), distinct=True
        ),
        released_within_five_years=Count("person", filter=released_recently, distinct=True),
        reoffences_within_five_years=Count("person", filter=released_recently & reoffended, distinct=True),
    )
    return RehabFigures(
        as_of=as_of,
        year=as_of.year,
        reoffence_rate_five_years=_rate(figures["reoffences_within_five_years"], figures["released_within_five_years"]),
        **figures,
    )


@dataclass(frozen=True)
class CorrectionFigures:
    start: datetime.date
    end: datetime.date
    in_correction: int  # on ``end``
    received: int  # start_on in [start, end]
    released: int  # 解除矫正 in [start, end]
    imprisoned: int  # 收监执行 in [start, end]
    violations: int  # violations recorded in [start, end]


def correction_figures(
    *,
    start: datetime.date,
    end: datetime.date,
    community: Community | None = None,
    communities: Iterable[Community] | None = None,
) -> CorrectionFigures:
    """社区矫正 over the period [``start``, ``end``] (two queries).

    * 在矫人数 (``in_correction``): subjects received by ``end`` and not released, imprisoned or dead on or
      before ``end``;
    * 新接收 (``received``): subjects whose correction started in the period;
    * 解除矫正 / 收监执行: cases that ended that way in the period;
    * 违规 (``violations``): violations that occurred in the period.
    """
    queryset = _territory(CorrectionCase.objects.all(), community, communities)
    in_period = Q(ended_on__gte=start, ended_on__lte=end)
    figures = queryset.aggregate(
        in_correction=Count(
            "pk", filter=Q(start_on__lte=end) & (Q(ended_on__isnull=True) | Q(ended_on__gt=end)), distinct=True
        ),
        received=Count("pk", filter=Q(start_on__gte=start, start_on__lte=end), distinct=True),
        released=Count("pk", filter=in_period & Q(status=CorrectionStatus.RELEASED), distinct=True),
        imprisoned=Count("pk", filter=in_period & Q(status=CorrectionStatus.IMPRISONED), distinct=True),
    )
    violations = queryset.filter(violations__occurred_on__gte=start, violations__occurred_on__lte=end).count()
    return CorrectionFigures(start=start, end=end, violations=violations, **figures)


@dataclass(frozen=True)
class OverdueFigures:
    on: datetime.date
    rehab_visits_overdue: int  # active 帮教 cases with no visit within their interval
    correction_checkins_overdue: int  # active corrections with no check-in within their interval
    care_tasks_open: int
    care_tasks_yellow: int  # overdue, by at most one interval
    care_tasks_red: int  # overdue by more than one interval (红牌督办)


def overdue_figures(
    *, on: datetime.date, community: Community | None = None, communities: Iterable[Community] | None = None
) -> OverdueFigures:
    """What is overdue on ``on`` (see ``RehabCaseQuerySet.visits_overdue_on``,
    ``CorrectionCaseQuerySet.checkins_overdue_on`` and ``CareTask.escalation_on`` for the definitions)."""
    rehab = _territory(RehabCase.objects.all(), community, communities).visits_overdue_on(on).count()
    correction = _territory(CorrectionCase.objects.all(), community, communities).checkins_overdue_on(on).count()
    tasks = _territory(CareTask.objects.open(), community, communities).aggregate(
        care_tasks_open=Count("pk"),
        care_tasks_yellow=Count("pk", filter=Q(due_on__lt=on, escalate_on__gte=on)),
        care_tasks_red=Count("pk", filter=Q(escalate_on__lt=on)),
    )
    return OverdueFigures(on=on, rehab_visits_overdue=rehab, correction_checkins_overdue=correction, **tasks)
