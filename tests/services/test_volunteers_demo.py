"""The demo of 志愿服务 and 阵地设施 on the world's small population: it runs, gives seed 000's facility
areas, equipment counts and 便利店, and is idempotent. The whole ``seed_demo`` runs in
tests/governance/test_seed_demo.py."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from services.demo import AREAS
from services.demo import facilities as demo_facilities
from services.demo import volunteers as demo_volunteers
from services.models.facilities import (
    AssetKind,
    ConvenienceOutlet,
    Equipment,
    EquipmentKind,
    Facility,
    FacilityKind,
    InfrastructureAsset,
)
from services.models.volunteers import (
    ActivityParticipation,
    HoursRedemption,
    PartyPost,
    Volunteer,
    VolunteerActivity,
    VolunteerTeam,
)
from services.selectors.facilities import equipment_figures, facility_figures, infrastructure_figures, outlet_figures
from services.selectors.volunteers import volunteer_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(world, population):
    return {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}


def history_rows():
    models = (VolunteerTeam, Volunteer, VolunteerActivity, ActivityParticipation, PartyPost, Facility, Equipment,
              ConvenienceOutlet, InfrastructureAsset)  # fmt: skip
    return sum(model.history.count() for model in models) + HoursRedemption.objects.count()


def test_the_facilities_reproduce_seed_000(world, demo):
    demo_facilities.seed(demo)

    figures = facility_figures(community=world.community)
    areas = {kind: figure.area for kind, figure in figures.by_kind.items() if figure.area}
    assert areas == {
        FacilityKind.OFFICE: Decimal(500),
        FacilityKind.ELDERLY_ROOM: Decimal(200),
        FacilityKind.MULTIPURPOSE_ROOM: Decimal(80),
        FacilityKind.CLINIC: Decimal(211),
        FacilityKind.LIBRARY: Decimal(20),
        FacilityKind.SQUARE: Decimal(230),
    }
    assert figures.by_kind[FacilityKind.NOTICE_BOARD].count == 7
    assert figures.indoor_area == Decimal(1011)
    assert figures.cultural_area == Decimal(280)
    equipment = equipment_figures(community=world.community)
    assert equipment.labelled() == [("电话", 1, "部"), ("彩电", 2, "台"), ("DVD", 1, "台"), ("电脑", 2, "台"),
                                    ("传真复印打印机", 1, "台")]  # fmt: skip
    assert equipment.required_rate == 1
    assert outlet_figures(community=world.community).convenience_stores == 8
    water = infrastructure_figures(community=world.community)
    # The world has two of the eight groups: their shares of 水池 and 水窖 (9 + 7, 28 + 22).
    assert (water[AssetKind.POOL].total, water[AssetKind.CISTERN].total) == (16, 50)
    assert facility_figures(community=world.other_community).facilities == 3


def test_the_volunteers_have_teams_activities_hours_and_posts(world, demo):
    demo_volunteers.seed(demo)

    figures = volunteer_figures(
        start=datetime.date(2026, 1, 1), end=datetime.date(2026, 11, 20), community=world.community
    )
    assert figures.teams == 3  # 「社区志愿者队伍3支」
    assert figures.registered == 4  # every adult of the world's population (seed 000's 47 need more people)
    assert figures.activities == 17
    assert figures.hours > 0
    assert VolunteerActivity.objects.filter(community=world.other_community).count() == 2
    assert HoursRedemption.objects.filter(community=world.community).exists()


def test_party_posts_go_to_party_members(world, population, demo):
    population.householder.political_status = "party"
    population.householder.save()

    demo_volunteers.seed(demo)

    posts = PartyPost.objects.filter(community=world.community)
    assert {post.member for post in posts} == {population.householder}


def test_running_the_seeds_twice_changes_nothing(demo):
    demo_volunteers.seed(demo)
    demo_facilities.seed(demo)
    before = history_rows()

    demo_volunteers.seed(demo)
    demo_facilities.seed(demo)

    assert history_rows() == before


def test_the_areas_are_seeded_by_seed_demo():
    assert {"volunteers", "facilities"} <= set(AREAS)


def test_equipment_kinds_of_the_seed_are_the_required_four_and_a_dvd():
    kinds = {kind for _, kind, *_ in demo_facilities.QINGKOU_EQUIPMENT}
    assert kinds == {EquipmentKind.PHONE, EquipmentKind.TV, EquipmentKind.DVD, EquipmentKind.COMPUTER,
                     EquipmentKind.FAX_COPIER}  # fmt: skip
