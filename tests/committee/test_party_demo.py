"""The party demo on the world's small population: every party member of the register is recorded, the tree
follows the groups, the 2026 figures meet seed 000's targets, the transfers, the 转正 and the 报到 are there,
and a second run changes nothing. The whole ``seed_demo`` runs in tests/residents/test_demo.py."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from committee.demo import AREAS
from committee.demo import party as demo_party
from committee.models.party import (
    MemberCategory,
    MembershipKind,
    MemberStatus,
    PartyActivity,
    PartyCheckIn,
    PartyMember,
    PartyOrganisation,
    PartyTransfer,
)
from committee.selectors.party import organisation_tree, party_participation, party_transfer_counts
from residents.choices import EmploymentStatus, PoliticalStatus

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def demo(world, population):
    """The world's people as the population demo would mark them: 张建国 (in service), 李秀英 (retired) and
    张伟 are 中共党员, 王芳 中共预备党员; 赵强 of the neighbouring community is a 中共党员."""
    marks = [
        (population.householder, PoliticalStatus.PARTY_MEMBER, EmploymentStatus.EMPLOYED),
        (population.spouse, PoliticalStatus.PARTY_MEMBER, EmploymentStatus.RETIRED),
        (population.son, PoliticalStatus.PARTY_MEMBER, EmploymentStatus.FARMING),
        (population.householder_b, PoliticalStatus.PROBATIONARY, EmploymentStatus.MIGRANT_WORKER),
        (population.outsider, PoliticalStatus.PARTY_MEMBER, EmploymentStatus.FARMING),
    ]
    for person, status, employment in marks:
        person.political_status, person.employment_status = status, employment
        person.save()
    return {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}


def history_rows():
    models = (PartyOrganisation, PartyMember, PartyTransfer, PartyCheckIn, PartyActivity)
    return sum(model.history.count() for model in models)


def test_every_party_member_of_the_register_is_recorded(world, population, demo):
    demo_party.seed(demo)

    members = PartyMember.objects.filter(community=world.community)
    assert {m.person.name for m in members} == {"张建国", "李秀英", "张伟", "王芳"}
    assert PartyMember.objects.get(community=world.other_community).person == population.outsider
    categories = {m.person.name: m.category for m in members}
    assert categories == {
        "张建国": MemberCategory.EMPLOYED,
        "李秀英": MemberCategory.RETIRED,
        "张伟": MemberCategory.FARMER,
        "王芳": MemberCategory.FLOATING,
    }


def test_the_tree_follows_the_groups(world, demo):
    demo_party.seed(demo)

    nodes = organisation_tree(community=world.community, on=D(2026, 11, 20))
    # Four members: one 党支部 with a 党小组 for 寨子 (three members); 王芳 of 岔河 is with the branch itself.
    assert [(n.organisation.name, n.depth, n.members, n.total) for n in nodes] == [
        ("中共箐口社区支部委员会", 0, 1, 3),
        ("寨子党小组", 1, 2, 2),
    ]
    assert all(n.organisation.secretary is not None for n in nodes)


def test_transfers_confirmation_and_checkins(world, population, demo):
    demo_party.seed(demo)

    spouse = PartyMember.objects.get(person=population.spouse)
    assert (spouse.transferred_in, spouse.transferred_in_on) == (True, D(2025, 4, 18))
    head = PartyMember.objects.get(person=population.householder)
    assert (head.status, head.status_on) == (MemberStatus.TRANSFERRED_OUT, D(2026, 1, 12))
    assert PartyCheckIn.objects.filter(person=population.householder, reported_on=D(2026, 2, 20)).exists()
    assert PartyCheckIn.objects.filter(community=world.community, person__isnull=True).count() == 2
    wang = PartyMember.objects.get(person=population.householder_b)
    assert (wang.kind, wang.confirmed_on) == (MembershipKind.FULL, D(2026, 9, 28))
    population.householder_b.refresh_from_db()
    assert population.householder_b.political_status == PoliticalStatus.PARTY_MEMBER
    counts = party_transfer_counts(year=2026, community=world.community)
    assert (counts.transferred_in, counts.transferred_out) == (1, 1)


def test_the_2026_activities_meet_seed_000s_targets(world, demo):
    demo_party.seed(demo)

    figures = party_participation(year=2026, community=world.community)
    assert figures.members == 3
    assert figures.assistance_per_member == Decimal("6.0")  # 「党员每年参与帮困、助残、敬老等活动6次」
    assert figures.rate >= 0.9  # 「社区党员参与社区建设各项活动率90%」
    assert not PartyActivity.objects.filter(date__gt=demo_party.AS_OF).exists()
    assert not PartyActivity.objects.filter(kind="deliberation").exists()  # the meetings area's 党员议事会
    assert PartyActivity.objects.filter(community=world.community, kind="donation").count() == 2  # each October
    last_year = party_participation(year=2025, community=world.community)
    assert last_year.activities > 0
    assert last_year.members == 3


def test_running_the_seed_twice_changes_nothing(demo):
    demo_party.seed(demo)
    before = history_rows()

    demo_party.seed(demo)

    assert history_rows() == before


def test_a_community_without_party_members_gets_nothing(world):
    demo_party.seed({"admin": world.superuser, "qingkou": world.community})
    assert not PartyOrganisation.objects.exists()


def test_the_area_is_seeded_by_seed_demo_after_staff():
    assert AREAS.index("party") == AREAS.index("staff") + 1
