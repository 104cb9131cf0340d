"""Demo suggestions, disclosures and evaluations for ``seed_demo``: 箐口 (seed 000's community) and a smaller 朵亩.

Seed 000 section 三(一) and (七), and what the demo gives (``committee.selectors.participation`` for 2026):

* 「居民建议和意见落实率96%」「群众意见处理率98%」: 50 suggestions received in 2026 from the eight groups, the
  four 居民代表大会 (three each), the five 社区协调会 (two each), the 收集箱·议事箱, the hotline, the 登记本,
  visits, the grid workers' rounds and the June 测评会; 48 carried out, 1 answered as not adopted (a basketball
  court for every group, beyond the year's funds) and 1 still in hand (a landslide on the road to 分水岭, waiting
  for the street's money, received 2026-10-12: overdue on the report date) → 落实率 48/50 = 96%, 处理率 49/50 = 98%;
* 「居务财务每年定期公开4次」: four 居务财务 disclosures published in 2026 on the 公开栏 (the fourth quarter of
  2025 in January, then the first three quarters of 2026; the second at the July 居民代表大会), each with its
  items (office funds, spending, relief money of seed 000 section 四(三), the projects of section 二) and
  reviewed by the 财务监审小组 (the staff area's working body when it is there) — plus a 党务公开 of the first
  half, which the target does not count;
* 「居民对居委会成员和社区工作者满意率96%」「接受群众评议和监督2次」: two evaluations of the 两委班子, the
  half-year 述职报告会 on 2026-06-28 (52 居民代表: 40 满意, 8 基本满意, 2 不满意, 2 abstained) and the 民主测评会
  on 2026-11-18 (50: 41, 7, 2) → (81 + 15) / 100 = 96%; at the second the representatives also rated four
  cadres one by one (when the staff area has put them in the database).

Submitters are residents of the register of the suggestion's group when there are any (else generated names, or
anonymous for half the box's notes); handlers are staff of the committee (the group's grid worker or group
leader, the 书记 for policy, the 治保主任 for public order) or, failing them, the users who would be. Where the
meetings area has put the 2026 meetings in the database, a suggestion raised at a meeting, a disclosure made at
one and an evaluation held at one point to it and take its date.

Written through the services (recorded by ``gongzuo``, moved by ``shuji``, else ``admin``). Idempotent: a
community that already has suggestions (disclosures, evaluations) gets none added. 朵亩 gets eight suggestions
(seven carried out, one in hand), two disclosures and one evaluation.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from faker import Faker

from committee.models.meetings import Meeting, MeetingKind
from committee.models.participation import (
    Disclosure,
    DisclosureChannel,
    DisclosureItem,
    DisclosureItemCategory,
    DisclosureKind,
    Evaluatee,
    Evaluation,
    EvaluationKind,
    Suggestion,
    SuggestionCategory,
    SuggestionSource,
)
from committee.models.staff import Position, Staff, WorkingBody, WorkingBodyKind
from committee.services.participation import (
    disclosure_item_save,
    disclosure_save,
    evaluation_save,
    suggestion_assign,
    suggestion_decline,
    suggestion_implement,
    suggestion_receive,
)
from governance.models import Community, ResidentGroup, User
from residents.choices import PersonStatus
from residents.models import Person

D = datetime.date
AS_OF = D(2026, 11, 20)
YEAR = 2026

S, C = SuggestionSource, SuggestionCategory
ASSEMBLY_DATES = (D(2026, 1, 16), D(2026, 4, 17), D(2026, 7, 17), D(2026, 10, 16))
COORDINATION_DATES = (D(2026, 2, 27), D(2026, 5, 22), D(2026, 6, 26), D(2026, 8, 28), D(2026, 9, 25))
REPORT_MEETING = D(2026, 6, 28)
EVALUATION_MEETING = D(2026, 11, 18)

# (received, source, category, content, reply); {g} is the suggestion's group. "DECLINED" and "OPEN" mark the
# two that are not carried out.
QINGKOU = [
    (ASSEMBLY_DATES[0], S.ASSEMBLY, C.FACILITIES, "{g}组村间道路年久失修,雨季泥泞,建议纳入今年道路硬化项目。",
     "已纳入年度道路硬化计划,块石路面已铺设完成。"),
    (ASSEMBLY_DATES[0], S.ASSEMBLY, C.SANITATION, "{g}组垃圾收集房清运不及时,夏季有异味,建议增加清运次数。",
     "已与保洁员约定每周清运三次,并张贴清运时间。"),
    (ASSEMBLY_DATES[0], S.ASSEMBLY, C.POLICY, "建议公开今年低保评议结果和名单,接受群众监督。",
     "低保名单已在公开栏公示七天,群众无异议。"),
    (ASSEMBLY_DATES[1], S.ASSEMBLY, C.SERVICE, "建议为民服务站周六上午安排人员值班,方便外出务工人员回乡办事。",
     "已调整值班表,周六上午开设一个综合窗口。"),
    (ASSEMBLY_DATES[1], S.ASSEMBLY, C.FACILITIES, "{g}组村中老井周边无护栏,存在安全隐患,建议修建保护围栏。",
     "已修建老井保护围栏。"),
    (ASSEMBLY_DATES[1], S.ASSEMBLY, C.OTHER, "建议组织万寿菊种植技术培训,提高亩产。",
     "已请农技站专家在各组开展种植技术培训两场。"),
    (ASSEMBLY_DATES[2], S.ASSEMBLY, C.SECURITY, "{g}组夜间外来车辆增多,建议增加联防巡逻。",
     "联防队已增加{g}组夜间巡逻一次。"),
    (ASSEMBLY_DATES[2], S.ASSEMBLY, C.FACILITIES, "{g}组人饮管网老化漏水,建议尽快改造。", "管网改造已完工通水。"),
    (ASSEMBLY_DATES[2], S.ASSEMBLY, C.SERVICE, "建议为行动不便的高龄老人上门办理高龄补贴认证。",
     "已安排网格员上门为高龄老人办理认证。"),
    (ASSEMBLY_DATES[3], S.ASSEMBLY, C.SANITATION, "{g}组村口乱堆柴草,影响通行和防火,建议集中清理。",
     "已组织党员志愿者集中清理,并划定柴草堆放点。"),
    (ASSEMBLY_DATES[3], S.ASSEMBLY, C.POLICY, "建议在公开栏公开危房修缮补助标准和名单。",
     "已在第三季度居务财务公开中公开补助标准和名单。"),
    (ASSEMBLY_DATES[3], S.ASSEMBLY, C.FACILITIES, "{g}组文化室缺少桌椅和照明,建议添置。",
     "已添置桌椅二十套,更换照明灯具。"),
    (COORDINATION_DATES[0], S.COORDINATION, C.FACILITIES, "{g}组与邻组交界处排水沟堵塞,需协调两组共同疏通。",
     "两组各出工疏通排水沟,已恢复畅通。"),
    (COORDINATION_DATES[0], S.COORDINATION, C.SERVICE, "建议卫生所每月到{g}组巡诊一次,方便老人看病。",
     "卫生所已安排每月第二周到{g}组巡诊。"),
    (COORDINATION_DATES[1], S.COORDINATION, C.SECURITY, "建材公司运输车辆车速过快,建议在村口设置减速带和警示牌。",
     "企业出资设置减速带两处、警示牌三块。"),
    (COORDINATION_DATES[1], S.COORDINATION, C.OTHER, "建议驻社区企业优先招用本社区富余劳动力。",
     "建材公司、农产品加工厂已招用本社区居民十二人。"),
    (COORDINATION_DATES[2], S.COORDINATION, C.SANITATION, "农产品加工厂污水直排沟渠,建议整改。",
     "企业已建沉淀池,经环保所检查合格。"),
    (COORDINATION_DATES[2], S.COORDINATION, C.FACILITIES, "小学门前道路无人行道,学生上下学不安全,建议协调修建。",
     "已协调修建人行步道并施划斑马线。"),
    (COORDINATION_DATES[3], S.COORDINATION, C.SERVICE, "建议小学放学后开放操场供村民健身。",
     "学校已在每天17时至19时向居民开放操场。"),
    (COORDINATION_DATES[3], S.COORDINATION, C.POLICY, "建议协调合作社与种植户签订万寿菊保底收购合同。",
     "合作社已与一百二十户种植户签订保底收购合同。"),
    (COORDINATION_DATES[4], S.COORDINATION, C.FACILITIES, "{g}组路灯损坏多盏,建议协调供电所维修。",
     "供电所已更换路灯八盏。"),
    (COORDINATION_DATES[4], S.COORDINATION, C.SECURITY, "建议企业、学校与社区联合开展消防演练。",
     "已组织社区、企业、学校联合消防演练一次。"),
    (D(2026, 1, 5), S.BOX, C.OTHER, "建议春节期间组织文艺演出,丰富群众生活。", "已组织春节文艺联欢会一场。"),
    (D(2026, 1, 30), S.BOX, C.SANITATION, "{g}组公厕无人打扫,卫生差。", "已落实专人每天打扫公厕。"),
    (D(2026, 3, 2), S.BOX, C.SECURITY, "{g}组有人深夜聚众喝酒喧哗,影响邻居休息。",
     "网格员会同社区民警上门劝导,情况已改善。"),
    (D(2026, 3, 31), S.BOX, C.FACILITIES, "{g}组健身器材损坏,建议维修。", "已更换损坏的健身器材两件。"),
    (D(2026, 4, 30), S.BOX, C.SERVICE, "希望社区帮助联系残疾人辅具适配。", "已协调区残联为两名残疾人适配轮椅。"),
    (D(2026, 5, 29), S.BOX, C.POLICY, "建议公开集体资产出租收入情况。", "已在居务财务公开中公开资产出租收入。"),
    (D(2026, 6, 30), S.BOX, C.SANITATION, "{g}组有人在河边倾倒垃圾。", "已设置警示牌,并纳入网格日常巡查。"),
    (D(2026, 7, 31), S.BOX, C.FACILITIES, "{g}组饮水池盖板破损,建议更换。", "已更换饮水池盖板。"),
    (D(2026, 8, 31), S.BOX, C.SERVICE, "建议在为民服务站设置老年人休息座椅和老花镜。",
     "已在服务站大厅配置座椅、老花镜和饮水机。"),
    (D(2026, 9, 30), S.BOX, C.SECURITY, "{g}组后山有人野外用火,建议加强防火巡查。",
     "已增设防火宣传牌,并安排护林员加强巡查。"),
    (D(2026, 2, 10), S.HOTLINE, C.FACILITIES, "{g}组自来水停水两天,询问何时恢复。", "已通知水管员抢修,当日恢复供水。"),
    (D(2026, 3, 18), S.HOTLINE, C.SERVICE, "咨询外出务工人员如何办理医保转移接续。", "已电话告知办理流程,并为其代办。"),
    (D(2026, 5, 12), S.HOTLINE, C.FACILITIES, "建议社区出资为每个居民小组修建一个标准篮球场。", "DECLINED"),
    (D(2026, 6, 15), S.HOTLINE, C.SANITATION, "{g}组有死禽随意丢弃,担心引发疫病。",
     "已联系兽医站无害化处理,并开展消毒。"),
    (D(2026, 9, 8), S.HOTLINE, C.SECURITY, "{g}组发现陌生人上门推销保健品,担心老人受骗。",
     "已会同民警劝离,并上门提醒老人防范诈骗。"),
    (D(2026, 1, 22), S.BOOK, C.SERVICE, "反映{g}组一位独居老人生活困难,希望社区关心。",
     "已纳入关爱台账,网格员每周走访。"),
    (D(2026, 3, 10), S.BOOK, C.OTHER, "建议组织厨师培训,发展农家乐。", "已举办厨师培训班一期,三十人参加。"),
    (D(2026, 4, 8), S.BOOK, C.FACILITIES, "{g}组水窖渗漏,灌溉用水不足。", "已组织维修水窖三个。"),
    (D(2026, 8, 12), S.BOOK, C.POLICY, "询问危房修缮补助的申请条件。", "已入户讲解政策,并协助两户提交申请。"),
    (D(2026, 5, 6), S.VISIT, C.FACILITIES, "{g}组小桥护栏断裂,行人有坠落危险。", "已修复小桥护栏。"),
    (D(2026, 6, 4), S.VISIT, C.SERVICE, "要求帮助办理残疾证换证。", "已代办残疾证换证。"),
    (D(2026, 7, 23), S.VISIT, C.SANITATION, "邻居养猪粪水外流,影响环境卫生。", "已协调养殖户修建化粪池。"),
    (D(2026, 11, 3), S.VISIT, C.POLICY, "咨询土地流转后补贴如何发放。", "已解释政策,并协调合作社按合同发放。"),
    (D(2026, 9, 15), S.GRID_VISIT, C.SERVICE, "{g}组留守儿童放学后无人看护,建议开展课后托管。",
     "已在文化室开设周末课堂,志愿者辅导作业。"),
    (D(2026, 10, 12), S.GRID_VISIT, C.FACILITIES, "老张箐至分水岭道路塌方,影响车辆通行,需尽快修复。", "OPEN"),
    (D(2026, 10, 28), S.GRID_VISIT, C.SANITATION, "{g}组房前屋后杂物堆放,建议开展环境整治。",
     "已组织环境卫生大扫除并开展评比。"),
    (D(2026, 11, 10), S.GRID_VISIT, C.SECURITY, "{g}组部分农户电线老化,存在火灾隐患。",
     "已联系电工入户检查,更换老化电线。"),
    (REPORT_MEETING, S.EVALUATION, C.SERVICE, "测评会上居民代表建议干部多下组走访,及时回应群众诉求。",
     "已建立干部包组走访制度,每月下组不少于四次。"),
]  # fmt: skip

DECLINE_REASON = "超出社区办公经费和年度工作计划安排;已列入明年向街道申报的项目建议,先在小学操场错时开放解决健身场地。"
OPEN_NOTE = "已上报街道申请抢修资金,先设置警示标志,组织群众临时清理通行。"

DUOMU = [
    (D(2026, 2, 3), S.BOX, C.SANITATION, "{g}组垃圾桶不够用。", "已增设垃圾桶六个。"),
    (D(2026, 3, 20), S.ASSEMBLY, C.FACILITIES, "{g}组路灯不亮。", "已维修路灯三盏。"),
    (D(2026, 4, 15), S.HOTLINE, C.SERVICE, "咨询养老保险缴费档次。", "已电话答复。"),
    (D(2026, 5, 28), S.VISIT, C.POLICY, "询问蔬菜种植补贴。", "已告知补贴标准和申请方式。"),
    (D(2026, 7, 9), S.BOOK, C.SECURITY, "{g}组需要加强夜间巡逻。", "已安排联防队员巡逻。"),
    (D(2026, 8, 19), S.GRID_VISIT, C.FACILITIES, "{g}组水管破裂。", "已修复。"),
    (D(2026, 9, 24), S.COORDINATION, C.OTHER, "建议基地优先雇用本社区劳动力。", "基地已招用本社区居民八人。"),
    (D(2026, 11, 2), S.BOX, C.FACILITIES, "{g}组文化室屋顶漏雨。", "OPEN"),
]  # fmt: skip

# Days from receipt to the handler's assignment and from there to the thing being done.
ASSIGN_AFTER = (1, 2, 1, 3, 1, 2)
DONE_AFTER = (6, 12, 20, 9, 15, 25, 4, 18, 8, 11)


def _actors(community: Community, admin: User) -> tuple[User, User]:
    users = {user.username: user for user in User.objects.filter(community=community, is_active=True)}
    recorder = users.get("gongzuo") or users.get("duomu") or admin
    return recorder, users.get("shuji") or admin


def _meetings(community: Community, kind: str) -> list[Meeting]:
    return list(
        Meeting.objects.filter(community=community, kind=kind, date__year=YEAR, date__lte=AS_OF).order_by("date", "pk")
    )


def _meeting_on(meetings: list[Meeting], planned: datetime.date) -> Meeting | None:
    """The meeting of the planned month, if the meetings area held one."""
    return next((m for m in meetings if (m.date.year, m.date.month) == (planned.year, planned.month)), None)


class _People:
    """Submitters and handlers of one community, chosen the same way on every run."""

    def __init__(self, community: Community, faker: Faker):
        self.community = community
        self.faker = faker
        self.residents: dict[int, list[Person]] = {}
        self.staff = list(Staff.objects.filter(community=community).serving_on(AS_OF).select_related("user", "group"))
        self.users = list(User.objects.filter(community=community, is_active=True).prefetch_related("resident_groups"))

    def resident(self, group: ResidentGroup, index: int) -> Person | None:
        if group.pk not in self.residents:
            self.residents[group.pk] = list(
                Person.objects.filter(community=self.community, group=group, status=PersonStatus.ACTIVE)
                .exclude(birth_date__gt=D(2006, 1, 1))
                .order_by("pk")[:40]
            )
        people = self.residents[group.pk]
        return people[(index * 7) % len(people)] if people else None

    def _staff(self, username: str) -> Staff | None:
        return next((s for s in self.staff if s.user_id and s.user.username == username), None)

    def _user(self, username: str) -> User | None:
        return next((u for u in self.users if u.username == username), None)

    def handler(self, group: ResidentGroup, category: str) -> Staff | User | None:
        """The 书记 for policy, the 治保主任 for public order, else the group's grid worker or leader."""
        lead = {C.POLICY: "shuji", C.SECURITY: "zhibao"}.get(category)
        if lead is not None and (found := self._staff(lead) or self._user(lead)):
            return found
        for member in self.staff:
            if member.user_id and group in member.user.resident_groups.all():
                return member
        for member in self.staff:
            if member.position == Position.GROUP_LEADER and member.group_id == group.pk:
                return member
        for username in ("gongzuo", "duomu"):
            if found := self._staff(username):
                return found
        for user in self.users:
            if group in user.resident_groups.all():
                return user
        return self._user("gongzuo") or self._user("duomu") or self._user("shuji") or (self.users or [None])[0]


