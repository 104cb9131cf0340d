"""Multi-model reads of the population register for pages and reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from governance.models import Community, ResidentGroup, Street
from households.choices import HouseholdKind
from households.models import Household
from residents.choices import HAN, EmployerType, EmploymentStatus, PoliticalStatus, ResidenceType, Separation, Sex
from residents.models import PastStay, Person, years_before


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    definition: str


# The figures of the year-end report's section 一 (seed 000), in its order, each with what it counts.
FIGURES = [
    Figure("people", "社区总人口", "截至统计日在册的居民(登记日期不晚于统计日,且统计日前未迁出、死亡或注销)。"),
    Figure("households", "社区总户数", "截至统计日在册的户(立户日期不晚于统计日,且未注销)。"),
    Figure("permanent_households", "常住人口户数", "在册户中户类别为“常住户”的户数。"),
    Figure("floating_households", "流动人口户数", "在册户中户类别为“流动户”的户数。"),
    Figure("permanent_people", "常住人口", "在册居民中居住类别为“常住”的人数。"),
    Figure("floating_people", "流动人口", "在册居民中居住类别为“流动”的人数。"),
    Figure("retired", "退休人员", "在册居民中就业状况为“退休”的人数。"),
    Figure("employed", "在职人员", "在册居民中就业状况为“在职”的人数。"),
    Figure("ethnicities", "民族数", "在册居民所属民族的种数(含汉族)。"),
    Figure("minority", "少数民族人口", "在册居民中民族不是汉族的人数。"),
    Figure("male", "男性", "在册居民中性别为男的人数。"),
    Figure("female", "女性", "在册居民中性别为女的人数。"),
    Figure("separated", "人户分离", "在册居民中人户分离(户在人不在或人在户不在)的人数。"),
    Figure("non_public_employees", "非公单位人员", "在册居民中工作单位性质为“非公单位”的人数。"),
    Figure("party_members", "党员", "在册居民中政治面貌为中共党员或中共预备党员的人数。"),
    Figure("league_members", "团员", "在册居民中政治面貌为共青团员的人数。"),
    Figure("masses", "群众", "在册居民中既非党员也非团员的人数。"),
    Figure("under_18", "18岁以下", "统计日未满18周岁的在册居民。"),
    Figure("aged_18_59", "18岁至60岁", "统计日年满18周岁、未满60周岁的在册居民。"),
    Figure("aged_60_plus", "60岁以上", "统计日年满60周岁(含)的在册居民。"),
]


@dataclass(frozen=True)
class PopulationStructure:
    as_of: datetime.date
    people: int
    households: int
    permanent_households: int
    floating_households: int
    permanent_people: int
    floating_people: int
    retired: int
    employed: int
    ethnicities: int
    minority: int
    male: int
    female: int
    separated: int
    non_public_employees: int
    party_members: int
    league_members: int
    masses: int
    under_18: int
    aged_18_59: int
    aged_60_plus: int

    def rows(self) -> list[tuple[Figure, int]]:
        return [(figure, getattr(self, figure.key)) for figure in FIGURES]


def _territory(*, community: Community | None, group: ResidentGroup | None, street: Street | None) -> Q:
    """The rows (people, households, past stays) of a group, a community or a street."""
    if group is not None:
        return Q(group=group)
    if community is not None:
        return Q(community=community)
    if street is not None:
        return Q(community__street=street)
    raise ValueError("population_structure needs a group, a community or a street")


def _count_people(people, as_of: datetime.date) -> dict[str, int]:
    """The person figures of section 一 over ``people``, in one aggregate query."""
    adult, elderly = years_before(as_of, 18), years_before(as_of, 60)
    party = Q(political_status__in=[PoliticalStatus.PARTY_MEMBER, PoliticalStatus.PROBATIONARY])
    league = Q(political_status=PoliticalStatus.LEAGUE_MEMBER)
    return people.aggregate(
        people=Count("pk"),
        permanent_people=Count("pk", filter=Q(residence_type=ResidenceType.PERMANENT)),
        floating_people=Count("pk", filter=Q(residence_type=ResidenceType.FLOATING)),
        retired=Count("pk", filter=Q(employment_status=EmploymentStatus.RETIRED)),
        employed=Count("pk", filter=Q(employment_status=EmploymentStatus.EMPLOYED)),
        ethnicities=Count("ethnicity", distinct=True),
        minority=Count("pk", filter=~Q(ethnicity=HAN)),
        male=Count("pk", filter=Q(sex=Sex.MALE)),
        female=Count("pk", filter=Q(sex=Sex.FEMALE)),
        separated=Count("pk", filter=~Q(separation=Separation.NONE)),
        non_public_employees=Count("pk", filter=Q(employer_type=EmployerType.NON_PUBLIC)),
        party_members=Count("pk", filter=party),
        league_members=Count("pk", filter=league),
        masses=Count("pk", filter=~party & ~league),
        under_18=Count("pk", filter=Q(birth_date__gt=adult)),
        aged_18_59=Count("pk", filter=Q(birth_date__lte=adult, birth_date__gt=elderly)),
        aged_60_plus=Count("pk", filter=Q(birth_date__lte=elderly)),
    )


def population_structure(
    *,
    as_of: datetime.date,
    community: Community | None = None,
    group: ResidentGroup | None = None,
    street: Street | None = None,
) -> PopulationStructure:
    """Section 一's figures for a group, community or street on ``as_of``: three queries (five when
    someone who lived there then has since moved).

    People count where their stay on ``as_of`` was: their current stay, or a past stay (they
    have since moved community, or left and come back) that covered that day.
    """
    territory = _territory(community=community, group=group, street=street)
    current = Person.objects.on_register(as_of).filter(territory)
    people = _count_people(current, as_of)
    # People who lived here then but have since moved community, or left and come back: rare, so
    # counted in a query of their own rather than an OR that would cost the main query its index.
    earlier = PastStay.objects.active_on(as_of).filter(territory).values("person")
    if earlier.exists():
        past = _count_people(Person.objects.filter(pk__in=earlier), as_of)
        people = {key: value + past[key] for key, value in people.items()}
        people["ethnicities"] = (
            Person.objects.filter(Q(pk__in=current.values("pk")) | Q(pk__in=earlier))
            .values("ethnicity")
            .distinct()
            .count()
        )
    households = (
        Household.objects.active_on(as_of)
        .filter(territory)
        .aggregate(
            households=Count("pk"),
            permanent_households=Count("pk", filter=Q(kind=HouseholdKind.PERMANENT)),
            floating_households=Count("pk", filter=Q(kind=HouseholdKind.FLOATING)),
        )
    )
    return PopulationStructure(as_of=as_of, **people, **households)
