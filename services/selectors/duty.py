"""Duty figures (issue 4 items 2 and 9): the 24-hour coverage check of a roster or a period, duty hours per
staff member and the absences (脱岗) of a period. Pure reads.

Definitions, for a period [start, end] (both days included):

* **coverage of a day** (24小时值班): the minutes of the day [00:00, 24:00) covered by a shift — the shifts
  dated that day (up to 24:00 when they cross midnight) and the part after midnight of the shifts dated
  the day before that cross midnight; a **gap** (空档) is a stretch no shift covers;
* **cadres of a day** (值班干部): distinct people on duty in the shifts dated that day, 值班人员 and
  带班领导 together; a day is **short** when they are fewer than the minimum (the roster's ``min_cadres``,
  default 2 — seed 003's 「每天有2个以上社区干部…值班」);
* the period figures count the shifts of **published** rosters (the roster in force) dated in the period;
  **duty hours** of a person are the hours of the shifts they are on (as staff or 带班领导, once per shift);
* **absences** (脱岗) are those whose 离岗时间 falls in the period (local date); **fined** are the unexcused
  ones of one hour or more (decision 9), **fines** the sum of their stored amounts;
  **fined_share** = fined / absences (``None`` with no absence).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from services.models.duty import (
    DEFAULT_MIN_CADRES,
    FINE_THRESHOLD_MINUTES,
    DutyAbsence,
    DutyRoster,
    DutyShift,
    RosterStatus,
)

DAY_MINUTES = 24 * 60
ONE_DAY = datetime.timedelta(days=1)


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Gap:
    start: int  # minutes after 00:00
    end: int  # minutes after 00:00, up to 1440 (24:00)

    def __str__(self):
        return f"{_clock(self.start)}–{_clock(self.end)}"

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class DayCoverage:
    day: datetime.date
    gaps: tuple[Gap, ...]
    cadres: int
    minimum: int

    @property
    def covered(self) -> bool:
        return not self.gaps

    @property
    def short(self) -> bool:
        return self.cadres < self.minimum

    @property
    def ok(self) -> bool:
        return self.covered and not self.short


def day_intervals(shifts: Iterable[DutyShift], day: datetime.date) -> list[tuple[int, int]]:
    """The minutes of ``day`` each shift covers (shifts of ``day`` and those of the day before crossing midnight)."""
    intervals = []
    for shift in shifts:
        start, end = _minutes(shift.start), _minutes(shift.end)
        crosses = end <= start
        if shift.date == day:
            intervals.append((start, DAY_MINUTES if crosses else end))
        elif shift.date == day - ONE_DAY and crosses and end > 0:
            intervals.append((0, end))
    return intervals


def gaps_of(intervals: Iterable[tuple[int, int]]) -> tuple[Gap, ...]:
    """The stretches of [0, 1440) no interval covers."""
    gaps, reached = [], 0
    for start, end in sorted(intervals):
        if start > reached:
            gaps.append(Gap(reached, start))
        reached = max(reached, end)
    if reached < DAY_MINUTES:
        gaps.append(Gap(reached, DAY_MINUTES))
    return tuple(gaps)


def coverage_of(shifts: list[DutyShift], days: Iterable[datetime.date], minimum: int) -> list[DayCoverage]:
    """The coverage of each of ``days`` by ``shifts`` (their ``staff`` prefetched)."""
    by_day: dict[datetime.date, list[DutyShift]] = defaultdict(list)
    for shift in shifts:
        by_day[shift.date].append(shift)
    result = []
    for day in days:
        nearby = by_day.get(day, []) + by_day.get(day - ONE_DAY, [])
        people = set()
        for shift in by_day.get(day, []):
            people.add(shift.leader_id)
            people.update(user.pk for user in shift.staff.all())
        result.append(DayCoverage(day, gaps_of(day_intervals(nearby, day)), len(people), minimum))
    return result


def _days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


def roster_coverage(roster: DutyRoster) -> list[DayCoverage]:
    """The 24-hour check of a roster, day by day: its own shifts, and on its first day the night shift of the
    day before from a published roster of the community."""
    shifts = DutyShift.objects.filter(
        Q(roster=roster)
        | Q(
            community_id=roster.community_id,
            date=roster.start_on - ONE_DAY,
            roster__status=RosterStatus.PUBLISHED,
        )
    ).prefetch_related("staff")
    return coverage_of(list(shifts), roster.days, roster.min_cadres)


def _published_shifts(communities_filter: Q, start: datetime.date, end: datetime.date):
    return (
        DutyShift.objects.filter(communities_filter, roster__status=RosterStatus.PUBLISHED, date__range=(start, end))
        .select_related("leader")
        .prefetch_related("staff")
    )


def _community_filter(prefix: str, community, communities) -> Q:
    if community is not None:
        return Q(**{f"{prefix}community": community})
    return Q(**{f"{prefix}community__in": communities})


def period_coverage(
    *, community, start: datetime.date, end: datetime.date, minimum: int = DEFAULT_MIN_CADRES
) -> list[DayCoverage]:
    """The coverage of each day of [start, end] by the shifts of the community's published rosters."""
    shifts = list(_published_shifts(Q(community=community), start - ONE_DAY, end))
    return coverage_of(shifts, _days(start, end), minimum)


