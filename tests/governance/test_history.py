import pytest

from governance.history import history_entries
from governance.services import register_save

pytestmark = pytest.mark.django_db


def test_history_entries_say_who_changed_which_field_in_chinese(world):
    world.grid.time_slots = "工作日"
    register_save(actor=world.head, instance=world.grid)
    world.grid.responsible = world.worker
    register_save(actor=world.head, instance=world.grid, reason="人员调整")

    latest = history_entries(world.grid)[0]

    assert latest.who == world.head.name
    assert latest.action == "修改"
    assert latest.reason == "人员调整"
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        ("网格责任人", world.grid_worker.name, world.worker.name)
    ]


def test_history_shows_choice_labels_and_booleans(world):
    world.unit.kind = "school"
    world.unit.is_key_unit = True
    register_save(actor=world.worker, instance=world.unit)

    changes = {c.label: (c.old, c.new) for c in history_entries(world.unit)[0].changes}

    assert changes["单位类型"] == ("企业", "学校")
    assert changes["重点单位"] == ("否", "是")


def test_a_login_leaves_no_history_row_but_an_edit_does(world, client):
    from tests.factories import TEST_PASSWORD

    before = world.worker.history.count()
    client.post("/accounts/login/", {"username": "gongzuo", "password": TEST_PASSWORD})
    assert world.worker.history.count() == before

    world.worker.post = "网格长"
    register_save(actor=world.head, instance=world.worker)
    assert world.worker.history.count() == before + 1


def test_history_shows_times_on_the_local_clock():
    import datetime

    from django.db import models

    from governance.history import _display

    stored = datetime.datetime(2026, 10, 8, 1, 0, tzinfo=datetime.UTC)
    assert _display(models.DateTimeField(), stored, {}) == "2026-10-08 09:00"
