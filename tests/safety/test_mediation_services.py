"""Services of 人民调解: the committee, opening a dispute, sessions and the status machine, follow-ups and
司法确认 — happy paths, every refused transition with its Chinese message, and nothing written when refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from safety.models.mediation import (
    CommitteeMember,
    CommitteeRole,
    DisputeCase,
    DisputeKind,
    DisputeSource,
    DisputeStatus,
    FollowUp,
    MediationSession,
    PartyRole,
)
from safety.services.mediation import (
    PartyData,
    committee_member_save,
    dispute_close,
    dispute_judicial_confirmation,
    dispute_open,
    dispute_party_add,
    followup_done,
    followup_schedule,
)
from tests.safety import mediation_fixtures
from tests.safety.mediation_fixtures import RECEIVED, close_success, open_case, record_session

pytestmark = pytest.mark.django_db

mediation = mediation_fixtures.mediation


def history_count(case):
    return DisputeCase.history.filter(id=case.pk).count()


class TestCommittee:
    def test_a_member_is_a_user_a_resident_or_a_named_outsider(self, world, mediation):
        assert mediation.director.display_name == world.mediator.display_name
        assert mediation.resident_member.display_name == "李秀英"
        assert mediation.informant.display_name == "普建华"
        assert mediation.director.history.count() == 1

    def test_a_member_without_a_name_is_refused(self, world):
        with pytest.raises(ValidationError, match="请选择工作人员、填写居民身份证号,或填写姓名"):
            committee_member_save(
                actor=world.head, member=CommitteeMember(role=CommitteeRole.MEMBER, start_on=datetime.date(2026, 1, 1))
            )
        assert not CommitteeMember.objects.exists()

    def test_a_new_member_belongs_to_the_actor_s_community(self, world):
        member = committee_member_save(
            actor=world.mediator, member=CommitteeMember(name="新委员", start_on=datetime.date(2026, 1, 1))
        )
        assert member.community == world.community

    def test_a_member_of_another_community_s_staff_is_refused(self, world):
        with pytest.raises(ValidationError, match="工作人员必须是本社区的"):
            committee_member_save(
                actor=world.head, member=CommitteeMember(user=world.other_head, start_on=datetime.date(2026, 1, 1))
            )

    def test_leaving_before_joining_is_refused(self, world):
        with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
            committee_member_save(
                actor=world.head,
                member=CommitteeMember(name="甲", start_on=datetime.date(2026, 1, 1), end_on=datetime.date(2025, 1, 1)),
            )

    def test_current_members_exclude_those_who_left(self, world, mediation):
        current = CommitteeMember.objects.filter(community=world.community).current(datetime.date(2026, 1, 1))
        assert mediation.former not in current
        assert mediation.director in current


class TestDisputeOpen:
    def test_opens_numbered_with_both_parties(self, world, population, mediation):
        case = mediation.case
        assert case.number == "2026-001"
        assert case.status == DisputeStatus.RECEIVED
        assert case.community == world.community
        parties = {(party.role, party.display_name) for party in case.parties.all()}
        assert parties == {(PartyRole.APPLICANT, "张建国"), (PartyRole.RESPONDENT, "王芳")}
        assert history_count(case) == 1

    def test_numbers_run_per_community_and_year(self, world, population, mediation):
        second = open_case(world.mediator, population.son, "李某")
        earlier = open_case(world.mediator, population.son, "李某", received_on=datetime.date(2025, 12, 1))
        assert (second.number, earlier.number, mediation.other_case.number) == ("2026-002", "2025-001", "2026-001")

    def test_a_respondent_is_required(self, world, population):
        with pytest.raises(ValidationError, match="请填写被申请方当事人"):
            dispute_open(
                actor=world.mediator,
                case=DisputeCase(
                    kind=DisputeKind.NEIGHBOUR, source=DisputeSource.SCREENING, received_on=RECEIVED, summary="争执"
                ),
                parties=[PartyData(role=PartyRole.APPLICANT, person=population.householder)],
            )
        assert not DisputeCase.objects.exists()

    def test_one_person_cannot_be_on_both_sides(self, world, population):
        with pytest.raises(ValidationError, match="同一居民不能既是申请方又是被申请方"):
            open_case(world.mediator, population.householder, population.householder)
        assert not DisputeCase.objects.exists()

    def test_a_party_outside_the_scope_is_refused(self, world, population):
        with pytest.raises(PermissionDenied):
            open_case(world.mediator, population.householder, population.outsider)
        assert not DisputeCase.objects.exists()

    def test_a_future_intake_date_is_refused(self, world, population):
        with pytest.raises(ValidationError, match="受理日期不能晚于今天"):
            open_case(world.mediator, population.householder, "李某", received_on=datetime.date(2099, 1, 1))

    def test_a_party_can_be_added_while_open_only(self, world, population, mediation):
        dispute_party_add(
            actor=world.mediator, case=mediation.case, party=PartyData(role=PartyRole.RESPONDENT, person=population.son)
        )
        assert mediation.case.parties.count() == 3
        with pytest.raises(ValidationError, match="张伟已是本案当事人"):
            dispute_party_add(
                actor=world.mediator,
                case=mediation.case,
                party=PartyData(role=PartyRole.APPLICANT, person=population.son),
            )
        dispute_close(actor=world.mediator, case=mediation.case, outcome=DisputeStatus.WITHDRAWN, closed_on=RECEIVED)
        with pytest.raises(ValidationError, match="案件已当事人撤回,不能再增加当事人"):
            dispute_party_add(
                actor=world.mediator, case=mediation.case, party=PartyData(role=PartyRole.APPLICANT, name="某某")
            )


class TestSessions:
    def test_the_first_session_starts_the_mediation(self, world, mediation):
        session = record_session(world.mediator, mediation.case, mediation.director)
        case = DisputeCase.objects.get(pk=mediation.case.pk)
        assert case.status == DisputeStatus.MEDIATING
        assert list(session.mediators.all()) == [mediation.director]
        assert list(case.mediators.all()) == [mediation.director]
        assert session.recorded_by == world.mediator
        record_session(world.mediator, case, mediation.resident_member, on=datetime.date(2026, 3, 6))
        assert DisputeCase.objects.get(pk=case.pk).status == DisputeStatus.MEDIATING
        assert case.sessions.count() == 2

    def test_a_session_before_intake_is_refused(self, world, mediation):
        with pytest.raises(ValidationError, match=r"调解日期不能早于受理日期\(2026-03-02\)"):
            record_session(world.mediator, mediation.case, mediation.director, on=datetime.date(2026, 3, 1))
        assert not MediationSession.objects.exists()
        assert DisputeCase.objects.get(pk=mediation.case.pk).status == DisputeStatus.RECEIVED

    def test_a_session_needs_mediators_of_the_community(self, world, mediation):
        with pytest.raises(ValidationError, match="调解人员必须是本社区调委会成员"):
            record_session(world.mediator, mediation.case, mediation.other_member)
        assert not MediationSession.objects.exists()

    def test_a_session_of_a_closed_case_is_refused(self, world, mediation):
        record_session(world.mediator, mediation.case, mediation.director)
        close_success(world.mediator, mediation.case)
        with pytest.raises(ValidationError, match="案件已调解成功,不能再登记调解记录"):
            record_session(world.mediator, mediation.case, mediation.director, on=datetime.date(2026, 3, 12))
        assert MediationSession.objects.count() == 1

    def test_a_case_of_another_community_is_out_of_reach(self, world, mediation):
        with pytest.raises(PermissionDenied):
            record_session(world.mediator, mediation.other_case, mediation.director)
        assert not MediationSession.objects.exists()


class TestClose:
    def test_success_records_the_agreement_and_schedules_a_follow_up_in_30_days(self, world, mediation):
        record_session(world.mediator, mediation.case, mediation.director)
        case = close_success(world.mediator, mediation.case)
        assert case.status == DisputeStatus.SUCCESS
        assert case.closed_on == datetime.date(2026, 3, 10)
        assert case.agreement_signed_on == datetime.date(2026, 3, 10)
        assert "雨水槽" in case.agreement_terms
        assert list(case.followups.values_list("due_on", flat=True)) == [datetime.date(2026, 4, 9)]
        assert case.history.first().history_change_reason == "结案:调解成功"

    def test_success_needs_the_terms_and_the_signing_date(self, world, mediation):
        record_session(world.mediator, mediation.case, mediation.director)
        with pytest.raises(ValidationError) as error:
            dispute_close(
                actor=world.mediator,
                case=mediation.case,
                outcome=DisputeStatus.SUCCESS,
                closed_on=datetime.date(2026, 3, 10),
            )
        assert error.value.message_dict == {
            "agreement_terms": ["调解成功须填写协议内容。"],
            "signed_on": ["调解成功须填写协议签订日期。"],
        }
        case = DisputeCase.objects.get(pk=mediation.case.pk)
        assert case.status == DisputeStatus.MEDIATING
        assert not FollowUp.objects.exists()

    @pytest.mark.parametrize("outcome", [DisputeStatus.SUCCESS, DisputeStatus.FAILED])
    def test_success_or_failure_needs_a_session(self, world, mediation, outcome):
        before = history_count(mediation.case)
        with pytest.raises(ValidationError, match=f"尚未登记调解记录,不能以“{outcome.label}”结案"):
            dispute_close(
                actor=world.mediator,
                case=mediation.case,
                outcome=outcome,
                closed_on=datetime.date(2026, 3, 10),
                agreement_terms="协议",
                signed_on=datetime.date(2026, 3, 10),
            )
        assert history_count(mediation.case) == before
        assert DisputeCase.objects.get(pk=mediation.case.pk).status == DisputeStatus.RECEIVED

    def test_failure_after_a_session(self, world, mediation):
        record_session(world.mediator, mediation.case, mediation.director)
        case = dispute_close(
            actor=world.mediator,
            case=mediation.case,
            outcome=DisputeStatus.FAILED,
            closed_on=datetime.date(2026, 3, 20),
            note="双方分歧较大,引导走诉讼程序。",
        )
        assert (case.status, case.outcome_note) == (DisputeStatus.FAILED, "双方分歧较大,引导走诉讼程序。")
        assert not case.followups.exists()

    def test_transfer_needs_where_to(self, world, mediation):
        with pytest.raises(ValidationError, match="转交须填写转交单位"):
            dispute_close(
                actor=world.mediator, case=mediation.case, outcome=DisputeStatus.TRANSFERRED, closed_on=RECEIVED
            )
        case = dispute_close(
            actor=world.mediator,
            case=mediation.case,
            outcome=DisputeStatus.TRANSFERRED,
            closed_on=RECEIVED,
            transferred_to="团结街道司法所",
        )
        assert (case.status, case.transferred_to) == (DisputeStatus.TRANSFERRED, "团结街道司法所")

    def test_a_withdrawal_may_close_an_unmediated_case(self, world, mediation):
        case = dispute_close(
            actor=world.mediator, case=mediation.case, outcome=DisputeStatus.WITHDRAWN, closed_on=RECEIVED
        )
        assert case.status == DisputeStatus.WITHDRAWN

    def test_a_case_closes_once(self, world, mediation):
        dispute_close(actor=world.mediator, case=mediation.case, outcome=DisputeStatus.WITHDRAWN, closed_on=RECEIVED)
        with pytest.raises(ValidationError, match="案件已当事人撤回,不能再次结案"):
            dispute_close(
                actor=world.mediator,
                case=mediation.case,
                outcome=DisputeStatus.TRANSFERRED,
                closed_on=RECEIVED,
                transferred_to="街道",
            )

    def test_closing_before_the_last_session_is_refused(self, world, mediation):
        record_session(world.mediator, mediation.case, mediation.director, on=datetime.date(2026, 3, 8))
        with pytest.raises(ValidationError, match=r"结案日期不能早于最后一次调解\(2026-03-08\)"):
            close_success(world.mediator, mediation.case, on=datetime.date(2026, 3, 7))
        assert DisputeCase.objects.get(pk=mediation.case.pk).status == DisputeStatus.MEDIATING

    def test_closing_before_intake_is_refused(self, world, mediation):
        with pytest.raises(ValidationError, match=r"结案日期不能早于受理日期\(2026-03-02\)"):
            dispute_close(
                actor=world.mediator,
                case=mediation.case,
                outcome=DisputeStatus.WITHDRAWN,
                closed_on=datetime.date(2026, 3, 1),
            )

    def test_an_unknown_outcome_is_refused(self, world, mediation):
        with pytest.raises(ValidationError, match="请选择调处结果"):
            dispute_close(
                actor=world.mediator, case=mediation.case, outcome=DisputeStatus.MEDIATING, closed_on=RECEIVED
            )


class TestFollowUpsAndJudicialConfirmation:
    @pytest.fixture
    def settled(self, world, mediation):
        record_session(world.mediator, mediation.case, mediation.director)
        return close_success(world.mediator, mediation.case)

    def test_a_follow_up_is_done_once_with_a_note(self, world, settled):
        followup = settled.followups.get()
        with pytest.raises(ValidationError, match="请填写回访情况"):
            followup_done(actor=world.mediator, followup=followup, done_on=datetime.date(2026, 4, 9), note=" ")
        followup_done(actor=world.mediator, followup=followup, done_on=datetime.date(2026, 4, 9), note="已履行。")
        followup.refresh_from_db()
        assert (followup.done_on, followup.visitor, followup.note) == (
            datetime.date(2026, 4, 9),
            world.mediator,
            "已履行。",
        )
        with pytest.raises(ValidationError, match="该回访已于2026-04-09完成"):
            followup_done(actor=world.mediator, followup=followup, done_on=datetime.date(2026, 4, 10), note="再访")

    def test_follow_ups_are_scheduled_for_closed_cases_after_closing(self, world, population, settled):
        with pytest.raises(ValidationError, match=r"回访日期不能早于结案日期\(2026-03-10\)"):
            followup_schedule(actor=world.mediator, case=settled, due_on=datetime.date(2026, 3, 1))
        followup_schedule(actor=world.mediator, case=settled, due_on=datetime.date(2026, 6, 1))
        assert settled.followups.count() == 2
        with pytest.raises(ValidationError, match="案件尚未结案,不能安排回访"):
            followup_schedule(
                actor=world.mediator,
                case=open_case(world.mediator, population.son, "李某"),
                due_on=datetime.date(2026, 6, 1),
            )

    def test_judicial_confirmation_of_a_successful_case(self, world, settled):
        case = dispute_judicial_confirmation(
            actor=world.mediator,
            case=settled,
            applied_on=datetime.date(2026, 3, 15),
            confirmed_on=datetime.date(2026, 3, 25),
            court=" 西山区人民法院 ",
        )
        assert (case.court, case.judicial_confirmed_on) == ("西山区人民法院", datetime.date(2026, 3, 25))

    def test_judicial_confirmation_dates_follow_each_other(self, world, settled):
        with pytest.raises(ValidationError, match="确认日期不能早于申请日期"):
            dispute_judicial_confirmation(
                actor=world.mediator,
                case=settled,
                applied_on=datetime.date(2026, 3, 15),
                confirmed_on=datetime.date(2026, 3, 14),
                court="法院",
            )
        with pytest.raises(ValidationError, match="申请日期不能早于协议签订日期"):
            dispute_judicial_confirmation(
                actor=world.mediator,
                case=settled,
                applied_on=datetime.date(2026, 3, 1),
                confirmed_on=None,
                court="法院",
            )
        assert not DisputeCase.objects.get(pk=settled.pk).court

    def test_judicial_confirmation_only_after_success(self, world, mediation):
        with pytest.raises(ValidationError, match="只有调解成功的案件才能申请司法确认"):
            dispute_judicial_confirmation(
                actor=world.mediator,
                case=mediation.case,
                applied_on=datetime.date(2026, 3, 15),
                confirmed_on=None,
                court="法院",
            )
