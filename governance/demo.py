"""The demo street and communities of ``seed_demo``: seed 000's committee and a neighbour.

Territory facts come from seed ``000_*.txt`` (section 一); people's names are generated,
never taken from the seeds. Every function is idempotent: what exists is left untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group
from faker import Faker

from governance import roles
from governance.choices import CommunityKind, StreetKind, UnitKind, UnitOwnership
from governance.models import Community, Grid, ResidentGroup, ResidentUnit, Street, User
from governance.services import register_save, staff_account_create

DEMO_PASSWORD = "linli-demo-2026"

SEED_GROUPS = ["寨子", "大xx", "桃树箐", "岔河", "陡咀", "老张箐", "分水岭", "椿箐"]

SEED_UNITS = [
    # (name, kind, ownership, employees, is_key_unit)
    ("箐口建材有限公司", UnitKind.ENTERPRISE, UnitOwnership.NON_PUBLIC, 18, True),
    ("箐口万寿菊种植专业合作社", UnitKind.ENTERPRISE, UnitOwnership.NON_PUBLIC, 15, False),
    ("箐口农产品加工厂", UnitKind.ENTERPRISE, UnitOwnership.NON_PUBLIC, 10, False),
    ("箐口完全小学", UnitKind.SCHOOL, UnitOwnership.PUBLIC, 21, True),
    ("箐口卫生所", UnitKind.CLINIC, UnitOwnership.PUBLIC, 6, False),
]

NEIGHBOUR_GROUPS = ["朵亩", "新村", "小河边", "大坪子"]
NEIGHBOUR_UNITS = [
    ("朵亩蔬菜种植基地", UnitKind.ENTERPRISE, UnitOwnership.NON_PUBLIC, 12, False),
    ("朵亩小学", UnitKind.SCHOOL, UnitOwnership.PUBLIC, 14, True),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str


def _get_or_save(actor: User, model, lookup: dict, m2m: dict | None = None, **fields):
    existing = model._default_manager.filter(**lookup).first()
    if existing is not None:
        return existing
    return register_save(actor=actor, instance=model(**lookup, **fields), m2m=m2m)


def seed_admin() -> User:
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser("admin", password=DEMO_PASSWORD, name="系统管理员")
    return admin


def seed_street(actor: User) -> Street:
    return _get_or_save(
        actor,
        Street,
        {"name": "团结街道办事处"},
        kind=StreetKind.STREET,
        district="西山区",
        address="西山区团结街道团结路1号",
        phone="0871-68150001",
    )


def _seed_groups_and_units(
    actor: User, community: Community, faker: Faker, groups, units, *, opinion_boxes=False, co_builders=False
) -> None:
    for order, name in enumerate(groups, start=1):
        _get_or_save(
            actor, ResidentGroup, {"community": community, "name": name}, order=order, has_opinion_box=opinion_boxes
        )
    for name, kind, ownership, employees, is_key_unit in units:
        _get_or_save(
            actor,
            ResidentUnit,
            {"community": community, "name": name},
            kind=kind,
            ownership=ownership,
            employees=employees,
            is_co_builder=co_builders,
            is_key_unit=is_key_unit,
            **_contact(faker),
        )


def seed_qingkou(actor: User, street: Street, faker: Faker) -> Community:
    """The rural committee of seed 000: eight residents' groups, five units."""
    community = _get_or_save(
        actor,
        Community,
        {"code": "qingkou"},
        street=street,
        name="箐口居委会",
        kind=CommunityKind.RURAL,
        boundary_east="朵亩居委会",
        boundary_south="律则居委会",
        boundary_west="禄丰县",
        boundary_north="蔡家居委会",
        distance_to_office_km=Decimal("20"),
        road_to_office="柏油路",
        distance_to_city_km=Decimal("35"),
        transport_note="交通方便",
        office_funds_monthly=Decimal("5000.00"),
        address="团结街道箐口村委会大院",
        hotline="0871-68150120",
        brand="一社区一品牌一亮点:以万寿菊种植带动增收,以“一小组一亮点”推进文明村建设。",
    )
    _seed_groups_and_units(actor, community, faker, SEED_GROUPS, SEED_UNITS, opinion_boxes=True, co_builders=True)
    return community


