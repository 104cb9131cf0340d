"""Fixtures of the mediation area: a committee in the home community of the ``world`` (the mediator
user as 主任, a resident as 委员, an outsider as 民调信息员), one in the neighbouring community, and
dispute cases opened through the services.

Dates are in the past of any clock these tests run on (2026-03 to 2026-05), and never "today".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from safety.models.mediation import (
    CommitteeMember,
    CommitteeRole,
    DisputeCase,
    DisputeKind,
    DisputeSource,
    DisputeStatus,
    MemberBackground,
    PartyRole,
)
from safety.services.mediation import (
    PartyData,
    committee_member_save,
    dispute_close,
    dispute_open,
    dispute_session_record,
)

RECEIVED = datetime.date(2026, 3, 2)


def open_case(actor, applicant, respondent, *, received_on=RECEIVED, kind=DisputeKind.NEIGHBOUR, **fields):
    def party(role, who):
        if isinstance(who, str):
            return PartyData(role=role, name=who, phone="13900000000", address="外地")
        return PartyData(role=role, person=who)

    return dispute_open(
        actor=actor,
        case=DisputeCase(
            kind=kind,
            source=fields.pop("source", DisputeSource.APPLICATION),
            received_on=received_on,
            summary=fields.pop("summary", "两家因院墙滴水发生争执。"),
            **fields,
        ),
        parties=[party(PartyRole.APPLICANT, applicant), party(PartyRole.RESPONDENT, respondent)],
    )


def record_session(actor, case, member, on=datetime.date(2026, 3, 5)):
    return dispute_session_record(
        actor=actor, case=case, held_on=on, place="社区调解室", mediators=[member], summary="双方陈述,释法说理。"
    )


def close_success(actor, case, on=datetime.date(2026, 3, 10)):
    return dispute_close(
        actor=actor,
        case=case,
        outcome=DisputeStatus.SUCCESS,
        closed_on=on,
        agreement_terms="被申请方于三月底前加装雨水槽,申请方不再追究。",
        performance="被申请方自行施工,2026年3月31日前完成。",
        signed_on=on,
    )


@dataclass
class Mediation:
    director: CommitteeMember  # the mediator user, 主任
    resident_member: CommitteeMember  # 李秀英, 委员
    informant: CommitteeMember  # an outsider, 民调信息员
    former: CommitteeMember  # left the committee in 2025
    other_member: CommitteeMember  # of the neighbouring community
    case: DisputeCase  # 张建国 against 王芳, 受理, group_a
    other_case: DisputeCase  # in the neighbouring community


@pytest.fixture
def mediation(world, population) -> Mediation:
    actor = world.superuser

    def member(community, **fields):
        return committee_member_save(
            actor=actor,
            member=CommitteeMember(community=community, start_on=datetime.date(2024, 1, 1), **fields),
        )

    director = member(
        world.community,
        user=world.mediator,
        role=CommitteeRole.DIRECTOR,
        background=MemberBackground.COMMUNITY_DIRECTOR,
    )
    resident = member(
        world.community,
        person=population.spouse,
        role=CommitteeRole.MEMBER,
        background=MemberBackground.GROUP_LEADER,
        group=world.group_a,
    )
    informant = member(world.community, name="普建华", role=CommitteeRole.INFORMANT, group=world.group_b)
    former = member(world.community, name="何老师", role=CommitteeRole.MEMBER, end_on=datetime.date(2025, 6, 30))
    other = member(world.other_community, name="朵亩调解员", role=CommitteeRole.DIRECTOR)
    case = open_case(
        actor, population.householder, population.householder_b, community=world.community, group=world.group_a
    )
    other_case = open_case(actor, population.outsider, "外地商贩", community=world.other_community)
    return Mediation(director, resident, informant, former, other, case, other_case)
