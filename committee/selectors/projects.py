"""Figures of the construction projects, honours and co-building (issue 5 item 11; domain.md §3.1 GL01, GL02, BZ06,
and the per-group paragraphs of seed 000 section 二). Pure reads, scoped by an explicit community.

Definitions:

* **investment** (投资) is the stored amount in 元; a project whose investment is not stated (blank) adds nothing
  to a total and is counted in ``unstated``. Every total is given in 元 and in 万元 (元 / 10 000).
* **projects by status**: every project of the community once, by its current status, in the order of the
  status machine (计划, 已批准, 施工中, 完工待验收, 已验收/投入使用), all five listed even when empty.
* **projects by group**: a project counts in each residents' group it names, with its full investment (a
  project spanning three groups appears in all three), so the group rows may add up to more than the community
  total; ``shared`` counts those spanning several groups. Projects naming no group form the 全社区 row.
* **projects by kind**: every project once, under its kind; kinds without a project are left out.
* **finished in a year**: *completed* = projects whose 完工日期 falls in the year (whatever their status now:
  an accepted project was completed too); *accepted* = projects whose 验收日期 falls in the year.
* **honours by level and year**: honours 已命名 (``stage`` awarded), by level (社区 … 全国, all six listed) and by
  year; those 已通过考评,待命名 are counted apart in ``pending`` and in no level.
* **co-building in a year**: *co-builder units* = the community's resident units marked 共驻共建; *active units*
  = units with at least one contribution recorded for the year; *contributions* = their count, *amount* = the sum
  of the amounts stated (元; blank adds nothing), *beneficiaries* = the sum of those stated; *good deeds*
  (为社区办实事, GL02 「驻社区共建单位每年为社区办实事件」) = the contributions of that kind; *open resources* =
  units with a 开放资源 contribution in the year (BZ06's numerator).
  ``co_builder_share`` = co-builder units / all resident units (GL01 「共驻共建」), ``active_share`` = active units
  / co-builder units; both ``None`` with a zero denominator.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from committee.models.projects import (
    Award,
    AwardLevel,
    AwardStage,
    ConstructionProject,
    ContributionKind,
    ProjectKind,
    ProjectStatus,
    UnitContribution,
    yuan_to_wan,
)
from governance.models import ResidentGroup, ResidentUnit

ZERO = Decimal("0.00")


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass
class Total:
    """A count of projects and the sum of their stated investments (元)."""

    key: str
    label: str
    count: int = 0
    investment: Decimal = ZERO
    unstated: int = 0  # projects counted without a stated investment

    @property
    def investment_wan(self) -> Decimal:
        return yuan_to_wan(self.investment)

    def add(self, project: ConstructionProject) -> None:
        self.count += 1
        if project.investment is None:
            self.unstated += 1
        else:
            self.investment += project.investment


@dataclass
class ProjectFigures:
    by_status: list[Total]
    total: Total

    def status(self, status: str) -> Total:
        return next(row for row in self.by_status if row.key == status)


def _status_rows() -> list[Total]:
    return [Total(status, label) for status, label in ProjectStatus.choices]


def project_figures(*, community) -> ProjectFigures:
    """Projects by status with their investment, and the community total (see the module)."""
    rows = {row.key: row for row in _status_rows()}
    total = Total("total", "合计")
    for project in ConstructionProject.objects.filter(community=community).only("status", "investment"):
        rows[project.status].add(project)
        total.add(project)
    return ProjectFigures(by_status=list(rows.values()), total=total)


def projects_by_kind(*, community) -> list[Total]:
    """Projects by kind with their investment; kinds without a project are left out."""
    rows = {kind: Total(kind, label) for kind, label in ProjectKind.choices}
    for project in ConstructionProject.objects.filter(community=community).only("kind", "investment"):
        rows[project.kind].add(project)
    return [row for row in rows.values() if row.count]


@dataclass
class GroupProjects:
    """One residents' group (or, with ``group`` None, the projects naming no group) on the 小组建设 page."""

    group: ResidentGroup | None
    projects: list[ConstructionProject] = field(default_factory=list)
    by_status: list[Total] = field(default_factory=_status_rows)
    total: Total = field(default_factory=lambda: Total("total", "合计"))
    shared: int = 0  # projects also in other groups
    awards: list[Award] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.group.name if self.group is not None else "全社区"

    @property
    def highlight(self) -> str:
        return self.group.highlight if self.group is not None else ""

    def add(self, project: ConstructionProject, group_count: int) -> None:
        self.projects.append(project)
        next(row for row in self.by_status if row.key == project.status).add(project)
        self.total.add(project)
        self.shared += group_count > 1


