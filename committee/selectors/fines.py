"""Figures of the fine ledger (issue 5 items 8 and 11; domain.md §3.1 GL06): pure reads.

Definitions, over the rows of ``FineRecord`` (what ``fines_sync`` derived):

* **应缴 (due)**: the amounts of the rows 已记录 or 已缴纳 — what a person was fined and not let off;
* **已缴 (paid)**: the rows 已缴纳; **未缴 (unpaid)** = 应缴 − 已缴 (the rows 已记录);
* **已豁免 (exempted)**: the amounts of the rows 已豁免 (特殊情况, or let off by 书记/主任), not due;
* rows 已撤销 (their source was corrected) count nowhere;
* **主要责任**: the 带班领导's rows of an absence from duty (0元), counted, never summed;
* a month is the calendar month of the row's date (the meeting day, the day of absence, the day the
  absence from duty began).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from committee.models.fines import FineRecord, FineStatus, FineTrigger
from committee.models.staff import Staff
from committee.services.fines import month_bounds

ZERO = Decimal("0.00")


@dataclass
class StatementLine:
    """One person's fines of a month (月度罚款明细)."""

    staff: Staff
    records: list[FineRecord] = field(default_factory=list)

    def _sum(self, *statuses) -> Decimal:
        return sum(
            (r.amount for r in self.records if r.status in statuses and not r.is_responsibility),
            ZERO,
        )

    @property
    def due(self) -> Decimal:
        """应缴 = 已记录 + 已缴纳."""
        return self._sum(FineStatus.RECORDED, FineStatus.PAID)

    @property
    def paid(self) -> Decimal:
        return self._sum(FineStatus.PAID)

    @property
    def unpaid(self) -> Decimal:
        return self._sum(FineStatus.RECORDED)

    @property
    def exempted(self) -> Decimal:
        return self._sum(FineStatus.EXEMPTED)

    @property
    def responsibilities(self) -> int:
        return sum(1 for r in self.records if r.is_responsibility and r.status != FineStatus.CANCELLED)

    @property
    def count(self) -> int:
        """Fines of the month (主要责任 and 已撤销 not counted)."""
        return sum(1 for r in self.records if not r.is_responsibility and r.status != FineStatus.CANCELLED)

    @property
    def shown_records(self) -> list[FineRecord]:
        return [r for r in self.records if r.status != FineStatus.CANCELLED]


@dataclass
class Statement:
    community: object
    month: datetime.date
    lines: list[StatementLine]

    @property
    def due(self) -> Decimal:
        return sum((line.due for line in self.lines), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((line.paid for line in self.lines), ZERO)

    @property
    def unpaid(self) -> Decimal:
        return sum((line.unpaid for line in self.lines), ZERO)

    @property
    def exempted(self) -> Decimal:
        return sum((line.exempted for line in self.lines), ZERO)

    @property
    def count(self) -> int:
        return sum(line.count for line in self.lines)

    def by_staff(self) -> dict[str, Decimal]:
        """Name → 应缴 of everyone with a fine (or a responsibility) in the month."""
        return {line.staff.name: line.due for line in self.lines if line.shown_records}


def fine_statement(*, community, month: datetime.date, staff: Staff | None = None) -> Statement:
    """The monthly statement (月度罚款明细) of ``community``: one line per staff member serving in the month
    (or with a fine in it), in name order, with their rows; only ``staff`` when given. Two queries."""
    start, end = month_bounds(month)
    records = (
        FineRecord.objects.filter(community=community, date__range=(start, end))
        .select_related("rule", "staff", "attendance__meeting", "exempted_by")
        .order_by("date", "pk")
    )
    people = Staff.objects.filter(community=community).filter(
        Q(joined_on__lte=end) & (Q(left_on__isnull=True) | Q(left_on__gt=start)) | Q(pk__in=records.values("staff"))
    )
    if staff is not None:
        records = records.filter(staff=staff)
        people = people.filter(pk=staff.pk)
    by_staff = defaultdict(list)
    for record in records:
        by_staff[record.staff_id].append(record)
    lines = [StatementLine(staff=person, records=by_staff.get(person.pk, [])) for person in people.order_by("name")]
    if staff is not None and not lines:
        lines = [StatementLine(staff=staff, records=by_staff.get(staff.pk, []))]
    return Statement(community=community, month=start, lines=lines)


def fines_by_person_month(*, community, year: int) -> dict[tuple[int, int], Decimal]:
    """(staff id, month 1–12) → 应缴 of that person in that month of ``year`` (people and months without a fine
    left out). One query."""
    rows = (
        FineRecord.objects.filter(community=community, date__year=year)
        .due()
        .exclude(trigger=FineTrigger.DUTY_RESPONSIBILITY)
        .values_list("staff_id", "date__month")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {(staff_id, month): total for staff_id, month, total in rows}


@dataclass(frozen=True)
class RuleCount:
    code: str
    name: str
    count: int
    amount: Decimal


def fines_by_rule(*, community, year: int) -> list[RuleCount]:
    """GL06 值班与会议纪律: per rule code, the rows of ``year`` neither cancelled nor exempted and their 应缴."""
    rows = (
        FineRecord.objects.filter(community=community, date__year=year)
        .due()
        .values_list("rule__code", "rule__name")
        .annotate(n=Count("pk"), total=Sum("amount"))
        .order_by("rule__code")
    )
    merged: dict[str, RuleCount] = {}
    for code, name, count, total in rows:
        before = merged.get(code)
        if before is None:
            merged[code] = RuleCount(code, name, count, total or ZERO)
        else:
            merged[code] = RuleCount(code, before.name, before.count + count, before.amount + (total or ZERO))
    return list(merged.values())
