"""Pages of the records area: the permission matrix of every URL, what the pages show, and the forms
going through the services."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from safety.models import SensitiveAccess
from safety.models.records import (
    Incident,
    IncidentYearConfirmation,
    Inspection,
    PatrolRecord,
    Petition,
    PetitionStatus,
)
from tests.matrix import Page
from tests.safety import records_fixtures

pytestmark = pytest.mark.django_db

records = records_fixtures.records


class World:
    """The world plus the population and the records, so matrix rows can name any of their attributes."""

    def __init__(self, world, population, records):
        self._parts = (records, population, world)

    def __getattr__(self, name):
        for part in self._parts:
            if hasattr(part, name):
                return getattr(part, name)
        raise AttributeError(name)


@pytest.fixture
def full_world(world, population, records):
    return World(world, population, records)


OUTSIDERS = ("other_head",)


def rows(url_name, obj=None, hides=None, post=False):
    """One row refused to a community worker and one to an auditor: both get 404 from a safety page."""
    common = {"obj": obj, "allowed": "mediator", "denied_status": 404, "post": post, "outsiders": OUTSIDERS}
    return [
        Page(url_name, hides=hides, denied="worker", **common),
        Page(url_name, denied="auditor", **common),
    ]


PAGES = [
    *rows("safety:patrolrecord_list", hides="patrol"),
    *rows("safety:patrolrecord_detail", obj="patrol"),
    *rows("safety:patrolrecord_edit", obj="patrol", post=True),
    *rows("safety:patrolrecord_add", obj="team", post=True),
    *rows("safety:patrolteam_list", hides="team"),
    *rows("safety:patrolteam_add", post=True),
    *rows("safety:patrolteam_detail", obj="team"),
    *rows("safety:patrolteam_edit", obj="team", post=True),
    *rows("safety:patrolteammember_add", obj="team", post=True),
    *rows("safety:patrolteammember_edit", obj="leader", post=True),
    *rows("safety:policeofficer_list", hides="officer"),
    *rows("safety:policeofficer_add", post=True),
    *rows("safety:policeofficer_detail", obj="officer"),
    *rows("safety:policeofficer_edit", obj="officer", post=True),
    *rows("safety:policevisit_add", obj="officer", post=True),
    *rows("safety:policevisit_edit", obj="police_visit", post=True),
    *rows("safety:legaleducationsession_list", hides="session"),
    *rows("safety:legaleducationsession_add", post=True),
    *rows("safety:legaleducationsession_detail", obj="session"),
    *rows("safety:legaleducationsession_edit", obj="session", post=True),
    *rows("safety:inspectiontarget_list", hides="target"),
    *rows("safety:inspectiontarget_add", post=True),
    *rows("safety:inspectiontarget_detail", obj="target"),
    *rows("safety:inspectiontarget_edit", obj="target", post=True),
    *rows("safety:inspection_add", obj="target", post=True),
    *rows("safety:inspection_list", hides="inspection"),
    *rows("safety:inspection_overdue"),
    *rows("safety:inspection_detail", obj="inspection"),
    *rows("safety:inspection_edit", obj="inspection", post=True),
    *rows("safety:inspection_rectify", obj="inspection", post=True),
    *rows("safety:inspection_escalate", obj="inspection", post=True),
    *rows("safety:incident_list", hides="incident"),
    *rows("safety:incident_add", post=True),
    *rows("safety:incident_edit", obj="incident", post=True),
    *rows("safety:incident_close", obj="incident", post=True),
    *rows("safety:incident_year_current"),
    *rows("safety:petition_list", hides="petition"),
    *rows("safety:petition_add", post=True),
    *rows("safety:petition_edit", obj="petition", post=True),
    *rows("safety:petitionstep_add", obj="petition", post=True),
    *rows("safety:petition_close", obj="petition", post=True),
    *rows("safety:petition_transfer", obj="petition", post=True),
]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: f"{page.url_name}-{page.denied}")
def test_permission_matrix(page, full_world, client):
    page.check(client, full_world)


@pytest.mark.parametrize("url_name", ["safety:incident_detail", "safety:petition_detail"])
@pytest.mark.parametrize("denied", ["worker", "auditor", "street_leader", "norole"])
def test_sensitive_detail_pages_are_404_without_the_role(client, world, records, url_name, denied):
    obj = records.incident if url_name == "safety:incident_detail" else records.petition
    client.force_login(getattr(world, denied))
    assert client.get(reverse(url_name, kwargs={"pk": obj.pk})).status_code == 404


@pytest.mark.parametrize("url_name", ["safety:incident_detail", "safety:petition_detail"])
def test_sensitive_detail_pages_ask_a_purpose_and_log_every_view(client, world, records, url_name):
    obj = records.incident if url_name == "safety:incident_detail" else records.petition
    url = reverse(url_name, kwargs={"pk": obj.pk})
    client.force_login(world.mediator)

    first = client.get(url)
    assert "查阅事由" in first.content.decode()
    assert not SensitiveAccess.objects.exists()

    client.post(url, {"purpose": "核实情况"})
    shown = client.get(url).content.decode()
    assert "查阅事由:核实情况" in shown
    client.get(url)
    assert SensitiveAccess.objects.filter(user=world.mediator, object_id=obj.pk, purpose="核实情况").count() == 2

    client.force_login(world.other_head)
    assert client.get(url).status_code == 404


def test_an_incident_without_persons_opens_without_a_purpose(client, world, records):
    from tests.safety.records_fixtures import incident

    plain = incident(world.head, datetime.date(2026, 6, 1), kind="fire", summary="垃圾桶起火,已扑灭。")
    client.force_login(world.mediator)
    response = client.get(plain.get_absolute_url())
    assert "垃圾桶起火" in response.content.decode()
    assert not SensitiveAccess.objects.exists()


def test_the_incident_page_flags_a_minor_from_the_age_on_its_date(client, world, population, records):
    from tests.safety.records_fixtures import incident

    # 张伟 was born 1992-11-02: 17 on 2010-06-01, an adult today.
    old = incident(world.head, datetime.date(2010, 6, 1), kind="juvenile", persons=[population.son])
    client.force_login(world.mediator)
    client.post(old.get_absolute_url(), {"purpose": "统计报表"})
    content = client.get(old.get_absolute_url()).content.decode()
    assert "事发时17岁" in content
    assert "未成年人" in content
    assert population.son.get_absolute_url() in content


def test_the_petition_list_shows_no_names(client, world, population, records):
    client.force_login(world.mediator)
    content = client.get(reverse("safety:petition_list")).content.decode()
    assert records.petition.number in content
    assert population.householder.name not in content
    assert "刘某" not in content


def test_a_patrol_is_recorded_from_the_team_page(client, world, records):
    client.force_login(world.mediator)
    url = reverse("safety:patrolrecord_add", kwargs={"pk": records.team.pk})
    form = client.get(url).content.decode()
    assert "杨志勇" in form
    assert "张建国" in form
    response = client.post(
        url,
        {
            "date": "2026-06-02",
            "start_time": "22:00",
            "end_time": "01:30",
            "groups": [world.group_a.pk, world.group_b.pk],
            "members_present": [records.leader.pk],
            "findings": "suspicious",
            "finding_note": "发现陌生人在岔河徘徊,已报派出所。",
            "route": "",
            "follow_up": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = PatrolRecord.objects.get(date=datetime.date(2026, 6, 2))
    assert record.hours == 3.5
    assert list(record.members_present.all()) == [records.leader]
    assert record.community == world.community


def test_an_inspection_with_a_hazard_needs_a_deadline_on_the_form(client, world, records):
    client.force_login(world.mediator)
    url = reverse("safety:inspection_add", kwargs={"pk": records.target.pk})
    response = client.post(
        url, {"date": "2026-06-03", "result": "hazard", "hazard_description": "水压不足", "severity": "ordinary"}
    )
    assert response.status_code == 200
    assert "发现隐患时须规定整改期限" in response.content.decode()
    assert Inspection.objects.count() == 1


def test_the_overdue_page_lists_the_open_hazard_past_its_deadline(client, world, records):
    client.force_login(world.mediator)
    content = client.get(reverse("safety:inspection_overdue")).content.decode()
    assert records.inspection.get_absolute_url() in content
    assert "2026-05-10" in content


def test_the_year_page_lets_the_head_confirm_none_and_refuses_the_mediator(client, world, records):
    url = reverse("safety:incident_year", kwargs={"year": 2026})
    client.force_login(world.mediator)
    page = client.get(url).content.decode()
    assert "只有书记/主任可以确认" in page
    client.post(url, {"kind": "major_theft"})
    assert not IncidentYearConfirmation.objects.exists()

    client.force_login(world.head)
    response = client.post(url, {"kind": "major_theft"}, follow=True)
    assert "已确认2026年 无重大盗窃" in response.content.decode()
    response = client.post(url, {"kind": "public_order"}, follow=True)
    assert "2026年已登记治安案件1起,不能确认本年度无此类事件" in response.content.decode()
    assert list(IncidentYearConfirmation.objects.values_list("kind", flat=True)) == ["major_theft"]


def test_a_petition_is_received_numbered_and_closed_through_the_pages(client, world, population, records):
    client.force_login(world.mediator)
    response = client.post(
        reverse("safety:petition_add"),
        {
            "received_on": "2026-06-01",
            "channel": "letter",
            "subject": "property",
            "description": "物业费争议",
            "petitioners": f"{population.spouse.id_number}\n{population.householder_b.id_number}",
            "outsider_names": "",
            "headcount": "2",
            "level_reached": "community",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    petition = Petition.objects.get(description="物业费争议")
    assert petition.number == "2026-002"
    assert set(petition.petitioners.all()) == {population.spouse, population.householder_b}

    client.post(
        reverse("safety:petitionstep_add", kwargs={"pk": petition.pk}),
        {"date": "2026-06-02", "action": "约谈物业公司", "handler": ""},
    )
    client.post(
        reverse("safety:petition_close", kwargs={"pk": petition.pk}),
        {"closed_on": "2026-06-05", "result": "已协调退费"},
    )
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CLOSED
    assert petition.steps.get().handler == world.mediator.display_name


def test_an_incident_form_refuses_a_person_outside_the_scope(client, world, population, records):
    client.force_login(world.mediator)
    response = client.post(
        reverse("safety:incident_add"),
        {
            "date": "2026-06-01",
            "kind": "public_order",
            "source": "report",
            "summary": "邻里打架",
            "persons": population.outsider.id_number,
        },
    )
    assert response.status_code == 200
    assert "在您的管辖范围内没有证件号码为" in response.content.decode()
    assert Incident.objects.count() == 1


def test_the_nav_shows_the_records_entries_to_the_mediator_only(client, world):
    client.force_login(world.mediator)
    nav = client.get(reverse("safety:patrolrecord_list")).content.decode()
    for label in ("巡逻与警务", "普法宣传", "隐患排查", "事件登记", "信访"):
        assert label in nav
    client.force_login(world.worker)
    page = client.get(reverse("residents:person_list")).content.decode()
    assert "巡逻与警务" not in page
    assert "隐患排查" not in page


def test_the_history_names_the_related_rows_of_a_many_to_many_change(world, population, records):
    """Regression: the change log read the through row's pointer to the petition itself (its id shown as a
    person's) instead of the petitioner's."""
    from governance.history import history_entries

    changes = [change for entry in history_entries(records.petition) for change in entry.changes]
    assert [change.new for change in changes if change.label == "信访人(本社区居民)"] == ["张建国"]
    patrol_changes = [change for entry in history_entries(records.patrol) for change in entry.changes]
    assert [change.new for change in patrol_changes if change.label == "巡逻区域(居民小组)"] == ["寨子"]
