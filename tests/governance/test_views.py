import pytest
from django.urls import reverse

from governance import roles
from governance.models import Grid, ResidentGroup, ResidentUnit, User
from tests.factories import TEST_PASSWORD, GridFactory, ResidentGroupFactory, ResidentUnitFactory, UserFactory
from tests.matrix import Page

pytestmark = pytest.mark.django_db

EDITORS_ELSEWHERE = ("other_head",)

PAGES = [
    Page("governance:community_list", hides="community", allowed="street_leader"),
    Page("governance:community_detail", obj="community", allowed="auditor"),
    Page("governance:community_edit", obj="community", denied="worker", outsiders=EDITORS_ELSEWHERE, post=True),
    Page("governance:residentgroup_list", hides="group_a", allowed="worker"),
    Page("governance:residentgroup_detail", obj="group_a", allowed="grid_worker"),
    # A grid worker of the same community is an outsider to the groups that are not theirs.
    Page("governance:residentgroup_detail", obj="group_b", allowed="worker", outsiders=("grid_worker", "other_head")),
    Page("governance:residentgroup_add", denied="worker", post=True),
    Page("governance:residentgroup_edit", obj="group_a", denied="worker", outsiders=EDITORS_ELSEWHERE, post=True),
    Page("governance:grid_list", hides="grid", allowed="mediator"),
    Page("governance:grid_detail", obj="grid", allowed="grid_worker"),
    Page("governance:grid_add", denied="auditor", post=True),
    Page("governance:grid_edit", obj="grid", denied="worker", outsiders=EDITORS_ELSEWHERE, post=True),
    Page("governance:residentunit_list", hides="unit", allowed="worker"),
    Page("governance:residentunit_detail", obj="unit", allowed="auditor"),
    Page("governance:residentunit_add", allowed="worker", denied="auditor", post=True),
    Page(
        "governance:residentunit_edit",
        obj="unit",
        allowed="worker",
        denied="grid_worker",
        outsiders=EDITORS_ELSEWHERE,
        post=True,
    ),
    Page("governance:user_list", hides="worker", denied="worker"),
    Page("governance:user_detail", obj="worker", denied="worker", outsiders=("other_head",)),
    # Superusers are invisible to community heads even when attached to the community.
    Page("governance:user_detail", obj="attached_superuser", allowed="superuser", outsiders=("head",)),
    Page("governance:user_add", denied="worker", post=True),
    Page("governance:user_edit", obj="worker", denied="auditor", outsiders=EDITORS_ELSEWHERE, post=True),
    Page("governance:user_password", obj="worker", denied="auditor", outsiders=EDITORS_ELSEWHERE, post=True),
    Page("governance:user_password", obj="attached_superuser", allowed="superuser", outsiders=("head",), post=True),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_permission_matrix(page, world, client):
    page.check(client, world)


def test_every_governance_url_is_in_the_permission_matrix():
    """Every page but home (which only redirects to one of them) is in the matrix."""
    from governance.urls import urlpatterns

    covered = {page.url_name for page in PAGES}
    # home only redirects to a page of the matrix
    assert {f"governance:{pattern.name}" for pattern in urlpatterns} - covered == {"governance:home"}


class TestHome:
    def test_community_user_lands_on_their_community(self, world, client):
        client.force_login(world.worker)
        response = client.get(reverse("governance:home"))
        assert response.url == world.community.get_absolute_url()

    def test_street_leader_lands_on_the_community_list(self, world, client):
        client.force_login(world.street_leader)
        response = client.get(reverse("governance:home"), follow=True)
        assert response.redirect_chain[-1][0] == reverse("governance:community_list")
        assert "箐口居委会" in response.content.decode()
        assert "碧鸡居委会" not in response.content.decode()

    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(reverse("governance:home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_community_overview_lists_groups_in_order_with_grid_workers_and_units(world, client):
    client.force_login(world.worker)
    response = client.get(world.community.get_absolute_url())
    page = response.content.decode()
    assert page.index("寨子") < page.index("岔河")
    assert world.grid_worker.name in page
    assert "箐口卫生所" in page
    assert "朵亩小学" not in page


@pytest.fixture
def crowded_community(world):
    """Thirty of everything, each grid with a worker and a history of edits, so N+1 queries show."""
    from governance.services import register_save

    for index in range(30):
        group = ResidentGroupFactory(community=world.community, name=f"小组{index}")
        ResidentUnitFactory(community=world.community, name=f"单位{index}")
        worker = UserFactory(community=world.community, role=roles.GRID_WORKER, resident_groups=[group])
        GridFactory(community=world.community, name=f"网格{index}", groups=[group], responsible=worker)
    for index in range(15):
        world.grid.time_slots = f"第{index}班"
        register_save(
            actor=world.head, instance=world.grid, m2m={"groups": [world.group_a, world.group_b][: index % 2 + 1]}
        )
    return world


@pytest.mark.parametrize(
    "name",
    [
        "residentunit_list",
        "residentgroup_list",
        "grid_list",
        "user_list",
        "community_list",
        "community_detail",
        "grid_detail",
    ],
)
def test_pages_run_a_fixed_number_of_queries_whatever_the_rows(
    crowded_community, client, django_assert_max_num_queries, name
):
    world = crowded_community
    client.force_login(world.head)
    urls = {"community_detail": world.community.get_absolute_url(), "grid_detail": world.grid.get_absolute_url()}
    url = urls.get(name) or reverse(f"governance:{name}")
    # About eleven are the request's own: session, user, permissions, scope, header, session save;
    # the overview adds its population structure (two aggregate queries).
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200


def test_unit_list_filters_and_searches(world, client):
    ResidentUnitFactory(community=world.community, name="箐口完全小学", kind="school", ownership="public")
    client.force_login(world.worker)
    response = client.get(reverse("governance:residentunit_list"), {"kind": "school"})
    assert [unit.name for unit in response.context["object_list"]] == ["箐口完全小学"]
    response = client.get(reverse("governance:residentunit_list"), {"q": "卫生"})
    assert [unit.name for unit in response.context["object_list"]] == ["箐口卫生所"]


class TestCreateAndEdit:
    def test_new_unit_belongs_to_the_workers_community_whatever_the_post_says(self, world, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("governance:residentunit_add"),
            {
                "community": world.other_community.pk,
                "name": "箐口建材有限公司",
                "kind": "enterprise",
                "ownership": "non_public",
                "located_in_territory": "on",
                "employees": "18",
            },
        )
        unit = ResidentUnit.objects.get(name="箐口建材有限公司")
        assert response.url == unit.get_absolute_url()
        assert unit.community == world.community
        assert unit.history.first().history_user == world.worker

    def test_duplicate_name_is_a_chinese_form_error_not_a_crash(self, world, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("governance:residentunit_add"),
            {"name": "箐口卫生所", "kind": "clinic", "ownership": "public"},
        )
        assert response.status_code == 200
        assert "本社区已登记同名单位。" in response.content.decode()
        assert ResidentUnit.objects.filter(name="箐口卫生所").count() == 1

    def test_invalid_phone_is_rejected_in_chinese(self, world, client):
        client.force_login(world.worker)
        response = client.post(
            reverse("governance:residentunit_edit", kwargs={"pk": world.unit.pk}),
            {"name": "箐口卫生所", "kind": "clinic", "ownership": "public", "contact_phone": "abc"},
        )
        assert "请输入有效的电话号码。" in response.content.decode()

    def test_grid_cannot_take_another_communitys_group(self, world, client):
        client.force_login(world.head)
        response = client.post(
            reverse("governance:grid_add"), {"name": "新网格", "groups": [world.group_a.pk, world.other_group.pk]}
        )
        assert response.status_code == 200
        assert not Grid.objects.filter(name="新网格").exists()

    def test_edit_of_group_is_kept_in_history_with_who_and_what(self, world, client):
        client.force_login(world.head)
        client.post(
            reverse("governance:residentgroup_edit", kwargs={"pk": world.group_a.pk}),
            {"name": "寨子", "order": "1", "highlight": "市级文明村", "has_opinion_box": "on"},
        )
        record = world.group_a.history.first()
        assert record.history_user == world.head
        assert record.highlight == "市级文明村"
        page = client.get(world.group_a.get_absolute_url()).content.decode()
        assert "小组亮点" in page
        assert "市级文明村" in page
        assert world.head.name in page

    def test_street_leader_cannot_edit(self, world, client):
        client.force_login(world.street_leader)
        response = client.post(
            reverse("governance:residentgroup_edit", kwargs={"pk": world.group_a.pk}), {"name": "改名", "order": "1"}
        )
        assert response.status_code == 403
        world.group_a.refresh_from_db()
        assert world.group_a.name == "寨子"


class TestStaffAccounts:
    def _create(self, client, **overrides):
        data = {
            "username": "xinren",
            "name": "新同事",
            "phone": "13812345678",
            "post": "网格员",
            "roles": [],
            "resident_groups": [],
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        } | overrides
        return client.post(reverse("governance:user_add"), data)

    def test_head_creates_a_grid_worker_in_their_community(self, world, client):
        from django.contrib.auth.models import Group

        client.force_login(world.head)
        role = Group.objects.get(name=roles.GRID_WORKER)
        response = self._create(client, roles=[role.pk], resident_groups=[world.group_b.pk])
        account = User.objects.get(username="xinren")
        assert response.url == account.get_absolute_url()
        assert account.community == world.community
        assert account.street == world.street
        assert list(account.resident_groups.all()) == [world.group_b]
        assert account.check_password(TEST_PASSWORD)
        assert list(ResidentGroup.objects.visible_to(account)) == [world.group_b]

    def test_head_cannot_hand_out_the_street_leader_role(self, world, client):
        from django.contrib.auth.models import Group

        client.force_login(world.head)
        response = self._create(client, roles=[Group.objects.get(name=roles.STREET_LEADER).pk])
        assert response.status_code == 200
        assert not User.objects.filter(username="xinren").exists()

    def test_head_cannot_assign_another_communitys_group(self, world, client):
        from django.contrib.auth.models import Group

        client.force_login(world.head)
        role = Group.objects.get(name=roles.GRID_WORKER)
        response = self._create(client, roles=[role.pk], resident_groups=[world.other_group.pk])
        assert response.status_code == 200
        assert not User.objects.filter(username="xinren").exists()

    def test_mismatched_passwords_are_rejected(self, world, client):
        from django.contrib.auth.models import Group

        client.force_login(world.head)
        role = Group.objects.get(name=roles.COMMUNITY_WORKER)
        response = self._create(client, roles=[role.pk], password2="something-else-entirely")
        assert "两次输入的密码不一致。" in response.content.decode()

    def test_head_deactivates_a_worker(self, world, client):
        from django.contrib.auth.models import Group

        client.force_login(world.head)
        role = Group.objects.get(name=roles.COMMUNITY_WORKER)
        client.post(
            reverse("governance:user_edit", kwargs={"pk": world.worker.pk}),
            {"name": world.worker.name, "roles": [role.pk], "post": "社区工作者"},
        )
        world.worker.refresh_from_db()
        assert not world.worker.is_active
        assert world.worker.history.first().history_user == world.head

    def test_head_resets_a_password(self, world, client):
        client.force_login(world.head)
        client.post(
            reverse("governance:user_password", kwargs={"pk": world.worker.pk}),
            {"password1": "a-new-long-password", "password2": "a-new-long-password"},
        )
        world.worker.refresh_from_db()
        assert world.worker.check_password("a-new-long-password")


def test_yes_no_filters_narrow_the_unit_list(world, client):
    ResidentUnitFactory(community=world.community, name="重点企业", is_key_unit=True)
    client.force_login(world.worker)
    url = reverse("governance:residentunit_list")
    assert [u.name for u in client.get(url, {"is_key_unit": "1"}).context["object_list"]] == ["重点企业"]
    assert "重点企业" not in [u.name for u in client.get(url, {"is_key_unit": "0"}).context["object_list"]]
    assert "全部" in client.get(url).content.decode()


def test_community_code_and_street_cannot_be_changed_from_the_profile_form(world, client):
    client.force_login(world.head)
    client.post(
        reverse("governance:community_edit", kwargs={"pk": world.community.pk}),
        {"name": "箐口居委会", "kind": "rural", "code": "hacked", "street": world.far_street.pk, "hotline": "0871-1"},
    )
    world.community.refresh_from_db()
    assert world.community.hotline == "0871-1"
    assert world.community.code == "qingkou"
    assert world.community.street == world.street


#
# List pages: pagination and the filter bar (governance.generic_views)
#


class TestRegisterPaginator:
    """Pages read one row long, so the last page needs no COUNT(*); large counts are remembered."""

    @pytest.fixture
    def units(self, world):
        from governance.generic_views import _bump_table_version

        # Counts remembered by an earlier test (the test cache outlives its database rows) are forgotten.
        _bump_table_version("default", ResidentUnit._meta.db_table)

        def make(count):
            for _ in range(count):
                ResidentUnitFactory(community=world.community)
            made = ResidentUnit.objects.filter(community=world.community).exclude(pk=world.unit.pk)
            return made.order_by("name", "pk")

        return make

    @pytest.mark.parametrize("ids_first", [False, True])
    @pytest.mark.parametrize("orphans", [0, 2])
    def test_every_page_is_the_one_djangos_paginator_gives(self, units, orphans, ids_first):
        from django.core.paginator import EmptyPage, Paginator

        from governance.generic_views import RegisterPaginator

        queryset = units(0)
        for size in range(13):
            if size:
                units(1)
            for number in range(1, 6):
                expected = Paginator(queryset, 5, orphans=orphans)
                ours = RegisterPaginator(queryset, 5, orphans=orphans, ids_first=ids_first)
                try:
                    page = expected.page(number)
                except EmptyPage:
                    with pytest.raises(EmptyPage):
                        ours.page(number)
                    continue
                mine = ours.page(number)
                assert [unit.pk for unit in mine] == [unit.pk for unit in page], (size, number)
                assert (ours.count, ours.num_pages, mine.has_next()) == (size, expected.num_pages, page.has_next())
                assert ours.approximate is False

    def test_the_last_page_is_counted_without_a_count_query(self, units, django_assert_num_queries):
        from governance.generic_views import RegisterPaginator

        queryset = units(7)
        with django_assert_num_queries(1):
            paginator = RegisterPaginator(queryset, 5)
            assert len(paginator.page(2)) == 2
            assert paginator.count == 7
        with django_assert_num_queries(2):  # the rows, then COUNT(*): more rows follow page 1
            paginator = RegisterPaginator(queryset, 5)
            paginator.page(1)
            assert paginator.count == 7

    def test_a_large_count_is_remembered_and_labelled_approximate(self, units, monkeypatch, django_assert_num_queries):
        from governance.generic_views import RegisterPaginator

        monkeypatch.setattr(RegisterPaginator, "approximate_from", 10)
        queryset = units(12)
        first = RegisterPaginator(queryset, 5)
        first.page(1)
        assert (first.count, first.approximate) == (12, True)
        with django_assert_num_queries(1):  # the rows only: the count is the one remembered
            again = RegisterPaginator(queryset, 5)
            again.page(1)
            assert (again.count, again.approximate) == (12, True)
        small = RegisterPaginator(queryset.filter(name__endswith="1单位"), 1)
        small.page(1)
        assert small.approximate is False

    def test_saving_a_row_forgets_the_remembered_count(
        self, world, units, monkeypatch, django_capture_on_commit_callbacks
    ):
        from governance.generic_views import RegisterPaginator

        monkeypatch.setattr(RegisterPaginator, "approximate_from", 10)
        queryset = units(12)
        RegisterPaginator(queryset, 5).page(1)
        with django_capture_on_commit_callbacks(execute=True):
            ResidentUnitFactory(community=world.community)
        paginator = RegisterPaginator(queryset, 5)
        paginator.page(1)
        assert paginator.count == 13
        with django_capture_on_commit_callbacks(execute=True):
            ResidentUnit.objects.filter(community=world.community).first().delete()
        paginator = RegisterPaginator(queryset, 5)
        paginator.page(1)
        assert paginator.count == 12

    def test_a_count_remembered_before_a_bulk_insert_is_corrected_by_the_rows_themselves(
        self, world, units, monkeypatch
    ):
        from governance.generic_views import RegisterPaginator

        monkeypatch.setattr(RegisterPaginator, "approximate_from", 10)
        queryset = units(12)
        RegisterPaginator(queryset, 5).page(1)
        # bulk_create sends no signal: the remembered 12 is stale until the page shows more rows.
        ResidentUnit.objects.bulk_create(
            ResidentUnit(community=world.community, name=f"批量{i:02d}") for i in range(20)
        )
        paginator = RegisterPaginator(queryset, 5)
        paginator.page(3)
        assert paginator.count == 32
        last = RegisterPaginator(queryset, 5)
        assert len(last.page(7)) == 2
        assert (last.count, last.num_pages) == (32, 7)


def test_unit_list_pages_and_says_how_many(world, client):
    for index in range(30):
        ResidentUnitFactory(community=world.community, name=f"单位{index:02d}")
    client.force_login(world.worker)
    url = reverse("governance:residentunit_list")
    first = client.get(url)
    assert "共 31 条,第 1/2 页" in first.content.decode()  # with the world's 箐口卫生所
    names = [unit.name for unit in first.context["object_list"]]
    names += [unit.name for unit in client.get(url, {"page": 2}).context["object_list"]]
    assert sorted(names) == sorted(
        ResidentUnit.objects.filter(community=world.community).values_list("name", flat=True)
    )
    assert client.get(url, {"page": "last"}).context["page_obj"].number == 2
    assert client.get(url, {"page": 3}).status_code == 404
    assert client.get(url, {"page": "x"}).status_code == 404


def test_a_large_total_reads_approximately(world, client, monkeypatch):
    from governance.generic_views import RegisterPaginator, _bump_table_version

    _bump_table_version("default", ResidentUnit._meta.db_table)
    monkeypatch.setattr(RegisterPaginator, "approximate_from", 30)
    for index in range(30):
        ResidentUnitFactory(community=world.community, name=f"单位{index:02d}")
    client.force_login(world.worker)
    page = client.get(reverse("governance:residentunit_list")).content.decode()
    assert "共约 31 条" in page
    page = client.get(reverse("governance:residentunit_list"), {"q": "单位0"}).content.decode()
    assert "共 10 条" in page


class TestQuickSelect:
    """The filter bar's selects: Django's markup, written without a template per option."""

    @staticmethod
    def markup(html: str) -> str:
        import re

        return re.sub(r">\s+<", "><", str(html)).strip()

    @pytest.mark.parametrize("value", [None, "", "b", ["b"], 2, "missing"])
    def test_the_markup_is_djangos(self, value):
        from django import forms

        from governance.generic_views import QuickSelect

        choices = [("", "全部"), ("a", "甲 & <乙>"), ("b", "丙"), (2, "两"), ("组", [("c", "丁"), ("d", "戊")])]
        attrs = {"id": "id_x", "class": "form-select form-select-sm", "required": True, "disabled": False}
        expected = forms.Select(choices=choices).render("x", value, attrs=attrs)
        assert self.markup(QuickSelect(choices=choices).render("x", value, attrs=attrs)) == self.markup(expected)

    def test_model_choices_are_read_with_one_query(self, world, django_assert_num_queries):
        import django_filters
        from django import forms

        from governance.generic_views import QuickSelect

        field = django_filters.fields.ModelChoiceField(
            queryset=ResidentGroup.objects.order_by("pk"), null_label="无", empty_label="全部"
        )
        expected = forms.Select(choices=field.choices).render("group", str(world.group_b.pk))
        with django_assert_num_queries(1):
            ours = QuickSelect(choices=field.choices).render("group", str(world.group_b.pk))
        assert TestQuickSelect.markup(ours) == TestQuickSelect.markup(expected)
        assert f'<option value="{world.group_b.pk}" selected>岔河</option>' in ours

    def test_the_filter_bar_renders_the_chosen_values(self, world, client):
        client.force_login(world.worker)
        page = client.get(reverse("governance:residentunit_list"), {"kind": "school", "is_key_unit": "1"})
        html = page.content.decode()
        assert '<option value="school" selected>' in html
        assert '<option value="1" selected>是</option>' in html
