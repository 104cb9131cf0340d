"""Who sees which rows of the population register: territory first, then the sensitive-category gate."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from households.models import Household
from residents.models import Category, CategoryMembership, Person
from tests.residents.factories import CategoryMembershipFactory, HouseholdFactory, PersonFactory, seeded_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(world):
    """One household, person, ordinary and sensitive membership per group, across three communities."""
    rows = {}
    for key in ("group_a", "group_b", "other_group", "far_group"):
        household = HouseholdFactory(group=getattr(world, key))
        person = PersonFactory(household=household, relation="head")
        rows[key] = SimpleNamespace(
            household=household,
            person=person,
            dibao=CategoryMembershipFactory(person=person, category=seeded_category("dibao")),
            released=CategoryMembershipFactory(person=person, category=seeded_category("released")),
        )
    return rows


def _visible(model, user, register, attribute) -> set[str]:
    """The groups whose ``attribute`` row ``user`` sees."""
    pks = set(model.objects.visible_to(user).values_list("pk", flat=True))
    return {key for key, rows in register.items() if getattr(rows, attribute).pk in pks}


HOME = {"group_a", "group_b"}
STREET = {"group_a", "group_b", "other_group"}
EVERYWHERE = {"group_a", "group_b", "other_group", "far_group"}


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("worker", HOME),
        ("head", HOME),
        ("mediator", HOME),
        ("auditor", HOME),
        ("grid_worker", {"group_a"}),
        ("street_leader", STREET),
        ("far_leader", {"far_group"}),
        ("other_worker", {"other_group"}),
        ("other_head", {"other_group"}),
        ("superuser", EVERYWHERE),
        ("unscoped", set()),
    ],
)
@pytest.mark.parametrize(("model", "attribute"), [(Person, "person"), (Household, "household")])
def test_visible_to_limits_people_and_households_to_the_users_territory(
    world, register, user, expected, model, attribute
):
    assert _visible(model, getattr(world, user), register, attribute) == expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("worker", HOME),
        ("grid_worker", {"group_a"}),
        ("street_leader", STREET),
        ("other_worker", {"other_group"}),
        ("head", HOME),
        ("mediator", HOME),
        ("superuser", EVERYWHERE),
    ],
)
def test_category_membership_visible_to_follows_the_territory(world, register, user, expected):
    assert _visible(CategoryMembership, getattr(world, user), register, "dibao") == expected


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("worker", set()),
        ("grid_worker", set()),
        ("auditor", set()),
        ("street_leader", set()),
        ("far_leader", set()),
        ("other_worker", set()),
        ("head", HOME),
        ("mediator", HOME),
        ("other_head", {"other_group"}),
        ("superuser", EVERYWHERE),
    ],
)
def test_category_membership_visible_to_hides_sensitive_categories_without_permission(world, register, user, expected):
    assert _visible(CategoryMembership, getattr(world, user), register, "released") == expected


def test_category_membership_visible_to_gives_a_worker_only_the_non_sensitive_rows(world, register):
    visible = CategoryMembership.objects.visible_to(world.worker)
    assert set(visible.values_list("category__code", flat=True)) == {"dibao"}
    assert visible.count() == 2


def test_category_membership_visible_to_gives_a_head_both_kinds(world, register):
    visible = CategoryMembership.objects.visible_to(world.head)
    assert set(visible.values_list("category__code", flat=True)) == {"dibao", "released"}
    assert visible.count() == 4


def test_category_membership_visible_to_a_grid_worker_follows_the_persons_group(world, register):
    """The membership's group is its person's: moving the person moves the row out of the grid worker's sight."""
    person = register["group_a"].person
    assert CategoryMembership.objects.visible_to(world.grid_worker).filter(person=person).exists()
    Person.objects.filter(pk=person.pk).update(group=world.group_b)
    assert not CategoryMembership.objects.visible_to(world.grid_worker).filter(person=person).exists()


@pytest.mark.parametrize("model", [Person, Household, CategoryMembership])
def test_visible_to_shows_nothing_to_an_anonymous_user(register, model):
    assert not model.objects.visible_to(AnonymousUser()).exists()


def test_visible_to_shows_nothing_to_an_inactive_user(world, register):
    world.head.is_active = False
    assert not Person.objects.visible_to(world.head).exists()


def test_category_visible_to_hides_sensitive_categories_from_a_worker(world):
    sensitive = {seeded_category(code).pk for code in ("released", "correction", "key_person")}
    ordinary = seeded_category("dibao").pk
    for user in (world.worker, world.grid_worker, world.street_leader, world.auditor):
        visible = set(Category.objects.visible_to(user).values_list("pk", flat=True))
        assert ordinary in visible
        assert not visible & sensitive
        assert not Category.objects.visible_to(user).filter(is_sensitive=True).exists()


@pytest.mark.parametrize("user", ["head", "mediator", "superuser", "other_head"])
def test_category_visible_to_shows_sensitive_categories_with_permission(world, user):
    seeded_category("released")
    assert Category.objects.visible_to(getattr(world, user)).filter(code="released").exists()


def test_category_visible_to_shows_nothing_to_an_anonymous_user(world):
    seeded_category("dibao")
    assert not Category.objects.visible_to(AnonymousUser()).exists()
