"""Demo 关爱台账 for ``seed_demo``.

箐口: every resident in the categories 留守儿童, 留守老人, 留守妇女, 空巢老人, 孤寡/独居老人 and 三无 and those aged 80
or more (高龄) is a care subject since 2025-12-01, visited monthly in 2026 by ``gongzuo`` (a 送温暖 visit in
January); two of them were last visited in August and are overdue on the demo's as-of day. 朵亩 gets two
subjects. Written through the services as ``demo["admin"]``; a community that already has care subjects is
left alone.
"""

from __future__ import annotations

import datetime
import random

from governance.models import Community
from residents.choices import PersonStatus
from residents.models import Person
from services.demo.employment import AS_OF, _category_people, _staff
from services.models.care import CareKind, CareSubject, VisitKind
from services.services import care as care_services

D = datetime.date

CARE_CATEGORIES = [
    ("left_behind_child", CareKind.LEFT_BEHIND_CHILD, "祖父母照料,父母在外务工,每周与父母视频通话。"),
    ("left_behind_elderly", CareKind.LEFT_BEHIND_ELDERLY, "子女在外务工,邻里互助,网格员定期上门。"),
    ("left_behind_woman", CareKind.LEFT_BEHIND_WOMAN, "丈夫在外务工,独自照料老人和孩子,妇联结对帮扶。"),
    ("empty_nest", CareKind.EMPTY_NEST, "子女在县城居住,每月回家探望;邻里照应。"),
    ("lone_elderly", CareKind.LIVING_ALONE, "独居,安装爱心门铃,邻居每日看望。"),
    ("sanwu", CareKind.SANWU, "五保供养,社区居家养老服务每周上门。"),
]
SITUATIONS = [
    "身体状况良好,饮食起居正常。",
    "血压偏高,已提醒按时服药。",
    "生活能自理,家中整洁,情绪稳定。",
    "农忙期间劳动强度大,提醒注意休息。",
    "房屋漏雨,已联系村民小组长帮助修缮。",
]
CHILD_SITUATIONS = [
    "学习情况正常,与祖父母相处融洽。",
    "在校表现良好,已提醒注意上下学交通安全。",
    "近期情绪低落,已与班主任沟通,并联系父母多视频通话。",
    "身体健康,饮食正常,作业按时完成。",
]
HELP = ["", "", "送去大米一袋、食用油一桶", "代购药品", "帮助打扫卫生", "讲解医保政策"]


def seed(demo: dict) -> None:
    actor = demo["admin"]
    as_of = demo.get("as_of", AS_OF)
    _seed_care(actor, demo["qingkou"], as_of, rng=random.Random(20261123), overdue=2)
    _seed_care(actor, demo["duomu"], as_of, rng=random.Random(20261125), overdue=0, limit=2)


def _caregiver(person: Person, as_of) -> Person | None:
    """An adult of the same household, for children and left-behind elderly."""
    if person.household_id is None:
        return None
    others = Person.objects.filter(household=person.household, status=PersonStatus.ACTIVE).exclude(pk=person.pk)
    adults = [other for other in others.order_by("birth_date") if other.age_on(as_of) >= 18]
    return adults[0] if adults else None


def _seed_care(actor, community: Community, as_of, *, rng: random.Random, overdue: int, limit: int | None = None):
    if CareSubject.objects.filter(community=community).exists():
        return
    worker = _staff(community, "gongzuo", "duomu")
    started = D(2025, 12, 1)
    subjects = []
    seen: set[tuple[int, str]] = set()
    wanted = [(code, kind, text, _category_people(community, code, as_of)) for code, kind, text in CARE_CATEGORIES]
    oldest = Person.objects.filter(community=community, status=PersonStatus.ACTIVE).aged_between(as_of, minimum=80)
    wanted.append(("", CareKind.OLDEST_OLD, "子女同住照料,高龄补贴按月发放。", list(oldest.order_by("birth_date"))))
    for _code, kind, arrangement, people in wanted:
        for person in people:
            if (person.pk, kind) in seen:
                continue
            seen.add((person.pk, kind))
            caregiver = _caregiver(person, as_of) if kind == CareKind.LEFT_BEHIND_CHILD else None
            subjects.append(
                care_services.subject_save(
                    actor=actor,
                    subject=CareSubject(
                        community=community,
                        person=person,
                        kind=kind,
                        caregiver_person=caregiver,
                        caregiver_relation="家庭成员" if caregiver else "",
                        arrangement=arrangement,
                        visit_interval_days=30,
                        responsible=worker,
                        started_on=started,
                    ),
                )
            )
            if limit is not None and len(subjects) >= limit:
                break
        if limit is not None and len(subjects) >= limit:
            break
    if worker is None:
        return
    last_month = as_of.month
    overdue_subjects = set(rng.sample(range(len(subjects)), min(overdue, len(subjects))))
    for index, subject in enumerate(subjects):
        final = 8 if index in overdue_subjects else last_month
        for month in range(1, final + 1):
            top = min(25, as_of.day - 2) if month == as_of.month else 25
            day = D(2026, month, rng.randint(3, max(top, 3)))
            kind = VisitKind.WARMTH if month == 1 else (VisitKind.PHONE if rng.random() < 0.2 else VisitKind.HOME)
            care_services.visit_add(
                actor=actor,
                subject=subject,
                visited_on=day,
                kind=kind,
                situation=rng.choice(CHILD_SITUATIONS if subject.is_minor_record else SITUATIONS),
                visitor=worker,
                help_given="春节慰问:送去米、油和慰问金200元" if month == 1 else rng.choice(HELP),
                next_action="下月继续走访" if month < final else "",
            )
