"""Figures of the records area on hand-counted fixtures, including empty periods."""

from __future__ import annotations

from decimal import Decimal

import pytest

from safety.models.records import (
    IncidentKind,
    InspectionSchedule,
    InspectionTargetKind,
    LegalEducationFormat,
    PatrolFinding,
    PetitionLevel,
    PetitionSubject,
)
from safety.selectors.records import (
    incident_counts,
    inspection_figures,
    inspection_overdue,
    legal_education_figures,
    months_between,
    patrol_figures,
    petition_figures,
    police_figures,
    police_officer_months,
)
from safety.services.records import incident_year_confirm, inspection_rectify, petition_close
from tests.safety.records_fixtures import (
    D,
    incident,
    inspect,
    member,
    officer,
    patrol,
    petition,
    session,
    target,
    team,
    visit,
)

pytestmark = pytest.mark.django_db

MARCH = {"start": D(2026, 3, 1), "end": D(2026, 3, 31)}
JANUARY = {"start": D(2026, 1, 1), "end": D(2026, 1, 31)}


def test_months_between_covers_every_touched_month():
    assert months_between(D(2026, 1, 31), D(2026, 3, 1)) == [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]
    assert months_between(D(2026, 12, 5), D(2027, 1, 2)) == [D(2026, 12, 1), D(2027, 1, 1)]


class TestPatrolFigures:
    @pytest.fixture
    def patrols(self, world):
        head = world.head
        squad = team(head)
        a, b, c = (member(head, squad, name=name) for name in ("甲", "乙", "丙"))
        patrol(head, squad, D(2026, 3, 2), (20, 0), (22, 0), members=[a, b])  # 2 h × 2
        patrol(
            head, squad, D(2026, 3, 10), (22, 0), (2, 0), members=[a, b, c], findings=PatrolFinding.SUSPICIOUS, note="x"
        )
        patrol(
            head, squad, D(2026, 3, 31), (8, 0), (8, 30), findings=PatrolFinding.HAZARD, note="井盖缺失"
        )  # nobody listed
        patrol(head, squad, D(2026, 4, 1), (8, 0), (9, 0), members=[a])  # April
        theirs = team(world.other_head, name="朵亩义务巡逻队")
        patrol(
            world.other_head,
            theirs,
            D(2026, 3, 15),
            (19, 0),
            (22, 0),
            members=[member(world.other_head, theirs, name="丁")],
        )

    def test_hand_counted_month(self, world, patrols):
        figures = patrol_figures(community=world.community, **MARCH)
        assert figures.patrols == 3
        assert figures.hours == Decimal("6.50")  # 2 + 4 (past midnight) + 0.5
        assert figures.person_hours == Decimal("16.00")  # 2×2 + 4×3 + 0.5×0
        assert figures.by_findings == {"none": 1, "suspicious": 1, "hazard": 1, "dispute": 0, "case": 0}
        assert figures.with_findings == 2

    def test_several_communities(self, world, patrols):
        figures = patrol_figures(communities=[world.community, world.other_community], **MARCH)
        assert (figures.patrols, figures.hours, figures.person_hours) == (4, Decimal("9.50"), Decimal("19.00"))

    def test_empty_period(self, world, patrols):
        figures = patrol_figures(community=world.community, **JANUARY)
        assert (figures.patrols, figures.hours, figures.person_hours, figures.with_findings) == (0, 0, 0, 0)


class TestPoliceFigures:
    @pytest.fixture
    def police(self, world):
        head = world.head
        zhou = officer(head)
        for day in (5, 12, 19, 26):
            visit(head, zhou, D(2026, 3, day), "8")
        visit(head, zhou, D(2026, 4, 2), "6")
        late = officer(head, name="新警官", assigned_from=D(2026, 3, 10))
        visit(head, late, D(2026, 3, 11), "4")
        return zhou, late

    def test_hours_per_officer_and_month(self, world, police):
        zhou, late = police
        figures = police_figures(community=world.community, start=D(2026, 3, 1), end=D(2026, 4, 30))
        assert figures.by_officer_month == {
            (zhou.pk, D(2026, 3, 1)): Decimal(32),
            (zhou.pk, D(2026, 4, 1)): Decimal(6),
            (late.pk, D(2026, 3, 1)): Decimal(4),
        }
        assert (figures.officers, figures.hours, figures.months) == (2, Decimal(42), 2)
        assert figures.hours_per_month == Decimal("21.0")

    def test_the_officer_page_months_newest_first_within_the_assignment(self, police):
        zhou, late = police
        months = police_officer_months(officer=zhou, last_month=D(2026, 4, 15), count=3)
        assert [(m.month, m.hours, m.met) for m in months] == [
            (D(2026, 4, 1), Decimal(6), False),
            (D(2026, 3, 1), Decimal(32), True),
            (D(2026, 2, 1), Decimal(0), False),
        ]
        assert [m.month for m in police_officer_months(officer=late, last_month=D(2026, 4, 15), count=12)] == [
            D(2026, 4, 1),
            D(2026, 3, 1),
        ]

    def test_empty_period(self, world, police):
        figures = police_figures(community=world.community, **JANUARY)
        assert (figures.officers, figures.hours, figures.by_officer_month) == (0, 0, {})
        assert figures.hours_per_month == Decimal("0.0")


