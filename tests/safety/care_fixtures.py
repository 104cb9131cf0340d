"""Fixtures of the care area (帮教, 社区矫正, key persons): a case of each kind in the home community
of the ``world``, opened through the services, and one in the neighbouring community.

``population.son`` (张伟) already holds the 刑释 category; ``population.householder_b`` (王芳) holds none.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from residents.models import Category
from safety.models.care import (
    CareRule,
    CorrectionCase,
    CorrectionType,
    RehabCase,
    RehabKind,
    RehabVisit,
    VisitFrequency,
)
from safety.services.care import care_rule_save, correction_case_open, rehab_case_open, rehab_visit_record

RELEASED_ON = datetime.date(2024, 3, 1)


def open_rehab(actor, person, *, released_on=RELEASED_ON, frequency=VisitFrequency.MONTHLY, **fields) -> RehabCase:
    return rehab_case_open(
        actor=actor,
        case=RehabCase(
            person=person,
            kind=fields.pop("kind", RehabKind.RELEASED),
            released_on=released_on,
            visit_frequency=frequency,
            offence=fields.pop("offence", "盗窃罪"),
            **fields,
        ),
    )


def open_correction(actor, person, *, start_on=datetime.date(2025, 6, 1), **fields) -> CorrectionCase:
    return correction_case_open(
        actor=actor,
        case=CorrectionCase(
            person=person,
            correction_type=fields.pop("correction_type", CorrectionType.PROBATION),
            start_on=start_on,
            end_on=fields.pop("end_on", datetime.date(2026, 5, 31)),
            judicial_office="团结司法所",
            officer_name="周司法",
            officer_phone="0871-68000000",
            report_interval_days=fields.pop("report_interval_days", 30),
            **fields,
        ),
    )


def visit(actor, case, on, **fields) -> RehabVisit:
    return rehab_visit_record(
        actor=actor,
        case=case,
        visit=RehabVisit(visited_on=on, visitors=fields.pop("visitors", "治保主任、片警"), living="稳定", **fields),
    )


@dataclass
class Care:
    rehab: RehabCase  # 张伟 (population.son), 刑满释放 on 2024-03-01, monthly
    correction: CorrectionCase  # 王芳 (population.householder_b), 缓刑 2025-06-01 to 2026-05-31
    other_rehab: RehabCase  # 赵强 (population.outsider), in the neighbouring community
    rule: CareRule  # 刑释, every 30 days, head responsible


@pytest.fixture
def care(world, population) -> Care:
    rehab = open_rehab(world.mediator, population.son, responsible=world.mediator)
    correction = open_correction(world.mediator, population.householder_b)
    other = open_rehab(world.other_head, population.outsider)
    rule = care_rule_save(
        actor=world.head,
        rule=CareRule(category=Category.objects.get(code="released"), interval_days=30, responsible=world.mediator),
    )
    return Care(rehab=rehab, correction=correction, other_rehab=other, rule=rule)
