"""Demo meetings (会议) and fine ledger (罚款台账) for ``seed_demo``: 箐口 in 2026, smaller for 朵亩.

Seed 000: 「居民代表大会每年4次、居民代表出席率100%;社区协调会次5次」「党支部每季度召开党员议事会1次」
「居委会每年定期向居民代表大会报告工作2次、接受群众评议和监督2次」. 箐口's 2026:

* 居民代表大会 four times (01-16, 04-17, 07-17, 10-16), every expected attendee present (出席率 100%): the 居民代表
  in office (the staff area's ``ResidentRepresentative``) and the 两委 members; the January and July ones carry
  the committee's 工作报告 (is_work_report), the April and October ones the 群众评议 (is_public_review);
* 社区协调会 five times, with the 两委 heads and the resident units (驻社区单位) by name;
* 党员议事会 once per quarter, with the party committee members and the party members on the register (the
  party area's ``PartyMember``, at most 20);
* 两委会 monthly, January to November closed, December's in preparation (筹备). In August one 委员 was 请假 for a
  特殊情况 (exempt). In **November** (11-03), of the 两委 members in the order the staff area registered them
  (书记, 副书记, 副主任 ``zhibao``, 副主任, 组织委员, 宣传委员, 妇女主任): the 副书记 请假 for a 特殊情况
  recognised by the 书记 (M1 exempt), the second 副主任 请假 (M1 20元), the 宣传委员 迟到 (M2 10元), the 妇女主任
  缺席 (M3 100元);
* 小组干部会议 on 11-16: of the 小组干部 in order, the first 迟到 (M5 10元) and the third 请假 (M4 20元);
* decisions on some meetings, with their follow-up.

Every held meeting is closed by ``gongzuo`` (the 社区工作者), which derives its fines; the 特殊情况 are recognised by
``shuji``. Then ``fines_sync`` runs for every month of 2026, so the ledger also holds the staff area's 无故不上班
days and the duty absences that ``services`` recorded before the staff existed. 朵亩: a 居民代表大会 in June, a
closed 两委会 in November, December's in preparation.

Idempotent: a community that already has meetings is left alone (the monthly syncs change nothing the second time).
"""

from __future__ import annotations

import datetime

from committee.models.meetings import AttendanceMark, AttendeeCapacity, Meeting, MeetingKind, Resolution
from committee.models.staff import Body, CommitteePost, FineRank, Post, Staff
from committee.services.fines import fines_sync
from committee.services.meetings import (
    Mark,
    attendance_record,
    attendees_add,
    meeting_close,
    meeting_save,
    resolution_follow_up,
    resolution_save,
)
from governance.models import Community, ResidentUnit, User

D = datetime.date
YEAR = 2026
VENUE = "社区党群服务中心会议室"

