"""Demo staff of the committees for ``seed_demo``: 箐口 (seed 000's community) and a smaller 朵亩.

箐口 has 41 staff serving on 2026-11-20 (the date seed 000's report is signed), 15 of them full-time:

* the 两委, seven people: 党总支 书记 ``shuji`` (also 居委会主任, the demo's 书记/主任 account), a 副书记, 委员
  ``zhibao`` (also 副主任: the 治保主任 account), a second 副主任, three 委员 (one on both committees);
* eight full-time 社区工作者: ``gongzuo``, the four 网格员 ``wangge`` … ``wangge4``, the 为民服务站站长 (a 大学生村官:
  「社区为民服务站站长由大学生村官担任」), an 代理员 and the 会计;
* part-time: ``shenji`` (财务监审小组组长), a 计生干事, the eight 居民小组长 (``Position.GROUP_LEADER``, the same
  residents the mediation demo seats as 「各居民小组组长」 when it ran first) and two 小组干部 per group;
* two who left: a 委员 not re-elected at the 2024 换届 and a 网格员 transferred at the end of 2025.

Seed 000 section 三 and what the demo gives (``committee.selectors.staff`` on 2026-11-20):

* 「社区专职工作者大专以上文化程度占社区工作人员总数的百分比29%」: 12 full-time staff of 大专 or above / 41 = 29.3%;
* 「社区工作者持证上岗9人」: 9 certified;
* 「社区专职工作者接受社会工作培训率93%」: 14 of the 15 full-time (the 代理员 joined in March 2026) = 93.3%;
* 「居委会成员及社区工作者办公自动化和信息管理培训率22%,…培训证书22%」: the 9 who took the April 2026
  办公自动化和信息管理 course, all certified, / 41 = 22.0%; nobody else trained in 2026, so 培训率 (any training)
  is 22% too;
* 「社区工作者每年参加各种培训时间20天」: those 9 trained 180 days in 2026, 20 days each on average;
* 「农村社区居民参选率100%」: the 第十届 居委会换届 of 2024-03-01, 1,105 registered voters, 1,105 cast. Confirming it
  (``election_confirm_elected``) ended the 第九届 posts and started the new ones; the 居民代表 (30) and 居民小组长 (8)
  elections of 2024-03-08 produced the representatives' terms (from the register's residents; none when the
  register is empty, as on the test world).

Working bodies: 治保会, 创建文明社区领导小组, 财务监审小组, 村务监督委员会, 社区议事园, 红白理事会 (the 人民调解委员会
is safety's). 考勤 of November 2026 records exceptions only (a day with no row is a plain working day): the 副主任
who is not ``zhibao`` 无故不上班 on 11-05, the 委员 who is 妇女主任 on 11-12, and a few 请假/出差 days.

For the other areas ``seed`` leaves in ``demo``:

* ``demo["committee_staff"]``: every staff record of both communities, keyed by the account's username where it
  has one (``shuji``, ``zhibao``, ``gongzuo``, ``wangge`` …, ``shenji``, ``duomu``), else by its name;
* ``demo["committee_absences"]``: the 无故不上班 days of November 2026, ``[(staff, date), …]`` in date order
  (箐口: the 副主任 on 2026-11-05 — 100元 as a leader — and the 委员 on 2026-11-12 — 50元).

Written through the services as ``demo["admin"]`` (the 考勤 by ``gongzuo`` when the account exists). Idempotent:
a community that already has staff is left alone. Names are generated (or those of the register's residents),
never the seeds' real people.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from faker import Faker

from committee.models.staff import (
    COLLEGE_OR_ABOVE,
    AttendanceStatus,
    Body,
    CommitteePost,
    Election,
    ElectionCandidate,
    ElectionKind,
    EmploymentKind,
    MemberRole,
    Position,
    Post,
    Staff,
    TrainingKind,
    TrainingRecord,
    WorkAttendance,
    WorkingBody,
    WorkingBodyKind,
    WorkingBodyMember,
)
from committee.services.staff import (
    attendance_save,
    candidate_save,
    committee_post_add,
    committee_post_end,
    election_confirm_elected,
    election_save,
    staff_leave,
    staff_save,
    training_record_save,
    working_body_member_save,
    working_body_save,
)
from governance.models import Community, ResidentGroup, User
from residents.choices import Education, PersonStatus, PoliticalStatus
from residents.models import Person

D = datetime.date
AS_OF = D(2026, 11, 20)
PREVIOUS_TERM = D(2019, 3, 8)  # 第九届 居委会
PARTY_PREVIOUS_TERM = D(2019, 1, 15)
PARTY_TERM = D(2024, 1, 18)  # 党总支换届
ELECTION_DAY = D(2024, 3, 1)  # 第十届 居委会换届
REPRESENTATIVES_DAY = D(2024, 3, 8)
COLLEGE = "college"  # a slot that needs 大专以上
SCHOOL = "school"  # a slot below 大专

PARTY, RESIDENTS = Body.PARTY, Body.RESIDENTS


@dataclass(frozen=True)
class Plan:
    """One staff member of the demo."""

    key: str  # plan key (the username for account holders)
    position: str
    full_time: bool
    employment: str
    education: str  # Education value used when no resident is linked
    joined_on: datetime.date
    certified: bool = False
    social_work: bool = False
    account: bool = False
    resident: str = ""  # "" no resident; "party" a party member; "any" anyone (of the right schooling)
    group: int | None = None  # index of the residents' group
    responsibilities: str = ""
    pay_grade: str = ""
    left_on: datetime.date | None = None


ED = Education
QINGKOU = [
    Plan("shuji", Position.COMMITTEE, True, EmploymentKind.ELECTED, ED.BACHELOR, D(2014, 3, 1), True, True,
         account=True, responsibilities="党总支书记、居委会主任,负责社区全盘工作。", pay_grade="书记/主任"),
    Plan("fushuji", Position.COMMITTEE, True, EmploymentKind.ELECTED, ED.COLLEGE, D(2016, 3, 1), True, True,
         resident="party", responsibilities="党总支副书记(专职),负责支部日常工作与党员学习。", pay_grade="班子成员"),
    Plan("zhibao", Position.COMMITTEE, True, EmploymentKind.ELECTED, ED.COLLEGE, D(2016, 3, 1), True, True,
         account=True, responsibilities="分管副主任,治保主任、调委会主任,分管社会治安和矛盾纠纷调解。",
         pay_grade="班子成员"),
    Plan("fuzhuren", Position.COMMITTEE, True, EmploymentKind.ELECTED, ED.SENIOR, D(2024, 3, 1), False, True,
         resident="any", responsibilities="副主任,分管农业产业结构调整、水利和建设项目。", pay_grade="班子成员"),
    Plan("weiyuan_zuzhi", Position.COMMITTEE, True, EmploymentKind.ELECTED, ED.COLLEGE, D(2019, 3, 8), False, True,
         resident="party", responsibilities="党总支组织委员、居委会委员,负责党员发展和民政工作。",
         pay_grade="班子成员"),
    Plan("weiyuan_xuanchuan", Position.COMMITTEE, True, EmploymentKind.ELECTED, ED.COLLEGE, D(2019, 1, 15), False,
         True, resident="party", responsibilities="党总支宣传委员,负责宣传和精神文明建设。", pay_grade="班子成员"),
    Plan("weiyuan_funv", Position.COMMITTEE, True, EmploymentKind.ELECTED, ED.COLLEGE, D(2021, 6, 1), False, True,
         resident="any", responsibilities="居委会委员、妇女主任,负责妇女儿童、计生和卫生工作。", pay_grade="班子成员"),
    Plan("gongzuo", Position.WORKER, True, EmploymentKind.CONTRACTED, ED.BACHELOR, D(2018, 7, 1), True, True,
         account=True, responsibilities="社区工作者,负责人口信息和台账管理。", pay_grade="社区工作者"),
    Plan("wangge", Position.WORKER, True, EmploymentKind.CONTRACTED, ED.COLLEGE, D(2019, 4, 1), True, True,
         account=True, responsibilities="网格员,负责寨子、大xx网格。", pay_grade="社区工作者"),
    Plan("wangge2", Position.WORKER, True, EmploymentKind.CONTRACTED, ED.COLLEGE, D(2020, 4, 1), True, True,
         account=True, responsibilities="网格员,负责桃树箐、岔河网格。", pay_grade="社区工作者"),
    Plan("wangge3", Position.WORKER, True, EmploymentKind.PUBLIC_WELFARE, ED.BACHELOR, D(2021, 9, 1), True, True,
         account=True, responsibilities="网格员,负责陡咀、老张箐网格。", pay_grade="社区工作者"),
    Plan("wangge4", Position.WORKER, True, EmploymentKind.CONTRACTED, ED.COLLEGE, D(2022, 3, 1), True, True,
         account=True, responsibilities="网格员,负责分水岭、椿箐网格。", pay_grade="社区工作者"),
    Plan("zhanzhang", Position.STATION_HEAD, True, EmploymentKind.GRADUATE, ED.BACHELOR, D(2023, 8, 1), True, True,
         responsibilities="为民服务站站长(大学生村官),负责服务站日常管理。", pay_grade="社区工作者"),
    Plan("dailiyuan", Position.AGENT, True, EmploymentKind.CONTRACTED, ED.SENIOR, D(2026, 3, 2), False, False,
         resident="any", responsibilities="代理员,全程负责为民服务代理项目的办理、转接。", pay_grade="社区工作者"),
    Plan("kuaiji", Position.ACCOUNTANT, True, EmploymentKind.CONTRACTED, ED.SENIOR, D(2017, 3, 1), False, True,
         resident="any", responsibilities="会计,负责居委会账务和财务公开资料。", pay_grade="社区工作者"),
    Plan("shenji", Position.OTHER, False, EmploymentKind.ELECTED, ED.SENIOR, D(2024, 3, 8), account=True,
         responsibilities="财务监审小组组长(兼职),审核居务财务公开。"),
    Plan("jisheng", Position.FAMILY_PLANNING, False, EmploymentKind.PUBLIC_WELFARE, ED.SENIOR, D(2020, 3, 1),
         resident="any", responsibilities="计生干事(兼职)。"),
    # Left before the report date.
    Plan("weiyuan_jiu", Position.COMMITTEE, False, EmploymentKind.ELECTED, ED.JUNIOR, D(2011, 3, 10), resident="any",
         responsibilities="第九届居委会委员,2024年换届未连任。", left_on=ELECTION_DAY),
    Plan("wangge_jiu", Position.WORKER, True, EmploymentKind.CONTRACTED, ED.COLLEGE, D(2020, 5, 6), True, True,
         responsibilities="网格员,2025年底调团结街道办事处工作。", left_on=D(2025, 12, 31)),
]  # fmt: skip
GROUP_SCHOOLING = (ED.JUNIOR, ED.SENIOR, ED.PRIMARY)

# (plan key, body, post, start) of the terms; the 第九届 居委会 posts are ended by confirming the 2024 换届.
PARTY_POSTS_BEFORE = [("shuji", Post.SECRETARY), ("fushuji", Post.DEPUTY_SECRETARY), ("weiyuan_xuanchuan", Post.MEMBER)]
PARTY_POSTS = [
    ("shuji", Post.SECRETARY), ("fushuji", Post.DEPUTY_SECRETARY), ("zhibao", Post.MEMBER),
    ("weiyuan_zuzhi", Post.MEMBER), ("weiyuan_xuanchuan", Post.MEMBER),
]  # fmt: skip
RESIDENTS_POSTS_BEFORE = [
    ("shuji", Post.DIRECTOR), ("zhibao", Post.DEPUTY_DIRECTOR), ("weiyuan_jiu", Post.MEMBER),
    ("weiyuan_zuzhi", Post.MEMBER),
]  # fmt: skip
# The 第十届 换届: (plan key or None for a candidate who is no staff, post sought, votes, elected)
COMMITTEE_CANDIDATES = [
    ("shuji", Post.DIRECTOR, 1046, True), (None, Post.DIRECTOR, 59, False),
    ("zhibao", Post.DEPUTY_DIRECTOR, 998, True), ("fuzhuren", Post.DEPUTY_DIRECTOR, 903, True),
    (None, Post.DEPUTY_DIRECTOR, 174, False),
    ("weiyuan_zuzhi", Post.MEMBER, 1011, True), ("weiyuan_funv", Post.MEMBER, 876, True),
    ("weiyuan_jiu", Post.MEMBER, 402, False), (None, Post.MEMBER, 321, False),
]  # fmt: skip
VOTERS = 1105

# The 2026 training (start, end, kind, topic, provider, certificate prefix); T1 certifies.
COURSES = {
    "T1": (D(2026, 4, 13), D(2026, 4, 17), TrainingKind.OFFICE_IT, "社区信息管理系统与办公软件应用培训",
           "西山区民政局", "XSBG2026"),
    "T2": (D(2026, 6, 8), D(2026, 6, 12), TrainingKind.BUSINESS_COMPUTER, "社区劳动保障业务和微机知识培训",
           "西山区人力资源和社会保障局", ""),
    "T3": (D(2026, 8, 17), D(2026, 8, 21), TrainingKind.SOCIAL_WORK, "社区社会工作实务培训", "昆明市民政局", ""),
    "T4": (D(2026, 9, 22), D(2026, 9, 24), TrainingKind.POLITICAL, "学习贯彻党的二十大精神专题培训",
           "中共团结街道工作委员会", ""),
    "T5": (D(2026, 10, 27), D(2026, 10, 28), TrainingKind.OTHER, "应急管理与安全生产培训", "团结街道办事处", ""),
    "X": (D(2026, 7, 6), D(2026, 7, 8), TrainingKind.OTHER, "网格化服务管理业务培训", "团结街道办事处", ""),
    "Y": (D(2026, 5, 25), D(2026, 5, 26), TrainingKind.OTHER, "为民服务代理员业务培训", "团结街道办事处", ""),
}  # fmt: skip
# Who attended what in 2026: 9 people, 180 days.
TRAINED_2026 = {
    "weiyuan_funv": ("T1", "T2", "T3", "T4", "T5"),
    "gongzuo": ("T1", "T2", "T3", "T4", "T5"),
    "wangge": ("T1", "T2", "T3", "T4", "T5"),
    "wangge2": ("T1", "T2", "T3", "T5"),
    "wangge3": ("T1", "T2", "T3", "T4", "T5", "X"),
    "wangge4": ("T1", "T2", "T3", "T4", "T5"),
    "zhanzhang": ("T1", "T2", "T3", "T4", "T5"),
    "dailiyuan": ("T1", "T2", "T4", "T5", "X", "Y"),  # no 社会工作 course: the one full-time member untrained
    "kuaiji": ("T1", "T2", "T3", "T4", "T5"),
}
# Earlier years, for the register's history.
EARLIER = [
    (D(2025, 5, 12), D(2025, 5, 16), TrainingKind.SOCIAL_WORK, "社区社会工作者岗前培训", "昆明市民政局",
     ("wangge3", "wangge4", "zhanzhang", "weiyuan_funv", "wangge_jiu")),
    (D(2024, 4, 9), D(2024, 4, 11), TrainingKind.POLITICAL, "新一届两委班子成员任职培训", "中共西山区委组织部",
     ("shuji", "fushuji", "zhibao", "fuzhuren", "weiyuan_zuzhi", "weiyuan_xuanchuan", "weiyuan_funv")),
]  # fmt: skip

# 考勤 of November 2026: (plan key, day, status, note)
ATTENDANCE = [
    ("fuzhuren", D(2026, 11, 5), AttendanceStatus.ABSENT, "未请假,电话联系不上。"),
    ("wangge2", D(2026, 11, 10), AttendanceStatus.LEAVE, "病假一天。"),
    ("weiyuan_funv", D(2026, 11, 12), AttendanceStatus.ABSENT, "未请假外出。"),
    ("zhanzhang", D(2026, 11, 18), AttendanceStatus.BUSINESS_TRIP, "赴区民政局参加为民服务站工作交流。"),
    ("gongzuo", D(2026, 11, 19), AttendanceStatus.LEAVE, "事假(家中有事)。"),
]

# Working bodies: (kind, name, established, duties, [(plan key | "rep:n" a representative | "name:…", role)])
BODIES = [
    (WorkingBodyKind.SECURITY, "箐口社区治安保卫委员会", D(2024, 3, 15), "组织群防群治,开展治安巡逻和安全防范宣传。",
     [("zhibao", MemberRole.LEADER), ("wangge", MemberRole.DEPUTY), ("wangge2", MemberRole.MEMBER),
      ("wangge3", MemberRole.MEMBER), ("rep:0", MemberRole.MEMBER), ("rep:1", MemberRole.MEMBER),
      ("police", MemberRole.MEMBER)]),
    (WorkingBodyKind.CAMPAIGN, "箐口社区创建文明社区领导小组", D(2024, 4, 2),
     "统筹“一社区一品牌一亮点”和文明村创建工作。",
     [("shuji", MemberRole.LEADER), ("fushuji", MemberRole.DEPUTY), ("weiyuan_zuzhi", MemberRole.MEMBER),
      ("weiyuan_xuanchuan", MemberRole.MEMBER), ("weiyuan_funv", MemberRole.MEMBER),
      ("gongzuo", MemberRole.MEMBER)]),
    (WorkingBodyKind.FINANCE_AUDIT, "箐口社区财务监审小组", D(2024, 3, 20),
     "以社区成员代表组成,对居务财务收支实行跟踪监督,审核财务公开。",
     [("shenji", MemberRole.LEADER), ("rep:2", MemberRole.MEMBER), ("rep:3", MemberRole.MEMBER),
      ("rep:4", MemberRole.MEMBER)]),
    (WorkingBodyKind.SUPERVISION, "箐口社区村务监督委员会", D(2024, 3, 20), "监督村务公开、民主决策和集体资产管理。",
     [("rep:5", MemberRole.LEADER), ("rep:6", MemberRole.MEMBER), ("rep:7", MemberRole.MEMBER)]),
    (WorkingBodyKind.DELIBERATION, "箐口社区议事园", D(2024, 5, 6), "居民代表议事协商,收集社情民意,讨论社区公共事务。",
     [("fushuji", MemberRole.LEADER), ("zhanzhang", MemberRole.MEMBER), ("rep:8", MemberRole.MEMBER),
      ("rep:9", MemberRole.MEMBER), ("rep:10", MemberRole.MEMBER), ("rep:11", MemberRole.MEMBER)]),
    (WorkingBodyKind.CEREMONY, "箐口社区红白理事会", D(2024, 5, 6), "倡导婚事新办、丧事简办,抵制大操大办。",
     [("fuzhuren", MemberRole.LEADER), ("leader:0", MemberRole.MEMBER), ("leader:3", MemberRole.MEMBER),
      ("elder", MemberRole.MEMBER)]),
]  # fmt: skip
REPRESENTATIVES = 30


#
# People
#


class _Residents:
    """Hands out residents of the register, each once: by group, schooling and party membership when asked."""

    def __init__(self, community: Community, used: set[int]):
        adults = Person.objects.filter(
            community=community,
            status=PersonStatus.ACTIVE,
            birth_date__lte=D(2004, 11, 20),
            birth_date__gte=D(1961, 11, 20),
        ).order_by("group__order", "household_id", "birth_date", "pk")
        self.people = list(adults)
        self.used = set(used)

    def take(self, *, group_id=None, schooling: str = "", party: bool = False, person: Person | None = None):
        if person is not None:
            if person.pk in self.used:
                return None
            self.used.add(person.pk)
            return person
        for strict in (True, False):
            for candidate in self.people:
                if candidate.pk in self.used or (group_id is not None and candidate.group_id != group_id):
                    continue
                college = candidate.education in COLLEGE_OR_ABOVE
                if schooling == COLLEGE and not college:
                    continue
                if schooling == SCHOOL and (college or not candidate.education):
                    continue
                if strict and party and candidate.political_status != PoliticalStatus.PARTY_MEMBER:
                    continue
                self.used.add(candidate.pk)
                return candidate
        return None


def _mediation_people(community: Community, background: str) -> list[Person]:
    """The residents the mediation demo seated with ``background`` (group leaders, representatives), if it ran."""
    try:
        from safety.models.mediation import CommitteeMember
    except ImportError:  # pragma: no cover - safety is installed
        return []
    members = CommitteeMember.objects.filter(community=community, background=background, person__isnull=False)
    return [member.person for member in members.select_related("person").order_by("group__order", "pk")]


class _Builder:
    def __init__(self, actor: User, community: Community, faker: Faker):
        self.actor = actor
        self.community = community
        self.faker = faker
        self.groups = list(ResidentGroup.objects.filter(community=community).order_by("order", "pk"))
        self.accounts = {user.username: user for user in User.objects.filter(community=community)}
        self.residents = _Residents(community, used=set())
        self.staff: dict[str, Staff] = {}

    def add(self, plan: Plan, *, person: Person | None = None) -> Staff:
        group = self.groups[plan.group % len(self.groups)] if plan.group is not None and self.groups else None
        user = self.accounts.get(plan.key) if plan.account else None
        if person is None and plan.resident:
            schooling = COLLEGE if plan.education in COLLEGE_OR_ABOVE else SCHOOL
            person = self.residents.take(
                group_id=group.pk if group else None, schooling=schooling, party=plan.resident == "party"
            )
        name = person.name if person else (user.display_name if user else self.faker.name())
        education = person.education if person and person.education else plan.education
        member = Staff(
            community=self.community,
            person=person,
            user=user,
            name=name,
            phone=(person.phone if person else (user.phone if user else "")) or self.faker.phone_number(),
            position=plan.position,
            group=group,
            full_time=plan.full_time,
            employment_kind=plan.employment,
            responsibilities=plan.responsibilities,
            education=education,
            certified=plan.certified,
            certificate_number=f"S{plan.joined_on.year + 1}5301120{len(self.staff):03d}" if plan.certified else "",
            certified_on=D(plan.joined_on.year + 1, 6, 30) if plan.certified else None,
            social_work_trained=plan.social_work,
            pay_grade=plan.pay_grade,
            joined_on=plan.joined_on,
        )
        member = staff_save(actor=self.actor, staff=member)
        self.staff[plan.key] = member
        return member

    def post(self, key: str, body: str, post: str, start: datetime.date) -> CommitteePost:
        return committee_post_add(
            actor=self.actor, post=CommitteePost(staff=self.staff[key], body=body, post=post, start_on=start)
        )


def _seed_qingkou_staff(builder: _Builder) -> None:
    for plan in QINGKOU:
        builder.add(plan)
    leaders = _mediation_people(builder.community, "group_leader")
    for index, group in enumerate(builder.groups):
        # The mediation demo's group leader, unless their schooling would change seed 000's 大专以上 count.
        leader = next(
            (p for p in leaders if p.group_id == group.pk and p.education and p.education not in COLLEGE_OR_ABOVE), None
        )
        schooling = GROUP_SCHOOLING[index % 3]
        plan = Plan(
            f"leader:{index}", Position.GROUP_LEADER, False, EmploymentKind.ELECTED, schooling, D(2024, 3, 8),
            resident="any", group=index, responsibilities=f"{group.name}居民小组组长。",
        )  # fmt: skip
        builder.add(plan, person=builder.residents.take(person=leader) if leader else None)
        for number in range(2):
            education = GROUP_SCHOOLING[(index + number + 1) % 3]
            duty = "负责治安调解" if number else "负责卫生和计生"
            cadre = Plan(
                f"cadre:{index}:{number}", Position.GROUP_CADRE, False, EmploymentKind.ELECTED, education,
                D(2024, 3, 8), resident="any", group=index, responsibilities=f"{group.name}小组干部,{duty}。",
            )  # fmt: skip
            builder.add(cadre)


def _seed_qingkou_posts(builder: _Builder) -> Election:
    actor = builder.actor
    for key, post in PARTY_POSTS_BEFORE:
        builder.post(key, PARTY, post, PARTY_PREVIOUS_TERM)
    for key, post in RESIDENTS_POSTS_BEFORE:
        builder.post(key, RESIDENTS, post, PREVIOUS_TERM)
    for term in CommitteePost.objects.filter(community=builder.community, body=PARTY, end_on__isnull=True):
        committee_post_end(actor=actor, post=term, end_on=PARTY_TERM, note="党总支换届")
    for key, post in PARTY_POSTS:
        builder.post(key, PARTY, post, PARTY_TERM)
    election = election_save(
        actor=actor,
        election=Election(
            community=builder.community,
            kind=ElectionKind.COMMITTEE,
            term_label="第十届",
            date=ELECTION_DAY,
            registered_voters=VOTERS,
            votes_cast=VOTERS,
            note="差额选举,设投票站8个(各居民小组1个),流动票箱2个;外出务工选民委托投票。",
        ),
    )
    for key, post, votes, elected in COMMITTEE_CANDIDATES:
        candidate = ElectionCandidate(election=election, post_sought=post, votes=votes, elected=elected)
        if key is None:
            candidate.name = builder.faker.name()
        else:
            candidate.staff = builder.staff[key]
        candidate_save(actor=actor, candidate=candidate)
    election_confirm_elected(actor=actor, election=election)
    for plan in QINGKOU:
        if plan.left_on is not None:
            staff_leave(actor=actor, staff=builder.staff[plan.key], left_on=plan.left_on)
    return election


def _seed_representatives(builder: _Builder, *, count: int, voters: int, cast: tuple[int, int]) -> list[Person]:
    """The 居民小组长 and 居民代表 elections of 2024-03-08 (when the register has residents); the representatives."""
    actor, groups = builder.actor, builder.groups
    leaders = [member.person for key, member in builder.staff.items() if key.startswith("leader:") and member.person_id]
    elections = []
    if leaders:
        election = election_save(
            actor=actor,
            election=Election(community=builder.community, kind=ElectionKind.GROUP_LEADERS, term_label="第十届",
                              date=REPRESENTATIVES_DAY, registered_voters=voters, votes_cast=cast[0],
                              note="各居民小组召开小组会议选举。"),
        )  # fmt: skip
        for index, person in enumerate(leaders):
            votes = cast[0] // max(len(groups), 1) - 7 * (index % 3)
            candidate_save(
                actor=actor,
                candidate=ElectionCandidate(election=election, person=person, group_id=person.group_id,
                                            votes=max(votes, 1), elected=True),
            )  # fmt: skip
        elections.append(election)
    chosen = _mediation_people(builder.community, "representative")
    representatives: list[Person] = []
    for person in chosen:
        if len(representatives) < count and builder.residents.take(person=person) is not None:
            representatives.append(person)
    for index in range(len(groups) * 6):
        if len(representatives) >= count:
            break
        person = builder.residents.take(group_id=groups[index % len(groups)].pk if groups else None)
        if person is not None:
            representatives.append(person)
    if representatives:
        election = election_save(
            actor=actor,
            election=Election(community=builder.community, kind=ElectionKind.REPRESENTATIVES, term_label="第十届",
                              date=REPRESENTATIVES_DAY, registered_voters=voters, votes_cast=cast[1],
                              note="按每10至15户推选1名居民代表,各小组分别投票。"),
        )  # fmt: skip
        for index, person in enumerate(representatives):
            candidate_save(
                actor=actor,
                candidate=ElectionCandidate(election=election, person=person, votes=96 - (index * 7) % 40,
                                            elected=True),
            )  # fmt: skip
        runner_up = builder.residents.take()
        if runner_up is not None:
            candidate_save(
                actor=actor, candidate=ElectionCandidate(election=election, person=runner_up, votes=31, elected=False)
            )
        elections.append(election)
    for election in elections:
        election_confirm_elected(actor=actor, election=election)
    return representatives


def _seed_training(builder: _Builder) -> None:
    actor = builder.actor
    serial = 0
    for key, courses in TRAINED_2026.items():
        for code in courses:
            start, end, kind, topic, provider, prefix = COURSES[code]
            serial += 1
            record = TrainingRecord(staff=builder.staff[key], kind=kind, topic=topic, provider=provider,
                                    start_on=start, end_on=end, certificate_obtained=bool(prefix),
                                    certificate_number=f"{prefix}{serial:03d}" if prefix else "")  # fmt: skip
            training_record_save(actor=actor, record=record)
    for start, end, kind, topic, provider, keys in EARLIER:
        for key in keys:
            record = TrainingRecord(
                staff=builder.staff[key], kind=kind, topic=topic, provider=provider, start_on=start, end_on=end
            )
            training_record_save(actor=actor, record=record)


def _seed_bodies(builder: _Builder, representatives: list[Person], plan=BODIES) -> None:
    actor = builder.actor
    for kind, name, established, duties, members in plan:
        body = working_body_save(
            actor=actor,
            body=WorkingBody(community=builder.community, kind=kind, name=name, established_on=established,
                             duties=duties),
        )  # fmt: skip
        for who, role in members:
            member = WorkingBodyMember(body=body, role=role, start_on=established)
            if who.startswith("rep:"):
                index = int(who[4:])
                if index >= len(representatives):
                    continue
                member.person = representatives[index]
            elif who == "police":
                member.name, member.note = builder.faker.name(), "团结派出所社区民警"
            elif who == "elder":
                member.name, member.note = builder.faker.name(), "退休教师,热心红白事简办"
            elif who in builder.staff:
                member.staff = builder.staff[who]
            else:
                continue
            working_body_member_save(actor=actor, member=member)


def _seed_attendance(builder: _Builder, plan=ATTENDANCE) -> None:
    recorder = builder.accounts.get("gongzuo") or builder.actor
    for key, day, status, note in plan:
        attendance_save(
            actor=recorder, attendance=WorkAttendance(staff=builder.staff[key], date=day, status=status, note=note)
        )


def seed_qingkou(actor: User, community: Community) -> None:
    faker = Faker("zh_CN")
    faker.seed_instance(f"committee-staff-{community.code}")
    builder = _Builder(actor, community, faker)
    _seed_qingkou_staff(builder)
    _seed_qingkou_posts(builder)
    representatives = _seed_representatives(builder, count=REPRESENTATIVES, voters=VOTERS, cast=(1092, 1087))
    _seed_training(builder)
    _seed_bodies(builder, representatives)
    _seed_attendance(builder)


DUOMU = [
    Plan("shuji", Position.COMMITTEE, True, EmploymentKind.ELECTED, ED.COLLEGE, D(2015, 3, 1), True, True,
         resident="party", responsibilities="党支部书记、居委会主任,负责社区全盘工作。", pay_grade="书记/主任"),
    Plan("fuzhuren", Position.COMMITTEE, True, EmploymentKind.ELECTED, ED.SENIOR, D(2019, 3, 6), False, True,
         resident="any", responsibilities="副主任,分管治保调解和农业生产。", pay_grade="班子成员"),
    Plan("weiyuan", Position.COMMITTEE, True, EmploymentKind.ELECTED, ED.SENIOR, D(2021, 3, 1), False, False,
         resident="any", responsibilities="委员、妇女主任。", pay_grade="班子成员"),
    Plan("duomu", Position.WORKER, True, EmploymentKind.CONTRACTED, ED.COLLEGE, D(2020, 9, 1), True, True,
         account=True, responsibilities="社区工作者,负责人口信息和为民服务。", pay_grade="社区工作者"),
]  # fmt: skip


def seed_duomu(actor: User, community: Community) -> None:
    faker = Faker("zh_CN")
    faker.seed_instance(f"committee-staff-{community.code}")
    builder = _Builder(actor, community, faker)
    for plan in DUOMU:
        builder.add(plan)
    for index, group in enumerate(builder.groups):
        builder.add(Plan(f"leader:{index}", Position.GROUP_LEADER, False, EmploymentKind.ELECTED, ED.JUNIOR,
                         D(2024, 3, 5), resident="any", group=index,
                         responsibilities=f"{group.name}居民小组组长。"))  # fmt: skip
    builder.post("shuji", PARTY, Post.SECRETARY, D(2024, 1, 20))
    builder.post("weiyuan", PARTY, Post.MEMBER, D(2024, 1, 20))
    election = election_save(
        actor=actor,
        election=Election(community=community, kind=ElectionKind.COMMITTEE, term_label="第十届", date=D(2024, 3, 5),
                          registered_voters=712, votes_cast=704, note="设投票站4个。"),
    )  # fmt: skip
    for key, post, votes in (("shuji", Post.DIRECTOR, 671), ("fuzhuren", Post.DEPUTY_DIRECTOR, 602),
                             ("weiyuan", Post.MEMBER, 588)):  # fmt: skip
        candidate_save(
            actor=actor,
            candidate=ElectionCandidate(election=election, staff=builder.staff[key], post_sought=post, votes=votes,
                                        elected=True),
        )  # fmt: skip
    election_confirm_elected(actor=actor, election=election)
    representatives = _seed_representatives(builder, count=8, voters=712, cast=(698, 690))
    for key in ("shuji", "duomu"):
        training_record_save(
            actor=actor,
            record=TrainingRecord(staff=builder.staff[key], kind=TrainingKind.OFFICE_IT,
                                  topic="社区信息管理系统与办公软件应用培训", provider="西山区民政局",
                                  start_on=D(2026, 4, 13), end_on=D(2026, 4, 17)),
        )  # fmt: skip
    bodies = [
        (WorkingBodyKind.SECURITY, "朵亩社区治安保卫委员会", D(2024, 4, 1), "组织群防群治和治安巡逻。",
         [("fuzhuren", MemberRole.LEADER), ("duomu", MemberRole.MEMBER), ("rep:0", MemberRole.MEMBER)]),
    ]  # fmt: skip
    _seed_bodies(builder, representatives, plan=bodies)
    _seed_attendance(builder, plan=[("weiyuan", D(2026, 11, 9), AttendanceStatus.LEAVE, "事假。")])


def _collect(demo: dict, communities: list[Community]) -> None:
    staff = Staff.objects.filter(community__in=communities).select_related("user").order_by("community_id", "pk")
    demo["committee_staff"] = {(member.user.username if member.user_id else member.name): member for member in staff}
    absences = (
        WorkAttendance.objects.filter(community__in=communities, date__year=2026, date__month=11)
        .unexcused()
        .select_related("staff")
        .order_by("date", "pk")
    )
    demo["committee_absences"] = [(row.staff, row.date) for row in absences]


def seed(demo: dict) -> None:
    actor = demo["admin"]
    communities = []
    qingkou = demo["qingkou"]
    communities.append(qingkou)
    if not Staff.objects.filter(community=qingkou).exists():
        seed_qingkou(actor, qingkou)
    duomu = demo.get("duomu")
    if duomu is not None:
        communities.append(duomu)
        if not Staff.objects.filter(community=duomu).exists():
            seed_duomu(actor, duomu)
    _collect(demo, communities)
