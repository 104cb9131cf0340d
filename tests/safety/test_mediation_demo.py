"""The demo of 人民调解 (seed 000's committee and rates), on the world's small population: it runs, gives
seed 000's figures and is idempotent. The whole ``seed_demo`` runs in tests/residents/test_demo.py."""

from __future__ import annotations

import pytest

from safety.demo import mediation as demo_mediation
from safety.models.mediation import CommitteeMember, DisputeCase, DisputeKind, FollowUp, MediationSession
from safety.selectors.mediation import dispute_figures, year_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(world, population):
    return {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}


def history_rows():
    return sum(model.history.count() for model in (CommitteeMember, DisputeCase, FollowUp))


def test_seed_builds_a_29_member_committee_and_seed_000_s_rates(world, demo):
    demo_mediation.seed(demo)

    committee = CommitteeMember.objects.filter(community=world.community)
    assert committee.count() == 29
    assert committee.get(role="director").user == world.head
    assert committee.filter(role="deputy", user=world.mediator).exists()
    assert committee.filter(role="informant").count() == 2  # one per group of the world

    figures = dispute_figures(community=world.community, start=year_period(2026)[0], end=year_period(2026)[1])
    assert (figures.received, figures.mediated, figures.successful) == (10, 10, 9)
    assert (figures.mediation_rate_display, figures.success_rate_display) == ("100%", "90%")
    assert figures.by_kind[DisputeKind.NEIGHBOUR].received == 5
    assert DisputeCase.objects.filter(community=world.community).count() == 12
    assert FollowUp.objects.filter(community=world.community, done_on__isnull=True).count() == 2
    assert DisputeCase.objects.filter(community=world.community).exclude(court="").count() == 1
    assert DisputeCase.objects.filter(community=world.other_community).count() == 2


def test_running_the_seed_twice_changes_nothing(demo):
    demo_mediation.seed(demo)
    before = (history_rows(), MediationSession.objects.count())

    demo_mediation.seed(demo)

    assert (history_rows(), MediationSession.objects.count()) == before


def test_the_area_is_seeded_by_seed_demo():
    from safety.demo import AREAS

    assert "mediation" in AREAS
