import pytest
from django.contrib.auth.models import Group, Permission

from governance import roles

pytestmark = pytest.mark.django_db


def codenames(role_name):
    group = Group.objects.get(name=role_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_the_data_migration_creates_every_role():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_NAMES)


def test_street_leader_reads_everything_and_writes_nothing():
    perms = codenames(roles.STREET_LEADER)
    assert "governance.view_residentgroup" in perms
    assert not {p for p in perms if ".add_" in p or ".change_" in p}


def test_community_head_manages_staff_accounts_but_not_the_community_list():
    perms = codenames(roles.COMMUNITY_HEAD)
    assert {"governance.add_user", "governance.change_user", "governance.change_community"} <= perms
    assert "governance.add_community" not in perms


def test_worker_edits_units_but_not_the_organisation():
    perms = codenames(roles.COMMUNITY_WORKER)
    assert "governance.change_residentunit" in perms
    assert "governance.change_residentgroup" not in perms
    assert "governance.view_user" not in perms


def test_auditor_reads_but_cannot_export():
    perms = codenames(roles.AUDITOR)
    assert "governance.view_community" in perms
    assert roles.EXPORT not in perms
    assert not {p for p in perms if not p.split(".")[1].startswith("view_")}


def test_no_role_may_hard_delete_a_register_row():
    deletes = Permission.objects.filter(codename__startswith="delete_", group__name__in=roles.ROLE_NAMES)
    assert not deletes.exists()


def test_history_models_get_no_permissions_of_their_own():
    assert not Permission.objects.filter(
        group__name__in=roles.ROLE_NAMES, content_type__model__startswith="historical"
    ).exists()


def test_sync_roles_restores_a_permission_removed_by_hand():
    group = Group.objects.get(name=roles.COMMUNITY_WORKER)
    group.permissions.remove(Permission.objects.get(codename="change_residentunit"))

    roles.sync_roles()

    assert "governance.change_residentunit" in codenames(roles.COMMUNITY_WORKER)


@pytest.mark.django_db(transaction=True)
def test_roles_survive_a_database_flush():
    """Regression: a transactional test's flush emptied auth_group and the roles never came back,
    because post_migrate is sent only for apps with models and the sync waited for the last app."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)

    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_NAMES)
    assert "governance.view_community" in codenames(roles.AUDITOR)


def test_custom_permissions_are_granted_only_by_name():
    """Regression: a custom ``view_…`` permission (sensitive categories, full ID numbers) matched the
    ``view_`` pattern and reached every role that reads the app."""
    from django.contrib.contenttypes.models import ContentType

    from governance.models import Community

    Permission.objects.create(
        codename="view_secret_ledger", name="查看机密台账", content_type=ContentType.objects.get_for_model(Community)
    )

    roles.sync_roles()

    holders = set(Group.objects.filter(permissions__codename="view_secret_ledger").values_list("name", flat=True))
    assert holders == set()
