"""Demo construction projects, group highlights, honours and co-building for ``seed_demo``.

箐口 is seed 000's committee; section 二 is transcribed group by group (「以一小组一亮点为目标」), its
investments, quantities, units, specifications and statuses exactly as the text gives them:

* 寨子: 「以市级文明村建设作为平台…村庄里建设了花坛,种花种树进行村庄绿化,争做省级文明村」 → a 花坛绿化 project
  in use and the honour 市级文明村 (the year is the demo's: the seed gives none);
* 大xx、桃树箐: 「于20xx年10月18日通过考评,两个社区有望成为区级文明村」 → 区级文明村, 已通过考评待命名, for each;
  「人饮管网改造工程得到了批准,目前大xx小组的管网改造已经完工并投入使用,桃树箐的管网改造正在施工」 → two
  projects (their statuses differ), 已验收/投入使用 and 施工中;
* 岔河: 7.5万元 15户危房, 14万元 道路硬化2000㎡(成块石路面,配套排水沟), 6万元 公厕40㎡一个, 1万元 老井保护围栏,
  26.5万元 外墙粉刷19000㎡, 「已经完工等待验收」 → five projects 完工待验收, 55万元;
* 陡咀: 7.5万元 15户危房, 28.7万元 道路硬化4100㎡(宽2米…), 6万元 公厕40㎡一个配套一个垃圾收集房, 10万元 村庄绿化
  1000㎡, 42万元 外墙粉刷30000㎡, 完工待验收 → five projects, 94.2万元;
* 老张箐: 「多功能文化室和村间道路硬化工程完工」 → 完工待验收; 「与分水岭、桃树箐一起,将建设40眼沼气池,目前工程已经
  动工」 → one project of the three groups, 40眼, 施工中;
* 椿箐: 「人畜饮水工程已经完工,解决了居民一直以来吃水困难的难题」 → 已验收/投入使用 (residents drink from it);
* plans: 「计划在20xx年中旬完成对xx到大叠水和老张箐的公路建设,逐步完成岔河、陡咀牌坊、风雨桥、农耕文化馆和大xx小组
  多功能文化室」 → five projects 计划 (the 牌坊 once, for 岔河 and 陡咀).

22 projects: 计划 5, 施工中 2, 完工待验收 12, 已验收/投入使用 3; the stated investments total 149.2万元. The seed
gives no funding source (未注明) and no step dates: those are the demo's, all in 2025–2026. Section 四's
「“示范居民小组”、“文明居民小组”、“充分就业居民小组”、“法治居民小组”等争创活动,涌现出了寨子、桃树箐、大xx、岔河、
陡咀等一批特色居民小组」 names the groups and the titles but not who won which: the pairing below is the demo's.
Co-building: the five units of 箐口 (all 共驻共建) did two 实事 in 2026 (「驻社区共建单位每年为社区办实事件2件」),
gave three donations, the school opened its grounds and held a joint activity; two contributions in 2025.
朵亩 gets three projects and one honour. Written through the services as ``demo["admin"]``; what exists is left
alone, so a second run changes nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from committee.models.projects import (
    Award,
    AwardLevel,
    AwardStage,
    ConstructionProject,
    ContributionKind,
    ProjectKind,
    ProjectStatus,
    UnitContribution,
    wan_to_yuan,
)
from committee.services.projects import award_save, contribution_save, project_advance, project_save
from governance.models import Community, ResidentGroup, ResidentUnit
from governance.services import register_save

D = datetime.date
K = ProjectKind
S = ProjectStatus
PLANNED, BUILDING, COMPLETED, ACCEPTED = S.PLANNED, S.BUILDING, S.COMPLETED, S.ACCEPTED


def _dates(approved=None, started=None, completed=None, accepted=None) -> dict:
    return {S.APPROVED: approved, S.BUILDING: started, S.COMPLETED: completed, S.ACCEPTED: accepted}


# (title, kind, groups, 万元 or None, quantity, unit, spec, status, step dates, planned_for, description)
QINGKOU_PROJECTS = [
    ("寨子花坛及村庄绿化", K.FLOWER_BEDS, ["寨子"], None, None, "", "建设花坛,种花种树", ACCEPTED,
     _dates(D(2026, 3, 2), D(2026, 3, 20), D(2026, 5, 10), D(2026, 5, 20)), "",
     "在文明村建设现有的条件外,村庄里建设了花坛,种花种树进行村庄绿化,争做省级文明村。"),
    ("大xx人饮管网改造", K.DRINKING_WATER_PIPES, ["大xx"], None, None, "", "", ACCEPTED,
     _dates(D(2026, 2, 20), D(2026, 3, 16), D(2026, 7, 30), D(2026, 8, 14)), "",
     "人饮管网改造工程得到了批准,大xx小组的管网改造已经完工并投入使用。"),
    ("桃树箐人饮管网改造", K.DRINKING_WATER_PIPES, ["桃树箐"], None, None, "", "", BUILDING,
     _dates(D(2026, 2, 20), D(2026, 9, 1)), "", "与大xx同批获批,管网改造正在施工。"),
    ("岔河危房修缮加固", K.DILAPIDATED_HOUSING, ["岔河"], "7.5", "15", "户", "", COMPLETED,
     _dates(D(2026, 3, 10), D(2026, 4, 1), D(2026, 9, 18)), "", "投资7.5万元对15户危房进行修缮加固。"),
    ("岔河村间道路硬化", K.ROAD_HARDENING, ["岔河"], "14", "2000", "㎡", "成块石路面,配套排水沟", COMPLETED,
     _dates(D(2026, 3, 10), D(2026, 4, 8), D(2026, 9, 25)), "", "投资14万元进行村间道路硬化2000平方米。"),
    ("岔河公厕", K.PUBLIC_TOILET, ["岔河"], "6", "40", "㎡", "公厕一个", COMPLETED,
     _dates(D(2026, 3, 10), D(2026, 5, 6), D(2026, 8, 28)), "", "投资6万元建筑40平方米的公厕一个。"),
    ("岔河老井保护围栏", K.WELL_FENCE, ["岔河"], "1", None, "", "", COMPLETED,
     _dates(D(2026, 3, 10), D(2026, 6, 2), D(2026, 7, 15)), "", "投资1万元为村中老井修建保护围栏。"),
    ("岔河建筑物外墙粉刷", K.FACADE_PAINTING, ["岔河"], "26.5", "19000", "㎡", "", COMPLETED,
     _dates(D(2026, 3, 10), D(2026, 6, 15), D(2026, 10, 10)), "", "投资26.5万元对村中建筑物外墙粉刷19000平方米。"),
    ("陡咀危房修缮加固", K.DILAPIDATED_HOUSING, ["陡咀"], "7.5", "15", "户", "", COMPLETED,
     _dates(D(2026, 3, 12), D(2026, 4, 6), D(2026, 9, 20)), "", "投资7.5万元对15户危房进行修缮加固。"),
    ("陡咀村间道路硬化", K.ROAD_HARDENING, ["陡咀"], "28.7", "4100", "㎡", "宽2米,成块石路面,配套排水沟", COMPLETED,
     _dates(D(2026, 3, 12), D(2026, 4, 13), D(2026, 10, 12)), "", "投资28.7万元进行村间道路硬化4100平方米。"),
    ("陡咀公厕及垃圾收集房", K.PUBLIC_TOILET, ["陡咀"], "6", "40", "㎡", "公厕一个,配套一个垃圾收集房", COMPLETED,
     _dates(D(2026, 3, 12), D(2026, 5, 11), D(2026, 8, 31)), "",
     "投资6万元建筑40平方米的公厕一个,配套一个垃圾收集房。"),
    ("陡咀村庄绿化", K.VILLAGE_GREENING, ["陡咀"], "10", "1000", "㎡", "", COMPLETED,
     _dates(D(2026, 3, 12), D(2026, 4, 20), D(2026, 6, 30)), "", "投资10万元进行村庄绿化1000平方米。"),
    ("陡咀建筑物外墙粉刷", K.FACADE_PAINTING, ["陡咀"], "42", "30000", "㎡", "", COMPLETED,
     _dates(D(2026, 3, 12), D(2026, 6, 22), D(2026, 10, 16)), "", "投资42万元对村中建筑物外墙粉刷30000平方米。"),
    ("老张箐多功能文化室", K.CULTURE_ROOM, ["老张箐"], None, None, "", "", COMPLETED,
     _dates(D(2025, 11, 20), D(2026, 3, 2), D(2026, 9, 30)), "", "通过居委会两委班子不断地努力,多功能文化室完工。"),
    ("老张箐村间道路硬化", K.ROAD_HARDENING, ["老张箐"], None, None, "", "", COMPLETED,
     _dates(D(2026, 3, 2), D(2026, 4, 10), D(2026, 8, 28)), "", "村间道路硬化工程完工。"),
    ("老张箐、分水岭、桃树箐沼气池", K.BIOGAS, ["老张箐", "分水岭", "桃树箐"], None, "40", "眼", "", BUILDING,
     _dates(D(2026, 6, 15), D(2026, 10, 8)), "", "将建设40眼沼气池,目前工程已经动工,居民即将用上节能环保的沼气。"),
    ("椿箐人畜饮水工程", K.DRINKING_WATER_WORKS, ["椿箐"], None, None, "", "", ACCEPTED,
     _dates(D(2025, 10, 10), D(2025, 12, 1), D(2026, 4, 30), D(2026, 5, 15)), "",
     "人畜饮水工程已经完工,解决了居民一直以来吃水困难的难题。"),
    ("箐口至大叠水、老张箐公路", K.HIGHWAY, ["老张箐"], None, None, "", "", PLANNED, _dates(), "2027年中旬",
     "计划完成箐口到大叠水和老张箐的公路建设。"),
    ("岔河、陡咀牌坊", K.ARCHWAY, ["岔河", "陡咀"], None, None, "", "", PLANNED, _dates(), "逐步完成", ""),
    ("风雨桥", K.COVERED_BRIDGE, [], None, None, "", "", PLANNED, _dates(), "逐步完成", ""),
    ("农耕文化馆", K.FARMING_MUSEUM, [], None, None, "", "", PLANNED, _dates(), "逐步完成", ""),
    ("大xx多功能文化室", K.CULTURE_ROOM, ["大xx"], None, None, "", "", PLANNED, _dates(), "逐步完成", ""),
]  # fmt: skip

DUOMU_PROJECTS = [
    ("朵亩村间道路硬化", K.ROAD_HARDENING, ["朵亩"], "12", "800", "㎡", "水泥路面,宽3米", ACCEPTED,
     _dates(D(2025, 9, 1), D(2025, 10, 8), D(2026, 4, 26), D(2026, 5, 8)), "", ""),
    ("新村公厕", K.PUBLIC_TOILET, ["新村"], "4.5", "30", "㎡", "公厕一个", BUILDING,
     _dates(D(2026, 5, 20), D(2026, 8, 3)), "", ""),
    ("小河边人饮管网改造", K.DRINKING_WATER_PIPES, ["小河边"], None, None, "", "", PLANNED, _dates(), "2027年", ""),
]  # fmt: skip

# 一小组一亮点, from the group paragraphs of section 二 (only written where a group has none yet).
QINGKOU_HIGHLIGHTS = {
    "寨子": "以市级文明村建设作为平台,从领导班子、居民思想道德建设、社会治安、基层民主、发展农村经济、环境保护等方面"
    "力争提升;建设花坛、种花种树进行村庄绿化,争做省级文明村。",
    "大xx": "通过区级文明村考评,有望成为区级文明村;人饮管网改造已经完工并投入使用。",
    "桃树箐": "与大xx一同通过区级文明村考评;人饮管网改造正在施工,并与老张箐、分水岭一起建设沼气池。",
    "岔河": "投资55万元完成危房修缮加固、村间道路硬化、公厕、老井保护围栏和外墙粉刷,等待验收。",
    "陡咀": "投资94.2万元完成危房修缮加固、村间道路硬化、公厕和垃圾收集房、村庄绿化和外墙粉刷,等待验收。",
    "老张箐": "多功能文化室和村间道路硬化工程完工;与分水岭、桃树箐一起建设40眼沼气池,居民即将用上节能环保的沼气。",
    "分水岭": "与老张箐、桃树箐一起建设40眼沼气池,工程已经动工。",
    "椿箐": "人畜饮水工程已经完工,解决了居民一直以来吃水困难的难题。",
}

DEMO_PAIRING = "seed 000 只列出争创称号和涌现的小组,未说明各组所获称号,此对应为演示设定。"
# (group or None for the community, title, level, stage, year, date, awarding body, document number, note)
QINGKOU_AWARDS = [
    ("寨子", "市级文明村", AwardLevel.CITY, AwardStage.AWARDED, 2024, D(2024, 12, 18), "市精神文明建设委员会",
     "", "以市级文明村建设作为平台,争做省级文明村(年份、授予单位为演示设定)。"),
    ("大xx", "区级文明村", AwardLevel.COUNTY, AwardStage.EVALUATED, 2026, D(2026, 10, 18), "西山区精神文明建设委员会",
     "", "于10月18日通过考评,有望成为区级文明村。"),
    ("桃树箐", "区级文明村", AwardLevel.COUNTY, AwardStage.EVALUATED, 2026, D(2026, 10, 18), "西山区精神文明建设委员会",
     "", "于10月18日通过考评,有望成为区级文明村。"),
    ("寨子", "示范居民小组", AwardLevel.COMMUNITY, AwardStage.AWARDED, 2026, D(2026, 7, 1), "箐口居委会", "",
     DEMO_PAIRING),
    ("桃树箐", "文明居民小组", AwardLevel.COMMUNITY, AwardStage.AWARDED, 2026, D(2026, 7, 1), "箐口居委会", "",
     DEMO_PAIRING),
    ("大xx", "充分就业居民小组", AwardLevel.COMMUNITY, AwardStage.AWARDED, 2026, D(2026, 7, 1), "箐口居委会", "",
     DEMO_PAIRING),
    ("岔河", "法治居民小组", AwardLevel.COMMUNITY, AwardStage.AWARDED, 2026, D(2026, 7, 1), "箐口居委会", "",
     DEMO_PAIRING),
    ("陡咀", "文明居民小组", AwardLevel.COMMUNITY, AwardStage.AWARDED, 2026, D(2026, 7, 1), "箐口居委会", "",
     DEMO_PAIRING),
    (None, "社会治安综合治理先进集体", AwardLevel.STREET, AwardStage.AWARDED, 2025, D(2025, 12, 26),
     "团结街道办事处", "团办发〔2025〕41号", "演示数据。"),
]  # fmt: skip
DUOMU_AWARDS = [
    ("朵亩", "文明居民小组", AwardLevel.STREET, AwardStage.AWARDED, 2025, D(2025, 12, 26), "团结街道办事处", "", ""),
]

C = ContributionKind
# (unit, year, date, kind, description, amount 元, beneficiaries)
QINGKOU_CONTRIBUTIONS = [
    ("箐口建材有限公司", 2026, D(2026, 5, 12), C.GOOD_DEED, "为陡咀小组疏通修复村间排水沟", None, 120),
    ("箐口卫生所", 2026, D(2026, 9, 20), C.GOOD_DEED, "为60岁以上老人免费体检并建立健康档案", None, 164),
    ("箐口万寿菊种植专业合作社", 2026, D(2026, 4, 8), C.DONATION, "捐款支持抗旱救灾", "5000.00", None),
    ("箐口农产品加工厂", 2026, D(2026, 9, 28), C.DONATION, "中秋慰问困难群众捐赠大米、食用油", "3000.00", 60),
    ("箐口建材有限公司", 2026, D(2026, 3, 15), C.DONATION, "捐赠水泥20吨用于村间道路硬化", "9000.00", None),
    ("箐口完全小学", 2026, None, C.OPEN_RESOURCES, "节假日向居民开放运动场和图书室", None, None),
    ("箐口完全小学", 2026, D(2026, 6, 1), C.JOINT_ACTIVITY, "与社区联合开展“六进社区”法律宣传", None, 200),
    ("箐口卫生所", 2025, D(2025, 9, 18), C.GOOD_DEED, "为60岁以上老人免费体检", None, 158),
    ("箐口建材有限公司", 2025, D(2025, 7, 2), C.GOOD_DEED, "修缮老年活动室屋顶", "12000.00", None),
]


def _seed_projects(actor, community: Community, rows) -> None:
    groups = {group.name: group for group in ResidentGroup.objects.filter(community=community)}
    existing = set(ConstructionProject.objects.filter(community=community).values_list("title", flat=True))
    for title, kind, names, wan, quantity, unit, spec, status, dates, planned_for, description in rows:
        if title in existing:
            continue
        project = ConstructionProject(
            community=community,
            title=title,
            kind=kind,
            investment=wan_to_yuan(Decimal(wan)) if wan is not None else None,
            quantity=Decimal(quantity) if quantity is not None else None,
            unit=unit,
            spec=spec,
            planned_for=planned_for,
            description=description,
        )
        project = project_save(actor=actor, project=project, groups=[groups[name] for name in names])
        if status != PLANNED:
            project_advance(actor=actor, project=project, to=status, dates=dates)


def _seed_highlights(actor, community: Community, highlights: dict[str, str]) -> None:
    for group in ResidentGroup.objects.filter(community=community, name__in=list(highlights)):
        if not group.highlight:
            group.highlight = highlights[group.name]
            register_save(actor=actor, instance=group, reason="一小组一亮点")


def _seed_awards(actor, community: Community, rows) -> None:
    groups = {group.name: group for group in ResidentGroup.objects.filter(community=community)}
    for name, title, level, stage, year, awarded_on, body, number, note in rows:
        group = groups[name] if name else None
        if Award.objects.filter(community=community, group=group, person=None, title=title, year=year).exists():
            continue
        award = Award(
            community=community,
            group=group,
            title=title,
            level=level,
            stage=stage,
            year=year,
            awarded_on=awarded_on,
            awarding_body=body,
            document_number=number,
            note=note,
        )
        award_save(actor=actor, award=award)


def _seed_contributions(actor, community: Community, rows) -> None:
    units = {unit.name: unit for unit in ResidentUnit.objects.filter(community=community)}
    for name, year, day, kind, description, amount, beneficiaries in rows:
        unit = units.get(name)
        if unit is None or not unit.is_co_builder:
            continue
        if UnitContribution.objects.filter(community=community, unit=unit, year=year, description=description).exists():
            continue
        contribution = UnitContribution(
            community=community,
            unit=unit,
            year=year,
            date=day,
            kind=kind,
            description=description,
            amount=Decimal(amount) if amount is not None else None,
            beneficiaries=beneficiaries,
        )
        contribution_save(actor=actor, contribution=contribution)


def seed(demo: dict) -> None:
    actor, qingkou, duomu = demo["admin"], demo["qingkou"], demo["duomu"]
    _seed_highlights(actor, qingkou, QINGKOU_HIGHLIGHTS)
    _seed_projects(actor, qingkou, QINGKOU_PROJECTS)
    _seed_awards(actor, qingkou, QINGKOU_AWARDS)
    _seed_contributions(actor, qingkou, QINGKOU_CONTRIBUTIONS)
    _seed_projects(actor, duomu, DUOMU_PROJECTS)
    _seed_awards(actor, duomu, DUOMU_AWARDS)
