"""The party figures (issue 5 item 11; BZ04, BZ05) against the hand counts in ``party_fixtures``."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from committee.models.party import ASSISTANCE_KINDS, ActivityKind, MemberCategory, PartyMember
from committee.selectors.party import (
    member_activity_counts,
    member_activity_years,
    members_with_activities,
    organisation_tree,
    party_checkin_figures,
    party_member_figures,
    party_participation,
    party_transfer_counts,
)
from tests.committee import party_fixtures

pytestmark = pytest.mark.django_db

party = party_fixtures.party
D = datetime.date


class TestMemberFigures:
    def test_the_register_on_a_day_by_category_kind_sex_and_age(self, world, party):
        figures = party_member_figures(on=D(2026, 6, 30), community=world.community)

        assert figures.total == 5  # 孙涛 transferred out on 2026-04-15
        assert (figures.male, figures.female) == (3, 2)
        assert (figures.full, figures.probationary) == (4, 1)
        assert figures.average_age == Decimal("50.6")  # (66 + 76 + 35 + 26 + 50) / 5
        assert figures.average_age_display == "51岁"
        assert figures.transferred_in == 1
        assert {code: n for code, n in figures.by_category.items() if n} == {
            MemberCategory.FARMER: 1,
            MemberCategory.RETIRED: 1,
            MemberCategory.FLOATING: 1,
            MemberCategory.GRADUATE: 1,
            MemberCategory.VETERAN: 1,
        }
        assert figures.categories_labelled[0] == ("离退休党员", 1)  # choice order, zeros left out

    def test_a_member_is_on_the_register_from_the_transfer_in_until_the_transfer_out(self, world, party):
        before = party_member_figures(on=D(2026, 2, 28), community=world.community)
        assert before.total == 5  # 孙涛 still here, 刘军 not yet
        assert before.category_count(MemberCategory.EMPLOYED) == 1
        assert before.category_count(MemberCategory.VETERAN) == 0

        on_the_day = party_member_figures(on=D(2026, 4, 15), community=world.community)
        assert on_the_day.category_count(MemberCategory.EMPLOYED) == 0  # off the register on the day he left
        assert on_the_day.category_count(MemberCategory.VETERAN) == 1

    def test_a_probationary_member_counts_from_joining(self, world, party):
        assert party_member_figures(on=D(2025, 5, 31), community=world.community).probationary == 0
        assert party_member_figures(on=D(2025, 6, 1), community=world.community).probationary == 1

    def test_no_members_gives_no_average(self, world):
        figures = party_member_figures(on=D(2026, 6, 30), community=world.community)
        assert (figures.total, figures.average_age, figures.average_age_display) == (0, None, "—")

    def test_communities_are_kept_apart_and_summed(self, world, party):
        assert party_member_figures(on=D(2026, 6, 30), community=world.other_community).total == 1
        both = party_member_figures(on=D(2026, 6, 30), communities=[world.community, world.other_community])
        assert both.total == 6


class TestActivityCounts:
    def test_activities_per_member_in_a_year(self, world, party):
        counts = member_activity_counts(year=2026, community=world.community)
        assert counts == {party.chen.pk: 4, party.li.pk: 3, party.zhao.pk: 2, party.liu.pk: 2, party.sun.pk: 1}

    def test_assistance_activities_per_member(self, world, party):
        counts = member_activity_counts(year=2026, community=world.community, kinds=ASSISTANCE_KINDS)
        assert counts == {party.chen.pk: 3, party.li.pk: 2, party.zhao.pk: 1, party.liu.pk: 1, party.sun.pk: 1}

    def test_as_of_cuts_the_year(self, world, party):
        counts = member_activity_counts(year=2026, community=world.community, as_of=D(2026, 3, 31))
        assert counts == {party.chen.pk: 2, party.li.pk: 2, party.liu.pk: 1, party.sun.pk: 1}

    def test_members_with_at_least_n_activities(self, world, party):
        two = members_with_activities(year=2026, at_least=2, community=world.community)
        assert [(m.person.name, m.activity_count) for m in two] == [
            ("陈国华", 4), ("李秀兰", 3), ("刘军", 2), ("赵敏", 2),
        ]  # fmt: skip
        three = members_with_activities(year=2026, at_least=3, community=world.community)
        assert [m.pk for m in three] == [party.chen.pk, party.li.pk]

    def test_a_member_who_left_is_not_listed(self, world, party):
        one = members_with_activities(year=2026, at_least=1, community=world.community)
        assert party.sun.pk not in [m.pk for m in one]

    def test_a_members_years(self, party):
        years = member_activity_years(party.chen)
        assert [(y.year, y.activities, y.assistance) for y in years] == [(2026, 4, 3), (2025, 1, 1)]


class TestParticipation:
    def test_the_year_2026(self, world, party):
        figures = party_participation(year=2026, community=world.community)

        assert figures.end == D(2026, 12, 31)
        assert (figures.members, figures.participating) == (5, 4)  # 王强 took part in nothing
        assert figures.rate == 0.8
        assert figures.rate_display == "80%"
        assert figures.assistance_participations == 7  # 孙涛's one is not counted: he has left
        assert figures.assistance_per_member == Decimal("1.4")
        assert figures.assistance_per_member_display == "1.4次"
        assert figures.with_six_assistance == 0
        assert figures.activities == 4
        assert figures.assistance_activities == 3
        assert figures.activities_by_kind[ActivityKind.STUDY] == 1
        assert figures.kinds_labelled == [("帮困", 1), ("助残", 1), ("敬老", 1), ("学习教育", 1)]

    def test_the_year_2025(self, world, party):
        figures = party_participation(year=2025, community=world.community)
        assert (figures.members, figures.participating, figures.assistance_participations) == (5, 3, 3)
        assert figures.rate == 0.6

    def test_as_of_inside_the_year(self, world, party):
        figures = party_participation(year=2026, community=world.community, as_of=D(2026, 3, 31))
        # On 31 March: 陈, 李, 王, 赵, 孙, 刘; 陈, 李, 孙, 刘 took part.
        assert (figures.end, figures.members, figures.participating) == (D(2026, 3, 31), 6, 4)
        assert figures.assistance_participations == 2 + 2 + 1 + 1

    def test_no_members_gives_no_rate(self, world):
        figures = party_participation(year=2026, community=world.community)
        assert (figures.rate, figures.rate_display, figures.assistance_per_member) == (None, "—", None)
        assert figures.assistance_per_member_display == "—"

    def test_six_assistance_activities_are_counted(self, world, party):
        for day in (1, 2, 3):
            party_fixtures.activity(
                world.head, party.general, D(2026, 8, day), ActivityKind.POVERTY, "帮困", [party.chen]
            )
        assert party_participation(year=2026, community=world.community).with_six_assistance == 1


class TestTransfersAndCheckIns:
    def test_transfers_per_year(self, world, party):
        counts = party_transfer_counts(year=2026, community=world.community)
        assert (counts.transferred_in, counts.transferred_out) == (1, 1)
        empty = party_transfer_counts(year=2025, community=world.community)
        assert (empty.transferred_in, empty.transferred_out) == (0, 0)

    def test_checkins_in_force_and_new(self, world, party):
        march = party_checkin_figures(on=D(2026, 3, 1), community=world.community)
        assert (march.reporting, march.reported_this_year) == (2, 1)
        june = party_checkin_figures(on=D(2026, 6, 30), community=world.community)
        assert (june.reporting, june.reported_this_year) == (1, 1)  # 钱丽 ended on 2026-05-01
        assert party_checkin_figures(on=D(2025, 12, 31), community=world.community).reported_this_year == 1


class TestOrganisationTree:
    def test_tree_order_with_own_and_subtree_counts(self, world, party):
        nodes = organisation_tree(community=world.community, on=D(2026, 6, 30))
        assert [(n.organisation.name, n.depth, n.members, n.total) for n in nodes] == [
            ("中共箐口社区总支部委员会", 0, 0, 5),
            ("寨子党支部", 1, 2, 3),
            ("寨子第一党小组", 2, 1, 1),
            ("岔河党支部", 1, 2, 2),
        ]

    def test_an_organisation_not_yet_founded_is_left_out(self, world, party):
        nodes = organisation_tree(community=world.community, on=D(2011, 1, 1))
        assert [n.organisation.name for n in nodes] == ["中共箐口社区总支部委员会", "寨子党支部"]

    def test_members_count_where_they_are(self, world, party):
        assert PartyMember.objects.filter(organisation=party.cell_a).count() == 1