def projects_by_group(*, community) -> list[GroupProjects]:
    """Each group of the community in its order with its highlight, projects (counted in every group they name),
    investment by status and honours (the pending ones too, 待命名), then the 全社区 row of projects naming no
    group (left out when empty)."""
    groups = list(ResidentGroup.objects.filter(community=community).order_by("order", "name"))
    rows = {group.pk: GroupProjects(group) for group in groups}
    community_wide = GroupProjects(None)
    projects = (
        ConstructionProject.objects.filter(community=community)
        .prefetch_related(Prefetch("groups", queryset=ResidentGroup.objects.order_by("order", "name")))
        .order_by("pk")
    )
    for project in projects:
        named = [group for group in project.groups.all() if group.pk in rows]
        for group in named:
            rows[group.pk].add(project, len(named))
        if not named:
            community_wide.add(project, 0)
    awards = Award.objects.filter(community=community, group__isnull=False)
    awards = awards.order_by("-year", "title").select_related("group")
    for award in awards:
        if award.group_id in rows:
            rows[award.group_id].awards.append(award)
    result = list(rows.values())
    if community_wide.projects:
        result.append(community_wide)
    return result


@dataclass
class FinishedFigures:
    year: int
    completed: Total
    accepted: Total


def projects_finished_in_year(*, community, year: int) -> FinishedFigures:
    """Projects completed (完工日期) and accepted (验收日期) in ``year`` (see the module)."""
    completed, accepted = Total("completed", "完工"), Total("accepted", "验收")
    projects = ConstructionProject.objects.filter(community=community).filter(
        Q(completed_on__year=year) | Q(accepted_on__year=year)
    )
    for project in projects.only("completed_on", "accepted_on", "investment"):
        if project.completed_on and project.completed_on.year == year:
            completed.add(project)
        if project.accepted_on and project.accepted_on.year == year:
            accepted.add(project)
    return FinishedFigures(year=year, completed=completed, accepted=accepted)


#
# Honours
#


@dataclass
class AwardFigures:
    by_level: list[tuple[str, str, int]]  # (level, label, count), all six levels
    by_year: list[tuple[int, int]]  # (year, count), latest first
    total: int
    pending: int  # 已通过考评,待命名
    groups: int  # distinct groups holding a named honour
    to_community: int  # named honours of the community itself
    to_groups: int
    to_persons: int


def award_figures(*, community, year: int | None = None) -> AwardFigures:
    """Named honours by level and by year (only ``year`` when given) and the pending ones (see the module)."""
    awards = Award.objects.filter(community=community)
    if year is not None:
        awards = awards.filter(year=year)
    named = awards.filter(stage=AwardStage.AWARDED)
    levels = dict(named.values_list("level").annotate(n=Count("pk")).order_by())
    years = named.values_list("year").annotate(n=Count("pk")).order_by("-year")
    totals = named.aggregate(
        total=Count("pk"),
        groups=Count("group", distinct=True),
        to_groups=Count("pk", filter=Q(group__isnull=False)),
        to_persons=Count("pk", filter=Q(person__isnull=False)),
    )
    return AwardFigures(
        by_level=[(level, label, levels.get(level, 0)) for level, label in AwardLevel.choices],
        by_year=list(years),
        total=totals["total"],
        pending=awards.filter(stage=AwardStage.EVALUATED).count(),
        groups=totals["groups"],
        to_community=totals["total"] - totals["to_groups"] - totals["to_persons"],
        to_groups=totals["to_groups"],
        to_persons=totals["to_persons"],
    )


