import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError

from governance import roles
from governance.forms import StaffAccountForm
from governance.models import ResidentUnit, User
from governance.services import (
    register_save,
    staff_account_create,
    staff_account_set_password,
    staff_account_update,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_register_save_takes_the_community_from_the_actor(world):
    unit = register_save(
        actor=world.worker, instance=ResidentUnit(name="新单位", kind="enterprise", ownership="public")
    )
    assert unit.community == world.community
    assert unit.history.get().history_user == world.worker


def test_register_save_refuses_to_write_outside_the_actors_scope(world):
    """The post-save re-check: the row is rolled back, not left in another community."""
    foreign = ResidentUnit(community=world.other_community, name="越界单位", kind="enterprise", ownership="public")
    with pytest.raises(PermissionDenied):
        register_save(actor=world.worker, instance=foreign)
    assert not ResidentUnit.objects.filter(name="越界单位").exists()


def test_register_save_validates_before_saving(world):
    with pytest.raises(ValidationError) as error:
        register_save(actor=world.worker, instance=ResidentUnit(name="", kind="enterprise", ownership="public"))
    assert "name" in error.value.message_dict


def test_staff_account_create_rejects_a_community_outside_the_actors_scope(world):
    """An actor with the permission but no territory of their own cannot pick a community."""
    with pytest.raises(PermissionDenied):
        staff_account_create(
            actor=world.unscoped, username="x", password="long-enough-pass", name="某", community=world.community
        )
    assert not User.objects.filter(username="x").exists()


def test_staff_services_check_the_actors_permission_not_only_the_scope(world):
    """A street leader sees the street's communities but may not create accounts in them."""
    with pytest.raises(PermissionDenied):
        staff_account_create(
            actor=world.street_leader, username="x", password="long-enough-pass", name="某", community=world.community
        )


def _roles(*names):
    return Group.objects.filter(name__in=names)


class TestStrongerAccounts:
    """Regression: a head could reset the password of (and so become) a superuser or any account
    holding more than a community role, as long as it was attached to their community."""

    def test_head_cannot_reset_the_password_of_a_superuser_in_their_community(self, world):
        with pytest.raises(PermissionDenied):
            staff_account_set_password(actor=world.head, user=world.attached_superuser, password="taken-over-123")
        world.attached_superuser.refresh_from_db()
        assert not world.attached_superuser.check_password("taken-over-123")

    def test_head_cannot_manage_an_account_with_extra_permissions(self, world):
        world.worker.user_permissions.add(Permission.objects.get(codename="add_community"))
        with pytest.raises(PermissionDenied):
            staff_account_set_password(actor=world.head, user=world.worker, password="taken-over-123")
        with pytest.raises(PermissionDenied):
            staff_account_update(
                actor=world.head, user=world.worker, roles=_roles(roles.COMMUNITY_WORKER), resident_groups=[]
            )

    def test_head_cannot_manage_a_street_leader_attached_to_the_community(self, world):
        leader = UserFactory(community=world.community, role=roles.STREET_LEADER)
        with pytest.raises(PermissionDenied):
            staff_account_set_password(actor=world.head, user=leader, password="taken-over-123")

    def test_superuser_edits_a_street_level_account(self, world):
        leader = User.objects.get(pk=world.street_leader.pk)
        leader.post = "街道办主任"
        staff_account_update(actor=world.superuser, user=leader, roles=_roles(roles.STREET_LEADER), resident_groups=[])
        assert User.objects.get(pk=leader.pk).post == "街道办主任"


class TestGroupAssignment:
    def test_a_grid_worker_needs_at_least_one_group(self, world):
        with pytest.raises(ValidationError) as error:
            staff_account_create(
                actor=world.head, username="x", password="long-enough-pass", name="某", roles=_roles(roles.GRID_WORKER)
            )
        assert error.value.message_dict["resident_groups"] == ["网格员/小组长至少要负责一个居民小组。"]

    def test_groups_must_belong_to_the_accounts_community(self, world):
        with pytest.raises(ValidationError):
            staff_account_update(
                actor=world.head,
                user=world.worker,
                roles=_roles(roles.GRID_WORKER),
                resident_groups=[world.other_group],
            )

    def test_a_group_scoped_head_cannot_hand_out_groups_outside_their_own(self, world):
        """Regression: the staff form offered every group of the community, undoing the scope."""
        world.head.resident_groups.set([world.group_a])
        head = User.objects.get(pk=world.head.pk)
        with pytest.raises(ValidationError):
            staff_account_update(
                actor=head, user=world.worker, roles=_roles(roles.GRID_WORKER), resident_groups=[world.group_b]
            )
        form = StaffAccountForm(user=head, instance=world.worker)
        assert list(form.fields["resident_groups"].queryset) == [world.group_a]


def test_head_cannot_deactivate_their_own_account(world):
    own_account = User.objects.get(pk=world.head.pk)
    own_account.is_active = False
    with pytest.raises(ValidationError):
        staff_account_update(
            actor=world.head,
            user=own_account,
            roles=Group.objects.filter(name=roles.COMMUNITY_HEAD),
            resident_groups=[],
        )


def test_stale_import_uploads_are_purged_and_fresh_ones_kept(settings, tmp_path):
    import datetime
    import os

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from governance.services import excel_uploads_purge

    settings.MEDIA_ROOT = tmp_path
    default_storage.save("excel-imports/old.xlsx", ContentFile(b"x"))
    default_storage.save("excel-imports/new.xlsx", ContentFile(b"x"))
    old = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(tmp_path / "excel-imports" / "old.xlsx", (old, old))

    assert excel_uploads_purge() == 1
    assert default_storage.listdir("excel-imports")[1] == ["new.xlsx"]
