"""The write workflows of the party area: who may be recorded as a member, 转正, transfers in and out,
the endings, the organisation tree's rules, 在职党员报到 and the participants of activities."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from committee.models.party import (
    ActivityKind,
    MemberCategory,
    MembershipKind,
    MemberStatus,
    OrganisationKind,
    PartyCheckIn,
    PartyMember,
    PartyOrganisation,
    PartyTransfer,
    TransferDirection,
)
from committee.services.party import (
    party_checkin_save,
    party_member_confirm,
    party_member_end,
    party_organisation_save,
    party_transfer_in,
    party_transfer_out,
)
from residents.choices import EventKind, PoliticalStatus
from residents.models import PopulationEvent
from tests.committee import party_fixtures
from tests.committee.party_fixtures import activity, member, organisation, resident

pytestmark = pytest.mark.django_db

party = party_fixtures.party
D = datetime.date


def messages_of(error: ValidationError) -> str:
    return " ".join(error.value.messages)


class TestMemberCreate:
    def test_a_person_who_is_not_a_party_member_is_refused(self, world, party):
        with pytest.raises(ValidationError) as error:
            member(world.head, party.masses, party.branch_a, MemberCategory.FARMER, D(2000, 7, 1))
        assert "吴芳的政治面貌是群众,只有中共党员、中共预备党员才能登记为党员。" in messages_of(error)
        assert not PartyMember.objects.filter(person=party.masses).exists()

    def test_the_kind_follows_the_political_status(self, world, party):
        person = resident(
            world.head, world.community, "何新", D(1999, 3, 3), group=world.group_a, status=PoliticalStatus.PROBATIONARY
        )
        created = member(world.head, person, party.branch_a, MemberCategory.GRADUATE, D(2026, 1, 10),
                         kind=MembershipKind.FULL, confirmed_on=D(2027, 1, 10))  # fmt: skip
        assert (created.kind, created.confirmed_on, created.group) == (MembershipKind.PROBATIONARY, None, world.group_a)
        assert created.history.first().history_change_reason == "党员登记"

    def test_one_active_membership_per_person(self, world, party):
        with pytest.raises(ValidationError) as error:
            member(world.head, party.chen.person, party.branch_a, MemberCategory.FARMER, D(1985, 7, 1))
        assert "该居民已是在册党员。" in messages_of(error)

    def test_a_member_joins_at_eighteen_or_later(self, world, party):
        person = resident(world.head, world.community, "钟青", D(1990, 6, 1))
        with pytest.raises(ValidationError) as error:
            member(world.head, person, party.branch_a, MemberCategory.FARMER, D(2008, 5, 31))
        assert "入党时须年满18岁" in messages_of(error)
        assert member(world.head, person, party.branch_a, MemberCategory.FARMER, D(2008, 6, 1)).pk

    def test_a_person_of_another_community_is_out_of_reach(self, world, party):
        stranger = resident(world.other_head, world.other_community, "外社区党员", D(1970, 1, 1))
        with pytest.raises(PermissionDenied):
            member(world.head, stranger, party.branch_a, MemberCategory.FARMER, D(1995, 7, 1))

    def test_an_organisation_of_another_community_is_out_of_reach(self, world, party):
        person = resident(world.head, world.community, "田明", D(1970, 1, 1))
        with pytest.raises(PermissionDenied):
            member(world.head, person, party.other_branch, MemberCategory.FARMER, D(1995, 7, 1))


class TestConfirm:
    def test_not_before_a_year_of_probation(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_member_confirm(actor=world.head, member=party.zhao, on=D(2026, 5, 31))
        assert "预备期为一年,赵敏最早于2026年06月01日转正。" in messages_of(error)

    def test_confirming_makes_a_full_member_and_a_party_member_on_the_register(self, world, party):
        confirmed = party_member_confirm(actor=world.head, member=party.zhao, on=D(2026, 6, 1))

        confirmed.refresh_from_db()
        assert (confirmed.kind, confirmed.confirmed_on) == (MembershipKind.FULL, D(2026, 6, 1))
        assert confirmed.person.political_status == PoliticalStatus.PARTY_MEMBER
        event = PopulationEvent.objects.get(person=confirmed.person, kind=EventKind.CORRECTION)
        assert (event.effective_on, "预备党员转正" in event.note) == (D(2026, 6, 1), True)
        assert confirmed.person.history.first().history_change_reason == "信息更正:预备党员转正"
        assert confirmed.history.first().history_change_reason == "预备党员转正"

    def test_a_full_member_is_not_confirmed_again(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_member_confirm(actor=world.head, member=party.chen, on=D(2026, 6, 1))
        assert "陈国华已是正式党员。" in messages_of(error)


class TestTransfers:
    def test_a_transfer_in_records_the_member_and_the_letter(self, world, party):
        liu, transfer = party.liu, party.transfer_in
        assert (liu.transferred_in, liu.transferred_in_on, liu.status) == (True, D(2026, 3, 1), MemberStatus.ACTIVE)
        assert (transfer.direction, transfer.letter_number, transfer.to_organisation) == (
            TransferDirection.IN, "ZR2026-01", "寨子党支部",
        )  # fmt: skip
        assert transfer.recorded_by == world.head

    def test_a_transfer_in_of_someone_the_register_shows_as_masses_sets_the_political_status(self, world, party):
        transfer = party_transfer_in(
            actor=world.head, person=party.masses, organisation=party.branch_b, on=D(2026, 7, 1),
            from_organisation="中共曲靖市某村支部委员会", category=MemberCategory.FLOATING, kind="probationary",
            joined_on=D(2026, 1, 5), letter_number="ZR2026-02",
        )  # fmt: skip
        party.masses.refresh_from_db()
        assert party.masses.political_status == PoliticalStatus.PROBATIONARY
        assert transfer.member.kind == MembershipKind.PROBATIONARY
        event = PopulationEvent.objects.get(person=party.masses, kind=EventKind.CORRECTION)
        assert "党组织关系转入(介绍信ZR2026-02)" in event.note

    def test_a_member_transferred_out_comes_back_on_the_same_row(self, world, party):
        transfer = party_transfer_in(
            actor=world.head, person=party.sun.person, organisation=party.branch_b, on=D(2026, 9, 1),
            from_organisation="中共昆明市西山区某公司支部委员会", category=MemberCategory.EMPLOYED, kind="full",
            joined_on=D(2005, 7, 1),
        )  # fmt: skip
        assert transfer.member.pk == party.sun.pk
        party.sun.refresh_from_db()
        assert (party.sun.status, party.sun.status_on, party.sun.transferred_in_on) == (
            MemberStatus.ACTIVE, None, D(2026, 9, 1),
        )  # fmt: skip
        assert list(party.sun.transfers.values_list("direction", flat=True)) == ["in", "out"]
        assert party.sun.history.first().history_change_reason == "组织关系转回本社区"

    def test_an_active_member_is_not_transferred_in(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_transfer_in(
                actor=world.head, person=party.chen.person, organisation=party.branch_a, on=D(2026, 7, 1),
                from_organisation="某支部", category=MemberCategory.FARMER, kind="full", joined_on=D(1985, 7, 1),
            )  # fmt: skip
        assert "陈国华已是本社区在册党员,不能重复转入。" in messages_of(error)

    def test_a_transfer_in_needs_the_organisation_it_comes_from(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_transfer_in(
                actor=world.head, person=party.masses, organisation=party.branch_a, on=D(2026, 7, 1),
                from_organisation=" ", category=MemberCategory.FARMER, kind="full", joined_on=D(2000, 7, 1),
            )  # fmt: skip
        assert "请填写原所在党组织。" in messages_of(error)

    def test_a_transfer_out_marks_the_member_and_frees_the_secretary_post(self, world, party):
        transfer = party_transfer_out(
            actor=world.head, member=party.chen, on=D(2026, 8, 1), to_organisation="中共某镇某村支部委员会",
            letter_number="ZC2026-02",
        )  # fmt: skip
        party.chen.refresh_from_db()
        party.branch_a.refresh_from_db()
        assert (party.chen.status, party.chen.status_on) == (MemberStatus.TRANSFERRED_OUT, D(2026, 8, 1))
        assert transfer.from_organisation == "寨子第一党小组"
        assert party.branch_a.secretary is None
        assert party.branch_a.history.first().history_change_reason == "书记陈国华已转出"
        # The person is still a party member, elsewhere: the register keeps the political status.
        party.chen.person.refresh_from_db()
        assert party.chen.person.political_status == PoliticalStatus.PARTY_MEMBER

    def test_a_member_who_left_is_not_transferred_out_again(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_transfer_out(actor=world.head, member=party.sun, on=D(2026, 8, 1), to_organisation="某支部")
        assert "孙涛已已转出" not in messages_of(error)
        assert "孙涛已转出,不能办理转出。" in messages_of(error)

    def test_a_letter_number_is_used_once(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_transfer_out(
                actor=world.head, member=party.wang, on=D(2026, 8, 1), to_organisation="某支部",
                letter_number="ZC2026-01",
            )  # fmt: skip
        assert "本社区已登记过该编号的介绍信。" in messages_of(error)
        party.wang.refresh_from_db()
        assert party.wang.status == MemberStatus.ACTIVE  # all or nothing

    def test_another_communitys_member_is_out_of_reach(self, world, party):
        with pytest.raises(PermissionDenied):
            party_transfer_out(actor=world.head, member=party.other_member, on=D(2026, 8, 1), to_organisation="某支部")


class TestEndings:
    def test_stopping_membership_makes_the_person_masses(self, world, party):
        party_member_end(actor=world.head, member=party.wang, status=MemberStatus.STOPPED, on=D(2026, 7, 1),
                         note="与组织失去联系超过六个月")  # fmt: skip
        party.wang.refresh_from_db()
        assert (party.wang.status, party.wang.status_on) == (MemberStatus.STOPPED, D(2026, 7, 1))
        party.wang.person.refresh_from_db()
        assert party.wang.person.political_status == PoliticalStatus.MASSES

    def test_a_death_leaves_the_political_status(self, world, party):
        party_member_end(actor=world.head, member=party.li, status=MemberStatus.DECEASED, on=D(2026, 7, 1))
        party.li.refresh_from_db()
        party.li.person.refresh_from_db()
        assert party.li.status == MemberStatus.DECEASED
        assert party.li.person.political_status == PoliticalStatus.PARTY_MEMBER

    def test_not_before_the_member_came(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_member_end(actor=world.head, member=party.liu, status=MemberStatus.DECEASED, on=D(2026, 2, 1))
        assert "变动日期不能早于刘军在本社区登记的日期(2026-03-01)。" in messages_of(error)


class TestOrganisations:
    @pytest.mark.parametrize(
        ("kind", "parent", "message"),
        [
            (OrganisationKind.CELL, None, "党小组须填写所属党支部。"),
            (OrganisationKind.BRANCH, "cell_a", "党小组不能作为党支部的上级党组织。"),
            (OrganisationKind.GENERAL_BRANCH, "general", "社区党总支是社区最高一级党组织,不填上级党组织。"),
            (OrganisationKind.CELL, "other_branch", "上级党组织不属于该社区。"),
        ],
    )
    def test_the_tree_rules(self, world, party, kind, parent, message):
        with pytest.raises(ValidationError) as error:
            organisation(world.head, "新组织", kind, parent=getattr(party, parent) if parent else None)
        assert message in messages_of(error)

    def test_no_cycles(self, world, party):
        cell = PartyOrganisation.objects.get(pk=party.cell_a.pk)
        branch = PartyOrganisation.objects.get(pk=party.branch_a.pk)
        branch.kind, branch.parent = OrganisationKind.BRANCH, cell
        with pytest.raises(ValidationError):
            party_organisation_save(actor=world.head, organisation=branch)

    def test_a_group_and_a_unit_are_not_both_the_scope(self, world, party):
        with pytest.raises(ValidationError) as error:
            organisation(world.head, "双范围支部", OrganisationKind.BRANCH, parent=party.general,
                         group=world.group_a, unit=world.unit)  # fmt: skip
        assert "覆盖范围只能是一个居民小组或一个单位,不能同时填写。" in messages_of(error)

    def test_an_organisation_with_members_is_not_dissolved(self, world, party):
        party.branch_b.dissolved_on = D(2026, 7, 1)
        with pytest.raises(ValidationError) as error:
            party_organisation_save(actor=world.head, organisation=party.branch_b)
        assert "该组织还有在册党员" in messages_of(error)

    def test_the_secretary_is_an_active_member_of_the_community(self, world, party):
        party.branch_b.secretary = party.sun
        with pytest.raises(ValidationError) as error:
            party_organisation_save(actor=world.head, organisation=party.branch_b)
        assert "孙涛已已转出" not in messages_of(error)
        assert "孙涛已转出,不能担任书记。" in messages_of(error)

    def test_names_are_unique_in_a_community(self, world, party):
        with pytest.raises(ValidationError) as error:
            organisation(world.head, "岔河党支部", OrganisationKind.BRANCH, parent=party.general)
        assert "本社区已有同名党组织。" in messages_of(error)
        assert organisation(world.other_head, "岔河党支部", OrganisationKind.BRANCH).pk


class TestCheckIns:
    def test_a_resident_who_is_not_a_party_member_does_not_report(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_checkin_save(
                actor=world.head,
                checkin=PartyCheckIn(person=party.masses, work_unit="某单位", reported_on=D(2026, 7, 1)),
            )
        assert "吴芳的政治面貌是群众,只有党员才能报到。" in messages_of(error)

    def test_a_member_of_the_community_does_not_report(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_checkin_save(
                actor=world.head,
                checkin=PartyCheckIn(person=party.wang.person, work_unit="某单位", reported_on=D(2026, 7, 1)),
            )
        assert "王强的组织关系在本社区党组织,无需报到。" in messages_of(error)

    def test_an_id_number_of_the_register_names_the_resident(self, world, party):
        person = resident(world.head, world.community, "冯亮", D(1983, 3, 3), group=world.group_a)
        checkin = party_checkin_save(
            actor=world.head,
            checkin=PartyCheckIn(
                name="冯亮",
                id_number=person.id_number,
                work_unit="箐口卫生所",
                reported_on=D(2026, 7, 1),
                unit=world.unit,
            ),
        )
        assert (checkin.person, checkin.name, checkin.id_number, checkin.group) == (person, "", "", world.group_a)

    def test_a_wrong_id_number_is_refused(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_checkin_save(
                actor=world.head,
                checkin=PartyCheckIn(
                    name="某某", id_number="53011219800101001X", work_unit="某单位", reported_on=D(2026, 7, 1)
                ),
            )
        assert "id_number" in error.value.message_dict

    def test_one_open_check_in_per_person(self, world, party):
        with pytest.raises(ValidationError) as error:
            party_checkin_save(
                actor=world.head,
                checkin=PartyCheckIn(person=party.zheng, work_unit="某单位", reported_on=D(2026, 7, 1)),
            )
        assert "该居民已在本社区报到。" in messages_of(error)

    def test_a_visitor_is_masked_like_a_resident(self, world, party):
        shown = party.visitor_checkin.id_number_for(world.worker)
        assert "*" in shown
        assert shown[-4:] == party.visitor_checkin.id_number[-4:]
        assert party.visitor_checkin.id_number_for(world.head) == party.visitor_checkin.id_number


class TestActivities:
    def test_a_member_not_yet_on_the_register_is_refused(self, world, party):
        with pytest.raises(ValidationError) as error:
            activity(world.head, party.general, D(2026, 2, 1), ActivityKind.POVERTY, "走访", [party.liu])
        assert "刘军在2026-02-01不在本社区党员名册中。" in messages_of(error)

    def test_a_member_who_left_is_refused_after_leaving(self, world, party):
        with pytest.raises(ValidationError):
            activity(world.head, party.general, D(2026, 4, 15), ActivityKind.POVERTY, "走访", [party.sun])

    def test_another_communitys_member_is_refused(self, world, party):
        with pytest.raises(PermissionDenied):
            activity(world.head, party.general, D(2026, 4, 1), ActivityKind.POVERTY, "走访", [party.other_member])

    def test_an_activity_with_participants_has_taken_place(self, world, party):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        with pytest.raises(ValidationError) as error:
            activity(world.head, party.general, tomorrow, ActivityKind.POVERTY, "走访", [party.chen])
        assert "已登记参加党员的活动日期不能晚于今天。" in messages_of(error)
        assert activity(world.head, party.general, tomorrow, ActivityKind.POVERTY, "计划中的走访").pk

    def test_a_checkin_outside_its_period_is_refused(self, world, party):
        with pytest.raises(ValidationError) as error:
            activity(world.head, party.general, D(2026, 6, 1), ActivityKind.VOLUNTEER, "志愿服务",
                     checkins=[party.visitor_checkin])  # fmt: skip
        assert "钱丽在2026-06-01不在报到期内。" in messages_of(error)

    def test_participants_are_kept_in_the_history(self, world, party):
        record = party.lei_feng.history.first()
        assert {m.partymember_id for m in record.participants.all()} == {party.chen.pk, party.li.pk, party.liu.pk}


def test_transfers_are_counted_from_their_rows(party):
    assert PartyTransfer.objects.filter(member=party.sun, direction=TransferDirection.OUT).count() == 1
