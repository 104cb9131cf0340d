"""The demo of the records area on the world's small population: it runs, gives seed 000's figures
(32 police hours a month, two legal-education sessions a month, the "none" sign-offs) and is idempotent.
The whole ``seed_demo`` runs in tests/residents/test_demo.py."""

from __future__ import annotations

import datetime

import pytest

from safety.demo import records as demo_records
from safety.models.records import (
    IncidentYearConfirmation,
    Inspection,
    LegalEducationSession,
    PatrolRecord,
    PatrolTeam,
    Petition,
    PoliceVisit,
)
from safety.selectors.records import (
    incident_counts,
    inspection_figures,
    inspection_overdue,
    legal_education_figures,
    petition_figures,
    police_figures,
)

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 11, 20)
YEAR = {"start": datetime.date(2026, 1, 1), "end": AS_OF}
MODELS = (PatrolTeam, PatrolRecord, PoliceVisit, LegalEducationSession, Inspection, Petition, IncidentYearConfirmation)


@pytest.fixture
def demo(world, population):
    return {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community, "as_of": AS_OF}


def history_rows():
    return sum(model.history.count() for model in MODELS)


def test_seed_gives_seed_000_s_figures(world, demo):
    demo_records.seed(demo)
    community = world.community

    teams = PatrolTeam.objects.filter(community=community)
    assert set(teams.values_list("kind", flat=True)) == {"full_time", "volunteer"}
    assert PatrolRecord.objects.filter(community=community, team__kind="full_time").count() == 46  # weekly
    police = police_figures(community=community, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 10, 31))
    assert set(police.by_officer_month.values()) == {32}
    assert police.hours_per_month == 32
    education = legal_education_figures(community=community, **YEAR)
    assert [month.sessions for month in education.by_month] == [2] * 11
    assert education.big_courses == 2
    inspections = inspection_figures(community=community, **YEAR)
    assert (inspections.hazards_found, inspections.hazards_closed, inspections.overdue) == (2, 1, 1)
    counts = incident_counts(community=community, year=2026)
    for kind in ("major_theft", "criminal", "juvenile", "domestic_violence", "mass"):
        assert counts[kind].confirmed_none, kind
    assert IncidentYearConfirmation.objects.filter(confirmed_by=world.head).count() == 6
    petitions = petition_figures(community=community, **YEAR)
    assert (petitions.received, petitions.skip_level, petitions.improper) == (4, 0, 0)
    assert PatrolTeam.objects.filter(community=world.other_community).exists()


def test_the_overdue_list_has_the_unfinished_round_and_the_late_hazard(world, demo):
    from safety.models.records import InspectionTarget

    demo_records.seed(demo)
    overdue = inspection_overdue(
        targets=InspectionTarget.objects.filter(community=world.community),
        inspections=Inspection.objects.filter(community=world.community),
        today=AS_OF,
    )
    assert [item.target.name for item in overdue.targets] == ["桃树箐消防栓", "陡咀消防栓"]
    assert [inspection.target.name for inspection in overdue.hazards] == ["岔河小卖部"]


def test_running_the_seed_twice_changes_nothing(demo):
    demo_records.seed(demo)
    before = history_rows()

    demo_records.seed(demo)

    assert history_rows() == before


def test_the_area_is_seeded_by_seed_demo():
    from safety.demo import AREAS

    assert "records" in AREAS
