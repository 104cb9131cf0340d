"""Demo 志愿服务 for ``seed_demo``: 箐口's three teams and 47 volunteers, their 2025–2026 activities and
hours, a few redemptions of 时间储备, and party members' posts; one team and a dozen volunteers for 朵亩.

Seed 000: 「社区志愿者队伍3支」 and 「建立了由党员、团员、低保对象、居民志愿者45余人组成的社区志愿者服务队伍」:
three teams in operation and 47 registered volunteers (党员, 团员, 低保对象 and other residents of the demo
register, generated names). Posts follow [002]: 「设立了家电维修、义务巡逻、法律咨询、为老服务等岗位」.
Everything is written through the services as ``demo["admin"]``; a community that already has
volunteers is left alone.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from governance.models import Community
from residents.choices import PersonStatus, PoliticalStatus
from residents.models import CategoryMembership, Person
from services.models.volunteers import (
    PARTY_STATUSES,
    PartyPost,
    ServiceIntention,
    TeamKind,
    Volunteer,
    VolunteerActivity,
    VolunteerBackground,
    VolunteerTeam,
    intentions_value,
)
from services.services.volunteers import (
    activity_participants_add,
    hours_redeem,
    party_post_save,
    volunteer_activity_save,
    volunteer_balance,
    volunteer_register,
    volunteer_team_save,
)

D = datetime.date
AS_OF = D(2026, 11, 20)
QINGKOU_VOLUNTEERS = 47  # 「45余人」

QINGKOU_TEAMS = [
    (
        "箐口社区党员志愿者服务队",
        TeamKind.PARTY,
        D(2016, 7, 1),
        "政策宣传、义务巡逻、帮扶困难群众,党员带头参与社区建设。",
    ),
    (
        "箐口社区关爱留守儿童志愿者服务队",
        TeamKind.LEFT_BEHIND,
        D(2018, 3, 5),
        "为留守儿童开展课业辅导、亲情陪伴和安全教育。",
    ),
    ("箐口社区综合志愿者服务队", TeamKind.GENERAL, D(2019, 5, 1), "助老助残、环境卫生整治、文体活动组织和应急服务。"),
]

# (date, title, team index, place, beneficiaries, hours each, volunteers taking part, description)
QINGKOU_ACTIVITIES = [
    (D(2025, 10, 29), "重阳节敬老慰问", 2, "社区老年活动室", 64, "3", 10, "为60岁以上老人理发、测血压,陪老人聊天。"),
    (D(2025, 12, 5), "国际志愿者日集中服务", 0, "社区活动广场", 120, "4", 16, "政策咨询、义诊、家电义务维修。"),
    (D(2026, 1, 17), "春节前走访困难户", 0, "各居民小组", 38, "3", 8, "为低保户、五保户送去米面油,检查用电用火安全。"),
    (D(2026, 2, 8), "寒假留守儿童作业辅导", 1, "社区图书阅览室", 22, "3", 6, "辅导寒假作业,开展防溺水、防火安全教育。"),
    (D(2026, 3, 5), "学雷锋日志愿服务", 2, "社区活动广场", 150, "4", 18, "义务理发、家电维修、法律咨询和环境清扫。"),
    (D(2026, 3, 8), "三八妇女节健康知识讲座", 2, "社区综合活动室", 56, "2", 6, "邀请卫生所医生讲解妇女常见病防治。"),
    (
        D(2026, 4, 4),
        "清明节森林防火宣传",
        0,
        "老张箐、分水岭山林路口",
        210,
        "4",
        12,
        "在进山路口发放防火宣传单,劝导文明祭扫。",
    ),
    (D(2026, 4, 25), "村庄环境卫生整治", 2, "岔河、陡咀小组", 300, "3", 14, "清理村间道路垃圾和沟渠淤泥。"),
    (D(2026, 5, 1), "劳动节义务植树", 0, "寨子小组村口", 0, "3", 15, "在村口和道路两旁补植树苗。"),
    (
        D(2026, 5, 30),
        "六一留守儿童亲情陪伴",
        1,
        "社区综合活动室",
        35,
        "3",
        9,
        "组织留守儿童与外出务工父母视频通话,赠送学习用品。",
    ),
    (D(2026, 6, 26), "国际禁毒日宣传", 0, "社区活动广场", 180, "2", 8, "展板宣传,发放禁毒知识手册。"),
    (D(2026, 7, 15), "暑期防溺水巡查", 1, "桃树箐、椿箐水塘", 0, "3", 10, "巡查水塘、河沟,劝离游泳儿童,检查警示牌。"),
    (D(2026, 7, 28), "暑期留守儿童课业辅导", 1, "社区图书阅览室", 24, "3", 7, "辅导暑假作业,开展阅读分享。"),
    (D(2026, 8, 20), "入户探访空巢老人", 2, "各居民小组", 42, "2", 11, "帮助空巢老人打扫卫生、代购生活用品。"),
    (D(2026, 9, 12), "中秋节慰问五保老人", 0, "社区老年活动室", 18, "2", 7, "送月饼、陪老人过节。"),
    (D(2026, 9, 27), "夜间义务巡逻", 0, "寨子至岔河路段", 0, "4", 8, "配合治保会开展夜间巡逻,检查重点部位。"),
    (D(2026, 10, 18), "重阳节敬老文艺演出", 2, "社区活动广场", 160, "3", 16, "组织文艺演出,为高龄老人送上祝福。"),
    (D(2026, 10, 31), "秋冬季防火安全检查", 0, "各居民小组", 95, "3", 9, "入户检查电线、灶台,讲解冬季用火安全。"),
    (
        D(2026, 11, 14),
        "农村法律知识进万家",
        0,
        "社区综合活动室",
        70,
        "2",
        8,
        "法律志愿者讲解土地承包、婚姻家庭法律知识。",
    ),
]

QINGKOU_POSTS = [
    ("家电维修岗", "为困难群众、空巢老人义务维修家用电器,每月集中服务一次。", None),
    ("义务巡逻岗", "参与夜间义务巡逻,发现陌生可疑人员及时上报。", 0),
    ("法律咨询岗", "每月第一个周二在社区为居民解答法律问题,引导依法维权。", None),
    ("为老服务岗", "联系本组空巢、独居老人,每周至少探访一次。", 3),
    ("环境卫生监督岗", "督促本组门前三包,劝导乱堆乱放、乱倒垃圾。", 4),
    ("政策宣传岗", "在小组宣传惠农政策、计划生育和医疗保险政策。", 1),
    ("寨子至岔河路段责任岗", "包路段、包责任:路段卫生、路灯和安全隐患巡查。", 0),
    ("关爱留守儿童岗", "联系本组留守儿童家庭,协助开展课业辅导和安全教育。", 2),
    ("矛盾纠纷排查岗", "收集本组矛盾纠纷线索,协助调委会化解。", 5),
]

DUOMU_TEAMS = [("朵亩社区志愿者服务队", TeamKind.GENERAL, D(2020, 3, 5), "环境整治、助老助残和文体活动。")]
DUOMU_ACTIVITIES = [
    (D(2026, 3, 5), "学雷锋日环境清扫", 0, "朵亩村主干道", 0, "3", 8, "清扫主干道和公共场所。"),
    (D(2026, 10, 18), "重阳节敬老慰问", 0, "朵亩老年活动室", 40, "2", 6, "为老人测血压、送慰问品。"),
]

SKILLS = ["家电维修", "理发", "文艺表演", "驾驶", "电工", "厨艺", "书法", "医疗护理", "法律知识", "种养殖技术", ""]
INTENTION_POOL = [code for code in ServiceIntention.values if code != ServiceIntention.OTHER]


def _candidates(community: Community) -> list[Person]:
    """Residents of 18 to 70 on the demo's as-of date, in a fixed order."""
    return list(
        Person.objects.filter(
            community=community,
            status=PersonStatus.ACTIVE,
            birth_date__lte=D(2008, 11, 20),
            birth_date__gte=D(1956, 11, 20),
        ).order_by("group__order", "household_id", "birth_date", "pk")
    )