@dataclass(frozen=True)
class StaffHours:
    user_id: int
    name: str
    shifts: int
    led: int  # shifts as 带班领导
    hours: Decimal


@dataclass
class DutyFigures:
    shifts: int = 0
    shift_hours: Decimal = Decimal("0")
    staff: list[StaffHours] = field(default_factory=list)
    absences: int = 0
    excused: int = 0
    absence_minutes: int = 0
    fined: int = 0  # unexcused, ≥ 1 h
    fines: Decimal = Decimal("0.00")
    gap_days: int = 0
    short_days: int = 0
    days: int = 0

    @property
    def absence_hours(self) -> Decimal:
        return (Decimal(self.absence_minutes) / 60).quantize(Decimal("0.01"))

    @property
    def fined_share(self) -> float | None:
        return self.fined / self.absences if self.absences else None


def duty_figures(
    *,
    community=None,
    communities=None,
    start: datetime.date,
    end: datetime.date,
    minimum: int = DEFAULT_MIN_CADRES,
) -> DutyFigures:
    """Shifts, duty hours per person, absences and fines, and coverage gaps of [start, end] (see the module)."""
    if community is None and communities is None:
        raise ValueError("community or communities is required")
    figures = DutyFigures(days=(end - start).days + 1)

    shifts = list(_published_shifts(_community_filter("", community, communities), start - ONE_DAY, end))
    in_period = [shift for shift in shifts if shift.date >= start]
    figures.shifts = len(in_period)
    per_person: dict[int, dict] = {}
    for shift in in_period:
        hours = shift.hours
        figures.shift_hours += hours
        people = {user.pk: user for user in shift.staff.all()}
        people[shift.leader_id] = shift.leader
        for pk, user in people.items():
            row = per_person.setdefault(pk, {"name": user.display_name, "shifts": 0, "led": 0, "hours": Decimal(0)})
            row["shifts"] += 1
            row["hours"] += hours
            row["led"] += pk == shift.leader_id
    figures.staff = sorted(
        (StaffHours(pk, row["name"], row["shifts"], row["led"], row["hours"]) for pk, row in per_person.items()),
        key=lambda row: (-row.hours, row.name),
    )

    by_community: dict[int, list[DutyShift]] = defaultdict(list)
    for shift in shifts:
        by_community[shift.community_id].append(shift)
    community_ids = [community.pk] if community is not None else list(communities.values_list("pk", flat=True))
    for community_id in community_ids:
        for day in coverage_of(by_community.get(community_id, []), _days(start, end), minimum):
            figures.gap_days += not day.covered
            figures.short_days += day.short

    unexcused_long = Q(excused=False, duration_minutes__gte=FINE_THRESHOLD_MINUTES)
    totals = DutyAbsence.objects.filter(
        _community_filter("", community, communities), left_at__date__range=(start, end)
    ).aggregate(
        n_absences=Count("pk"),
        n_excused=Count("pk", filter=Q(excused=True)),
        n_minutes=Sum("duration_minutes"),
        n_fined=Count("pk", filter=unexcused_long),
        n_fines=Sum("fine_amount"),
    )
    figures.absences = totals["n_absences"]
    figures.excused = totals["n_excused"]
    figures.absence_minutes = totals["n_minutes"] or 0
    figures.fined = totals["n_fined"]
    figures.fines = totals["n_fines"] or Decimal("0.00")
    return figures
