"""factory_boy factories of the population register: households and people with valid 身份证号."""

from __future__ import annotations

import datetime
import importlib

import factory
from factory.django import DjangoModelFactory
from stdnum.cn import ric

from households.choices import HouseholdKind, HouseholdStatus
from households.models import Household
from residents.choices import PersonStatus, Sex
from residents.models import Category, CategoryMembership, Person
from tests.factories import ResidentGroupFactory

# 云南省昆明市西山区: the district of the test streets.
REGION = "530112"


def make_id_number(birth_date: datetime.date, sex: str, serial: int = 1, region: str = REGION) -> str:
    """A checksum-valid 18-digit 身份证号 for someone born on ``birth_date`` of ``sex``.

    Digits 15–16 are ``serial`` (mod 100); digit 17 is odd for men and even for women.
    """
    sex_digit = (serial % 5) * 2 + (1 if sex == Sex.MALE else 0)
    body = f"{region}{birth_date:%Y%m%d}{serial % 100:02d}{sex_digit}"
    return body + ric.calc_check_digit(body + "0")


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = Household

    group = factory.SubFactory(ResidentGroupFactory)
    community = factory.SelfAttribute("group.community")
    number = factory.Sequence(lambda n: f"H{n:05d}")
    kind = HouseholdKind.PERMANENT
    address = factory.Sequence(lambda n: f"团结路{n}号")
    status = HouseholdStatus.ACTIVE
    established_on = datetime.date(2000, 1, 1)


class PersonFactory(DjangoModelFactory):
    """A person on the register; with ``household`` they take its group and community."""

    class Meta:
        model = Person

    class Params:
        serial = factory.Sequence(lambda n: n)

    household = None
    group = factory.Maybe(
        "household",
        yes_declaration=factory.SelfAttribute("household.group"),
        no_declaration=factory.SubFactory(ResidentGroupFactory),
    )
    community = factory.SelfAttribute("group.community")
    relation = factory.Maybe("household", yes_declaration="other", no_declaration="")
    name = factory.Faker("name", locale="zh_CN")
    sex = factory.Iterator([Sex.MALE, Sex.FEMALE])
    birth_date = factory.Faker(
        "date_between", start_date=datetime.date(1940, 1, 1), end_date=datetime.date(2005, 12, 31)
    )
    id_number = factory.LazyAttribute(lambda o: make_id_number(o.birth_date, o.sex, o.serial))
    status = PersonStatus.ACTIVE
    registered_on = factory.LazyAttribute(lambda o: max(o.birth_date, datetime.date(2000, 1, 1)))


def seeded_category(code: str) -> Category:
    """A category seeded by migration 0002 (re-created if a transactional test flushed the table)."""
    seeds = importlib.import_module("residents.migrations.0002_categories").CATEGORIES
    order, (code, name, sensitive, disability) = next(
        (order, row) for order, row in enumerate(seeds, start=1) if row[0] == code
    )
    category, _ = Category.objects.get_or_create(
        code=code,
        defaults={"name": name, "is_sensitive": sensitive, "has_disability_detail": disability, "order": order},
    )
    return category


class CategoryMembershipFactory(DjangoModelFactory):
    class Meta:
        model = CategoryMembership

    person = factory.SubFactory(PersonFactory)
    community = factory.SelfAttribute("person.community")
    category = factory.LazyFunction(lambda: seeded_category("dibao"))
    start_on = datetime.date(2020, 1, 1)
