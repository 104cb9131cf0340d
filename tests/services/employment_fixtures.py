"""Fixtures of the employment and care areas on the ``world`` and its ``population``.

Employment (2026-03): 张伟 (group_a, 下岗) registered 03-01 and 王芳 (group_b, 失业) registered 03-10; a
公益性岗位 保洁员 (2 posts) of the world's unit reported 03-05 and 装卸工 (1 post) of 箐口建材 reported 04-01;
张伟 referred to 保洁员 on 03-06 09:00 (待反馈). In the neighbouring community: 赵强's card and a vacancy.

Care: 李秀英 空巢老人 from 2026-01-01 every 30 days, visited 02-10 (走访) and 03-05 (电话); 王芳 留守妇女 from
02-01 every 30 days, never visited; 张建国 高龄 from 01-01, ended 02-15. 赵强 in the neighbouring community.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from services.models.care import CareKind, CareSubject, CareVisit, VisitKind
from services.models.employment import JoblessKind, JobSeeker, Referral, TrainingCourse, Vacancy
from services.services import care as care_services
from services.services.employment import course_save, referral_add, seeker_save, vacancy_save

TZ = ZoneInfo("Asia/Shanghai")
D = datetime.date


def at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


@dataclass
class Employment:
    seeker: JobSeeker  # 张伟
    seeker_b: JobSeeker  # 王芳
    other_seeker: JobSeeker
    cleaner: Vacancy  # 公益性岗位, 2 posts
    loader: Vacancy
    other_vacancy: Vacancy
    referral: Referral  # 张伟 → 保洁员, 待反馈
    course: TrainingCourse


@pytest.fixture
def employment(world, population) -> Employment:
    actor = world.superuser

    def seeker(person, kind, on):
        return seeker_save(actor=actor, seeker=JobSeeker(person=person, jobless_kind=kind, registered_on=on))

    def vacancy(community, title, posts, on, **fields):
        return vacancy_save(
            actor=actor,
            vacancy=Vacancy(community=community, title=title, posts=posts, reported_on=on, **fields),
        )

    son = seeker(population.son, JoblessKind.LAID_OFF, D(2026, 3, 1))
    b = seeker(population.householder_b, JoblessKind.UNEMPLOYED, D(2026, 3, 10))
    other = seeker(population.outsider, JoblessKind.UNEMPLOYED, D(2026, 3, 1))
    cleaner = vacancy(
        world.community,
        "保洁员",
        2,
        D(2026, 3, 5),
        employer_unit=world.unit,
        wage=Decimal("1800"),
        is_public_welfare=True,
    )
    loader = vacancy(world.community, "装卸工", 1, D(2026, 4, 1), employer_name="箐口建材有限公司")
    other_vacancy = vacancy(world.other_community, "门卫", 1, D(2026, 3, 5), employer_name="朵亩茶厂")
    referral = referral_add(actor=actor, seeker=son, vacancy=cleaner, referred_at=at(2026, 3, 6))
    course = course_save(
        actor=actor,
        course=TrainingCourse(
            community=world.community,
            name="厨师培训班",
            provider="县职业技术学校",
            start_on=D(2026, 3, 20),
            end_on=D(2026, 4, 10),
        ),
    )
    return Employment(son, b, other, cleaner, loader, other_vacancy, referral, course)


@dataclass
class Care:
    empty_nest: CareSubject  # 李秀英
    woman: CareSubject  # 王芳, never visited
    ended: CareSubject  # 张建国 高龄, ended 2026-02-15
    other: CareSubject
    visit: CareVisit


@pytest.fixture
def care(world, population) -> Care:
    actor = world.superuser

    def subject(person, kind, started_on, **fields):
        return care_services.subject_save(
            actor=actor, subject=CareSubject(person=person, kind=kind, started_on=started_on, **fields)
        )

    empty_nest = subject(
        population.spouse,
        CareKind.EMPTY_NEST,
        D(2026, 1, 1),
        responsible=world.worker,
        caregiver_name="张丽",
        caregiver_relation="女儿",
        caregiver_phone="13900000001",
    )
    woman = subject(population.householder_b, CareKind.LEFT_BEHIND_WOMAN, D(2026, 2, 1))
    ended = subject(
        population.householder, CareKind.OLDEST_OLD, D(2026, 1, 1), ended_on=D(2026, 2, 15), is_active=False
    )
    other = subject(population.outsider, CareKind.LIVING_ALONE, D(2026, 1, 1))
    visit = care_services.visit_add(
        actor=actor,
        subject=empty_nest,
        visited_on=D(2026, 2, 10),
        kind=VisitKind.HOME,
        situation="身体尚好。",
        visitor=world.worker,
    )
    care_services.visit_add(
        actor=actor,
        subject=empty_nest,
        visited_on=D(2026, 3, 5),
        kind=VisitKind.PHONE,
        situation="电话问候。",
        visitor=world.worker,
        help_given="代买药品",
    )
    return Care(empty_nest, woman, ended, other, visit)