def _seed_suggestions(community: Community, admin: User, plan: list, *, faker: Faker) -> None:
    groups = list(ResidentGroup.objects.filter(community=community).order_by("order", "pk"))
    if not groups:
        return
    recorder, head = _actors(community, admin)
    people = _People(community, faker)
    meetings = {
        S.ASSEMBLY: _meetings(community, MeetingKind.REPRESENTATIVE_ASSEMBLY),
        S.COORDINATION: _meetings(community, MeetingKind.COORDINATION),
        S.EVALUATION: _meetings(community, MeetingKind.DUTY_REPORT)
        + _meetings(community, MeetingKind.DEMOCRATIC_EVALUATION),
    }
    for index, (planned, source, category, content, outcome) in enumerate(plan):
        group = groups[index % len(groups)]
        meeting = _meeting_on(meetings.get(source, []), planned)
        received_on = meeting.date if meeting is not None else planned
        resident = people.resident(group, index)
        anonymous = source == S.BOX and index % 2 == 0
        suggestion = Suggestion(
            community=community,
            group=group,
            received_on=received_on,
            source=source,
            category=category,
            content=content.format(g=group.name),
            meeting=meeting,
            anonymous=anonymous,
            submitter_person=None if anonymous else resident,
            submitter_name="" if anonymous or resident else faker.name(),
            submitter_phone=faker.phone_number() if source == S.HOTLINE else "",
        )
        suggestion = suggestion_receive(actor=recorder, suggestion=suggestion)
        if outcome == "DECLINED":
            suggestion_decline(
                actor=head,
                suggestion=suggestion,
                answered_on=received_on + datetime.timedelta(days=7),
                reason=DECLINE_REASON,
                reply="已电话答复提出人,说明原因和明年申报安排。",
            )
            continue
        handler = people.handler(group, category)
        if handler is None:
            continue
        assigned_on = min(received_on + datetime.timedelta(days=ASSIGN_AFTER[index % len(ASSIGN_AFTER)]), AS_OF)
        who = {"handler": handler} if isinstance(handler, Staff) else {"handler_user": handler}
        suggestion = suggestion_assign(
            actor=head,
            suggestion=suggestion,
            assigned_on=assigned_on,
            note=OPEN_NOTE if outcome == "OPEN" else "",
            **who,
        )
        if outcome == "OPEN":
            continue
        done_on = min(assigned_on + datetime.timedelta(days=DONE_AFTER[index % len(DONE_AFTER)]), AS_OF)
        suggestion_implement(
            actor=head, suggestion=suggestion, implemented_on=done_on, reply=outcome.format(g=group.name)
        )


