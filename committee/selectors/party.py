"""Figures of the party registers (issue 5 item 11; indicators BZ04 and BZ05 of domain.md §3.1): pure reads,
for a community (``community``) or several (``communities``), dates passed in.

Definitions:

* **在册党员 on a day**: ``PartyMember.objects.on_register(day)``: the member's relation was with the
  community by then (transfer-in date, else joining date) and their status had not yet changed (转出,
  去世, 停止党籍 on or before the day take them off). Counted **by category** (党员类别), **by kind**
  (正式/预备) and **by sex** (the person's); **average age** is the mean of their full years of age on the
  day, ``None`` without members (seed 002: 「男性党员48人,女性党员45人,平均年龄52岁」).
* **Activity count of a member in a year**: the activities dated in that calendar year (up to ``as_of``
  when given) in which the member is a participant; of the given ``kinds`` only when kinds are given.
* **Participation rate (BZ05 社区党员参与社区建设各项活动率)**: of the members on the register at the end of
  the year (31 December, or ``as_of`` if earlier), those with at least one activity of any kind in the
  year / all of them; ``None`` without members (pages show "—").
* **Assistance activities (BZ04 党员每年参与帮困、助残、敬老等活动)**: the participations of those same members
  in 帮困/助残/敬老 activities of the year; **per member** = participations / members (``None`` without
  members). Participations of members who have since left are not counted, so numerator and denominator
  speak of the same people.
* **Transfers in a year**: ``PartyTransfer`` rows dated in the year, by direction (转入/转出).
* **在职党员报到**: check-ins in force on a day (reported by then, not ended), and check-ins reported in a year.
* **Organisation tree**: every organisation of the community founded by the day and not dissolved, in tree
  order, with its own members on the register that day and the total of its whole subtree.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet

from committee.models.party import (
    ASSISTANCE_KINDS,
    ActivityKind,
    MemberCategory,
    MembershipKind,
    PartyActivity,
    PartyCheckIn,
    PartyMember,
    PartyOrganisation,
    PartyTransfer,
    TransferDirection,
)
from residents.choices import Sex

Participation = PartyActivity.participants.through


def _territory(queryset: QuerySet, community=None, communities=None, path: str = "community") -> QuerySet:
    if community is not None:
        queryset = queryset.filter(**{path: community})
    if communities is not None:
        queryset = queryset.filter(**{f"{path}__in": communities})
    return queryset


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100, 1):g}%"


def _year_bounds(year: int, as_of: datetime.date | None) -> tuple[datetime.date, datetime.date]:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if as_of is not None and as_of < end:
        end = as_of
    return start, end


def _age(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


#
# Members
#


@dataclass(frozen=True)
class MemberFigures:
    on: datetime.date
    total: int
    by_category: dict[str, int]  # MemberCategory value → count, every category in choice order
    by_kind: dict[str, int]  # MembershipKind value → count
    male: int
    female: int
    transferred_in: int  # of the members on the register, those whose relation was transferred in
    average_age: Decimal | None  # one decimal place

    @property
    def full(self) -> int:
        return self.by_kind.get(MembershipKind.FULL, 0)

    @property
    def probationary(self) -> int:
        return self.by_kind.get(MembershipKind.PROBATIONARY, 0)

    def category_count(self, category: str) -> int:
        return self.by_category.get(category, 0)

    @property
    def categories_labelled(self) -> list[tuple[str, int]]:
        """(label, count) of the categories that have members, in choice order."""
        labels = dict(MemberCategory.choices)
        return [(labels[code], count) for code, count in self.by_category.items() if count]

    @property
    def average_age_display(self) -> str:
        return "—" if self.average_age is None else f"{self.average_age.quantize(Decimal(1), ROUND_HALF_UP)}岁"


def party_member_figures(*, on: datetime.date, community=None, communities=None) -> MemberFigures:
    """在册党员 on ``on`` by category, kind and sex, with their average age (two queries)."""
    members = _territory(PartyMember.objects.on_register(on), community, communities)
    counts = members.aggregate(
        total=Count("pk"),
        transferred_in=Count("pk", filter=Q(transferred_in=True)),
        **{f"category_{code}": Count("pk", filter=Q(category=code)) for code in MemberCategory.values},
        **{f"kind_{code}": Count("pk", filter=Q(kind=code)) for code in MembershipKind.values},
    )
    people = list(members.values_list("person__sex", "person__birth_date"))
    sexes = Counter(sex for sex, _ in people)
    ages = [_age(birth, on) for _, birth in people if birth is not None]
    average = (Decimal(sum(ages)) / Decimal(len(ages))).quantize(Decimal("0.1"), ROUND_HALF_UP) if ages else None
    return MemberFigures(
        on=on,
        total=counts["total"],
        by_category={code: counts[f"category_{code}"] for code in MemberCategory.values},
        by_kind={code: counts[f"kind_{code}"] for code in MembershipKind.values},
        male=sexes.get(Sex.MALE, 0),
        female=sexes.get(Sex.FEMALE, 0),
        transferred_in=counts["transferred_in"],
        average_age=average,
    )


#
# Activities
#


def _participations(*, year: int, as_of=None, community=None, communities=None, kinds=None) -> QuerySet:
    start, end = _year_bounds(year, as_of)
    rows = Participation.objects.filter(partyactivity__date__gte=start, partyactivity__date__lte=end)
    rows = _territory(rows, community, communities, path="partyactivity__community")
    if kinds is not None:
        rows = rows.filter(partyactivity__kind__in=list(kinds))
    return rows


def member_activity_counts(
    *, year: int, community=None, communities=None, kinds=None, as_of: datetime.date | None = None
) -> dict[int, int]:
    """Member id → the number of activities (of ``kinds``, when given) they took part in during ``year``;
    members with none are absent (one query)."""
    rows = (
        _participations(year=year, as_of=as_of, community=community, communities=communities, kinds=kinds)
        .values("partymember_id")
        .annotate(n=Count("partyactivity_id", distinct=True))
    )
    return {row["partymember_id"]: row["n"] for row in rows}


def members_with_activities(
    *, year: int, at_least: int, community=None, communities=None, kinds=None, as_of: datetime.date | None = None
) -> list[PartyMember]:
    """The members on the register at the end of ``year`` who took part in ``at_least`` activities (of
    ``kinds``) in the year, each with ``activity_count`` set, most active first."""
    _, end = _year_bounds(year, as_of)
    counts = member_activity_counts(year=year, community=community, communities=communities, kinds=kinds, as_of=as_of)
    members = _territory(PartyMember.objects.on_register(end), community, communities).select_related(
        "person", "organisation"
    )
    chosen = []
    for member in members.filter(pk__in=[pk for pk, n in counts.items() if n >= at_least]):
        member.activity_count = counts[member.pk]
        chosen.append(member)
    chosen.sort(key=lambda member: (-member.activity_count, member.person.name_pinyin, member.pk))
    return chosen


@dataclass(frozen=True)
class ParticipationFigures:
    year: int
    end: datetime.date
    members: int  # on the register at ``end``
    participating: int  # of them, with at least one activity in the year
    assistance_participations: int  # of them, participations in 帮困/助残/敬老 activities of the year
    with_six_assistance: int  # of them, those with six or more 帮困/助残/敬老 activities (seed 000's 6次)
    activities: int  # activities of the year (any kind)
    activities_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        """BZ05 社区党员参与社区建设各项活动率."""
        return _rate(self.participating, self.members)

    @property
    def rate_display(self) -> str:
        return _percent(self.rate)

    @property
    def assistance_per_member(self) -> Decimal | None:
        """BZ04 党员每年参与帮困、助残、敬老等活动(次), one decimal place."""
        if not self.members:
            return None
        return (Decimal(self.assistance_participations) / Decimal(self.members)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def assistance_per_member_display(self) -> str:
        value = self.assistance_per_member
        return "—" if value is None else f"{value.normalize():f}次"

    @property
    def assistance_activities(self) -> int:
        return sum(self.activities_by_kind.get(kind, 0) for kind in ASSISTANCE_KINDS)

    @property
    def kinds_labelled(self) -> list[tuple[str, int]]:
        labels = dict(ActivityKind.choices)
        return [(labels[code], count) for code, count in self.activities_by_kind.items() if count]


def party_participation(
    *, year: int, community=None, communities=None, as_of: datetime.date | None = None
) -> ParticipationFigures:
    """The members' participation in the activities of ``year`` (BZ04, BZ05): four queries."""
    start, end = _year_bounds(year, as_of)
    on_register = set(
        _territory(PartyMember.objects.on_register(end), community, communities).values_list("pk", flat=True)
    )
    every = member_activity_counts(year=year, community=community, communities=communities, as_of=as_of)
    assistance = member_activity_counts(
        year=year, community=community, communities=communities, kinds=ASSISTANCE_KINDS, as_of=as_of
    )
    activities = _territory(PartyActivity.objects.filter(date__gte=start, date__lte=end), community, communities)
    by_kind = dict(activities.values_list("kind").annotate(n=Count("pk")).order_by())
    return ParticipationFigures(
        year=year,
        end=end,
        members=len(on_register),
        participating=sum(1 for pk in every if pk in on_register),
        assistance_participations=sum(n for pk, n in assistance.items() if pk in on_register),
        with_six_assistance=sum(1 for pk, n in assistance.items() if pk in on_register and n >= 6),
        activities=sum(by_kind.values()),
        activities_by_kind={code: by_kind.get(code, 0) for code in ActivityKind.values},
    )


