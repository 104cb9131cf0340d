"""Demo service windows, items and cases (办件) for ``seed_demo``.

Seed 000: 「在为民服务中心设置党群服务窗口、工青妇综合服务窗口、社会事务综合服务窗口、信访及民事调解综合服务窗口、
畜牧兽医服务窗口、农林水综合服务窗口等6个服务窗口,涵盖14个服务内容」,「群众满意率达100%」. 箐口 gets those six
windows and fourteen items; the seed does not list the items, so they are drawn from what the seeds call
services (domain.md §2.3.1 candidates, §8 decision 1: 残疾证、计生证办理、新农合报账, 低保, 高龄补贴, 信访,
调解, livestock epidemic prevention, agricultural guidance, water works …). Some sixty cases received over
2026 (up to the demo's as-of date, 2026-11-20) run through the status machine: most closed on time and rated
满意 or 基本满意 (so the satisfaction rate is the seed's 100%), a few closed late, two returned, a few
still open — some of them overdue. 朵亩 gets three windows and a handful of cases.

Windows and items are written as ``demo["admin"]``; each case is received and handled by its agent (the
community's 社区工作者 or 书记), as on a real day, so the step log names real staff. Applicants are residents,
households and units of the demo register (generated names). Idempotent: a community that already has
windows (or cases) is skipped.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from faker import Faker

from governance.models import Community, ResidentUnit, User
from households.models import Household
from residents.choices import PersonStatus
from residents.models import Person
from services.models.windows import (
    CaseChannel,
    CaseMode,
    CaseStatus,
    Satisfaction,
    ServiceCase,
    ServiceItem,
    ServiceWindow,
)
from services.services.windows import case_close, case_open, case_return, case_step_add, item_save, window_save

TZ = ZoneInfo("Asia/Shanghai")
AS_OF = datetime.date(2026, 11, 20)
SUPERVISING_PHONE = "0871-68152345"  # 团结街道 监督电话 (synthetic)
FALLBACK_STAFF = ("gongzuo", "duomu", "shuji")
RECENT_DAYS = [datetime.date(2026, 11, day) for day in (9, 12, 16, 18)]


@dataclass(frozen=True)
class ItemPlan:
    name: str
    days: int
    on_the_spot: bool = False
    conditions: str = ""
    documents: str = ""
    steps: str = ""
    standard: str = ""
    transfer_to: str = ""  # where a 转办 case goes
    applicant: str = "person"  # person / elderly / household / unit / name
    weight: int = 3


@dataclass(frozen=True)
class WindowPlan:
    name: str
    location: str
    description: str
    staff: tuple[str, ...]
    items: tuple[ItemPlan, ...]


STEPS_PROXY = "窗口受理,审核材料\n代理员入户核实情况\n报送上级主管部门审批\n领取结果并送达申请人"

QINGKOU_WINDOWS = (
    WindowPlan("党群服务窗口", "为民服务站一楼1号窗口", "党员组织关系转接、党员教育管理、党费收缴咨询、群团联系。",
               ("shuji",), (
        ItemPlan("党员组织关系转接", 5, documents="党员组织关系介绍信\n本人身份证", transfer_to="团结街道党工委",
                 steps="窗口受理,核对介绍信\n报街道党工委审核\n办理接转手续并告知本人", weight=2),
        ItemPlan("党员证明开具", 0, on_the_spot=True, documents="本人身份证",
                 steps="窗口受理\n核对党员信息\n当场出具证明", weight=2),
    )),
    WindowPlan("工青妇综合服务窗口", "为民服务站一楼2号窗口",
               "工会、共青团、妇联事务:困难职工帮扶、妇女儿童权益维护、青年就业创业。", ("gongzuo",), (
        ItemPlan("妇女儿童权益维护", 10, documents="本人身份证\n相关情况说明或证明材料", transfer_to="区妇联",
                 steps="窗口受理,听取诉求\n妇联主席入户了解情况\n协调有关方面或转区妇联\n回访当事人", weight=2),
        ItemPlan("困难职工帮扶申请", 15, conditions="家庭人均收入低于当地最低生活保障标准1.5倍的在职或下岗职工。",
                 documents="户口簿\n身份证\n收入证明\n困难情况说明", transfer_to="区总工会", weight=2),
    )),
    WindowPlan("社会事务综合服务窗口", "为民服务站一楼3号窗口", "低保、五保、残疾、养老、优抚、计生、医保等社会事务。",
               ("gongzuo", "wangge"), (
        ItemPlan("城乡低保申请", 30, conditions="家庭人均收入低于当地城乡最低生活保障标准的本社区户籍居民。",
                 documents="户口簿\n家庭成员身份证\n家庭收入证明\n低保申请书",
                 steps="窗口受理申请\n入户调查家庭经济状况\n居民代表民主评议并公示\n报街道民政办审核、区民政局审批",
                 standard="应保尽保,公开公平公正;评议结果在社区公开栏公示7天。", transfer_to="街道民政办",
                 applicant="household", weight=4),
        ItemPlan("残疾证办理", 20, documents="户口簿\n身份证\n近期免冠照片2张\n医院诊断证明", steps=STEPS_PROXY,
                 transfer_to="区残联", weight=4),
        ItemPlan("高龄补贴申领", 15, conditions="年满80周岁的本社区户籍老人,每月50元。",
                 documents="户口簿\n身份证\n银行卡(折)复印件", transfer_to="街道民政办", applicant="elderly", weight=4),
        ItemPlan("新农合报账", 10, documents="合作医疗证\n住院发票及费用清单\n出院小结\n身份证",
                 steps="窗口受理,审核票据\n代理员统一报送区合管办\n报账资金打卡后通知本人", transfer_to="区合管办",
                 weight=5),
        ItemPlan("计生证明开具", 0, on_the_spot=True, documents="户口簿\n夫妻双方身份证\n结婚证",
                 steps="窗口受理\n核对计生信息\n当场出具证明", weight=5),
    )),
    WindowPlan("信访及民事调解综合服务窗口", "为民服务站二楼信访接待室", "来信来访接待登记、民事纠纷调解申请受理。",
               ("shuji", "zhibao"), (
        ItemPlan("来信来访登记", 15, documents="来访人身份证(匿名来信除外)",
                 steps="接待登记,了解诉求\n交办责任人调查处理\n书面或当面答复来访人\n回访",
                 standard="15日内告知是否受理,受理之日起60日内办结。", transfer_to="团结街道信访办", weight=2),
        ItemPlan("民事纠纷调解申请", 15, documents="申请人身份证\n纠纷情况说明", transfer_to="社区人民调解委员会",
                 weight=2),
    )),
    WindowPlan("畜牧兽医服务窗口", "为民服务站一楼4号窗口", "畜禽防疫、免疫登记、动物检疫申报。",
               ("wangge3",), (
        ItemPlan("畜禽免疫与检疫申报", 3, documents="畜禽养殖户登记信息\n免疫证明(检疫申报时)",
                 steps="窗口登记\n通知兽医上门免疫或检疫\n发放免疫、检疫证明", transfer_to="街道畜牧兽医站", weight=3),
    )),
    WindowPlan("农林水综合服务窗口", "为民服务站一楼5号窗口", "农业技术指导、林业、水利设施和人畜饮水管理。",
               ("wangge4",), (
        ItemPlan("农业技术咨询", 0, on_the_spot=True, steps="窗口受理\n农技人员当场解答或约定上门指导",
                 weight=3),
        ItemPlan("水利设施报修", 7, documents="报修情况说明(位置、损坏情况)",
                 steps="窗口登记\n组织人员现场查看\n维修并验收\n告知报修人", applicant="unit", weight=3),
    )),
)  # fmt: skip

DUOMU_WINDOWS = (
    WindowPlan("党群服务窗口", "社区服务中心1号窗口", "党员服务与群团事务。", ("duomu",), (
        ItemPlan("党员证明开具", 0, on_the_spot=True, documents="本人身份证"),
    )),
    WindowPlan("社会事务综合服务窗口", "社区服务中心2号窗口", "低保、残疾、养老、医保。", ("duomu",), (
        ItemPlan("城乡低保申请", 30, documents="户口簿\n身份证\n家庭收入证明", transfer_to="街道民政办",
                 applicant="household"),
        ItemPlan("残疾证办理", 20, documents="户口簿\n身份证\n照片2张", transfer_to="区残联"),
        ItemPlan("新农合报账", 10, documents="合作医疗证\n住院发票", transfer_to="区合管办"),
    )),
    WindowPlan("农林水综合服务窗口", "社区服务中心3号窗口", "农技、林业、水利。", ("duomu",), (
        ItemPlan("农业技术咨询", 0, on_the_spot=True),
    )),
)  # fmt: skip


def seed_windows(actor: User, community: Community, plans) -> list[ServiceItem]:
    staff = {user.username: user for user in User.objects.filter(community=community)}
    items = []
    for order, plan in enumerate(plans, start=1):
        window = window_save(
            actor=actor,
            window=ServiceWindow(
                community=community,
                name=plan.name,
                order=order,
                location=plan.location,
                phone=community.hotline,
                opening_hours="周一至周五 8:30-12:00,14:30-18:00;节假日值班",
                description=plan.description,
            ),
            # The window's staff, or the community's 社区工作者 where those accounts do not exist.
            staff=[staff[name] for name in plan.staff if name in staff]
            or [staff[name] for name in FALLBACK_STAFF if name in staff][:1],
        )
        for item_order, item in enumerate(plan.items, start=1):
            items.append(
                item_save(
                    actor=actor,
                    item=ServiceItem(
                        window=window,
                        name=item.name,
                        order=item_order,
                        conditions=item.conditions,
                        process_steps=item.steps or (STEPS_PROXY if item.days else "窗口受理\n当场办结"),
                        required_documents=item.documents,
                        standard=item.standard
                        or (
                            "材料齐全的当场办结。" if item.on_the_spot else f"受理之日起{item.days}日内办结,全程代办。"
                        ),
                        time_limit_days=item.days,
                        on_the_spot=item.on_the_spot,
                        fee=Decimal("0"),
                        supervising_phone=SUPERVISING_PHONE,
                    ),
                )
            )
    return items


class _Applicants:
    """Hands out applicants of the register in a fixed, shuffled order."""

    def __init__(self, community: Community, rng: random.Random):
        adult = datetime.date(2008, 1, 1)
        people = list(
            Person.objects.filter(community=community, status=PersonStatus.ACTIVE, birth_date__lte=adult)
            .select_related("group")
            .order_by("pk")
        )
        rng.shuffle(people)
        self.elderly = [person for person in people if person.birth_date <= datetime.date(1946, 11, 20)]
        self.adults = people
        self.households = list(Household.objects.filter(community=community).order_by("pk"))
        rng.shuffle(self.households)
        self.units = list(ResidentUnit.objects.filter(community=community).order_by("pk"))
        self.rng = rng
        self.faker = Faker("zh_CN")
        self.faker.seed_instance(rng.random())
        self.counters: dict[str, int] = {}

    def _next(self, kind: str, pool: list):
        if not pool:
            return None
        index = self.counters.get(kind, 0)
        self.counters[kind] = index + 1
        return pool[index % len(pool)]

    def fields(self, kind: str) -> dict:
        if kind == "elderly" and self.elderly:
            return {"applicant_person": self._next("elderly", self.elderly)}
        if kind == "household" and self.households:
            return {"applicant_household": self._next("household", self.households)}
        if kind == "unit" and self.units and self.rng.random() < 0.5:
            return {"applicant_unit": self._next("unit", self.units)}
        person = self._next("adult", self.adults)
        if person is None or self.rng.random() < 0.08:
            # Someone not on the register (a relative from elsewhere, a tenant not yet registered).
            return {"applicant_name": self.faker.name(), "applicant_phone": self.faker.phone_number()}
        return {"applicant_person": person}


def _moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TZ)


def _working_day(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


SUMMARIES = {
    "党员组织关系转接": "外出务工党员返乡,申请将组织关系转入社区党支部。",
    "党员证明开具": "办理入学政审,需开具党员身份证明。",
    "妇女儿童权益维护": "反映家庭矛盾中妇女权益受侵害,请求妇联协助。",
    "困难职工帮扶申请": "企业下岗职工家庭困难,申请困难职工帮扶。",
    "城乡低保申请": "家庭主要劳动力患病,收入骤减,申请纳入低保。",
    "残疾证办理": "因病致残,申请办理残疾证。",
    "高龄补贴申领": "老人年满八十周岁,申领高龄补贴。",
    "新农合报账": "县医院住院治疗出院,代办新农合报账。",
    "计生证明开具": "办理生育服务登记,需开具计生证明。",
    "来信来访登记": "反映组内道路硬化后排水不畅,雨天积水。",
    "民事纠纷调解申请": "与邻居因宅基地滴水问题发生纠纷,申请调解。",
    "畜禽免疫与检疫申报": "生猪出栏前申报产地检疫。",
    "农业技术咨询": "咨询烤烟育苗期病虫害防治技术。",
    "水利设施报修": "组内人畜饮水管道破裂漏水,申请维修。",
}


def seed_cases(community: Community, items: list[ServiceItem], plans, *, count: int, seed: str) -> None:
    rng = random.Random(seed)
    staff = {user.username: user for user in User.objects.filter(community=community)}
    agents = [user for name, user in staff.items() if name in ("gongzuo", "shuji", "duomu")]
    if not agents or not items:
        return
    plan_of = {item.name: plan for window in plans for plan in window.items for item in items if item.name == plan.name}
    applicants = _Applicants(community, rng)
    weights = [plan_of[item.name].weight for item in items]
    now = timezone.now()
    start = datetime.date(2026, 1, 5)
    span = (AS_OF - start).days
    days = sorted(start + datetime.timedelta(days=rng.randrange(span)) for _ in range(count - len(RECENT_DAYS)))
    days += [day for day in RECENT_DAYS if day > days[-1]]  # the last ones, still being handled on the as-of date
    returned = 0
    proxies = 0
    for day in days:
        day = _working_day(day)
        received_at = _moment(day, rng.choice([9, 9, 10, 10, 11, 14, 15, 16]), rng.choice([0, 10, 20, 30, 40, 50]))
        if received_at > now:
            continue  # the demo never writes the future of the machine's clock
        item = rng.choices(items, weights=weights)[0]
        plan = plan_of[item.name]
        agent = agents[0] if rng.random() < 0.7 or len(agents) == 1 else agents[1]
        mode = (
            CaseMode.ON_THE_SPOT if item.on_the_spot else (CaseMode.TRANSFER if rng.random() < 0.3 else CaseMode.PROXY)
        )
        satisfaction = Satisfaction.SATISFIED if rng.random() < 0.85 else Satisfaction.BASIC
        case = case_open(
            actor=agent,
            case=ServiceCase(
                community=community,
                item=item,
                summary=SUMMARIES.get(item.name, "群众申请办理。"),
                channel=rng.choices(list(CaseChannel.values), weights=[12, 3, 3, 1, 2])[0],
                mode=mode,
                received_at=received_at,
                agent=agent,
                fee_waived=rng.random() < 0.1,
                **applicants.fields(plan.applicant),
            ),
            satisfaction=satisfaction if mode == CaseMode.ON_THE_SPOT else "",
        )
        if case.status == CaseStatus.CLOSED:
            continue
        age = (AS_OF - day).days
        limit = item.time_limit_days
        proxies += 1
        # What became of it: the last ones received are still open; a few are stuck past their limit
        # (overdue), a few closed late, two returned, the rest closed on time.
        if age < limit:
            outcome = "open"
        elif proxies % 11 == 6:
            outcome = "open"  # overdue
        elif returned < 2 and proxies % 13 == 7:
            outcome = "returned"
            returned += 1
        elif proxies % 9 == 4:
            outcome = "late"
        else:
            outcome = "on_time"
        finish_day = day + datetime.timedelta(
            days=limit + rng.randint(1, 6) if outcome == "late" else rng.randint(1, max(1, limit - 1))
        )
        finish_day = min(finish_day, AS_OF)
        steps = [(day + datetime.timedelta(days=1), "代理员入户核实", "情况属实,材料齐全。", None)]
        if mode == CaseMode.TRANSFER and plan.transfer_to:
            steps.append((day + datetime.timedelta(days=2), f"报送{plan.transfer_to}", "代理员送达材料并跟踪办理进度。",
                           (CaseStatus.TRANSFERRED, plan.transfer_to)))  # fmt: skip
        elif limit >= 10 and rng.random() < 0.25:
            steps.append((day + datetime.timedelta(days=1), "材料初审", "缺少近期免冠照片,已电话告知申请人补交。",
                          (CaseStatus.AWAITING, "")))  # fmt: skip
            steps.append(
                (day + datetime.timedelta(days=3), "材料补齐", "申请人已补交材料。", (CaseStatus.PROCESSING, ""))
            )
        if outcome == "open":
            steps = steps[:1] if age < limit else steps
        for step_day, action, note, move in steps:
            moment = _moment(step_day, 10)
            if moment > now or (outcome != "open" and step_day > finish_day):
                break
            to_status, transferred_to = move or (None, "")
            case_step_add(actor=agent, case=case, action=action, note=note, to_status=to_status,
                          transferred_to=transferred_to, at=moment)  # fmt: skip
        finish = _moment(finish_day, 16, 30)
        if outcome == "open" or finish > now:
            continue
        if outcome == "returned":
            case_return(actor=agent, case=case, reason="经核实不符合办理条件,已向申请人说明政策。", returned_at=finish)
        else:
            case_close(actor=agent, case=case, closed_at=finish, satisfaction=satisfaction, note="结果已送达申请人。")


def _seed_community(actor: User, community: Community, plans, *, count: int) -> None:
    items = list(ServiceItem.objects.filter(community=community).select_related("window"))
    if not ServiceWindow.objects.filter(community=community).exists():
        items = seed_windows(actor, community, plans)
    if not ServiceCase.objects.filter(community=community).exists():
        seed_cases(community, items, plans, count=count, seed=f"windows-{community.code}")


def seed(demo: dict) -> None:
    actor = demo["admin"]
    _seed_community(actor, demo["qingkou"], QINGKOU_WINDOWS, count=62)
    if "duomu" in demo:
        _seed_community(actor, demo["duomu"], DUOMU_WINDOWS, count=8)