#
# Disclosures
#


def _items(*rows) -> list[tuple[str, str, str, Decimal | None]]:
    return [(category, title, content, Decimal(amount) if amount is not None else None)
            for category, title, content, amount in rows]  # fmt: skip


I = DisclosureItemCategory  # noqa: E741 - a short alias for the tables below
QINGKOU_DISCLOSURES = [
    # (period year, quarter, published, channel, meeting kind, title, content, items)
    (2025, 4, D(2026, 1, 9), DisclosureChannel.BOARD, None, "2025年第四季度居务财务公开",
     "公开2025年第四季度财务收支、惠民资金发放和2026年工作安排。",
     _items(
         (I.INCOME_EXPENSE, "收入:街道拨付办公经费(10—12月)", "每月5000元。", "15000.00"),
         (I.INCOME_EXPENSE, "支出:办公用品、水电及通讯费", "", "5120.00"),
         (I.INCOME_EXPENSE, "支出:为民服务站值班补贴", "", "6000.00"),
         (I.POLICY_FUNDS, "抗旱救灾贫困户资金发放", "十月份发放,名单已公示。", "50000.00"),
         (I.POLICY_FUNDS, "残疾人、低保、五保中秋慰问资金", "残疾人3750元、低保3800元、五保1000元。", "8550.00"),
         (I.ASSETS, "集体资产情况", "两委一站办公用房500㎡,电脑2台、彩电2台、传真复印打印机1台。", None),
         (I.ANNUAL_PLAN, "2026年工作安排", "完成岔河、陡咀道路硬化和危房修缮,推进一小组一亮点。", None),
     )),
    (2026, 1, D(2026, 4, 8), DisclosureChannel.BOARD, None, "2026年第一季度居务财务公开",
     "公开2026年第一季度财务收支、春节慰问和为民办实事项目。",
     _items(
         (I.INCOME_EXPENSE, "收入:街道拨付办公经费(1—3月)", "每月5000元。", "15000.00"),
         (I.INCOME_EXPENSE, "支出:办公用品、水电及通讯费", "", "4260.00"),
         (I.INCOME_EXPENSE, "支出:春节文艺联欢会", "", "2800.00"),
         (I.POLICY_FUNDS, "春节慰问困难群众", "慰问低保户、五保户、困难党员共60户。", "12000.00"),
         (I.DEMOCRATIC_MANAGEMENT, "民主管理方案", "居民代表大会每季度召开一次,重大事项一事一议。", None),
         (I.MAJOR_MATTERS, "万寿菊种植推广", "大xx、岔河、陡咀等组种植405.5亩,合作社保底收购。", None),
     )),
    (2026, 2, D(2026, 7, 17), DisclosureChannel.ASSEMBLY, MeetingKind.REPRESENTATIVE_ASSEMBLY,
     "2026年第二季度居务财务公开", "在第三次居民代表大会上公开,同时张贴于公开栏。",
     _items(
         (I.INCOME_EXPENSE, "收入:街道拨付办公经费(4—6月)", "每月5000元。", "15000.00"),
         (I.INCOME_EXPENSE, "支出:办公用品、水电及通讯费", "", "4580.00"),
         (I.INCOME_EXPENSE, "支出:老井保护围栏", "", "10000.00"),
         (I.MAJOR_MATTERS, "岔河组危房修缮加固", "15户,投资7.5万元。", "75000.00"),
         (I.MAJOR_MATTERS, "岔河组公厕建设", "40平方米,投资6万元。", "60000.00"),
         (I.FAMILY_PLANNING, "计划生育奖励扶助对象", "名单已公示,无异议。", None),
     )),
    (2026, 3, D(2026, 10, 9), DisclosureChannel.BOARD, None, "2026年第三季度居务财务公开",
     "公开2026年第三季度财务收支、中秋慰问和建设项目进度。",
     _items(
         (I.INCOME_EXPENSE, "收入:街道拨付办公经费(7—9月)", "每月5000元。", "15000.00"),
         (I.INCOME_EXPENSE, "支出:办公用品、水电及通讯费", "", "4710.00"),
         (I.POLICY_FUNDS, "残疾人中秋慰问资金", "", "3750.00"),
         (I.POLICY_FUNDS, "低保中秋慰问金", "", "3800.00"),
         (I.POLICY_FUNDS, "五保中秋慰问金", "", "1000.00"),
         (I.POLICY_FUNDS, "危房修缮补助标准和名单", "按居民代表大会建议公开。", None),
         (I.MAJOR_MATTERS, "陡咀组村间道路硬化", "4100平方米,投资28.7万元,已完工待验收。", "287000.00"),
     )),
]  # fmt: skip