class TestLegalEducationFigures:
    @pytest.fixture
    def sessions(self, world):
        head = world.head
        session(head, D(2026, 3, 3), fmt=LegalEducationFormat.LECTURE_COURSE, count=60, materials=100)
        session(head, D(2026, 3, 15), count=30)
        session(head, D(2026, 3, 31), fmt=LegalEducationFormat.LECTURE_COURSE, count=45)
        session(head, D(2026, 5, 1), fmt=LegalEducationFormat.MATERIALS, count=0, materials=200)
        session(world.other_head, D(2026, 3, 5), count=80)

    def test_hand_counted_quarter(self, world, sessions):
        figures = legal_education_figures(community=world.community, start=D(2026, 3, 1), end=D(2026, 5, 31))
        assert (figures.sessions, figures.people_reached, figures.materials) == (4, 135, 300)
        assert (figures.courses, figures.big_courses) == (2, 1)  # the 45-person course is not a 大课 of 50
        assert [(row.month, row.sessions, row.people) for row in figures.by_month] == [
            (D(2026, 3, 1), 3, 135),
            (D(2026, 4, 1), 0, 0),
            (D(2026, 5, 1), 1, 0),
        ]
        assert figures.sessions_per_month == Decimal("1.3")

    def test_empty_period(self, world, sessions):
        figures = legal_education_figures(community=world.community, **JANUARY)
        assert (figures.sessions, figures.people_reached, figures.materials, figures.courses) == (0, 0, 0, 0)
        assert [(row.sessions, row.people) for row in figures.by_month] == [(0, 0)]


class TestInspectionFigures:
    @pytest.fixture
    def inspections(self, world):
        head = world.head
        hydrant = target(head)
        inspect(head, hydrant, D(2026, 3, 2))
        closed = inspect(head, hydrant, D(2026, 3, 5), hazard=True, deadline=D(2026, 3, 12))
        inspection_rectify(actor=head, inspection=closed, rectified_on=D(2026, 3, 10), note="已清理")
        late = inspect(head, hydrant, D(2026, 3, 20), hazard=True, deadline=D(2026, 3, 25))
        inspection_rectify(actor=head, inspection=late, rectified_on=D(2026, 4, 5), note="已更换")
        still_open = inspect(head, hydrant, D(2026, 3, 28), hazard=True, deadline=D(2026, 4, 10))
        february = inspect(head, hydrant, D(2026, 2, 20), hazard=True, deadline=D(2026, 2, 27))
        shop = target(
            head, name="岔河小卖部", kind=InspectionTargetKind.SMALL_SHOP, schedule=InspectionSchedule.QUARTERLY
        )
        inspect(head, shop, D(2026, 4, 2))
        target(head, name="村委会大院", kind=InspectionTargetKind.COMPOUND, schedule=InspectionSchedule.IRREGULAR)
        target(head, name="老粮站", kind=InspectionTargetKind.COMPOUND, is_active=False)
        key_unit = target(head, name="箐口完全小学", kind=InspectionTargetKind.KEY_UNIT)
        return {"hydrant": hydrant, "key_unit": key_unit, "still_open": still_open, "february": february}

    def test_hand_counted_month(self, world, inspections):
        figures = inspection_figures(community=world.community, **MARCH)
        assert (figures.inspections, figures.hazards_found, figures.hazards_closed) == (4, 3, 1)
        assert figures.rectification_rate == pytest.approx(1 / 3)
        # At 31 March: the hazard of 20 March (deadline 25 March, rectified only on 5 April) and February's.
        assert figures.overdue == 2

    def test_empty_period_has_no_rate(self, world, inspections):
        figures = inspection_figures(community=world.community, **JANUARY)
        assert (figures.inspections, figures.hazards_found, figures.hazards_closed, figures.overdue) == (0, 0, 0, 0)
        assert figures.rectification_rate is None

    def test_the_overdue_list(self, world, inspections):
        from safety.models.records import Inspection, InspectionTarget

        overdue = inspection_overdue(
            targets=InspectionTarget.objects.filter(community=world.community),
            inspections=Inspection.objects.filter(community=world.community),
            today=D(2026, 4, 15),
        )
        assert [(item.target, item.period_start, item.last_inspected_on) for item in overdue.targets] == [
            (inspections["hydrant"], D(2026, 4, 1), D(2026, 3, 28)),
            (inspections["key_unit"], D(2026, 4, 1), None),
        ]
        assert overdue.hazards == [inspections["february"], inspections["still_open"]]


