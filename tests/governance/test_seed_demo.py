import pytest
from django.core.management import call_command

from governance import roles
from governance.demo import SEED_GROUPS
from governance.models import Community, Grid, ResidentGroup, ResidentUnit, User

pytestmark = pytest.mark.django_db


def history_rows():
    return sum(model.history.count() for model in (Community, ResidentGroup, ResidentUnit, Grid, User))


def test_seed_demo_builds_seed_000s_community_and_prints_the_logins(capsys):
    call_command("seed_demo", force=True)

    qingkou = Community.objects.get(code="qingkou")
    assert qingkou.street.name == "团结街道办事处"
    assert qingkou.distance_to_office_km == 20
    assert qingkou.distance_to_city_km == 35
    assert [group.name for group in qingkou.resident_groups.order_by("order")] == SEED_GROUPS
    kinds = sorted(qingkou.resident_units.values_list("kind", flat=True))
    assert kinds == ["clinic", "enterprise", "enterprise", "enterprise", "school"]
    assert Community.objects.filter(street=qingkou.street).count() == 2

    for role in roles.ROLE_NAMES:
        assert User.objects.filter(groups__name=role).exists(), role
    output = capsys.readouterr().out
    for username in ["admin", "jiedao", "shuji", "gongzuo", "wangge", "zhibao", "shenji"]:
        assert username in output


def test_every_seeded_group_has_a_grid_worker():
    call_command("seed_demo", force=True)
    for group in ResidentGroup.objects.filter(community__code="qingkou"):
        assert group.grids.get().responsible.groups.filter(name=roles.GRID_WORKER).exists()


def test_running_seed_demo_twice_changes_nothing():
    call_command("seed_demo", force=True)
    before = history_rows()

    call_command("seed_demo", force=True)

    assert history_rows() == before
    assert Community.objects.count() == 2
    assert ResidentGroup.objects.count() == 12


def test_seed_demo_refuses_a_production_database_unless_forced(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="拒绝写入演示数据"):
        call_command("seed_demo")
    assert not User.objects.filter(username="admin").exists()
