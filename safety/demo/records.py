"""Demo 平安 records for ``seed_demo``: 箐口's patrols, police officer, legal education, inspections,
incidents and petitions of 2026, and a few for 朵亩.

Seed 002: 「社区现有专职巡逻队员20名」,「对消防栓、重点单位每月定期检查」; seed 000: 「社区民警每月深入社区了解
情况时间32小时」,「社区每月法制宣传教育次2次」, and its "none" sentences (无重大盗窃和刑事案件, 无未成年人犯罪,
无家庭暴力、虐待、不赡养老人案件, 没有居民因问题解决不当越级上访); seed 003: 「全年上大课2次,每次不少于50人」.
So 箐口 has a 20-member 专职巡逻队 patrolling weekly and a 义务巡逻队 every other week, one community police
officer whose visits add up to 32 hours in every full month, two legal-education sessions a month with two
法律大课 of more than 50 people, monthly inspections of its hydrants and key units with a few hazards (one
past its deadline on the as-of date), two minor incidents and a fire, the head's year sign-offs of the kinds
seed 000 says did not happen, and a few petitions, none of them 越级.

Everything is written through the services (``demo["admin"]``, the sign-offs by the head ``shuji``), with
residents of the demo register as members and petitioners (generated names). Nothing is dated after the
demo's as-of date (nor after today). Idempotent: a community that already has a patrol team is skipped.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from governance.models import Community, ResidentUnit, User
from residents.choices import PersonStatus, Sex
from residents.models import Person
from safety.models.records import (
    Audience,
    HazardSeverity,
    Incident,
    IncidentKind,
    IncidentSource,
    Inspection,
    InspectionResult,
    InspectionSchedule,
    InspectionTarget,
    InspectionTargetKind,
    LegalEducationFormat,
    LegalEducationSession,
    PatrolFinding,
    PatrolMemberRole,
    PatrolRecord,
    PatrolTeam,
    PatrolTeamKind,
    PatrolTeamMember,
    Petition,
    PetitionChannel,
    PetitionLevel,
    PetitionSubject,
    PoliceOfficer,
    PoliceVisit,
    PoliceVisitPurpose,
)
from safety.services.records import (
    incident_close,
    incident_save,
    incident_year_confirm,
    inspection_escalate,
    inspection_record,
    inspection_rectify,
    inspection_target_save,
    legal_education_session_save,
    patrol_record_save,
    patrol_team_member_save,
    patrol_team_save,
    petition_close,
    petition_receive,
    petition_step_add,
    petition_transfer,
    police_officer_save,
    police_visit_save,
)

D = datetime.date
VISITS_FROM = D(2025, 11, 1)  # the officer page shows a full twelve months
FULL_TIME_SIZE = 20  # seed 002
VOLUNTEER_SIZE = 8
MONTHLY_POLICE_HOURS = 32  # seed 000
# Kinds seed 000 says the community did not have in the year (signed off by the head).
NONE_KINDS = (
    IncidentKind.MAJOR_THEFT,
    IncidentKind.CRIMINAL,
    IncidentKind.JUVENILE,
    IncidentKind.DOMESTIC_VIOLENCE,
    IncidentKind.MASS,
    IncidentKind.ELDER_ABUSE,
)

# (month, day, format, topic, audiences, count, speaker, materials, campaign)
SESSIONS = [
    (1, 9, "board", "冬季防火防盗知识", ["residents"], 0, "", 0, ""),
    (1, 22, "door", "春节期间禁赌、禁燃放违规烟花", ["residents", "floating"], 46, "", 60, ""),
    (2, 12, "materials", "外出务工人员劳动合同与工伤保险", ["residents", "floating"], 85, "", 120, ""),
    (2, 26, "class", "开学第一课:未成年人保护法", ["youth"], 160, "团结派出所民警", 0, ""),
    (3, 10, "course", "《老年人权益保障法》《未成年人保护法》", ["party", "cadres", "residents"], 126,
     "团结街道司法所干部", 150, "三八维权周"),
    (3, 15, "consultation", "3·15消费者权益保护咨询", ["residents"], 38, "社区法律顾问", 80, "3·15消费者权益日"),
    (4, 15, "talk", "全民国家安全教育日专题讲座", ["party", "cadres"], 42, "社区党总支书记", 0, "全民国家安全教育日"),
    (4, 28, "board", "森林防火与《森林法》", ["residents"], 0, "", 0, "森林防火宣传"),
    (5, 12, "talk", "民法典婚姻家庭编讲解", ["residents"], 54, "社区法律顾问", 60, "民法典宣传月"),
    (5, 26, "door", "民法典进万家", ["residents", "floating"], 72, "", 100, "民法典宣传月"),
    (6, 20, "board", "珍爱生命、远离毒品", ["residents", "youth"], 0, "", 0, "6·26国际禁毒日"),
    (6, 26, "course", "禁毒知识讲座", ["party", "cadres", "residents", "youth"], 182,
     "团结派出所禁毒民警", 200, "6·26国际禁毒日"),
    (7, 8, "class", "暑期防溺水与交通安全", ["youth"], 64, "社区网格员", 0, ""),
    (7, 23, "materials", "失业保险条件与申领", ["residents"], 51, "", 90, ""),
    (8, 6, "talk", "防范电信网络诈骗", ["residents", "floating"], 47, "团结派出所民警", 80, "反诈宣传"),
    (8, 25, "board", "打击非法集资、传销", ["residents"], 0, "", 0, ""),
    (9, 10, "consultation", "土地承包与宅基地法律咨询", ["residents"], 29, "社区法律顾问", 40, ""),
    (9, 24, "door", "《信访工作条例》依法逐级信访", ["residents"], 66, "", 80, ""),
    (10, 14, "talk", "安全生产法与企业安全员职责", ["cadres", "residents"], 33, "街道安监站", 30, "安全生产月"),
    (10, 28, "board", "秸秆禁烧与大气污染防治", ["residents"], 0, "", 0, ""),
    (11, 6, "class", "预防校园欺凌", ["youth"], 148, "团结派出所民警", 0, ""),
    (11, 18, "materials", "冬季防火与用电安全", ["residents", "floating"], 70, "", 120, "119消防宣传月"),
]  # fmt: skip

HYDRANTS = ("寨子", "岔河", "桃树箐", "陡咀")  # one hydrant in each of these groups
# (month, day, target name, severity, hazard, days to deadline, rectified (month, day) or None, escalated to):
# found on that target's round of the month, on that day.
HAZARDS = [
    (3, 5, "岔河消防栓", HazardSeverity.ORDINARY, "消防栓周边堆放柴草,阀门锈蚀不易开启。", 7, (3, 9), ""),
    (6, 3, "箐口建材有限公司", HazardSeverity.ORDINARY, "车间灭火器3具过期未检。", 15, (6, 15), ""),
    (8, 5, "箐口完全小学", HazardSeverity.SERIOUS, "老教学楼电线老化、私拉乱接。", 30, (9, 20), "团结街道安监站"),
    (10, 10, "岔河小卖部", HazardSeverity.ORDINARY, "液化气瓶与灶具间距不足,未配灭火器。", 27, None, ""),
]  # fmt: skip


def _as_of(demo: dict) -> datetime.date:
    return min(demo.get("as_of", D(2026, 11, 20)), timezone.localdate())


def _adults(community: Community, as_of: datetime.date, minimum: int, maximum: int, sex: str | None = None):
    people = Person.objects.filter(community=community, status=PersonStatus.ACTIVE).select_related("group")
    chosen = [person for person in people.order_by("id_number") if minimum <= person.age_on(as_of) <= maximum]
    return [person for person in chosen if sex is None or person.sex == sex]


def _team(actor, community, kind, name, founded_on, people, rng, extra_names=()) -> tuple[PatrolTeam, list]:
    team = patrol_team_save(
        actor=actor, team=PatrolTeam(community=community, kind=kind, name=name, founded_on=founded_on)
    )
    members = []
    for index, person in enumerate(people):
        role = (
            PatrolMemberRole.LEADER
            if index == 0
            else PatrolMemberRole.DEPUTY
            if index == 1
            else PatrolMemberRole.MEMBER
        )
        members.append(
            patrol_team_member_save(
                actor=actor,
                team=team,
                member=PatrolTeamMember(person=person, role=role, joined_on=founded_on, phone=person.phone),
            )
        )
    for name_ in extra_names:
        members.append(
            patrol_team_member_save(actor=actor, team=team, member=PatrolTeamMember(name=name_, joined_on=founded_on))
        )
    return team, members


FINDINGS = [
    (PatrolFinding.SUSPICIOUS, "两名陌生男子在{group}组挨户察看,已报告民警。", "民警核查为收购旧家电人员,已劝离。"),
    (PatrolFinding.HAZARD, "{group}组路口一处井盖缺失。", "已设置警示标志并通知村组维修,次日修复。"),
    (PatrolFinding.DISPUTE, "{group}组两户因牲畜啃食庄稼发生争吵。", "巡逻队员当场劝解,转民调信息员跟进。"),
]  # fmt: skip


def seed_patrols(actor, community, as_of, rng) -> None:
    groups = list(community.resident_groups.order_by("order"))
    men = _adults(community, as_of, 25, 55, Sex.MALE)
    full_time_people = rng.sample(men, min(FULL_TIME_SIZE, len(men)))
    elders = [person for person in _adults(community, as_of, 50, 68) if person not in full_time_people]
    volunteers = rng.sample(elders, min(VOLUNTEER_SIZE - 1, len(elders)))
    full_time, full_members = _team(
        actor,
        community,
        PatrolTeamKind.FULL_TIME,
        f"{community.name[:2]}专职巡逻队",
        D(2023, 3, 1),
        full_time_people,
        rng,
    )
    volunteer, volunteer_members = _team(
        actor, community, PatrolTeamKind.VOLUNTEER, f"{community.name[:2]}义务巡逻队", D(2024, 5, 1), volunteers, rng,
        extra_names=("团结派出所辅警",),
    )  # fmt: skip
    day, week = D(2026, 1, 6), 0
    while day <= as_of:
        night = week % 3 == 2
        area = [groups[(2 * week + offset) % len(groups)] for offset in range(2)] if groups else []
        findings = FINDINGS[week // 12 % len(FINDINGS)] if week % 12 == 5 else None
        _patrol(actor, full_time, day, (22, 0) if night else (20, 0), (0, 30) if night else (22, 0),
                rng.sample(full_members, min(len(full_members), rng.randint(4, 6))), area, findings)  # fmt: skip
        if week % 2 == 0 and day + datetime.timedelta(days=4) <= as_of:
            _patrol(actor, volunteer, day + datetime.timedelta(days=4), (9, 0), (11, 0),
                    rng.sample(volunteer_members, min(len(volunteer_members), 4)), area[:1], None)  # fmt: skip
        day += datetime.timedelta(days=7)
        week += 1


def _patrol(actor, team, day, start, end, members, groups, findings) -> PatrolRecord:
    finding, note, follow_up = findings or (PatrolFinding.NONE, "", "")
    group_name = groups[0].name if groups else ""
    record = PatrolRecord(
        team=team,
        date=day,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        route="主干道、路口、小卖部及活动场" if start[0] >= 19 else "田间道路、水源点及空置房屋",
        findings=finding,
        finding_note=note.format(group=group_name),
        follow_up=follow_up,
    )
    return patrol_record_save(actor=actor, record=record, groups=groups, members_present=members)


def seed_police(actor, community, as_of, name: str) -> None:
    officer = police_officer_save(
        actor=actor,
        officer=PoliceOfficer(
            community=community,
            name=name,
            station="团结派出所",
            phone="0871-6841" + str(1000 + community.pk % 9000)[-4:],
            assigned_from=D(2024, 7, 1),
            note="社区警务室每周驻点,负责箐口片区。",
        ),
    )
    purposes = [
        PoliceVisitPurpose.VISIT,
        PoliceVisitPurpose.PATROL,
        PoliceVisitPurpose.DUTY,
        PoliceVisitPurpose.DISPUTE,
    ]
    notes = ["走访各组了解治安情况", "夜间与巡逻队联合巡查", "警务室值班,接待群众", "参与矛盾纠纷排查调处"]
    month = VISITS_FROM
    while month <= as_of:
        # Four visits of eight hours: 32 hours in every full month.
        for index, day in enumerate((3, 10, 17, 24)):
            visit_day = month.replace(day=day)
            if visit_day > as_of:
                break
            police_visit_save(
                actor=actor,
                officer=officer,
                visit=PoliceVisit(
                    date=visit_day,
                    hours=Decimal(MONTHLY_POLICE_HOURS // 4),
                    purpose=purposes[index],
                    notes=notes[index],
                ),
            )
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def seed_legal_education(actor, community, as_of) -> None:
    for month, day, fmt, topic, audiences, count, speaker, materials, campaign in SESSIONS:
        if D(2026, month, day) > as_of:
            continue
        legal_education_session_save(
            actor=actor,
            session=LegalEducationSession(
                community=community,
                date=D(2026, month, day),
                format=LegalEducationFormat(fmt),
                topic=topic,
                audiences=[Audience(value) for value in audiences],
                audience_count=count,
                speaker=speaker,
                materials_distributed=materials,
                campaign=campaign,
                location="社区活动室" if count else "社区宣传栏",
            ),
        )


def seed_inspections(actor, community, as_of, inspectors) -> None:
    groups = {group.name: group for group in community.resident_groups.all()}
    targets = {}
    for group_name in HYDRANTS:
        name = f"{group_name}消防栓"
        targets[name] = inspection_target_save(
            actor=actor,
            target=InspectionTarget(
                community=community,
                kind=InspectionTargetKind.HYDRANT,
                name=name,
                group=groups.get(group_name),
                location=f"{group_name}组活动场旁",
            ),
        )
    for unit in ResidentUnit.objects.filter(community=community, is_key_unit=True).order_by("name"):
        targets[unit.name] = inspection_target_save(
            actor=actor,
            target=InspectionTarget(
                community=community, kind=InspectionTargetKind.KEY_UNIT, name=unit.name, resident_unit=unit
            ),
        )
    quarterly = [
        (InspectionTargetKind.ENTERPRISE, "箐口农产品加工厂", "寨子"),
        (InspectionTargetKind.SMALL_SHOP, "岔河小卖部", "岔河"),
        (InspectionTargetKind.SMALL_SHOP, "寨子小吃店", "寨子"),
    ]
    for kind, name, group_name in quarterly:
        unit = ResidentUnit.objects.filter(community=community, name=name).first()
        targets[name] = inspection_target_save(
            actor=actor,
            target=InspectionTarget(
                community=community,
                kind=kind,
                name=name,
                group=groups.get(group_name),
                resident_unit=unit,
                schedule=InspectionSchedule.QUARTERLY,
            ),
        )
    hazards = {(month, name): (day, *rest) for month, day, name, *rest in HAZARDS}
    monthly = [target for target in targets.values() if target.schedule == InspectionSchedule.MONTHLY]
    seasonal = [target for target in targets.values() if target.schedule == InspectionSchedule.QUARTERLY]
    for month in range(1, 13):
        for index, target in enumerate(monthly):
            # November's round is not finished on the as-of date: two hydrants are still due.
            if month == 11 and target.kind == InspectionTargetKind.HYDRANT and index >= 2:
                continue
            _inspect(actor, target, month, 4 + index, as_of, inspectors, hazards)
        if month in (1, 4, 7, 10):
            for index, target in enumerate(seasonal):
                _inspect(actor, target, month, 9 + index, as_of, inspectors, hazards)


def _inspect(actor, target, month, day, as_of, inspectors, hazards) -> None:
    hazard = hazards.get((month, target.name))
    day = D(2026, month, hazard[0] if hazard else day)
    if day > as_of:
        return
    inspection = Inspection(date=day, result=InspectionResult.CLEAR, other_inspectors="安全员、治安志愿者")
    if hazard is not None:
        _, severity, description, deadline_days, _, _ = hazard
        inspection.result = InspectionResult.HAZARD
        inspection.severity = severity
        inspection.hazard_description = description
        inspection.deadline = day + datetime.timedelta(days=deadline_days)
    inspection = inspection_record(actor=actor, target=target, inspection=inspection, inspectors=inspectors)
    if hazard is None:
        return
    *_, rectified, escalated_to = hazard
    if escalated_to:
        inspection_escalate(
            actor=actor, inspection=inspection, escalated_on=day + datetime.timedelta(days=2), escalated_to=escalated_to
        )
    if rectified is not None and D(2026, *rectified) <= as_of:
        inspection_rectify(
            actor=actor, inspection=inspection, rectified_on=D(2026, *rectified), note="已按要求整改,复查合格。"
        )


def seed_incidents(actor, head, community, as_of, rng) -> None:
    men = _adults(community, as_of, 25, 50, Sex.MALE)
    fighters = rng.sample(men, 2) if len(men) >= 2 else []
    plan = [
        (D(2026, 2, 18), IncidentKind.PUBLIC_ORDER, IncidentSource.POLICE, fighters,
         "春节期间两村民酒后发生口角并互相推搡,无人受伤。", "派出所出警调解,双方书面保证不再滋事。"),
        (D(2026, 4, 3), IncidentKind.FIRE, IncidentSource.PATROL, [],
         "清明期间上坟烧纸引燃路边杂草约20平方米,巡逻队员及时扑灭。", "无人员伤亡和财产损失;加强祭扫期间防火巡查。"),
        (D(2026, 9, 12), IncidentKind.PUBLIC_ORDER, IncidentSource.REPORT, [],
         "群众举报有外来人员在村内以低价收购为名兜售假冒保健品。", "报派出所处理,涉事人员已被带离并教育。"),
    ]  # fmt: skip
    groups = list(community.resident_groups.order_by("order"))
    for index, (day, kind, source, persons, summary, outcome) in enumerate(plan):
        if day > as_of:
            continue
        incident = incident_save(
            actor=actor,
            incident=Incident(
                community=community,
                date=day,
                kind=kind,
                source=source,
                summary=summary,
                group=groups[index % len(groups)] if groups else None,
                location="村内道路" if kind != IncidentKind.FIRE else "后山坟地旁",
            ),
            persons=persons,
        )
        incident_close(actor=actor, incident=incident, outcome=outcome)
    if head is not None:
        for kind in NONE_KINDS:
            incident_year_confirm(actor=head, year=as_of.year, kind=kind, on=as_of)


def seed_petitions(actor, community, as_of, receptionist, rng) -> None:
    people = _adults(community, as_of, 35, 75)
    picked = rng.sample(people, min(6, len(people)))
    plan = [
        # (received, channel, subject, description, petitioners, outsiders, headcount, level, steps, end)
        (D(2026, 3, 16), PetitionChannel.VISIT, PetitionSubject.DEMOLITION,
         "三户村民反映城中村改造中房屋测量面积与实际不符,要求重新丈量。", picked[:3], "", 3, PetitionLevel.COMMUNITY,
         [(3, "会同街道征收办工作人员入户复核测量面积"), (10, "向三户反馈复测结果并解释补偿标准")],
         ("close", 12, "复测后两户面积更正,一户维持原测量结果,三户均表示理解。")),
        (D(2026, 5, 20), PetitionChannel.PHONE, PetitionSubject.ENVIRONMENT,
         "来电反映加工厂夜间噪声扰民。", picked[3:4], "", 1, PetitionLevel.COMMUNITY,
         [(1, "约谈加工厂负责人,要求夜间22时后停止高噪声作业")],
         ("close", 7, "加工厂调整作业时间,回访来电人表示满意。")),
        (D(2026, 7, 8), PetitionChannel.LETTER, PetitionSubject.RELIEF,
         "来信反映因病致贫,申请临时救助。", picked[4:5], "", 1, PetitionLevel.STREET,
         [(2, "入户核实家庭收入和医疗支出情况")], ("transfer", 5, "团结街道社会事务办")),
        (D(2026, 10, 26), PetitionChannel.VISIT, PetitionSubject.DISPUTE,
         "反映相邻宅基地滴水纠纷调解后对方未履行。", picked[5:6], "", 1, PetitionLevel.COMMUNITY,
         [(2, "转社区调委会督促履行调解协议")], None),
    ]  # fmt: skip
    for received, channel, subject, description, persons, outsiders, headcount, level, steps, end in plan:
        if received > as_of:
            continue
        petition = petition_receive(
            actor=actor,
            petition=Petition(
                community=community,
                received_on=received,
                channel=channel,
                subject=subject,
                description=description,
                # A register too small to name residents (tests) names someone from outside instead.
                outsider_names=outsiders or ("" if persons else "外村村民"),
                headcount=max(headcount, len(persons), 1),
                level_reached=level,
                receptionist=receptionist,
                group=persons[0].group if persons else None,
            ),
            petitioners=persons,
        )
        for days, action in steps:
            if received + datetime.timedelta(days=days) <= as_of:
                petition_step_add(
                    actor=actor,
                    petition=petition,
                    date=received + datetime.timedelta(days=days),
                    action=action,
                    handler=receptionist.display_name if receptionist else "社区工作人员",
                )
        if end is None or received + datetime.timedelta(days=end[1]) > as_of:
            continue
        how, days, text = end
        if how == "close":
            petition_close(
                actor=actor, petition=petition, closed_on=received + datetime.timedelta(days=days), result=text
            )
        else:
            petition_transfer(
                actor=actor, petition=petition, on=received + datetime.timedelta(days=days), transferred_to=text
            )


def seed_neighbour(actor, community, as_of, rng) -> None:
    """朵亩: a volunteer team with a few patrols, a legal-education board and a hydrant checked monthly."""
    people = _adults(community, as_of, 30, 60)
    team, members = _team(
        actor,
        community,
        PatrolTeamKind.VOLUNTEER,
        "朵亩义务巡逻队",
        D(2025, 3, 1),
        rng.sample(people, min(5, len(people))),
        rng,
    )
    groups = list(community.resident_groups.order_by("order"))
    for month in (8, 9, 10, 11):
        day = D(2026, month, 8)
        if day <= as_of:
            _patrol(actor, team, day, (19, 30), (21, 30), members[:4], groups[:1], None)
    if D(2026, 6, 26) <= as_of:
        legal_education_session_save(
            actor=actor,
            session=LegalEducationSession(
                community=community,
                date=D(2026, 6, 26),
                format=LegalEducationFormat.BOARD,
                topic="禁毒宣传",
                audiences=[Audience.RESIDENTS],
                campaign="6·26国际禁毒日",
            ),
        )
    hydrant = inspection_target_save(
        actor=actor,
        target=InspectionTarget(
            community=community,
            kind=InspectionTargetKind.HYDRANT,
            name="朵亩消防栓",
            group=groups[0] if groups else None,
        ),
    )
    for month in range(6, 12):
        day = D(2026, month, 5)
        if day <= as_of:
            inspection_record(
                actor=actor, target=hydrant, inspection=Inspection(date=day, result=InspectionResult.CLEAR)
            )


def seed(demo: dict) -> None:
    """The records of 箐口 and 朵亩; a community that already has a patrol team is left alone."""
    actor = demo["admin"]
    as_of = _as_of(demo)
    rng = random.Random(2026)
    qingkou, duomu = demo["qingkou"], demo["duomu"]
    if not PatrolTeam.objects.filter(community=qingkou).exists():
        staff = {user.username: user for user in User.objects.filter(community=qingkou)}
        inspectors = [user for name, user in staff.items() if name in ("zhibao", "gongzuo")]
        seed_patrols(actor, qingkou, as_of, rng)
        seed_police(actor, qingkou, as_of, name="杨建华")
        seed_legal_education(actor, qingkou, as_of)
        seed_inspections(actor, qingkou, as_of, inspectors)
        seed_incidents(actor, staff.get("shuji"), qingkou, as_of, rng)
        seed_petitions(actor, qingkou, as_of, staff.get("zhibao"), rng)
    if not PatrolTeam.objects.filter(community=duomu).exists():
        seed_neighbour(actor, duomu, as_of, rng)