PARTY_DISCLOSURE = (
    "2026年上半年党务公开",
    "2026年上半年",
    D(2026, 7, 1),
    _items(
        (I.PARTY_AFFAIRS, "党费收缴情况", "党员73人,应缴、实缴党费已全部收齐。", None),
        (I.PARTY_AFFAIRS, "党员议事会", "每季度召开一次,一、二季度各一次。", None),
        (I.PARTY_AFFAIRS, "党员帮困助残敬老活动", "上半年开展三次。", None),
    ),
)

DUOMU_DISCLOSURES = [
    (2026, 1, D(2026, 4, 10), DisclosureChannel.BOARD, None, "2026年第一季度居务财务公开", "",
     _items((I.INCOME_EXPENSE, "收入:街道拨付办公经费(1—3月)", "", "15000.00"),
            (I.INCOME_EXPENSE, "支出:办公及水电费", "", "3900.00"))),
    (2026, 2, D(2026, 7, 10), DisclosureChannel.BOARD, None, "2026年第二季度居务财务公开", "",
     _items((I.INCOME_EXPENSE, "收入:街道拨付办公经费(4—6月)", "", "15000.00"),
            (I.MAJOR_MATTERS, "蔬菜基地道路维修", "", "32000.00"))),
]  # fmt: skip


