"""Demo 就业服务 for ``seed_demo``.

Employment (箐口): the demo's 下岗失业人员 (category 下岗失业, topped up with residents whose 就业状况 is 下岗,
失业 or 待业, aged 18–59, up to ten) registered as job seekers in 2026; four vacancies reported by units
(two 公益性岗位: 社区保洁员 and 护林员); referrals, most placed within 48 hours of the referral ([001]: 「不挑
不拣保你48小时上岗」), two later, one not taken and one awaiting an answer; the 厨师培训班 of seed 000 with its
trainees; 失业保险金 (1260 元 a month) for up to three seekers still seeking, for up to six months from registration.

朵亩 gets two seekers and a vacancy. Everything is written through the services as ``demo["admin"]``;
a community that already has seekers is left alone.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from governance.models import Community, ResidentUnit, User
from residents.choices import PersonStatus
from residents.models import CategoryMembership, Person
from services.models.employment import (
    BenefitKind,
    BenefitPayment,
    CourseKind,
    Education,
    JoblessKind,
    JobSeeker,
    TrainingCourse,
    TrainingOutcome,
    Vacancy,
)
from services.services.employment import (
    benefit_add,
    course_save,
    enrolment_add,
    enrolment_set_outcome,
    referral_add,
    referral_place,
    referral_reject,
    seeker_save,
    vacancy_save,
)

D = datetime.date
TZ = ZoneInfo("Asia/Shanghai")
AS_OF = D(2026, 11, 20)
MAX_SEEKERS = 10

JOBLESS_STATUSES = {
    "laid_off": JoblessKind.LAID_OFF,
    "unemployed": JoblessKind.UNEMPLOYED,
    "awaiting": JoblessKind.NEVER_EMPLOYED,
}
WANTED = ["保洁、保绿", "建材厂装卸", "农产品加工", "餐饮服务、厨师", "家政服务", "保安、门卫", "驾驶员", "种植养殖"]
SKILLS = ["会驾驶(C1)", "种植万寿菊", "烹饪", "电焊", "缝纫", "砌筑", "", ""]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _staff(community: Community, *usernames: str) -> User | None:
    for username in usernames:
        user = User.objects.filter(username=username, community=community).first()
        if user is not None:
            return user
    return User.objects.filter(community=community, is_active=True).order_by("pk").first()


def _category_people(community: Community, code: str, on: datetime.date) -> list[Person]:
    memberships = CategoryMembership.objects.filter(community=community, category__code=code).active_on(on)
    people = Person.objects.filter(pk__in=memberships.values("person_id"), status=PersonStatus.ACTIVE)
    return list(people.select_related("household").order_by("household__number", "birth_date", "pk"))


def _jobless(community: Community, as_of: datetime.date) -> list[tuple[Person, str]]:
    """The 下岗失业 people of the register, topped up with jobless adults, at most ``MAX_SEEKERS``."""
    chosen = [(person, JoblessKind.LAID_OFF) for person in _category_people(community, "unemployed", as_of)]
    seen = {person.pk for person, _ in chosen}
    others = Person.objects.filter(
        community=community, status=PersonStatus.ACTIVE, employment_status__in=list(JOBLESS_STATUSES)
    ).order_by("household__number", "pk")
    for person in others:
        if len(chosen) >= MAX_SEEKERS:
            break
        if person.pk not in seen and 18 <= person.age_on(as_of) < 60:
            chosen.append((person, JOBLESS_STATUSES[person.employment_status]))
            seen.add(person.pk)
    if len(chosen) < 4:  # a register without any: some adults of working age
        adults = Person.objects.filter(community=community, status=PersonStatus.ACTIVE).order_by("pk")
        for person in adults:
            if len(chosen) >= 4:
                break
            if person.pk not in seen and 25 <= person.age_on(as_of) < 50:
                chosen.append((person, JoblessKind.UNEMPLOYED))
                seen.add(person.pk)
    return chosen[:MAX_SEEKERS]


def seed(demo: dict) -> None:
    actor = demo["admin"]
    as_of = demo.get("as_of", AS_OF)
    _seed_employment(actor, demo["qingkou"], as_of, rng=random.Random(20261122))
    _seed_employment(actor, demo["duomu"], as_of, rng=random.Random(20261124), small=True)


def _seed_employment(actor, community: Community, as_of, *, rng: random.Random, small: bool = False) -> None:
    if JobSeeker.objects.filter(community=community).exists():
        return
    people = _jobless(community, as_of)
    if small:
        people = people[:2]
    seekers = []
    for index, (person, kind) in enumerate(people):
        registered = D(2026, 1 + index % 9, 3 + rng.randrange(20))
        seekers.append(
            seeker_save(
                actor=actor,
                seeker=JobSeeker(
                    community=community,
                    person=person,
                    jobless_kind=kind,
                    registered_on=registered,
                    card_number=f"5325{registered:%Y}{index + 1:06d}" if index % 3 else "",
                    education=rng.choice([Education.PRIMARY, Education.JUNIOR, Education.JUNIOR, Education.SENIOR]),
                    skills=rng.choice(SKILLS),
                    wanted_job=rng.choice(WANTED),
                ),
            )
        )
    units = {unit.name: unit for unit in ResidentUnit.objects.filter(community=community)}

    def vacancy(employer, title, posts, reported, wage, public=False):
        unit = units.get(employer)
        return vacancy_save(
            actor=actor,
            vacancy=Vacancy(
                community=community,
                employer_unit=unit,
                employer_name="" if unit else employer,
                title=title,
                posts=posts,
                wage=Decimal(wage),
                reported_on=reported,
                is_public_welfare=public,
            ),
        )

    if small:
        vacancy("朵亩茶叶专业合作社", "采茶工", 3, D(2026, 3, 2), "1800")
        return
    vacancies = [
        vacancy("箐口建材有限公司", "装卸工", 3, D(2026, 2, 6), "2600"),
        vacancy("箐口农产品加工厂", "分拣包装工", 3, D(2026, 3, 12), "2200"),
        vacancy("箐口社区居民委员会", "社区保洁员", 2, D(2026, 4, 1), "1500", public=True),
        vacancy("团结街道农业综合服务中心", "护林员", 1, D(2026, 5, 8), "1300", public=True),
    ]
    # (seeker index, vacancy index, hours until placement, or "rejected" / "pending")
    plan = [(0, 2, 20), (1, 0, 26), (2, 1, 6), (3, 3, 44), (4, 0, 30), (5, 1, 72), (6, 2, 120), (7, 0, "rejected")]
    plan.append((8, 1, "pending"))
    for seeker_index, vacancy_index, outcome in plan:
        if seeker_index >= len(seekers):
            continue
        seeker = seekers[seeker_index]
        target = vacancies[vacancy_index]
        day = max(seeker.registered_on, target.reported_on) + datetime.timedelta(days=2 + rng.randrange(10))
        referred_at = _at(day, 9 + rng.randrange(6), rng.choice([0, 15, 30, 45]))
        referral = referral_add(actor=actor, seeker=seeker, vacancy=target, referred_at=referred_at)
        if outcome == "rejected":
            referral_reject(actor=actor, referral=referral, note="用工单位要求有相关工作经验,未录用。")
        elif outcome != "pending":
            referral_place(actor=actor, referral=referral, placed_at=referred_at + datetime.timedelta(hours=outcome))
    course = course_save(
        actor=actor,
        course=TrainingCourse(
            community=community,
            name="厨师培训班",
            provider="县就业服务中心",
            kind=CourseKind.FREE,
            start_on=D(2026, 5, 11),
            end_on=D(2026, 5, 30),
            note="免费培训,结业考核合格者颁发中式烹调师职业技能等级证书。",
        ),
    )
    outcomes = [TrainingOutcome.CERTIFIED, TrainingOutcome.CERTIFIED, TrainingOutcome.GRADUATED]
    outcomes += [TrainingOutcome.CERTIFIED, TrainingOutcome.INCOMPLETE, TrainingOutcome.GRADUATED]
    for seeker, outcome in zip(seekers, outcomes, strict=False):
        enrolment = enrolment_add(actor=actor, course=course, person=seeker.person)
        certificate = "中式烹调师(五级)" if outcome == TrainingOutcome.CERTIFIED else ""
        enrolment_set_outcome(actor=actor, enrolment=enrolment, outcome=outcome, certificate=certificate)
    unplaced = JobSeeker.objects.filter(pk__in=[seeker.pk for seeker in seekers]).seeking().order_by("registered_on")
    for seeker in list(unplaced)[:3]:
        first = seeker.registered_on.month
        for month in range(first, min(first + 6, as_of.month)):
            benefit_add(
                actor=actor,
                payment=BenefitPayment(
                    community=community,
                    person=seeker.person,
                    kind=BenefitKind.UNEMPLOYMENT,
                    period=D(2026, month, 1),
                    amount=Decimal("1260.00"),
                ),
            )
