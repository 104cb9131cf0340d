"""Figures of the service cases (办件) by window and period (issue 4 item 9): pure reads.

Definitions, for a period [start, end] (both days included, local dates):

* **received** (受理): cases received in the period;
* **closed** (办结): cases closed (已办结, not 退回) in the period, whenever they were received;
* **closed_on_time** (按时办结): of the closed, those closed on or before their due date (办结时限);
  **closed_late** the others; **按时办结率** = closed_on_time / closed;
* **overdue** (逾期未办结): cases received by ``end`` that were still unfinished (neither 办结 nor 退回)
  at the end of ``end`` although their due date was before ``end`` — the stock of overdue cases on
  that day, as the overdue list showed it;
* **satisfaction** of the cases closed in the period: 满意, 基本满意, 不满意 (unrated ones are left out);
  **满意率** = (满意 + 基本满意) / rated.

A rate whose denominator is 0 is ``None`` (pages show "—", never 0%).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate

from services.models.windows import CaseStatus, Satisfaction, ServiceCase, ServiceWindow


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def format_rate(rate: float | None) -> str:
    """A rate as the pages print it: "90%", "98.5%"; "—" when there is none."""
    if rate is None:
        return "—"
    return f"{round(rate * 100, 1):g}%"


@dataclass(frozen=True)
class CaseCounts:
    received: int = 0
    closed: int = 0
    closed_on_time: int = 0
    overdue: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0

    def __add__(self, other: CaseCounts) -> CaseCounts:
        return CaseCounts(*(getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__))

    @property
    def closed_late(self) -> int:
        return self.closed - self.closed_on_time

    @property
    def rated(self) -> int:
        return self.satisfied + self.basic + self.unsatisfied

    @property
    def on_time_rate(self) -> float | None:
        """按时办结率 = closed on time / closed."""
        return _rate(self.closed_on_time, self.closed)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率 = (满意 + 基本满意) / rated."""
        return _rate(self.satisfied + self.basic, self.rated)

    @property
    def on_time_rate_display(self) -> str:
        return format_rate(self.on_time_rate)

    @property
    def satisfaction_rate_display(self) -> str:
        return format_rate(self.satisfaction_rate)


@dataclass(frozen=True)
class CaseFigures:
    start: datetime.date
    end: datetime.date
    total: CaseCounts
    # (window, counts) for every window of the communities, in their order, zeros included.
    by_window: list[tuple[ServiceWindow, CaseCounts]] = field(default_factory=list)

    def window(self, window: ServiceWindow | int) -> CaseCounts:
        pk = getattr(window, "pk", window)
        return next((counts for candidate, counts in self.by_window if candidate.pk == pk), CaseCounts())


def _scoped(queryset: QuerySet, community, communities) -> QuerySet:
    if community is not None:
        queryset = queryset.filter(community=community)
    if communities is not None:
        queryset = queryset.filter(community__in=communities)
    return queryset


def case_figures(*, community=None, communities=None, start: datetime.date, end: datetime.date) -> CaseFigures:
    """Cases received, closed, closed on time, overdue and the satisfaction, by window, for [start, end]
    (one query for the counts, one for the windows)."""
    received = Q(received_day__gte=start, received_day__lte=end)
    closed = Q(status=CaseStatus.CLOSED, closed_day__gte=start, closed_day__lte=end)
    unfinished_at_end = Q(closed_at__isnull=True) | Q(closed_day__gt=end)
    overdue = Q(received_day__lte=end, due_on__lt=end) & unfinished_at_end
    rows = (
        _scoped(ServiceCase.objects.all(), community, communities)
        .annotate(received_day=TruncDate("received_at"), closed_day=TruncDate("closed_at"))
        .filter(received | closed | overdue)
        .order_by()
        .values("window")
        .annotate(
            received=Count("pk", filter=received),
            closed=Count("pk", filter=closed),
            closed_on_time=Count("pk", filter=closed & Q(closed_day__lte=F("due_on"))),
            overdue=Count("pk", filter=overdue),
            satisfied=Count("pk", filter=closed & Q(satisfaction=Satisfaction.SATISFIED)),
            basic=Count("pk", filter=closed & Q(satisfaction=Satisfaction.BASIC)),
            unsatisfied=Count("pk", filter=closed & Q(satisfaction=Satisfaction.UNSATISFIED)),
        )
    )
    counts = {
        row.pop("window"): CaseCounts(**{name: row[name] for name in CaseCounts.__dataclass_fields__}) for row in rows
    }
    windows = _scoped(ServiceWindow.objects.all(), community, communities).filter(
        Q(is_active=True) | Q(pk__in=list(counts))
    )
    by_window = [(window, counts.get(window.pk, CaseCounts())) for window in windows.order_by("community_id", "order")]
    total = sum((counts for _, counts in by_window), CaseCounts())
    return CaseFigures(start=start, end=end, total=total, by_window=by_window)


def year_period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
