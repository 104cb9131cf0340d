"""Fixtures every app's tests share: a named cast of territories and users (the "world")."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from governance import roles
from governance.models import Community, Grid, ResidentGroup, ResidentUnit, Street, User
from tests.factories import (
    CommunityFactory,
    GridFactory,
    ResidentGroupFactory,
    ResidentUnitFactory,
    StreetFactory,
    UserFactory,
)

pytest_plugins = ["tests.celery_worker"]


@dataclass
class World:
    """Two communities of one street and a third in another street, with one user per role.

    ``community`` is home; ``other_community`` is its neighbour in the same street;
    ``far_community`` belongs to ``far_street``.
    """

    street: Street
    far_street: Street
    community: Community
    other_community: Community
    far_community: Community
    group_a: ResidentGroup
    group_b: ResidentGroup
    other_group: ResidentGroup
    far_group: ResidentGroup
    grid: Grid
    other_grid: Grid
    unit: ResidentUnit
    other_unit: ResidentUnit
    superuser: User
    street_leader: User
    far_leader: User
    head: User
    worker: User
    grid_worker: User
    mediator: User
    auditor: User
    norole: User
    other_head: User
    other_worker: User
    unscoped: User
    attached_superuser: User


@pytest.fixture
def world(db) -> World:
    street = StreetFactory(name="团结街道办事处")
    far_street = StreetFactory(name="碧鸡街道办事处")
    community = CommunityFactory(street=street, name="箐口居委会", code="qingkou")
    other_community = CommunityFactory(street=street, name="朵亩居委会", code="duomu")
    far_community = CommunityFactory(street=far_street, name="碧鸡居委会", code="biji")
    group_a = ResidentGroupFactory(community=community, name="寨子", order=1)
    group_b = ResidentGroupFactory(community=community, name="岔河", order=2)
    other_group = ResidentGroupFactory(community=other_community, name="朵亩")
    far_group = ResidentGroupFactory(community=far_community, name="碧鸡")
    grid_worker = UserFactory(username="wangge", community=community, role=roles.GRID_WORKER, resident_groups=[group_a])
    return World(
        street=street,
        far_street=far_street,
        community=community,
        other_community=other_community,
        far_community=far_community,
        group_a=group_a,
        group_b=group_b,
        other_group=other_group,
        far_group=far_group,
        grid=GridFactory(community=community, name="寨子网格", groups=[group_a], responsible=grid_worker),
        other_grid=GridFactory(community=other_community, name="朵亩网格", groups=[other_group]),
        unit=ResidentUnitFactory(community=community, name="箐口卫生所"),
        other_unit=ResidentUnitFactory(community=other_community, name="朵亩小学"),
        superuser=UserFactory(username="root", is_superuser=True, is_staff=True),
        street_leader=UserFactory(username="jiedao", street=street, role=roles.STREET_LEADER),
        far_leader=UserFactory(username="far_jiedao", street=far_street, role=roles.STREET_LEADER),
        head=UserFactory(username="shuji", community=community, street=street, role=roles.COMMUNITY_HEAD),
        worker=UserFactory(username="gongzuo", community=community, street=street, role=roles.COMMUNITY_WORKER),
        grid_worker=grid_worker,
        mediator=UserFactory(username="zhibao", community=community, street=street, role=roles.SAFETY_MEDIATOR),
        auditor=UserFactory(username="shenji", community=community, street=street, role=roles.AUDITOR),
        norole=UserFactory(username="norole", community=community, street=street),
        other_head=UserFactory(
            username="duomu_shuji", community=other_community, street=street, role=roles.COMMUNITY_HEAD
        ),
        other_worker=UserFactory(
            username="duomu", community=other_community, street=street, role=roles.COMMUNITY_WORKER
        ),
        unscoped=UserFactory(username="nowhere", role=roles.COMMUNITY_HEAD),
        attached_superuser=UserFactory(username="it_admin", community=community, is_superuser=True, is_staff=True),
    )


@dataclass
class Population:
    """A few households and people of the world, registered through the life-event services."""

    household: object  # in group_a: head 张建国, spouse 李秀英, son 张伟
    household_b: object  # in group_b: head 王芳
    other_household: object  # in other_community
    householder: object
    spouse: object
    son: object
    householder_b: object
    outsider: object
    dibao: object  # a 低保 membership of the head
    released: object  # a sensitive 刑释 membership of the son
    floating: object  # a floating registration of 王芳
    rental: object
    compound: object
    dwelling: object


@pytest.fixture
def population(world) -> Population:
    import datetime

    from governance.services import register_save
    from households.models import Building, Compound, Dwelling, Household, Rental
    from households.services import household_create
    from residents.choices import EventKind, Relation, ResidenceType
    from residents.models import Category, FloatingRegistration, Person
    from residents.services import floating_register, membership_add, person_register
    from tests.factories import make_id_number

    actor = world.superuser
    on = datetime.date(2020, 1, 1)

    def household(community, group, number, address):
        return household_create(
            actor=actor,
            household=Household(community=community, group=group, number=number, address=address, established_on=on),
        )

    def person(name, birth, sex, sequence, home, relation, **fields):
        registered = Person(
            name=name,
            id_number=make_id_number(birth, sex, sequence),
            household=home,
            relation=relation,
            current_address=home.address,
            **fields,
        )
        return person_register(actor=actor, person=registered, on=on, kind=EventKind.REGISTER)

    home = household(world.community, world.group_a, "0001", "寨子村1号")
    home_b = household(world.community, world.group_b, "0002", "岔河村8号")
    far = household(world.other_community, world.other_group, "0001", "朵亩村3号")
    head = person("张建国", datetime.date(1965, 3, 8), "M", 1, home, Relation.HEAD, phone="13812345678")
    spouse = person("李秀英", datetime.date(1968, 7, 21), "F", 2, home, Relation.SPOUSE, ethnicity="彝族")
    son = person("张伟", datetime.date(1992, 11, 2), "M", 3, home, Relation.SON)
    head_b = person(
        "王芳", datetime.date(1990, 5, 5), "F", 4, home_b, Relation.HEAD, residence_type=ResidenceType.FLOATING
    )
    outsider = person("赵强", datetime.date(1980, 1, 1), "M", 5, far, Relation.HEAD)
    rental = register_save(
        actor=actor,
        instance=Rental(community=world.community, group=world.group_b, address="岔河村8号", owner_name="孙立"),
    )
    compound = register_save(actor=actor, instance=Compound(community=world.community, name="箐口新村"))
    building = register_save(actor=actor, instance=Building(community=world.community, compound=compound, number="3"))
    dwelling = register_save(
        actor=actor,
        instance=Dwelling(community=world.community, group=world.group_a, building=building, entrance="1", room="201"),
    )
    return Population(
        household=home,
        household_b=home_b,
        other_household=far,
        householder=head,
        spouse=spouse,
        son=son,
        householder_b=head_b,
        outsider=outsider,
        dibao=membership_add(actor=actor, person=head, category=Category.objects.get(code="dibao"), start_on=on),
        released=membership_add(actor=actor, person=son, category=Category.objects.get(code="released"), start_on=on),
        floating=floating_register(
            actor=actor,
            person=head_b,
            registration=FloatingRegistration(
                arrived_on=on,
                origin="四川省会理县",
                purpose="work",
                rental=rental,
                permit_number="ZZ2020001",
                permit_expires_on=datetime.date(2027, 1, 1),
            ),
        ),
        rental=rental,
        compound=compound,
        dwelling=dwelling,
    )