ASSEMBLIES = [
    (D(2026, 1, 16), "2026年第一次居民代表大会", True, False,
     "一、居委会2025年工作报告\n二、审议2026年社区工作计划和为民办实事项目\n三、居务财务公开情况通报",
     "听取并审议居委会2025年工作报告;审议通过2026年社区工作计划和十项为民办实事项目。"),
    (D(2026, 4, 17), "2026年第二次居民代表大会", False, True,
     "一、居民代表对居委会班子成员进行民主评议\n二、通报一季度居务财务公开情况",
     "居民代表对居委会班子和成员逐项评议打分;一季度财务收支情况无异议。"),
    (D(2026, 7, 17), "2026年第三次居民代表大会", True, False,
     "一、居委会上半年工作报告\n二、讨论寨子组、岔河组道路硬化项目",
     "听取居委会上半年工作报告;同意寨子组、岔河组道路硬化项目实施方案。"),
    (D(2026, 10, 16), "2026年第四次居民代表大会", False, True,
     "一、接受群众评议和监督\n二、讨论年底慰问困难群众名单",
     "居民代表对居委会工作进行评议,满意率较高;讨论通过年底慰问困难群众名单。"),
]  # fmt: skip
COORDINATIONS = [
    (D(2026, 2, 24), "春耕生产和农资供应协调"),
    (D(2026, 5, 19), "老年人免费体检协调"),
    (D(2026, 8, 25), "雨季地质灾害防范协调"),
    (D(2026, 9, 22), "驻社区单位资源向居民开放协调"),
    (D(2026, 11, 10), "冬季防火和安全生产协调"),
]
PARTY_COUNCILS = [
    (D(2026, 3, 26), 1, "学习全国两会精神;讨论党员设岗定责。"),
    (D(2026, 6, 25), 2, "纪念建党105周年;表彰优秀党员;讨论发展党员计划。"),
    (D(2026, 9, 24), 3, "党员参与帮困、助残、敬老活动情况交流;讨论党务公开。"),
    (D(2026, 11, 19), 4, "年度党员民主评议准备;讨论冬季送温暖活动。"),
]
TWO_COMMITTEES = [
    D(2026, 1, 6), D(2026, 2, 3), D(2026, 3, 3), D(2026, 4, 7), D(2026, 5, 5), D(2026, 6, 2),
    D(2026, 7, 7), D(2026, 8, 4), D(2026, 9, 1), D(2026, 10, 13), D(2026, 11, 3),
]  # fmt: skip
DECEMBER_TWO_COMMITTEES = D(2026, 12, 1)
GROUP_CADRES_MEETING = D(2026, 11, 16)
# 两委会 attendance that is not 出席: (date, index of the 两委 member in registration order, status, 特殊情况 reason)
TWO_COMMITTEES_MARKS = {
    D(2026, 8, 4): [(4, AttendanceMark.LEAVE, "赴省城陪护住院的父亲(特殊情况)")],
    D(2026, 11, 3): [
        (1, AttendanceMark.LEAVE, "参加区委党校中青年干部培训班(特殊情况)"),
        (3, AttendanceMark.LEAVE, ""),
        (5, AttendanceMark.LATE, ""),
        (6, AttendanceMark.ABSENT, ""),
    ],
}
GROUP_CADRES_MARKS = [(0, AttendanceMark.LATE), (2, AttendanceMark.LEAVE)]
PARTY_MEMBERS_AT_COUNCIL = 20


def _accounts(community: Community) -> dict[str, User]:
    return {user.username: user for user in User.objects.filter(community=community, is_active=True)}


def _committee(community: Community, day: datetime.date) -> list[Staff]:
    """The 两委 members serving on ``day``, in the order they were registered."""
    ids = CommitteePost.objects.filter(community=community).active_on(day).values("staff")
    return list(Staff.objects.filter(pk__in=ids).serving_on(day).order_by("pk"))


def _holder(community: Community, day: datetime.date, body: str, post: str) -> Staff | None:
    term = CommitteePost.objects.filter(community=community, body=body, post=post).active_on(day).first()
    return term.staff if term is not None else None


def _group_cadres(community: Community, day: datetime.date) -> list[Staff]:
    staff = Staff.objects.filter(community=community).serving_on(day).order_by("pk")
    return [member for member in staff if member.fine_rank_on(day) == FineRank.GROUP_CADRE]


def _representatives(community: Community, day: datetime.date) -> list:
    from committee.models.staff import RepresentativeKind, ResidentRepresentative

    terms = (
        ResidentRepresentative.objects.filter(community=community, kind=RepresentativeKind.REPRESENTATIVE)
        .active_on(day)
        .select_related("person")
        .order_by("group__order", "pk")
    )
    return [term.person for term in terms]


def _party_members(community: Community, day: datetime.date) -> list:
    try:
        from committee.models.party import PartyMember
    except ImportError:  # pragma: no cover - the party area is part of the app
        return []
    members = PartyMember.objects.filter(community=community).on_register(day).select_related("person")
    return [member.person for member in members.order_by("pk")[:PARTY_MEMBERS_AT_COUNCIL]]


