"""Figures of the 平安 records for the reports (issue 6 item 11): pure reads, one or few queries each.

Every selector takes ``community`` (one) or ``communities`` (several; a street's) or neither (every
community, for superusers), and a period [``start``, ``end``] with both days included. Definitions:

* **patrols**: patrol records dated in the period; **hours** the sum of their durations (an end not
  after the start crosses midnight); **person-hours** each patrol's hours × the members present;
* **police hours**: hours of the community police officers' visits dated in the period, per officer and
  calendar month; **hours per month** the period's hours / the calendar months it touches;
* **legal education**: sessions dated in the period, people reached (their audience counts added up),
  materials handed out, 法律大课 held and those with at least 50 people; sessions per month likewise
  per calendar month touched;
* **inspections**: inspections dated in the period; **hazards found** those of them that found one;
  **hazards closed** of those, the ones rectified on or before ``end``; **rectification rate** =
  closed / found (``None`` when nothing was found); **overdue** hazards found on or before ``end``
  whose deadline passed before ``end`` and that were not rectified by ``end``;
* **incidents**: per kind, the incidents dated in the year and whether the year is *confirmed* free of
  that kind (a head's sign-off and no incident): "none" and "not recorded" differ;
* **petitions**: received in the period; **集体访** with 5 or more petitioners; **越级** those that
  reached the 区县 or above; **因解决不当越级** the 越级 ones marked as caused by improper handling.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from safety.models.records import (
    COLLECTIVE_HEADCOUNT,
    MONTHLY_KINDS,
    SKIP_LEVELS,
    Incident,
    IncidentKind,
    IncidentYearConfirmation,
    Inspection,
    InspectionResult,
    InspectionSchedule,
    InspectionTarget,
    LegalEducationFormat,
    LegalEducationSession,
    PatrolFinding,
    PatrolRecord,
    Petition,
    PoliceOfficer,
    PoliceVisit,
    patrol_hours,
)

BIG_COURSE_AUDIENCE = 50  # 「全年上大课2次,每次不少于50人」[003]
ZERO = Decimal(0)


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _scoped(queryset: QuerySet, community, communities) -> QuerySet:
    if community is not None:
        queryset = queryset.filter(community=community)
    if communities is not None:
        queryset = queryset.filter(community__in=communities)
    return queryset


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first days of the calendar months that [start, end] touches, in order."""
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _month_of(value) -> datetime.date:
    # TruncMonth gives a date on PostgreSQL and SQLite alike for a DateField; be lenient with datetimes.
    return value.date() if isinstance(value, datetime.datetime) else value


#
# Patrols
#


@dataclass(frozen=True)
class PatrolFigures:
    patrols: int = 0
    hours: Decimal = ZERO
    person_hours: Decimal = ZERO
    # Every finding, in the order of ``PatrolFinding``, zeros included.
    by_findings: dict[str, int] = field(default_factory=dict)

    @property
    def with_findings(self) -> int:
        """Patrols that found something (anything but 无异常)."""
        return self.patrols - self.by_findings.get(PatrolFinding.NONE, 0)


def patrol_figures(*, community=None, communities=None, start: datetime.date, end: datetime.date) -> PatrolFigures:
    """Patrols, patrol hours and person-hours in [start, end] (one query)."""
    rows = (
        _scoped(PatrolRecord.objects.all(), community, communities)
        .filter(date__gte=start, date__lte=end)
        .annotate(present=Count("members_present"))
        .values_list("start_time", "end_time", "findings", "present")
    )
    hours = person_hours = ZERO
    by_findings = dict.fromkeys(PatrolFinding.values, 0)
    patrols = 0
    for start_time, end_time, findings, present in rows:
        duration = patrol_hours(start_time, end_time)
        patrols += 1
        hours += duration
        person_hours += duration * present
        by_findings[findings] = by_findings.get(findings, 0) + 1
    return PatrolFigures(patrols=patrols, hours=hours, person_hours=person_hours, by_findings=by_findings)


#
# Police liaison
#


@dataclass(frozen=True)
class OfficerMonth:
    month: datetime.date
    hours: Decimal
    target: Decimal

    @property
    def met(self) -> bool:
        return self.hours >= self.target


@dataclass(frozen=True)
class PoliceFigures:
    officers: int = 0  # officers with at least one visit in the period
    hours: Decimal = ZERO
    months: int = 0
    # (officer id, first day of month) → hours, only months with visits.
    by_officer_month: dict[tuple[int, datetime.date], Decimal] = field(default_factory=dict)

    @property
    def hours_per_month(self) -> Decimal | None:
        """The period's hours / the calendar months it touches."""
        return (self.hours / self.months).quantize(Decimal("0.1")) if self.months else None