class TestIncidentCounts:
    @pytest.fixture
    def incidents(self, world):
        head = world.head
        incident(head, D(2026, 2, 1), kind=IncidentKind.PUBLIC_ORDER, is_major=True)
        incident(head, D(2026, 6, 1), kind=IncidentKind.PUBLIC_ORDER)
        incident(head, D(2026, 7, 1), kind=IncidentKind.FIRE)
        incident(head, D(2025, 7, 1), kind=IncidentKind.CRIMINAL)
        for kind in (IncidentKind.MAJOR_THEFT, IncidentKind.CRIMINAL):
            incident_year_confirm(actor=head, year=2026, kind=kind)
        incident_year_confirm(actor=world.other_head, year=2026, kind=IncidentKind.MAJOR_THEFT)

    def test_counts_and_confirmed_none_per_kind(self, world, incidents):
        counts = incident_counts(community=world.community, year=2026)
        assert list(counts) == list(IncidentKind.values)
        assert (counts["public_order"].count, counts["public_order"].major) == (2, 1)
        assert counts["fire"].count == 1
        assert counts["major_theft"].confirmed_none
        assert counts["criminal"].confirmed_none
        assert not counts["juvenile"].confirmed_none  # none recorded, but not confirmed
        assert counts["juvenile"].recorded_none
        assert not counts["public_order"].confirmed_none

    def test_several_communities_need_every_sign_off(self, world, incidents):
        counts = incident_counts(communities=[world.community, world.other_community], year=2026)
        assert counts["major_theft"].confirmed_none
        assert not counts["criminal"].confirmed_none

    def test_empty_year(self, world, incidents):
        counts = incident_counts(community=world.community, year=2020)
        assert all(row.count == 0 and not row.confirmed_none for row in counts.values())


class TestPetitionFigures:
    @pytest.fixture
    def petitions(self, world, population):
        head = world.head
        first = petition(head, D(2026, 3, 2), persons=[population.householder])
        petition_close(actor=head, petition=first, closed_on=D(2026, 3, 15), result="已答复")
        petition(
            head,
            D(2026, 3, 10),
            outsiders="甲、乙、丙、丁、戊、己",
            headcount=6,
            level_reached=PetitionLevel.COUNTY,
            caused_by_improper_handling=True,
        )
        petition(head, D(2026, 3, 20), outsiders="庚", headcount=5, level_reached=PetitionLevel.BEIJING)
        petition(
            head,
            D(2026, 3, 25),
            persons=[population.spouse],
            outsiders="辛",
            headcount=2,
            subject=PetitionSubject.PROPERTY,
            level_reached=PetitionLevel.STREET,
        )
        petition(head, D(2026, 4, 1), outsiders="壬")
        petition(world.other_head, D(2026, 3, 5), persons=[population.outsider])

    def test_hand_counted_month(self, world, petitions):
        figures = petition_figures(community=world.community, **MARCH)
        assert (figures.received, figures.collective, figures.skip_level, figures.improper, figures.closed) == (
            4,
            2,
            2,
            1,
            1,
        )
        assert figures.by_subject == {"demolition": 3, "property": 1}

    def test_empty_period(self, world, petitions):
        figures = petition_figures(community=world.community, **JANUARY)
        assert (figures.received, figures.collective, figures.skip_level, figures.improper, figures.closed) == (
            0,
            0,
            0,
            0,
            0,
        )
        assert figures.by_subject == {}
