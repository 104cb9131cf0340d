"""Figures of 社会救助·福利 on hand-counted fixtures, empty periods included.

Home community (``world.community``):
* 城乡低保 (per household, 300): household 0001 (张建国, 李秀英, 张伟 and the three 杨 elders: six on the
  register) 在保 since 2026-02-01; household 0002 (王芳) applied 2026-03-01, not yet 在保.
* 高龄补贴 (per person, 50): 杨老大 在保 since 2026-02-10, 杨老二 since 2026-04-01 and stopped 2026-06-30.
* Batches: 低保 February (approved: 1 line, 300), 低保 March (approved: 1 line, 300 → 320 by hand), 高龄 March
  (approved: 2 lines, 100), 高龄 April (submitted, not approved: does not count).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from governance import roles
from services.models.welfare import DistributionBatch, Donation, DonationCampaign, DonationKind
from services.selectors.welfare import donations_by_campaign, enrolment_counts, payments_by_programme_month
from services.services.welfare import (
    batch_approve,
    batch_build_from_enrolments,
    batch_build_from_rule,
    batch_create,
    batch_submit,
    campaign_save,
    donation_add,
    enrolment_stop,
    line_set_amount,
)
from tests.factories import UserFactory
from tests.services import welfare_fixtures
from tests.services.welfare_fixtures import RULE_DAY, D, approved_batch, enrol

pytestmark = pytest.mark.django_db

welfare = welfare_fixtures.welfare


@pytest.fixture
def figures(world, population, welfare):
    worker, head = world.worker, world.head
    enrol(worker, welfare.elderly, person=welfare.old_81, applied_on=D(2026, 2, 1), active_on=D(2026, 2, 10))
    stopped = enrol(worker, welfare.elderly, person=welfare.turns_80, applied_on=D(2026, 3, 2), active_on=D(2026, 4, 1))
    enrolment_stop(actor=worker, enrolment=stopped, on=D(2026, 6, 30), reason="迁出")
    approved_batch(worker, head, welfare.dibao, D(2026, 2, 1))
    march = batch_build_from_enrolments(
        actor=worker,
        batch=batch_create(
            actor=worker, batch=DistributionBatch(title="三月低保", programme=welfare.dibao, period=D(2026, 3, 1))
        ),
    )
    line_set_amount(actor=worker, line=march.lines.get(), amount=Decimal("320"))
    march = batch_submit(actor=worker, batch=march, on=D(2026, 3, 20))
    batch_approve(actor=head, batch=march, on=D(2026, 3, 25))
    elderly = batch_build_from_rule(
        actor=worker,
        batch=batch_create(
            actor=worker, batch=DistributionBatch(title="三月高龄", programme=welfare.elderly, period=RULE_DAY)
        ),
        on=RULE_DAY,
        min_age=80,
    )
    batch_approve(actor=head, batch=batch_submit(actor=worker, batch=elderly, on=D(2026, 3, 27)), on=D(2026, 3, 28))
    pending = batch_build_from_rule(
        actor=worker,
        batch=batch_create(
            actor=worker, batch=DistributionBatch(title="四月高龄", programme=welfare.elderly, period=D(2026, 4, 1))
        ),
        on=D(2026, 4, 1),
        min_age=80,
    )
    batch_submit(actor=worker, batch=pending)
    # The neighbouring community pays too; it is never counted for the home community.
    other_head = world.other_head
    other_approver = UserFactory(username="duomu_zhuren", community=world.other_community, role=roles.COMMUNITY_HEAD)
    enrol(other_head, welfare.other_programme, person=population.outsider, active_on=D(2026, 2, 1))
    approved_batch(other_head, other_approver, welfare.other_programme, D(2026, 3, 1))
    return welfare


class TestPayments:
    def test_per_programme_and_month_for_the_first_quarter(self, world, figures):
        rows = payments_by_programme_month(community=world.community, start=D(2026, 1, 1), end=D(2026, 3, 31))
        assert [(row.programme, row.month, row.amount, row.recipients, row.batches) for row in rows] == [
            ("城乡低保", D(2026, 2, 1), Decimal("300.00"), 1, 1),
            ("城乡低保", D(2026, 3, 1), Decimal("320.00"), 1, 1),
            ("高龄补贴", D(2026, 3, 1), Decimal("100.00"), 2, 1),
        ]

    def test_a_batch_awaiting_approval_has_paid_nothing(self, world, figures):
        assert payments_by_programme_month(community=world.community, start=D(2026, 4, 1), end=D(2026, 4, 30)) == []

    def test_the_street_counts_both_communities(self, world, figures):
        rows = payments_by_programme_month(
            communities=[world.community, world.other_community], start=D(2026, 3, 1), end=D(2026, 3, 31)
        )
        assert sum(row.amount for row in rows) == Decimal("700.00")  # 320 + 100 + 朵亩 280

    def test_an_empty_period(self, world, figures):
        assert payments_by_programme_month(community=world.community, start=D(2025, 1, 1), end=D(2025, 12, 31)) == []


class TestEnrolmentCounts:
    def counts(self, world, on):
        return {
            row.programme: (row.households, row.persons) for row in enrolment_counts(community=world.community, on=on)
        }

    def test_households_and_persons_as_of_dates(self, world, figures):
        # 2026-05-01: 低保 household 0001 (6 on the register); 高龄 杨老大 and 杨老二, both of household 0001.
        assert self.counts(world, D(2026, 5, 1)) == {"城乡低保": (1, 6), "高龄补贴": (1, 2)}
        # 2026-07-01: 杨老二 stopped on 2026-06-30.
        assert self.counts(world, D(2026, 7, 1)) == {"城乡低保": (1, 6), "高龄补贴": (1, 1)}

    def test_before_anyone_was_enrolled(self, world, figures):
        assert self.counts(world, D(2026, 1, 1)) == {"城乡低保": (0, 0), "高龄补贴": (0, 0)}

    def test_a_community_without_programmes(self, world, figures):
        assert enrolment_counts(community=world.far_community, on=D(2026, 5, 1)) == []


class TestDonations:
    def test_per_campaign_in_the_period(self, world, population):
        actor = world.worker
        campaign = campaign_save(actor=actor, campaign=DonationCampaign(name="捐献一元钱", start_on=D(2026, 10, 1)))
        fund = campaign_save(actor=actor, campaign=DonationCampaign(name="帮困基金", start_on=D(2026, 9, 1)))
        for donation in [
            Donation(donor_person=population.spouse, amount=Decimal("1"), donated_on=D(2026, 10, 2)),
            Donation(donor_person=population.spouse, amount=Decimal("1"), donated_on=D(2026, 10, 9)),
            Donation(donor_person=population.son, amount=Decimal("2"), donated_on=D(2026, 10, 3)),
            Donation(
                donor_unit=world.unit, kind=DonationKind.GOODS, amount=Decimal("150"), goods="大米10袋",
                donated_on=D(2026, 10, 5),
            ),
            Donation(donor_name="外出务工人员", amount=Decimal("500"), donated_on=D(2026, 11, 2)),
        ]:  # fmt: skip
            donation_add(actor=actor, campaign=campaign, donation=donation)
        donation_add(
            actor=actor,
            campaign=fund,
            donation=Donation(donor_name="某老板", amount=Decimal("1000"), donated_on=D(2026, 9, 5)),
        )
        rows = donations_by_campaign(community=world.community, start=D(2026, 10, 1), end=D(2026, 10, 31))
        assert [(r.campaign, r.donations, r.donors, r.money, r.goods_value) for r in rows] == [
            ("捐献一元钱", 4, 3, Decimal("4.00"), Decimal("150.00")),
        ]
        rows = donations_by_campaign(community=world.community, start=D(2026, 9, 1), end=D(2026, 11, 30))
        assert [(r.campaign, r.donations, r.donors, r.money) for r in rows] == [
            ("帮困基金", 1, 1, Decimal("1000.00")),
            ("捐献一元钱", 5, 4, Decimal("504.00")),
        ]

    def test_an_empty_period(self, world):
        assert donations_by_campaign(community=world.community, start=D(2026, 1, 1), end=D(2026, 1, 31)) == []
