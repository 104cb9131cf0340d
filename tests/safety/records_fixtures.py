"""Fixtures of the records area: in the home community of the ``world`` a patrol team with members, one
patrol, a police officer with a visit, a legal-education session, an inspection target with a hazard
found, an incident involving the son (张伟) and a petition; a few rows in the neighbouring community.

Dates lie in 2026 before November, in the past of the clock these tests run on, and never "today".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from safety.models.records import (
    Audience,
    HazardSeverity,
    Incident,
    IncidentKind,
    IncidentSource,
    Inspection,
    InspectionResult,
    InspectionTarget,
    InspectionTargetKind,
    LegalEducationFormat,
    LegalEducationSession,
    PatrolFinding,
    PatrolMemberRole,
    PatrolRecord,
    PatrolTeam,
    PatrolTeamKind,
    PatrolTeamMember,
    Petition,
    PetitionChannel,
    PetitionSubject,
    PoliceOfficer,
    PoliceVisit,
    PoliceVisitPurpose,
)
from safety.services.records import (
    incident_save,
    inspection_record,
    inspection_target_save,
    legal_education_session_save,
    patrol_record_save,
    patrol_team_member_save,
    patrol_team_save,
    petition_receive,
    police_officer_save,
    police_visit_save,
)

D = datetime.date


def team(actor, name="箐口专职巡逻队", kind=PatrolTeamKind.FULL_TIME, community=None) -> PatrolTeam:
    return patrol_team_save(actor=actor, team=PatrolTeam(kind=kind, name=name, community=community))


def member(actor, team_, *, person=None, name="", role=PatrolMemberRole.MEMBER) -> PatrolTeamMember:
    return patrol_team_member_save(
        actor=actor, team=team_, member=PatrolTeamMember(person=person, name=name, role=role)
    )


def patrol(actor, team_, on, start=(20, 0), end=(22, 0), members=(), groups=(), findings=PatrolFinding.NONE, note=""):
    record = PatrolRecord(
        team=team_,
        date=on,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        findings=findings,
        finding_note=note,
        route="寨子—岔河",
    )
    return patrol_record_save(actor=actor, record=record, groups=groups, members_present=members)


ASSIGNED_FROM = D(2025, 1, 1)


def officer(actor, name="周警官", community=None, assigned_from=ASSIGNED_FROM) -> PoliceOfficer:
    return police_officer_save(
        actor=actor,
        officer=PoliceOfficer(name=name, station="团结派出所", assigned_from=assigned_from, community=community),
    )


def visit(actor, officer_, on, hours) -> PoliceVisit:
    return police_visit_save(
        actor=actor,
        officer=officer_,
        visit=PoliceVisit(date=on, hours=Decimal(hours), purpose=PoliceVisitPurpose.VISIT),
    )


def session(actor, on, *, fmt=LegalEducationFormat.TALK, count=30, materials=0, community=None):
    return legal_education_session_save(
        actor=actor,
        session=LegalEducationSession(
            community=community,
            date=on,
            format=fmt,
            topic="禁毒知识讲座",
            audiences=[Audience.RESIDENTS, Audience.YOUTH],
            audience_count=count,
            materials_distributed=materials,
        ),
    )


def target(actor, name="寨子1号消防栓", kind=InspectionTargetKind.HYDRANT, **fields) -> InspectionTarget:
    return inspection_target_save(actor=actor, target=InspectionTarget(kind=kind, name=name, **fields))


def inspect(actor, target_, on, *, hazard=False, deadline=None, inspectors=()) -> Inspection:
    inspection = Inspection(date=on, result=InspectionResult.HAZARD if hazard else InspectionResult.CLEAR)
    if hazard:
        inspection.hazard_description = "消防栓被杂物遮挡"
        inspection.severity = HazardSeverity.ORDINARY
        inspection.deadline = deadline or on + datetime.timedelta(days=7)
    return inspection_record(actor=actor, target=target_, inspection=inspection, inspectors=inspectors)


def incident(actor, on, kind=IncidentKind.PUBLIC_ORDER, persons=(), community=None, **fields) -> Incident:
    return incident_save(
        actor=actor,
        incident=Incident(
            community=community,
            date=on,
            kind=kind,
            source=fields.pop("source", IncidentSource.POLICE),
            summary=fields.pop("summary", "两村民酒后打架,派出所出警处理。"),
            **fields,
        ),
        persons=persons,
    )


def petition(actor, on, *, persons=(), outsiders="", headcount=1, community=None, **fields) -> Petition:
    return petition_receive(
        actor=actor,
        petition=Petition(
            community=community,
            received_on=on,
            channel=fields.pop("channel", PetitionChannel.VISIT),
            subject=fields.pop("subject", PetitionSubject.DEMOLITION),
            description=fields.pop("description", "反映城中村改造补偿标准问题。"),
            outsider_names=outsiders,
            headcount=headcount,
            **fields,
        ),
        petitioners=persons,
    )


@dataclass
class Records:
    team: PatrolTeam
    leader: PatrolTeamMember  # 张建国, 队长
    volunteer: PatrolTeamMember  # an outsider by name
    patrol: PatrolRecord
    officer: PoliceOfficer
    police_visit: PoliceVisit
    session: LegalEducationSession
    target: InspectionTarget
    inspection: Inspection  # a hazard, deadline passed, open
    incident: Incident  # involves 张伟
    petition: Petition
    other_team: PatrolTeam
    other_petition: Petition


@pytest.fixture
def records(world, population) -> Records:
    head = world.head
    team_ = team(head)
    leader = member(head, team_, person=population.householder, role=PatrolMemberRole.LEADER)
    volunteer = member(head, team_, name="杨志勇")
    patrol_ = patrol(head, team_, D(2026, 5, 4), members=[leader, volunteer], groups=[world.group_a])
    officer_ = officer(head)
    visit_ = visit(head, officer_, D(2026, 5, 6), "8")
    target_ = target(head, group=world.group_a)
    inspection_ = inspect(head, target_, D(2026, 5, 3), hazard=True, deadline=D(2026, 5, 10))
    other_team = team(world.other_head, name="朵亩义务巡逻队", kind=PatrolTeamKind.VOLUNTEER)
    return Records(
        team=team_,
        leader=leader,
        volunteer=volunteer,
        patrol=patrol_,
        officer=officer_,
        police_visit=visit_,
        session=session(head, D(2026, 5, 8)),
        target=target_,
        inspection=inspection_,
        incident=incident(head, D(2026, 4, 2), persons=[population.son], group=world.group_a),
        petition=petition(head, D(2026, 5, 12), persons=[population.householder], outsiders="刘某", headcount=2),
        other_team=other_team,
        other_petition=petition(world.other_head, D(2026, 5, 12), persons=[population.outsider]),
    )
