"""The demo of 社会救助·福利 on the world's small population with a few tags and categories added: it runs,
gives seed 000's October totals, batches are prepared by gongzuo and approved by shuji, and it is idempotent."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from households.services import household_tag_add
from residents.models import Category
from residents.services import membership_add
from services.demo import welfare as demo_welfare
from services.demo.welfare import split
from services.models.welfare import (
    AssistancePair,
    BatchStatus,
    DistributionBatch,
    Donation,
    EnrolmentStatus,
    WelfareEnrolment,
    WelfareProgramme,
)
from services.selectors.welfare import payments_by_programme_month

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def demo(world, population):
    actor = world.superuser
    for household in (population.household, population.household_b):
        household_tag_add(actor=actor, household=household, kind="poor", start_on=D(2024, 1, 1), source_document="")
    household_tag_add(
        actor=actor, household=population.household, kind="dibao", start_on=D(2024, 1, 1), source_document=""
    )
    membership_add(
        actor=actor,
        person=population.spouse,
        category=Category.objects.get(code="disabled"),
        start_on=D(2024, 1, 1),
        disability_type="肢体",
        disability_grade="三级",
    )
    membership_add(
        actor=actor,
        person=population.householder_b,
        category=Category.objects.get(code="wubao"),
        start_on=D(2024, 1, 1),
    )
    return {"admin": actor, "qingkou": world.community, "duomu": world.other_community, "as_of": D(2026, 11, 20)}


def test_seed_reproduces_seed_000_s_october_payments(world, demo):
    demo_welfare.seed(demo)

    october = {
        row.programme: row.amount
        for row in payments_by_programme_month(community=world.community, start=D(2026, 10, 1), end=D(2026, 10, 31))
    }
    assert october["抗旱救灾贫困户资金"] == Decimal("50000.00")
    assert october["残疾人中秋慰问"] == Decimal("3750.00")
    assert october["低保户中秋慰问金"] == Decimal("3800.00")
    assert october["五保中秋慰问金"] == Decimal("1000.00")
    assert october["农村最低生活保障"] == Decimal("450.00")

    batches = DistributionBatch.objects.filter(community=world.community)
    approved = batches.filter(status=BatchStatus.APPROVED)
    assert {batch.prepared_by for batch in approved} == {world.worker}
    assert {batch.approved_by for batch in approved} == {world.head}
    dibao_months = approved.filter(programme__name="农村最低生活保障").values_list("period", flat=True)
    assert sorted(dibao_months) == [D(2026, month, 1) for month in range(1, 12)]
    assert WelfareEnrolment.objects.get(household=demo["qingkou"].households.get(number="0001")).status == (
        EnrolmentStatus.ACTIVE
    )
    assert WelfareProgramme.objects.filter(community=world.community).count() == 8
    assert Donation.objects.filter(community=world.community).exists()
    assert AssistancePair.objects.filter(community=world.community).exists()


def test_running_the_seed_twice_changes_nothing(demo):
    demo_welfare.seed(demo)
    before = (DistributionBatch.objects.count(), WelfareEnrolment.history.count(), Donation.objects.count())
    demo_welfare.seed(demo)
    assert (DistributionBatch.objects.count(), WelfareEnrolment.history.count(), Donation.objects.count()) == before


def test_split_shares_a_total_exactly_in_steps_of_ten():
    assert split(Decimal("3800"), 19) == [Decimal("200")] * 19
    amounts = split(Decimal("50000"), 14)
    assert sum(amounts) == Decimal("50000")
    assert all(amount % 10 == 0 for amount in amounts)
    assert max(amounts) - min(amounts) <= 10


def test_the_area_is_seeded_by_seed_demo():
    from services.demo import AREAS

    assert "welfare" in AREAS
