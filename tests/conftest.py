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
