"""Fixtures of the welfare area: programmes, enrolments and batches of the ``world``'s home community,
elderly residents around the 80-year threshold, one programme and batch in the neighbouring community.

Dates are in 2026, before the day these tests were written (2026-11-22), never "today".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from residents.choices import EventKind, Relation
from residents.models import Person
from residents.services import person_register, person_register_death
from services.models.welfare import (
    BeneficiaryUnit,
    DistributionBatch,
    FundingSource,
    ProgrammeKind,
    WelfareEnrolment,
    WelfareProgramme,
)
from services.services.welfare import (
    batch_approve,
    batch_build_from_enrolments,
    batch_create,
    batch_submit,
    enrolment_advance,
    enrolment_apply,
    programme_save,
)
from tests.factories import make_id_number

D = datetime.date
RULE_DAY = D(2026, 3, 1)
JANUARY_5 = D(2026, 1, 5)


def programme(actor, community, name, kind, amount, *, unit=BeneficiaryUnit.PERSON, **fields):
    return programme_save(
        actor=actor,
        programme=WelfareProgramme(
            community=community,
            name=name,
            kind=kind,
            unit=unit,
            standard_amount=Decimal(amount),
            funding_source=fields.pop("funding_source", FundingSource.CIVIL_AFFAIRS),
            **fields,
        ),
    )


def enrol(actor, programme, *, person=None, household=None, applied_on=JANUARY_5, active_on=None, **fields):
    enrolment = enrolment_apply(
        actor=actor,
        enrolment=WelfareEnrolment(
            programme=programme, person=person, household=household, applied_on=applied_on, **fields
        ),
    )
    if active_on is not None:
        for _ in range(4):
            enrolment = enrolment_advance(actor=actor, enrolment=enrolment, on=active_on)
    return enrolment


def approved_batch(preparer, approver, programme, period, *, title="", on=None):
    batch = batch_create(
        actor=preparer,
        batch=DistributionBatch(title=title or f"{period:%Y年%m月}{programme}", programme=programme, period=period),
    )
    batch = batch_build_from_enrolments(actor=preparer, batch=batch)
    batch = batch_submit(actor=preparer, batch=batch, on=period.replace(day=15))
    return batch_approve(actor=approver, batch=batch, on=on or period.replace(day=20))


def resident(actor, population, name, birth, sex, sequence, *, home=None):
    """A resident of the home community's first household (or ``home``), registered in 2020."""
    household = home or population.household
    person = Person(
        name=name,
        id_number=make_id_number(birth, sex, sequence),
        household=household,
        relation=Relation.PARENT,
        current_address=household.address,
    )
    return person_register(actor=actor, person=person, on=D(2020, 1, 1), kind=EventKind.REGISTER)


@dataclass
class Welfare:
    dibao: WelfareProgramme  # 低保, per household, 300 元
    elderly: WelfareProgramme  # 高龄补贴, per person, 50 元
    other_programme: WelfareProgramme  # of the neighbouring community
    enrolment: WelfareEnrolment  # household 0001 in 低保, 在保 since 2026-02-01
    applied: WelfareEnrolment  # household 0002 in 低保, 申报 only
    old_81: Person  # born 1945-02-28: 81 on RULE_DAY
    turns_80: Person  # born 1946-03-01: 80 exactly on RULE_DAY
    almost_80: Person  # born 1946-03-02: 79 on RULE_DAY
    dead_90: Person  # born 1936-01-01, died 2026-01-10
    other_90: Person  # born 1936-05-05, in the neighbouring community


@pytest.fixture
def welfare(world, population) -> Welfare:
    actor = world.superuser
    dibao = programme(
        actor, world.community, "城乡低保", ProgrammeKind.DIBAO, "300", unit=BeneficiaryUnit.HOUSEHOLD, review_months=6
    )
    elderly = programme(
        actor, world.community, "高龄补贴", ProgrammeKind.ELDERLY, "50", funding_source=FundingSource.AGEING
    )
    other = programme(actor, world.other_community, "朵亩低保", ProgrammeKind.DIBAO, "280")
    enrolment = enrol(actor, dibao, household=population.household, active_on=D(2026, 2, 1))
    applied = enrol(actor, dibao, household=population.household_b, applied_on=D(2026, 3, 1))
    old_81 = resident(actor, population, "杨老大", D(1945, 2, 28), "M", 41)
    turns_80 = resident(actor, population, "杨老二", D(1946, 3, 1), "F", 42)
    almost_80 = resident(actor, population, "杨老三", D(1946, 3, 2), "M", 43)
    dead_90 = resident(actor, population, "杨老太", D(1936, 1, 1), "F", 44, home=population.household_b)
    person_register_death(actor=actor, person=dead_90, on=D(2026, 1, 10))
    other_90 = resident(actor, population, "赵老汉", D(1936, 5, 5), "M", 45, home=population.other_household)
    return Welfare(dibao, elderly, other, enrolment, applied, old_81, turns_80, almost_80, dead_90, other_90)
