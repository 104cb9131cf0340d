"""The demo of the windows area, on the world's small population: seed 000's six windows and fourteen
items, some sixty cases of 2026 run through the status machine, and a second run that changes nothing."""

from __future__ import annotations

import datetime

import pytest

from services.demo import windows as windows_demo
from services.models.windows import CaseStatus, ServiceCase, ServiceCaseStep, ServiceItem, ServiceWindow
from services.selectors.windows import case_figures

pytestmark = pytest.mark.django_db

SEED_000_WINDOWS = [
    "党群服务窗口",
    "工青妇综合服务窗口",
    "社会事务综合服务窗口",
    "信访及民事调解综合服务窗口",
    "畜牧兽医服务窗口",
    "农林水综合服务窗口",
]


@pytest.fixture
def demo(world, population):
    """The world's small population stands in for the demo register (the whole ``seed_demo`` runs in
    tests/governance/test_seed_demo.py); its users carry the demo's usernames (gongzuo, shuji, duomu)."""
    data = {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}
    windows_demo.seed(data)
    return data


def test_qingkou_has_seed_000_s_six_windows_and_fourteen_items(demo):
    qingkou = demo["qingkou"]
    windows = ServiceWindow.objects.filter(community=qingkou).order_by("order")
    assert [window.name for window in windows] == SEED_000_WINDOWS
    assert ServiceItem.objects.filter(community=qingkou).count() == 14
    assert all(window.items.exists() for window in windows)
    assert all(window.staff.exists() for window in windows)


def test_some_sixty_cases_of_2026_with_steps_a_few_overdue_and_satisfied_residents(demo):
    qingkou = demo["qingkou"]
    cases = ServiceCase.objects.filter(community=qingkou)
    assert 55 <= cases.count() <= 65
    assert not cases.exclude(received_at__year=2026).exists()
    assert cases.filter(status=CaseStatus.RETURNED).count() == 2
    assert ServiceCaseStep.objects.filter(case__community=qingkou).count() > 2 * cases.count()
    overdue = cases.overdue_on(windows_demo.AS_OF)
    assert 2 <= overdue.count() <= 6
    figures = case_figures(community=qingkou, start=datetime.date(2026, 1, 1), end=windows_demo.AS_OF)
    assert figures.total.satisfaction_rate == 1.0  # 「群众满意率达100%」
    assert figures.total.satisfied > figures.total.basic
    assert 0.8 <= figures.total.on_time_rate < 1.0
    assert {window.name for window, counts in figures.by_window if counts.received} == set(SEED_000_WINDOWS)
    assert ServiceCase.objects.filter(community=demo["duomu"]).exists()


def test_seeding_twice_changes_nothing(demo):
    before = (ServiceWindow.objects.count(), ServiceItem.objects.count(), ServiceCase.objects.count())
    windows_demo.seed(demo)
    assert (ServiceWindow.objects.count(), ServiceItem.objects.count(), ServiceCase.objects.count()) == before
