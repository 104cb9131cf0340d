"""Pages of the party area: the permission matrix of every URL, the forms through to their services, the
tree with its counts, the filters, and the query budget of the lists."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from committee.models.party import MembershipKind, MemberStatus, PartyActivity, PartyCheckIn, PartyMember
from residents.choices import PoliticalStatus
from tests.committee import party_fixtures
from tests.committee.party_fixtures import resident
from tests.matrix import Page

pytestmark = pytest.mark.django_db

party = party_fixtures.party
D = datetime.date


@pytest.fixture
def pages_world(world, party):
    """The world with the party records as attributes, for ``Page(obj=...)``."""
    world.organisation = party.general
    world.member = party.chen
    world.probationary = party.zhao
    world.transfer = party.transfer_in
    world.checkin = party.resident_checkin
    world.activity = party.spring
    return world


REGISTERS = [
    ("partyorganisation", "organisation"),
    ("partymember", "member"),
    ("partytransfer", "transfer"),
    ("partycheckin", "checkin"),
    ("partyactivity", "activity"),
]
LISTS = [(f"{name}_list", obj) for name, obj in REGISTERS] + [("partyorganisation_tree", "organisation")]
DETAILS = [(f"{name}_detail", obj) for name, obj in REGISTERS]
FORMS = [
    *((f"{name}_add", None) for name, _ in REGISTERS),
    *((f"{name}_edit", obj) for name, obj in REGISTERS),
    ("partymember_confirm", "probationary"),
    ("partymember_end", "member"),
    ("partymember_transfer_out", "member"),
]
EDITORS_ELSEWHERE = ("other_head", "other_worker")

PAGES = [
    *(Page(f"committee:{name}", hides=obj, allowed="worker", denied="norole") for name, obj in LISTS),
    *(Page(f"committee:{name}", hides=obj, allowed="street_leader", denied="mediator") for name, obj in LISTS),
    *(Page(f"committee:{name}", obj=obj, allowed="worker", denied="norole") for name, obj in DETAILS),
    *(Page(f"committee:{name}", obj=obj, allowed="auditor", denied="grid_worker") for name, obj in DETAILS),
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
        Page(f"committee:{name}", obj=obj, allowed="head", denied="auditor", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in FORMS
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


class TestOrganisationPages:
    def test_the_tree_shows_each_level_with_its_counts(self, client, world, party):
        client.force_login(world.worker)
        page = client.get(reverse("committee:partyorganisation_tree")).content.decode()
        names = ["中共箐口社区总支部委员会", "寨子党支部", "寨子第一党小组", "岔河党支部"]
        assert [page.index(name) for name in names] == sorted(page.index(name) for name in names)
        assert "中共朵亩社区支部委员会" not in page
        # 陈国华 is the 寨子党支部's secretary; the 总支 has five members below it.
        assert party.chen.get_absolute_url() in page
        assert '<td class="text-end fw-semibold">5</td>' in page

    def test_a_street_leader_picks_the_community(self, client, world, party):
        client.force_login(world.street_leader)
        page = client.get(reverse("committee:partyorganisation_tree"), {"community": world.other_community.pk})
        assert "中共朵亩社区支部委员会" in page.content.decode()
        assert "中共箐口社区总支部委员会" not in page.content.decode()

    def test_a_worker_founds_a_party_group(self, client, world, party):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:partyorganisation_add"),
            {"name": "岔河第一党小组", "kind": "cell", "parent": party.branch_b.pk, "group": world.group_b.pk},
        )
        assert response.status_code == 302, response.context["form"].errors
        created = party.branch_b.children.get()
        assert (created.community, created.name) == (world.community, "岔河第一党小组")

    def test_a_party_group_without_a_branch_is_refused_on_the_form(self, client, world, party):
        client.force_login(world.worker)
        response = client.post(reverse("committee:partyorganisation_add"), {"name": "孤立党小组", "kind": "cell"})
        assert response.status_code == 200
        assert "党小组须填写所属党支部。" in response.content.decode()


class TestMemberPages:
    def test_a_worker_records_a_member_by_id_number(self, client, world, party):
        person = resident(world.head, world.community, "何新", D(1999, 3, 3), group=world.group_a,
                          status=PoliticalStatus.PROBATIONARY)  # fmt: skip
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:partymember_add"),
            {"person": person.id_number, "organisation": party.cell_a.pk, "category": "graduate",
             "joined_on": "2026-01-10"},
        )  # fmt: skip
        assert response.status_code == 302, response.context["form"].errors
        member = PartyMember.objects.get(person=person)
        assert (member.kind, member.group, member.status) == (
            MembershipKind.PROBATIONARY, world.group_a, MemberStatus.ACTIVE,
        )  # fmt: skip
        page = client.get(member.get_absolute_url()).content.decode()
        assert "预备期满:2027-01-10" in page
        assert person.id_number not in page  # a worker sees the number masked

    def test_a_resident_who_is_not_a_party_member_is_refused_on_the_form(self, client, world, party):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:partymember_add"),
            {"person": party.masses.id_number, "organisation": party.cell_a.pk, "category": "farmer",
             "joined_on": "2000-07-01"},
        )  # fmt: skip
        assert response.status_code == 200
        assert "吴芳的政治面貌是群众,只有中共党员、中共预备党员才能登记为党员。" in response.content.decode()

    def test_confirm_transfer_out_and_end_from_the_member_page(self, client, world, party):
        client.force_login(world.worker)
        page = client.get(party.zhao.get_absolute_url()).content.decode()
        assert reverse("committee:partymember_confirm", kwargs={"pk": party.zhao.pk}) in page
        response = client.post(reverse("committee:partymember_confirm", kwargs={"pk": party.zhao.pk}),
                               {"on": "2026-06-05"})  # fmt: skip
        assert response.status_code == 302
        party.zhao.refresh_from_db()
        assert party.zhao.kind == MembershipKind.FULL

        response = client.post(
            reverse("committee:partymember_transfer_out", kwargs={"pk": party.wang.pk}),
            {"on": "2026-08-01", "to_organisation": "中共某市某公司支部委员会", "letter_number": "ZC2026-09"},
        )
        assert response.status_code == 302
        party.wang.refresh_from_db()
        assert party.wang.status == MemberStatus.TRANSFERRED_OUT
        page = client.get(party.wang.get_absolute_url()).content.decode()
        assert "ZC2026-09" in page
        assert reverse("committee:partymember_transfer_out", kwargs={"pk": party.wang.pk}) not in page

        response = client.post(
            reverse("committee:partymember_end", kwargs={"pk": party.li.pk}),
            {"status": "deceased", "on": "2026-09-09", "note": "病故"},
        )
        assert response.status_code == 302
        party.li.refresh_from_db()
        assert (party.li.status, party.li.status_note) == (MemberStatus.DECEASED, "病故")

    def test_confirming_too_early_is_shown_on_the_form(self, client, world, party):
        client.force_login(world.worker)
        response = client.post(reverse("committee:partymember_confirm", kwargs={"pk": party.zhao.pk}),
                               {"on": "2026-05-01"})  # fmt: skip
        assert response.status_code == 200
        assert "预备期为一年,赵敏最早于2026年06月01日转正。" in response.content.decode()

    def test_the_organisation_filter_takes_the_subtree(self, client, world, party):
        client.force_login(world.worker)
        response = client.get(reverse("committee:partymember_list"), {"organisation": party.branch_a.pk})
        listed = {member.person.name for member in response.context["object_list"]}
        assert listed == {"陈国华", "李秀兰", "刘军"}

    def test_filters_by_category_kind_status_and_sex(self, client, world, party):
        client.force_login(world.worker)
        url = reverse("committee:partymember_list")

        def names(**query):
            return {m.person.name for m in client.get(url, query).context["object_list"]}

        assert names(kind="probationary") == {"赵敏"}
        assert names(status="transferred_out") == {"孙涛"}
        assert names(sex="F") == {"李秀兰", "赵敏"}
        assert names(category="veteran", transferred_in="1") == {"刘军"}
        assert names(q="陈国") == {"陈国华"}

    def test_the_list_shows_the_figures_of_the_community(self, client, world, party):
        client.force_login(world.worker)
        response = client.get(reverse("committee:partymember_list"))
        assert response.context["figures"].total == 5
        page = response.content.decode()
        assert "在册党员" in page
        assert "人均帮困、助残、敬老" in page

    def test_the_list_keeps_to_its_query_budget(self, client, world, party, django_assert_max_num_queries):
        client.force_login(world.worker)
        url = reverse("committee:partymember_list")
        client.get(url)
        with django_assert_max_num_queries(20):
            client.get(url)


class TestTransferPages:
    def test_a_worker_records_a_transfer_in(self, client, world, party):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:partytransfer_add"),
            {"person": party.masses.id_number, "organisation": party.branch_b.pk, "on": "2026-07-01",
             "from_organisation": "中共曲靖市某村支部委员会", "letter_number": "ZR2026-05", "category": "floating",
             "kind": "full", "joined_on": "2010-07-01", "confirmed_on": "2011-07-01"},
        )  # fmt: skip
        assert response.status_code == 302, response.context["form"].errors
        member = PartyMember.objects.get(person=party.masses)
        assert response.url == member.get_absolute_url()
        assert (member.transferred_in_on, member.organisation) == (D(2026, 7, 1), party.branch_b)
        party.masses.refresh_from_db()
        assert party.masses.political_status == PoliticalStatus.PARTY_MEMBER

    def test_a_transfer_is_corrected_but_not_redirected(self, client, world, party):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:partytransfer_edit", kwargs={"pk": party.transfer_out.pk}),
            {"letter_number": "ZC2026-01A", "from_organisation": "岔河党支部", "to_organisation": "中共某公司支部",
             "direction": "in"},
        )  # fmt: skip
        assert response.status_code == 302
        party.transfer_out.refresh_from_db()
        assert (party.transfer_out.letter_number, party.transfer_out.direction) == ("ZC2026-01A", "out")


class TestCheckInAndActivityPages:
    def test_a_visitor_reports_with_name_and_id_number(self, client, world, party):
        client.force_login(world.worker)
        number = party_fixtures.make_id(D(1986, 6, 6))
        response = client.post(
            reverse("committee:partycheckin_add"),
            {"name": "韩冬", "id_number": number, "work_unit": "箐口卫生所", "unit": world.unit.pk,
             "reported_on": "2026-07-01", "post": "健康咨询岗"},
        )  # fmt: skip
        assert response.status_code == 302, response.context["form"].errors
        checkin = PartyCheckIn.objects.get(name="韩冬")
        page = client.get(checkin.get_absolute_url()).content.decode()
        assert "健康咨询岗" in page
        assert number not in page

    def test_a_worker_records_an_activity_with_its_participants(self, client, world, party):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:partyactivity_add"),
            {"organisation": party.branch_b.pk, "date": "2026-07-15", "kind": "poverty", "title": "夏季走访",
             "beneficiaries": "6", "participants": [party.wang.pk, party.zhao.pk],
             "checkin_participants": [party.resident_checkin.pk]},
        )  # fmt: skip
        assert response.status_code == 302, response.context["form"].errors
        created = PartyActivity.objects.get(title="夏季走访")
        assert set(created.participants.all()) == {party.wang, party.zhao}
        assert created.community == world.community
        page = client.get(created.get_absolute_url()).content.decode()
        assert "王强" in page
        assert "郑伟" in page

    def test_a_participant_off_the_register_is_shown_on_the_form(self, client, world, party):
        client.force_login(world.worker)
        response = client.post(
            reverse("committee:partyactivity_add"),
            {"organisation": party.general.pk, "date": "2026-02-01", "kind": "poverty", "title": "走访",
             "beneficiaries": "0", "participants": [party.liu.pk]},
        )  # fmt: skip
        assert response.status_code == 200
        assert "刘军在2026-02-01不在本社区党员名册中。" in response.content.decode()

    def test_the_activity_list_shows_the_years_participation(self, client, world, party):
        client.force_login(world.worker)
        response = client.get(reverse("committee:partyactivity_list"), {"year": "2025"})
        figures = response.context["participation"]
        assert (figures.year, figures.members, figures.participating) == (2025, 5, 3)
        assert [a.title for a in response.context["object_list"]] == ["重阳节敬老"]
