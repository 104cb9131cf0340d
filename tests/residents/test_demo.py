"""The demo population of ``seed_demo``: 箐口 reproduces seed 000's section 一 on AS_OF.

Seeding writes ~1,800 people through the services, so the module seeds once (inside a transaction
rolled back at the end) and every test reads that data in its own savepoint.
"""

from __future__ import annotations

import dataclasses
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from governance.models import Community, User
from households.choices import HouseholdKind, HouseholdTagKind
from households.models import Household, HouseholdTag
from residents.choices import EmployerType, EmploymentStatus, EventKind, PoliticalStatus, Relation, ResidenceType
from residents.demo import AS_OF, QINGKOU, SEED_NAMES, plan_population
from residents.models import (
    CategoryMembership,
    FloatingRegistration,
    HouseholdMembership,
    Person,
    PopulationEvent,
)
from residents.selectors import population_structure
from residents.validators import birth_date_from_id, sex_from_id, validate_resident_id

pytestmark = pytest.mark.django_db

# Seed 000, section 一: 「社区总人口1458人,社区总户数376户,常住人口户数361户,流动人口户数15户,常住人口1419人、
# 流动人口39人。社区退休人员10人,在职人员数13人、共有6个民族,少数民族为1196人、男性735人、女性723人、人户分离347人,
# 非公单位人员43人,党员73人、团员6人、群众1379; 18岁以下310人、18岁至60岁984人、60岁以上164人。」
SEED_000_FIGURES = {
    "people": 1458,
    "households": 376,
    "permanent_households": 361,
    "floating_households": 15,
    "permanent_people": 1419,
    "floating_people": 39,
    "retired": 10,
    "employed": 13,
    "ethnicities": 6,
    "minority": 1196,
    "male": 735,
    "female": 723,
    "separated": 347,
    "non_public_employees": 43,
    "party_members": 73,
    "league_members": 6,
    "masses": 1379,
    "under_18": 310,
    "aged_18_59": 984,
    "aged_60_plus": 164,
}


