"""The demo population of ``seed_demo``: households and residents of 箐口 (seed 000's committee) and 朵亩.

箐口's register reproduces section 一 of seed ``000_*.txt`` exactly on ``AS_OF`` (the report is dated
11月20日): 1458 people in 376 households, 6 民族 with 1196 of a minority, 347 人户分离 … Everything
else (who lives with whom, names, ID numbers, special categories) is generated, never taken from the
seeds, and is the same on every run: a fixed random seed drives a pure planning step, a second step
writes the plan through the register's services as ``demo["admin"]``.

Planning works in three passes: households are composed from templates (nuclear family, three
generations, lone elderly …) with plausible ages; a few ages, sexes and 民族 are then nudged until
the seed's totals hold exactly (a child of 17 becomes 18, a son a daughter, a married-in spouse of
another 民族), always keeping every household plausible; finally statuses (在职, 外出务工, 党员 …)
are drawn as exact quotas from the people they fit.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from faker import Faker
from stdnum.cn import ric

from governance.models import Community, ResidentGroup, User
from governance.services import register_save
from households.choices import HouseholdKind, HouseholdTagKind, Housing
from households.models import Household
from households.services import household_tag_add
from residents.choices import (
    HAN,
    Education,
    EmployerType,
    EmploymentStatus,
    EventKind,
    FloatingPurpose,
    HukouType,
    MaritalStatus,
    MedicalInsurance,
    PoliticalStatus,
    Relation,
    ResidenceType,
    Separation,
    Sex,
)
from residents.models import Category, FloatingRegistration, Person, years_before
from residents.services import household_create, membership_add, person_record_birth, person_register

# The date the demo register is read on: seed 000's report is signed 11月20日.
AS_OF = datetime.date(2026, 11, 20)

# 西山区, Kunming: the first six digits of every demo 居民身份证 number.
REGION_CODE = "530112"

# Real people named in the seeds: never generated.
SEED_NAMES = frozenset({"徐胃森", "童紫薇", "唐彩珍", "叶皓", "杨顺新", "李金霞"})

# Characters that make a given name a girl's name.
GIRLS_CHARACTERS = frozenset("霞丽梅芳娟秀婷燕琴萍玉英桂凤兰娜艳")

# Surnames common among each 民族 in central Yunnan (Han names come from Faker).
SURNAMES = {
    "彝族": "李李李杨杨罗罗普普毕张鲁者施起龙字自",
    "回族": "马马马马纳纳沙丁穆保赛",
    "白族": "杨杨段段赵李张王",
    "苗族": "王王杨杨张熊陶李项朱",
    "哈尼族": "李李白杨罗车陈",
}

ORIGINS = [
    # (户籍所在地, 民族 weights of people who come from there)
    ("云南省昭通市镇雄县", {HAN: 8, "苗族": 2}),
    ("云南省曲靖市会泽县", {HAN: 9, "回族": 1}),
    ("云南省楚雄彝族自治州禄丰县", {HAN: 5, "彝族": 5}),
    ("云南省红河哈尼族彝族自治州建水县", {"彝族": 4, "哈尼族": 3, HAN: 3}),
    ("贵州省毕节市威宁彝族回族苗族自治县", {"彝族": 4, "回族": 3, "苗族": 3}),
    ("四川省凉山彝族自治州会理市", {HAN: 6, "彝族": 4}),
]
NEARBY_PLACES = [
    "西山区团结街道律则村委会",
    "西山区团结街道蔡家村委会",
    "西山区团结街道朵亩村委会",
    "楚雄彝族自治州禄丰县碧城镇",
    "昆明市富民县款庄镇",
    "昆明市安宁市青龙街道",
]
CITY_ADDRESSES = [
    "昆明市官渡区关上街道",
    "昆明市盘龙区拓东街道",
    "昆明市五华区普吉街道",
    "昆明市呈贡区吴家营街道",
    "昆明市西山区马街街道",
    "广东省东莞市长安镇",
    "浙江省宁波市北仑区",
]
STUDY_ADDRESSES = ["昆明市呈贡区大学城", "昆明市五华区学府路", "昆明市西山区碧鸡街道(寄宿)"]

DISABILITY_TYPES = [("肢体", 40), ("视力", 15), ("听力", 15), ("言语", 5), ("智力", 10), ("精神", 10), ("多重", 5)]
DISABILITY_GRADES = [("一级", 10), ("二级", 25), ("三级", 35), ("四级", 30)]


# --------------------------------------------------------------------------------------------
# Profiles: what each community's population looks like


@dataclass(frozen=True)
class GroupSpec:
    name: str
    permanent_households: int
    floating_households: int
    ethnicities: dict[str, int]


@dataclass(frozen=True)
class Profile:
    code: str
    prefix: str
    seed: int
    first_collection: datetime.date
    groups: tuple[GroupSpec, ...]
    permanent_people: int
    floating_sizes: tuple[int, ...]
    size_weights: dict[int, int]
    templates: dict[int, list[tuple[str, int]]]
    # Exact totals on AS_OF (keys as in residents.selectors.population_structure).
    targets: dict[str, int]
    # Exact quotas of statuses the totals do not fix by themselves.
    quotas: dict[str, int]
    public_employers: tuple[str, ...]
    non_public_employers: tuple[str, ...]
    cooperative: str
    categories: dict[str, int]


TEMPLATES = {
    1: [("lone_elderly", 4), ("single_adult", 5)],
    2: [("elderly_couple", 2), ("empty_nest", 6), ("young_couple", 3), ("parent_child", 2)],
    3: [("nuclear1", 7), ("couple_parent", 1), ("single_parent2", 1), ("elderly_adult_child", 1)],
    4: [("nuclear2", 7), ("nuclear1_parent", 1), ("stem0", 2), ("grand_left", 1)],
    5: [("nuclear3", 2), ("nuclear2_parent", 2), ("stem1", 4), ("nuclear2_adult", 2)],
    6: [("nuclear2_parents", 1), ("stem2", 3), ("nuclear3_parent", 1)],
    7: [("stem3", 1), ("nuclear3_parents", 1), ("stem2_child", 2)],
}
FLOATING_TEMPLATES = {1: "f_single", 2: "f_couple", 3: "f_family1", 4: "f_family2"}

QINGKOU = Profile(
    code="qingkou",
    prefix="QK",
    seed=20261120,
    first_collection=datetime.date(2026, 1, 5),
    groups=(
        GroupSpec("寨子", 68, 4, {"彝族": 80, HAN: 15, "回族": 5}),
        GroupSpec("大xx", 55, 3, {"彝族": 85, HAN: 10, "苗族": 5}),
        GroupSpec("桃树箐", 52, 2, {"彝族": 60, "苗族": 25, HAN: 15}),
        GroupSpec("岔河", 46, 3, {"彝族": 50, HAN: 35, "回族": 15}),
        GroupSpec("陡咀", 44, 2, {"彝族": 70, "白族": 20, HAN: 10}),
        GroupSpec("老张箐", 38, 1, {"彝族": 55, HAN: 40, "白族": 5}),
        GroupSpec("分水岭", 32, 0, {"苗族": 55, "彝族": 35, HAN: 10}),
        GroupSpec("椿箐", 26, 0, {"彝族": 60, "哈尼族": 30, HAN: 10}),
    ),
    permanent_people=1419,
    floating_sizes=(1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4),
    size_weights={1: 7, 2: 14, 3: 18, 4: 22, 5: 22, 6: 11, 7: 6},
    templates=TEMPLATES,
    # Seed 000, section 一.
    targets={
        "people": 1458,
        "households": 376,
        "permanent_households": 361,
        "floating_households": 15,
        "permanent_people": 1419,
        "floating_people": 39,
        "retired": 10,
        "employed": 13,
        "ethnicities": 6,
        "minority": 1196,
        "male": 735,
        "female": 723,
        "separated": 347,
        "non_public_employees": 43,
        "party_members": 73,
        "league_members": 6,
        "masses": 1379,
        "under_18": 310,
        "aged_18_59": 984,
        "aged_60_plus": 164,
    },
    quotas={
        "employed_public": 8,
        "employed_non_public": 5,
        "floating_workers": 23,
        "migrant_workers": 235,
        "students_away": 28,
        "self_employed": 18,
        "laid_off": 3,
        "unemployed": 4,
        "probationary": 3,
        "move_ins": 4,
    },
    public_employers=("箐口完全小学", "箐口完全小学", "箐口卫生所", "团结街道办事处", "团结街道农业综合服务中心"),
    non_public_employers=("箐口建材有限公司", "箐口农产品加工厂"),
    cooperative="箐口万寿菊种植专业合作社",
    categories={
        "dibao": 30,
        "wubao": 5,
        "sanwu": 2,
        "disabled": 25,
        "entitled": 6,
        "lone_elderly": 6,
        "empty_nest": 20,
        "left_behind_child": 24,
        "left_behind_woman": 8,
        "left_behind_elderly": 10,
        "released": 3,
        "correction": 1,
        "poor_student": 4,
        "serious_illness": 3,
        "family_planning_reward": 8,
        "poor_households": 14,
        "model_families": 10,
        "floating_registrations_expiring": 3,
    },
)

DUOMU = Profile(
    code="duomu",
    prefix="DM",
    seed=20261121,
    first_collection=datetime.date(2026, 2, 23),
    groups=(
        GroupSpec("朵亩", 30, 2, {HAN: 55, "回族": 30, "彝族": 15}),
        GroupSpec("新村", 22, 1, {HAN: 70, "彝族": 30}),
        GroupSpec("小河边", 18, 0, {"回族": 60, HAN: 40}),
        GroupSpec("大坪子", 13, 0, {"彝族": 70, HAN: 20, "苗族": 10}),
    ),
    permanent_people=294,
    floating_sizes=(2, 3, 3),
    size_weights={1: 10, 2: 22, 3: 18, 4: 20, 5: 17, 6: 9, 7: 4},
    templates={
        **TEMPLATES,
        1: [("lone_elderly", 8), ("single_adult", 2)],
        2: [("elderly_couple", 7), ("empty_nest", 4), ("young_couple", 1), ("parent_child", 1)],
    },
    targets={
        "people": 302,
        "households": 86,
        "permanent_households": 83,
        "floating_households": 3,
        "permanent_people": 294,
        "floating_people": 8,
        "retired": 7,
        "employed": 8,
        "ethnicities": 4,
        "minority": 128,
        "male": 153,
        "female": 149,
        "separated": 67,
        "non_public_employees": 12,
        "party_members": 17,
        "league_members": 3,
        "masses": 282,
        "under_18": 58,
        "aged_18_59": 188,
        "aged_60_plus": 56,
    },
    quotas={
        "employed_public": 5,
        "employed_non_public": 3,
        "floating_workers": 4,
        "migrant_workers": 46,
        "students_away": 7,
        "self_employed": 6,
        "laid_off": 1,
        "unemployed": 2,
        "probationary": 1,
        "move_ins": 1,
    },
    public_employers=("朵亩小学", "团结街道办事处"),
    non_public_employers=("朵亩蔬菜种植基地",),
    cooperative="朵亩蔬菜种植基地",
    categories={
        "dibao": 9,
        "wubao": 2,
        "sanwu": 0,
        "disabled": 6,
        "entitled": 2,
        "lone_elderly": 3,
        "empty_nest": 10,
        "left_behind_child": 5,
        "left_behind_woman": 2,
        "left_behind_elderly": 3,
        "released": 1,
        "correction": 0,
        "poor_student": 1,
        "serious_illness": 1,
        "family_planning_reward": 3,
        "poor_households": 4,
        "model_families": 3,
        "floating_registrations_expiring": 1,
    },
)

PROFILES = (QINGKOU, DUOMU)


# --------------------------------------------------------------------------------------------
# The plan: plain objects, no database


@dataclass(eq=False)
class Member:
    relation: str
    sex: str
    age: int
    in_married: bool = False
    partner: Member | None = None
    parents: list[Member] = field(default_factory=list)
    marital: str = MaritalStatus.SINGLE
    floating: bool = False
    ethnicity: str = HAN
    surname: str = ""
    name: str = ""
    birth_date: datetime.date | None = None
    id_number: str = ""
    political: str = PoliticalStatus.MASSES
    employment: str = ""
    employer: str = ""
    employer_type: str = EmployerType.NONE
    separation: str = Separation.NONE
    education: str = ""
    hukou_type: str = HukouType.AGRICULTURAL
    hukou_address: str = ""
    current_address: str = ""
    phone: str = ""
    insurance: str = MedicalInsurance.RESIDENT
    pension: bool = False
    health_record: bool = False
    kind: str = EventKind.REGISTER
    registered_on: datetime.date | None = None
    place: str = ""
    document: str = "户口簿"
    household: HouseholdPlan | None = None
    # 暂住证: (valid until, number)
    permit: tuple[datetime.date, str] | None = None
    categories: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def adult(self) -> bool:
        return self.age >= 18

    @property
    def working_age(self) -> bool:
        return 18 <= self.age <= 59


@dataclass(eq=False)
class HouseholdPlan:
    group: str
    template: str
    members: list[Member]
    floating: bool = False
    ethnicity: str = HAN
    number: str = ""
    address: str = ""
    origin: str = ""
    established_on: datetime.date | None = None
    arrived_on: datetime.date | None = None
    housing: str = Housing.OWNED
    is_central: bool = False
    tags: list[tuple[str, datetime.date, str]] = field(default_factory=list)

    @property
    def head(self) -> Member:
        return self.members[0]


def _permit_expiry(arrived: datetime.date) -> datetime.date:
    """A 暂住证 runs a year (365 days) from arrival and is renewed yearly: the expiry after ``AS_OF``."""
    expires = arrived + datetime.timedelta(days=365)
    while expires <= AS_OF:
        expires += datetime.timedelta(days=365)
    return expires


def _weighted(rng: random.Random, weights) -> str:
    items = list(weights.items()) if isinstance(weights, dict) else list(weights)
    return rng.choices([item for item, _ in items], weights=[weight for _, weight in items])[0]


def _pick(rng: random.Random, candidates, count: int, weight: Callable[[Member], float] | None = None, *, what=""):
    """``count`` of ``candidates`` drawn without replacement, likelier by ``weight`` (Efraimidis-Spirakis)."""
    candidates = list(candidates)
    if count < 0:
        raise ValueError(f"demo population: the quotas leave {count} {what}")
    if count > len(candidates):
        raise ValueError(f"demo population: only {len(candidates)} candidates for {count} {what}")
    keyed = []
    for candidate in candidates:
        w = weight(candidate) if weight else 1.0
        if w > 0:
            keyed.append((rng.random() ** (1.0 / w), len(keyed), candidate))
    if count > len(keyed):
        raise ValueError(f"demo population: only {len(keyed)} weighted candidates for {count} {what}")
    keyed.sort(key=lambda item: (-item[0], item[1]))
    return [candidate for _, _, candidate in keyed[:count]]


# --- household templates ---------------------------------------------------------------------


def _couple(rng: random.Random, wife_age: int, *, female_head: float = 0.08) -> tuple[Member, Member]:
    """Head and spouse; the husband is usually the head and a few years older."""
    husband = Member(Relation.HEAD, Sex.MALE, min(wife_age + rng.randint(-1, 6), 96), marital=MaritalStatus.MARRIED)
    wife = Member(Relation.SPOUSE, Sex.FEMALE, wife_age, in_married=True, marital=MaritalStatus.MARRIED)
    if rng.random() < female_head:  # 上门女婿: the wife heads the household
        husband.relation, wife.relation = Relation.SPOUSE, Relation.HEAD
        husband.in_married, wife.in_married = True, False
        head, spouse = wife, husband
    else:
        head, spouse = husband, wife
    head.partner, spouse.partner = spouse, head
    return head, spouse


def _children(rng: random.Random, parents: list[Member], count: int, *, grand: bool = False, first_at=(21, 29)):
    """``count`` children of ``parents``: first born when the mother (or the parent) was 21–29, then every 1–4 years."""
    mother = next((parent for parent in parents if parent.sex == Sex.FEMALE), parents[0])
    at = rng.randint(first_at[0], max(first_at[0], min(first_at[1], mother.age)))
    children = []
    for _ in range(count):
        sex = Sex.MALE if rng.random() < 0.52 else Sex.FEMALE
        relation = Relation.GRANDCHILD if grand else (Relation.SON if sex == Sex.MALE else Relation.DAUGHTER)
        children.append(Member(relation, sex, max(mother.age - at, 0), parents=list(parents)))
        at += rng.randint(1, 4)
    return children


def _head_parents(rng: random.Random, head: Member, count: int) -> list[Member]:
    """The head's parent(s), living with them: the mother was 21–32 at the head's birth."""
    mother = Member(Relation.PARENT, Sex.FEMALE, min(head.age + rng.randint(21, 32), 97))
    father = Member(Relation.PARENT, Sex.MALE, min(mother.age + rng.randint(-1, 5), 98))
    head.parents = [mother, father]
    if count == 2:
        mother.partner, father.partner = father, mother
        mother.marital = father.marital = MaritalStatus.MARRIED
        mother.in_married = True
        return [father, mother]
    survivor = mother if rng.random() < 0.65 else father
    head.parents = [survivor]
    survivor.marital = MaritalStatus.WIDOWED
    return [survivor]


def _nuclear(rng: random.Random, kids: int, parents: int = 0, wife_ages=None) -> list[Member]:
    low, high = wife_ages or (23 + 2 * kids, 57)
    head, spouse = _couple(rng, rng.randint(low, high))
    members = [head, spouse, *_children(rng, [head, spouse], kids)]
    if parents:
        members += _head_parents(rng, head, parents)
    return members


def _stem(rng: random.Random, grandchildren: int, *, extra_child: bool = False) -> list[Member]:
    """Three generations: the old couple heads, a married child with their spouse and children."""
    head, spouse = _couple(rng, rng.randint(44, 63), female_head=0.04)
    wife = head if head.sex == Sex.FEMALE else spouse
    child_age = wife.age - rng.randint(20, min(30, wife.age - 22))
    if rng.random() < 0.8:
        child = Member(Relation.SON, Sex.MALE, child_age, parents=[head, spouse], marital=MaritalStatus.MARRIED)
        in_law = Member(
            Relation.CHILD_IN_LAW,
            Sex.FEMALE,
            max(child_age + rng.randint(-5, 2), 20),
            in_married=True,
            marital=MaritalStatus.MARRIED,
        )
        young_mother = in_law
    else:  # a daughter whose husband married in (上门女婿)
        child = Member(Relation.DAUGHTER, Sex.FEMALE, child_age, parents=[head, spouse], marital=MaritalStatus.MARRIED)
        in_law = Member(
            Relation.CHILD_IN_LAW,
            Sex.MALE,
            child_age + rng.randint(-1, 5),
            in_married=True,
            marital=MaritalStatus.MARRIED,
        )
        young_mother = child
    child.partner, in_law.partner = in_law, child
    members = [head, spouse, child, in_law]
    if grandchildren:
        first_at = (20, max(20, min(28, young_mother.age)))
        members += _children(rng, [child, in_law], grandchildren, grand=True, first_at=first_at)
    if extra_child:
        younger = max(child_age - rng.randint(2, 8), 0)
        sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
        relation = Relation.SON if sex == Sex.MALE else Relation.DAUGHTER
        members.append(Member(relation, sex, younger, parents=[head, spouse]))
    return members


def _compose(rng: random.Random, template: str) -> list[Member]:
    match template:
        case "lone_elderly":
            head = Member(Relation.HEAD, Sex.MALE if rng.random() < 0.5 else Sex.FEMALE, rng.randint(62, 90))
            head.marital = MaritalStatus.WIDOWED if rng.random() < 0.75 else MaritalStatus.SINGLE
            return [head]
        case "single_adult":
            age = rng.randint(22, 58)
            head = Member(Relation.HEAD, Sex.MALE if rng.random() < 0.75 else Sex.FEMALE, age)
            head.marital = MaritalStatus.DIVORCED if age > 35 and rng.random() < 0.4 else MaritalStatus.SINGLE
            return [head]
        case "elderly_couple":
            return list(_couple(rng, rng.randint(58, 82)))
        case "empty_nest":
            return list(_couple(rng, rng.randint(44, 60)))
        case "young_couple":
            return list(_couple(rng, rng.randint(21, 30)))
        case "parent_child" | "single_parent2":
            kids = 1 if template == "parent_child" else 2
            sex = Sex.FEMALE if rng.random() < 0.8 else Sex.MALE
            head = Member(Relation.HEAD, sex, rng.randint(28 + 2 * kids, 62))
            head.marital = MaritalStatus.WIDOWED if rng.random() < 0.5 else MaritalStatus.DIVORCED
            return [head, *_children(rng, [head], kids)]
        case "nuclear1":
            return _nuclear(rng, 1)
        case "nuclear2":
            return _nuclear(rng, 2)
        case "nuclear3":
            return _nuclear(rng, 3)
        case "nuclear2_adult":
            # Two children at school and a grown-up one still at home (or back after working away).
            return _nuclear(rng, 3, wife_ages=(42, 56))
        case "couple_parent":
            return _nuclear(rng, 0, parents=1, wife_ages=(26, 48))
        case "elderly_adult_child":
            head, spouse = _couple(rng, rng.randint(56, 72))
            return [head, spouse, *_children(rng, [head, spouse], 1, first_at=(24, 34))]
        case "nuclear1_parent":
            return _nuclear(rng, 1, parents=1, wife_ages=(24, 46))
        case "nuclear2_parent":
            return _nuclear(rng, 2, parents=1, wife_ages=(26, 46))
        case "nuclear2_parents":
            return _nuclear(rng, 2, parents=2, wife_ages=(26, 42))
        case "nuclear3_parent":
            return _nuclear(rng, 3, parents=1, wife_ages=(28, 44))
        case "nuclear3_parents":
            return _nuclear(rng, 3, parents=2, wife_ages=(28, 42))
        case "stem0":
            return _stem(rng, 0)
        case "stem1":
            return _stem(rng, 1)
        case "stem2":
            return _stem(rng, 2)
        case "stem3":
            return _stem(rng, 3)
        case "stem2_child":
            return _stem(rng, 2, extra_child=True)
        case "grand_left":
            # Grandparents raising two grandchildren whose parents work away and are registered elsewhere.
            head, spouse = _couple(rng, rng.randint(50, 70))
            kids = []
            for _ in range(2):
                sex = Sex.MALE if rng.random() < 0.52 else Sex.FEMALE
                kids.append(Member(Relation.GRANDCHILD, sex, rng.randint(2, min(14, head.age - 38))))
            return [head, spouse, *kids]
        case "f_single":
            return [Member(Relation.HEAD, Sex.MALE if rng.random() < 0.7 else Sex.FEMALE, rng.randint(19, 45))]
        case "f_couple":
            return list(_couple(rng, rng.randint(20, 42), female_head=0.0))
        case "f_family1":
            return _nuclear(rng, 1, wife_ages=(24, 40))
        case "f_family2":
            if rng.random() < 0.75:
                return _nuclear(rng, 2, wife_ages=(27, 40))
            members = _nuclear(rng, 1, wife_ages=(24, 38))
            head = members[0]
            sibling_age = max(18, head.age + rng.randint(-8, 6))
            sibling = Member(Relation.SIBLING, Sex.MALE if rng.random() < 0.7 else Sex.FEMALE, sibling_age)
            return [*members, sibling]
    raise ValueError(template)


def _plausible(household: HouseholdPlan) -> bool:
    """Every age fits the family: parents 19–45 (mothers) or 19–60 (fathers) years older, couples close in age."""
    head = household.head
    if head.age < 18:
        return False
    for member in household.members:
        if not 0 <= member.age <= 98:
            return False
        if member.partner is not None and (member.age < 20 or abs(member.age - member.partner.age) > 12):
            return False
        for parent in member.parents:
            gap = parent.age - member.age
            if not 19 <= gap <= (45 if parent.sex == Sex.FEMALE else 60):
                return False
        if member.relation == Relation.GRANDCHILD and not member.parents and head.age - member.age < 38:
            return False
        if member.relation == Relation.SIBLING and abs(member.age - head.age) > 15:
            return False
    return True


# --- the planner --------------------------------------------------------------------------------


class Planner:
    """Builds the whole population of one community as plain objects."""

    def __init__(self, profile: Profile, used_ids: set[str]):
        self.profile = profile
        self.rng = random.Random(profile.seed)
        self.faker = Faker("zh_CN")
        self.faker.seed_instance(profile.seed)
        self.used_ids = used_ids
        self.households: list[HouseholdPlan] = []

    @property
    def people(self) -> list[Member]:
        return [member for household in self.households for member in household.members]

    def permanent(self) -> list[Member]:
        return [member for member in self.people if not member.floating]

    def plan(self) -> list[HouseholdPlan]:
        self._compose_households()
        self._fit_ages()
        self._fit_sexes()
        self._assign_ethnicities()
        self._assign_dates()
        self._assign_work()
        self._assign_separation()
        self._assign_politics()
        self._assign_details()
        self._assign_names_and_ids()
        self._assign_categories()
        return self.households

    # Structure ---------------------------------------------------------------------------------

    def _sizes(self) -> list[int]:
        """Permanent household sizes (1–7) adding up exactly to the profile's permanent people."""
        rng, profile = self.rng, self.profile
        count = sum(group.permanent_households for group in profile.groups)
        sizes = rng.choices(list(profile.size_weights), weights=list(profile.size_weights.values()), k=count)
        while (total := sum(sizes)) != profile.permanent_people:
            index = rng.randrange(count)
            if total < profile.permanent_people and sizes[index] < 7:
                sizes[index] += 1
            elif total > profile.permanent_people and sizes[index] > 1:
                sizes[index] -= 1
        return sizes

    def _compose_households(self) -> None:
        rng, profile = self.rng, self.profile
        sizes = iter(self._sizes())
        floating_sizes = iter(profile.floating_sizes)
        for group in profile.groups:
            for _ in range(group.permanent_households):
                size = next(sizes)
                template = _weighted(rng, profile.templates[size])
                self._add(HouseholdPlan(group.name, template, _compose(rng, template)))
            for _ in range(group.floating_households):
                template = FLOATING_TEMPLATES[next(floating_sizes)]
                household = HouseholdPlan(group.name, template, _compose(rng, template), floating=True)
                household.housing = Housing.RENTED
                self._add(household)

    def _add(self, household: HouseholdPlan) -> None:
        for _ in range(100):
            if _plausible(household):
                break
            household.members = _compose(self.rng, household.template)
        else:  # pragma: no cover - the templates always produce a plausible household quickly
            raise ValueError(f"demo population: no plausible {household.template} household")
        for member in household.members:
            member.household = household
            member.floating = household.floating
        self.households.append(household)

    # Exact totals ---------------------------------------------------------------------------

    def _band_count(self, low: int, high: int) -> int:
        return sum(low <= member.age <= high for member in self.people)

    def _shift_across(self, boundary: int, upward: bool) -> None:
        """Move one person across ``boundary`` (18 or 60), the nearest to it first, keeping the family plausible."""
        if upward:
            candidates = [m for m in self.people if boundary - 6 <= m.age < boundary]
        else:
            candidates = [m for m in self.people if boundary <= m.age < boundary + 6]
        keys = {id(member): (abs(member.age - boundary + 0.5), self.rng.random()) for member in candidates}
        for member in sorted(candidates, key=lambda m: keys[id(m)]):
            if boundary == 18 and member.relation == Relation.HEAD:
                continue
            original = member.age
            steps = range(boundary, boundary + 3) if upward else range(boundary - 1, boundary - 4, -1)
            for age in steps:
                member.age = age
                if _plausible(member.household):
                    return
            member.age = original
        raise ValueError(f"demo population: nobody can cross age {boundary}")

    def _fit_ages(self) -> None:
        targets = self.profile.targets
        while (under := self._band_count(0, 17)) != targets["under_18"]:
            self._shift_across(18, upward=under > targets["under_18"])
        while (elderly := self._band_count(60, 200)) != targets["aged_60_plus"]:
            self._shift_across(60, upward=elderly < targets["aged_60_plus"])
        for member in self.people:
            latest = years_before(AS_OF, member.age)
            earliest = years_before(AS_OF, member.age + 1) + datetime.timedelta(days=1)
            member.birth_date = earliest + datetime.timedelta(days=self.rng.randint(0, (latest - earliest).days))

    def _fit_sexes(self) -> None:
        target = self.profile.targets["male"]
        flippable = [
            member
            for member in self.people
            if member.partner is None
            and not any(member in other.parents for other in member.household.members)
            and member.relation in (Relation.SON, Relation.DAUGHTER, Relation.GRANDCHILD, Relation.SIBLING)
        ]
        self.rng.shuffle(flippable)
        males = sum(member.sex == Sex.MALE for member in self.people)
        for member in flippable:
            if males == target:
                break
            wanted = Sex.FEMALE if males > target else Sex.MALE
            if member.sex != wanted:
                member.sex = wanted
                if member.relation in (Relation.SON, Relation.DAUGHTER):
                    member.relation = Relation.SON if wanted == Sex.MALE else Relation.DAUGHTER
                males += 1 if wanted == Sex.MALE else -1
        if males != target:
            raise ValueError("demo population: cannot reach the number of men")

    def _assign_ethnicities(self) -> None:
        """Households take their group's (or their origin's) 民族; spouses who married in may differ."""
        rng, profile = self.rng, self.profile
        weights = {group.name: group.ethnicities for group in profile.groups}
        everywhere = {name for group in profile.groups for name in group.ethnicities}
        for household in self.households:
            if household.floating:
                origin, origin_weights = ORIGINS[rng.randrange(len(ORIGINS))]
                allowed = {name: w for name, w in origin_weights.items() if name in everywhere}
                household.origin = origin
                household.ethnicity = _weighted(rng, allowed or {HAN: 1})
            else:
                household.ethnicity = _weighted(rng, weights[household.group])
            for member in household.members:
                member.ethnicity = household.ethnicity
                if member.in_married and rng.random() < 0.15:
                    member.ethnicity = _weighted(rng, weights[household.group])
        # Every 民族 the groups name lives somewhere: a small one that the draw missed gets a household of its own.
        for ethnicity in sorted(everywhere - {m.ethnicity for m in self.people}):
            households = [
                h for h in self.households if not h.floating and h.ethnicity != HAN and ethnicity in weights[h.group]
            ]
            household = households[rng.randrange(len(households))]
            for member in household.members:
                if member.ethnicity == household.ethnicity:
                    member.ethnicity = ethnicity
            household.ethnicity = ethnicity
        target_han = self.profile.targets["people"] - self.profile.targets["minority"]
        in_married = [member for member in self.people if member.in_married]
        rng.shuffle(in_married)
        for _ in range(len(self.people)):
            han = sum(member.ethnicity == HAN for member in self.people)
            if han == target_han:
                break
            too_many = han > target_han
            spouse = next((m for m in in_married if (m.ethnicity == HAN) == too_many), None)
            if spouse is None:
                raise ValueError("demo population: cannot reach the number of 少数民族")
            in_married.remove(spouse)
            minorities = {name: w for name, w in weights[spouse.household.group].items() if name != HAN}
            if too_many:
                spouse.ethnicity = (
                    spouse.household.ethnicity if spouse.household.ethnicity != HAN else _weighted(rng, minorities)
                )
            else:
                spouse.ethnicity = HAN
        present = {member.ethnicity for member in self.people}
        if len(present) != profile.targets["ethnicities"]:
            raise ValueError(f"demo population: {len(present)} 民族 instead of {profile.targets['ethnicities']}")

    # Dates ------------------------------------------------------------------------------------

    def _assign_dates(self) -> None:
        """Groups were registered one after another from ``first_collection``; later births, marriages and
        arrivals are life events of their own."""
        rng, profile = self.rng, self.profile
        collection = {
            group.name: profile.first_collection + datetime.timedelta(days=9 * index)
            for index, group in enumerate(profile.groups)
        }
        counters: Counter[tuple[str, bool]] = Counter()
        order = {group.name: index for index, group in enumerate(profile.groups, start=1)}
        floating = [household for household in self.households if household.floating]
        wanted = profile.categories["floating_registrations_expiring"]
        expiring = set(_pick(rng, floating, wanted, what="expiring permits"))
        for household in floating:
            # Some came long before the register was taken, some after; permits run a year from arrival.
            if household in expiring:
                days = rng.randint(3, 29) - 365 * rng.randint(1, 2)
                household.arrived_on = AS_OF + datetime.timedelta(days=days)
            else:
                household.arrived_on = AS_OF - datetime.timedelta(days=rng.randint(20, 900))
                while (_permit_expiry(household.arrived_on) - AS_OF).days <= 30:
                    household.arrived_on -= datetime.timedelta(days=rng.randint(20, 60))
        permits = 0
        for household in self.households:
            counters[household.group, household.floating] += 1
            number = counters[household.group, household.floating]
            group_order = order[household.group]
            if household.floating:
                household.number = f"{profile.prefix}{group_order:02d}-L{number:02d}"
            else:
                household.number = f"{profile.prefix}{group_order:02d}-{number:03d}"
            village = "箐口" if profile.code == "qingkou" else "朵亩"
            household.address = f"西山区团结街道{village}村委会{household.group}村{number + 100 * household.floating}号"
            start = collection[household.group]
            if household.floating:
                start = max(start, household.arrived_on)
            household.established_on = start
            for member in household.members:
                member.registered_on = start
                if household.floating and member.age >= 16:
                    permits += 1
                    expires = _permit_expiry(household.arrived_on)
                    member.permit = (expires, f"XS{expires.year - 1}{profile.prefix}{permits:04d}")
                if household.floating and household.arrived_on > collection[household.group]:
                    member.kind, member.place, member.document = EventKind.FLOAT_IN, household.origin, "居民身份证"
                if member.birth_date > start:
                    member.kind, member.registered_on = EventKind.BIRTH, member.birth_date
                    member.document = "出生医学证明"
        # A few recent marriages: the bride or groom moved their 户口 in this year.
        couples = [
            member
            for household in self.households
            if household.template == "stem0"
            for member in household.members
            if member.relation == Relation.CHILD_IN_LAW
        ]
        for member in _pick(rng, couples, profile.quotas["move_ins"], what="move-ins"):
            start = member.household.established_on
            member.kind = EventKind.MOVE_IN
            member.registered_on = start + datetime.timedelta(days=rng.randint(20, (AS_OF - start).days - 10))
            member.place = rng.choice(NEARBY_PLACES)
            member.document = "户口迁移证"

    # Statuses -------------------------------------------------------------------------------

    def _free(self, member: Member) -> bool:
        return not member.employment

    def _assign_work(self) -> None:
        rng, profile, quotas = self.rng, self.profile, self.profile.quotas
        for member in self.people:
            if member.age < 6:
                member.employment = EmploymentStatus.PRESCHOOL
            elif member.age < 18:
                member.employment = EmploymentStatus.STUDENT
        permanent = self.permanent()
        floating_adults = [m for m in self.people if m.floating and 18 <= m.age <= 58]

        for member in _pick(rng, floating_adults, quotas["floating_workers"], what="floating workers"):
            member.employment = EmploymentStatus.MIGRANT_WORKER
            member.employer = rng.choice((*profile.non_public_employers, profile.cooperative))
            member.employer_type = EmployerType.NON_PUBLIC
        for member in floating_adults:
            if self._free(member):
                member.employment = (
                    EmploymentStatus.SELF_EMPLOYED if member.sex == Sex.MALE else EmploymentStatus.NO_JOB
                )

        def free_between(low, high):
            return [m for m in permanent if self._free(m) and low <= m.age <= high]

        for member in _pick(rng, free_between(24, 57), quotas["employed_public"], what="public employees"):
            member.employment, member.employer_type = EmploymentStatus.EMPLOYED, EmployerType.PUBLIC
            member.employer = rng.choice(profile.public_employers)
        for member in _pick(rng, free_between(22, 55), quotas["employed_non_public"], what="employees"):
            member.employment, member.employer_type = EmploymentStatus.EMPLOYED, EmployerType.NON_PUBLIC
            member.employer = rng.choice(profile.non_public_employers)
        retired_weight = lambda m: 3.0 if 60 <= m.age <= 78 else 1.0  # noqa: E731
        for member in _pick(rng, free_between(56, 88), profile.targets["retired"], retired_weight, what="retired"):
            member.employment = EmploymentStatus.RETIRED
            member.employer_type = EmployerType.NONE

        # 外出务工: first couples whose children stay behind with the grandparents, then single workers.
        migrants = quotas["migrant_workers"]
        couples = []
        for household in self.households:
            if household.floating:
                continue
            kids = [m for m in household.members if m.age < 16 and m.parents]
            elders = [m for m in household.members if m.age >= 50 and not m.parents]
            parents = {parent for kid in kids for parent in kid.parents if len(kid.parents) == 2}
            if kids and (elders or household.template.startswith("stem")) and len(parents) == 2:
                first, second = sorted(parents, key=lambda p: p.sex)
                if first.partner is second and all(self._free(p) and 20 <= p.age <= 48 for p in parents):
                    couples.append([first, second])
        rng.shuffle(couples)
        for pair in couples[: migrants // 8]:
            if all(self._free(p) and 20 <= p.age <= 50 for p in pair):
                for member in pair:
                    member.employment = EmploymentStatus.MIGRANT_WORKER
                    migrants -= 1
        migrant_weight = lambda m: (2.0 if m.sex == Sex.MALE else 1.0) * (2.0 if m.age <= 35 else 1.0)  # noqa: E731
        for member in _pick(rng, free_between(18, 50), migrants, migrant_weight, what="migrant workers"):
            member.employment = EmploymentStatus.MIGRANT_WORKER

        cooperative = (
            profile.targets["non_public_employees"] - quotas["employed_non_public"] - quotas["floating_workers"]
        )
        for member in _pick(rng, free_between(25, 60), cooperative, what="co-operative members"):
            member.employment, member.employer_type = EmploymentStatus.FARMING, EmployerType.NON_PUBLIC
            member.employer = profile.cooperative
        for member in _pick(rng, free_between(25, 55), quotas["self_employed"], what="self-employed"):
            member.employment = EmploymentStatus.SELF_EMPLOYED
        for member in _pick(rng, free_between(35, 55), quotas["laid_off"], what="laid off"):
            member.employment = EmploymentStatus.LAID_OFF
        for member in _pick(rng, free_between(22, 50), quotas["unemployed"], what="unemployed"):
            member.employment = EmploymentStatus.UNEMPLOYED
        unmarried = [m for m in free_between(18, 22) if m.partner is None]
        students = _pick(rng, unmarried, quotas["students_away"] // 2, what="college students")
        for member in students:
            member.employment = EmploymentStatus.STUDENT
        for member in permanent:
            if not self._free(member):
                continue
            if member.age <= 22:
                member.employment = EmploymentStatus.AWAITING if rng.random() < 0.4 else EmploymentStatus.FARMING
            elif member.age < 72:
                member.employment = EmploymentStatus.FARMING
            else:
                member.employment = EmploymentStatus.NO_JOB

    def _assign_separation(self) -> None:
        """人户分离: migrant workers and pupils boarding away (户在人不在); floating people and spouses who
        married in without moving their 户口 (人在户不在)."""
        rng, profile = self.rng, self.profile
        for member in self.people:
            if member.floating:
                member.separation = Separation.REGISTERED_ELSEWHERE
                member.hukou_address = member.household.origin
            elif member.employment == EmploymentStatus.MIGRANT_WORKER:
                member.separation = Separation.LIVES_ELSEWHERE
                member.current_address = rng.choice(CITY_ADDRESSES)
        permanent = self.permanent()
        students = [m for m in permanent if m.employment == EmploymentStatus.STUDENT and 12 <= m.age <= 22]
        adult_students = [m for m in students if m.age >= 18]
        away = adult_students + _pick(
            rng,
            [m for m in students if m.age < 18],
            profile.quotas["students_away"] - len(adult_students),
            what="pupils boarding away",
        )
        for member in away:
            member.separation = Separation.LIVES_ELSEWHERE
            member.current_address = rng.choice(STUDY_ADDRESSES)
        separated = sum(member.separation != Separation.NONE for member in self.people)
        married_in = [
            m
            for m in permanent
            if m.in_married and m.separation == Separation.NONE and m.kind != EventKind.MOVE_IN and 20 <= m.age <= 50
        ]
        for member in _pick(rng, married_in, profile.targets["separated"] - separated, what="married-in spouses"):
            member.separation = Separation.REGISTERED_ELSEWHERE
            member.hukou_address = rng.choice(NEARBY_PLACES)

    def _assign_politics(self) -> None:
        rng, profile = self.rng, self.profile

        def party_weight(member: Member) -> float:
            weight = 3.0 if member.sex == Sex.MALE else 1.0
            weight *= 2.0 if 40 <= member.age <= 80 else 1.0
            if member.employment == EmploymentStatus.EMPLOYED and member.employer_type == EmployerType.PUBLIC:
                weight *= 12
            elif member.employment == EmploymentStatus.RETIRED:
                weight *= 4
            if member.floating:
                weight *= 0.2
            return weight

        adults = [m for m in self.people if m.adult]
        members = _pick(rng, adults, profile.targets["party_members"], party_weight, what="party members")
        young = [m for m in members if 20 <= m.age <= 40]
        probationary = set(_pick(rng, young, profile.quotas["probationary"], what="probationary members"))
        for member in members:
            member.political = PoliticalStatus.PROBATIONARY if member in probationary else PoliticalStatus.PARTY_MEMBER
        league_weight = lambda m: 4.0 if m.employment == EmploymentStatus.STUDENT else 1.0  # noqa: E731
        youth = [m for m in self.people if 14 <= m.age <= 28 and m.political == PoliticalStatus.MASSES]
        for member in _pick(rng, youth, profile.targets["league_members"], league_weight, what="league members"):
            member.political = PoliticalStatus.LEAGUE_MEMBER

    def _education(self, member: Member) -> str:
        rng, age = self.rng, member.age
        if age < 6:
            return Education.PRESCHOOL
        if age < 12:
            return Education.PRIMARY
        if age < 15:
            return Education.JUNIOR
        if age < 18:
            return Education.SENIOR if rng.random() < 0.7 else Education.JUNIOR
        if member.employment == EmploymentStatus.STUDENT:
            return Education.COLLEGE if rng.random() < 0.5 else Education.BACHELOR
        if member.employer_type == EmployerType.PUBLIC or member.employment == EmploymentStatus.RETIRED:
            return _weighted(rng, {Education.SENIOR: 2, Education.COLLEGE: 4, Education.BACHELOR: 4})
        if age >= 70:
            return _weighted(rng, {Education.NONE: 50, Education.PRIMARY: 45, Education.JUNIOR: 5})
        if age >= 50:
            return _weighted(
                rng, {Education.NONE: 15, Education.PRIMARY: 50, Education.JUNIOR: 30, Education.SENIOR: 5}
            )
        if age >= 30:
            weights = {Education.PRIMARY: 25, Education.JUNIOR: 50, Education.SENIOR: 18, Education.COLLEGE: 7}
            return _weighted(rng, weights)
        weights = {
            Education.PRIMARY: 5,
            Education.JUNIOR: 45,
            Education.SENIOR: 30,
            Education.COLLEGE: 15,
            Education.BACHELOR: 5,
        }
        return _weighted(rng, weights)

    def _assign_details(self) -> None:
        rng = self.rng
        for member in self.people:
            household = member.household
            member.education = self._education(member)
            if member.age < 18:
                member.marital = MaritalStatus.SINGLE
            formal = member.employment == EmploymentStatus.RETIRED or (
                member.employment == EmploymentStatus.EMPLOYED and member.employer_type == EmployerType.PUBLIC
            )
            if formal:
                member.hukou_type = HukouType.NON_AGRICULTURAL
                member.insurance = MedicalInsurance.URBAN
                member.pension = True
            else:
                member.insurance = MedicalInsurance.RESIDENT
                if member.floating and rng.random() < 0.2:
                    member.insurance = MedicalInsurance.NONE
                member.pension = member.age >= 16 and member.employment != EmploymentStatus.STUDENT
                member.pension = member.pension and rng.random() < (0.6 if member.floating else 0.9)
            member.health_record = member.age >= 60 or rng.random() < (0.4 if member.floating else 0.85)
            if not member.hukou_address:
                member.hukou_address = household.address
            if not member.current_address:
                member.current_address = household.address
        for household in self.households:
            members = household.members
            if any(m.employment == EmploymentStatus.MIGRANT_WORKER for m in members) and not household.floating:
                household.tags.append((HouseholdTagKind.MIGRANT_WORKERS, household.established_on, "外出务工登记"))

    # Names and ID numbers -----------------------------------------------------------------------

    def _surname(self, ethnicity: str) -> str:
        if ethnicity in SURNAMES:
            return self.rng.choice(SURNAMES[ethnicity])
        return self.faker.last_name()

    def _given(self, sex: str) -> str:
        if sex == Sex.FEMALE:
            return self.faker.first_name_female()
        # Faker's male list holds a few girls' names (红霞 …): draw again.
        return next(name for name in iter(self.faker.first_name_male, None) if not set(name) & GIRLS_CHARACTERS)

    def _assign_names_and_ids(self) -> None:
        for household in self.households:
            head = household.head
            head.surname = self._surname(head.ethnicity)
            # The children carry the father's surname; a woman heading the household passes on hers.
            family = head.surname
            for member in household.members[1:]:
                blood = member.relation in (Relation.SON, Relation.DAUGHTER, Relation.GRANDCHILD, Relation.SIBLING)
                if blood or (member.relation == Relation.PARENT and member.sex == Sex.MALE):
                    member.surname = family
                else:
                    member.surname = self._surname(member.ethnicity)
            taken = set()
            for member in household.members:
                for _ in range(50):
                    name = member.surname + self._given(member.sex)
                    if name not in SEED_NAMES and name not in taken:
                        break
                member.name = name
                taken.add(name)
                member.id_number = self._id_number(member)
                if member.adult and (member.age < 75 or self.rng.random() < 0.6):
                    member.phone = self.faker.phone_number()

    def _id_number(self, member: Member) -> str:
        """A checksum-valid 居民身份证 number of 西山区 with the member's birth date and sex.

        The three-digit sequence starts at a random point and steps over numbers already taken."""
        prefix = f"{REGION_CODE}{member.birth_date:%Y%m%d}"
        sequence = self.rng.randrange(500) * 2 + (1 if member.sex == Sex.MALE else 0)
        for _ in range(500):
            body = f"{prefix}{sequence:03d}"
            if body not in self.used_ids:
                self.used_ids.add(body)
                return body + ric.calc_check_digit(body + "0")
            sequence = (sequence + 2) % 1000
        raise ValueError(f"demo population: no free ID number for {prefix}")

    # Categories -----------------------------------------------------------------------------

    def _tag(self, member: Member, code: str, **fields) -> None:
        if all(existing != code for existing, _ in member.categories):
            member.categories.append((code, fields))

    def _assign_categories(self) -> None:
        rng, wanted = self.rng, self.profile.categories
        permanent_households = [h for h in self.households if not h.floating]
        people = self.permanent()

        def start(member: Member, spread: int = 0) -> datetime.date:
            day = member.registered_on + datetime.timedelta(days=rng.randint(0, spread) if spread else 0)
            return min(day, AS_OF)

        # 五保 and 三无: old people living alone without a pension (not retired).
        lone = [
            h.head
            for h in permanent_households
            if len(h.members) == 1 and h.head.age >= 62 and h.head.employment != EmploymentStatus.RETIRED
        ]
        wubao = _pick(rng, lone, wanted["wubao"], lambda m: 3.0 if m.marital == MaritalStatus.SINGLE else 1.0)
        for member in wubao:
            self._tag(member, "wubao", source_document="农村五保供养证")
            member.household.tags.append((HouseholdTagKind.FIVE_GUARANTEES, start(member), "农村五保供养证"))
        for member in _pick(rng, wubao, wanted["sanwu"], what="三无老人"):
            self._tag(member, "sanwu", note="无法定赡养人、无固定生活来源、无劳动能力")
        others = [m for m in lone if m not in wubao]
        for member in _pick(rng, others, min(wanted["lone_elderly"], len(others)), what="lone elderly"):
            self._tag(member, "lone_elderly", note="独居")

        # 残疾人, weighted towards older people.
        for member in _pick(rng, people, wanted["disabled"], lambda m: 1.0 + m.age / 20, what="disabled"):
            self._tag(
                member,
                "disabled",
                disability_type=_weighted(rng, DISABILITY_TYPES),
                disability_grade=_weighted(rng, DISABILITY_GRADES),
                source_document="中华人民共和国残疾人证(第二代)",
            )

        # 低保: whole households, mostly small, old or with a disabled member, until about the wanted number.
        def need(household: HouseholdPlan) -> float:
            weight = 1.0
            if any(code == "disabled" for m in household.members for code, _ in m.categories):
                weight *= 4
            if all(m.age >= 60 or m.age < 18 for m in household.members):
                weight *= 3
            if household.template in ("parent_child", "single_parent2", "grand_left"):
                weight *= 3
            if any(m.employment == EmploymentStatus.EMPLOYED or m.employment == EmploymentStatus.RETIRED
                   for m in household.members):  # fmt: skip
                weight = 0
            return weight

        candidates = [h for h in permanent_households if not any(code == "wubao" for code, _ in h.head.categories)]
        ranked = _pick(rng, candidates, len([h for h in candidates if need(h) > 0]), need)
        dibao_people = 0
        dibao_households = []
        for household in ranked:
            if dibao_people >= wanted["dibao"]:
                break
            if dibao_people + len(household.members) > wanted["dibao"] + 1:
                continue
            dibao_households.append(household)
            dibao_people += len(household.members)
            day = start(household.head)
            household.tags.append((HouseholdTagKind.MINIMUM_ALLOWANCE, day, "农村最低生活保障审批表"))
            for member in household.members:
                self._tag(member, "dibao", source_document="农村最低生活保障审批表")
        poor = dibao_households + _pick(
            rng,
            [h for h in permanent_households if h not in dibao_households and need(h) > 0],
            max(wanted["poor_households"] - len(dibao_households), 0),
            need,
        )
        for household in poor:
            household.tags.append((HouseholdTagKind.POOR, start(household.head), "贫困户建档立卡"))

        # 留守: children whose parents both work away, wives and old people left at home.
        left_children = []
        for member in people:
            if member.age < 16:
                parents = member.parents
                if (parents and all(p.employment == EmploymentStatus.MIGRANT_WORKER for p in parents)) or (
                    not parents and member.relation == Relation.GRANDCHILD
                ):
                    left_children.append(member)
        count = min(wanted["left_behind_child"], len(left_children))
        for member in _pick(rng, left_children, count, what="left-behind children"):
            self._tag(member, "left_behind_child", note="父母外出务工,由祖辈照料")
        wives = [
            m
            for m in people
            if m.sex == Sex.FEMALE
            and m.partner is not None
            and 20 <= m.age <= 55
            and m.partner.employment == EmploymentStatus.MIGRANT_WORKER
            and m.employment != EmploymentStatus.MIGRANT_WORKER
        ]
        for member in _pick(rng, wives, min(wanted["left_behind_woman"], len(wives)), what="left-behind women"):
            self._tag(member, "left_behind_woman", note="丈夫外出务工")
        elders = [
            m
            for m in people
            if m.age >= 60
            and any(o.employment == EmploymentStatus.MIGRANT_WORKER for o in m.household.members)
            and all(o.employment == EmploymentStatus.MIGRANT_WORKER for o in m.household.members if o.working_age)
        ]
        for member in _pick(rng, elders, min(wanted["left_behind_elderly"], len(elders)), what="left-behind elderly"):
            self._tag(member, "left_behind_elderly", note="子女外出务工")

        # 空巢老人: old couples and widowed people whose children have left.
        nests = [
            m
            for h in permanent_households
            if all(o.age >= 60 for o in h.members)
            for m in h.members
            if not m.categories
        ]
        for member in _pick(rng, nests, min(wanted["empty_nest"], len(nests)), what="empty-nest elderly"):
            self._tag(member, "empty_nest", note="子女在外居住")

        # 优抚对象: veterans.
        veterans = [m for m in people if m.sex == Sex.MALE and 45 <= m.age <= 88]
        veteran_weight = lambda m: 3.0 if m.political == PoliticalStatus.PARTY_MEMBER else 1.0  # noqa: E731
        for member in _pick(rng, veterans, wanted["entitled"], veteran_weight, what="veterans"):
            self._tag(member, "entitled", source_document="退役军人优待证", note="退役军人")
            member.household.tags.append((HouseholdTagKind.ENTITLED, start(member), "退役军人优待证"))

        # Released prisoners and a person under community correction (sensitive).
        offenders = [
            m
            for m in people
            if m.sex == Sex.MALE
            and 22 <= m.age <= 50
            and m.political == PoliticalStatus.MASSES
            and m.employment not in (EmploymentStatus.EMPLOYED, EmploymentStatus.RETIRED)
            and not m.categories
        ]
        chosen = _pick(rng, offenders, wanted["released"] + wanted["correction"], what="sensitive people")
        for member in chosen[: wanted["released"]]:
            self._tag(member, "released", source_document="刑满释放证明书", note="帮教小组定人定责")
        for member in chosen[wanted["released"] :]:
            self._tag(member, "correction", source_document="社区矫正执行通知书", note="矫正期一年")

        # 下岗失业, 困难学生, 重特大病, 计生奖励扶助.
        for member in people:
            if member.employment in (EmploymentStatus.LAID_OFF, EmploymentStatus.UNEMPLOYED):
                self._tag(member, "unemployed", source_document="就业失业登记证")
        pupils = [m for m in people if m.employment == EmploymentStatus.STUDENT and m.age >= 12]
        pupil_weight = lambda m: 5.0 if any(code == "dibao" for code, _ in m.categories) else 1.0  # noqa: E731
        for member in _pick(rng, pupils, wanted["poor_student"], pupil_weight, what="poor students"):
            self._tag(member, "poor_student", note="生源地助学贷款")
        for member in _pick(rng, [m for m in people if m.age >= 40], wanted["serious_illness"], what="ill"):
            self._tag(member, "serious_illness", note=rng.choice(["尿毒症透析", "恶性肿瘤", "重症肺炎后遗症"]))
        for member in _pick(rng, [m for m in people if m.age >= 60], wanted["family_planning_reward"], what="reward"):
            self._tag(member, "family_planning_reward", source_document="农村部分计划生育家庭奖励扶助审批表")

        # 五好文明家庭: a few households of party members.
        model = [h for h in permanent_households if any(m.political != PoliticalStatus.MASSES for m in h.members)]
        for household in _pick(rng, model, wanted["model_families"], what="model families"):
            household.tags.append((HouseholdTagKind.MODEL_FAMILY, start(household.head, 200), "社区评选"))

        # One 中心户 per group: the household of a party member if there is one.
        for group in self.profile.groups:
            households = [h for h in permanent_households if h.group == group.name]
            party = [h for h in households if h.head.political == PoliticalStatus.PARTY_MEMBER]
            (party or households)[0].is_central = True

        for member in self.people:
            for code, fields in member.categories:
                spread = 120 if code in ("released", "correction", "serious_illness") else 0
                fields.setdefault("start_on", start(member, spread))


# --------------------------------------------------------------------------------------------
# Writing the plan through the services


def _write(actor: User, community: Community, households: list[HouseholdPlan]) -> None:
    groups = {
        group.name: group for group in ResidentGroup.objects.filter(community=community).prefetch_related("grids")
    }
    categories = {category.code: category for category in Category.objects.all()}
    for household_plan in households:
        head = household_plan.head
        group = groups[household_plan.group]
        household = household_create(
            actor=actor,
            household=Household(
                community=community,
                group=group,
                number=household_plan.number,
                kind=HouseholdKind.FLOATING if household_plan.floating else HouseholdKind.PERMANENT,
                address=household_plan.address,
                housing=household_plan.housing,
                is_central=household_plan.is_central,
                phone=head.phone or next((m.phone for m in household_plan.members if m.phone), ""),
                established_on=household_plan.established_on,
            ),
        )
        for member in household_plan.members:
            person = Person(
                community=community,
                group=group,
                household=household,
                relation=member.relation,
                name=member.name,
                sex=member.sex,
                birth_date=member.birth_date,
                id_number=member.id_number,
                ethnicity=member.ethnicity,
                political_status=member.political,
                education=member.education,
                marital_status=member.marital,
                residence_type=ResidenceType.FLOATING if member.floating else ResidenceType.PERMANENT,
                separation=member.separation,
                hukou_address=member.hukou_address,
                current_address=member.current_address,
                hukou_type=member.hukou_type,
                employment_status=member.employment,
                employer=member.employer,
                employer_type=member.employer_type,
                phone=member.phone,
                has_health_record=member.health_record,
                medical_insurance=member.insurance,
                has_pension_insurance=member.pension,
            )
            if member.kind == EventKind.BIRTH:
                person_record_birth(actor=actor, person=person)
            else:
                person_register(
                    actor=actor,
                    person=person,
                    on=member.registered_on,
                    kind=member.kind,
                    place=member.place,
                    document=member.document,
                )
            for code, fields in member.categories:
                membership_add(actor=actor, person=person, category=categories[code], **fields)
            if member.permit is not None:
                _register_floating(actor, person, member, household_plan)
        for kind, start_on, document in household_plan.tags:
            household_tag_add(actor=actor, household=household, kind=kind, start_on=start_on, source_document=document)


def _register_floating(actor: User, person: Person, member: Member, household: HouseholdPlan) -> None:
    """The 暂住 registration of a floating resident aged 16 or more."""
    expires, number = member.permit
    if member.employment == EmploymentStatus.MIGRANT_WORKER:
        purpose = FloatingPurpose.WORK
    elif member.employment == EmploymentStatus.SELF_EMPLOYED:
        purpose = FloatingPurpose.BUSINESS
    elif member.employment == EmploymentStatus.STUDENT:
        purpose = FloatingPurpose.STUDY
    else:
        purpose = FloatingPurpose.RELATIVES
    issued = expires - datetime.timedelta(days=365)
    register_save(
        actor=actor,
        instance=FloatingRegistration(
            community=person.community,
            person=person,
            arrived_on=household.arrived_on,
            origin=household.origin,
            purpose=purpose,
            address=household.address,
            employer=member.employer,
            permit_number=number,
            permit_expires_on=expires,
            security_pledge_signed_on=max(issued, household.arrived_on),
            residence_contract_signed_on=max(issued, household.arrived_on),
            id_checked=True,
            family_planning_checked=member.sex == Sex.FEMALE and 18 <= member.age <= 49,
        ),
        reason="流动人口登记",
    )


def plan_population(profile: Profile, used_ids: set[str] | None = None) -> list[HouseholdPlan]:
    """The households and people of ``profile``, planned but not saved (the same on every call)."""
    return Planner(profile, set() if used_ids is None else used_ids).plan()


def seed(demo: dict) -> None:
    """Add the demo population to 箐口 and 朵亩; a community that already has residents is left alone."""
    actor = demo["admin"]
    demo["as_of"] = AS_OF
    # ID numbers are unique across the deployment: step over any already on the register.
    numbers = Person.objects.filter(id_number__startswith=REGION_CODE).values_list("id_number", flat=True)
    used_ids = {number[:17] for number in numbers}
    for profile in PROFILES:
        community = demo[profile.code]
        if Person.objects.filter(community=community).exists():
            continue
        _write(actor, community, plan_population(profile, used_ids))