#
# Co-building
#


@dataclass
class KindTotal:
    kind: str
    label: str
    count: int = 0
    amount: Decimal = ZERO


@dataclass
class UnitTotal:
    """One unit's contributions of the year."""

    unit: ResidentUnit
    count: int = 0
    amount: Decimal = ZERO
    beneficiaries: int = 0
    kinds: dict[str, int] = field(default_factory=dict)  # kind → count
    contributions: list[UnitContribution] = field(default_factory=list)


@dataclass
class CobuildingFigures:
    year: int
    resident_units: int
    co_builder_units: int
    active_units: int
    contributions: int
    amount: Decimal
    beneficiaries: int
    good_deeds: int
    open_resource_units: int
    by_kind: list[KindTotal]
    per_unit: list[UnitTotal]

    @property
    def co_builder_share(self) -> float | None:
        return _ratio(self.co_builder_units, self.resident_units)

    @property
    def active_share(self) -> float | None:
        return _ratio(self.active_units, self.co_builder_units)


def cobuilding_figures(*, community, year: int) -> CobuildingFigures:
    """Co-building units and their contributions in ``year``, in total, by kind and per unit (see the module).
    ``per_unit`` lists every co-builder unit (those without a contribution with zeros), then any other unit that
    has one, by name."""
    units = list(ResidentUnit.objects.filter(community=community).order_by("name"))
    contributions = list(
        UnitContribution.objects.filter(community=community, year=year).order_by("date", "pk").select_related("unit")
    )
    per_unit = {unit.pk: UnitTotal(unit) for unit in units if unit.is_co_builder}
    by_kind = {kind: KindTotal(kind, label) for kind, label in ContributionKind.choices}
    amount, beneficiaries = ZERO, 0
    open_units = set()
    for contribution in contributions:
        row = per_unit.setdefault(contribution.unit_id, UnitTotal(contribution.unit))
        row.count += 1
        row.kinds[contribution.kind] = row.kinds.get(contribution.kind, 0) + 1
        row.contributions.append(contribution)
        kind = by_kind[contribution.kind]
        kind.count += 1
        if contribution.amount is not None:
            row.amount += contribution.amount
            kind.amount += contribution.amount
            amount += contribution.amount
        if contribution.beneficiaries is not None:
            row.beneficiaries += contribution.beneficiaries
            beneficiaries += contribution.beneficiaries
        if contribution.kind == ContributionKind.OPEN_RESOURCES:
            open_units.add(contribution.unit_id)
    ordered = sorted(per_unit.values(), key=lambda row: (not row.unit.is_co_builder, row.unit.name))
    return CobuildingFigures(
        year=year,
        resident_units=len(units),
        co_builder_units=sum(unit.is_co_builder for unit in units),
        active_units=sum(row.count > 0 for row in ordered),
        contributions=len(contributions),
        amount=amount,
        beneficiaries=beneficiaries,
        good_deeds=by_kind[ContributionKind.GOOD_DEED].count,
        open_resource_units=len(open_units),
        by_kind=list(by_kind.values()),
        per_unit=ordered,
    )


def contribution_years(*, community) -> list[int]:
    """The years with a contribution recorded, latest first (the year picker of the co-building page)."""
    return list(
        UnitContribution.objects.filter(community=community).order_by("-year").values_list("year", flat=True).distinct()
    )


def unit_totals_by_year(*, community) -> dict[int, dict[int, tuple[int, Decimal]]]:
    """Per unit and year: (contributions, amount 元) — the per-year per-unit totals of the co-building register."""
    rows = (
        UnitContribution.objects.filter(community=community)
        .values_list("unit", "year")
        .annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by()
    )
    result: dict[int, dict[int, tuple[int, Decimal]]] = defaultdict(dict)
    for unit_id, year, count, total in rows:
        result[unit_id][year] = (count, total or ZERO)
    return dict(result)
