"""Demo 帮教, 社区矫正 and key-person visits for ``seed_demo``.

箐口 (seed 000): its three 刑释 residents each get a 帮教台账 with a 帮教小组 of a community worker, the
片警, a resident and a relative (seed 003's 「帮教小组」), monthly visits through 2026 (one case left
unvisited since August, so it shows as overdue), no re-offence (seed 000: 「无刑释人员当年重新犯罪」);
its one person under community correction gets a case with monthly check-ins; care rules for the three
sensitive categories generate visit tasks, of which one is a 黄牌 and one a 红牌督办 on the demo's as-of
date. 朵亩 gets one quarterly 帮教 case. Names are generated, never the seeds' real ones. Written
through the services as ``demo["admin"]``; a community that already has 帮教 cases is left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from faker import Faker

from governance.models import Community, User
from residents.demo import SEED_NAMES
from residents.models import Category, CategoryMembership, Person
from safety.models.care import (
    CareRule,
    CheckInKind,
    CorrectionCase,
    CorrectionCheckIn,
    CorrectionType,
    Employment,
    RehabCase,
    RehabKind,
    RehabTeamMember,
    RehabVisit,
    TeamRole,
    VisitFrequency,
    VisitKind,
)
from safety.services.care import (
    care_rule_save,
    care_task_complete,
    care_tasks_generate,
    correction_case_open,
    correction_checkin_record,
    rehab_case_open,
    rehab_team_member_add,
    rehab_visit_record,
)

D = datetime.date

# (released on, kind, employment, employer, offence, last month visited in 2026)
QINGKOU_CASES = [
    (D(2023, 4, 18), RehabKind.RELEASED, Employment.PLACED, "箐口蔬菜种植专业合作社", "盗窃罪", 11),
    (D(2024, 9, 2), RehabKind.RELEASED, Employment.SELF_EMPLOYED, "个体货运", "故意伤害罪", 11),
    (D(2025, 12, 10), RehabKind.REEDUCATION, Employment.UNEMPLOYED, "", "吸毒(解除劳动教养)", 8),
]
LIVING = ["与家人同住,生活稳定", "独自居住,生活能自理", "家庭关系和睦,收入基本够用", "租住在组内,按时交租"]
THINKING = [
    "思想稳定,认罪悔罪态度好",
    "情绪平稳,愿意与工作人员交流",
    "对前途有信心,表示遵纪守法",
    "偶有消极情绪,经谈话后好转",
]
WORK = ["在合作社务工,收入稳定", "跑短途运输,生意尚可", "正在找工作,已推荐参加技能培训", "农忙时帮家里干活"]
NEXT = ["下月继续走访", "协调社区推荐就业岗位", "请家属多关心其思想动态", "提醒遵守居住地管理规定"]


def _name(faker: Faker) -> str:
    """A generated name that is none of the seeds' real ones."""
    name = faker.name()
    while name in SEED_NAMES:
        name = faker.name()
    return name


def _past(day: datetime.date) -> bool:
    """Dated facts are never recorded in the future (the services refuse them)."""
    return day <= timezone.localdate()


def _members(code: str, community: Community) -> list[Person]:
    category = Category.objects.get(code=code)
    memberships = (
        CategoryMembership.objects.filter(community=community, category=category, end_on__isnull=True)
        .select_related("person__group", "person__household")
        .order_by("person_id")
    )
    return [membership.person for membership in memberships if membership.person.status == "active"]


def _team(actor: User, case: RehabCase, worker: User | None, faker: Faker, police: str) -> None:
    person = case.person
    if worker is not None:
        rehab_team_member_add(
            actor=actor,
            case=case,
            member=RehabTeamMember(role=TeamRole.WORKER, user=worker, duty="组织帮教,每月走访谈话"),
        )
    rehab_team_member_add(
        actor=actor,
        case=case,
        member=RehabTeamMember(name=police, role=TeamRole.POLICE, phone="0871-68412110", duty="掌握动态,法制教育"),
    )
    neighbour = (
        Person.objects.filter(community=person.community, group=person.group, status="active", political_status="party")
        .exclude(pk=person.pk)
        .order_by("id")
        .first()
    )
    if neighbour is not None:
        rehab_team_member_add(
            actor=actor,
            case=case,
            member=RehabTeamMember(role=TeamRole.RESIDENT, person=neighbour, duty="日常关注,发现问题及时报告"),
        )
    relative = (
        Person.objects.filter(household=person.household_id, status="active")
        .exclude(pk=person.pk)
        .order_by("id")
        .first()
        if person.household_id
        else None
    )
    if relative is not None:
        rehab_team_member_add(
            actor=actor,
            case=case,
            member=RehabTeamMember(role=TeamRole.FAMILY, person=relative, duty="配合监督,关心生活"),
        )


def _rehab_case(actor: User, person: Person, *, released_on, kind, employment, employer, offence, frequency, worker):
    return rehab_case_open(
        actor=actor,
        case=RehabCase(
            person=person,
            kind=kind,
            released_on=released_on,
            offence=offence,
            visit_frequency=frequency,
            responsible=worker,
            employment=employment,
            employer=employer,
            target_plan=f"{person.name},{kind.label}人员,住{person.group or person.community}。",
            task_plan="每月定时走访谈话一次,了解生活和思想情况;积极安排就业,鼓励自谋职业。",
            duty_plan="治保主任负责组织和记录;片警掌握动态、开展法制教育;居民和家属日常关注、及时报告。",
        ),
    )


