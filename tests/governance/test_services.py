import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from governance import roles
from governance.models import ResidentUnit, User
from governance.services import register_save, staff_account_create, staff_account_update

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
    with pytest.raises(PermissionDenied):
        staff_account_create(
            actor=world.street_leader,
            username="x",
            password="long-enough-pass",
            name="某",
            community=world.far_community,
        )


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
