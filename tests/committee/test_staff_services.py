"""Write workflows of the staff area: staff, 两委 posts, training, working bodies, representatives, 考勤 and
elections with the confirmation of the elected."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from committee.models.staff import (
    AttendanceStatus,
    Body,
    CommitteePost,
    Election,
    ElectionCandidate,
    ElectionKind,
    FineRank,
    MemberRole,
    Position,
    Post,
    RepresentativeKind,
    ResidentRepresentative,
    TrainingKind,
    TrainingRecord,
    WorkAttendance,
    WorkingBodyMember,
)
from committee.services.staff import (
    DayEntry,
    attendance_record_day,
    attendance_save,
    candidate_save,
    committee_post_end,
    election_confirm_elected,
    election_save,
    representative_save,
    staff_leave,
    training_record_save,
    training_records_add,
    working_body_member_save,
)
from tests.committee import staff_fixtures
from tests.committee.staff_fixtures import add_post, add_staff
from tests.excel.helpers import register_person

pytestmark = pytest.mark.django_db

staff_world = staff_fixtures.staff_world
D = datetime.date


def messages_of(error: ValidationError) -> str:
    return " ".join(error.value.messages)


#
# Staff
#


def test_a_staff_member_takes_the_name_of_the_person_or_account(world):
    person = register_person(world.head, community=world.community, name="陈在册", group=world.group_a)
    from_person = add_staff(world.head, world.community, "", person=person)
    from_account = add_staff(world.head, world.community, "", user=world.grid_worker)
    assert from_person.name == "陈在册"
    assert from_account.name == world.grid_worker.display_name
    assert from_person.community == world.community


def test_a_person_serves_on_one_staff_record_at_a_time(world):
    person = register_person(world.head, community=world.community, name="陈在册")
    add_staff(world.head, world.community, "", person=person, left_on=D(2023, 12, 31))
    add_staff(world.head, world.community, "", person=person, joined_on=D(2024, 1, 1))  # came back: fine
    with pytest.raises(ValidationError) as error:
        add_staff(world.head, world.community, "", person=person, joined_on=D(2025, 1, 1))
    assert "该居民已有在岗的工作人员记录。" in messages_of(error)


def test_group_cadres_need_a_group_of_the_community(world):
    with pytest.raises(ValidationError) as error:
        add_staff(world.head, world.community, "无组长", position=Position.GROUP_LEADER)
    assert "小组长、小组干部须填写所在居民小组。" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        add_staff(world.head, world.community, "错组长", position=Position.GROUP_LEADER, group=world.other_group)
    assert "居民小组不属于该社区。" in messages_of(error)


def test_an_account_of_another_community_cannot_be_linked(world):
    with pytest.raises(ValidationError) as error:
        add_staff(world.head, world.community, "外人", user=world.other_worker)
    assert "系统账号不属于本社区。" in messages_of(error)


def test_leaving_ends_open_posts_and_seats(world, staff_world):
    head = staff_world.head
    staff_leave(actor=world.head, staff=head, left_on=D(2026, 11, 30))
    head.refresh_from_db()
    assert head.left_on == D(2026, 11, 30)
    assert set(CommitteePost.objects.filter(staff=head).values_list("end_on", flat=True)) == {D(2026, 11, 30)}
    assert WorkingBodyMember.objects.get(pk=staff_world.body_member.pk).end_on == D(2026, 11, 30)
    with pytest.raises(ValidationError):
        staff_leave(actor=world.head, staff=head, left_on=D(2026, 12, 1))


#
# 两委 posts
#


def test_a_body_has_only_its_own_posts(world, staff_world):
    with pytest.raises(ValidationError) as error:
        add_post(world.head, staff_world.worker, Body.PARTY, Post.DIRECTOR, D(2026, 1, 1))
    assert "社区党组织委员会的职务只能是书记、副书记、委员。" in messages_of(error)


def test_one_secretary_at_a_time(world, staff_world):
    with pytest.raises(ValidationError) as error:
        add_post(world.head, staff_world.worker, Body.PARTY, Post.SECRETARY, D(2026, 1, 1))
    assert "社区党组织委员会书记在该期间由王书记担任" in messages_of(error)
    committee_post_end(actor=world.head, post=staff_world.secretary, end_on=D(2026, 7, 1))
    successor = add_post(world.head, staff_world.worker, Body.PARTY, Post.SECRETARY, D(2026, 7, 1))
    assert successor.is_active_on(D(2026, 7, 1))
    assert not staff_world.secretary.is_active_on(D(2026, 7, 1))


def test_deputies_may_be_several_but_nobody_holds_a_post_twice(world, staff_world):
    add_post(world.head, staff_world.worker, Body.RESIDENTS, Post.DEPUTY_DIRECTOR, D(2026, 7, 1))
    add_post(world.head, staff_world.deputy, Body.RESIDENTS, Post.DEPUTY_DIRECTOR, D(2026, 7, 1))
    with pytest.raises(ValidationError) as error:
        add_post(world.head, staff_world.deputy, Body.RESIDENTS, Post.DEPUTY_DIRECTOR, D(2026, 8, 1))
    assert "李副主任在该期间已任社区居民委员会副主任。" in messages_of(error)


def test_a_post_needs_a_serving_staff_member(world, staff_world):
    with pytest.raises(ValidationError) as error:
        add_post(world.head, staff_world.former, Body.RESIDENTS, Post.MEMBER, D(2026, 8, 1))
    assert "吴网格在2026-08-01不在岗,不能任职。" in messages_of(error)


def test_ending_a_term(world, staff_world):
    with pytest.raises(ValidationError) as error:
        committee_post_end(actor=world.head, post=staff_world.committee_member, end_on=D(2024, 1, 1))
    assert "任期结束不能早于任期开始。" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        committee_post_end(actor=world.head, post=staff_world.deputy_director, end_on=D(2026, 8, 1))
    assert "该任期已结束。" in messages_of(error)


def test_fine_rank_follows_the_posts_of_the_day(world, staff_world):
    assert staff_world.deputy.fine_rank_on(D(2026, 6, 29)) == FineRank.LEADER
    assert staff_world.deputy.fine_rank_on(D(2026, 11, 5)) == FineRank.MEMBER
    assert staff_world.leader.fine_rank_on(D(2026, 11, 5)) == FineRank.GROUP_CADRE


def test_another_community_cannot_give_our_staff_a_post(world, staff_world):
    with pytest.raises(PermissionDenied):
        add_post(world.other_head, staff_world.worker, Body.RESIDENTS, Post.MEMBER, D(2026, 8, 1))


#
# Training
#


def test_training_days_come_from_the_dates_unless_given(world, staff_world):
    assert staff_world.it_head.days == Decimal("5")
    assert staff_world.political.days == Decimal("2.5")
    with pytest.raises(ValidationError) as error:
        staff_fixtures.add_training(
            world.head, staff_world.worker, TrainingKind.OTHER, D(2026, 5, 1), D(2026, 5, 2), topic="x", days=Decimal(3)
        )
    assert "培训天数不能超过起止日期之间的天数(2天)。" in messages_of(error)


def test_a_certificate_needs_its_number(world, staff_world):
    record = TrainingRecord(
        staff=staff_world.worker,
        kind=TrainingKind.OFFICE_IT,
        topic="证书",
        start_on=D(2026, 5, 1),
        end_on=D(2026, 5, 1),
        certificate_obtained=True,
    )
    with pytest.raises(ValidationError) as error:
        training_record_save(actor=world.head, record=record)
    assert "取得证书的请填写证书编号。" in messages_of(error)


def test_one_training_for_several_staff(world, staff_world):
    template = TrainingRecord(
        kind=TrainingKind.SOCIAL_WORK, topic="社工", start_on=D(2026, 10, 8), end_on=D(2026, 10, 10),
        certificate_obtained=True,
    )  # fmt: skip
    records = training_records_add(
        actor=world.worker,
        staff=[staff_world.member, staff_world.leader],
        template=template,
        certificates={staff_world.member.pk: "SG-1", staff_world.leader.pk: "SG-2"},
    )
    assert [(r.staff, r.days, r.certificate_number) for r in records] == [
        (staff_world.member, Decimal("3"), "SG-1"),
        (staff_world.leader, Decimal("3"), "SG-2"),
    ]
    with pytest.raises(ValidationError) as error:
        training_records_add(actor=world.worker, staff=[staff_world.cadre], template=template)
    assert "周干部:取得证书的请填写证书编号。" in messages_of(error)


#
# Working bodies
#


def test_a_body_has_one_leader_and_members_sit_once(world, staff_world):
    body = staff_world.body
    with pytest.raises(ValidationError) as error:
        working_body_member_save(
            actor=world.head,
            member=WorkingBodyMember(
                body=body, staff=staff_world.deputy, role=MemberRole.LEADER, start_on=D(2025, 1, 1)
            ),
        )
    assert "本机构在此期间的组长是王书记" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        working_body_member_save(
            actor=world.head, member=WorkingBodyMember(body=body, staff=staff_world.worker, start_on=D(2025, 1, 1))
        )
    assert "该工作人员在此期间已是本机构成员。" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        working_body_member_save(actor=world.head, member=WorkingBodyMember(body=body, start_on=D(2025, 1, 1)))
    assert "请选择工作人员、填写居民身份证号,或填写姓名。" in messages_of(error)


def test_a_member_is_a_staff_member_or_a_person_not_both(world, staff_world):
    person = register_person(world.head, community=world.community, name="陈在册")
    member = WorkingBodyMember(body=staff_world.body, staff=staff_world.deputy, person=person, start_on=D(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        working_body_member_save(actor=world.head, member=member)
    assert "成员只能是工作人员或在册居民之一。" in messages_of(error)


#
# Representatives
#


def test_representative_defaults_to_the_persons_group_and_one_group_leader(world):
    first = register_person(world.head, community=world.community, name="甲", group=world.group_a)
    second = register_person(world.head, community=world.community, name="乙", group=world.group_a)
    term = representative_save(
        actor=world.head,
        representative=ResidentRepresentative(
            person=first, kind=RepresentativeKind.GROUP_LEADER, start_on=D(2024, 3, 8)
        ),
    )
    assert (term.group, term.community) == (world.group_a, world.community)
    with pytest.raises(ValidationError) as error:
        representative_save(
            actor=world.head,
            representative=ResidentRepresentative(
                person=second, kind=RepresentativeKind.GROUP_LEADER, start_on=D(2025, 1, 1)
            ),
        )
    assert "寨子在此期间的居民小组长是甲。" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        representative_save(
            actor=world.head,
            representative=ResidentRepresentative(
                person=first, kind=RepresentativeKind.GROUP_LEADER, group=world.group_b, start_on=D(2025, 1, 1)
            ),
        )
    assert "该居民在此期间已是居民小组长。" in messages_of(error)
    # Representing is another kind: allowed beside leading the group.
    representative_save(actor=world.head, representative=ResidentRepresentative(person=first, start_on=D(2024, 3, 8)))


#
# 考勤
#


def test_attendance_needs_a_serving_staff_member_and_one_row_a_day(world, staff_world):
    with pytest.raises(ValidationError) as error:
        attendance_save(
            actor=world.worker,
            attendance=WorkAttendance(staff=staff_world.former, date=D(2026, 11, 2), status=AttendanceStatus.ABSENT),
        )
    assert "吴网格在2026-11-02不在岗。" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        attendance_save(
            actor=world.worker,
            attendance=WorkAttendance(staff=staff_world.deputy, date=D(2026, 11, 5), status=AttendanceStatus.LEAVE),
        )
    assert "该工作人员当天已有考勤记录。" in messages_of(error)
    assert staff_world.absent.recorded_by == world.head


def test_recording_a_day_creates_and_corrects(world, staff_world):
    entries = [
        DayEntry(staff_world.deputy, AttendanceStatus.LEAVE, "补假条"),  # corrects the 无故不上班 of 11-05
        DayEntry(staff_world.head, AttendanceStatus.PRESENT),
        DayEntry(staff_world.worker, AttendanceStatus.PRESENT),
    ]
    written = attendance_record_day(actor=world.worker, community=world.community, day=D(2026, 11, 5), entries=entries)
    assert len(written) == 3
    rows = {row.staff_id: row for row in WorkAttendance.objects.filter(date=D(2026, 11, 5), community=world.community)}
    assert rows[staff_world.deputy.pk].status == AttendanceStatus.LEAVE
    assert rows[staff_world.deputy.pk].recorded_by == world.head  # the row keeps who first recorded it
    assert rows[staff_world.head.pk].recorded_by == world.worker
    again = attendance_record_day(actor=world.worker, community=world.community, day=D(2026, 11, 5), entries=entries)
    assert again == []  # nothing changed
    with pytest.raises(ValidationError):
        attendance_record_day(
            actor=world.worker,
            community=world.community,
            day=D(2026, 11, 5),
            entries=[DayEntry(staff_world.other, AttendanceStatus.PRESENT)],
        )


#
# Elections
#


def new_election(world, **fields) -> Election:
    fields = {"kind": ElectionKind.COMMITTEE, "term_label": "第十一届", "date": D(2026, 11, 10),
              "registered_voters": 100, "votes_cast": 100, **fields}  # fmt: skip
    return election_save(actor=world.head, election=Election(**fields))


def test_turnout_over_100_percent_is_refused(world):
    with pytest.raises(ValidationError) as error:
        new_election(world, registered_voters=100, votes_cast=101)
    assert "参选人数(101人)不能超过选民数(100人),参选率不能超过100%。" in messages_of(error)
    election = new_election(world, registered_voters=100, votes_cast=98)
    assert election.turnout == pytest.approx(0.98)
    assert election.turnout_display == "98%"
    assert election.community == world.community


def test_a_candidate_cannot_win_more_votes_than_were_cast(world, staff_world):
    election = new_election(world, votes_cast=80)
    with pytest.raises(ValidationError) as error:
        candidate_save(
            actor=world.head,
            candidate=ElectionCandidate(election=election, staff=staff_world.worker, post_sought=Post.MEMBER, votes=81),
        )
    assert "得票数(81票)不能超过参选人数(80人)。" in messages_of(error)
    candidate_save(
        actor=world.head,
        candidate=ElectionCandidate(election=election, staff=staff_world.worker, post_sought=Post.MEMBER, votes=70),
    )
    election.votes_cast = 60
    with pytest.raises(ValidationError) as error:
        election_save(actor=world.head, election=election)
    assert "已有候选人得票70票,参选人数不能少于此数。" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        candidate_save(actor=world.head, candidate=ElectionCandidate(election=election, name="无职务", votes=1))
    assert "居委会换届请填写竞选职务。" in messages_of(error)


def test_confirming_a_committee_election_renews_the_committee(world, staff_world):
    election = new_election(world, date=D(2026, 11, 10))
    plan = [
        (staff_world.head, Post.DIRECTOR, 90, True),
        (staff_world.worker, Post.DEPUTY_DIRECTOR, 80, True),
        (staff_world.member, Post.MEMBER, 40, False),
    ]
    for staff, post, votes, elected in plan:
        candidate_save(
            actor=world.head,
            candidate=ElectionCandidate(election=election, staff=staff, post_sought=post, votes=votes, elected=elected),
        )
    candidate_save(
        actor=world.head,
        candidate=ElectionCandidate(
            election=election, name="外来候选人", post_sought=Post.MEMBER, votes=60, elected=True
        ),
    )
    result = election_confirm_elected(actor=world.head, election=election)

    # The 主任 and 委员 terms still open end on the election day; the 副主任 had ended in June.
    assert {post.pk for post in result.ended_posts} == {staff_world.director.pk, staff_world.committee_member.pk}
    assert CommitteePost.objects.get(pk=staff_world.committee_member.pk).end_on == D(2026, 11, 10)
    assert [(post.staff, post.post, post.start_on) for post in result.posts] == [
        (staff_world.head, Post.DIRECTOR, D(2026, 11, 10)),
        (staff_world.worker, Post.DEPUTY_DIRECTOR, D(2026, 11, 10)),
    ]
    assert result.skipped == ["外来候选人(不是本社区工作人员)"]
    # The party committee is not touched by a 居委会 election.
    assert CommitteePost.objects.get(pk=staff_world.secretary.pk).end_on is None
    election.refresh_from_db()
    assert election.is_confirmed
    assert election.confirmed_by == world.head
    assert staff_world.worker.fine_rank_on(D(2026, 11, 10)) == FineRank.LEADER

    with pytest.raises(ValidationError) as error:
        election_confirm_elected(actor=world.head, election=election)
    assert "本次选举已确认当选结果,不能再修改。" in messages_of(error)
    with pytest.raises(ValidationError):
        candidate_save(
            actor=world.head, candidate=ElectionCandidate(election=election, name="迟到", post_sought="member")
        )


def test_confirming_needs_someone_elected(world):
    election = new_election(world)
    with pytest.raises(ValidationError) as error:
        election_confirm_elected(actor=world.head, election=election)
    assert "还没有标记当选的候选人。" in messages_of(error)
    assert not Election.objects.get(pk=election.pk).is_confirmed


def test_confirming_a_representatives_election(world, staff_world):
    old = register_person(world.head, community=world.community, name="老代表", group=world.group_a)
    kept = register_person(world.head, community=world.community, name="别组代表", group=world.group_b)
    new = register_person(world.head, community=world.community, name="新代表", group=world.group_a)
    for person in (old, kept):
        representative_save(
            actor=world.head, representative=ResidentRepresentative(person=person, start_on=D(2021, 3, 8))
        )
    staffer = register_person(world.head, community=world.community, name="工作人员代表", group=world.group_a)
    staff = add_staff(world.head, world.community, "", person=staffer)
    election = new_election(world, kind=ElectionKind.REPRESENTATIVES)
    candidate_save(actor=world.head, candidate=ElectionCandidate(election=election, person=new, votes=60, elected=True))
    candidate_save(
        actor=world.head, candidate=ElectionCandidate(election=election, staff=staff, votes=55, elected=True)
    )
    candidate_save(actor=world.head, candidate=ElectionCandidate(election=election, person=old, votes=20))

    result = election_confirm_elected(actor=world.head, election=election)
    assert sorted(term.person.name for term in result.representatives) == ["工作人员代表", "新代表"]
    assert all(term.election == election and term.elected_on == D(2026, 11, 10) for term in result.representatives)
    # Only the elected group (寨子) renews its representatives; 岔河's keeps hers.
    assert [term.person.name for term in result.ended_representatives] == ["老代表"]
    assert ResidentRepresentative.objects.get(person=kept).end_on is None


def test_an_elected_representative_must_be_a_resident(world):
    election = new_election(world, kind=ElectionKind.GROUP_LEADERS)
    candidate_save(actor=world.head, candidate=ElectionCandidate(election=election, name="外人", votes=5, elected=True))
    with pytest.raises(ValidationError) as error:
        election_confirm_elected(actor=world.head, election=election)
    assert "当选人外人不是在册居民,不能登记为居民小组长。" in messages_of(error)