def _visits(actor: User, case: RehabCase, months: list[tuple[int, int]], visitors: str) -> None:
    for index, (year, month) in enumerate(months):
        day = D(year, month, 8 + index % 12)
        if day < case.started_on or not _past(day):
            continue
        rehab_visit_record(
            actor=actor,
            case=case,
            visit=RehabVisit(
                visited_on=day,
                kind=[VisitKind.VISIT, VisitKind.TALK, VisitKind.VISIT, VisitKind.PHONE][index % 4],
                visitors=visitors,
                living=LIVING[index % len(LIVING)],
                thinking=THINKING[index % len(THINKING)],
                work=WORK[(index + case.pk) % len(WORK)],
                next_action=NEXT[index % len(NEXT)],
            ),
        )


def _seed_qingkou(demo: dict, faker: Faker) -> None:
    actor, community = demo["admin"], demo["qingkou"]
    worker = User.objects.filter(username="zhibao").first()
    head = User.objects.filter(username="shuji").first()
    police = f"{faker.last_name()}警官"
    visitors = f"{worker.display_name if worker else '治保主任'}、{police}"
    for person, (released_on, kind, employment, employer, offence, last_month) in zip(
        _members("released", community), QINGKOU_CASES, strict=False
    ):
        case = _rehab_case(
            actor,
            person,
            released_on=released_on,
            kind=kind,
            employment=employment,
            employer=employer,
            offence=offence,
            frequency=VisitFrequency.MONTHLY,
            worker=worker,
        )
        _team(actor, case, worker, faker, police)
        _visits(actor, case, [(2026, month) for month in range(1, last_month + 1)], visitors)

    for person in _members("correction", community)[:1]:
        case = correction_case_open(
            actor=actor,
            case=CorrectionCase(
                person=person,
                correction_type=CorrectionType.PROBATION,
                start_on=D(2026, 3, 1),
                end_on=D(2027, 2, 28),
                judicial_office="团结司法所",
                officer_name=_name(faker),
                officer_phone="0871-68415148",
                report_interval_days=30,
                responsible=worker,
                note="每月到司法所报到,每季度提交思想汇报。",
            ),
        )
        for month in range(3, 12):
            day = D(2026, month, 5)
            if not _past(day):
                continue
            kind = CheckInKind.THOUGHT if month % 3 == 0 else CheckInKind.REPORT
            correction_checkin_record(
                actor=actor,
                case=case,
                checkin=CorrectionCheckIn(
                    checked_on=day, kind=kind, note="按时报到,遵守规定" if kind == "report" else "提交书面思想汇报"
                ),
            )

    rules = [("released", 30, worker), ("correction", 30, worker), ("key_person", 60, head)]
    for code, days, responsible in rules:
        care_rule_save(
            actor=actor,
            rule=CareRule(
                community=community,
                category=Category.objects.get(code=code),
                interval_days=days,
                responsible=responsible,
                note="重点人员定期走访",
            ),
        )
    # Generated on 1 September (due 1 October, 红牌 after 31 October); the visits recorded since leave, on
    # the demo's as-of date (2026-11-20), one task 普通, one 黄牌 (visited 15 October, due again 14 November)
    # and one 红牌督办 (never visited) among the 刑释 residents, and the correction's 普通.
    tasks = care_tasks_generate(community=community, on=D(2026, 9, 1), actor=actor)
    released_tasks = [task for task in tasks if task.category.code == "released"]
    visits = {0: D(2026, 10, 28), 1: D(2026, 10, 15)}
    for index, task in enumerate(released_tasks):
        if index in visits and _past(visits[index]):
            care_task_complete(actor=actor, task=task, done_on=visits[index], note="入户走访,情况稳定。")
    for task in tasks:
        if task.category.code == "correction" and _past(D(2026, 11, 5)):
            care_task_complete(actor=actor, task=task, done_on=D(2026, 11, 5), note="电话联系并入户核实,遵守矫正规定。")


def _seed_duomu(demo: dict, faker: Faker) -> None:
    actor, community = demo["admin"], demo["duomu"]
    for person in _members("released", community)[:1]:
        case = _rehab_case(
            actor,
            person,
            released_on=D(2025, 5, 20),
            kind=RehabKind.RELEASED,
            employment=Employment.SELF_EMPLOYED,
            employer="种植烤烟",
            offence="寻衅滋事罪",
            frequency=VisitFrequency.QUARTERLY,
            worker=None,
        )
        _team(actor, case, None, faker, f"{faker.last_name()}警官")
        _visits(actor, case, [(2025, 8), (2025, 11), (2026, 2), (2026, 5), (2026, 8), (2026, 11)], "社区工作者、片警")


def seed(demo: dict) -> None:
    faker = Faker("zh_CN")
    faker.seed_instance(6102)
    if not RehabCase.objects.filter(community=demo["qingkou"]).exists():
        _seed_qingkou(demo, faker)
    if not RehabCase.objects.filter(community=demo["duomu"]).exists():
        _seed_duomu(demo, faker)
