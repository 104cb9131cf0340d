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


#
# The person list at scale: search through the characters index, pages, counts, queries
#


def names_found(client, **query) -> set[str]:
    return {person.name for person in client.get(reverse("residents:person_list"), query).context["object_list"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建", {"张建国"}),  # one character of a name
        ("建国", {"张建国"}),  # two
        ("张", {"张建国", "张伟"}),
        ("寨子", {"张建国", "李秀英", "张伟"}),  # of the address
        ("岔河", {"王芳"}),
        ("zjg", {"张建国"}),  # 拼音 initials
        ("zh", {"张建国", "张伟"}),  # 拼音
        ("国张", set()),  # both characters are in 张建国, not side by side
        ("国寨", set()),  # the end of a name and the start of an address are not one text
        ("1234", {"张建国"}),  # phone
    ],
)
def test_short_searches_find_what_the_substring_search_finds(world, population, client, text, expected):
    client.force_login(world.worker)
    assert names_found(client, q=text) == expected


def test_one_or_two_rare_characters_are_looked_up_in_the_characters_index(world, population):
    from django.db import connection

    sql, params = Person.objects.search("建国").values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # Only bitmap scans: the plan must find the rows through an index for every alternative of the search.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "person_search_characters" in plan


def test_a_frequent_character_is_searched_without_the_index(world, population, client, monkeypatch):
    from residents import models

    monkeypatch.setattr(models, "character_frequencies", lambda using: {"张": 0.04, "建": 0.001})
    assert "string_to_array" not in str(Person.objects.search("张").query)
    assert "string_to_array" in str(Person.objects.search("建").query)
    assert "string_to_array" not in str(Person.objects.search("张建国").query)  # three characters: trigrams
    client.force_login(world.worker)
    assert names_found(client, q="张") == {"张建国", "张伟"}


def test_a_person_in_a_category_twice_is_listed_once(world, population, client):
    import datetime

    from residents.models import CategoryMembership

    CategoryMembership.objects.create(
        person=population.householder,
        community=world.community,
        category=population.dibao.category,
        start_on=datetime.date(2021, 1, 1),
    )
    client.force_login(world.worker)
    listed = client.get(reverse("residents:person_list"), {"category": population.dibao.category_id})
    assert [person.name for person in listed.context["object_list"]] == ["张建国"]


@pytest.fixture
def crowded(world, population):
    """Sixty more people of the home community, twenty of its neighbour: more than two pages."""
    from tests.residents.factories import PersonFactory

    for index in range(60):
        PersonFactory(group=world.group_a if index % 2 else world.group_b, serial=100 + index)
    for index in range(20):
        PersonFactory(group=world.other_group, serial=200 + index)
    return world


def test_the_pages_hold_every_visible_person_once_in_pinyin_order(crowded, client):
    world = crowded
    for user, communities in (
        (world.worker, [world.community]),
        (world.street_leader, [world.community, world.other_community]),
    ):
        client.force_login(user)
        listed, page = [], 1
        while True:
            response = client.get(reverse("residents:person_list"), {"page": page})
            listed += [(p.community_id, p.name_pinyin, p.pk) for p in response.context["object_list"]]
            if not response.context["page_obj"].has_next():
                break
            page += 1
        expected = Person.objects.filter(community__in=communities, status="active")
        assert listed == sorted(expected.values_list("community_id", "name_pinyin", "pk"))
        assert response.context["paginator"].count == len(listed)
        assert f"共 {len(listed)} 条,第 {page}/{page} 页" in response.content.decode()


def test_the_count_follows_a_registration(crowded, client, monkeypatch, django_capture_on_commit_callbacks):
    """Even when the count is large enough to be remembered, a new person shows in it at once."""
    import datetime

    from governance.generic_views import RegisterPaginator, _bump_table_version
    from residents.choices import EventKind
    from residents.services import person_register
    from tests.residents.factories import make_id_number

    _bump_table_version("default", Person._meta.db_table)
    monkeypatch.setattr(RegisterPaginator, "approximate_from", 50)
    client.force_login(crowded.worker)
    url = reverse("residents:person_list")
    before = client.get(url).context["paginator"]
    assert (before.count, before.approximate) == (64, True)
    assert "共约 64 条" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        person_register(
            actor=crowded.worker,
            person=Person(
                name="新来的",
                id_number=make_id_number(datetime.date(1990, 1, 1), "M", 77),
                group=crowded.group_a,
                community=crowded.community,
            ),
            on=datetime.date(2024, 1, 1),
            kind=EventKind.REGISTER,
        )
    assert client.get(url).context["paginator"].count == 65


@pytest.mark.parametrize("who", ["worker", "head", "street_leader", "grid_worker"])
def test_the_person_list_takes_a_fixed_number_of_queries(crowded, client, django_assert_max_num_queries, who):
    client.force_login(getattr(crowded, who))
    # The request's own (user, permissions, scope, header, session save: 10 to 12) and the page's:
    # its rows, their count, the filter bar's groups or communities and categories.
    for query in ({}, {"page": 2}, {"q": "张"}, {"age": "60_plus", "sex": "F"}, {"category": 1}):
        with django_assert_max_num_queries(15):
            assert client.get(reverse("residents:person_list"), query).status_code == 200
