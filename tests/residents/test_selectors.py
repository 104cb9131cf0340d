"""population_structure (section 一 of the year-end report) as of a date, reconciled with life events.

The home community holds five households and eight people over 2024, hand-counted below:

====  ====================  ===  ==========  ======================================================
 id   who                   sex  born        what happens in 2024
====  ====================  ===  ==========  ======================================================
 P1   张建国 (H1 户主)        男   1964-10-01  turns 60 on 1 October; 在职, 公有单位, 中共党员, 汉族
 P2   李秀英 (H1 配偶)        女   1950-07-20  dies on 20 May; 退休, 群众, 汉族
 P3   王磊 (H2 户主)          男   1985-11-11  在职, 非公单位, 群众, 彝族
 P4   赵敏 (H2 配偶)          女   1987-04-04  在职, 公有单位, 中共预备党员, 汉族, 户在人不在
 P5   王小明 (H2 子)          男   2006-06-15  turns 18 on 15 June; 学生, 共青团员, 彝族
 P6   王小花 (H2 女)          女   2024-03-10  born on 10 March; 学龄前, 群众, 彝族
 P7   陈伟 (H3 户主, 流动户)   男   1990-02-14  flows out on 1 July (H3 closes); 流动, 在职, 非公单位, 群众,
                                              回族, 人在户不在; arrived 2022-03-01
 P8   周桂兰 (H5 户主)        女   1940-01-01  退休, 中共党员, 汉族
 P9   刘芳 (H4 户主)          女   1995-08-08  moves in on 15 September into the new H4; 在职, 非公单位,
                                              中共党员, 满族
====  ====================  ===  ==========  ======================================================

H1, H2 (group A) and H5 (group B) are permanent households opened on 2020-01-01, when everyone but
P6, P7 and P9 was registered. The neighbouring community (same street) and a community of another
street hold one household and one person each.
"""

from __future__ import annotations

import dataclasses
import datetime
from types import SimpleNamespace

import pytest

from households.choices import HouseholdKind
from households.models import Household
from households.services import household_create
from residents.choices import (
    EmployerType,
    EmploymentStatus,
    EventKind,
    PoliticalStatus,
    Relation,
    Separation,
    Sex,
)
from residents.models import Person, PopulationEvent
from residents.selectors import FIGURES, PopulationStructure, population_structure
from residents.services import person_move_out, person_record_birth, person_register, person_register_death
from tests.residents.factories import make_id_number

pytestmark = pytest.mark.django_db

OPENED = datetime.date(2020, 1, 1)
BIRTH = datetime.date(2024, 3, 10)
DEATH = datetime.date(2024, 5, 20)
MOVE_OUT = datetime.date(2024, 7, 1)
MOVE_IN = datetime.date(2024, 9, 15)

KEYS = [figure.key for figure in FIGURES]