def _reviewer(community: Community) -> tuple[WorkingBody | None, str]:
    """The 财务监审小组 of the staff area when it is there, and its leader; else the words."""
    body = WorkingBody.objects.filter(community=community, kind=WorkingBodyKind.FINANCE_AUDIT).first()
    leader = Staff.objects.filter(community=community, user__username="shenji").first()
    if body is not None:
        return body, f"组长 {leader.name}" if leader is not None else ""
    return None, f"财务监审小组(组长 {leader.name})" if leader is not None else "财务监审小组"


def _seed_disclosures(community: Community, admin: User, plan: list, *, party: tuple | None) -> None:
    recorder, _ = _actors(community, admin)
    review_body, reviewer = _reviewer(community)
    for year, quarter, published_on, channel, meeting_kind, title, content, items in plan:
        meeting = _meeting_on(_meetings(community, meeting_kind), published_on) if meeting_kind else None
        if meeting is not None:
            published_on = meeting.date
        disclosure = disclosure_save(
            actor=recorder,
            disclosure=Disclosure(
                community=community,
                kind=DisclosureKind.AFFAIRS_FINANCE,
                title=title,
                year=year,
                quarter=quarter,
                published_on=published_on,
                channel=channel,
                meeting=meeting,
                content=content,
                review_body=review_body,
                reviewed_by=reviewer,
                reviewed_on=published_on - datetime.timedelta(days=2),
            ),
        )
        _add_items(recorder, disclosure, items)
    if party is not None:
        title, period, published_on, items = party
        disclosure = disclosure_save(
            actor=recorder,
            disclosure=Disclosure(
                community=community,
                kind=DisclosureKind.PARTY,
                title=title,
                year=published_on.year,
                period_text=period,
                published_on=published_on,
                channel=DisclosureChannel.BOARD,
                content="公开党组织建设、党费收缴和党员活动情况。",
            ),
        )
        _add_items(recorder, disclosure, items)