class _Seeder:
    def __init__(self, community: Community, actor: User, head: User):
        self.community = community
        self.actor = actor  # records and closes meetings
        self.head = head  # recognises 特殊情况

    def meeting(self, kind, title, day, *, chair=None, agenda="", minutes="", **flags) -> Meeting:
        return meeting_save(
            actor=self.actor,
            meeting=Meeting(
                community=self.community, kind=kind, title=title, date=day, start_time=datetime.time(9),
                end_time=datetime.time(11, 30), venue=VENUE, convenor=chair, chair=chair, agenda=agenda,
                minutes=minutes, **flags,
            ),
        )  # fmt: skip

    def hold(self, meeting: Meeting, *, staff=(), persons=(), names=(), absent=(), close=True) -> Meeting:
        """Add the attendees, mark them 出席 except ``absent`` [(line index, status, 特殊情况 reason)], close."""
        attendees_add(actor=self.actor, meeting=meeting, staff=staff)
        attendees_add(actor=self.actor, meeting=meeting, persons=persons)
        attendees_add(actor=self.actor, meeting=meeting, names=names, capacity=AttendeeCapacity.GUEST)
        if not close:
            return meeting
        lines = list(meeting.attendance.order_by("pk"))
        exceptions = {index: (status, reason) for index, status, reason in absent if index < len(lines)}
        marks = [
            Mark(attendance=line, status=exceptions.get(index, (AttendanceMark.PRESENT, ""))[0])
            for index, line in enumerate(lines)
        ]
        attendance_record(actor=self.actor, meeting=meeting, marks=marks)
        special = [
            Mark(attendance=lines[index], status=status, exempt=True, exempt_reason=reason)
            for index, (status, reason) in exceptions.items()
            if reason
        ]
        if special:
            attendance_record(actor=self.head, meeting=meeting, marks=special)
        return meeting_close(meeting, self.actor)

    def decide(self, meeting: Meeting, text: str, responsible=None, due_on=None, done_on=None, follow_up=""):
        resolution = resolution_save(
            actor=self.actor,
            resolution=Resolution(meeting=meeting, text=text, responsible=responsible, due_on=due_on),
        )
        if done_on is not None or follow_up:
            resolution_follow_up(
                actor=self.actor,
                resolution=resolution,
                status="done" if done_on else "in_progress",
                done_on=done_on,
                follow_up=follow_up,
            )
        return resolution


def _seed_qingkou(community: Community, actor: User, head: User) -> None:
    seeder = _Seeder(community, actor, head)
    secretary = _holder(community, D(YEAR, 1, 1), Body.PARTY, Post.SECRETARY)
    units = [unit.name for unit in ResidentUnit.objects.filter(community=community).order_by("pk")[:4]]

    for day, title, report, review, agenda, minutes in ASSEMBLIES:
        # Decisions are taken before the close (a closed meeting's decisions are locked).
        meeting = seeder.meeting(
            MeetingKind.REPRESENTATIVE_ASSEMBLY, title, day, chair=secretary, agenda=agenda, minutes=minutes,
            is_work_report=report, is_public_review=review,
        )  # fmt: skip
        if day.month == 7:
            seeder.decide(
                meeting, "实施寨子组、岔河组道路硬化项目,11月底前完工并组织验收。",
                responsible=_holder(community, day, Body.RESIDENTS, Post.DIRECTOR), due_on=D(2026, 11, 30),
                follow_up="寨子组已完工,岔河组路基已平整。",
            )  # fmt: skip
        if day.month == 1:
            seeder.decide(meeting, "通过2026年社区工作计划和十项为民办实事项目。", done_on=day)
        seeder.hold(meeting, staff=_committee(community, day), persons=_representatives(community, day))

    for number, (day, topic) in enumerate(COORDINATIONS, start=1):
        meeting = seeder.meeting(
            MeetingKind.COORDINATION, f"2026年第{number}次社区协调会({topic})", day, chair=secretary,
            agenda=f"{topic}。", minutes=f"各驻社区单位通报情况,就{topic}达成一致意见,明确责任分工。",
        )  # fmt: skip
        if number == 2:
            seeder.decide(
                meeting, "协调箐口卫生所6月为65岁以上老人免费体检一次。", due_on=D(2026, 6, 30), done_on=D(2026, 6, 18)
            )
        heads = [member for member in _committee(community, day)][:3]
        seeder.hold(meeting, staff=heads, names=[f"{name}代表" for name in units])

    for day, quarter, minutes in PARTY_COUNCILS:
        meeting = seeder.meeting(
            MeetingKind.PARTY_COUNCIL, f"2026年第{'一二三四'[quarter - 1]}季度党员议事会", day, chair=secretary,
            agenda=minutes, minutes=f"党员议事会讨论:{minutes}",
        )  # fmt: skip
        party_committee = [
            member for member in _committee(community, day)
            if CommitteePost.objects.filter(staff=member, body=Body.PARTY).active_on(day).exists()
        ]  # fmt: skip
        seeder.hold(meeting, staff=party_committee, persons=_party_members(community, day))

    for day in TWO_COMMITTEES:
        meeting = seeder.meeting(
            MeetingKind.TWO_COMMITTEES, f"2026年{day.month}月两委会", day, chair=secretary,
            agenda="一、上月工作小结\n二、本月工作安排",
            minutes=f"总结{day.month - 1 or 12}月工作,安排{day.month}月重点工作。",
        )  # fmt: skip
        if day.month == 11:
            seeder.decide(
                meeting, "开展冬季防火安全大检查,重点检查独居老人家庭和小作坊。",
                responsible=_holder(community, day, Body.RESIDENTS, Post.DEPUTY_DIRECTOR), due_on=D(2026, 11, 30),
                follow_up="已检查寨子、岔河两个组。",
            )  # fmt: skip
        seeder.hold(meeting, staff=_committee(community, day), absent=TWO_COMMITTEES_MARKS.get(day, ()))

    december = seeder.meeting(
        MeetingKind.TWO_COMMITTEES, "2026年12月两委会", DECEMBER_TWO_COMMITTEES, chair=secretary,
        agenda="一、年终工作总结和考核\n二、年底慰问困难群众",
    )  # fmt: skip
    seeder.hold(december, staff=_committee(community, DECEMBER_TWO_COMMITTEES), close=False)

    cadres = _group_cadres(community, GROUP_CADRES_MEETING)
    if cadres:
        meeting = seeder.meeting(
            MeetingKind.GROUP_CADRES, "2026年11月小组干部会议", GROUP_CADRES_MEETING, chair=secretary,
            agenda="布置年底人口信息核对和冬季防火工作。", minutes="各小组汇报人口信息核对进度;布置冬季防火工作。",
        )  # fmt: skip
        seeder.hold(meeting, staff=cadres, absent=[(index, status, "") for index, status in GROUP_CADRES_MARKS])