# One row per as-of date, in the order of FIGURES:
#   people households perm_hh float_hh perm_people float_people retired employed ethnicities minority
#   male female separated non_public party league masses under_18 aged_18_59 aged_60_plus
EXPECTED = {
    datetime.date(2019, 12, 31): (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    datetime.date(2024, 1, 1): (7, 4, 3, 1, 6, 1, 2, 4, 3, 3, 4, 3, 2, 2, 3, 1, 3, 1, 4, 2),
    datetime.date(2024, 4, 1): (8, 4, 3, 1, 7, 1, 2, 4, 3, 4, 4, 4, 2, 2, 3, 1, 4, 2, 4, 2),
    datetime.date(2024, 6, 1): (7, 4, 3, 1, 6, 1, 1, 4, 3, 4, 4, 3, 2, 2, 3, 1, 3, 2, 4, 1),
    datetime.date(2024, 8, 1): (6, 3, 3, 0, 6, 0, 1, 3, 2, 3, 3, 3, 1, 1, 3, 1, 2, 1, 4, 1),
    datetime.date(2024, 12, 31): (7, 4, 4, 0, 7, 0, 1, 4, 3, 4, 3, 4, 1, 2, 4, 1, 2, 1, 4, 2),
}


def _household(actor, group, number, *, kind=HouseholdKind.PERMANENT, on=OPENED) -> Household:
    household = Household(group=group, number=number, address=f"{number}号", kind=kind, established_on=on)
    household.community = group.community
    return household_create(actor=actor, household=household)


def _person(name, sex, born, household, relation, serial, **fields) -> Person:
    defaults = {
        "political_status": PoliticalStatus.MASSES,
        "ethnicity": "汉族",
        "employer_type": EmployerType.NONE,
        "separation": Separation.NONE,
    }
    return Person(
        name=name,
        sex=sex,
        birth_date=born,
        id_number=make_id_number(born, sex, serial=serial),
        household=household,
        relation=relation,
        **(defaults | fields),
    )


@pytest.fixture
def town(world):
    """The people and households of the module docstring, with the 2024 events recorded through the services."""
    actor = world.head
    h1 = _household(actor, world.group_a, "H1")
    h2 = _household(actor, world.group_a, "H2")
    h5 = _household(actor, world.group_b, "H5")
    h3 = _household(actor, world.group_b, "H3", kind=HouseholdKind.FLOATING, on=datetime.date(2022, 3, 1))
    employed, retired = EmploymentStatus.EMPLOYED, EmploymentStatus.RETIRED
    people = {
        "P1": _person("张建国", Sex.MALE, datetime.date(1964, 10, 1), h1, Relation.HEAD, 1,
                      employment_status=employed, employer_type=EmployerType.PUBLIC,
                      political_status=PoliticalStatus.PARTY_MEMBER),
        "P2": _person("李秀英", Sex.FEMALE, datetime.date(1950, 7, 20), h1, Relation.SPOUSE, 2,
                      employment_status=retired),
        "P3": _person("王磊", Sex.MALE, datetime.date(1985, 11, 11), h2, Relation.HEAD, 3,
                      employment_status=employed, employer_type=EmployerType.NON_PUBLIC, ethnicity="彝族"),
        "P4": _person("赵敏", Sex.FEMALE, datetime.date(1987, 4, 4), h2, Relation.SPOUSE, 4,
                      employment_status=employed, employer_type=EmployerType.PUBLIC,
                      political_status=PoliticalStatus.PROBATIONARY, separation=Separation.LIVES_ELSEWHERE),
        "P5": _person("王小明", Sex.MALE, datetime.date(2006, 6, 15), h2, Relation.SON, 5,
                      employment_status=EmploymentStatus.STUDENT, political_status=PoliticalStatus.LEAGUE_MEMBER,
                      ethnicity="彝族"),
        "P8": _person("周桂兰", Sex.FEMALE, datetime.date(1940, 1, 1), h5, Relation.HEAD, 8,
                      employment_status=retired, political_status=PoliticalStatus.PARTY_MEMBER),
    }  # fmt: skip
    for person in people.values():
        person_register(actor=actor, person=person, on=OPENED)
    people["P7"] = person_register(
        actor=actor,
        person=_person("陈伟", Sex.MALE, datetime.date(1990, 2, 14), h3, Relation.HEAD, 7,
                       employment_status=employed, employer_type=EmployerType.NON_PUBLIC, ethnicity="回族",
                       separation=Separation.REGISTERED_ELSEWHERE),
        on=datetime.date(2022, 3, 1),
        kind=EventKind.FLOAT_IN,
    )  # fmt: skip

    # The neighbouring community (same street) and a community of another street.
    for group, serial in ((world.other_group, 20), (world.far_group, 21)):
        home = _household(world.superuser, group, f"X{serial}")
        person_register(
            actor=world.superuser,
            person=_person("邻社区人", Sex.MALE, datetime.date(1970, 1, 1), home, Relation.HEAD, serial),
            on=OPENED,
        )

    # 2024's events.
    people["P6"] = person_record_birth(
        actor=actor,
        person=_person("王小花", Sex.FEMALE, BIRTH, h2, Relation.DAUGHTER, 6,
                       employment_status=EmploymentStatus.PRESCHOOL, ethnicity="彝族"),
    )  # fmt: skip
    person_register_death(actor=actor, person=people["P2"], on=DEATH)
    person_move_out(actor=actor, person=people["P7"], on=MOVE_OUT, floating=True, place="四川省会理县")
    h4 = _household(actor, world.group_b, "H4", on=MOVE_IN)
    people["P9"] = person_register(
        actor=actor,
        person=_person("刘芳", Sex.FEMALE, datetime.date(1995, 8, 8), h4, Relation.HEAD, 9,
                       employment_status=employed, employer_type=EmployerType.NON_PUBLIC,
                       political_status=PoliticalStatus.PARTY_MEMBER, ethnicity="满族"),
        on=MOVE_IN,
        kind=EventKind.MOVE_IN,
        place="曲靖市",
    )  # fmt: skip
    return SimpleNamespace(world=world, people=people, households={"H1": h1, "H2": h2, "H3": h3, "H4": h4, "H5": h5})


def _figures(structure: PopulationStructure) -> dict[str, int]:
    return {key: getattr(structure, key) for key in KEYS}


def test_population_structure_figures_match_the_dataclass():
    fields = [field.name for field in dataclasses.fields(PopulationStructure)]
    assert fields == ["as_of", *KEYS]
    assert len(set(KEYS)) == len(KEYS)


def test_population_structure_rows_follow_figures(town):
    structure = population_structure(as_of=datetime.date(2024, 12, 31), community=town.world.community)
    rows = structure.rows()
    assert [figure for figure, _ in rows] == FIGURES
    assert [value for _, value in rows] == list(EXPECTED[datetime.date(2024, 12, 31)])


@pytest.mark.parametrize("as_of", list(EXPECTED))
def test_population_structure_of_a_community_as_of_a_date(town, as_of):
    structure = population_structure(as_of=as_of, community=town.world.community)
    assert structure.as_of == as_of
    assert _figures(structure) == dict(zip(KEYS, EXPECTED[as_of], strict=True))


@pytest.mark.parametrize("as_of", list(EXPECTED))
def test_population_structure_parts_add_up(town, as_of):
    figures = _figures(population_structure(as_of=as_of, community=town.world.community))
    people = figures["people"]
    assert figures["male"] + figures["female"] == people
    assert figures["permanent_people"] + figures["floating_people"] == people
    assert figures["party_members"] + figures["league_members"] + figures["masses"] == people
    assert figures["under_18"] + figures["aged_18_59"] + figures["aged_60_plus"] == people
    assert figures["permanent_households"] + figures["floating_households"] == figures["households"]


@pytest.mark.parametrize(
    ("before", "after"),
    list(zip(list(EXPECTED)[:-1], list(EXPECTED)[1:], strict=True)),
)
def test_population_structure_changes_by_the_events_recorded_in_between(town, before, after):
    """People on the register change by arrivals minus departures effective in (before, after]."""
    community = town.world.community
    events = PopulationEvent.objects.filter(community=community, effective_on__gt=before, effective_on__lte=after)
    arrivals = events.filter(kind__in=[EventKind.REGISTER, EventKind.BIRTH, EventKind.MOVE_IN, EventKind.FLOAT_IN])
    departures = events.filter(kind__in=[EventKind.MOVE_OUT, EventKind.FLOAT_OUT, EventKind.DEATH])
    change = (
        population_structure(as_of=after, community=community).people
        - population_structure(as_of=before, community=community).people
    )
    assert change == arrivals.count() - departures.count()


@pytest.mark.parametrize(
    ("as_of", "figure", "value"),
    [
        (BIRTH - datetime.timedelta(days=1), "people", 7),
        (BIRTH, "people", 8),  # on the register from the day of birth
        (DEATH - datetime.timedelta(days=1), "people", 8),
        (DEATH, "people", 7),  # off the register on the day of death
        (datetime.date(2024, 6, 14), "under_18", 2),
        (datetime.date(2024, 6, 15), "under_18", 1),  # P5's 18th birthday
        (datetime.date(2024, 6, 15), "aged_18_59", 5),
        (MOVE_OUT - datetime.timedelta(days=1), "floating_people", 1),
        (MOVE_OUT, "floating_people", 0),
        (MOVE_OUT - datetime.timedelta(days=1), "households", 4),
        (MOVE_OUT, "households", 3),  # H3 closed with its last member
        (MOVE_IN - datetime.timedelta(days=1), "households", 3),
        (MOVE_IN, "households", 4),
        (MOVE_IN, "people", 7),
        (datetime.date(2024, 9, 30), "aged_60_plus", 1),
        (datetime.date(2024, 10, 1), "aged_60_plus", 2),  # P1's 60th birthday counts as 60岁以上
        (datetime.date(2024, 10, 1), "aged_18_59", 4),
    ],
)
def test_population_structure_on_the_day_of_an_event(town, as_of, figure, value):
    assert getattr(population_structure(as_of=as_of, community=town.world.community), figure) == value


@pytest.mark.parametrize(
    ("as_of", "group", "expected"),
    [
        (datetime.date(2024, 1, 1), "group_b", {"people": 2, "households": 2, "floating_people": 1, "male": 1}),
        (datetime.date(2024, 12, 31), "group_b", {"people": 2, "households": 2, "floating_people": 0, "male": 0}),
        (datetime.date(2024, 12, 31), "group_a", {"people": 5, "households": 2, "floating_people": 0, "male": 3}),
    ],
)
def test_population_structure_of_a_group(town, as_of, group, expected):
    structure = population_structure(as_of=as_of, group=getattr(town.world, group))
    assert {key: getattr(structure, key) for key in expected} == expected


def test_population_structure_of_a_group_wins_over_its_community(town):
    world = town.world
    structure = population_structure(as_of=datetime.date(2024, 12, 31), community=world.community, group=world.group_a)
    assert structure.people == 5


def test_population_structure_of_a_street_adds_its_communities(town):
    world = town.world
    as_of = datetime.date(2024, 12, 31)
    street = population_structure(as_of=as_of, street=world.street)
    assert (street.people, street.households, street.male, street.aged_18_59) == (8, 5, 4, 5)
    far = population_structure(as_of=as_of, street=world.far_street)
    assert (far.people, far.households) == (1, 1)


def test_population_structure_needs_a_territory():
    with pytest.raises(ValueError, match="needs a group, a community or a street"):
        population_structure(as_of=datetime.date(2024, 1, 1))


def test_population_structure_takes_three_queries(town, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        population_structure(as_of=datetime.date(2024, 12, 31), community=town.world.community)
