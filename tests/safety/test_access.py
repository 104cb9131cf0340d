import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from governance import roles
from safety.models import SensitiveAccess
from safety.services.access import sensitive_access_record
from tests.matrix import Page


@pytest.mark.parametrize(
    "page",
    [
        Page("safety:sensitiveaccess_list", allowed="head", denied="mediator", denied_status=404),
        Page("safety:sensitiveaccess_list", allowed="head", denied="worker", denied_status=404),
    ],
    ids=str,
)
def test_permission_matrix(page, world, client):
    page.check(client, world)


def test_only_heads_read_the_access_log_and_nobody_writes_it(world):
    assert world.head.has_perm("safety.view_sensitiveaccess")
    for user in (world.head, world.mediator, world.worker):
        assert not user.has_perm("safety.add_sensitiveaccess")
        assert not user.has_perm("safety.change_sensitiveaccess")
    for user in (world.mediator, world.worker, world.street_leader, world.auditor):
        assert not user.has_perm("safety.view_sensitiveaccess")


def test_street_leaders_and_auditors_hold_no_safety_permission(world):
    from django.contrib.auth.models import Group

    for name in (roles.STREET_LEADER, roles.AUDITOR, roles.COMMUNITY_WORKER, roles.GRID_WORKER):
        granted = Group.objects.get(name=name).permissions.filter(content_type__app_label="safety")
        assert not granted.exists(), name


class TestSensitiveAccessRecord:
    def test_records_who_what_and_why(self, world, population):
        entry = sensitive_access_record(user=world.mediator, record=population.son, purpose=" 走访帮教 ")
        assert (entry.user, entry.community, entry.object_id) == (world.mediator, world.community, population.son.pk)
        assert entry.purpose == "走访帮教"
        assert entry.record == str(population.son)

    def test_a_purpose_is_required(self, world, population):
        with pytest.raises(ValidationError, match="请说明查阅事由"):
            sensitive_access_record(user=world.mediator, record=population.son, purpose="  ")
        assert not SensitiveAccess.objects.exists()

    def test_a_record_outside_the_scope_is_refused(self, world, population):
        with pytest.raises(PermissionDenied):
            sensitive_access_record(user=world.mediator, record=population.outsider, purpose="核实情况")
        assert not SensitiveAccess.objects.exists()

    def test_the_log_page_lists_the_community_s_entries_only(self, client, world, population):
        sensitive_access_record(user=world.mediator, record=population.son, purpose="走访帮教")
        sensitive_access_record(user=world.other_head, record=population.outsider, purpose="调解工作")
        client.force_login(world.head)
        content = client.get(reverse("safety:sensitiveaccess_list")).content.decode()
        assert "走访帮教" in content
        assert "调解工作" not in content
