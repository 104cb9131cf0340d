import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from governance.forms import GridForm
from governance.models import Community, Grid, ResidentGroup, ResidentUnit, Street, User
from governance.scoping import ensure_visible_to, scope_of

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(str(obj) for obj in queryset)


class TestVisibleTo:
    def test_superuser_sees_every_community(self, world):
        assert Community.objects.visible_to(world.superuser).count() == 3

    def test_street_leader_sees_the_communities_of_their_street_only(self, world):
        assert names(Community.objects.visible_to(world.street_leader)) == sorted(["箐口居委会", "朵亩居委会"])
        assert names(ResidentGroup.objects.visible_to(world.street_leader)) == sorted(["寨子", "岔河", "朵亩"])
        assert names(Street.objects.visible_to(world.street_leader)) == ["团结街道办事处"]

    def test_worker_sees_their_own_community_only(self, world):
        assert names(Community.objects.visible_to(world.worker)) == ["箐口居委会"]
        assert names(ResidentUnit.objects.visible_to(world.worker)) == ["箐口卫生所"]
        assert names(ResidentGroup.objects.visible_to(world.worker)) == sorted(["寨子", "岔河"])

    def test_grid_worker_sees_only_their_groups_but_the_whole_community_profile(self, world):
        assert names(ResidentGroup.objects.visible_to(world.grid_worker)) == ["寨子"]
        assert names(Grid.objects.visible_to(world.grid_worker)) == ["寨子网格"]
        assert names(Community.objects.visible_to(world.grid_worker)) == ["箐口居委会"]

    def test_grid_spanning_two_groups_is_listed_once(self, world):
        world.grid.groups.add(world.group_b)
        assert Grid.objects.visible_to(world.head).filter(pk=world.grid.pk).count() == 1

    @pytest.mark.parametrize("model", [Community, ResidentGroup, Grid, ResidentUnit, Street, User])
    def test_user_without_any_territory_sees_nothing(self, world, model):
        """Fails closed: a role without a street or community grants no rows at all."""
        assert not model.objects.visible_to(world.unscoped).exists()

    @pytest.mark.parametrize("model", [Community, ResidentGroup, Grid, ResidentUnit, Street, User])
    def test_anonymous_sees_nothing(self, world, model):
        assert not model.objects.visible_to(AnonymousUser()).exists()

    def test_inactive_user_sees_nothing(self, world):
        world.worker.is_active = False
        world.worker.save()
        assert not Community.objects.visible_to(world.worker).exists()

    def test_staff_accounts_are_visible_within_the_community(self, world):
        visible = set(User.objects.visible_to(world.head))
        assert world.worker in visible
        assert world.other_worker not in visible
        assert world.street_leader not in visible


def test_scope_is_resolved_once_per_user_object(world, django_assert_num_queries):
    scope_of(world.street_leader)
    with django_assert_num_queries(0):
        scope_of(world.street_leader)
        Community.objects.visible_to(world.street_leader)


def test_ensure_visible_to_rejects_a_row_outside_the_scope(world):
    ensure_visible_to(world.unit, world.worker)
    with pytest.raises(PermissionDenied):
        ensure_visible_to(world.other_unit, world.worker)


def test_form_choices_are_narrowed_to_the_users_scope(world):
    form = GridForm(user=world.head)
    assert "community" not in form.fields  # set from the user, never chosen
    assert set(form.fields["groups"].queryset) == {world.group_a, world.group_b}
    assert world.other_worker not in form.fields["responsible"].queryset

    street_form = GridForm(user=world.street_leader)
    assert set(street_form.fields["community"].queryset) == {world.community, world.other_community}


def test_grid_worker_without_groups_sees_no_group_bound_rows(world):
    """Fails closed: unticking every group must not widen a grid worker to the whole community."""
    world.grid_worker.resident_groups.clear()
    worker = User.objects.get(pk=world.grid_worker.pk)
    assert not ResidentGroup.objects.visible_to(worker).exists()
    assert not Grid.objects.visible_to(worker).exists()
    assert list(Community.objects.visible_to(worker)) == [world.community]


def test_an_unscoped_model_cannot_be_offered_as_a_choice(world):
    from django import forms
    from django.contrib.sessions.models import Session
    from django.core.exceptions import ImproperlyConfigured

    from governance.scoping import restrict_choices

    class LeakyForm(forms.Form):
        session = forms.ModelChoiceField(queryset=Session.objects.all())

    with pytest.raises(ImproperlyConfigured):
        restrict_choices(LeakyForm(), world.worker)


class TestGridForm:
    def test_superuser_cannot_mix_groups_of_two_communities(self, world):
        form = GridForm(
            user=world.superuser,
            data={
                "community": world.community.pk,
                "name": "混合网格",
                "groups": [world.group_a.pk, world.other_group.pk],
            },
        )
        assert not form.is_valid()
        assert form.errors["groups"] == ["网格只能包含本社区的居民小组。"]

    def test_responsible_worker_must_work_in_the_grids_community(self, world):
        form = GridForm(
            user=world.superuser,
            data={"community": world.community.pk, "name": "新网格", "responsible": world.other_worker.pk},
        )
        assert not form.is_valid()
        assert form.errors["responsible"] == ["网格责任人必须是本社区的工作人员。"]

    def test_responsible_choices_are_active_staff_who_can_run_a_grid(self, world):
        world.worker.is_active = False
        world.worker.save()
        choices = set(GridForm(user=world.head).fields["responsible"].queryset)
        assert world.grid_worker in choices
        assert world.head in choices
        assert world.worker not in choices  # inactive
        assert world.auditor not in choices  # role cannot run a grid
        assert world.norole not in choices


def test_filter_choices_are_narrowed_to_the_users_scope(world):
    """Regression: the scoped filter set narrowed ``extra['queryset']``, which ModelChoiceFilter never
    reads, so every list page offered every community and group of the deployment as a choice."""
    from django.test import RequestFactory

    from governance.filters import ResidentGroupFilter, ResidentUnitFilter

    request = RequestFactory().get("/")
    request.user = world.street_leader
    form = ResidentUnitFilter(None, queryset=ResidentUnit.objects.none(), request=request).form
    assert set(form.fields["community"].queryset) == {world.community, world.other_community}

    # A community's own staff are not even offered the choice.
    request.user = world.grid_worker
    form = ResidentGroupFilter(None, queryset=ResidentGroup.objects.none(), request=request).form
    assert "community" not in form.fields