def _add_items(actor: User, disclosure: Disclosure, items) -> None:
    for order, (category, title, content, amount) in enumerate(items, start=1):
        disclosure_item_save(
            actor=actor,
            item=DisclosureItem(
                disclosure=disclosure, category=category, title=title, content=content, amount=amount, order=order
            ),
        )


#
# Evaluations
#

QINGKOU_EVALUATIONS = [
    # (date, kind, meeting kind, participants, 满意, 基本满意, 不满意, comments)
    (REPORT_MEETING, EvaluationKind.REPORT, MeetingKind.DUTY_REPORT, 52, 40, 8, 2,
     "代表们肯定了上半年道路硬化、危房修缮工作,建议干部多下组走访。"),
    (EVALUATION_MEETING, EvaluationKind.DEMOCRATIC, MeetingKind.DEMOCRATIC_EVALUATION, 50, 41, 7, 2,
     "全年为民办实事落实较好;希望尽快修复老张箐至分水岭道路。"),
]  # fmt: skip
# The cadres rated one by one at the 民主测评会 (staff keyed by their account), with their votes.
QINGKOU_CADRES = [("shuji", 44, 5, 1), ("zhibao", 40, 8, 2), ("gongzuo", 42, 7, 1), ("wangge", 38, 10, 2)]