def _choose(community: Community, count: int, rng: random.Random) -> list[tuple[Person, str]]:
    """``count`` residents with their 身份: party members first, then league members, 低保 and residents."""
    people = _candidates(community)
    dibao = set(
        CategoryMembership.objects.active_on(AS_OF)
        .filter(community=community, category__code="dibao")
        .values_list("person_id", flat=True)
    )
    party = [p for p in people if p.political_status in PARTY_STATUSES]
    league = [p for p in people if p.political_status == PoliticalStatus.LEAGUE_MEMBER]
    poor = [p for p in people if p.pk in dibao and p not in party and p not in league]
    others = [p for p in people if p not in party and p not in league and p.pk not in dibao]
    for pool in (party, league, poor, others):
        rng.shuffle(pool)
    wanted = [
        (party[: round(count * 0.3)], VolunteerBackground.PARTY),
        (league[: round(count * 0.2)], VolunteerBackground.LEAGUE),
        (poor[: round(count * 0.1)], VolunteerBackground.DIBAO),
    ]
    chosen = [(person, background) for pool, background in wanted for person in pool]
    chosen += [(person, VolunteerBackground.RESIDENT) for person in others[: count - len(chosen)]]
    return chosen[:count]


def _seed_community(actor, community: Community, *, size: int, teams_plan, activities_plan, posts_plan) -> None:
    if Volunteer.objects.filter(community=community).exists():
        return
    rng = random.Random(f"volunteers-{community.code}")
    teams = list(VolunteerTeam.objects.filter(community=community).order_by("founded_on", "pk"))
    if not teams:
        for name, kind, founded_on, description in teams_plan:
            teams.append(
                volunteer_team_save(
                    actor=actor,
                    team=VolunteerTeam(
                        community=community, name=name, kind=kind, founded_on=founded_on, description=description
                    ),
                )
            )
    chosen = _choose(community, size, rng)
    volunteers = []
    for index, (person, background) in enumerate(chosen):
        if background == VolunteerBackground.PARTY and teams[0].kind == TeamKind.PARTY:
            member_of = [teams[0]]
        else:
            member_of = [teams[index % len(teams)]]
        if len(teams) > 1 and rng.random() < 0.2:
            member_of.append(teams[(index + 1) % len(teams)])
        registered = max(min(team.founded_on for team in member_of), D(2019, 1, 1)) + datetime.timedelta(
            days=rng.randrange(0, 1800)
        )
        volunteers.append(
            volunteer_register(
                actor=actor,
                volunteer=Volunteer(
                    community=community,
                    person=person,
                    background=background,
                    intentions=intentions_value(rng.sample(INTENTION_POOL, rng.randint(1, 3))),
                    skills=rng.choice(SKILLS),
                    registered_on=min(registered, D(2025, 9, 30)),
                ),
                teams=member_of,
            )
        )
    # Team leaders: the first party member (or volunteer) of each team.
    for team in teams:
        members = [v for v in volunteers if team in v.teams.all()]
        leader = next(
            (v for v in members if v.background == VolunteerBackground.PARTY), members[0] if members else None
        )
        if leader is not None and team.leader_id is None:
            team.leader = leader.person
            volunteer_team_save(actor=actor, team=team)
    for date, title, team_index, place, beneficiaries, hours, taking_part, description in activities_plan:
        team = teams[team_index % len(teams)]
        activity = volunteer_activity_save(
            actor=actor,
            activity=VolunteerActivity(
                community=community,
                date=date,
                title=title,
                team=team,
                place=place,
                beneficiaries=beneficiaries,
                description=description,
            ),
        )
        own = [v for v in volunteers if team in v.teams.all()]
        rest = [v for v in volunteers if v not in own]
        pool = own + rng.sample(rest, len(rest))
        participants = [v for v in pool[: min(taking_part, len(pool))] if v.registered_on <= date]
        if participants:
            activity_participants_add(actor=actor, activity=activity, volunteers=participants, hours=Decimal(hours))
    # A few volunteers have spent part of their 时间储备.
    redemptions = [
        (D(2026, 6, 15), "兑换上门助老服务(为家中老人理发、打扫)"),
        (D(2026, 9, 20), "年度优秀志愿者表彰,兑换生活用品"),
        (D(2026, 11, 6), "兑换家电维修服务"),
    ]
    spenders = sorted(volunteers, key=lambda v: (-volunteer_balance(v), v.pk))[: len(redemptions)]
    for volunteer, (on, reason) in zip(spenders, redemptions, strict=False):
        hours = min(Decimal(6), volunteer_balance(volunteer))
        if hours > 0:
            hours_redeem(actor=actor, volunteer=volunteer, on=on, hours=hours, reason=reason)
    _seed_posts(actor, community, posts_plan, rng)