@dataclass(frozen=True)
class MemberYear:
    year: int
    activities: int
    assistance: int


def member_activity_years(member: PartyMember) -> list[MemberYear]:
    """A member's activities per calendar year, latest first, with the 帮困/助残/敬老 ones among them."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for date, kind in member.activities.values_list("date", "kind"):
        totals[date.year][0] += 1
        totals[date.year][1] += kind in ASSISTANCE_KINDS
    return [MemberYear(year, *totals[year]) for year in sorted(totals, reverse=True)]


#
# Transfers and check-ins
#


@dataclass(frozen=True)
class TransferCounts:
    year: int
    transferred_in: int
    transferred_out: int


def party_transfer_counts(*, year: int, community=None, communities=None) -> TransferCounts:
    """Transfers of ``year`` by direction (one query)."""
    rows = _territory(PartyTransfer.objects.filter(date__year=year), community, communities)
    counts = rows.aggregate(
        transferred_in=Count("pk", filter=Q(direction=TransferDirection.IN)),
        transferred_out=Count("pk", filter=Q(direction=TransferDirection.OUT)),
    )
    return TransferCounts(year=year, **counts)


@dataclass(frozen=True)
class CheckInFigures:
    on: datetime.date
    reporting: int  # in force on ``on``
    reported_this_year: int  # reported in the calendar year of ``on``, up to ``on``


def party_checkin_figures(*, on: datetime.date, community=None, communities=None) -> CheckInFigures:
    """在职党员社区报到 on ``on`` (one query)."""
    rows = _territory(PartyCheckIn.objects.all(), community, communities)
    in_force = Q(reported_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gt=on))
    counts = rows.aggregate(
        reporting=Count("pk", filter=in_force),
        reported_this_year=Count("pk", filter=Q(reported_on__gte=datetime.date(on.year, 1, 1), reported_on__lte=on)),
    )
    return CheckInFigures(on=on, **counts)


#
# The organisation tree
#


@dataclass
class OrganisationNode:
    organisation: PartyOrganisation
    depth: int
    members: int  # its own members on the register
    total: int = 0  # members of the organisation and every organisation below it
    children: list[OrganisationNode] = field(default_factory=list)


def organisation_tree(*, community, on: datetime.date, include_dissolved: bool = False) -> list[OrganisationNode]:
    """The community's organisations in tree order (总支 → 支部 → 党小组, each level by founding date and
    name), flattened with their depth; each with its own and its subtree's members on the register on
    ``on`` (two queries)."""
    organisations = PartyOrganisation.objects.filter(community=community).select_related(
        "secretary__person", "group", "unit"
    )
    if not include_dissolved:
        organisations = organisations.active_on(on)
    organisations = list(organisations)
    counts = dict(
        PartyMember.objects.on_register(on)
        .filter(community=community)
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    known = {organisation.pk for organisation in organisations}
    children: dict[int | None, list[PartyOrganisation]] = defaultdict(list)
    for organisation in organisations:
        parent = organisation.parent_id if organisation.parent_id in known else None
        children[parent].append(organisation)
    for siblings in children.values():
        siblings.sort(key=lambda o: (o.founded_on or datetime.date.min, o.name))

    flat: list[OrganisationNode] = []

    def visit(organisation: PartyOrganisation, depth: int) -> OrganisationNode:
        node = OrganisationNode(organisation, depth, counts.get(organisation.pk, 0))
        flat.append(node)
        node.children = [visit(child, depth + 1) for child in children.get(organisation.pk, [])]
        node.total = node.members + sum(child.total for child in node.children)
        return node

    for root in children.get(None, []):
        visit(root, 0)
    return flat
