"""Fixtures of the volunteers and facilities areas, written through the services.

Home community (``world.community``): two teams, three volunteers (张建国 and 李秀英 of 寨子 in the 综合 team,
王芳 of 岔河 in the 助老 team), a party member (陈党员, 寨子) with a post, two activities of 2026 with their
hours, one redemption. The neighbouring community has one volunteer and one activity. Facilities: the home
community's office (500㎡), 老年活动室 (200㎡), 综合活动室 (80㎡), a square (230㎡) and 7 notice boards, with
equipment; outlets and infrastructure assets.

Hand counts used by the selector tests are in the docstrings of the fixtures below.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from residents.choices import PoliticalStatus
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
)
from services.models.volunteers import (
    PartyPost,
    ServiceIntention,
    TeamKind,
    Volunteer,
    VolunteerActivity,
    VolunteerBackground,
    VolunteerTeam,
    intentions_value,
)
from services.services.facilities import asset_save, equipment_save, facility_save, outlet_save
from services.services.volunteers import (
    activity_participants_add,
    hours_redeem,
    party_post_save,
    volunteer_activity_save,
    volunteer_register,
    volunteer_team_save,
)
from tests.excel.helpers import register_person

D = datetime.date


FOUNDED = D(2020, 1, 1)
REGISTERED = D(2025, 1, 1)


def team(actor, name, kind=TeamKind.GENERAL, founded_on=FOUNDED, **fields):
    return volunteer_team_save(actor=actor, team=VolunteerTeam(name=name, kind=kind, founded_on=founded_on, **fields))


def register(actor, person, *, teams=(), on=REGISTERED, **fields):
    fields.setdefault("intentions", intentions_value([ServiceIntention.ELDERLY]))
    return volunteer_register(actor=actor, volunteer=Volunteer(person=person, registered_on=on, **fields), teams=teams)


def activity(actor, title, on, team=None, **fields):
    return volunteer_activity_save(actor=actor, activity=VolunteerActivity(title=title, date=on, team=team, **fields))


@dataclass
class Volunteers:
    general: VolunteerTeam
    elderly: VolunteerTeam
    zhang: Volunteer  # 张建国, 寨子, general; 3 + 2.5 hours, 2 redeemed → balance 3.5
    li: Volunteer  # 李秀英, 寨子, general; 3 hours
    wang: Volunteer  # 王芳, 岔河, elderly; 2.5 hours
    party_member: object  # 陈党员, a 党员 of 寨子
    post: PartyPost
    spring: VolunteerActivity  # 2026-03-05, general team, 30 beneficiaries: 张 and 李, 3 hours each
    autumn: VolunteerActivity  # 2026-10-18, elderly team, 12 beneficiaries: 张 and 王, 2.5 hours each
    outsider: Volunteer  # 赵强 of the neighbouring community
    other_activity: VolunteerActivity  # 2026-04-01 in the neighbouring community: 赵强, 4 hours


@pytest.fixture
def volunteers(world, population) -> Volunteers:
    head = world.head
    general = team(head, "综合志愿者服务队")
    elderly = team(head, "助老志愿者服务队", TeamKind.ELDERLY, D(2021, 5, 1), leader=population.householder_b)
    zhang = register(head, population.householder, teams=[general], background=VolunteerBackground.PARTY)
    li = register(head, population.spouse, teams=[general])
    wang = register(head, population.householder_b, teams=[elderly], on=D(2025, 6, 1))
    spring = activity(head, "学雷锋日志愿服务", D(2026, 3, 5), general, beneficiaries=30, place="社区广场")
    activity_participants_add(actor=head, activity=spring, volunteers=[zhang, li], hours=Decimal("3"))
    autumn = activity(head, "重阳节敬老", D(2026, 10, 18), elderly, beneficiaries=12)
    activity_participants_add(actor=head, activity=autumn, volunteers=[zhang, wang], hours=Decimal("2.5"))
    hours_redeem(actor=head, volunteer=zhang, on=D(2026, 10, 20), hours=Decimal("2"), reason="兑换上门助老服务")
    party_member = register_person(
        head,
        community=world.community,
        name="陈党员",
        group=world.group_a,
        political_status=PoliticalStatus.PARTY_MEMBER,
        birth_date=D(1970, 2, 3),
    )
    post = party_post_save(
        actor=head,
        post=PartyPost(
            name="义务巡逻岗",
            duty="参与夜间义务巡逻。",
            member=party_member,
            group=world.group_a,
            start_on=D(2025, 3, 1),
        ),
    )
    other_head = world.other_head
    outsider = register(other_head, population.outsider)
    other_activity = activity(other_head, "朵亩环境清扫", D(2026, 4, 1), beneficiaries=5)
    activity_participants_add(actor=other_head, activity=other_activity, volunteers=[outsider], hours=Decimal("4"))
    return Volunteers(
        general=general,
        elderly=elderly,
        zhang=zhang,
        li=li,
        wang=wang,
        party_member=party_member,
        post=post,
        spring=spring,
        autumn=autumn,
        outsider=outsider,
        other_activity=other_activity,
    )


@dataclass
class Facilities:
    office: Facility  # 办公用房 500㎡
    elderly: Facility  # 老年活动室 200㎡, 需维修
    room: Facility  # 综合活动室 80㎡, in group_b (岔河)
    square: Facility  # 广场 230㎡
    boards: Facility  # 室外展示栏 × 7, no area
    phone: Equipment  # 电话 1部 in the office
    computers: Equipment  # 电脑 2台 in the office
    tv: Equipment  # 彩电 1台 in the 老年活动室
    store: ConvenienceOutlet  # 便利店, group_a
    closed_store: ConvenienceOutlet  # 便利店, closed: not counted
    pharmacy: ConvenienceOutlet  # 药店, group_b
    pools_a: InfrastructureAsset  # 水池 9座 in group_a, built 2008
    pools_b: InfrastructureAsset  # 水池 6座 in group_b, built 2010
    biogas: InfrastructureAsset  # 沼气池 12眼 in group_b, 在建 2026
    other_office: Facility  # the neighbouring community's office, 300㎡


@pytest.fixture
def facilities(world) -> Facilities:
    head = world.head

    def facility(kind, name, area, **fields):
        return facility_save(
            actor=head,
            facility=Facility(kind=kind, name=name, area_m2=Decimal(area) if area else None, **fields),
        )

    office = facility(
        FacilityKind.OFFICE, "两委一站办公用房", "500", opened_on=D(2012, 6, 30), investment=Decimal(160000)
    )
    elderly = facility(FacilityKind.ELDERLY_ROOM, "老年活动室", "200", condition=Condition.REPAIR)
    room = facility(FacilityKind.MULTIPURPOSE_ROOM, "综合活动室", "80", group=world.group_b)
    square = facility(FacilityKind.SQUARE, "室外活动广场", "230")
    boards = facility(FacilityKind.NOTICE_BOARD, "室外展示栏", None, count=7)

    def equipment(facility, kind, name, quantity, **fields):
        return equipment_save(
            actor=head, equipment=Equipment(facility=facility, kind=kind, name=name, quantity=quantity, **fields)
        )

    phone = equipment(office, EquipmentKind.PHONE, "办公电话", 1)
    computers = equipment(office, EquipmentKind.COMPUTER, "台式电脑", 2, acquired_on=D(2019, 4, 18))
    tv = equipment(elderly, EquipmentKind.TV, "彩色电视机", 1)

    def outlet(kind, name, group, **fields):
        return outlet_save(
            actor=head, outlet=ConvenienceOutlet(kind=kind, name=name, group=group, operator="店主", **fields)
        )

    store = outlet(OutletKind.CONVENIENCE_STORE, "寨子便利店", world.group_a)
    closed_store = outlet(OutletKind.CONVENIENCE_STORE, "老街便利店", world.group_a, is_open=False)
    pharmacy = outlet(OutletKind.PHARMACY, "岔河药店", world.group_b)

    def asset(kind, group, quantity, year, **fields):
        return asset_save(
            actor=head,
            asset=InfrastructureAsset(kind=kind, group=group, quantity=quantity, built_year=year, **fields),
        )

    pools_a = asset(AssetKind.POOL, world.group_a, 9, 2008)
    pools_b = asset(AssetKind.POOL, world.group_b, 6, 2010)
    biogas = asset(AssetKind.BIOGAS, world.group_b, 12, 2026, condition=AssetCondition.BUILDING)
    other_office = facility_save(
        actor=world.other_head,
        facility=Facility(kind=FacilityKind.OFFICE, name="居委会办公用房", area_m2=Decimal(300)),
    )
    return Facilities(
        office=office,
        elderly=elderly,
        room=room,
        square=square,
        boards=boards,
        phone=phone,
        computers=computers,
        tv=tv,
        store=store,
        closed_store=closed_store,
        pharmacy=pharmacy,
        pools_a=pools_a,
        pools_b=pools_b,
        biogas=biogas,
        other_office=other_office,
    )
