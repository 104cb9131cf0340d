"""Figures of 志愿服务 against the hand-counted fixtures of ``volunteers_fixtures``,
empty periods and communities included."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from services.selectors.volunteers import volunteer_figures
from tests.services import volunteers_fixtures

pytestmark = pytest.mark.django_db

volunteers = volunteers_fixtures.volunteers
D = datetime.date


class TestVolunteerFigures:
    def test_a_year(self, world, volunteers):
        figures = volunteer_figures(start=D(2026, 1, 1), end=D(2026, 12, 31), community=world.community)

        assert (figures.registered, figures.active, figures.teams) == (3, 3, 2)
        assert (figures.activities, figures.participations, figures.serving) == (2, 4, 3)
        assert figures.hours == Decimal("11")  # 3 + 3 + 2.5 + 2.5
        assert figures.beneficiaries == 42  # 30 + 12
        assert figures.population == 5  # the four of the population fixture and 陈党员
        assert figures.share == pytest.approx(0.6)
        assert figures.share_display == "60%"

    def test_half_a_year(self, world, volunteers):
        figures = volunteer_figures(start=D(2026, 1, 1), end=D(2026, 6, 30), community=world.community)

        assert (figures.activities, figures.participations, figures.serving) == (1, 2, 2)
        assert (figures.hours, figures.beneficiaries) == (Decimal("6"), 30)

    def test_an_inactive_volunteer_is_registered_but_not_active(self, world, volunteers):
        volunteers.li.is_active = False
        volunteers.li.save()
        figures = volunteer_figures(start=D(2026, 1, 1), end=D(2026, 12, 31), community=world.community)
        assert (figures.registered, figures.active) == (3, 2)

    def test_an_empty_period(self, world, volunteers):
        figures = volunteer_figures(start=D(2024, 1, 1), end=D(2024, 12, 31), community=world.community)

        assert (figures.registered, figures.active, figures.teams) == (0, 0, 2)
        assert (figures.activities, figures.participations, figures.serving) == (0, 0, 0)
        assert (figures.hours, figures.beneficiaries) == (Decimal(0), 0)
        assert figures.share == 0

    def test_no_population_has_no_share(self, world, volunteers):
        figures = volunteer_figures(start=D(2026, 1, 1), end=D(2026, 12, 31), community=world.far_community)

        assert (figures.registered, figures.population) == (0, 0)
        assert figures.share is None
        assert figures.share_display == "—"

    def test_several_communities(self, world, volunteers):
        figures = volunteer_figures(
            start=D(2026, 1, 1), end=D(2026, 12, 31), communities=[world.community, world.other_community]
        )

        assert (figures.registered, figures.activities, figures.hours) == (4, 3, Decimal("15"))
        assert figures.population == 6
        assert figures.share == pytest.approx(4 / 6)
