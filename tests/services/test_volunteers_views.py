"""Pages of 志愿服务 and 阵地设施: the permission matrix of every URL, the forms through to their services,
grid workers' scope, and the figures on the list pages."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from services.models.facilities import Equipment, Facility
from services.models.volunteers import ActivityParticipation, HoursRedemption, Volunteer
from tests.matrix import Page
from tests.services import volunteers_fixtures

pytestmark = pytest.mark.django_db

volunteers = volunteers_fixtures.volunteers
facilities = volunteers_fixtures.facilities


@pytest.fixture
def pages_world(world, volunteers, facilities):
    """The world with the records as attributes, for ``Page(obj=...)``."""
    world.team = volunteers.general
    world.volunteer = volunteers.zhang
    world.activity = volunteers.spring
    world.post = volunteers.post
    world.facility = facilities.office
    world.equipment = facilities.phone
    world.outlet = facilities.store
    world.asset = facilities.pools_a
    return world


REGISTERS = [
    ("volunteerteam", "team"),
    ("volunteer", "volunteer"),
    ("volunteeractivity", "activity"),
    ("partypost", "post"),
    ("facility", "facility"),
    ("equipment", "equipment"),
    ("convenienceoutlet", "outlet"),
    ("infrastructureasset", "asset"),
]
DETAILS = [(f"{name}_detail", obj) for name, obj in REGISTERS] + [("volunteer_ledger", "volunteer")]
FORMS = [
    *((f"{name}_add", None) for name, _ in REGISTERS),
    *((f"{name}_edit", obj) for name, obj in REGISTERS),
    ("volunteer_redeem", "volunteer"),
    ("volunteeractivity_participants", "activity"),
]

# Form pages: users elsewhere who may write (a street leader may not write at all: 403 before the scope).
EDITORS_ELSEWHERE = ("other_head", "other_worker")

PAGES = [
    *(Page(f"services:{name}_list", hides=obj, allowed="worker", denied="norole") for name, obj in REGISTERS),
    *(Page(f"services:{name}_list", hides=obj, allowed="street_leader", denied="mediator") for name, obj in REGISTERS),
    *(Page(f"services:{name}", obj=obj, allowed="worker", denied="norole") for name, obj in DETAILS),
    *(Page(f"services:{name}", obj=obj, allowed="auditor", denied="mediator") for name, obj in DETAILS),
    *(
        Page(f"services:{name}", obj=obj, allowed="worker", denied="norole", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in FORMS
    ),
    # Street leaders and auditors read, and cannot write.
    *(
        Page(
            f"services:{name}", obj=obj, allowed="head", denied="street_leader", post=True, outsiders=EDITORS_ELSEWHERE
        )
        for name, obj in FORMS
    ),
    *(
        Page(f"services:{name}", obj=obj, allowed="head", denied="auditor", post=True, outsiders=EDITORS_ELSEWHERE)
        for name, obj in FORMS
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, pages_world, client):
    page.check(client, pages_world)


class TestVolunteerForms:
    def test_a_worker_registers_a_volunteer_by_id_number(self, client, world, population, volunteers):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:volunteer_add"),
            {
                "person": population.son.id_number,
                "background": "league",
                "intentions": ["elderly", "legal"],
                "skills": "电工",
                "teams": [volunteers.general.pk],
                "registered_on": "2026-05-04",
                "is_active": "on",
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        volunteer = Volunteer.objects.get(person=population.son)
        assert (volunteer.community, volunteer.group) == (world.community, world.group_a)
        assert volunteer.intention_labels == ["助老", "法律"]
        assert list(volunteer.teams.all()) == [volunteers.general]

        page = client.get(volunteer.get_absolute_url()).content.decode()
        assert "助老" in page
        assert "电工" in page
        assert population.son.id_number not in page  # a worker sees the number masked

    def test_a_second_registration_of_a_person_is_shown_on_the_form(self, client, world, population, volunteers):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:volunteer_add"),
            {"person": population.householder.id_number, "background": "resident", "registered_on": "2026-05-04"},
        )
        assert response.status_code == 200
        assert "该居民已登记为本社区志愿者。" in response.content.decode()

    def test_a_person_outside_the_scope_is_not_found(self, client, world, population):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:volunteer_add"),
            {"person": population.outsider.id_number, "background": "resident", "registered_on": "2026-05-04"},
        )
        assert response.status_code == 200
        assert "在您的管辖范围内没有证件号码为" in response.content.decode()
        assert not Volunteer.objects.filter(person=population.outsider, community=world.community).exists()

    def test_participants_and_hours_through_the_form(self, client, world, volunteers):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:volunteeractivity_add"),
            {"date": "2026-11-01", "title": "秋季大扫除", "team": volunteers.general.pk, "beneficiaries": "20"},
        )
        assert response.status_code == 302
        activity = volunteers.general.activities.get(title="秋季大扫除")
        form = client.get(reverse("services:volunteeractivity_participants", args=[activity.pk]))
        assert "李秀英" in form.content.decode()
        response = client.post(
            reverse("services:volunteeractivity_participants", args=[activity.pk]),
            {"volunteers": [volunteers.li.pk, volunteers.wang.pk], "hours": "2.5"},
        )
        assert response.status_code == 302
        assert ActivityParticipation.objects.filter(activity=activity, hours=Decimal("2.5")).count() == 2
        ledger = client.get(reverse("services:volunteer_ledger", args=[volunteers.li.pk])).content.decode()
        assert "秋季大扫除" in ledger
        assert "5.5" in ledger  # 3 + 2.5

    def test_redeeming_more_than_the_balance_is_refused_on_the_form(self, client, world, volunteers):
        client.force_login(world.worker)
        url = reverse("services:volunteer_redeem", args=[volunteers.li.pk])
        response = client.post(url, {"on": "2026-11-02", "hours": "5", "reason": "兑换"})
        assert response.status_code == 200
        assert "时间储备不足:现有3小时,不能支取5小时。" in response.content.decode()
        response = client.post(url, {"on": "2026-11-02", "hours": "1", "reason": "兑换理发"})
        assert response.url == reverse("services:volunteer_ledger", args=[volunteers.li.pk])
        assert HoursRedemption.objects.get(volunteer=volunteers.li).reason == "兑换理发"

    def test_a_party_post_for_someone_not_a_party_member_is_refused(self, client, world, population):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:partypost_add"),
            {
                "name": "法律咨询岗",
                "duty": "解答法律问题。",
                "member": population.son.id_number,
                "start_on": "2026-01-01",
            },
        )
        assert response.status_code == 200
        assert "张伟的政治面貌是群众,只能为党员设岗。" in response.content.decode()

    def test_a_grid_worker_sees_the_volunteers_of_their_groups_only(self, client, world, volunteers):
        client.force_login(world.grid_worker)
        page = client.get(reverse("services:volunteer_list")).content.decode()
        assert volunteers.zhang.get_absolute_url() in page
        assert volunteers.wang.get_absolute_url() not in page  # 岔河
        assert client.get(volunteers.wang.get_absolute_url()).status_code == 404

    def test_the_list_shows_the_year_s_figures(self, client, world, volunteers):
        client.force_login(world.worker)
        response = client.get(reverse("services:volunteer_list"))
        figures = response.context["figures"]
        assert (figures.registered, figures.teams) == (3, 2)

    def test_filters(self, client, world, volunteers):
        client.force_login(world.worker)
        response = client.get(reverse("services:volunteer_list"), {"team": volunteers.elderly.pk})
        assert [v.pk for v in response.context["object_list"]] == [volunteers.wang.pk]
        response = client.get(reverse("services:volunteer_list"), {"intention": "elderly", "q": "李"})
        assert [v.pk for v in response.context["object_list"]] == [volunteers.li.pk]
        response = client.get(reverse("services:volunteeractivity_list"), {"date_from": "2026-06-01"})
        assert [a.pk for a in response.context["object_list"]] == [volunteers.autumn.pk]


class TestFacilityForms:
    def test_a_worker_adds_a_facility_and_its_equipment(self, client, world, facilities):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:facility_add"),
            {
                "kind": "library",
                "name": "图书阅览室",
                "area_m2": "20",
                "count": "1",
                "tenure": "owned",
                "condition": "good",
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        library = Facility.objects.get(name="图书阅览室")
        assert library.community == world.community
        form = client.get(reverse("services:equipment_add"), {"facility": library.pk})
        assert form.context["form"].initial["facility"] == str(library.pk)
        response = client.post(
            reverse("services:equipment_add"),
            {"facility": library.pk, "kind": "computer", "name": "阅览电脑", "quantity": "2", "condition": "good"},
        )
        assert response.status_code == 302
        computer = Equipment.objects.get(name="阅览电脑")
        assert (computer.community, computer.unit) == (world.community, "台")

    def test_a_facility_name_is_unique_in_the_community(self, client, world, facilities):
        client.force_login(world.worker)
        response = client.post(
            reverse("services:facility_add"),
            {"kind": "office", "name": "两委一站办公用房", "count": "1", "tenure": "owned", "condition": "good"},
        )
        assert response.status_code == 200
        assert "本社区已有同名设施。" in response.content.decode()

    def test_the_list_shows_areas_and_the_cultural_area(self, client, world, facilities):
        client.force_login(world.worker)
        response = client.get(reverse("services:facility_list"))
        assert response.context["figures"].cultural_area == Decimal(280)
        page = response.content.decode()
        assert "文化活动室面积" in page
        assert "280 ㎡" in page

    def test_the_infrastructure_list_sums_by_kind_and_group(self, client, world, facilities):
        client.force_login(world.worker)
        response = client.get(reverse("services:infrastructureasset_list"))
        assert response.context["asset_groups"] == ["寨子", "岔河"]
        rows = {figure.label: cells for figure, cells in response.context["asset_rows"]}
        assert rows == {"水池": [9, 6], "沼气池": [None, 12]}


def test_a_dated_list_page_shows_an_empty_state(client, world):
    client.force_login(world.worker)
    response = client.get(reverse("services:volunteeractivity_list"), {"date_from": datetime.date(2030, 1, 1)})
    assert "没有符合条件的志愿服务活动。" in response.content.decode()
