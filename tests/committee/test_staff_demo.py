"""The demo of the staff area on the test world (given seed 000's eight groups): seed 000's staff figures, the
两委 after the 2024 换届, the working bodies, the November 2026 考勤 the fine ledger reads; a second run changes
nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from committee.demo import staff as staff_demo
from committee.models.staff import (
    CommitteePost,
    Election,
    ElectionKind,
    FineRank,
    Position,
    RepresentativeKind,
    ResidentRepresentative,
    Staff,
    TrainingRecord,
    WorkAttendance,
    WorkingBody,
)
from committee.selectors.staff import committee_composition, election_turnout, staff_composition, training_figures
from governance.demo import SEED_GROUPS
from tests.factories import ResidentGroupFactory

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 11, 20)


@pytest.fixture
def demo(world):
    present = set(world.community.resident_groups.values_list("name", flat=True))
    for order, name in enumerate(SEED_GROUPS, start=1):
        if name not in present:
            ResidentGroupFactory(community=world.community, name=name, order=order + 10)
    data = {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}
    staff_demo.seed(data)
    return data


def test_qingkou_reproduces_seed_000s_staff_figures(world, demo):
    figures = staff_composition(community=world.community, as_of=AS_OF)
    assert (figures.serving, figures.full_time) == (41, 15)
    assert figures.college == 12
    assert figures.college_share_display == "29.3%"  # seed 000: 29%
    assert figures.certified == 9  # 「社区工作者持证上岗9人」
    assert figures.full_time_social_work_trained == 14
    assert figures.social_work_trained_share_display == "93.3%"  # seed 000: 93%
    training = training_figures(community=world.community, as_of=AS_OF)
    assert (training.trained, training.it_trained, training.it_certified) == (9, 9, 9)
    assert training.training_rate_display == "22%"
    assert training.it_training_rate_display == "22%"
    assert training.it_certificate_rate_display == "22%"
    assert training.days == Decimal("180")
    assert training.days_per_trained == Decimal("20.0")  # 「每年参加各种培训时间20天」


def test_qingkou_staff_kinds(world, demo):
    serving = Staff.objects.filter(community=world.community).serving_on(AS_OF)
    assert serving.filter(position=Position.GROUP_LEADER).count() == 8
    assert serving.filter(position=Position.GROUP_CADRE).count() == 16
    leaders = serving.filter(position=Position.GROUP_LEADER)
    assert set(leaders.values_list("group__name", flat=True)) == set(SEED_GROUPS)
    accounts = dict(serving.filter(user__isnull=False).values_list("user__username", "position"))
    assert accounts == {
        "shuji": Position.COMMITTEE,
        "zhibao": Position.COMMITTEE,
        "gongzuo": Position.WORKER,
        "wangge": Position.WORKER,
        "shenji": Position.OTHER,
    }
    assert Staff.objects.filter(community=world.community, left_on__isnull=False).count() == 2


def test_the_committees_after_the_2024_election(world, demo):
    bodies = {body.body: dict(body.posts) for body in committee_composition(community=world.community, on=AS_OF)}
    shuji = Staff.objects.get(user=world.head)
    zhibao = Staff.objects.get(user=world.mediator)
    assert [term.staff for term in bodies["party"]["书记"]] == [shuji]
    assert [term.staff for term in bodies["residents"]["主任"]] == [shuji]
    assert len(bodies["party"]["副书记"]) == 1
    assert len(bodies["party"]["委员"]) == 3
    assert zhibao in [term.staff for term in bodies["residents"]["副主任"]]
    assert len(bodies["residents"]["副主任"]) == 2
    assert len(bodies["residents"]["委员"]) == 2
    election = Election.objects.get(community=world.community, kind=ElectionKind.COMMITTEE)
    assert (election.term_label, election.date, election.is_confirmed) == ("第十届", datetime.date(2024, 3, 1), True)
    assert election_turnout(community=world.community, as_of=AS_OF).display == "100%"  # 「农村社区居民参选率100%」
    # The 第九届 居委会 ended at the 换届; its 委员 who was not re-elected left.
    ended = CommitteePost.objects.filter(community=world.community, body="residents", end_on=election.date)
    assert ended.count() == 4
    assert Staff.objects.filter(community=world.community, left_on=election.date).count() == 1


def test_working_bodies_and_training_history(world, demo):
    bodies = set(WorkingBody.objects.filter(community=world.community).values_list("kind", flat=True))
    assert bodies == {"security", "campaign", "finance_audit", "supervision", "deliberation", "ceremony"}
    security = WorkingBody.objects.get(community=world.community, kind="security")
    assert security.members.get(role="leader").staff.user == world.mediator
    assert TrainingRecord.objects.filter(community=world.community, start_on__year__lt=2026).exists()


def test_november_absences_for_the_fine_ledger(world, demo):
    absences = demo["committee_absences"]
    assert [day for _, day in absences] == [datetime.date(2026, 11, 5), datetime.date(2026, 11, 12)]
    (deputy, first), (member, second) = absences
    assert deputy.fine_rank_on(first) == FineRank.LEADER
    assert deputy.posts.active_on(first).get().get_post_display() == "副主任"
    assert member.fine_rank_on(second) == FineRank.MEMBER
    assert WorkAttendance.objects.filter(community=world.community, date__month=11).count() == 5
    assert all(row.recorded_by == world.worker for row in WorkAttendance.objects.filter(community=world.community))


def test_committee_staff_for_the_other_areas(world, demo):
    staff = demo["committee_staff"]
    for username in ("shuji", "zhibao", "gongzuo", "wangge", "shenji", "duomu"):
        assert staff[username].user.username == username
    assert all(isinstance(member, Staff) for member in staff.values())
    assert len(staff) == Staff.objects.filter(community__in=[world.community, world.other_community]).count()


def test_duomu_gets_a_smaller_staff(world, demo):
    serving = Staff.objects.filter(community=world.other_community).serving_on(AS_OF)
    assert serving.count() == 5  # 书记/主任, 副主任, 委员, the worker, one 小组长 per group (one group here)
    assert staff_composition(community=world.other_community, as_of=AS_OF).certified == 2
    assert election_turnout(community=world.other_community, as_of=AS_OF).display == "98.9%"


def test_representatives_come_from_the_register(world, population):
    data = {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}
    staff_demo.seed(data)
    terms = ResidentRepresentative.objects.filter(community=world.community)
    assert terms.exists()
    assert all(term.election is not None and term.kind == RepresentativeKind.REPRESENTATIVE for term in terms)
    assert all(term.person.community == world.community for term in terms)
    assert Election.objects.get(community=world.community, kind=ElectionKind.REPRESENTATIVES).is_confirmed


def test_seeding_twice_changes_nothing(world, demo):
    models = (Staff, CommitteePost, TrainingRecord, WorkAttendance, WorkingBody, Election, ResidentRepresentative)
    counts = [model.objects.count() for model in models]
    again = {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}
    staff_demo.seed(again)
    assert [model.objects.count() for model in models] == counts
    assert again["committee_staff"].keys() == demo["committee_staff"].keys()
