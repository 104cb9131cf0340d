"""Figures of residents' participation for the reports (issue 5 item 11): pure reads, scoped by an explicit
``community`` (or ``communities``) argument.

**Suggestions** (意见建议), for a year Y, as of a day ``as_of`` (default 31 December of Y):

* **received** (受理): suggestions whose 受理日期 falls in Y;
* **implemented** (已落实): of those, the ones 已落实 with a 落实日期 on or before ``as_of``;
* **declined** (已答复不予采纳): of those, the ones answered as not adopted on or before ``as_of``;
* **open** (未办结): the rest (已受理 or 处理中 on ``as_of``);
* **落实率** (居民建议和意见落实率, DZ05) = implemented / received;
* **处理率** (群众意见处理率, DZ14) = (implemented + declined) / received.

Both rates share one denominator, every suggestion received in the year, and a suggestion still open counts
against both. That is the only reading under which seed 000's two figures, 「居民建议和意见落实率96%」 and
「群众意见处理率98%」, come from one register: of 50 suggestions, 48 carried out, 1 answered as not adopted,
1 still in hand. (落实 over the settled ones, 48/49, or over those not declined, 48/49, would both say 98%.)

**Disclosures** (公开), for a year Y, by their 公开日期:

* **by kind**: disclosures published in Y, per 公开类型;
* **regular** (定期公开次数, DZ13): the distinct periods (年度 + 季度) of the 居务/财务/居务财务 disclosures
  published in Y — a 居务 and a 财务 disclosure of the same quarter are one publication, a disclosure without a
  quarter (专项公开) is none; **met** when regular ≥ the target of four (「居务财务每年定期公开4次」).
  Counting by the day of publication lets the fourth quarter of Y−1, published in January, count for Y.

**Satisfaction** (满意率, BZ09 「居民对居委会成员和社区工作者满意率」), for a year Y, from the evaluations held in Y:

* the **committee** result sums the 满意, 基本满意 and 不满意 votes of the evaluations of the 两委班子;
  each **cadre**'s result those of the evaluations of that staff member;
* **满意率** = (满意 + 基本满意) / (满意 + 基本满意 + 不满意); **满意票率** = 满意 / the same; votes not cast
  (弃权) are outside both; the **sources** are the evaluations the figure comes from (date, form, source).

A rate whose denominator is 0 is ``None`` (pages show "—", never 0%).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from committee.models.participation import (
    DISCLOSURE_TARGET,
    REGULAR_KINDS,
    SUGGESTION_OVERDUE_DAYS,
    Disclosure,
    DisclosureKind,
    Evaluatee,
    Evaluation,
    Suggestion,
    SuggestionCategory,
    SuggestionSource,
    SuggestionStatus,
    status_on_q,
)


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def format_rate(rate: float | None) -> str:
    """A rate as the pages print it: "96%", "98.5%"; "—" when there is none."""
    if rate is None:
        return "—"
    return f"{round(rate * 100, 1):g}%"


def year_period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def month_period(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def _scoped(queryset: QuerySet, community, communities) -> QuerySet:
    if community is not None:
        queryset = queryset.filter(community=community)
    if communities is not None:
        queryset = queryset.filter(community__in=communities)
    return queryset


#
# Suggestions
#


@dataclass(frozen=True)
class SuggestionCounts:
    received: int = 0
    implemented: int = 0
    declined: int = 0

    @property
    def answered(self) -> int:
        """Settled: carried out or answered as not adopted (处理)."""
        return self.implemented + self.declined

    @property
    def open(self) -> int:
        return self.received - self.answered

    @property
    def implementation_rate(self) -> float | None:
        """落实率 = implemented / received."""
        return _rate(self.implemented, self.received)

    @property
    def handling_rate(self) -> float | None:
        """处理率 = (implemented + declined) / received."""
        return _rate(self.answered, self.received)

    @property
    def implementation_rate_display(self) -> str:
        return format_rate(self.implementation_rate)

    @property
    def handling_rate_display(self) -> str:
        return format_rate(self.handling_rate)


@dataclass(frozen=True)
class SuggestionYear(SuggestionCounts):
    year: int = 0
    as_of: datetime.date | None = None


def _counts_q(as_of: datetime.date) -> dict:
    return {
        "received": Count("pk"),
        "implemented": Count("pk", filter=status_on_q(SuggestionStatus.IMPLEMENTED, as_of)),
        "declined": Count("pk", filter=status_on_q(SuggestionStatus.DECLINED, as_of)),
    }


def suggestion_year(
    *,
    year: int,
    community=None,
    communities=None,
    as_of: datetime.date | None = None,
    suggestions: QuerySet | None = None,
) -> SuggestionYear:
    """Suggestions received in ``year``, carried out and declined by ``as_of``, with 落实率 and 处理率 (one query);
    over ``suggestions`` when given (a page's scoped queryset), else over every suggestion of the community."""
    start, end = year_period(year)
    as_of = as_of or end
    base = Suggestion.objects.all() if suggestions is None else suggestions
    row = _scoped(base, community, communities).received_between(start, end).order_by().aggregate(**_counts_q(as_of))
    return SuggestionYear(year=year, as_of=as_of, **row)


def suggestion_years(*, years: list[int], community=None, communities=None) -> list[SuggestionYear]:
    """``suggestion_year`` for each of ``years`` (each as of its own 31 December), zeros included, one query."""
    if not years:
        return []
    rows = (
        _scoped(Suggestion.objects.all(), community, communities)
        .filter(received_on__year__in=years)
        .annotate(year=ExtractYear("received_on"))
        .order_by()
        .values("year")
        .annotate(
            received=Count("pk"),
            implemented=Count("pk", filter=Q(status=SuggestionStatus.IMPLEMENTED, implemented_on__year__lte=F("year"))),
            declined=Count("pk", filter=Q(status=SuggestionStatus.DECLINED, answered_on__year__lte=F("year"))),
        )
    )
    found = {row["year"]: row for row in rows}
    result = []
    for year in sorted(years):
        row = found.get(year, {})
        result.append(
            SuggestionYear(
                year=year,
                as_of=year_period(year)[1],
                received=row.get("received", 0),
                implemented=row.get("implemented", 0),
                declined=row.get("declined", 0),
            )
        )
    return result


@dataclass(frozen=True)
class SuggestionBreakdown:
    """The suggestions received in a period by category and by source (every choice, zeros included)."""

    by_category: dict[str, SuggestionCounts]
    by_source: dict[str, SuggestionCounts]

    def categories(self) -> list[tuple[str, SuggestionCounts]]:
        return [(SuggestionCategory(key).label, counts) for key, counts in self.by_category.items()]

    def sources(self) -> list[tuple[str, SuggestionCounts]]:
        return [(SuggestionSource(key).label, counts) for key, counts in self.by_source.items()]


def suggestion_breakdown(
    *, start: datetime.date, end: datetime.date, community=None, communities=None, as_of: datetime.date | None = None
) -> SuggestionBreakdown:
    """Received in [start, end] and settled by ``as_of`` (default ``end``), per category and per source."""
    as_of = as_of or end
    queryset = _scoped(Suggestion.objects.all(), community, communities).received_between(start, end).order_by()
    result = {}
    for dimension, choices in (("category", SuggestionCategory), ("source", SuggestionSource)):
        rows = {row.pop(dimension): row for row in queryset.values(dimension).annotate(**_counts_q(as_of))}
        result[dimension] = {key: SuggestionCounts(**rows.get(key, {})) for key in choices.values}
    return SuggestionBreakdown(by_category=result["category"], by_source=result["source"])


#
# The monthly 社情民意汇总表
#


STATUS_ORDER = (
    SuggestionStatus.RECEIVED,
    SuggestionStatus.PROCESSING,
    SuggestionStatus.IMPLEMENTED,
    SuggestionStatus.DECLINED,
)


@dataclass
class MonthSummary:
    """社情民意汇总表 of one month (「每月开展一次社情民意分析、每月上报一次社情民意汇总表」, seed 003).

    * ``matrix``: suggestions received in the month, category (rows) × source (columns), with totals;
    * ``status``: where those suggestions stood at the end of the month (or today, for the month in course);
    * ``settled``: suggestions settled during the month, whenever received (落实 / 不予采纳);
    * ``open_at_end``: every suggestion still open at the end of the month, and of those ``overdue_at_end``
      the ones open more than 30 days by then;
    * ``rows``: the month's suggestions, for the detail table.
    """

    year: int
    month: int
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    categories: list[tuple[str, str]]
    sources: list[tuple[str, str]]
    matrix: dict[str, dict[str, int]]
    category_totals: dict[str, int]
    source_totals: dict[str, int]
    received: int
    status: dict[str, int]
    settled_implemented: int
    settled_declined: int
    open_at_end: int
    overdue_at_end: int
    rows: list[Suggestion] = field(default_factory=list)

    def matrix_rows(self) -> list[tuple[str, list[int], int]]:
        """(category label, counts per source, total) for the table."""
        return [
            (label, [self.matrix[key][source] for source, _ in self.sources], self.category_totals[key])
            for key, label in self.categories
        ]

    def source_total_row(self) -> list[int]:
        return [self.source_totals[source] for source, _ in self.sources]

    def status_rows(self) -> list[tuple[str, int]]:
        return [(SuggestionStatus(key).label, self.status[key]) for key in STATUS_ORDER]


def suggestion_month_summary(
    *, suggestions: QuerySet, year: int, month: int, today: datetime.date | None = None
) -> MonthSummary:
    """The 社情民意汇总表 of ``month`` over ``suggestions`` (already scoped to what the reader may see)."""
    start, end = month_period(year, month)
    today = today or timezone.localdate()
    as_of = min(end, today) if start <= today else end
    month_rows = list(
        suggestions.received_between(start, end)
        .select_related("group", "submitter_person", "handler", "handler_user", "community")
        .order_by("received_on", "number")
    )
    categories = list(SuggestionCategory.choices)
    sources = list(SuggestionSource.choices)
    matrix = {key: {source: 0 for source, _ in sources} for key, _ in categories}
    status = dict.fromkeys(STATUS_ORDER, 0)
    for row in month_rows:
        matrix[row.category][row.source] += 1
        status[_status_on(row, as_of)] += 1
    overdue_before = as_of - datetime.timedelta(days=SUGGESTION_OVERDUE_DAYS)
    open_at_end = suggestions.filter(
        status_on_q(SuggestionStatus.RECEIVED, as_of) | status_on_q(SuggestionStatus.PROCESSING, as_of)
    )
    counts = suggestions.aggregate(
        settled_implemented=Count(
            "pk", filter=Q(status=SuggestionStatus.IMPLEMENTED, implemented_on__gte=start, implemented_on__lte=as_of)
        ),
        settled_declined=Count(
            "pk", filter=Q(status=SuggestionStatus.DECLINED, answered_on__gte=start, answered_on__lte=as_of)
        ),
    )
    open_counts = open_at_end.aggregate(
        open_at_end=Count("pk"), overdue_at_end=Count("pk", filter=Q(received_on__lt=overdue_before))
    )
    return MonthSummary(
        year=year,
        month=month,
        start=start,
        end=end,
        as_of=as_of,
        categories=categories,
        sources=sources,
        matrix=matrix,
        category_totals={key: sum(matrix[key].values()) for key, _ in categories},
        source_totals={source: sum(matrix[key][source] for key, _ in categories) for source, _ in sources},
        received=len(month_rows),
        status=status,
        rows=month_rows,
        **counts,
        **open_counts,
    )


def _status_on(suggestion: Suggestion, day: datetime.date) -> str:
    """The status a suggestion had at the end of ``day`` (the Python twin of ``status_on_q``)."""
    if suggestion.status == SuggestionStatus.IMPLEMENTED and suggestion.implemented_on <= day:
        return SuggestionStatus.IMPLEMENTED
    if suggestion.status == SuggestionStatus.DECLINED and suggestion.answered_on <= day:
        return SuggestionStatus.DECLINED
    if suggestion.assigned_on is not None and suggestion.assigned_on <= day:
        return SuggestionStatus.PROCESSING
    return SuggestionStatus.RECEIVED


#
# Disclosures
#


@dataclass(frozen=True)
class DisclosureYear:
    year: int
    by_kind: dict[str, int]
    regular: int
    target: int = DISCLOSURE_TARGET

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def met(self) -> bool:
        return self.regular >= self.target

    def kinds(self) -> list[tuple[str, int]]:
        return [(DisclosureKind(key).label, count) for key, count in self.by_kind.items()]


def disclosure_years(*, years: list[int], community=None, communities=None) -> list[DisclosureYear]:
    """Disclosures published in each of ``years``, by kind, and the regular ones against the target of four."""
    if not years:
        return []
    published = _scoped(Disclosure.objects.all(), community, communities).filter(published_on__year__in=years)
    by_kind: dict[int, dict[str, int]] = {year: dict.fromkeys(DisclosureKind.values, 0) for year in years}
    for row in (
        published.annotate(published_year=ExtractYear("published_on"))
        .order_by()
        .values("published_year", "kind")
        .annotate(count=Count("pk"))
    ):
        by_kind[row["published_year"]][row["kind"]] = row["count"]
    regular: dict[int, set] = {year: set() for year in years}
    for published_on, community_id, period_year, quarter in published.filter(
        kind__in=REGULAR_KINDS, quarter__isnull=False
    ).values_list("published_on", "community_id", "year", "quarter"):
        regular[published_on.year].add((community_id, period_year, quarter))
    return [DisclosureYear(year=year, by_kind=by_kind[year], regular=len(regular[year])) for year in sorted(years)]


def disclosure_year(*, year: int, community=None, communities=None) -> DisclosureYear:
    return disclosure_years(years=[year], community=community, communities=communities)[0]


#
# Satisfaction (民主测评)
#


@dataclass(frozen=True)
class SatisfactionResult:
    """Votes summed over some evaluations, their rates and where they come from."""

    evaluations: int = 0
    participants: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0
    sources: tuple[str, ...] = ()

    @property
    def responses(self) -> int:
        return self.satisfied + self.basic + self.unsatisfied

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率 = (满意 + 基本满意) / (满意 + 基本满意 + 不满意)."""
        return _rate(self.satisfied + self.basic, self.responses)

    @property
    def satisfied_rate(self) -> float | None:
        """满意票率 = 满意 / (满意 + 基本满意 + 不满意)."""
        return _rate(self.satisfied, self.responses)

    @property
    def satisfaction_rate_display(self) -> str:
        return format_rate(self.satisfaction_rate)

    @property
    def satisfied_rate_display(self) -> str:
        return format_rate(self.satisfied_rate)

    @property
    def source_display(self) -> str:
        return ";".join(self.sources)


@dataclass(frozen=True)
class SatisfactionYear:
    year: int
    committee: SatisfactionResult
    # (staff, result) for every staff member evaluated in the year, by name.
    cadres: list[tuple] = field(default_factory=list)

    def cadre(self, staff) -> SatisfactionResult:
        pk = getattr(staff, "pk", staff)
        return next((result for candidate, result in self.cadres if candidate.pk == pk), SatisfactionResult())


def _source_line(evaluation: Evaluation) -> str:
    return (
        f"{evaluation.date:%Y-%m-%d}{evaluation.get_kind_display()}"
        f"({evaluation.source},参评{evaluation.participants}人)"
    )


def _result(evaluations: list[Evaluation]) -> SatisfactionResult:
    return SatisfactionResult(
        evaluations=len(evaluations),
        participants=sum(e.participants for e in evaluations),
        satisfied=sum(e.satisfied for e in evaluations),
        basic=sum(e.basic for e in evaluations),
        unsatisfied=sum(e.unsatisfied for e in evaluations),
        sources=tuple(_source_line(e) for e in evaluations),
    )


def satisfaction_year(*, year: int, community=None, communities=None) -> SatisfactionYear:
    """The satisfaction of ``year``: the 班子's, and each cadre's, with their sources (one query)."""
    evaluations = list(
        _scoped(Evaluation.objects.all(), community, communities)
        .filter(date__year=year)
        .select_related("staff")
        .order_by("date", "pk")
    )
    committee = [e for e in evaluations if e.evaluatee == Evaluatee.COMMITTEE]
    by_staff: dict[int, list[Evaluation]] = {}
    for evaluation in evaluations:
        if evaluation.evaluatee == Evaluatee.STAFF:
            by_staff.setdefault(evaluation.staff_id, []).append(evaluation)
    cadres = sorted(
        ((rows[0].staff, _result(rows)) for rows in by_staff.values()), key=lambda pair: (pair[0].name, pair[0].pk)
    )
    return SatisfactionYear(year=year, committee=_result(committee), cadres=cadres)


def evaluation_totals(evaluations: QuerySet) -> dict:
    """Votes summed over a queryset of evaluations (for a list page's footer)."""
    return evaluations.aggregate(
        participants=Sum("participants"), satisfied=Sum("satisfied"), basic=Sum("basic"), unsatisfied=Sum("unsatisfied")
    )
