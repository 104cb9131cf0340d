"""Figures of the projects area against the hand counts of ``projects_fixtures``."""

from __future__ import annotations

from decimal import Decimal

import pytest

from committee.models.projects import ProjectStatus
from committee.selectors.projects import (
    award_figures,
    cobuilding_figures,
    project_figures,
    projects_by_group,
    projects_by_kind,
    projects_finished_in_year,
    unit_totals_by_year,
)
from tests.committee import projects_fixtures

pytestmark = pytest.mark.django_db

projects = projects_fixtures.projects


def test_projects_by_status_with_investment_in_yuan_and_wan(world, projects):
    figures = project_figures(community=world.community)

    rows = [(row.key, row.count, row.investment, row.unstated) for row in figures.by_status]
    assert rows == [
        (ProjectStatus.PLANNED, 1, Decimal("300000.00"), 0),
        (ProjectStatus.APPROVED, 1, Decimal("20000.00"), 0),
        (ProjectStatus.BUILDING, 1, Decimal("0.00"), 1),
        (ProjectStatus.COMPLETED, 1, Decimal("75000.00"), 0),
        (ProjectStatus.ACCEPTED, 1, Decimal("140000.00"), 0),
    ]
    assert (figures.total.count, figures.total.investment, figures.total.unstated) == (5, Decimal("535000.00"), 1)
    assert str(figures.total.investment_wan) == "53.5"
    assert str(figures.status(ProjectStatus.COMPLETED).investment_wan) == "7.5"


def test_projects_by_group_count_a_shared_project_in_each_group(world, projects):
    rows = projects_by_group(community=world.community)

    assert [row.name for row in rows] == ["寨子", "岔河", "全社区"]
    zhaizi, chahe, community_wide = rows
    assert [p.title for p in zhaizi.projects] == ["寨子花坛绿化", "寨子、岔河沼气池"]
    assert (zhaizi.total.count, zhaizi.total.investment_wan, zhaizi.shared) == (2, Decimal("2"), 1)
    assert (chahe.total.count, chahe.total.investment_wan, chahe.shared) == (3, Decimal("23.5"), 1)
    assert [(row.key, row.count) for row in chahe.by_status if row.count] == [
        (ProjectStatus.APPROVED, 1),
        (ProjectStatus.COMPLETED, 1),
        (ProjectStatus.ACCEPTED, 1),
    ]
    assert (community_wide.total.count, community_wide.total.investment_wan) == (1, Decimal("30"))
    # Honours of the group, the pending one too; the community's own honour is on no group.
    assert [award.title for award in zhaizi.awards] == ["区级文明村", "示范居民小组"]
    assert [award.title for award in chahe.awards] == ["法治居民小组"]


def test_projects_by_kind_lists_only_kinds_with_projects(world, projects):
    rows = {
        row.label: (row.count, row.investment_wan, row.unstated) for row in projects_by_kind(community=world.community)
    }
    assert rows == {
        "危房修缮加固": (1, Decimal("7.5"), 0),
        "道路硬化": (1, Decimal("14"), 0),
        "沼气池": (1, Decimal("2"), 0),
        "风雨桥": (1, Decimal("30"), 0),
        "花坛绿化": (1, Decimal("0"), 1),
    }


def test_completed_and_accepted_in_a_year(world, projects):
    year_2026 = projects_finished_in_year(community=world.community, year=2026)
    assert (year_2026.completed.count, year_2026.completed.investment_wan) == (1, Decimal("7.5"))  # p1
    assert (year_2026.accepted.count, year_2026.accepted.investment_wan) == (1, Decimal("14"))  # p2
    year_2025 = projects_finished_in_year(community=world.community, year=2025)
    assert (year_2025.completed.count, year_2025.completed.investment_wan) == (1, Decimal("14"))  # p2
    assert year_2025.accepted.count == 0


def test_honours_by_level_and_year(world, projects):
    figures = award_figures(community=world.community)

    assert [(label, count) for _, label, count in figures.by_level] == [
        ("社区", 1),
        ("街道", 2),
        ("区县", 0),  # the 区级文明村 only passed its evaluation
        ("市", 0),
        ("省", 0),
        ("全国", 0),
    ]
    assert figures.by_year == [(2026, 2), (2025, 1)]
    assert (figures.total, figures.pending, figures.groups) == (3, 1, 2)
    assert (figures.to_community, figures.to_groups, figures.to_persons) == (1, 2, 0)

    only_2026 = award_figures(community=world.community, year=2026)
    assert (only_2026.total, only_2026.pending, only_2026.to_community) == (2, 1, 0)


def test_cobuilding_units_and_contributions_of_a_year(world, projects):
    figures = cobuilding_figures(community=world.community, year=2026)

    assert (figures.resident_units, figures.co_builder_units, figures.active_units) == (4, 3, 2)
    assert (figures.contributions, figures.amount, figures.beneficiaries) == (4, Decimal("1500.50"), 194)
    assert (figures.good_deeds, figures.open_resource_units) == (1, 1)
    assert figures.co_builder_share == pytest.approx(3 / 4)
    assert figures.active_share == pytest.approx(2 / 3)
    assert [(row.label, row.count, row.amount) for row in figures.by_kind] == [
        ("为社区办实事", 1, Decimal("0.00")),
        ("捐款捐物", 2, Decimal("1500.50")),
        ("开放资源", 1, Decimal("0.00")),
        ("共建活动", 0, Decimal("0.00")),
    ]
    assert [(row.unit.name, row.count, row.amount, row.beneficiaries) for row in figures.per_unit] == [
        ("箐口加工厂", 0, Decimal("0.00"), 0),
        ("箐口卫生所", 2, Decimal("1000.00"), 164),
        ("箐口完全小学", 2, Decimal("500.50"), 30),
    ]


def test_a_year_without_contributions_and_a_community_without_units(world, projects):
    quiet = cobuilding_figures(community=world.community, year=2024)
    assert (quiet.contributions, quiet.active_units, quiet.active_share) == (0, 0, 0.0)
    empty = cobuilding_figures(community=world.far_community, year=2026)
    assert (empty.resident_units, empty.co_builder_share, empty.active_share) == (0, None, None)


def test_unit_totals_by_year(world, projects):
    totals = unit_totals_by_year(community=world.community)
    assert totals == {
        projects.clinic.pk: {2026: (2, Decimal("1000.00"))},
        projects.school.pk: {2026: (2, Decimal("500.50"))},
        projects.factory.pk: {2025: (1, Decimal("12000.00"))},
    }
