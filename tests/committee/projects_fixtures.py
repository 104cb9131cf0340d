"""Fixtures of the projects area on the ``world``: five projects of the home community (寨子 = group_a, 岔河 =
group_b), honours and co-building contributions, hand-counted below; one of each in the neighbouring community.

Projects (万元)::

    p1 岔河危房修缮加固  [岔河]        7.5  15户     完工待验收  批准 2026-03-10 开工 04-01 完工 09-18
    p2 岔河村间道路硬化  [岔河]       14    2000㎡   已验收      批准 2025-05-06 开工 06-02 完工 11-20 验收 2026-01-15
    p3 寨子花坛绿化      [寨子]        —             施工中      批准 2026-02-02 开工 03-02
    p4 寨子、岔河沼气池  [寨子, 岔河]   2    40眼     已批准      批准 2026-06-15
    p5 风雨桥            []           30            计划        计划 2027年中旬

    total 5 projects, 53.5万元 (p3 not stated); 寨子 2 projects 2万元, 岔河 3 projects 23.5万元, 全社区 1 30万元.

Honours: a1 寨子 示范居民小组 社区 2026; a2 岔河 法治居民小组 街道 2026; a3 the community 社会治安综合治理先进集体
街道 2025; a4 寨子 区级文明村 区县 2026, 已通过考评待命名. Co-building units: 卫生所 (the world's unit), 完全小学,
加工厂 are 共驻共建, 建材 is not::

    c1 卫生所 2026-09-20 为社区办实事  —        164人
    c2 卫生所 2026-10-01 捐款捐物      1000.00
    c3 完全小学 2026      开放资源      —
    c4 完全小学 2026-05-04 捐款捐物     500.50    30人
    c5 加工厂 2025-07-02 为社区办实事  12000.00
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from committee.models.projects import (
    Award,
    AwardLevel,
    AwardStage,
    ConstructionProject,
    ContributionKind,
    ProjectKind,
    ProjectStatus,
    UnitContribution,
)
from committee.services.projects import award_save, contribution_save, project_advance, project_save
from governance.models import ResidentUnit
from governance.services import register_save
from tests.factories import ResidentUnitFactory

D = datetime.date
S = ProjectStatus


def wan(text: str) -> Decimal:
    return Decimal(text) * 10000


def add_project(actor, community, title, kind, groups, *, investment=None, quantity=None, unit="", **fields):
    project = ConstructionProject(
        community=community,
        title=title,
        kind=kind,
        investment=wan(investment) if investment is not None else None,
        quantity=Decimal(quantity) if quantity is not None else None,
        unit=unit,
        **fields,
    )
    return project_save(actor=actor, project=project, groups=groups)


def advance(actor, project, to, *days):
    steps = [S.APPROVED, S.BUILDING, S.COMPLETED, S.ACCEPTED]
    return project_advance(actor=actor, project=project, to=to, dates=dict(zip(steps, days, strict=False)))


def add_award(actor, community, title, level, year, *, group=None, person=None, stage=AwardStage.AWARDED, **fields):
    award = Award(
        community=community, group=group, person=person, title=title, level=level, year=year, stage=stage, **fields
    )
    return award_save(actor=actor, award=award)


def add_contribution(actor, unit, year, kind, description, *, date=None, amount=None, beneficiaries=None):
    contribution = UnitContribution(
        community=unit.community,
        unit=unit,
        year=year,
        date=date,
        kind=kind,
        description=description,
        amount=Decimal(amount) if amount is not None else None,
        beneficiaries=beneficiaries,
    )
    return contribution_save(actor=actor, contribution=contribution)


@dataclass
class Projects:
    p1: ConstructionProject
    p2: ConstructionProject
    p3: ConstructionProject
    p4: ConstructionProject
    p5: ConstructionProject
    other_project: ConstructionProject
    a1: Award
    a2: Award
    a3: Award
    a4: Award
    other_award: Award
    clinic: ResidentUnit
    school: ResidentUnit
    factory: ResidentUnit
    builder: ResidentUnit  # not a co-builder
    c1: UnitContribution
    c2: UnitContribution
    c3: UnitContribution
    c4: UnitContribution
    c5: UnitContribution
    other_contribution: UnitContribution


@pytest.fixture
def projects(world) -> Projects:
    actor, home, other = world.worker, world.community, world.other_community
    zhaizi, chahe = world.group_a, world.group_b
    K = ProjectKind

    p1 = add_project(actor, home, "岔河危房修缮加固", K.DILAPIDATED_HOUSING, [chahe], investment="7.5", quantity="15",
                     unit="户")  # fmt: skip
    p1 = advance(actor, p1, S.COMPLETED, D(2026, 3, 10), D(2026, 4, 1), D(2026, 9, 18))
    p2 = add_project(actor, home, "岔河村间道路硬化", K.ROAD_HARDENING, [chahe], investment="14", quantity="2000",
                     unit="㎡", spec="成块石路面,配套排水沟")  # fmt: skip
    p2 = advance(actor, p2, S.ACCEPTED, D(2025, 5, 6), D(2025, 6, 2), D(2025, 11, 20), D(2026, 1, 15))
    p3 = add_project(actor, home, "寨子花坛绿化", K.FLOWER_BEDS, [zhaizi])
    p3 = advance(actor, p3, S.BUILDING, D(2026, 2, 2), D(2026, 3, 2))
    p4 = add_project(actor, home, "寨子、岔河沼气池", K.BIOGAS, [zhaizi, chahe], investment="2", quantity="40",
                     unit="眼")  # fmt: skip
    p4 = advance(actor, p4, S.APPROVED, D(2026, 6, 15))
    p5 = add_project(actor, home, "风雨桥", K.COVERED_BRIDGE, [], investment="30", planned_for="2027年中旬")
    other_project = add_project(world.other_worker, other, "朵亩村间道路硬化", K.ROAD_HARDENING, [world.other_group],
                                investment="12")  # fmt: skip
    other_project = advance(world.other_worker, other_project, S.COMPLETED, D(2026, 1, 5), D(2026, 2, 1),
                            D(2026, 9, 1))  # fmt: skip

    a1 = add_award(actor, home, "示范居民小组", AwardLevel.COMMUNITY, 2026, group=zhaizi)
    a2 = add_award(actor, home, "法治居民小组", AwardLevel.STREET, 2026, group=chahe, awarded_on=D(2026, 7, 1))
    a3 = add_award(actor, home, "社会治安综合治理先进集体", AwardLevel.STREET, 2025, awarding_body="团结街道办事处",
                   document_number="团办发〔2025〕41号")  # fmt: skip
    a4 = add_award(actor, home, "区级文明村", AwardLevel.COUNTY, 2026, group=zhaizi, stage=AwardStage.EVALUATED,
                   awarded_on=D(2026, 10, 18))  # fmt: skip
    other_award = add_award(world.other_worker, other, "文明居民小组", AwardLevel.STREET, 2026, group=world.other_group)

    clinic = world.unit
    clinic.is_co_builder = True
    register_save(actor=world.head, instance=clinic)
    school = ResidentUnitFactory(community=home, name="箐口完全小学", is_co_builder=True)
    factory = ResidentUnitFactory(community=home, name="箐口加工厂", is_co_builder=True)
    builder = ResidentUnitFactory(community=home, name="箐口建材", is_co_builder=False)
    other_unit = world.other_unit
    other_unit.is_co_builder = True
    register_save(actor=world.other_head, instance=other_unit)

    C = ContributionKind
    c1 = add_contribution(actor, clinic, 2026, C.GOOD_DEED, "为60岁以上老人免费体检建档", date=D(2026, 9, 20),
                          beneficiaries=164)  # fmt: skip
    c2 = add_contribution(actor, clinic, 2026, C.DONATION, "重阳节慰问捐款", date=D(2026, 10, 1), amount="1000.00")
    c3 = add_contribution(actor, school, 2026, C.OPEN_RESOURCES, "节假日开放运动场")
    c4 = add_contribution(actor, school, 2026, C.DONATION, "捐赠图书", date=D(2026, 5, 4), amount="500.50",
                          beneficiaries=30)  # fmt: skip
    c5 = add_contribution(actor, factory, 2025, C.GOOD_DEED, "修缮老年活动室屋顶", date=D(2025, 7, 2),
                          amount="12000.00")  # fmt: skip
    other_contribution = add_contribution(world.other_worker, other_unit, 2026, C.DONATION, "捐款", amount="800")
    return Projects(
        p1=p1, p2=p2, p3=p3, p4=p4, p5=p5, other_project=other_project,
        a1=a1, a2=a2, a3=a3, a4=a4, other_award=other_award,
        clinic=clinic, school=school, factory=factory, builder=builder,
        c1=c1, c2=c2, c3=c3, c4=c4, c5=c5, other_contribution=other_contribution,
    )  # fmt: skip
