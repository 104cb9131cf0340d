import pytest
from django.core.management import call_command

from governance import roles
from governance.demo import SEED_GROUPS, seed
from governance.models import Community, Grid, ResidentGroup, ResidentUnit, User

pytestmark = pytest.mark.django_db


def history_rows():
    return sum(model.history.count() for model in (Community, ResidentGroup, ResidentUnit, Grid, User))


# The organisation part of seed_demo is governance.demo.seed; the whole command (every app's demo
# data, ~1,800 people) runs once in tests/residents/test_demo.py.


def test_seed_builds_seed_000s_community_and_one_account_per_role():
    logins = seed({})["logins"]

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
    assert {login.username for login in logins} >= {"admin", "jiedao", "shuji", "gongzuo", "wangge", "zhibao", "shenji"}


def test_every_seeded_group_has_a_grid_worker():
    seed({})
    for group in ResidentGroup.objects.filter(community__code="qingkou"):
        assert group.grids.get().responsible.groups.filter(name=roles.GRID_WORKER).exists()


def test_running_the_seed_twice_changes_nothing():
    seed({})
    before = history_rows()

    seed({})

    assert history_rows() == before
    assert Community.objects.count() == 2
    assert ResidentGroup.objects.count() == 12


def test_seed_demo_refuses_a_production_database_unless_forced(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="拒绝写入演示数据"):
        call_command("seed_demo")
    assert not User.objects.filter(username="admin").exists()
