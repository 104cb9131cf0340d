import pytest
from django.urls import reverse

from residents.models import Person
from tests.households.test_views import World
from tests.matrix import Page

pytestmark = pytest.mark.django_db

EDITORS_ELSEWHERE = ("other_head",)
PERSON_EDIT = {"allowed": "worker", "denied": "auditor", "outsiders": EDITORS_ELSEWHERE, "post": True}

PAGES = [
    Page("residents:person_list", hides="householder", allowed="worker"),
    Page("residents:person_detail", obj="householder", allowed="grid_worker"),
    Page(
        "residents:person_detail",
        obj="householder_b",
        allowed="worker",
        outsiders=("grid_worker", "other_head", "far_leader"),
    ),
    Page("residents:person_add", allowed="worker", denied="auditor", post=True),
    Page("residents:person_edit", obj="householder", **PERSON_EDIT),
    Page("residents:person_move_out", obj="householder", **PERSON_EDIT),
    Page("residents:person_death", obj="householder", **PERSON_EDIT),
    Page("residents:person_transfer", obj="son", **PERSON_EDIT),
    Page("residents:categorymembership_add", obj="householder", **PERSON_EDIT),
    Page("residents:categorymembership_end", obj="dibao", **PERSON_EDIT),
    Page("residents:floatingregistration_add", obj="householder_b", **PERSON_EDIT),
    Page("residents:household_birth", obj="household", **PERSON_EDIT),
    Page("residents:household_change_head", obj="household", **PERSON_EDIT),
    Page("residents:household_split", obj="household", **PERSON_EDIT),
    Page("residents:household_merge", obj="household", **PERSON_EDIT),
    Page("residents:category_list", allowed="worker"),
    Page("residents:category_add", allowed="head", denied="worker", post=True),
    Page("residents:floatingregistration_list", hides="floating", allowed="worker"),
    Page("residents:floatingregistration_detail", obj="floating", allowed="auditor"),
    Page("residents:floatingregistration_edit", obj="floating", **PERSON_EDIT),
    Page("residents:floatingcheck_add", obj="floating", **PERSON_EDIT),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, world, population, client):
    page.check(client, World(world, population))


def test_every_residents_url_is_in_the_permission_matrix():
    from residents.urls import urlpatterns

    covered = {page.url_name for page in PAGES}
    # Categories are deployment-wide: editing one is checked in test_category_edit_is_for_heads.
    assert {f"residents:{p.name}" for p in urlpatterns} - covered == {"residents:category_edit"}


def test_category_edit_is_for_heads(world, population, client):
    url = reverse("residents:category_edit", kwargs={"pk": population.dibao.category_id})
    client.force_login(world.worker)
    assert client.get(url).status_code == 403
    client.force_login(world.head)
    assert client.get(url).status_code == 200


def test_person_list_searches_by_pinyin_initials_and_hides_the_masked_id(world, population, client):
    client.force_login(world.worker)
    response = client.get(reverse("residents:person_list"), {"q": "zjg"})
    assert [p.name for p in response.context["object_list"]] == ["张建国"]
    assert population.householder.id_number not in response.content.decode()


def test_person_list_filters_by_category_and_age(world, population, client):
    client.force_login(world.worker)
    url = reverse("residents:person_list")
    assert [p.name for p in client.get(url, {"category": population.dibao.category_id}).context["object_list"]] == [
        "张建国"
    ]
    assert {p.name for p in client.get(url, {"age": "60_plus"}).context["object_list"]} == {"张建国"}


def test_sensitive_membership_is_invisible_to_a_worker_but_shown_to_the_head(world, population, client):
    client.force_login(world.worker)
    assert "刑释" not in client.get(population.son.get_absolute_url()).content.decode()
    client.force_login(world.head)
    assert "刑释" in client.get(population.son.get_absolute_url()).content.decode()


