"""Multi-model reads of the organisation registers, returning plain data for pages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch

from governance.choices import UnitOwnership
from governance.models import Community, Grid, ResidentGroup, ResidentUnit, User


@dataclass(frozen=True)
class GroupRow:
    group: ResidentGroup
    grids: list[Grid]
    workers: list[User]  # grid workers and group leaders, without repeats


@dataclass(frozen=True)
class UnitSummary:
    total: int
    non_public: int
    co_builders: int
    key_units: int
    by_kind: list[tuple[str, int]]


@dataclass(frozen=True)
class CommunityOverview:
    groups: list[GroupRow]
    units: list[ResidentUnit]
    unit_summary: UnitSummary
    staff_count: int


def community_overview(*, community: Community, user) -> CommunityOverview:
    """Groups with their grids and grid workers, and the units, of ``community`` as ``user`` may see them."""
    groups = (
        ResidentGroup.objects.visible_to(user)
        .filter(community=community)
        .prefetch_related(
            Prefetch("grids", queryset=Grid.objects.select_related("responsible")),
            Prefetch("workers", queryset=User.objects.filter(is_active=True)),
        )
    )
    rows = []
    for group in groups:
        grids = list(group.grids.all())
        # A group's workers: its grids' responsible workers, then anyone else assigned to the group.
        workers = [grid.responsible for grid in grids if grid.responsible and grid.responsible.is_active]
        workers += [worker for worker in group.workers.all() if worker not in workers]
        rows.append(GroupRow(group, grids, workers))

    units = list(ResidentUnit.objects.visible_to(user).filter(community=community))
    by_kind = Counter(unit.get_kind_display() for unit in units)
    summary = UnitSummary(
        total=len(units),
        non_public=sum(unit.ownership == UnitOwnership.NON_PUBLIC for unit in units),
        co_builders=sum(unit.is_co_builder for unit in units),
        key_units=sum(unit.is_key_unit for unit in units),
        by_kind=list(by_kind.items()),
    )
    staff_count = User.objects.visible_to(user).filter(community=community, is_active=True).count()
    return CommunityOverview(
        groups=rows,
        units=units,
        unit_summary=summary,
        staff_count=staff_count,
    )
