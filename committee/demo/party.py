"""Demo party organisation for ``seed_demo``: every 中共党员 and 中共预备党员 of the demo register becomes a
party member, organised under the community's 党总支 (or 党支部) by residents' group, with two years of
activities (2025, and 2026 up to the demo's as-of date), transfers, a 转正 and 在职党员报到.

Seed 000: 「党员73人」 in 箐口 under 「中共xx社区总支部委员会」, and 「党员每年参与帮困、助残、敬老等活动6次、社区党员
参与社区建设各项活动率90%」: in 2026 the 帮困/助残/敬老 participations of the members on the register come to
six per member, and about nine in ten members took part in something (the one in ten who did not are mostly
流动党员, away working). 2025 is a little short of both. Seed 000 also says 「各党支部目前正在开展为贫困老人
捐献一元钱活动」 (October): the 捐款 activity of each October.

The tree follows the register: a community with 30 members or more has a 总支 with a 党支部 per residents'
group of six members or more, the smaller groups' members in one 联合党支部, and a branch of twelve or more
split into two 党小组; a smaller community has one 党支部 with a 党小组 per group of three or more. Categories
follow each person's record (退役军人 优抚 → 退伍, 退休 → 离退休, 外出务工 or living elsewhere → 流动, 务农 → 农民 …).
Everything is written through the services as ``demo["admin"]``; a community that already has a party
organisation is left alone. Meetings (党员议事会) belong to the meetings area and are not made here.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from faker import Faker
from stdnum.cn import ric

from committee.models.party import (
    ActivityKind,
    MemberCategory,
    MembershipKind,
    MemberStatus,
    OrganisationKind,
    PartyActivity,
    PartyCheckIn,
    PartyMember,
    PartyOrganisation,
    one_year_after,
)
from committee.models.staff import Body, CommitteePost, Post
from committee.services.party import (
    party_activity_save,
    party_checkin_save,
    party_member_confirm,
    party_member_create,
    party_organisation_save,
    party_transfer_in,
    party_transfer_out,
)
from governance.models import Community, ResidentUnit, User
from residents.choices import Education, EmploymentStatus, PersonStatus, PoliticalStatus, ResidenceType, Separation
from residents.models import CategoryMembership, Person

D = datetime.date
AS_OF = D(2026, 11, 20)
YEARS = (2025, 2026)

GENERAL_BRANCH_FROM = 30  # members for a 总支 with branches; fewer make one 党支部
BRANCH_FROM = 6  # a group's members for a branch of its own
CELL_FROM = 12  # a branch's members for two 党小组
SMALL_CELL_FROM = 3  # a group's members for a 党小组 of a single 党支部

# Per year: the 帮困/助残/敬老 participations per member on the register, and the share who take part in nothing.
TARGETS = {2025: (5.5, 0.12), 2026: (6.0, 0.10)}

P, E, DI = ActivityKind.POVERTY, ActivityKind.ELDERLY, ActivityKind.DISABILITY
# Three 帮困/助残/敬老 activities a month, on the 8th, 16th and 24th; the first of January and October is the 总支's.
ASSISTANCE = {
    1: [(P, "春节前走访慰问困难党员和困难群众"), (E, "春节走访慰问高龄老人"), (DI, "为重度残疾人家庭送年货")],
    2: [(P, "帮助困难户春耕备耕"), (E, "为空巢老人义务理发"), (DI, "为残疾人代办两项补贴申请")],
    3: [(E, "学雷锋日为独居老人打扫卫生"), (P, "为困难户送万寿菊种苗"), (DI, "与残疾人家庭结对帮扶")],
    4: [(P, "抗旱送水到困难户"), (E, "为老人测血压、讲健康知识"), (DI, "陪同残疾人到卫生所体检")],
    5: [(DI, "全国助残日走访残疾人家庭"), (P, "帮助困难户抢种洋花菜"), (E, "为高龄老人过集体生日")],
    6: [(P, "走访慰问五保户"), (E, "端午节为空巢老人送粽子"), (DI, "帮助残疾人家庭疏通排水沟")],
    7: [(P, "七一走访慰问生活困难党员"), (DI, "为残疾人修缮房屋门窗"), (E, "为留守老人检查用电安全")],
    8: [(P, "帮助困难户抢收玫瑰花"), (E, "为空巢老人义务理发"), (DI, "为残疾人送康复器材")],
    9: [(E, "中秋节陪五保老人过节"), (P, "为困难家庭学生送学习用品"), (DI, "帮助残疾人家庭秋收")],
    10: [(E, "重阳节敬老慰问"), (P, "帮助困难户销售万寿菊"), (DI, "走访慰问精神残疾人家庭")],
    11: [(P, "冬季送温暖走访困难户"), (E, "为独居老人送过冬棉被"), (DI, "为残疾人家庭检查用火安全")],
    12: [(P, "年底走访慰问困难党员"), (E, "为高龄老人送慰问品"), (DI, "国际残疾人日走访慰问")],
}
ASSISTANCE_DAYS = (8, 16, 24)
STUDY_TOPICS = [
    "学习新修订的《中国共产党纪律处分条例》", "学习《中国共产党农村基层组织工作条例》", "学习雷锋精神,争做合格党员",
    "学习乡村振兴战略和惠农政策", "学习党章,重温入党誓词", "庆祝建党纪念日,讲党课",
    "学习森林防火和安全生产知识", "学习基层党组织“三会一课”制度", "学习民族团结进步知识",
    "学习农村产业结构调整经验", "学习《村民委员会组织法》", "年终党员学习总结",
]  # fmt: skip
# (month, day, kind, title, place, share of the members present who come)
OTHERS = [
    (1, 20, ActivityKind.REVIEW, "年度民主评议党员", "社区党员活动室", 0.9),
    (4, 4, ActivityKind.VOLUNTEER, "清明节森林防火宣传", "老张箐、分水岭进山路口", 0.3),
    (6, 5, ActivityKind.VOLUNTEER, "世界环境日村庄环境卫生整治", "各居民小组", 0.5),
    (7, 1, ActivityKind.EXCELLENCE, "七一表彰优秀共产党员", "社区党员活动室", 0.8),
    (7, 20, ActivityKind.VOLUNTEER, "暑期防溺水巡查", "桃树箐、椿箐水塘", 0.25),
    (10, 12, ActivityKind.DONATION, "为贫困老人捐献一元钱", "各党支部", 0.85),
]

# Check-ins of in-service members who live here without being on the register: (unit, post, commitment).
VISITORS = [
    ("箐口完全小学", "关爱留守儿童岗", "每周三下午为留守儿童辅导作业。"),
    ("箐口卫生所", "健康咨询岗", "每月为空巢老人上门测血压一次。"),
    ("团结街道办事处", "政策宣传岗", "每季度到小组宣讲惠农政策一次。"),
]


def _body_of_id(region: str, birth: datetime.date, sequence: int, male: bool) -> str:
    serial = f"{sequence % 100:02d}{(sequence % 5) * 2 + (1 if male else 0)}"
    body = f"{region}{birth:%Y%m%d}{serial}"
    return body + ric.calc_check_digit(body + "0")


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return D(day.year + years, 3, 1)


@dataclass
class _Seeder:
    actor: User
    community: Community
    rng: random.Random
    people: list[Person] = field(default_factory=list)
    organisations: dict[str, PartyOrganisation] = field(default_factory=dict)
    top: PartyOrganisation | None = None
    branch_of: dict[int, PartyOrganisation] = field(default_factory=dict)  # person pk → their org
    members: list[PartyMember] = field(default_factory=list)
    checkins: list[PartyCheckIn] = field(default_factory=list)

    #
    # The tree
    #

    def organisation(self, name, kind, *, parent=None, founded_on=None, group=None) -> PartyOrganisation:
        organisation = party_organisation_save(
            actor=self.actor,
            organisation=PartyOrganisation(
                community=self.community, name=name, kind=kind, parent=parent, founded_on=founded_on, group=group
            ),
        )
        self.organisations[name] = organisation
        return organisation

    def build_tree(self) -> None:
        short = self.community.name.removesuffix("居委会").removesuffix("社区")
        by_group: dict[int | None, list[Person]] = defaultdict(list)
        for person in self.people:
            by_group[person.group_id].append(person)
        groups = {group.pk: group for group in self.community.resident_groups.order_by("order", "pk")}
        if len(self.people) >= GENERAL_BRANCH_FROM:
            self.top = top = self.organisation(
                f"中共{short}社区总支部委员会", OrganisationKind.GENERAL_BRANCH, founded_on=D(2005, 7, 1)
            )
            small: list[Person] = []
            small_groups = []
            for pk, group in groups.items():
                people = by_group.get(pk, [])
                if len(people) < BRANCH_FROM:
                    small += people
                    small_groups.append(group.name)
                    continue
                branch = self.organisation(
                    f"{group.name}党支部", OrganisationKind.BRANCH, parent=top, founded_on=D(2010, 6, 28), group=group
                )
                if len(people) >= CELL_FROM:
                    half = (len(people) + 1) // 2
                    cells = [
                        self.organisation(f"{group.name}第{number}党小组", OrganisationKind.CELL, parent=branch,
                                          founded_on=D(2016, 6, 30), group=group)
                        for number in ("一", "二")
                    ]  # fmt: skip
                    # The two oldest members stay with the branch (its secretary among them), the rest by half.
                    seniors = sorted(people, key=lambda p: (p.birth_date, p.pk))[:2]
                    rest = [p for p in people if p not in seniors]
                    for person in seniors:
                        self.branch_of[person.pk] = branch
                    for index, person in enumerate(rest):
                        self.branch_of[person.pk] = cells[0] if index < half - 1 else cells[1]
                else:
                    for person in people:
                        self.branch_of[person.pk] = branch
            if len(small) >= SMALL_CELL_FROM:
                joint = self.organisation(
                    f"{''.join(small_groups)}联合党支部", OrganisationKind.JOINT_BRANCH, parent=top,
                    founded_on=D(2014, 6, 30),
                )  # fmt: skip
                for person in small:
                    self.branch_of[person.pk] = joint
            else:
                for person in small:
                    self.branch_of[person.pk] = top
        else:
            self.top = top = self.organisation(
                f"中共{short}社区支部委员会", OrganisationKind.BRANCH, founded_on=D(2008, 6, 30)
            )
            for pk, group in groups.items():
                people = by_group.get(pk, [])
                if len(people) >= SMALL_CELL_FROM:
                    cell = self.organisation(
                        f"{group.name}党小组", OrganisationKind.CELL, parent=top, founded_on=D(2016, 6, 30), group=group
                    )
                    for person in people:
                        self.branch_of[person.pk] = cell
        for person in by_group.get(None, []):
            self.branch_of.setdefault(person.pk, self.top)
        for person in self.people:
            self.branch_of.setdefault(person.pk, self.top)

    #
    # Members
    #

    def category(self, person: Person, veterans: set[int]) -> str:
        employment = person.employment_status
        if person.pk in veterans:
            return MemberCategory.VETERAN
        direct = {
            EmploymentStatus.RETIRED: MemberCategory.RETIRED,
            EmploymentStatus.EMPLOYED: MemberCategory.EMPLOYED,
            EmploymentStatus.LAID_OFF: MemberCategory.LAID_OFF,
            EmploymentStatus.UNEMPLOYED: MemberCategory.UNEMPLOYED,
            EmploymentStatus.AWAITING: MemberCategory.UNEMPLOYED,
            EmploymentStatus.NO_JOB: MemberCategory.UNEMPLOYED,
            EmploymentStatus.SELF_EMPLOYED: MemberCategory.SELF_EMPLOYED,
            EmploymentStatus.MIGRANT_WORKER: MemberCategory.FLOATING,
        }
        if employment in direct:
            return direct[employment]
        if person.residence_type == ResidenceType.FLOATING or person.separation == Separation.LIVES_ELSEWHERE:
            return MemberCategory.FLOATING
        college = person.education in (Education.COLLEGE, Education.BACHELOR, Education.POSTGRADUATE)
        if employment == EmploymentStatus.STUDENT or (college and person.age_on(AS_OF) <= 35):
            return MemberCategory.GRADUATE
        if employment == EmploymentStatus.FARMING:
            return MemberCategory.FARMER
        return MemberCategory.OTHER

    def joined_on(self, person: Person, probationary: bool, index: int, before: datetime.date) -> datetime.date:
        """A full member joined between 18 and ``before`` less 430 days (so that their year of probation was
        over by then); the first probationary member in September 2025 (confirmed in the demo), the others
        in 2026."""
        earliest = _years_after(person.birth_date, 18) + datetime.timedelta(days=30)
        if probationary:
            return D(2025, 9, 26) if index == 0 else D(2026, 6, 28) - datetime.timedelta(days=40 * index)
        latest = before - datetime.timedelta(days=430)
        wanted = _years_after(person.birth_date, self.rng.randint(22, 42)) + datetime.timedelta(
            days=self.rng.randint(0, 300)
        )
        return max(earliest, min(wanted, latest))

    def record_members(self, transfers_in: dict[int, tuple]) -> None:
        veterans = set(
            CategoryMembership.objects.active_on(AS_OF)
            .filter(community=self.community, category__code="entitled")
            .values_list("person_id", flat=True)
        )
        probationary_index = 0
        for person in self.people:
            probationary = person.political_status == PoliticalStatus.PROBATIONARY
            transfer = transfers_in.get(person.pk)
            joined = self.joined_on(person, probationary, probationary_index, transfer[0] if transfer else AS_OF)
            probationary_index += probationary
            category = self.category(person, veterans)
            organisation = self.branch_of[person.pk]
            confirmed = None if probationary else one_year_after(joined) + datetime.timedelta(self.rng.randint(0, 20))
            if transfer is not None:
                on, source, letter, reason = transfer
                member = party_transfer_in(
                    actor=self.actor, person=person, organisation=organisation, on=on, from_organisation=source,
                    category=category, kind=MembershipKind.PROBATIONARY if probationary else MembershipKind.FULL,
                    joined_on=joined, confirmed_on=confirmed, letter_number=letter, reason=reason,
                ).member  # fmt: skip
            else:
                member = party_member_create(
                    actor=self.actor,
                    member=PartyMember(
                        community=self.community, person=person, organisation=organisation, category=category,
                        joined_on=joined, confirmed_on=confirmed,
                    ),
                )  # fmt: skip
            self.members.append(member)

    def choose_transfers_in(self) -> dict[int, tuple]:
        """A retired member whose relation came from their former employer, and a young one back from college."""
        chosen: dict[int, tuple] = {}
        retired = [p for p in self.people if p.employment_status == EmploymentStatus.RETIRED]
        if retired:
            chosen[retired[0].pk] = (
                D(2025, 4, 18), "中共团结街道农业综合服务中心支部委员会", f"{self.community.code.upper()}ZR2025-01",
                "退休后组织关系转入居住地社区",
            )  # fmt: skip
        young = sorted(
            (p for p in self.people if p.political_status == PoliticalStatus.PARTY_MEMBER and p.pk not in chosen),
            key=lambda p: (-p.birth_date.toordinal(), p.pk),
        )
        if young and young[0].age_on(AS_OF) <= 35:
            chosen[young[0].pk] = (
                D(2026, 7, 10), "中共云南农业职业技术学院学生第三支部委员会", f"{self.community.code.upper()}ZR2026-01",
                "毕业返乡",
            )  # fmt: skip
        return chosen

    def transfer_out(self) -> PartyMember | None:
        """An in-service member whose relation moves to their employer (and who then reports to the community)."""
        candidates = [m for m in self.members if m.category == MemberCategory.EMPLOYED and not m.transferred_in]
        if not candidates:
            return None
        member = candidates[0]
        employer = member.person.employer or "团结街道农业综合服务中心"
        party_transfer_out(
            actor=self.actor, member=member, on=D(2026, 1, 12), to_organisation=f"中共{employer}支部委员会",
            letter_number=f"{self.community.code.upper()}ZC2026-01", reason="组织关系转至工作单位党组织",
        )  # fmt: skip
        member.refresh_from_db()
        return member

    def secretaries(self) -> None:
        active = [m for m in self.members if m.status == MemberStatus.ACTIVE]
        posts = CommitteePost.objects.active_on(AS_OF).filter(
            community=self.community, body=Body.PARTY, post=Post.SECRETARY, staff__person__isnull=False
        )
        head_person = posts.values_list("staff__person_id", flat=True).first()
        taken: set[int] = set()

        def pick(pool: list[PartyMember]) -> PartyMember | None:
            full = [m for m in pool if m.kind == MembershipKind.FULL and m.pk not in taken]
            prime = [m for m in full if 35 <= m.person.age_on(AS_OF) <= 65] or full
            prime.sort(key=lambda m: (m.joined_on, m.pk))
            return prime[0] if prime else None

        for organisation in self.organisations.values():
            if organisation.kind == OrganisationKind.CELL:
                pool = [m for m in active if m.organisation_id == organisation.pk]
            elif organisation == self.top:
                head = next((m for m in active if m.person_id == head_person), None)
                if head is not None:
                    taken.add(head.pk)
                    organisation.secretary = head
                    party_organisation_save(actor=self.actor, organisation=organisation)
                    continue
                pool = active
            else:
                below = {
                    organisation.pk,
                    *(o.pk for o in self.organisations.values() if o.parent_id == organisation.pk),
                }
                pool = [m for m in active if m.organisation_id in below]
            secretary = pick(pool)
            if secretary is not None:
                taken.add(secretary.pk)
                organisation.secretary = secretary
                party_organisation_save(actor=self.actor, organisation=organisation)

    def confirm_probationers(self) -> None:
        for member in self.members:
            if member.kind == MembershipKind.PROBATIONARY and member.status == MemberStatus.ACTIVE:
                on = one_year_after(member.joined_on) + datetime.timedelta(days=2)
                if on <= AS_OF:
                    party_member_confirm(actor=self.actor, member=member, on=on)
                    member.refresh_from_db()

    #
    # 在职党员报到
    #

    def record_checkins(self, transferred_out: PartyMember | None) -> None:
        units = {unit.name: unit for unit in ResidentUnit.objects.filter(community=self.community)}
        if transferred_out is not None:
            person = transferred_out.person
            employer = person.employer or "团结街道农业综合服务中心"
            self.checkins.append(
                party_checkin_save(
                    actor=self.actor,
                    checkin=PartyCheckIn(
                        community=self.community,
                        person=person,
                        work_unit=employer,
                        unit=units.get(employer),
                        unit_organisation=f"中共{employer}支部委员会",
                        reported_on=D(2026, 2, 20),
                        post="农技服务岗",
                        commitment="每季度为种植户开展一次万寿菊、洋花菜种植技术指导。",
                    ),
                )
            )
        faker = Faker("zh_CN")
        faker.seed_instance(f"party-checkins-{self.community.code}")
        for index, (unit_name, post, commitment) in enumerate(VISITORS):
            if unit_name != "团结街道办事处" and unit_name not in units:
                continue
            male = index % 2 == 1
            birth = D(1978 + 4 * index, 3 + index, 10 + index)
            number = _body_of_id("530102", birth, self.community.pk * 10 + index, male)
            if Person.objects.filter(id_number=number).exists():
                continue
            self.checkins.append(
                party_checkin_save(
                    actor=self.actor,
                    checkin=PartyCheckIn(
                        community=self.community,
                        name=faker.name_male() if male else faker.name_female(),
                        id_number=number,
                        phone=faker.phone_number(),
                        work_unit=unit_name,
                        unit=units.get(unit_name),
                        unit_organisation=f"中共{unit_name}支部委员会",
                        reported_on=D(2025, 3 + 2 * index, 15),
                        post=post,
                        commitment=commitment,
                    ),
                )
            )

    #
    # Activities
    #

    def branch_level(self, member: PartyMember) -> int:
        """The id of the member's branch (a 党小组's parent), for choosing the activities they join."""
        organisation = member.organisation
        if organisation.kind == OrganisationKind.CELL and organisation.parent_id:
            return organisation.parent_id
        return organisation.pk

    def organisers(self) -> list[PartyOrganisation]:
        return [o for o in self.organisations.values() if o.kind != OrganisationKind.CELL and o != self.top] or [
            self.top
        ]

    def seed_year(self, year: int) -> None:
        last = min(AS_OF, D(year, 12, 31))
        per_member, absent_share = TARGETS[year]
        on_register = [m for m in self.members if m.on_register_on(last)]
        if not on_register:
            return
        organisers = self.organisers()
        plan = []  # (date, kind, title, organisation)
        for month, items in ASSISTANCE.items():
            for index, ((kind, title), day) in enumerate(zip(items, ASSISTANCE_DAYS, strict=True)):
                date = D(year, month, day)
                if date > last:
                    continue
                festive = index == 0 and month in (1, 10)
                organisation = self.top if festive else organisers[(month * 3 + index) % len(organisers)]
                plan.append((date, kind, title, organisation))
        # Who takes part in nothing this year: 流动党员 first, then others, about one in ten.
        absent_count = round(absent_share * len(on_register))
        floating = [m for m in on_register if m.category == MemberCategory.FLOATING]
        others = [m for m in on_register if m.category != MemberCategory.FLOATING]
        self.rng.shuffle(floating)
        self.rng.shuffle(others)
        absent = set(m.pk for m in (floating + others)[:absent_count])
        present = [m for m in on_register if m.pk not in absent]
        # Each present member's number of 帮困/助残/敬老 activities, summing to the target.
        total = round(per_member * len(on_register))
        eligible = {m.pk: [i for i, item in enumerate(plan) if m.on_register_on(item[0])] for m in present}
        quota = {m.pk: min(self.rng.randint(3, 10), len(eligible[m.pk])) for m in present}
        for _ in range(10_000):
            gap = total - sum(quota.values())
            if gap == 0:
                break
            member = self.rng.choice(present)
            if gap > 0 and quota[member.pk] < min(12, len(eligible[member.pk])):
                quota[member.pk] += 1
            elif gap < 0 and quota[member.pk] > 1:
                quota[member.pk] -= 1
        participants: dict[int, list[PartyMember]] = defaultdict(list)
        for member in present:
            branch = self.branch_level(member)

            def weight(i, branch=branch):
                organisation = plan[i][3]
                return 4.0 if organisation.pk == branch else 2.0 if organisation == self.top else 1.0

            ranked = sorted(eligible[member.pk], key=lambda i: -(self.rng.random() ** (1 / weight(i))))
            for i in ranked[: quota[member.pk]]:
                participants[i].append(member)
        reporting = lambda day: [c for c in self.checkins if c.is_reporting_on(day)]  # noqa: E731
        for i, (date, kind, title, organisation) in enumerate(plan):
            joined = participants.get(i, [])
            if not joined:
                continue
            guests = [c for c in reporting(date) if self.rng.random() < 0.1]
            self.activity(date, kind, title, organisation, joined, guests, place=self.place_of(organisation))
        # Study days (主题党日) and the other activities of the year, for those present that day.
        study_days = [D(year, month, 3) for month in range(1, 13) if D(year, month, 3) <= last]
        for date, topic in zip(study_days, STUDY_TOPICS, strict=False):
            self.share_activity(date, ActivityKind.STUDY, f"主题党日:{topic}", present, 0.8, "社区党员活动室")
        for month, day, kind, title, place, share in OTHERS:
            date = D(year, month, day)
            if date <= last:
                self.share_activity(date, kind, title, present, share, place)

    def place_of(self, organisation: PartyOrganisation) -> str:
        return f"{organisation.group.name}小组" if organisation.group_id else "各居民小组"

    def share_activity(self, date, kind, title, present, share, place) -> None:
        there = [m for m in present if m.on_register_on(date)]
        joined = [m for m in there if self.rng.random() < share]
        if not joined and there:
            joined = [self.rng.choice(there)]
        guests = [c for c in self.checkins if c.is_reporting_on(date) and self.rng.random() < 0.4]
        if kind == ActivityKind.STUDY:
            guests = []  # a branch's study day is for its own members
        self.activity(date, kind, title, self.top, joined, guests, place=place)

    def activity(self, date, kind, title, organisation, participants, guests, *, place="") -> PartyActivity:
        beneficiaries = self.rng.randint(4, 18) if kind in (P, E, DI) else 0
        return party_activity_save(
            actor=self.actor,
            activity=PartyActivity(
                community=self.community, organisation=organisation, date=date, kind=kind, title=title, place=place,
                beneficiaries=beneficiaries, description=_description(kind, title),
            ),
            participants=participants,
            checkin_participants=guests,
        )  # fmt: skip


def _description(kind: str, title: str) -> str:
    if kind in (P, E, DI):
        return f"{title}:党员分组入户,了解生活困难,帮助解决实际问题,登记需要跟进的事项。"
    if kind == ActivityKind.STUDY:
        return "支部书记领学,党员交流学习体会,结合本组实际谈做法。"
    return title


def _seed_community(actor: User, community: Community) -> None:
    if PartyOrganisation.objects.filter(community=community).exists():
        return
    people = list(
        Person.objects.filter(
            community=community,
            status=PersonStatus.ACTIVE,
            political_status__in=(PoliticalStatus.PARTY_MEMBER, PoliticalStatus.PROBATIONARY),
        ).order_by("group__order", "household_id", "birth_date", "pk")
    )
    if not people:
        return
    seeder = _Seeder(actor=actor, community=community, rng=random.Random(f"party-{community.code}"), people=people)
    seeder.build_tree()
    seeder.record_members(seeder.choose_transfers_in())
    transferred_out = seeder.transfer_out()
    seeder.secretaries()
    seeder.confirm_probationers()
    seeder.record_checkins(transferred_out)
    for member in seeder.members:
        member.organisation = seeder.organisations.get(member.organisation.name, member.organisation)
    for year in YEARS:
        seeder.seed_year(year)


def seed(demo: dict) -> None:
    actor = demo["admin"]
    for code in ("qingkou", "duomu"):
        if code in demo:
            _seed_community(actor, demo[code])