def _seed_duomu(community: Community, actor: User, head: User) -> None:
    seeder = _Seeder(community, actor, head)
    secretary = _holder(community, D(YEAR, 6, 1), Body.PARTY, Post.SECRETARY)
    assembly = seeder.meeting(
        MeetingKind.REPRESENTATIVE_ASSEMBLY, "2026年居民代表大会", D(2026, 6, 12), chair=secretary,
        agenda="一、居委会工作报告\n二、讨论饮水管网改造", minutes="听取工作报告;同意饮水管网改造方案。",
        is_work_report=True,
    )  # fmt: skip
    day = assembly.date
    seeder.hold(assembly, staff=_committee(community, day), persons=_representatives(community, day))
    november = seeder.meeting(
        MeetingKind.TWO_COMMITTEES, "2026年11月两委会", D(2026, 11, 4), chair=secretary,
        agenda="安排冬季工作。", minutes="安排冬季防火和年底慰问工作。",
    )  # fmt: skip
    seeder.hold(november, staff=_committee(community, november.date))
    december = seeder.meeting(
        MeetingKind.TWO_COMMITTEES, "2026年12月两委会", D(2026, 12, 2), chair=secretary, agenda="年终总结。"
    )
    seeder.hold(december, staff=_committee(community, december.date), close=False)


def _actors(demo: dict, community: Community, worker_name: str) -> tuple[User, User]:
    accounts = _accounts(community)
    admin = demo["admin"]
    return accounts.get(worker_name, admin), accounts.get("shuji", admin)


def seed(demo: dict) -> None:
    qingkou = demo["qingkou"]
    if not Meeting.objects.filter(community=qingkou).exists() and Staff.objects.filter(community=qingkou).exists():
        worker, head = _actors(demo, qingkou, "gongzuo")
        _seed_qingkou(qingkou, worker, head)
    duomu = demo.get("duomu")
    if duomu is not None and not Meeting.objects.filter(community=duomu).exists():
        worker, _ = _actors(demo, duomu, "duomu")
        _seed_duomu(duomu, worker, demo["admin"])
    for community in filter(None, (qingkou, duomu)):
        for month in range(1, 13):
            fines_sync(community, D(YEAR, month, 1), actor=demo["admin"])
