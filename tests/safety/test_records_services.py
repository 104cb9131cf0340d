"""Services of the records area: happy paths, every refused action with its Chinese message, and nothing
written when refused."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from safety.models.records import (
    Incident,
    IncidentKind,
    IncidentStatus,
    IncidentYearConfirmation,
    Inspection,
    InspectionResult,
    InspectionSchedule,
    InspectionTarget,
    InspectionTargetKind,
    LegalEducationFormat,
    PatrolFinding,
    PatrolMemberRole,
    PatrolRecord,
    PatrolTeamMember,
    Petition,
    PetitionLevel,
    PetitionStatus,
    PetitionStep,
    PoliceVisit,
    patrol_hours,
)
from safety.services.records import (
    incident_close,
    incident_year_confirm,
    inspection_escalate,
    inspection_rectify,
    inspection_target_save,
    petition_close,
    petition_step_add,
    petition_transfer,
    petition_update,
    police_officer_save,
)
from tests.safety import records_fixtures
from tests.safety.records_fixtures import (
    D,
    incident,
    inspect,
    member,
    patrol,
    petition,
    session,
    target,
    team,
    visit,
)

pytestmark = pytest.mark.django_db

records = records_fixtures.records


def _time(hour, minute=0):
    return datetime.time(hour, minute)


#
# Patrols
#


class TestPatrols:
    @pytest.mark.parametrize(
        ("start", "end", "hours"),
        [
            ((20, 0), (22, 30), "2.50"),
            ((22, 0), (2, 0), "4.00"),
            ((23, 45), (0, 5), "0.33"),
            ((8, 0), (7, 59), "23.98"),
        ],
    )
    def test_hours_come_from_start_and_end_crossing_midnight(self, start, end, hours):
        assert patrol_hours(_time(*start), _time(*end)) == Decimal(hours)

    def test_a_patrol_records_its_members_groups_and_community(self, world, records):
        record = records.patrol
        assert record.community == world.community
        assert set(record.members_present.all()) == {records.leader, records.volunteer}
        assert list(record.groups.all()) == [world.group_a]
        assert record.history.count() >= 1

    def test_a_member_of_another_team_is_refused(self, world, records):
        other = team(world.head, name="党员巡逻队")
        stranger = member(world.head, other, name="王五")
        with pytest.raises(ValidationError, match="参加队员必须是该队伍的队员"):
            patrol(world.head, records.team, D(2026, 6, 1), members=[stranger])
        assert PatrolRecord.objects.count() == 1

    def test_a_group_of_another_community_is_refused(self, world, records):
        with pytest.raises(ValidationError, match="只能选择本社区的居民小组"):
            patrol(world.head, records.team, D(2026, 6, 1), groups=[world.other_group])
        assert PatrolRecord.objects.count() == 1

    def test_a_finding_needs_a_note_and_start_and_end_differ(self, world, records):
        with pytest.raises(ValidationError, match="发现情况时请说明具体情况"):
            patrol(world.head, records.team, D(2026, 6, 1), findings=PatrolFinding.SUSPICIOUS)
        with pytest.raises(ValidationError, match="结束时间不能与开始时间相同"):
            patrol(world.head, records.team, D(2026, 6, 1), start=(20, 0), end=(20, 0))
        assert PatrolRecord.objects.count() == 1

    def test_a_patrol_cannot_be_dated_in_the_future(self, world, records):
        with pytest.raises(ValidationError, match="巡逻日期不能晚于今天"):
            patrol(world.head, records.team, datetime.date.today() + datetime.timedelta(days=1))  # noqa: DTZ011

    def test_a_team_of_another_community_is_refused(self, world, records):
        with pytest.raises(PermissionDenied):
            patrol(world.head, records.other_team, D(2026, 6, 1))
        assert PatrolRecord.objects.count() == 1

    def test_a_member_is_a_person_or_a_name(self, world, records):
        with pytest.raises(ValidationError, match="请选择居民或填写姓名"):
            member(world.head, records.team, name="  ")
        assert records.team.members.count() == 2

    def test_a_person_joins_a_team_once_and_a_team_has_one_leader(self, world, population, records):
        with pytest.raises(ValidationError, match="张建国已是该队队员"):
            member(world.head, records.team, person=population.householder)
        with pytest.raises(ValidationError, match="该队伍已有队长"):
            member(world.head, records.team, person=population.son, role=PatrolMemberRole.LEADER)
        assert records.team.members.count() == 2

    def test_a_person_outside_the_scope_cannot_join(self, world, population, records):
        with pytest.raises(PermissionDenied):
            member(world.head, records.team, person=population.outsider)
        assert not PatrolTeamMember.objects.filter(person=population.outsider).exists()


#
# Police liaison
#


class TestPolice:
    def test_a_visit_outside_the_assignment_is_refused(self, world, records):
        with pytest.raises(ValidationError, match="日期不在该民警联系本社区的期间内"):
            visit(world.head, records.officer, D(2024, 12, 31), "2")
        assert PoliceVisit.objects.count() == 1

    @pytest.mark.parametrize(("hours", "message"), [("25", "一天不能超过24小时"), ("0.2", "时数至少0.5小时")])
    def test_hours_are_bounded(self, world, records, hours, message):
        with pytest.raises(ValidationError, match=message):
            visit(world.head, records.officer, D(2026, 6, 1), hours)
        assert PoliceVisit.objects.count() == 1

    def test_an_assignment_cannot_end_before_a_recorded_visit(self, world, records):
        records.officer.assigned_to = D(2026, 5, 1)
        with pytest.raises(ValidationError, match=r"截止日期之后还有下社区记录\(2026-05-06\)"):
            police_officer_save(actor=world.head, officer=records.officer)
        records.officer.refresh_from_db()
        assert records.officer.assigned_to is None

    def test_a_new_officer_gets_the_actor_s_community_and_the_32_hour_target(self, world, records):
        assert records.officer.community == world.community
        assert records.officer.monthly_target_hours == 32


#
# Legal education
#


class TestLegalEducation:
    def test_a_course_needs_its_audience_count(self, world, records):
        with pytest.raises(ValidationError, match="法律大课和讲座请填写参加人数"):
            session(world.head, D(2026, 6, 1), fmt=LegalEducationFormat.LECTURE_COURSE, count=0)

    def test_audiences_are_from_the_list(self, world, records):
        records.session.audiences = ["residents", "aliens"]
        from safety.services.records import legal_education_session_save

        with pytest.raises(ValidationError, match="对象只能从党员、干部、居民、青少年、流动人口中选择"):
            legal_education_session_save(actor=world.head, session=records.session)

    def test_a_board_needs_no_count(self, world, records):
        board = session(world.head, D(2026, 6, 1), fmt=LegalEducationFormat.BOARD, count=0)
        assert board.audience_labels == ["居民", "青少年"]


#
# Hazard inspections
#


class TestInspections:
    def test_a_hazard_needs_its_deadline_description_and_severity(self, world, records):
        inspection = Inspection(date=D(2026, 6, 1), result=InspectionResult.HAZARD)
        from safety.services.records import inspection_record

        with pytest.raises(ValidationError) as caught:
            inspection_record(actor=world.head, target=records.target, inspection=inspection)
        assert caught.value.message_dict == {
            "hazard_description": ["发现隐患时请描述隐患。"],
            "severity": ["发现隐患时请选择隐患等级。"],
            "deadline": ["发现隐患时须规定整改期限。"],
        }
        assert Inspection.objects.count() == 1

    def test_a_deadline_is_not_before_the_inspection(self, world, records):
        with pytest.raises(ValidationError, match="整改期限不能早于检查日期"):
            inspect(world.head, records.target, D(2026, 6, 10), hazard=True, deadline=D(2026, 6, 9))

    def test_a_clear_inspection_carries_no_hazard(self, world, records):
        inspection = Inspection(date=D(2026, 6, 1), result=InspectionResult.CLEAR, deadline=D(2026, 6, 9))
        from safety.services.records import inspection_record

        with pytest.raises(ValidationError, match="检查结果为无隐患时不能填写隐患、整改或上报信息"):
            inspection_record(actor=world.head, target=records.target, inspection=inspection)

    def test_an_inspection_takes_its_target_s_community_and_group(self, world, records):
        assert (records.inspection.community, records.inspection.group) == (world.community, world.group_a)

    def test_a_stopped_target_is_not_inspected(self, world, records):
        records.target.is_active = False
        inspection_target_save(actor=world.head, target=records.target)
        with pytest.raises(ValidationError, match="该检查对象已停止检查"):
            inspect(world.head, records.target, D(2026, 6, 1))
        assert Inspection.objects.count() == 1

    def test_hydrants_and_key_units_are_inspected_monthly(self, world, records):
        with pytest.raises(ValidationError, match="消防栓和重点单位须每月检查"):
            target(
                world.head,
                name="箐口完全小学",
                kind=InspectionTargetKind.KEY_UNIT,
                schedule=InspectionSchedule.QUARTERLY,
            )
        shop = target(
            world.head, name="岔河小卖部", kind=InspectionTargetKind.SMALL_SHOP, schedule=InspectionSchedule.QUARTERLY
        )
        assert shop.schedule == InspectionSchedule.QUARTERLY

    def test_a_unit_of_another_community_cannot_be_linked(self, world, records):
        with pytest.raises(PermissionDenied):
            target(world.head, name="朵亩小学", kind=InspectionTargetKind.KEY_UNIT, resident_unit=world.other_unit)
        with pytest.raises(ValidationError, match="只能关联本社区的记录"):
            target(
                world.superuser,
                name="朵亩小学",
                kind=InspectionTargetKind.KEY_UNIT,
                resident_unit=world.other_unit,
                community=world.community,
            )
        assert not InspectionTarget.objects.filter(name="朵亩小学").exists()

    def test_a_rental_target_takes_the_rental_s_group(self, world, population, records):
        rental = target(world.head, name="岔河村8号", kind=InspectionTargetKind.RENTAL, rental=population.rental)
        assert rental.group == world.group_b

    def test_closing_a_hazard(self, world, records):
        closed = inspection_rectify(
            actor=world.head, inspection=records.inspection, rectified_on=D(2026, 5, 20), note=" 已清理杂物 "
        )
        assert (closed.rectified_on, closed.rectification_note) == (D(2026, 5, 20), "已清理杂物")
        assert closed.history.first().history_change_reason == "整改完成"
        assert closed.hazard_state(D(2026, 6, 1)) == "已整改"

    def test_closing_needs_a_date_not_before_the_inspection(self, world, records):
        with pytest.raises(ValidationError, match=r"整改完成日期不能早于检查日期\(2026-05-03\)"):
            inspection_rectify(actor=world.head, inspection=records.inspection, rectified_on=D(2026, 5, 2), note="x")
        records.inspection.refresh_from_db()
        assert records.inspection.rectified_on is None

    def test_closing_needs_a_note_and_no_future_date(self, world, records):
        with pytest.raises(ValidationError, match="请填写整改情况"):
            inspection_rectify(actor=world.head, inspection=records.inspection, rectified_on=D(2026, 5, 20), note=" ")
        tomorrow = datetime.date.today() + datetime.timedelta(days=1)  # noqa: DTZ011
        with pytest.raises(ValidationError, match="整改完成日期不能晚于今天"):
            inspection_rectify(actor=world.head, inspection=records.inspection, rectified_on=tomorrow, note="x")

    def test_a_hazard_is_closed_once_and_a_clear_inspection_never(self, world, records):
        inspection_rectify(actor=world.head, inspection=records.inspection, rectified_on=D(2026, 5, 20), note="已整改")
        with pytest.raises(ValidationError, match="该隐患已于2026-05-20整改完成"):
            inspection_rectify(actor=world.head, inspection=records.inspection, rectified_on=D(2026, 5, 21), note="x")
        clear = inspect(world.head, records.target, D(2026, 6, 1))
        with pytest.raises(ValidationError, match="该次检查未发现隐患,无需整改"):
            inspection_rectify(actor=world.head, inspection=clear, rectified_on=D(2026, 6, 2), note="x")

    def test_escalating_a_hazard(self, world, records):
        escalated = inspection_escalate(
            actor=world.head, inspection=records.inspection, escalated_on=D(2026, 5, 12), escalated_to="街道安监站"
        )
        assert (escalated.escalated_on, escalated.escalated_to) == (D(2026, 5, 12), "街道安监站")
        with pytest.raises(ValidationError, match="该隐患已于2026-05-12上报街道安监站"):
            inspection_escalate(
                actor=world.head, inspection=records.inspection, escalated_on=D(2026, 5, 13), escalated_to="消防大队"
            )
        other = inspect(world.head, records.target, D(2026, 6, 1), hazard=True)
        with pytest.raises(ValidationError, match="请填写上报单位"):
            inspection_escalate(actor=world.head, inspection=other, escalated_on=D(2026, 6, 2), escalated_to=" ")

    def test_an_outsider_cannot_close_the_hazard(self, world, records):
        with pytest.raises(PermissionDenied):
            inspection_rectify(
                actor=world.other_head, inspection=records.inspection, rectified_on=D(2026, 5, 20), note="x"
            )
        records.inspection.refresh_from_db()
        assert records.inspection.rectified_on is None


#
# Incidents and the year's sign-offs
#


class TestIncidents:
    def test_the_head_confirms_a_year_free_of_a_kind(self, world, records):
        confirmation = incident_year_confirm(
            actor=world.head, year=2026, kind=IncidentKind.MAJOR_THEFT, on=D(2026, 11, 1)
        )
        assert (confirmation.community, confirmation.confirmed_by) == (world.community, world.head)
        assert confirmation.note == "经核实,本年度无此类事件。"
        assert str(confirmation) == "2026年 无重大盗窃"

    def test_only_the_head_confirms(self, world, records):
        with pytest.raises(PermissionDenied, match="只有书记/主任可以确认年度无此类事件"):
            incident_year_confirm(actor=world.mediator, year=2026, kind=IncidentKind.MAJOR_THEFT)
        assert not IncidentYearConfirmation.objects.exists()

    def test_a_kind_with_incidents_that_year_cannot_be_confirmed_none(self, world, records):
        with pytest.raises(ValidationError, match="2026年已登记治安案件1起,不能确认本年度无此类事件"):
            incident_year_confirm(actor=world.head, year=2026, kind=IncidentKind.PUBLIC_ORDER)
        assert not IncidentYearConfirmation.objects.exists()
        # The year before had none.
        incident_year_confirm(actor=world.head, year=2025, kind=IncidentKind.PUBLIC_ORDER)

    def test_a_year_is_confirmed_once_and_not_before_it_begins(self, world, records):
        incident_year_confirm(actor=world.head, year=2026, kind=IncidentKind.FIRE, on=D(2026, 11, 1))
        with pytest.raises(ValidationError, match="2026年无火灾已确认"):
            incident_year_confirm(actor=world.head, year=2026, kind=IncidentKind.FIRE, on=D(2026, 11, 2))
        with pytest.raises(ValidationError, match="2027年尚未开始,不能确认"):
            incident_year_confirm(actor=world.head, year=2027, kind=IncidentKind.FIRE, on=D(2026, 11, 2))
        assert IncidentYearConfirmation.objects.count() == 1

    def test_an_incident_recorded_later_withdraws_the_sign_off(self, world, records):
        incident_year_confirm(actor=world.head, year=2026, kind=IncidentKind.FIRE)
        incident(world.mediator, D(2026, 7, 1), kind=IncidentKind.FIRE, summary="柴草堆起火")
        assert not IncidentYearConfirmation.objects.exists()
        assert IncidentYearConfirmation.history.filter(history_type="-").count() == 1

    def test_persons_outside_the_scope_are_refused(self, world, population, records):
        with pytest.raises(PermissionDenied):
            incident(world.head, D(2026, 6, 1), persons=[population.outsider])
        assert Incident.objects.count() == 1

    def test_a_minor_is_derived_from_the_age_on_the_incident_date(self, world, population, records):
        assert records.incident.minors() == []
        old = incident(world.head, D(2010, 6, 1), kind=IncidentKind.JUVENILE, persons=[population.son])
        assert old.minors() == [population.son]

    def test_closing_an_incident(self, world, records):
        with pytest.raises(ValidationError, match="请填写处理结果"):
            incident_close(actor=world.head, incident=records.incident, outcome="  ")
        closed = incident_close(actor=world.head, incident=records.incident, outcome="双方和解,派出所调解结案。")
        assert closed.status == IncidentStatus.CLOSED
        with pytest.raises(ValidationError, match="该事件已办结"):
            incident_close(actor=world.head, incident=records.incident, outcome="再次办结")


#
# Petitions
#


class TestPetitions:
    def test_petitions_are_numbered_per_community_and_year(self, world, population, records):
        assert records.petition.number == "2026-001"
        assert records.other_petition.number == "2026-001"
        second = petition(world.head, D(2026, 6, 1), persons=[population.spouse])
        earlier_year = petition(world.head, D(2025, 12, 30), outsiders="陈某")
        assert (second.number, earlier_year.number) == ("2026-002", "2025-001")
        assert second.status == PetitionStatus.RECEIVED

    def test_collective_and_skip_level_are_derived(self, world, population, records):
        crowd = petition(
            world.head,
            D(2026, 6, 1),
            persons=[population.spouse],
            outsiders="甲、乙、丙",
            headcount=12,
            level_reached=PetitionLevel.CITY,
            caused_by_improper_handling=True,
        )
        assert crowd.is_collective
        assert crowd.is_skip_level
        assert crowd.outsiders == ["甲", "乙", "丙"]
        assert not records.petition.is_collective
        assert not records.petition.is_skip_level

    def test_the_headcount_covers_the_named_petitioners(self, world, population, records):
        with pytest.raises(ValidationError, match=r"人数不能少于所列信访人数\(3人\)"):
            petition(world.head, D(2026, 6, 1), persons=[population.spouse], outsiders="甲,乙", headcount=2)
        with pytest.raises(ValidationError, match="请填写信访人"):
            petition(world.head, D(2026, 6, 1))
        assert Petition.objects.count() == 2

    def test_improper_handling_needs_a_skip_level(self, world, population, records):
        with pytest.raises(ValidationError, match="只有越级"):
            petition(
                world.head,
                D(2026, 6, 1),
                persons=[population.spouse],
                level_reached=PetitionLevel.STREET,
                caused_by_improper_handling=True,
            )
        assert Petition.objects.count() == 2

    def test_a_dispute_case_of_another_community_cannot_be_linked(self, world, population, records):
        from tests.safety.mediation_fixtures import open_case

        theirs = open_case(world.other_head, population.outsider, "外村某")
        records.petition.dispute_case = theirs
        with pytest.raises(PermissionDenied):
            petition_update(actor=world.head, petition=records.petition, petitioners=[population.householder])
        ours = open_case(world.head, population.householder, population.householder_b)
        records.petition.dispute_case = ours
        updated = petition_update(actor=world.head, petition=records.petition, petitioners=[population.householder])
        assert updated.dispute_case == ours

    def test_a_step_moves_it_to_handling_and_closing_ends_it(self, world, records):
        step = petition_step_add(
            actor=world.mediator, petition=records.petition, date=D(2026, 5, 13), action="约谈开发商", handler=""
        )
        assert step.handler == world.mediator.display_name
        records.petition.refresh_from_db()
        assert records.petition.status == PetitionStatus.HANDLING
        with pytest.raises(ValidationError, match=r"办结日期不能早于最后一次办理日期\(2026-05-13\)"):
            petition_close(actor=world.head, petition=records.petition, closed_on=D(2026, 5, 12), result="已答复")
        with pytest.raises(ValidationError, match="请填写办理结果"):
            petition_close(actor=world.head, petition=records.petition, closed_on=D(2026, 5, 20), result=" ")
        closed = petition_close(actor=world.head, petition=records.petition, closed_on=D(2026, 5, 20), result="已答复")
        assert (closed.status, closed.closed_on) == (PetitionStatus.CLOSED, D(2026, 5, 20))

    def test_a_step_is_not_dated_before_receipt(self, world, records):
        with pytest.raises(ValidationError, match=r"办理日期不能早于受理日期\(2026-05-12\)"):
            petition_step_add(actor=world.head, petition=records.petition, date=D(2026, 5, 11), action="x", handler="")
        assert not PetitionStep.objects.exists()

    def test_a_closed_or_transferred_petition_takes_no_more_steps(self, world, population, records):
        petition_close(actor=world.head, petition=records.petition, closed_on=D(2026, 5, 20), result="已答复")
        with pytest.raises(ValidationError, match="信访件当前状态为「已办结」,不能再登记办理过程"):
            petition_step_add(actor=world.head, petition=records.petition, date=D(2026, 5, 21), action="x", handler="")
        other = petition(world.head, D(2026, 6, 1), persons=[population.spouse])
        transferred = petition_transfer(actor=world.head, petition=other, on=D(2026, 6, 2), transferred_to="街道信访办")
        assert transferred.status == PetitionStatus.TRANSFERRED
        assert transferred.steps.get().action == "转交街道信访办办理"
        with pytest.raises(ValidationError, match="信访件当前状态为「转交」,不能再办结"):
            petition_close(actor=world.head, petition=other, closed_on=D(2026, 6, 3), result="x")

    def test_a_transfer_needs_to_whom(self, world, records):
        with pytest.raises(ValidationError, match="请填写转交单位"):
            petition_transfer(actor=world.head, petition=records.petition, on=D(2026, 5, 13), transferred_to=" ")
        records.petition.refresh_from_db()
        assert records.petition.status == PetitionStatus.RECEIVED
        assert not PetitionStep.objects.exists()

    def test_an_outsider_cannot_act_on_the_petition(self, world, records):
        with pytest.raises(PermissionDenied):
            petition_step_add(
                actor=world.other_head, petition=records.petition, date=D(2026, 5, 13), action="x", handler=""
            )
        assert not PetitionStep.objects.exists()
