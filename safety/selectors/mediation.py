"""Figures and tables of 人民调解 (issue 6 items 1 and 11): pure reads.

Definitions, for a period [start, end] (both days included):

* **received** (受理): cases whose intake date (受理日期) falls in the period;
* **mediated** (调解): of those, the cases with at least one mediation session held on or before ``end``;
* **successful** (调解成功): of the mediated, those closed as 调解成功 on or before ``end``;
* **调解率** = mediated / received; **调解成功率** = successful / mediated; ``None`` when the denominator
  is 0 (a period without disputes has no rate: pages show "—", never 0%).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from safety.models.mediation import DisputeCase, DisputeKind, DisputeStatus, MediationSession


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def format_rate(rate: float | None) -> str:
    """A rate as the reports print it: "90%", "98.5%"; "—" when there is none."""
    if rate is None:
        return "—"
    percent = round(rate * 100, 1)
    return f"{percent:g}%"


@dataclass(frozen=True)
class DisputeCounts:
    received: int = 0
    mediated: int = 0
    successful: int = 0

    @property
    def mediation_rate(self) -> float | None:
        """调解率 = mediated / received."""
        return _rate(self.mediated, self.received)

    @property
    def success_rate(self) -> float | None:
        """调解成功率 = successful / mediated."""
        return _rate(self.successful, self.mediated)

    @property
    def mediation_rate_display(self) -> str:
        return format_rate(self.mediation_rate)

    @property
    def success_rate_display(self) -> str:
        return format_rate(self.success_rate)


@dataclass(frozen=True)
class DisputeFigures(DisputeCounts):
    start: datetime.date | None = None
    end: datetime.date | None = None
    # Every kind, in the order of ``DisputeKind``, zeros included.
    by_kind: dict[str, DisputeCounts] = field(default_factory=dict)

    def kinds(self) -> list[tuple[str, DisputeCounts]]:
        """(label, counts) of the kinds that had any case, for display."""
        return [(DisputeKind(kind).label, counts) for kind, counts in self.by_kind.items() if counts.received]


def _cases(community, communities) -> QuerySet:
    cases = DisputeCase.objects.all()
    if community is not None:
        cases = cases.filter(community=community)
    if communities is not None:
        cases = cases.filter(community__in=communities)
    return cases


def dispute_figures(*, community=None, communities=None, start: datetime.date, end: datetime.date) -> DisputeFigures:
    """Disputes received, mediated and successful in [start, end], in total and by kind (one query)."""
    mediated = Exists(MediationSession.objects.filter(case=OuterRef("pk"), held_on__lte=end))
    rows = (
        _cases(community, communities)
        .filter(received_on__gte=start, received_on__lte=end)
        .annotate(was_mediated=mediated)
        .order_by()
        .values("kind")
        .annotate(
            received=Count("pk"),
            mediated=Count("pk", filter=Q(was_mediated=True)),
            successful=Count("pk", filter=Q(was_mediated=True, status=DisputeStatus.SUCCESS, closed_on__lte=end)),
        )
    )
    by_kind = {kind: DisputeCounts() for kind in DisputeKind.values}
    for row in rows:
        by_kind[row["kind"]] = DisputeCounts(row["received"], row["mediated"], row["successful"])
    return DisputeFigures(
        received=sum(counts.received for counts in by_kind.values()),
        mediated=sum(counts.mediated for counts in by_kind.values()),
        successful=sum(counts.successful for counts in by_kind.values()),
        start=start,
        end=end,
        by_kind=by_kind,
    )


def year_period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def month_period(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


#
# The monthly 矛盾纠纷排查 table
#


@dataclass
class ScreeningRow:
    case: DisputeCase
    parties: str
    mediators: str
    measures: str
    status: str  # as it stood at the end of the month
    outcome: str


@dataclass
class ScreeningGroup:
    name: str
    rows: list[ScreeningRow]


def _status_at(case: DisputeCase, sessions: list[MediationSession], end: datetime.date) -> DisputeStatus:
    if case.closed_on is not None and case.closed_on <= end:
        return DisputeStatus(case.status)
    return DisputeStatus.MEDIATING if sessions else DisputeStatus.RECEIVED


def _outcome(case: DisputeCase, status: DisputeStatus) -> str:
    if status not in (DisputeStatus.SUCCESS, DisputeStatus.FAILED, DisputeStatus.TRANSFERRED, DisputeStatus.WITHDRAWN):
        return "未结案"
    text = f"{status.label}({case.closed_on:%Y-%m-%d})"
    if status == DisputeStatus.SUCCESS:
        return f"{text}:{case.agreement_terms}"
    if status == DisputeStatus.TRANSFERRED:
        return f"{text}:转{case.transferred_to}"
    return f"{text}{':' + case.outcome_note if case.outcome_note else ''}"


def dispute_screening(
    *, cases: QuerySet | None = None, community=None, communities=None, start: datetime.date, end: datetime.date
) -> list[ScreeningGroup]:
    """The 矛盾纠纷排查 table of [start, end]: every case received in the period or still open during it
    (received by ``end`` and not closed before ``start``), grouped by residents' group in the community's
    order (cases without a group last). ``cases`` narrows the rows (the user's scope)."""
    queryset = cases if cases is not None else DisputeCase.objects.all()
    if community is not None:
        queryset = queryset.filter(community=community)
    if communities is not None:
        queryset = queryset.filter(community__in=communities)
    queryset = (
        queryset.filter(received_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .select_related("group", "community")
        .prefetch_related(
            "parties__person",
            "mediators__user",
            "mediators__person",
            Prefetch(
                "sessions",
                queryset=MediationSession.objects.filter(held_on__lte=end).order_by("held_on", "id"),
                to_attr="sessions_by_end",
            ),
        )
        .order_by("community_id", "group__order", "group__name", "received_on", "number")
    )
    groups: dict[tuple, ScreeningGroup] = {}
    for case in queryset:
        key = (case.community_id, case.group_id)
        name = f"{case.group.name}组" if case.group_id else "未分组"
        status = _status_at(case, case.sessions_by_end, end)
        in_period = [session for session in case.sessions_by_end if session.held_on >= start]
        row = ScreeningRow(
            case=case,
            parties="、".join(f"{party.display_name}({party.get_role_display()})" for party in case.parties.all()),
            mediators="、".join(member.display_name for member in case.mediators.all()),
            measures=";".join(f"{s.held_on:%m-%d}在{s.place}调解:{s.summary}" for s in in_period)
            or ("本月未开展调解" if status in (DisputeStatus.RECEIVED, DisputeStatus.MEDIATING) else "—"),
            status=status.label,
            outcome=_outcome(case, status),
        )
        groups.setdefault(key, ScreeningGroup(name=name, rows=[])).rows.append(row)
    # Ungrouped cases last in their community; the community is named when the table spans several.
    ordered = sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] is None))
    if len({community_id for (community_id, _), _ in ordered}) > 1:
        for _, group in ordered:
            group.name = f"{group.rows[0].case.community.name} · {group.name}"
    return [group for _, group in ordered]
