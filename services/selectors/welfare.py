"""Figures of 社会救助·福利 for the reports (issue 4 item 9; report section 四(三) of seed 000).

* ``payments_by_programme_month``: what approved batches paid, per programme and month, over a period:
  the sum of the lines' amounts and the number of recipients (lines). Only approved (已审批) batches count:
  a draft or a batch awaiting approval has paid nothing. The month is the batch's 发放月份.
* ``enrolment_counts``: per programme, the enrolments 在保 on a date (approved by then, not stopped by then),
  counted as households (户) and as persons (人). A household enrolment counts one 户 and the household's
  members on the register on that date as 人; a person enrolment counts one 人 and their household as a 户
  (once, however many of its members are enrolled).
* ``donations_by_campaign``: per campaign, the donations made in the period: count, distinct donors, money
  and the value of goods.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from residents.models import Person
from services.models.welfare import (
    BatchStatus,
    DistributionLine,
    Donation,
    DonationKind,
    WelfareEnrolment,
    WelfareProgramme,
)


def _scoped(queryset, community, communities, path: str = "community"):
    if community is not None:
        return queryset.filter(**{path: community})
    if communities is not None:
        return queryset.filter(**{f"{path}__in": communities})
    return queryset


@dataclass(frozen=True)
class PaymentFigure:
    programme_id: int
    programme: str
    month: datetime.date
    amount: Decimal
    recipients: int
    batches: int


def payments_by_programme_month(
    *, community=None, communities=None, start: datetime.date, end: datetime.date
) -> list[PaymentFigure]:
    """Approved payments whose month lies in [start, end], per programme and month (one query)."""
    lines = _scoped(DistributionLine.objects.all(), community, communities).filter(
        batch__status=BatchStatus.APPROVED,
        batch__period__gte=start.replace(day=1),
        batch__period__lte=end,
    )
    rows = (
        lines.values("batch__programme_id", "batch__programme__name", "batch__period")
        .annotate(amount=Sum("amount"), recipients=Count("pk"), batches=Count("batch_id", distinct=True))
        .order_by("batch__period", "batch__programme__name")
    )
    return [
        PaymentFigure(
            programme_id=row["batch__programme_id"],
            programme=row["batch__programme__name"],
            month=row["batch__period"],
            amount=row["amount"] or Decimal("0"),
            recipients=row["recipients"],
            batches=row["batches"],
        )
        for row in rows
    ]


def payments_total(figures: list[PaymentFigure]) -> Decimal:
    return sum((figure.amount for figure in figures), Decimal("0"))


@dataclass
class EnrolmentCount:
    programme_id: int
    programme: str
    unit: str
    households: int = 0
    persons: int = 0
    _household_ids: set = field(default_factory=set, repr=False)
    _person_ids: set = field(default_factory=set, repr=False)


def enrolment_counts(*, community=None, communities=None, on: datetime.date) -> list[EnrolmentCount]:
    """Per programme of the scope, the enrolments 在保 on ``on`` as 户 and 人 (three queries)."""
    programmes = _scoped(WelfareProgramme.objects.all(), community, communities).order_by("kind", "name", "pk")
    result = {p.pk: EnrolmentCount(programme_id=p.pk, programme=p.name, unit=p.unit) for p in programmes}
    enrolments = list(
        _scoped(WelfareEnrolment.objects.all(), community, communities)
        .current_on(on)
        .values_list("programme_id", "household_id", "person_id", "person__household_id")
    )
    enrolled_households = {household for _, household, _, _ in enrolments if household}
    members = defaultdict(set)
    for person_id, household_id in (
        Person.objects.filter(household_id__in=enrolled_households).on_register(on).values_list("pk", "household_id")
    ):
        members[household_id].add(person_id)
    for programme_id, household_id, person_id, person_household_id in enrolments:
        figure = result.get(programme_id)
        if figure is None:
            continue
        if household_id:
            figure._household_ids.add(household_id)
            figure._person_ids |= members[household_id]
        else:
            figure._person_ids.add(person_id)
            figure._household_ids.add(person_household_id or f"person-{person_id}")
    for figure in result.values():
        figure.households = len(figure._household_ids)
        figure.persons = len(figure._person_ids)
    return list(result.values())


@dataclass(frozen=True)
class DonationFigure:
    campaign_id: int
    campaign: str
    donations: int
    donors: int
    money: Decimal
    goods_value: Decimal


def donations_by_campaign(
    *, community=None, communities=None, start: datetime.date, end: datetime.date
) -> list[DonationFigure]:
    """Per campaign, the donations dated in [start, end] (one query); campaigns with none are left out."""
    donations = _scoped(Donation.objects.all(), community, communities).filter(
        donated_on__gte=start, donated_on__lte=end
    )
    rows = (
        donations.values("campaign_id", "campaign__name")
        .annotate(
            donations=Count("pk"),
            person_donors=Count("donor_person", distinct=True),
            unit_donors=Count("donor_unit", distinct=True),
            named_donors=Count("donor_name", distinct=True, filter=~Q(donor_name="")),
            money=Sum("amount", filter=Q(kind=DonationKind.MONEY)),
            goods_value=Sum("amount", filter=Q(kind=DonationKind.GOODS)),
        )
        .order_by("campaign__name", "campaign_id")
    )
    return [
        DonationFigure(
            campaign_id=row["campaign_id"],
            campaign=row["campaign__name"],
            donations=row["donations"],
            donors=row["person_donors"] + row["unit_donors"] + row["named_donors"],
            money=row["money"] or Decimal("0"),
            goods_value=row["goods_value"] or Decimal("0"),
        )
        for row in rows
    ]