def seed_neighbour(actor: User, street: Street, faker: Faker) -> Community:
    """A second community of the same street, so scoping is visible in the demo."""
    community = _get_or_save(
        actor,
        Community,
        {"code": "duomu"},
        street=street,
        name="朵亩居委会",
        kind=CommunityKind.RURAL,
        boundary_west="箐口居委会",
        distance_to_office_km=Decimal("14"),
        road_to_office="柏油路",
        distance_to_city_km=Decimal("29"),
        office_funds_monthly=Decimal("5000.00"),
    )
    _seed_groups_and_units(actor, community, faker, NEIGHBOUR_GROUPS, NEIGHBOUR_UNITS)
    return community


def _contact(faker: Faker) -> dict:
    return {"contact_person": faker.name(), "contact_phone": faker.phone_number()}


def _account(actor: User, faker: Faker, username: str, role: str, *, post: str, community=None, street=None, groups=()):
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    if community is None:
        # Street leaders sit on the street, not in a community; only a superuser creates them.
        user = User(username=username, name=faker.name(), phone=faker.phone_number(), post=post, street=street)
        user.set_password(DEMO_PASSWORD)
        register_save(actor=actor, instance=user, m2m={"groups": Group.objects.filter(name=role)})
        return user
    return staff_account_create(
        actor=actor,
        username=username,
        password=DEMO_PASSWORD,
        name=faker.name(),
        phone=faker.phone_number(),
        post=post,
        community=community,
        roles=Group.objects.filter(name=role),
        resident_groups=groups,
    )


def seed_accounts(actor: User, street: Street, qingkou: Community, duomu: Community, faker: Faker) -> list[DemoLogin]:
    groups = list(qingkou.resident_groups.order_by("order"))
    _account(actor, faker, "jiedao", roles.STREET_LEADER, post="街道办副主任", street=street)
    _account(actor, faker, "shuji", roles.COMMUNITY_HEAD, post="党总支书记、居委会主任", community=qingkou)
    _account(actor, faker, "gongzuo", roles.COMMUNITY_WORKER, post="社区工作者", community=qingkou)
    grid_workers = []
    for index in range(4):
        username = "wangge" if index == 0 else f"wangge{index + 1}"
        pair = groups[index * 2 : index * 2 + 2]
        grid_workers.append(
            _account(actor, faker, username, roles.GRID_WORKER, post="网格员", community=qingkou, groups=pair)
        )
    _account(actor, faker, "zhibao", roles.SAFETY_MEDIATOR, post="治保主任、调委会主任", community=qingkou)
    _account(actor, faker, "shenji", roles.AUDITOR, post="财务监审小组组长", community=qingkou)
    _account(actor, faker, "duomu", roles.COMMUNITY_WORKER, post="社区工作者", community=duomu)

    for index, group in enumerate(groups):
        _get_or_save(
            actor,
            Grid,
            {"community": qingkou, "name": f"{group.name}网格"},
            m2m={"groups": [group]},
            responsible=grid_workers[index // 2],
            time_slots="工作日 8:30-17:30,节假日轮值",
        )

    return [
        DemoLogin("admin", "系统管理员(超级用户)", "全部"),
        DemoLogin("jiedao", roles.STREET_LEADER, street.name),
        DemoLogin("shuji", roles.COMMUNITY_HEAD, qingkou.name),
        DemoLogin("gongzuo", roles.COMMUNITY_WORKER, qingkou.name),
        DemoLogin("wangge", roles.GRID_WORKER, f"{qingkou.name} {groups[0].name}、{groups[1].name}"),
        DemoLogin("zhibao", roles.SAFETY_MEDIATOR, qingkou.name),
        DemoLogin("shenji", roles.AUDITOR, qingkou.name),
        DemoLogin("duomu", roles.COMMUNITY_WORKER, duomu.name),
    ]


def seed_organisation() -> list[DemoLogin]:
    return seed({})["logins"]


def seed(demo: dict) -> dict:
    """The organisation part of ``seed_demo``; later apps find the street, communities and admin in ``demo``."""
    # A fixed seed: the same names and phone numbers on every machine.
    faker = Faker("zh_CN")
    faker.seed_instance(2026)
    admin = seed_admin()
    street = seed_street(admin)
    qingkou = seed_qingkou(admin, street, faker)
    duomu = seed_neighbour(admin, street, faker)
    logins = seed_accounts(admin, street, qingkou, duomu, faker)
    demo.update(admin=admin, street=street, qingkou=qingkou, duomu=duomu, logins=logins)
    return demo