def test_worker_registers_a_person_by_id_number_alone(world, population, client):
    client.force_login(world.worker)
    response = client.post(
        reverse("residents:person_add"),
        {
            "kind": "move_in",
            "on": "2024-03-01",
            "place": "昆明市五华区",
            "name": "刘洋",
            "id_type": "resident_id",
            "id_number": "530112800101001",  # a 15-digit number: upgraded, birth date and sex derived
            "ethnicity": "汉族",
            "political_status": "masses",
            "household": population.household_b.pk,
            "relation": "spouse",
            "residence_type": "permanent",
            "separation": "none",
            "employer_type": "none",
            "medical_insurance": "none",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    person = Person.objects.get(name="刘洋")
    assert response.url == person.get_absolute_url()
    assert person.id_number == "530112198001010018"
    assert str(person.birth_date) == "1980-01-01"
    assert person.sex == "M"
    assert person.group == world.group_b
    assert person.events.get().kind == "move_in"


def test_a_contradicting_birth_date_is_a_chinese_form_error(world, population, client):
    client.force_login(world.worker)
    response = client.post(
        reverse("residents:person_add"),
        {
            "kind": "register",
            "on": "2024-03-01",
            "name": "刘洋",
            "id_type": "resident_id",
            "id_number": "530112198001010018",
            "birth_date": "1981-01-01",
            "ethnicity": "汉族",
            "political_status": "masses",
            "residence_type": "permanent",
            "separation": "none",
            "employer_type": "none",
            "medical_insurance": "none",
        },
    )
    assert response.status_code == 200
    assert "出生日期与身份证号不符" in response.content.decode()
    assert not Person.objects.filter(name="刘洋").exists()


def test_birth_wizard_adds_a_baby_to_the_household(world, population, client):
    client.force_login(world.worker)
    response = client.post(
        reverse("residents:household_birth", kwargs={"pk": population.household.pk}),
        {
            "name": "张小宝",
            "sex": "F",
            "birth_date": "2025-06-01",
            "ethnicity": "汉族",
            "relation": "grandchild",
            "document": "出生医学证明",
        },
    )
    baby = Person.objects.get(name="张小宝")
    assert response.url == baby.get_absolute_url()
    assert baby.household == population.household
    assert str(baby.registered_on) == "2025-06-01"
    assert baby.events.get().kind == "birth"


def test_change_head_wizard(world, population, client):
    client.force_login(world.worker)
    client.post(
        reverse("residents:household_change_head", kwargs={"pk": population.household.pk}),
        {"new_head": population.son.pk, "former_head_relation": "parent", "on": "2025-01-01"},
    )
    population.son.refresh_from_db()
    population.householder.refresh_from_db()
    assert population.son.relation == "head"
    assert population.householder.relation == "parent"


def test_a_street_leader_picks_a_community_before_its_groups(world, population, client):
    client.force_login(world.street_leader)
    url = reverse("residents:person_list")
    assert not client.get(url).context["filter"].form.fields["group"].queryset.exists()
    chosen = client.get(url, {"community": world.community.pk}).context["filter"].form.fields["group"].queryset
    assert set(chosen) == {world.group_a, world.group_b}


def test_registering_a_returning_resident_readmits_the_same_row(world, population, client):
    import datetime

    from residents.services import person_move_out

    person_move_out(actor=world.head, person=population.son, on=datetime.date(2022, 1, 1))
    client.force_login(world.other_head)
    response = client.post(
        reverse("residents:person_add"),
        {
            "kind": "move_in", "on": "2023-06-01", "name": "张伟", "id_type": "resident_id",
            "id_number": population.son.id_number, "ethnicity": "汉族", "political_status": "masses",
            "household": population.other_household.pk, "relation": "other", "residence_type": "permanent",
            "separation": "none", "employer_type": "none", "medical_insurance": "none",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    population.son.refresh_from_db()
    assert population.son.community == world.other_community
    assert population.son.status == "active"


def test_correction_form_records_what_changed_and_why(world, population, client):
    client.force_login(world.worker)
    person = population.spouse
    data = {
        "name": person.name, "sex": person.sex, "birth_date": person.birth_date.isoformat(), "ethnicity": "白族",
        "political_status": "masses", "group": world.group_a.pk, "residence_type": "permanent",
        "separation": "none", "employer_type": "none", "medical_insurance": "none",
        "reason": "据户口簿更正民族", "on": "2025-02-01",
    }  # fmt: skip
    response = client.post(reverse("residents:person_edit", kwargs={"pk": person.pk}), data)
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert person.ethnicity == "白族"
    event = person.events.get(kind="correction")
    assert "民族" in event.note
    assert "据户口簿更正民族" in event.note
    assert person.history.first().history_user == world.worker
