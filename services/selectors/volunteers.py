"""Figures of 志愿服务 (issue 4 item 9; indicator FW13 「社区志愿者队伍(支)」): pure reads.

Definitions, for a period [start, end] (both days included) and a community (or several):

* **registered** (登记志愿者): volunteers whose 登记日期 is on or before ``end``;
* **active** (在册服务): of those, the ones still marked 在册服务;
* **teams** (志愿者队伍): teams in operation (在运行) founded on or before ``end`` — FW13;
* **activities** (活动次数): activities dated in the period; **participations** (参与人次) and **hours**
  (服务时长, the hours credited to volunteers) of those activities; **serving** (参与志愿者): distinct
  volunteers with at least one of them; **beneficiaries** (服务对象人次): the sum over the activities;
* **population** (在册人口): people on the register on ``end``; **share** (志愿者占人口比例) = active /
  population, ``None`` when there is no population (pages show "—").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from residents.models import Person
from services.models.volunteers import (
    ActivityParticipation,
    HoursRedemption,
    Volunteer,
    VolunteerActivity,
    VolunteerTeam,
)

ZERO = Decimal("0")


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _territory(queryset: QuerySet, community, communities) -> QuerySet:
    if community is not None:
        queryset = queryset.filter(community=community)
    if communities is not None:
        queryset = queryset.filter(community__in=communities)
    return queryset


@dataclass(frozen=True)
class VolunteerFigures:
    start: datetime.date
    end: datetime.date
    registered: int
    active: int
    teams: int
    activities: int
    participations: int
    serving: int
    hours: Decimal
    beneficiaries: int
    population: int

    @property
    def share(self) -> float | None:
        """志愿者占人口比例 = active volunteers / people on the register."""
        return _rate(self.active, self.population)

    @property
    def share_display(self) -> str:
        return "—" if self.share is None else f"{round(self.share * 100, 1):g}%"


def volunteer_figures(
    *, start: datetime.date, end: datetime.date, community=None, communities=None
) -> VolunteerFigures:
    """The volunteer figures of a period (five queries)."""
    volunteers = _territory(Volunteer.objects.all(), community, communities).filter(registered_on__lte=end)
    counts = volunteers.aggregate(registered=Count("pk"), active=Count("pk", filter=Q(is_active=True)))
    teams = (
        _territory(VolunteerTeam.objects.all(), community, communities)
        .filter(is_active=True, founded_on__lte=end)
        .count()
    )
    activities = _territory(VolunteerActivity.objects.all(), community, communities).filter(
        date__gte=start, date__lte=end
    )
    activity_counts = activities.aggregate(activities=Count("pk"), beneficiaries=Sum("beneficiaries"))
    participations = _territory(ActivityParticipation.objects.all(), community, communities).filter(
        activity__date__gte=start, activity__date__lte=end
    )
    served = participations.aggregate(
        participations=Count("pk"), serving=Count("volunteer", distinct=True), hours=Sum("hours")
    )
    population = _territory(Person.objects.on_register(end), community, communities).count()
    return VolunteerFigures(
        start=start,
        end=end,
        registered=counts["registered"],
        active=counts["active"],
        teams=teams,
        activities=activity_counts["activities"],
        participations=served["participations"],
        serving=served["serving"],
        hours=served["hours"] or ZERO,
        beneficiaries=activity_counts["beneficiaries"] or 0,
        population=population,
    )


@dataclass(frozen=True)
class LedgerEntry:
    """One line of a volunteer's 时间储备: hours in (an activity) or out (a redemption)."""

    date: datetime.date
    what: str
    hours: Decimal  # positive for hours earned, negative for hours redeemed
    balance: Decimal
    url: str = ""

    @property
    def credit(self) -> Decimal | None:
        return self.hours if self.hours >= 0 else None

    @property
    def debit(self) -> Decimal | None:
        return -self.hours if self.hours < 0 else None


@dataclass(frozen=True)
class HoursLedger:
    entries: list[LedgerEntry]
    earned: Decimal
    redeemed: Decimal

    @property
    def balance(self) -> Decimal:
        return self.earned - self.redeemed


def hours_ledger(volunteer: Volunteer) -> HoursLedger:
    """A volunteer's 时间储备 in date order: every activity's hours and every redemption, with the running
    balance after each line (on one day, hours earned come before hours redeemed)."""
    lines: list[tuple[datetime.date, int, int, str, Decimal, str]] = []
    participations = ActivityParticipation.objects.filter(volunteer=volunteer).select_related("activity")
    for participation in participations:
        activity = participation.activity
        lines.append((activity.date, 0, activity.pk, activity.title, participation.hours, activity.get_absolute_url()))
    for redemption in HoursRedemption.objects.filter(volunteer=volunteer):
        lines.append((redemption.date, 1, redemption.pk, f"支取:{redemption.reason}", -redemption.hours, ""))
    lines.sort(key=lambda line: line[:3])
    entries, balance = [], ZERO
    earned = redeemed = ZERO
    for date, _, _, what, hours, url in lines:
        balance += hours
        if hours >= 0:
            earned += hours
        else:
            redeemed -= hours
        entries.append(LedgerEntry(date=date, what=what, hours=hours, balance=balance, url=url))
    return HoursLedger(entries=entries, earned=earned, redeemed=redeemed)


def volunteer_hours(volunteer_ids) -> dict[int, Decimal]:
    """Hours earned per volunteer (for lists): one query."""
    rows = (
        ActivityParticipation.objects.filter(volunteer_id__in=list(volunteer_ids))
        .values("volunteer_id")
        .annotate(total=Sum("hours"))
    )
    return {row["volunteer_id"]: row["total"] for row in rows}