def police_figures(*, community=None, communities=None, start: datetime.date, end: datetime.date) -> PoliceFigures:
    """The police officers' visit hours in [start, end], per officer and month (one query)."""
    rows = (
        _scoped(PoliceVisit.objects.all(), community, communities)
        .filter(date__gte=start, date__lte=end)
        .annotate(month=TruncMonth("date"))
        .values("officer_id", "month")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    by_officer_month = {(row["officer_id"], _month_of(row["month"])): row["hours"] for row in rows}
    return PoliceFigures(
        officers=len({officer for officer, _ in by_officer_month}),
        hours=sum(by_officer_month.values(), ZERO),
        months=len(months_between(start, end)),
        by_officer_month=by_officer_month,
    )


def police_officer_months(*, officer: PoliceOfficer, last_month: datetime.date, count: int = 12) -> list[OfficerMonth]:
    """``officer``'s hours in each of the ``count`` calendar months up to ``last_month``'s, newest first,
    limited to the months of their assignment (one query)."""
    end = last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
    start = end.replace(day=1)
    for _ in range(count - 1):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
    start = max(start, officer.assigned_from.replace(day=1))
    if officer.assigned_to:
        end = min(end, officer.assigned_to)
    rows = (
        PoliceVisit.objects.filter(officer=officer, date__gte=start, date__lte=end)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    hours = {_month_of(row["month"]): row["hours"] for row in rows}
    return [
        OfficerMonth(month=month, hours=hours.get(month, ZERO), target=officer.monthly_target_hours)
        for month in reversed(months_between(start, end))
    ]


#
# Legal education
#


@dataclass(frozen=True)
class MonthCount:
    month: datetime.date
    sessions: int
    people: int


@dataclass(frozen=True)
class LegalEducationFigures:
    sessions: int = 0
    people_reached: int = 0
    materials: int = 0
    courses: int = 0  # 法律大课
    big_courses: int = 0  # 法律大课 with at least 50 people
    by_month: list[MonthCount] = field(default_factory=list)  # every month of the period, zeros included

    @property
    def sessions_per_month(self) -> Decimal | None:
        return (Decimal(self.sessions) / len(self.by_month)).quantize(Decimal("0.1")) if self.by_month else None


def legal_education_figures(
    *, community=None, communities=None, start: datetime.date, end: datetime.date
) -> LegalEducationFigures:
    """Legal-education sessions, people reached and 法律大课 in [start, end], per month (two queries)."""
    sessions = _scoped(LegalEducationSession.objects.all(), community, communities).filter(
        date__gte=start, date__lte=end
    )
    course = Q(format=LegalEducationFormat.LECTURE_COURSE)
    totals = sessions.aggregate(
        sessions=Count("pk"),
        people=Sum("audience_count"),
        materials=Sum("materials_distributed"),
        courses=Count("pk", filter=course),
        big_courses=Count("pk", filter=course & Q(audience_count__gte=BIG_COURSE_AUDIENCE)),
    )
    rows = (
        sessions.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(sessions=Count("pk"), people=Sum("audience_count"))
        .order_by()
    )
    per_month = {_month_of(row["month"]): row for row in rows}
    by_month = [
        MonthCount(
            month=month,
            sessions=per_month[month]["sessions"] if month in per_month else 0,
            people=(per_month[month]["people"] or 0) if month in per_month else 0,
        )
        for month in months_between(start, end)
    ]
    return LegalEducationFigures(
        sessions=totals["sessions"],
        people_reached=totals["people"] or 0,
        materials=totals["materials"] or 0,
        courses=totals["courses"],
        big_courses=totals["big_courses"],
        by_month=by_month,
    )


#
# Inspections
#


@dataclass(frozen=True)
class InspectionFigures:
    inspections: int = 0
    hazards_found: int = 0
    hazards_closed: int = 0
    overdue: int = 0

    @property
    def rectification_rate(self) -> float | None:
        """Hazards closed / hazards found; ``None`` when nothing was found."""
        return _rate(self.hazards_closed, self.hazards_found)


def inspection_figures(
    *, community=None, communities=None, start: datetime.date, end: datetime.date
) -> InspectionFigures:
    """Inspections done, hazards found and closed in [start, end], and hazards overdue at ``end`` (one query)."""
    inspections = _scoped(Inspection.objects.all(), community, communities)
    hazard = Q(result=InspectionResult.HAZARD)
    in_period = Q(date__gte=start, date__lte=end)
    open_at_end = Q(rectified_on__isnull=True) | Q(rectified_on__gt=end)
    totals = inspections.aggregate(
        inspections=Count("pk", filter=in_period),
        found=Count("pk", filter=in_period & hazard),
        closed=Count("pk", filter=in_period & hazard & Q(rectified_on__lte=end)),
        overdue=Count("pk", filter=hazard & Q(date__lte=end, deadline__lt=end) & open_at_end),
    )
    return InspectionFigures(
        inspections=totals["inspections"],
        hazards_found=totals["found"],
        hazards_closed=totals["closed"],
        overdue=totals["overdue"],
    )


@dataclass(frozen=True)
class DueTarget:
    target: InspectionTarget
    period_start: datetime.date
    last_inspected_on: datetime.date | None


@dataclass(frozen=True)
class OverdueList:
    today: datetime.date
    targets: list[DueTarget] = field(default_factory=list)  # not inspected in their current period
    hazards: list[Inspection] = field(default_factory=list)  # open past their deadline


def current_period_start(schedule: str, today: datetime.date) -> datetime.date | None:
    """The first day of the current inspection period (month or quarter); ``None`` when irregular."""
    if schedule == InspectionSchedule.MONTHLY:
        return today.replace(day=1)
    if schedule == InspectionSchedule.QUARTERLY:
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    return None


def inspection_overdue(*, targets: QuerySet, inspections: QuerySet, today: datetime.date) -> OverdueList:
    """What is overdue on ``today`` among the given (already scoped) rows: active scheduled targets not yet
    inspected in their current month or quarter, and hazards still open after their deadline (two queries).
    Hydrants and key units are inspected monthly (their schedule is held to 每月)."""
    due = []
    scheduled = (
        targets.filter(is_active=True)
        .exclude(schedule=InspectionSchedule.IRREGULAR)
        .annotate(last_inspected_on=Max("inspections__date", filter=Q(inspections__date__lte=today)))
        .select_related("group")
        .order_by("kind", "name")
    )
    for target in scheduled:
        period_start = current_period_start(target.schedule, today)
        if target.last_inspected_on is None or target.last_inspected_on < period_start:
            due.append(DueTarget(target, period_start, target.last_inspected_on))
    # Monthly kinds first: 「对消防栓、重点单位每月定期检查」.
    due.sort(key=lambda item: item.target.kind not in MONTHLY_KINDS)
    hazards = list(inspections.overdue_on(today).select_related("target", "group").order_by("deadline"))
    return OverdueList(today=today, targets=due, hazards=hazards)


#
# Incidents
#


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int
    major: int
    confirmed_none: bool  # signed off as none for the year, and none recorded

    @property
    def recorded_none(self) -> bool:
        """No incident of the kind recorded, whether or not the year was confirmed."""
        return self.count == 0


def incident_counts(*, community=None, communities=None, year: int) -> dict[str, KindCount]:
    """Per kind (every kind of ``IncidentKind``, in order): the incidents of ``year`` and whether the year
    is confirmed free of it. With several communities, "confirmed none" needs every one's sign-off
    (two queries, three with ``communities``)."""
    counts = {
        row["kind"]: row
        for row in _scoped(Incident.objects.all(), community, communities)
        .filter(date__year=year)
        .values("kind")
        .annotate(count=Count("pk"), major=Count("pk", filter=Q(is_major=True)))
        .order_by()
    }
    confirmations = (
        _scoped(IncidentYearConfirmation.objects.all(), community, communities)
        .filter(year=year)
        .values("kind")
        .annotate(communities=Count("community", distinct=True))
        .order_by()
    )
    confirmed = {row["kind"]: row["communities"] for row in confirmations}
    if community is not None:
        needed = 1
    elif communities is not None:
        needed = len({getattr(item, "pk", item) for item in communities})
    else:
        from governance.models import Community

        needed = Community.objects.count()
    result = {}
    for kind, label in IncidentKind.choices:
        row = counts.get(kind, {"count": 0, "major": 0})
        result[kind] = KindCount(
            kind=kind,
            label=label,
            count=row["count"],
            major=row["major"],
            confirmed_none=row["count"] == 0 and needed > 0 and confirmed.get(kind, 0) >= needed,
        )
    return result


#
# Petitions
#


@dataclass(frozen=True)
class PetitionFigures:
    received: int = 0
    collective: int = 0  # 集体访
    skip_level: int = 0  # 越级
    improper: int = 0  # 因解决不当越级
    closed: int = 0  # closed (已办结) by ``end``
    by_subject: dict[str, int] = field(default_factory=dict)


def petition_figures(*, community=None, communities=None, start: datetime.date, end: datetime.date) -> PetitionFigures:
    """Petitions received in [start, end], 集体访, 越级 and those caused by improper handling (two queries)."""
    petitions = _scoped(Petition.objects.all(), community, communities).filter(
        received_on__gte=start, received_on__lte=end
    )
    skip = Q(level_reached__in=SKIP_LEVELS)
    totals = petitions.aggregate(
        received=Count("pk"),
        collective=Count("pk", filter=Q(headcount__gte=COLLECTIVE_HEADCOUNT)),
        skip_level=Count("pk", filter=skip),
        improper=Count("pk", filter=skip & Q(caused_by_improper_handling=True)),
        closed=Count("pk", filter=Q(closed_on__lte=end)),
    )
    by_subject = {
        row["subject"]: row["count"] for row in petitions.values("subject").annotate(count=Count("pk")).order_by()
    }
    return PetitionFigures(
        received=totals["received"],
        collective=totals["collective"],
        skip_level=totals["skip_level"],
        improper=totals["improper"],
        closed=totals["closed"],
        by_subject=by_subject,
    )
