"""Pages of the staff area: the permission matrix of every URL, then the lists' search and filters, the forms
through the services, the 两委班子 page, the training summary, the 考勤 table and day register, and elections."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from committee.models.staff import (
    AttendanceStatus,
    CommitteePost,
    Election,
    ElectionCandidate,
    ElectionKind,
    ResidentRepresentative,
    Staff,
    TrainingRecord,
    WorkAttendance,
)
from committee.services.staff import candidate_save, representative_save
from tests.committee import staff_fixtures
from tests.excel.helpers import register_person
from tests.matrix import Page

pytestmark = pytest.mark.django_db

staff_world = staff_fixtures.staff_world
D = datetime.date


@pytest.fixture
def pages_world(world, staff_world):
    person = register_person(world.head, community=world.community, name="何代表", group=world.group_a)
    world.representative = representative_save(
        actor=world.head, representative=ResidentRepresentative(person=person, start_on=D(2025, 3, 8))
    )
    world.candidate = candidate_save(
        actor=world.head,
        candidate=ElectionCandidate(election=staff_world.election, staff=staff_world.head, post_sought="director"),
    )
    world.staff = staff_world.head
    world.training = staff_world.it_head
    world.post = staff_world.director
    world.body = staff_world.body
    world.body_member = staff_world.body_member
    world.attendance = staff_world.absent
    world.election = staff_world.election
    return world


LISTS = [
    ("staff_list", "staff"),
    ("trainingrecord_list", "training"),
    ("workingbody_list", "body"),
    ("residentrepresentative_list", "representative"),
    ("election_list", "election"),
]
COMMUNITY_PAGES = ["committeepost_list", "trainingrecord_summary"]
DETAILS = [
    ("staff_detail", "staff"),
    ("trainingrecord_detail", "training"),
    ("workingbody_detail", "body"),
    ("residentrepresentative_detail", "representative"),
    ("workattendance_detail", "attendance"),
    ("election_detail", "election"),
]
FORMS = [
    ("staff_add", None),
    ("staff_edit", "staff"),
    ("committeepost_add", "staff"),
    ("committeepost_end", "post"),
    ("trainingrecord_add", None),
    ("trainingrecord_edit", "training"),
    ("workingbody_add", None),
    ("workingbody_edit", "body"),
    ("workingbodymember_add", "body"),
    ("workingbodymember_edit", "body_member"),
    ("residentrepresentative_add", None),
    ("residentrepresentative_edit", "representative"),
    ("workattendance_add", None),
    ("workattendance_edit", "attendance"),
    ("workattendance_day", None),
    ("election_add", None),
    ("election_edit", "election"),
    ("electioncandidate_add", "election"),
    ("electioncandidate_edit", "candidate"),
    ("election_confirm", "election"),
]
EDITORS_ELSEWHERE = ("other_head",)

PAGES = [
    *(Page(f"committee:{name}", hides=hides, allowed="worker", denied="norole") for name, hides in LISTS),
    *(Page(f"committee:{name}", hides=hides, allowed="street_leader", denied="mediator") for name, hides in LISTS),
    Page("committee:workattendance_list", hides="attendance", allowed="worker", denied="norole"),
    Page("committee:workattendance_list", allowed="auditor", denied="grid_worker"),
    *(Page(f"committee:{name}", allowed="worker", denied="norole") for name in COMMUNITY_PAGES),
    *(Page(f"committee:{name}", allowed="street_leader", denied="mediator") for name in COMMUNITY_PAGES),
    *(Page(f"committee:{name}", obj=obj, allowed="worker", denied="norole") for name, obj in DETAILS),
    *(Page(f"committee:{name}", obj=obj, allowed="auditor", denied="mediator") for name, obj in DETAILS),
    *(
        Page(f"committee:{name}", obj=obj, allowed="worker", denied="norole", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in FORMS
    ),
    *(
        Page(
            f"committee:{name}", obj=obj, allowed="head", denied="street_leader", post=True, outsiders=EDITORS_ELSEWHERE
        )
        for name, obj in FORMS
    ),
    *(
        Page(f"committee:{name}", obj=obj, allowed="head", denied="grid_worker", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in FORMS
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


#
# Staff
#


def test_staff_list_search_and_filters(world, staff_world, client):
    client.force_login(world.worker)
    url = reverse("committee:staff_list")
    page = client.get(url).content.decode()
    assert staff_world.head.get_absolute_url() in page
    assert staff_world.former.get_absolute_url() not in page  # serving today by default
    assert "大专以上文化程度 4 人" in page
    everyone = client.get(url, {"serving": ""}).content.decode()
    assert staff_world.former.get_absolute_url() in everyone
    assert staff_world.other.get_absolute_url() not in everyone

    def names(**query):
        return {item.name for item in client.get(url, query).context["object_list"]}

    assert names(q="钱") == {"钱社工"}
    assert names(q=staff_world.head.phone or "王书") == {"王书记"}
    assert names(education="college_plus") == {"王书记", "李副主任", "钱社工", "周干部"}
    assert names(certified="1") == {"王书记", "钱社工"}
    assert names(position="group_leader") == {"孙组长"}
    assert names(full_time="0") == {"孙组长", "周干部"}
    assert names(serving="0") == {"吴网格"}


def test_add_a_staff_member_linked_to_a_resident(world, client):
    person = register_person(world.head, community=world.community, name="马在册", group=world.group_a)
    client.force_login(world.worker)
    response = client.post(
        reverse("committee:staff_add"),
        {
            "person": person.id_number,
            "user": world.grid_worker.pk,
            "name": "",
            "phone": "13900001111",
            "position": "group_leader",
            "group": world.group_a.pk,
            "full_time": "",
            "employment_kind": "elected",
            "education": "junior",
            "joined_on": "2024-03-08",
        },
    )
    staff = Staff.objects.get(person=person)
    assert response.status_code == 302
    assert response.url == staff.get_absolute_url()
    assert (staff.name, staff.user, staff.community, staff.full_time) == (
        "马在册",
        world.grid_worker,
        world.community,
        False,
    )
    page = client.get(staff.get_absolute_url()).content.decode()
    assert "小组干部" in page  # the fine rank of a 居民小组长


def test_the_account_choice_offers_only_free_accounts_of_the_community(world, staff_world, client):
    client.force_login(world.head)
    form = client.get(reverse("committee:staff_add")).context["form"]
    offered = set(form.fields["user"].queryset)
    assert world.grid_worker in offered
    assert world.worker not in offered  # already 钱社工's
    assert world.other_worker not in offered


def test_a_departure_through_the_edit_form_ends_the_posts(world, staff_world, client):
    head = staff_world.head
    client.force_login(world.head)
    url = reverse("committee:staff_edit", kwargs={"pk": head.pk})
    data = {
        key: value
        for key, value in client.get(url).context["form"].initial.items()
        if value is not None and key != "person"
    }
    data.update(user=world.head.pk, left_on="2026-11-30", joined_on="2020-01-01", full_time="on", certified="on")
    data["social_work_trained"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert set(CommitteePost.objects.filter(staff=head).values_list("end_on", flat=True)) == {D(2026, 11, 30)}


#
# 两委
#


def test_posts_through_the_staff_page_and_the_roster(world, staff_world, client):
    client.force_login(world.worker)
    response = client.post(
        reverse("committee:committeepost_add", kwargs={"pk": staff_world.worker.pk}),
        {"body": "party", "post": "deputy_secretary", "start_on": "2026-07-01", "end_on": "", "note": ""},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("committee:committeepost_add", kwargs={"pk": staff_world.worker.pk}),
        {"body": "party", "post": "director", "start_on": "2026-07-01"},
    )
    assert "社区党组织委员会的职务只能是书记、副书记、委员。" in response.content.decode()
    roster = client.get(reverse("committee:committeepost_list")).content.decode()
    assert "钱社工" in roster
    assert "李副主任" not in roster  # ended in June
    earlier = client.get(reverse("committee:committeepost_list"), {"on": "2026-06-01"}).content.decode()
    assert "李副主任" in earlier
    assert "钱社工" not in earlier

    response = client.post(
        reverse("committee:committeepost_end", kwargs={"pk": staff_world.committee_member.pk}),
        {"end_on": "2026-11-10", "note": "辞职"},
    )
    assert response.status_code == 302
    assert CommitteePost.objects.get(pk=staff_world.committee_member.pk).end_on == D(2026, 11, 10)


#
# Training
#


def test_a_training_for_two_staff_members(world, staff_world, client):
    client.force_login(world.worker)
    data = {
        "staff": [staff_world.member.pk, staff_world.leader.pk],
        "kind": "office_it",
        "topic": "信息系统培训",
        "provider": "区民政局",
        "start_on": "2026-10-12",
        "end_on": "2026-10-14",
        "days": "",
        "certificate_obtained": "on",
        "certificate_numbers": "赵委员 XS-01",
    }
    response = client.post(reverse("committee:trainingrecord_add"), data)
    assert "请填写孙组长的证书编号。" in response.content.decode()
    response = client.post(
        reverse("committee:trainingrecord_add"), {**data, "certificate_numbers": "赵委员 XS-01\n孙组长:XS-02"}
    )
    assert response.status_code == 302
    records = TrainingRecord.objects.filter(topic="信息系统培训").order_by("certificate_number")
    assert [(r.staff.name, str(r.days), r.certificate_number) for r in records] == [
        ("赵委员", "3.0", "XS-01"),
        ("孙组长", "3.0", "XS-02"),
    ]
    summary = client.get(reverse("committee:trainingrecord_summary"), {"year": "2026"})
    assert summary.context["figures"].year == 2026
    names = [row.staff.name for row in summary.context["rows"]]
    assert "孙组长" in names
    assert "周邻居" not in names


#
# Working bodies and representatives
#


def test_working_bodies_point_to_the_mediation_committee_for_those_who_may_see_it(world, staff_world, client):
    from safety.models.mediation import CommitteeMember
    from safety.services.mediation import committee_member_save

    committee_member_save(
        actor=world.head, member=CommitteeMember(community=world.community, name="调解员", start_on=D(2024, 1, 1))
    )
    client.force_login(world.head)
    page = client.get(reverse("committee:workingbody_list")).content.decode()
    assert reverse("safety:committeemember_list") in page
    assert "现有成员 1 人" in page
    client.force_login(world.worker)
    page = client.get(reverse("committee:workingbody_list")).content.decode()
    assert reverse("safety:committeemember_list") not in page
    detail = client.get(staff_world.body.get_absolute_url()).content.decode()
    assert "陈民警" in detail
    assert "现有成员(3人)" in detail


def test_add_a_resident_to_a_working_body(world, staff_world, client):
    person = register_person(world.head, community=world.community, name="监审员", group=world.group_b)
    client.force_login(world.worker)
    response = client.post(
        reverse("committee:workingbodymember_add", kwargs={"pk": staff_world.body.pk}),
        {"person": person.id_number, "role": "member", "start_on": "2026-01-01"},
    )
    assert response.status_code == 302
    assert staff_world.body.members.filter(person=person).exists()


def test_representatives_filtered_by_group_and_kind(world, client):
    a = register_person(world.head, community=world.community, name="寨子代表", group=world.group_a)
    b = register_person(world.head, community=world.community, name="岔河组长", group=world.group_b)
    client.force_login(world.worker)
    for person, kind in ((a, "representative"), (b, "group_leader")):
        response = client.post(
            reverse("committee:residentrepresentative_add"),
            {
                "person": person.id_number,
                "kind": kind,
                "group": "",
                "start_on": "2024-03-08",
                "elected_on": "2024-03-08",
            },
        )
        assert response.status_code == 302
    url = reverse("committee:residentrepresentative_list")

    def names(**query):
        return {item.person.name for item in client.get(url, query).context["object_list"]}

    assert names() == {"寨子代表", "岔河组长"}
    assert names(group=world.group_a.pk) == {"寨子代表"}
    assert names(kind="group_leader") == {"岔河组长"}


#
# 考勤
#


def test_the_month_table_highlights_unexcused_days(world, staff_world, client):
    client.force_login(world.worker)
    response = client.get(reverse("committee:workattendance_list"), {"month": "2026-11"})
    page = response.content.decode()
    assert response.context["sheet"].absent_days == 1
    assert page.count('class="table-danger fw-semibold"') == 1
    assert staff_world.absent.get_absolute_url() in page
    assert staff_world.other_attendance.get_absolute_url() not in page
    absent_only = client.get(reverse("committee:workattendance_list"), {"month": "2026-11", "status": "absent"})
    assert [row.staff.name for row in absent_only.context["sheet"].rows] == ["李副主任"]


def test_recording_a_day(world, staff_world, client):
    client.force_login(world.worker)
    url = reverse("committee:workattendance_day")
    form = client.get(url, {"date": "2026-11-09"}).context["form"]
    assert [member.name for member in form.staff] == sorted(["王书记", "李副主任", "赵委员", "钱社工"])
    data = {"date": "2026-11-09"}
    for member in form.staff:
        data[f"status_{member.pk}"] = "present"
        data[f"note_{member.pk}"] = ""
    data[f"status_{staff_world.member.pk}"] = "absent"
    response = client.post(url, data)
    assert response.status_code == 302
    rows = WorkAttendance.objects.filter(community=world.community, date=D(2026, 11, 9))
    assert rows.count() == 4
    assert rows.get(staff=staff_world.member).status == AttendanceStatus.ABSENT
    assert all(row.recorded_by == world.worker for row in rows)


#
# Elections
#


def test_an_election_with_a_turnout_over_100_percent_is_refused(world, client):
    client.force_login(world.worker)
    data = {"kind": "committee", "term_label": "第十一届", "date": "2026-11-10", "registered_voters": "100",
            "votes_cast": "120", "note": ""}  # fmt: skip
    response = client.post(reverse("committee:election_add"), data)
    assert response.status_code == 200
    assert "参选人数(120人)不能超过选民数(100人),参选率不能超过100%。" in response.content.decode()
    assert not Election.objects.filter(term_label="第十一届").exists()


def test_an_election_through_its_pages(world, staff_world, client):
    client.force_login(world.head)
    data = {"kind": "committee", "term_label": "第十一届", "date": "2026-11-10", "registered_voters": "100",
            "votes_cast": "100", "note": ""}  # fmt: skip
    response = client.post(reverse("committee:election_add"), data)
    election = Election.objects.get(term_label="第十一届")
    assert response.url == election.get_absolute_url()
    add = reverse("committee:electioncandidate_add", kwargs={"pk": election.pk})
    response = client.post(add, {"staff": staff_world.worker.pk, "post_sought": "director", "votes": "101"})
    assert "得票数(101票)不能超过参选人数(100人)。" in response.content.decode()
    client.post(add, {"staff": staff_world.worker.pk, "post_sought": "director", "votes": "97", "elected": "on"})
    page = client.get(election.get_absolute_url()).content.decode()
    assert '<div class="stat" id="turnout">100%</div>' in page
    assert "97%" in page  # the candidate's share
    response = client.post(reverse("committee:election_confirm", kwargs={"pk": election.pk}), {"confirm": "on"})
    assert response.status_code == 302
    election.refresh_from_db()
    assert election.is_confirmed
    assert CommitteePost.objects.filter(staff=staff_world.worker, post="director", start_on=D(2026, 11, 10)).exists()
    page = client.get(election.get_absolute_url()).content.decode()
    assert reverse("committee:election_confirm", kwargs={"pk": election.pk}) not in page
    response = client.post(reverse("committee:election_confirm", kwargs={"pk": election.pk}), {"confirm": "on"})
    assert "本次选举已确认当选结果,不能再修改。" in response.content.decode()
    assert election.kind == ElectionKind.COMMITTEE


def test_list_pages_keep_their_query_budget(world, staff_world, client, django_assert_max_num_queries):
    client.force_login(world.worker)
    for name in ("staff_list", "trainingrecord_list", "workingbody_list", "election_list", "workattendance_list"):
        with django_assert_max_num_queries(20):
            assert client.get(reverse(f"committee:{name}")).status_code == 200