DUOMU_EVALUATIONS = [
    (D(2026, 11, 10), EvaluationKind.DEMOCRATIC, MeetingKind.DEMOCRATIC_EVALUATION, 30, 25, 4, 1,
     "希望加快蔬菜基地道路建设。"),
]  # fmt: skip


def _seed_evaluations(community: Community, admin: User, plan: list, cadres: list) -> None:
    recorder, _ = _actors(community, admin)
    source = "无记名民主测评表"
    for date, kind, meeting_kind, participants, satisfied, basic, unsatisfied, comments in plan:
        meeting = _meeting_on(_meetings(community, meeting_kind), date)
        date = meeting.date if meeting is not None else date
        evaluation_save(
            actor=recorder,
            evaluation=Evaluation(
                community=community,
                date=date,
                kind=kind,
                meeting=meeting,
                evaluatee=Evaluatee.COMMITTEE,
                evaluators="居民代表",
                participants=participants,
                satisfied=satisfied,
                basic=basic,
                unsatisfied=unsatisfied,
                source=source,
                comments=comments,
            ),
        )
        if kind != EvaluationKind.DEMOCRATIC:
            continue
        for username, cadre_satisfied, cadre_basic, cadre_unsatisfied in cadres:
            staff = Staff.objects.filter(community=community, user__username=username).first()
            if staff is None:
                continue
            evaluation_save(
                actor=recorder,
                evaluation=Evaluation(
                    community=community,
                    date=date,
                    kind=kind,
                    meeting=meeting,
                    evaluatee=Evaluatee.STAFF,
                    staff=staff,
                    evaluators="居民代表",
                    participants=participants,
                    satisfied=cadre_satisfied,
                    basic=cadre_basic,
                    unsatisfied=cadre_unsatisfied,
                    source=source,
                ),
            )


def seed(demo: dict) -> None:
    admin = demo["admin"]
    faker = Faker("zh_CN")
    for key, suggestions, disclosures, party, evaluations, cadres in (
        ("qingkou", QINGKOU, QINGKOU_DISCLOSURES, PARTY_DISCLOSURE, QINGKOU_EVALUATIONS, QINGKOU_CADRES),
        ("duomu", DUOMU, DUOMU_DISCLOSURES, None, DUOMU_EVALUATIONS, []),
    ):
        community = demo.get(key)
        if community is None:
            continue
        faker.seed_instance(f"committee-participation-{community.code}")
        if not Suggestion.objects.filter(community=community).exists():
            _seed_suggestions(community, admin, suggestions, faker=faker)
        if not Disclosure.objects.filter(community=community).exists():
            _seed_disclosures(community, admin, disclosures, party=party)
        if not Evaluation.objects.filter(community=community).exists():
            _seed_evaluations(community, admin, evaluations, cadres)