def _seed_posts(actor, community: Community, plan, rng: random.Random) -> None:
    if not plan or PartyPost.objects.filter(community=community).exists():
        return
    groups = list(community.resident_groups.order_by("order"))
    members = [p for p in _candidates(community) if p.political_status == PoliticalStatus.PARTY_MEMBER]
    by_group: dict[int | None, list[Person]] = {}
    for person in members:
        by_group.setdefault(person.group_id, []).append(person)
    used: set[int] = set()
    for name, duty, group_index in plan:
        group = groups[group_index] if group_index is not None and group_index < len(groups) else None
        pool = by_group.get(group.pk, []) if group else []
        member = next((p for p in pool if p.pk not in used), None) or next(
            (p for p in members if p.pk not in used), None
        )
        if member is None:
            return
        used.add(member.pk)
        party_post_save(
            actor=actor,
            post=PartyPost(
                community=community,
                group=group,
                name=name,
                duty=duty,
                member=member,
                start_on=D(2025, 3, 1),
            ),
        )


def seed(demo: dict) -> None:
    actor = demo["admin"]
    _seed_community(
        actor,
        demo["qingkou"],
        size=QINGKOU_VOLUNTEERS,
        teams_plan=QINGKOU_TEAMS,
        activities_plan=QINGKOU_ACTIVITIES,
        posts_plan=QINGKOU_POSTS,
    )
    if "duomu" in demo:
        _seed_community(
            actor, demo["duomu"], size=12, teams_plan=DUOMU_TEAMS, activities_plan=DUOMU_ACTIVITIES, posts_plan=[]
        )
