"""The demo of residents' participation on the world (箐口 with two groups, 朵亩 with one; no staff records, so the
users are the handlers): seed 000's figures for 2026 — 落实率 96%, 处理率 98%, four regular 居务财务 disclosures,
satisfaction 96% — and a second run changes nothing."""

from __future__ import annotations

import datetime

import pytest

from committee.demo import participation as participation_demo
from committee.models.participation import (
    Disclosure,
    DisclosureItem,
    Evaluation,
    Suggestion,
    SuggestionSource,
    SuggestionStatus,
)
from committee.selectors.participation import disclosure_year, satisfaction_year, suggestion_year

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def demo(world):
    data = {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}
    participation_demo.seed(data)
    return data


def test_qingkou_suggestions_give_seed_000_s_rates(world, demo):
    year = suggestion_year(year=2026, community=world.community, as_of=D(2026, 11, 20))
    assert (year.received, year.implemented, year.declined, year.open) == (50, 48, 1, 1)
    assert (year.implementation_rate_display, year.handling_rate_display) == ("96%", "98%")
    suggestions = Suggestion.objects.filter(community=world.community)
    assert {s.group for s in suggestions} == {world.group_a, world.group_b}
    assert suggestions.filter(source=SuggestionSource.ASSEMBLY).count() == 12
    assert suggestions.filter(source=SuggestionSource.COORDINATION).count() == 10
    declined = suggestions.get(status=SuggestionStatus.DECLINED)
    assert "篮球场" in declined.content
    assert declined.decline_reason
    still_open = suggestions.get(status=SuggestionStatus.PROCESSING)
    assert (still_open.received_on, still_open.is_overdue_on(D(2026, 11, 20))) == (D(2026, 10, 12), True)
    assert all(s.implemented_on <= D(2026, 11, 20) for s in suggestions.filter(status=SuggestionStatus.IMPLEMENTED))
    # Without staff records the users do the work: the grid worker handles group_a's matters.
    handled = suggestions.filter(group=world.group_a, category="facilities", handler_user__isnull=False)
    assert {s.handler_user for s in handled} == {world.grid_worker}
    assert {s.recorded_by for s in suggestions} == {world.worker}


def test_qingkou_publishes_four_times_in_2026(world, demo):
    year = disclosure_year(year=2026, community=world.community)
    assert (year.regular, year.met) == (4, True)
    assert year.by_kind == {"affairs": 0, "finance": 0, "affairs_finance": 4, "party": 1}
    first = Disclosure.objects.get(community=world.community, year=2025, quarter=4)
    assert first.published_on == D(2026, 1, 9)
    assert DisclosureItem.objects.filter(disclosure=first, title="抗旱救灾贫困户资金发放").get().amount == 50000
    assert Disclosure.objects.filter(community=world.community, reviewed_by="财务监审小组").count() == 4


def test_qingkou_satisfaction_is_96_percent(world, demo):
    year = satisfaction_year(year=2026, community=world.community)
    assert (year.committee.evaluations, year.committee.responses) == (2, 100)
    assert year.committee.satisfaction_rate_display == "96%"
    assert year.cadres == []  # no staff records on the world


def test_duomu_is_smaller(world, demo):
    year = suggestion_year(year=2026, community=world.other_community)
    assert (year.received, year.implemented, year.open) == (8, 7, 1)
    assert Disclosure.objects.filter(community=world.other_community).count() == 2
    assert Evaluation.objects.filter(community=world.other_community).count() == 1


def test_seeding_twice_changes_nothing(world, demo):
    def counts():
        return tuple(model.objects.count() for model in (Suggestion, Disclosure, DisclosureItem, Evaluation))

    before = counts()
    participation_demo.seed(demo)
    assert counts() == before
