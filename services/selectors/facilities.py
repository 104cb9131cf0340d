"""Figures of 阵地设施 (issue 4 item 9): pure reads of the stock as of a date.

Definitions, for a community (or several) on ``as_of`` (default: every row, whatever its dates):

* a facility counts when it had opened by ``as_of`` (建成/启用日期 on or before it, or not recorded);
  **area by kind** (面积) sums the recorded areas of a kind, **count by kind** sums 数量 (7 个展示栏);
* **cultural area** (文化活动室面积, domain.md §8 decision 8) = the summed areas of the cultural kinds
  综合活动室, 老年活动室, 多功能文化室 and 文化活动室;
* **indoor area** (室内面积) = every kind's area except 健身场地, 广场 and 室外展示栏;
* **good condition rate** (设施完好率) = facilities in 良好 or 一般 condition / facilities, ``None`` without any;
* **equipment by kind** sums 数量 of the equipment acquired by ``as_of`` (or undated); the four required kinds
  (电话、彩电、电脑、传真复印打印机) give **required rate** (拥有率) = kinds present / 4;
* **outlets by kind**: outlets in business (在营业); **convenience stores** (便利店, FW12) is that of 便利店;
* **infrastructure by kind and group**: summed 数量 of assets built by ``as_of``'s year (or undated),
  per kind and per residents' group (None for assets of no group).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from services.models.facilities import (
    ASSET_UNITS,
    CULTURAL_KINDS,
    OUTDOOR_KINDS,
    REQUIRED_EQUIPMENT,
    AssetKind,
    Condition,
    ConvenienceOutlet,
    Equipment,
    EquipmentKind,
    Facility,
    FacilityKind,
    InfrastructureAsset,
    OutletKind,
)

ZERO = Decimal("0")
SOUND = (Condition.GOOD, Condition.FAIR)


def _territory(queryset: QuerySet, community, communities) -> QuerySet:
    if community is not None:
        queryset = queryset.filter(community=community)
    if communities is not None:
        queryset = queryset.filter(community__in=communities)
    return queryset


def _dated(queryset: QuerySet, field_name: str, as_of) -> QuerySet:
    if as_of is None:
        return queryset
    return queryset.filter(Q(**{f"{field_name}__isnull": True}) | Q(**{f"{field_name}__lte": as_of}))


@dataclass(frozen=True)
class KindFigure:
    kind: str
    label: str
    facilities: int  # rows
    count: int  # summed 数量
    area: Decimal


@dataclass(frozen=True)
class FacilityFigures:
    by_kind: dict[str, KindFigure]  # kinds that have at least one facility, in FacilityKind order
    facilities: int
    sound: int  # in 良好 or 一般 condition
    total_area: Decimal
    indoor_area: Decimal
    cultural_area: Decimal

    def area_of(self, kind: str) -> Decimal:
        figure = self.by_kind.get(kind)
        return figure.area if figure else ZERO

    @property
    def sound_rate(self) -> float | None:
        return self.sound / self.facilities if self.facilities else None


def facility_figures(*, community=None, communities=None, as_of: datetime.date | None = None) -> FacilityFigures:
    """Facilities by kind with their areas and counts (one query)."""
    facilities = _dated(_territory(Facility.objects.all(), community, communities), "opened_on", as_of)
    rows = facilities.values("kind").annotate(
        n=Count("pk"), count=Sum("count"), area=Sum("area_m2"), sound=Count("pk", filter=Q(condition__in=SOUND))
    )
    found = {row["kind"]: row for row in rows}
    by_kind = {}
    for kind, label in FacilityKind.choices:
        row = found.get(kind)
        if row:
            by_kind[kind] = KindFigure(kind, label, row["n"], row["count"] or 0, row["area"] or ZERO)
    total = sum((figure.area for figure in by_kind.values()), ZERO)
    return FacilityFigures(
        by_kind=by_kind,
        facilities=sum(figure.facilities for figure in by_kind.values()),
        sound=sum(row["sound"] for row in found.values()),
        total_area=total,
        indoor_area=total - sum((by_kind[k].area for k in OUTDOOR_KINDS if k in by_kind), ZERO),
        cultural_area=sum((by_kind[k].area for k in CULTURAL_KINDS if k in by_kind), ZERO),
    )


@dataclass(frozen=True)
class EquipmentFigures:
    by_kind: dict[str, int]  # kind → summed 数量, kinds present only, in EquipmentKind order
    units: dict[str, str]  # kind → the unit of its first row (部, 台 …)

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def required_present(self) -> list[str]:
        return [kind for kind in REQUIRED_EQUIPMENT if self.by_kind.get(kind)]

    @property
    def required_rate(self) -> float:
        """电话机、彩电、电脑、传真复印打印机拥有率: required kinds present / 4 (never undefined)."""
        return len(self.required_present) / len(REQUIRED_EQUIPMENT)

    def labelled(self) -> list[tuple[str, int, str]]:
        labels = dict(EquipmentKind.choices)
        return [(labels[kind], quantity, self.units.get(kind, "")) for kind, quantity in self.by_kind.items()]


def equipment_figures(*, community=None, communities=None, as_of: datetime.date | None = None) -> EquipmentFigures:
    """Equipment quantities by kind (one query)."""
    equipment = _dated(_territory(Equipment.objects.all(), community, communities), "acquired_on", as_of)
    rows = equipment.values("kind", "unit").annotate(quantity=Sum("quantity"))
    quantities: dict[str, int] = defaultdict(int)
    units: dict[str, str] = {}
    for row in rows:
        quantities[row["kind"]] += row["quantity"] or 0
        units.setdefault(row["kind"], row["unit"])
    by_kind = {kind: quantities[kind] for kind in EquipmentKind.values if quantities.get(kind)}
    return EquipmentFigures(by_kind=by_kind, units=units)


@dataclass(frozen=True)
class OutletFigures:
    by_kind: dict[str, int]  # kinds present, in OutletKind order

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def convenience_stores(self) -> int:
        """社区便利店(个), FW12."""
        return self.by_kind.get(OutletKind.CONVENIENCE_STORE, 0)

    def labelled(self) -> list[tuple[str, int]]:
        labels = dict(OutletKind.choices)
        return [(labels[kind], count) for kind, count in self.by_kind.items()]


def outlet_figures(*, community=None, communities=None) -> OutletFigures:
    """Outlets in business by kind (one query)."""
    outlets = _territory(ConvenienceOutlet.objects.filter(is_open=True), community, communities)
    counts = dict(outlets.values_list("kind").annotate(n=Count("pk")))
    return OutletFigures(by_kind={kind: counts[kind] for kind in OutletKind.values if counts.get(kind)})


@dataclass(frozen=True)
class AssetKindFigure:
    kind: str
    label: str
    unit: str
    total: int
    by_group: dict[str | None, int] = field(default_factory=dict)  # group name (None: no group) → quantity


def infrastructure_figures(
    *, community=None, communities=None, as_of: datetime.date | None = None
) -> dict[str, AssetKindFigure]:
    """Infrastructure quantities by kind and residents' group (one query), kinds in AssetKind order."""
    assets = _territory(InfrastructureAsset.objects.all(), community, communities)
    if as_of is not None:
        assets = assets.filter(Q(built_year__isnull=True) | Q(built_year__lte=as_of.year))
    rows = assets.values("kind", "group__name", "group__order").annotate(quantity=Sum("quantity"))
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[row["kind"]].append(row)
    result = {}
    for kind, label in AssetKind.choices:
        if kind not in grouped:
            continue
        kind_rows = sorted(grouped[kind], key=lambda r: (r["group__order"] is None, r["group__order"] or 0))
        by_group = {row["group__name"]: row["quantity"] for row in kind_rows}
        result[kind] = AssetKindFigure(kind, label, ASSET_UNITS.get(kind, "个"), sum(by_group.values()), by_group)
    return result