SEED_OUTPUT: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    """``seed_demo`` once for the module; rolled back afterwards so no other test module sees it."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = io.StringIO()
        call_command("seed_demo", force=True, stdout=output)
        SEED_OUTPUT.append(output.getvalue())
        yield
        transaction.set_rollback(True)


def figures(code: str) -> dict[str, int]:
    structure = dataclasses.asdict(population_structure(as_of=AS_OF, community=Community.objects.get(code=code)))
    del structure["as_of"]
    return structure


def row_counts() -> dict[str, int]:
    return {
        "people": Person.history.count(),
        "households": Household.history.count(),
        "memberships": CategoryMembership.history.count(),
        "tags": HouseholdTag.history.count(),
        "floating": FloatingRegistration.history.count(),
        "events": PopulationEvent.objects.count(),
        "periods": HouseholdMembership.objects.count(),
    }


def test_qingkou_reproduces_every_figure_of_seed_000():
    assert figures("qingkou") == SEED_000_FIGURES


def test_duomu_has_a_smaller_population_of_its_own():
    duomu = figures("duomu")
    assert 250 <= duomu["people"] <= 350
    assert 70 <= duomu["households"] <= 100
    assert duomu != SEED_000_FIGURES
    assert duomu["people"] == duomu["male"] + duomu["female"]
    assert duomu["people"] == duomu["under_18"] + duomu["aged_18_59"] + duomu["aged_60_plus"]
    assert duomu["minority"] < duomu["people"] / 2  # mostly Han, unlike 箐口


def test_everyone_is_on_the_register_on_as_of():
    assert Person.objects.count() == Person.objects.on_register(AS_OF).count()
    assert not Household.objects.exclude(pk__in=Household.objects.active_on(AS_OF)).exists()
    assert not PopulationEvent.objects.filter(effective_on__gt=AS_OF).exists()


def test_seeding_again_changes_nothing():
    before = row_counts()

    call_command("seed_demo", force=True, stdout=io.StringIO())

    assert row_counts() == before
    assert figures("qingkou") == SEED_000_FIGURES


def test_the_plan_is_the_same_on_every_run():
    first = [(m.name, m.id_number, m.ethnicity) for h in plan_population(QINGKOU) for m in h.members]
    second = [(m.name, m.id_number, m.ethnicity) for h in plan_population(QINGKOU) for m in h.members]
    assert first == second
    saved = dict(Person.objects.filter(community__code="qingkou").values_list("id_number", "name"))
    assert {number: name for name, number, _ in first} == saved


def test_every_id_number_is_valid_unique_and_agrees_with_the_person():
    people = list(Person.objects.values_list("id_number", "birth_date", "sex"))
    assert len({number for number, _, _ in people}) == len(people)
    for number, birth_date, sex in people:
        assert validate_resident_id(number) == number
        assert number.startswith("530112")
        assert birth_date_from_id(number) == birth_date
        assert sex_from_id(number) == sex


def test_households_are_plausible_families():
    people = list(Person.objects.select_related("household"))
    by_household: dict[int, list[Person]] = {}
    for person in people:
        by_household.setdefault(person.household_id, []).append(person)
    assert None not in by_household
    for members in by_household.values():
        household = members[0].household
        heads = [m for m in members if m.relation == Relation.HEAD]
        assert len(heads) == 1, household
        head = heads[0]
        assert 1 <= len(members) <= 7
        assert head.age_on(AS_OF) >= 18
        floating = household.kind == HouseholdKind.FLOATING
        assert {m.residence_type for m in members} == {ResidenceType.FLOATING if floating else ResidenceType.PERMANENT}
        assert all(m.group_id == household.group_id for m in members)
        for member in members:
            age, head_age = member.age_on(AS_OF), head.age_on(AS_OF)
            if member.relation in (Relation.SON, Relation.DAUGHTER):
                assert member.sex == ("M" if member.relation == Relation.SON else "F")
                assert member.name[0] == head.name[0] or head.sex == "F"
            if member.relation == Relation.GRANDCHILD:
                assert head_age - age >= 38
            if member.relation == Relation.PARENT:
                assert age - head_age >= 19
            if member.relation == Relation.SPOUSE:
                assert abs(age - head_age) <= 12
                assert member.sex != head.sex
    assert not any(person.name in SEED_NAMES for person in people)


def test_statuses_fit_ages():
    people = Person.objects.all()
    for person in people.filter(political_status=PoliticalStatus.LEAGUE_MEMBER):
        assert 14 <= person.age_on(AS_OF) <= 28
    for person in people.filter(political_status__in=[PoliticalStatus.PARTY_MEMBER, PoliticalStatus.PROBATIONARY]):
        assert person.age_on(AS_OF) >= 18
    working = people.filter(employment_status__in=[EmploymentStatus.RETIRED, EmploymentStatus.EMPLOYED])
    for person in working | people.filter(employer_type=EmployerType.NON_PUBLIC):
        assert person.age_on(AS_OF) >= 18
        assert person.phone
    assert people.filter(political_status=PoliticalStatus.PROBATIONARY).exists()


def test_the_event_log_has_births_marriages_and_arrivals():
    kinds = Counter(PopulationEvent.objects.values_list("kind", flat=True))
    assert kinds[EventKind.REGISTER] > 1000
    assert kinds[EventKind.BIRTH] > 0
    assert kinds[EventKind.MOVE_IN] > 0
    assert kinds[EventKind.FLOAT_IN] > 0
    # One arrival of some kind per person; corrections come later (the party demo's 转正 and transfers
    # keep 政治面貌 in step through person_correct).
    assert sum(count for kind, count in kinds.items() if kind != EventKind.CORRECTION) == Person.objects.count()


def test_special_categories_and_household_tags():
    qingkou = Community.objects.get(code="qingkou")
    counts = Counter(CategoryMembership.objects.filter(community=qingkou).values_list("category__code", flat=True))
    assert 28 <= counts["dibao"] <= 32
    assert counts["wubao"] == 5
    assert counts["sanwu"] == 2
    assert counts["disabled"] == 25
    for code in ("empty_nest", "left_behind_child", "left_behind_woman", "entitled", "unemployed"):
        assert counts[code] > 0, code
    disabled = CategoryMembership.objects.filter(community=qingkou, category__code="disabled")
    assert not disabled.filter(disability_type="").exists()
    assert not disabled.filter(disability_grade="").exists()
    assert not CategoryMembership.objects.filter(start_on__gt=AS_OF).exists()
    tags = Counter(HouseholdTag.objects.filter(community=qingkou).values_list("kind", flat=True))
    assert tags[HouseholdTagKind.MINIMUM_ALLOWANCE] > 0
    assert tags[HouseholdTagKind.FIVE_GUARANTEES] == 5
    assert tags[HouseholdTagKind.MIGRANT_WORKERS] > 50


def test_sensitive_memberships_exist_and_stay_hidden_from_ordinary_workers():
    qingkou = Community.objects.get(code="qingkou")
    sensitive = CategoryMembership.objects.filter(community=qingkou, category__is_sensitive=True)
    assert Counter(sensitive.values_list("category__code", flat=True)) == {"released": 3, "correction": 1}
    assert not sensitive.filter(person__political_status__in=[PoliticalStatus.PARTY_MEMBER]).exists()

    worker, mediator = User.objects.get(username="gongzuo"), User.objects.get(username="zhibao")
    assert not CategoryMembership.objects.visible_to(worker).filter(category__is_sensitive=True).exists()
    assert CategoryMembership.objects.visible_to(mediator).filter(category__is_sensitive=True).count() == 4


def test_floating_residents_are_registered_and_some_permits_expire_soon():
    qingkou = Community.objects.get(code="qingkou")
    registrations = FloatingRegistration.objects.filter(community=qingkou)
    assert registrations.exists()
    assert not registrations.exclude(person__residence_type=ResidenceType.FLOATING).exists()
    assert 1 <= registrations.permits_expiring(AS_OF).count() < registrations.count()
    assert not registrations.filter(arrived_on__gt=AS_OF).exists()


def test_seed_demo_prints_one_login_per_role():
    for username in ["admin", "jiedao", "shuji", "gongzuo", "wangge", "zhibao", "shenji", "duomu"]:
        assert username in SEED_OUTPUT[0]
