"""Figures of 阵地设施 against the hand-counted fixtures of ``volunteers_fixtures`` (seed-000-like areas),
a community without any included."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from services.models.facilities import AssetKind, EquipmentKind, FacilityKind, OutletKind
from services.selectors.facilities import (
    equipment_figures,
    facility_figures,
    infrastructure_figures,
    outlet_figures,
)
from tests.services import volunteers_fixtures

pytestmark = pytest.mark.django_db

facilities = volunteers_fixtures.facilities
D = datetime.date


class TestFacilityFigures:
    def test_areas_by_kind_and_the_cultural_area(self, world, facilities):
        figures = facility_figures(community=world.community)

        assert {kind: (f.area, f.count) for kind, f in figures.by_kind.items()} == {
            FacilityKind.OFFICE: (Decimal(500), 1),
            FacilityKind.MULTIPURPOSE_ROOM: (Decimal(80), 1),
            FacilityKind.ELDERLY_ROOM: (Decimal(200), 1),
            FacilityKind.SQUARE: (Decimal(230), 1),
            FacilityKind.NOTICE_BOARD: (Decimal(0), 7),
        }
        assert list(figures.by_kind) == ["office", "activity_room", "elderly_room", "square", "notice_board"]
        assert figures.total_area == Decimal(1010)
        assert figures.indoor_area == Decimal(780)  # the square is outdoors
        assert figures.cultural_area == Decimal(280)  # 综合活动室 80 + 老年活动室 200
        assert figures.area_of(FacilityKind.LIBRARY) == Decimal(0)
        assert (figures.facilities, figures.sound) == (5, 4)
        assert figures.sound_rate == pytest.approx(0.8)

    def test_as_of_leaves_out_facilities_opened_later(self, world, facilities):
        figures = facility_figures(community=world.community, as_of=D(2012, 1, 1))
        assert (figures.facilities, figures.total_area) == (4, Decimal(510))

    def test_equipment_by_kind_and_the_required_kinds(self, world, facilities):
        figures = equipment_figures(community=world.community)

        assert figures.by_kind == {EquipmentKind.PHONE: 1, EquipmentKind.TV: 1, EquipmentKind.COMPUTER: 2}
        assert figures.labelled() == [("电话", 1, "部"), ("彩电", 1, "台"), ("电脑", 2, "台")]
        assert figures.total == 4
        assert figures.required_rate == pytest.approx(0.75)  # no 传真复印打印机
        assert equipment_figures(community=world.community, as_of=D(2019, 1, 1)).total == 2

    def test_outlets_in_business_by_kind(self, world, facilities):
        figures = outlet_figures(community=world.community)

        assert figures.by_kind == {OutletKind.CONVENIENCE_STORE: 1, OutletKind.PHARMACY: 1}
        assert (figures.convenience_stores, figures.total) == (1, 2)

    def test_infrastructure_by_kind_and_group(self, world, facilities):
        figures = infrastructure_figures(community=world.community)

        assert list(figures) == [AssetKind.POOL, AssetKind.BIOGAS]
        pools = figures[AssetKind.POOL]
        assert (pools.label, pools.total, pools.unit, pools.by_group) == ("水池", 15, "座", {"寨子": 9, "岔河": 6})
        assert figures[AssetKind.BIOGAS].by_group == {"岔河": 12}
        assert list(infrastructure_figures(community=world.community, as_of=D(2025, 12, 31))) == [AssetKind.POOL]

    def test_a_community_without_any(self, world, facilities):
        assert facility_figures(community=world.far_community).facilities == 0
        assert facility_figures(community=world.far_community).sound_rate is None
        assert facility_figures(community=world.far_community).cultural_area == Decimal(0)
        assert equipment_figures(community=world.far_community).required_rate == 0
        assert outlet_figures(community=world.far_community).convenience_stores == 0
        assert infrastructure_figures(community=world.far_community) == {}

    def test_several_communities(self, world, facilities):
        figures = facility_figures(communities=[world.community, world.other_community])
        assert figures.area_of(FacilityKind.OFFICE) == Decimal(800)
