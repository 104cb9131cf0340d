"""The demo of the projects area on the test world, completed with the rest of seed 000's eight groups and five
units: the figures below are counted by hand from seed 000 section 二; a second run changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from committee.demo import projects as projects_demo
from committee.models.projects import Award, AwardStage, ConstructionProject, ProjectStatus, UnitContribution
from committee.selectors.projects import award_figures, cobuilding_figures, project_figures, projects_by_group
from governance.models import ResidentGroup
from governance.services import register_save
from tests.factories import ResidentGroupFactory, ResidentUnitFactory

pytestmark = pytest.mark.django_db

QINGKOU_GROUPS = ["寨子", "大xx", "桃树箐", "岔河", "陡咀", "老张箐", "分水岭", "椿箐"]


@pytest.fixture
def demo(world):
    world.group_b.order = QINGKOU_GROUPS.index("岔河") + 1
    register_save(actor=world.superuser, instance=world.group_b)
    for order, name in enumerate(QINGKOU_GROUPS, start=1):
        if not ResidentGroup.objects.filter(community=world.community, name=name).exists():
            ResidentGroupFactory(community=world.community, name=name, order=order)
    for name in ["新村", "小河边", "大坪子"]:
        ResidentGroupFactory(community=world.other_community, name=name)
    clinic = world.unit  # 箐口卫生所
    clinic.is_co_builder = True
    register_save(actor=world.superuser, instance=clinic)
    for name in ["箐口建材有限公司", "箐口万寿菊种植专业合作社", "箐口农产品加工厂", "箐口完全小学"]:
        ResidentUnitFactory(community=world.community, name=name, is_co_builder=True)
    data = {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}
    projects_demo.seed(data)
    return data


def wan(community, *titles) -> Decimal:
    projects = ConstructionProject.objects.filter(community=community, title__in=titles)
    assert projects.count() == len(titles)
    return sum(project.investment for project in projects) / 10000


def test_qingkou_projects_by_status_and_investment(world, demo):
    figures = project_figures(community=world.community)
    # 计划: 公路, 牌坊, 风雨桥, 农耕文化馆, 大xx文化室; 施工中: 桃树箐管网, 沼气池;
    # 完工待验收: 岔河 5, 陡咀 5, 老张箐 2; 已验收/投入使用: 寨子花坛, 大xx管网, 椿箐人畜饮水.
    assert [row.count for row in figures.by_status] == [5, 0, 2, 12, 3]
    assert figures.total.count == 22
    # 岔河 7.5+14+6+1+26.5 = 55; 陡咀 7.5+28.7+6+10+42 = 94.2; no other project states its investment.
    assert figures.total.investment == Decimal("1492000.00")
    assert str(figures.total.investment_wan) == "149.2"
    assert figures.total.unstated == 12
    assert figures.status(ProjectStatus.COMPLETED).investment_wan == Decimal("149.2")


def test_each_groups_projects_as_seed_000_lists_them(world, demo):
    rows = {row.name: row for row in projects_by_group(community=world.community)}
    assert [row.name for row in projects_by_group(community=world.community)] == [*QINGKOU_GROUPS, "全社区"]
    chahe = rows["岔河"]
    assert chahe.total.investment_wan == Decimal("55")
    assert [p.title for p in chahe.projects if p.status == ProjectStatus.COMPLETED] == [
        "岔河危房修缮加固",
        "岔河村间道路硬化",
        "岔河公厕",
        "岔河老井保护围栏",
        "岔河建筑物外墙粉刷",
    ]
    assert rows["陡咀"].total.investment_wan == Decimal("94.2")
    assert wan(world.community, "岔河危房修缮加固", "陡咀危房修缮加固") == Decimal("15")
    dangerous = ConstructionProject.objects.filter(community=world.community, kind="dilapidated_housing")
    assert sum(project.quantity for project in dangerous) == 30  # 危房 15户 + 15户
    road = ConstructionProject.objects.get(community=world.community, title="陡咀村间道路硬化")
    assert (road.quantity, road.unit, road.spec) == (Decimal("4100"), "㎡", "宽2米,成块石路面,配套排水沟")

    biogas = ConstructionProject.objects.get(community=world.community, kind="biogas")
    assert sorted(group.name for group in biogas.groups.all()) == sorted(["老张箐", "分水岭", "桃树箐"])
    assert (biogas.quantity, biogas.unit, biogas.status) == (Decimal("40"), "眼", ProjectStatus.BUILDING)
    archway = ConstructionProject.objects.get(community=world.community, kind="archway")
    assert sorted(group.name for group in archway.groups.all()) == ["岔河", "陡咀"]
    pipes = {
        project.groups.get().name: project.status
        for project in ConstructionProject.objects.filter(community=world.community, kind="drinking_water_pipes")
    }
    assert pipes == {"大xx": ProjectStatus.ACCEPTED, "桃树箐": ProjectStatus.BUILDING}
    assert {p.title for p in rows["全社区"].projects} == {"风雨桥", "农耕文化馆"}
    highway = ConstructionProject.objects.get(community=world.community, kind="highway")
    assert (highway.status, highway.planned_for) == (ProjectStatus.PLANNED, "2027年中旬")


def test_highlights_and_honours_of_the_groups(world, demo):
    highlights = dict(ResidentGroup.objects.filter(community=world.community).values_list("name", "highlight"))
    assert all(highlights[name] for name in QINGKOU_GROUPS)
    assert "55万元" in highlights["岔河"]
    assert "省级文明村" in highlights["寨子"]

    pending = Award.objects.filter(community=world.community, stage=AwardStage.EVALUATED)
    assert sorted((a.group.name, a.title, a.awarded_on) for a in pending) == [
        ("大xx", "区级文明村", datetime.date(2026, 10, 18)),
        ("桃树箐", "区级文明村", datetime.date(2026, 10, 18)),
    ]
    titles = set(Award.objects.filter(community=world.community).values_list("title", flat=True))
    assert {"市级文明村", "示范居民小组", "文明居民小组", "充分就业居民小组", "法治居民小组"} <= titles
    figures = award_figures(community=world.community)
    assert (figures.total, figures.pending, figures.to_community) == (7, 2, 1)


def test_cobuilding_of_2026(world, demo):
    figures = cobuilding_figures(community=world.community, year=2026)
    assert figures.good_deeds == 2  # 「驻社区共建单位每年为社区办实事件2件」
    assert (figures.co_builder_units, figures.active_units, figures.contributions) == (5, 5, 7)
    assert figures.amount == Decimal("17000.00")  # 5000 + 3000 + 9000
    assert cobuilding_figures(community=world.community, year=2025).contributions == 2


def test_duomu_gets_three_projects(world, demo):
    assert ConstructionProject.objects.filter(community=world.other_community).count() == 3
    assert project_figures(community=world.other_community).total.investment_wan == Decimal("16.5")


def test_seeding_twice_changes_nothing(world, demo):
    def counts():
        return (
            ConstructionProject.objects.count(),
            ConstructionProject.history.count(),
            Award.objects.count(),
            UnitContribution.objects.count(),
            ResidentGroup.history.count(),
        )

    before = counts()
    projects_demo.seed(demo)
    assert counts() == before
