"""Demo 阵地设施 for ``seed_demo``: seed 000's facilities, equipment, 便利店 and water works for 箐口, a few
for 朵亩.

Seed 000 section 二, reproduced exactly: 「两委一站办公用房面积为500㎡、老年活动室面积为200㎡、综合活动室面积为80㎡、
医疗室面积为211㎡、图书阅览室面积为20㎡、室外活动广场面积为230㎡、室外展示栏…为7个、电话为1部、彩电为2台、DVD为1台、
电脑为2台、传真复印打印机为1台」 (indoor 1011㎡; cultural rooms 280㎡). The 信访接待室 and 党员活动室 (section 五)
sit inside the office and the 老张箐多功能文化室 (section 二) has no stated area: they are recorded without one, so
the seed's areas stay exact. 「社区便利店8个」; 「水池59座、水窖198个、小沟渠5条、泵站3个、人畜饮水管道建设8项」 spread
over the eight groups; 40 沼气池 under construction in 老张箐, 分水岭 and 桃树箐; the new 公厕 of 岔河 and 陡咀 and
陡咀's 垃圾收集房. Written through the services as ``demo["admin"]``; a community with facilities is left alone.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from faker import Faker

from governance.models import Community
from services.models.facilities import (
    AssetCondition,
    AssetKind,
    Condition,
    ConvenienceOutlet,
    Equipment,
    EquipmentKind,
    Facility,
    FacilityKind,
    InfrastructureAsset,
    OutletKind,
    Tenure,
)
from services.services.facilities import asset_save, equipment_save, facility_save, outlet_save

D = datetime.date
OFFICE_HOURS = "周一至周五 8:30-12:00、14:00-17:30,节假日值班"
ROOM_HOURS = "每天 9:00-21:00,节假日免费开放"

# (name, kind, group name, area ㎡, count, tenure, investment 元, opened, hours, condition, note)
QINGKOU_FACILITIES = [
    ("两委一站办公用房", FacilityKind.OFFICE, None, "500", 1, Tenure.OWNED, "160000", D(2012, 6, 30), OFFICE_HOURS,
     Condition.GOOD, "含为民服务站(6个服务窗口),投资16万余元建设。"),
    ("老年活动室", FacilityKind.ELDERLY_ROOM, None, "200", 1, Tenure.OWNED, None, D(2012, 6, 30), ROOM_HOURS,
     Condition.GOOD, ""),
    ("综合活动室", FacilityKind.MULTIPURPOSE_ROOM, None, "80", 1, Tenure.OWNED, None, D(2012, 6, 30), ROOM_HOURS,
     Condition.GOOD, ""),
    ("社区医疗室", FacilityKind.CLINIC, None, "211", 1, Tenure.OWNED, None, D(2013, 3, 1), "每天 8:00-18:00",
     Condition.GOOD, "社区卫生服务站。"),
    ("图书阅览室", FacilityKind.LIBRARY, None, "20", 1, Tenure.OWNED, None, D(2012, 6, 30), ROOM_HOURS,
     Condition.FAIR, ""),
    ("室外活动广场", FacilityKind.SQUARE, None, "230", 1, Tenure.OWNED, None, D(2014, 9, 1), "全天开放",
     Condition.GOOD, ""),
    ("室外展示栏", FacilityKind.NOTICE_BOARD, None, None, 7, Tenure.OWNED, None, D(2014, 9, 1), "",
     Condition.GOOD, "设信息、公示、宣传、报栏等服务,一季度更新一次。"),
    ("信访接待室", FacilityKind.PETITION, None, None, 1, Tenure.OWNED, None, D(2015, 4, 1), OFFICE_HOURS,
     Condition.GOOD, "设在两委一站办公用房内。"),
    ("党员活动室", FacilityKind.PARTY_ROOM, None, None, 1, Tenure.OWNED, None, D(2015, 4, 1), "组织活动时开放",
     Condition.GOOD, "设在两委一站办公用房内。"),
    ("老张箐多功能文化室", FacilityKind.MULTIFUNCTION_CULTURE, "老张箐", None, 1, Tenure.OWNED, None, D(2026, 9, 30),
     "每天 14:00-21:00", Condition.GOOD, "已完工,面积待测量后登记。"),
]  # fmt: skip

# (facility name, kind, name, quantity, acquired, value 元)
QINGKOU_EQUIPMENT = [
    ("两委一站办公用房", EquipmentKind.PHONE, "办公电话", 1, D(2012, 7, 10), "260"),
    ("两委一站办公用房", EquipmentKind.COMPUTER, "台式电脑", 2, D(2019, 4, 18), "9600"),
    ("两委一站办公用房", EquipmentKind.FAX_COPIER, "传真复印打印一体机", 1, D(2019, 4, 18), "3200"),
    ("老年活动室", EquipmentKind.TV, "彩色电视机", 1, D(2014, 10, 8), "2800"),
    ("老年活动室", EquipmentKind.DVD, "DVD影碟机", 1, D(2014, 10, 8), "380"),
    ("综合活动室", EquipmentKind.TV, "彩色电视机", 1, D(2016, 5, 20), "3100"),
]

# Water works of section 七 by group (寨子, 大xx, 桃树箐, 岔河, 陡咀, 老张箐, 分水岭, 椿箐): totals 59/198/5/3/8.
WATER_WORKS = [
    (AssetKind.POOL, [9, 7, 8, 6, 8, 7, 8, 6], 2008),
    (AssetKind.CISTERN, [28, 22, 26, 24, 25, 27, 23, 23], 2010),
    (AssetKind.DITCH, [1, 1, 0, 1, 1, 0, 0, 1], 2011),
    (AssetKind.PUMP, [0, 1, 0, 1, 0, 0, 0, 1], 2013),
    (AssetKind.WATER_PIPE, [1, 1, 1, 1, 1, 1, 1, 1], 2015),
]
# (kind, group name, quantity, built year, condition, description)
QINGKOU_ASSETS = [
    (AssetKind.BIOGAS, "老张箐", 15, 2026, AssetCondition.BUILDING, "节能环保沼气池,已动工"),
    (AssetKind.BIOGAS, "分水岭", 13, 2026, AssetCondition.BUILDING, "节能环保沼气池,已动工"),
    (AssetKind.BIOGAS, "桃树箐", 12, 2026, AssetCondition.BUILDING, "节能环保沼气池,已动工"),
    (AssetKind.TOILET, "岔河", 1, 2026, AssetCondition.GOOD, "40平方米,投资6万元,已完工等待验收"),
    (AssetKind.TOILET, "陡咀", 1, 2026, AssetCondition.GOOD, "40平方米,投资6万元,已完工等待验收"),
    (AssetKind.REFUSE_HOUSE, "陡咀", 1, 2026, AssetCondition.GOOD, "与公厕配套建设"),
    (AssetKind.STREET_LIGHT, "寨子", 12, 2019, AssetCondition.FAIR, "村间道路太阳能路灯"),
    (AssetKind.HYDRANT, "寨子", 2, 2017, AssetCondition.GOOD, ""),
]

# 「社区便利店8个」, one per group, plus the 农资供应点 and a 农家乐 the report encourages.
QINGKOU_OUTLETS = [(OutletKind.CONVENIENCE_STORE, index) for index in range(8)] + [
    (OutletKind.FARM_SUPPLY, 1),
    (OutletKind.FARM_SUPPLY, 5),
    (OutletKind.FARM_STAY, 0),
]

OUTLET_NAMES = {OutletKind.CONVENIENCE_STORE: "便利店", OutletKind.FARM_STAY: "农家乐"}

DUOMU_FACILITIES = [
    ("居委会办公用房", FacilityKind.OFFICE, None, "320", 1, Tenure.RENTED, None, D(2015, 3, 1), OFFICE_HOURS,
     Condition.GOOD, "租用朵亩蔬菜基地办公楼一层。"),
    ("文化活动室", FacilityKind.CULTURE_ROOM, None, "120", 1, Tenure.CO_BUILT, "45000", D(2018, 8, 1), ROOM_HOURS,
     Condition.FAIR, ""),
    ("健身场地", FacilityKind.FITNESS, None, "400", 1, Tenure.OWNED, "60000", D(2020, 6, 1), "全天开放",
     Condition.REPAIR, "部分健身器材锈蚀,待维修。"),
]  # fmt: skip
DUOMU_EQUIPMENT = [
    ("居委会办公用房", EquipmentKind.PHONE, "办公电话", 1, D(2015, 3, 1), "200"),
    ("居委会办公用房", EquipmentKind.COMPUTER, "台式电脑", 1, D(2021, 5, 1), "4500"),
    ("健身场地", EquipmentKind.SPORTS, "户外健身器材", 12, D(2020, 6, 1), "36000"),
]
DUOMU_ASSETS = [(AssetKind.POOL, None, 6, 2012, AssetCondition.GOOD, ""), (AssetKind.PUMP, None, 1, 2016,
                AssetCondition.FAIR, "")]  # fmt: skip
DUOMU_OUTLETS = [(OutletKind.CONVENIENCE_STORE, 0), (OutletKind.SUPERMARKET, 0), (OutletKind.PHARMACY, 0)]


def _seed_community(actor, community: Community, *, facilities, equipment, assets, water, outlets) -> None:
    if Facility.objects.filter(community=community).exists():
        return
    groups = list(community.resident_groups.order_by("order"))
    by_name = {group.name: group for group in groups}
    faker = Faker("zh_CN")
    faker.seed_instance(f"facilities-{community.code}")
    saved = {}
    for name, kind, group, area, count, tenure, investment, opened, hours, condition, note in facilities:
        saved[name] = facility_save(
            actor=actor,
            facility=Facility(
                community=community,
                group=by_name.get(group) if group else None,
                kind=kind,
                name=name,
                area_m2=Decimal(area) if area else None,
                count=count,
                tenure=tenure,
                investment=Decimal(investment) if investment else None,
                opened_on=opened,
                opening_hours=hours,
                condition=condition,
                note=note,
            ),
        )
    for facility, kind, name, quantity, acquired, value in equipment:
        equipment_save(
            actor=actor,
            equipment=Equipment(
                facility=saved[facility],
                kind=kind,
                name=name,
                quantity=quantity,
                acquired_on=acquired,
                value=Decimal(value),
            ),
        )
    for kind, quantities, year in water:
        for group, quantity in zip(groups, quantities, strict=False):
            if quantity:
                asset_save(
                    actor=actor,
                    asset=InfrastructureAsset(
                        community=community, group=group, kind=kind, quantity=quantity, built_year=year
                    ),
                )
    for kind, group, quantity, year, condition, description in assets:
        asset_save(
            actor=actor,
            asset=InfrastructureAsset(
                community=community,
                group=by_name.get(group) if group else None,
                kind=kind,
                quantity=quantity,
                built_year=year,
                condition=condition,
                description=description,
            ),
        )
    for kind, group_index in outlets:
        group = groups[group_index % len(groups)] if groups else None
        operator = faker.name()
        where = group.name if group else community.name.removesuffix("居委会")
        label = {OutletKind.CONVENIENCE_STORE: "便利店", OutletKind.FARM_STAY: "农家乐"}.get(
            kind, OutletKind(kind).label
        )
        outlet_save(
            actor=actor,
            outlet=ConvenienceOutlet(
                community=community,
                group=group,
                kind=kind,
                name=f"{where}{operator[0]}家{label}",
                operator=operator,
                address=f"{where}组{faker.random_int(1, 60)}号" if group else "",
                phone=faker.phone_number(),
            ),
        )


def seed(demo: dict) -> None:
    actor = demo["admin"]
    _seed_community(
        actor,
        demo["qingkou"],
        facilities=QINGKOU_FACILITIES,
        equipment=QINGKOU_EQUIPMENT,
        assets=QINGKOU_ASSETS,
        water=WATER_WORKS,
        outlets=QINGKOU_OUTLETS,
    )
    if "duomu" in demo:
        _seed_community(
            actor,
            demo["duomu"],
            facilities=DUOMU_FACILITIES,
            equipment=DUOMU_EQUIPMENT,
            assets=DUOMU_ASSETS,
            water=[],
            outlets=DUOMU_OUTLETS,
        )
