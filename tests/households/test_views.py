import pytest
from django.urls import reverse

from tests.matrix import Page

pytestmark = pytest.mark.django_db

EDITORS_ELSEWHERE = ("other_head",)


class World:
    """The world plus the population, so matrix rows can name either's attributes."""

    def __init__(self, world, population):
        self._world, self._population = world, population

    def __getattr__(self, name):
        try:
            return getattr(self._population, name)
        except AttributeError:
            return getattr(self._world, name)


PAGES = [
    Page("households:household_list", hides="household", allowed="worker"),
    Page("households:household_detail", obj="household", allowed="grid_worker", outsiders=("other_head", "far_leader")),
    # The grid worker of 寨子 does not see 岔河's household.
    Page("households:household_detail", obj="household_b", allowed="worker", outsiders=("grid_worker", "other_head")),
    Page("households:household_add", allowed="worker", denied="auditor", post=True),
    Page(
        "households:household_edit",
        obj="household",
        allowed="worker",
        denied="auditor",
        outsiders=EDITORS_ELSEWHERE,
        post=True,
    ),
    Page(
        "households:householdtag_add",
        obj="household",
        allowed="worker",
        denied="auditor",
        outsiders=EDITORS_ELSEWHERE,
        post=True,
    ),
    Page("households:compound_list", hides="compound", allowed="worker"),
    Page("households:compound_detail", obj="compound", allowed="auditor"),
    Page("households:compound_add", allowed="worker", denied="auditor", post=True),
    Page(
        "households:compound_edit",
        obj="compound",
        allowed="worker",
        denied="auditor",
        outsiders=EDITORS_ELSEWHERE,
        post=True,
    ),
    Page(
        "households:building_add",
        obj="compound",
        allowed="worker",
        denied="auditor",
        outsiders=EDITORS_ELSEWHERE,
        post=True,
    ),
    Page("households:dwelling_list", hides="dwelling", allowed="worker"),
    Page("households:dwelling_detail", obj="dwelling", allowed="grid_worker"),
    Page("households:dwelling_add", allowed="worker", denied="auditor", post=True),
    Page(
        "households:dwelling_edit",
        obj="dwelling",
        allowed="worker",
        denied="auditor",
        outsiders=EDITORS_ELSEWHERE,
        post=True,
    ),
    Page("households:rental_list", hides="rental", allowed="worker"),
    Page("households:rental_detail", obj="rental", allowed="auditor"),
    Page("households:rental_add", allowed="worker", denied="auditor", post=True),
    Page(
        "households:rental_edit",
        obj="rental",
        allowed="worker",
        denied="auditor",
        outsiders=EDITORS_ELSEWHERE,
        post=True,
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, world, population, client):
    page.check(client, World(world, population))


def test_every_households_url_is_in_the_permission_matrix():
    from households.urls import urlpatterns

    covered = {page.url_name for page in PAGES}
    # Ending a tag is checked with the tag pages in test_households_pages below.
    assert {f"households:{p.name}" for p in urlpatterns} - covered == {"households:householdtag_end"}


def test_household_list_shows_heads_and_member_counts_and_finds_by_member_name(world, population, client):
    client.force_login(world.worker)
    response = client.get(reverse("households:household_list"), {"q": "李秀英"})
    rows = list(response.context["object_list"])
    assert [h.number for h in rows] == ["0001"]
    assert rows[0].head_name == "张建国"
    assert rows[0].member_count == 3


def test_household_detail_lists_members_with_masked_ids_for_a_worker(world, population, client):
    client.force_login(world.worker)
    page = client.get(population.household.get_absolute_url()).content.decode()
    assert "张建国" in page
    assert population.householder.id_number not in page
    assert population.householder.masked_id_number in page
    client.force_login(world.head)
    assert population.householder.id_number in client.get(population.household.get_absolute_url()).content.decode()


def test_tagging_and_ending_a_household_tag(world, population, client):
    client.force_login(world.worker)
    client.post(
        reverse("households:householdtag_add", kwargs={"pk": population.household.pk}),
        {"kind": "dibao", "start_on": "2024-01-01"},
    )
    tag = population.household.tags.get()
    assert tag.history.first().history_user == world.worker
    outsider_response = client.post(
        reverse("households:householdtag_end", kwargs={"pk": tag.pk}), {"end_on": "2025-01-01"}
    )
    assert outsider_response.status_code == 302
    tag.refresh_from_db()
    assert str(tag.end_on) == "2025-01-01"
    client.force_login(world.other_head)
    assert client.get(reverse("households:householdtag_end", kwargs={"pk": tag.pk})).status_code == 404


def test_worker_adds_a_building_and_a_dwelling_in_it(world, population, client):
    client.force_login(world.worker)
    client.post(reverse("households:building_add", kwargs={"pk": population.compound.pk}), {"number": "5"})
    building = population.compound.buildings.get(number="5")
    assert building.community == world.community
    response = client.post(
        reverse("households:dwelling_add"),
        {"group": world.group_a.pk, "building": building.pk, "entrance": "2", "room": "301"},
    )
    dwelling = building.dwellings.get()
    assert response.url == dwelling.get_absolute_url()
    assert str(dwelling) == "箐口新村5栋2单元301室"


def test_a_dwelling_needs_a_building_or_an_address(world, population, client):
    client.force_login(world.worker)
    response = client.post(reverse("households:dwelling_add"), {"group": world.group_a.pk})
    assert "农村社区请填写门牌地址" in response.content.decode()
