"""社会救助·福利·慰问发放 (issue 4 item 4; domain.md §2.3.4, workflows W7 and W8).

* ``WelfareProgramme``: a programme of the community (低保, 五保, 高龄补贴 …) with its standard amount.
* ``WelfareEnrolment``: a household or a person enrolled in a programme, through the status machine kept
  by ``services.services.welfare``: 申报 → 调查 → 审核 → 公示 → 在保 → 停保 (with a reason), each step
  dated, with periodic reviews (复核) and an overdue-review list.
* ``DistributionBatch`` and ``DistributionLine``: a payment batch (发放批次) whose recipient list is built
  from the programme's 在保 enrolments or from a rule (category, age), frozen when submitted, approved by
  another user holding ``services.approve_distributionbatch`` (four eyes), then paid line by line with
  the signed-for date (签领日期). An approved batch never changes; a correction is a new batch.
* ``DonationCampaign`` / ``Donation`` (募捐活动, 捐赠) and ``AssistancePair`` / ``AssistanceVisit`` (结对帮扶).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup, ResidentUnit
from governance.querysets import ScopedQuerySet
from households.models import Household
from residents.models import Category, Person


class ProgrammeKind(models.TextChoices):
    DIBAO = "dibao", "低保"
    WUBAO = "wubao", "五保/特困供养"
    ELDERLY = "elderly", "高龄补贴"
    DISABILITY_LIVING = "disability_living", "残疾人生活补贴"
    DISABILITY_CARE = "disability_care", "残疾人护理补贴"
    TEMPORARY = "temporary", "临时救助"
    FESTIVAL = "festival", "节日慰问"
    SERIOUS_ILLNESS = "serious_illness", "大病救助"
    ENTITLED = "entitled", "优抚"
    OTHER = "other", "其他"


class BeneficiaryUnit(models.TextChoices):
    HOUSEHOLD = "household", "户"
    PERSON = "person", "人"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "月"
    QUARTERLY = "quarterly", "季"
    YEARLY = "yearly", "年"
    ONCE = "once", "一次性"


class FundingSource(models.TextChoices):
    CIVIL_AFFAIRS = "civil_affairs", "民政"
    DISABLED_FEDERATION = "disabled_federation", "残联"
    AGEING = "ageing", "老龄"
    HIGHER_LEVEL = "higher_level", "上级拨款"
    COMMUNITY = "community", "社区自筹"
    DONATION = "donation", "捐款"


class EnrolmentStatus(models.TextChoices):
    APPLIED = "applied", "申报"
    INVESTIGATING = "investigating", "调查"
    REVIEWING = "reviewing", "审核"
    PUBLICISED = "publicised", "公示"
    ACTIVE = "active", "在保"
    STOPPED = "stopped", "停保"


# The steps of the machine in order; each one's date is kept in the field named here.
ENROLMENT_STEPS = (
    (EnrolmentStatus.APPLIED, "applied_on"),
    (EnrolmentStatus.INVESTIGATING, "investigated_on"),
    (EnrolmentStatus.REVIEWING, "reviewed_on"),
    (EnrolmentStatus.PUBLICISED, "publicised_on"),
    (EnrolmentStatus.ACTIVE, "approved_on"),
)


class BatchStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交待审批"
    APPROVED = "approved", "已审批"


class BatchSource(models.TextChoices):
    ENROLMENTS = "enrolments", "在保对象"
    RULE = "rule", "按条件生成"
    MANUAL = "manual", "逐个添加"


class PaymentMethod(models.TextChoices):
    CASH = "cash", "现金"
    BANK = "bank", "银行代发"


class DonationKind(models.TextChoices):
    MONEY = "money", "现金/资金"
    GOODS = "goods", "物资"


class PairKind(models.TextChoices):
    PARTY_MEMBER = "party_member", "党员帮扶"
    CADRE = "cadre", "干部攀亲结对"
    VOLUNTEER = "volunteer", "志愿者结对"
    UNIT = "unit", "单位结对"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved ``months`` calendar months on (the 31st falls back to the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


#
# Programmes
#


class WelfareProgramme(models.Model):
    """A relief or welfare programme (救助/福利项目) of the community, with its standard amount per period."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="welfare_programmes"
    )
    name = models.CharField(verbose_name="项目名称", max_length=100)
    kind = models.CharField(verbose_name="项目类别", max_length=24, choices=ProgrammeKind)
    unit = models.CharField(
        verbose_name="享受单位", max_length=16, choices=BeneficiaryUnit, default=BeneficiaryUnit.PERSON
    )
    standard_amount = models.DecimalField(verbose_name="标准金额(元)", **MONEY)
    frequency = models.CharField(verbose_name="发放周期", max_length=16, choices=Frequency, default=Frequency.MONTHLY)
    funding_source = models.CharField(verbose_name="资金来源", max_length=24, choices=FundingSource)
    review_months = models.PositiveSmallIntegerField(
        verbose_name="复核周期(月)", default=12, help_text="在保对象每隔多少个月复核一次;0 表示不需复核。"
    )
    eligibility = models.TextField(verbose_name="享受条件", blank=True)
    is_active = models.BooleanField(verbose_name="启用", default=True)
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "救助福利项目"
        verbose_name_plural = "救助福利项目"
        ordering = ["community_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="welfare_programme_unique_name",
                violation_error_message="本社区已有同名的救助福利项目。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:welfareprogramme_detail", kwargs={"pk": self.pk})


#
# Enrolments
#


class WelfareEnrolmentQuerySet(ScopedQuerySet):
    scope_group = "group"

    def current_on(self, day: datetime.date) -> WelfareEnrolmentQuerySet:
        """Enrolments 在保 on ``day``: approved by then and not stopped by then."""
        return self.filter(approved_on__lte=day).exclude(stopped_on__lte=day)

    def review_overdue(self, day: datetime.date) -> WelfareEnrolmentQuerySet:
        """在保 enrolments whose next review (复核) date is before ``day``."""
        return self.filter(status=EnrolmentStatus.ACTIVE, next_review_on__lt=day)


class WelfareEnrolment(models.Model):
    """A household or a person enrolled in a programme (享受对象台账), from the application to the end."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        WelfareProgramme, verbose_name="救助福利项目", on_delete=models.PROTECT, related_name="enrolments"
    )
    household = models.ForeignKey(
        Household, verbose_name="户", on_delete=models.PROTECT, null=True, blank=True, related_name="enrolments"
    )
    person = models.ForeignKey(
        Person, verbose_name="居民", on_delete=models.PROTECT, null=True, blank=True, related_name="enrolments"
    )
    status = models.CharField(
        verbose_name="状态", max_length=16, choices=EnrolmentStatus, default=EnrolmentStatus.APPLIED, db_index=True
    )
    amount = models.DecimalField(verbose_name="享受金额(元)", help_text="留空则按项目标准。", **MONEY)
    applied_on = models.DateField(verbose_name="申报日期")
    investigated_on = models.DateField(verbose_name="入户调查日期", null=True, blank=True)
    reviewed_on = models.DateField(verbose_name="审核日期", null=True, blank=True)
    publicised_on = models.DateField(verbose_name="公示日期", null=True, blank=True)
    approved_on = models.DateField(verbose_name="在保日期", null=True, blank=True, help_text="批准、开始享受的日期。")
    stopped_on = models.DateField(verbose_name="停保日期", null=True, blank=True)
    stop_reason = models.CharField(verbose_name="停保原因", max_length=200, blank=True)
    review_months = models.PositiveSmallIntegerField(verbose_name="复核周期(月)", default=12)
    last_review_on = models.DateField(verbose_name="最近复核日期", null=True, blank=True)
    next_review_on = models.DateField(verbose_name="下次复核日期", null=True, blank=True, db_index=True)
    approving_body = models.CharField(verbose_name="审批机关", max_length=100, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = WelfareEnrolmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "享受对象"
        verbose_name_plural = "享受对象台账"
        ordering = ["community_id", "programme", "-applied_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(household__isnull=True) & models.Q(person__isnull=False))
                | (models.Q(household__isnull=False) & models.Q(person__isnull=True)),
                name="welfare_enrolment_household_or_person",
                violation_error_message="享受对象须是一户或一人。",
            ),
            models.UniqueConstraint(
                fields=["programme", "person"],
                condition=~models.Q(status="stopped") & models.Q(person__isnull=False),
                name="welfare_enrolment_one_open_per_person",
                violation_error_message="该居民在此项目已有未停保的登记。",
            ),
            models.UniqueConstraint(
                fields=["programme", "household"],
                condition=~models.Q(status="stopped") & models.Q(household__isnull=False),
                name="welfare_enrolment_one_open_per_household",
                violation_error_message="该户在此项目已有未停保的登记。",
            ),
        ]

    def __str__(self):
        return f"{self.beneficiary_name} · {self.programme}"

    def get_absolute_url(self):
        return reverse("services:welfareenrolment_detail", kwargs={"pk": self.pk})

    @property
    def beneficiary_name(self) -> str:
        if self.person_id:
            return self.person.name
        if self.household_id:
            return str(self.household)
        return ""

    def clean(self):
        errors = {}
        if self.programme_id:
            unit = self.programme.unit
            if unit == BeneficiaryUnit.HOUSEHOLD and (self.person_id or not self.household_id):
                errors["household"] = f"项目「{self.programme}」以户享受,请填写户号。"
            if unit == BeneficiaryUnit.PERSON and (self.household_id or not self.person_id):
                errors["person"] = f"项目「{self.programme}」以人享受,请填写居民身份证号。"
            if self.community_id and self.programme.community_id != self.community_id:
                errors["programme"] = "项目必须是本社区的。"
        if self.community_id:
            if self.person_id and self.person.community_id != self.community_id:
                errors["person"] = "居民必须是本社区在册人员。"
            if self.household_id and self.household.community_id != self.community_id:
                errors["household"] = "户必须是本社区的。"
        previous, previous_label = self.applied_on, "申报日期"
        for _status, field_name in ENROLMENT_STEPS[1:]:
            day = getattr(self, field_name)
            if day is None:
                continue
            if previous is not None and day < previous:
                label = self._meta.get_field(field_name).verbose_name
                errors.setdefault(field_name, f"{label}不能早于{previous_label}。")
            previous, previous_label = day, self._meta.get_field(field_name).verbose_name
        if self.status in (EnrolmentStatus.ACTIVE,) and self.approved_on is None:
            errors.setdefault("approved_on", "在保的对象须填写在保日期。")
        if self.status == EnrolmentStatus.STOPPED:
            if self.stopped_on is None:
                errors.setdefault("stopped_on", "停保须填写停保日期。")
            if not self.stop_reason.strip():
                errors.setdefault("stop_reason", "停保须填写原因。")
        if self.stopped_on and self.applied_on and self.stopped_on < self.applied_on:
            errors.setdefault("stopped_on", "停保日期不能早于申报日期。")
        if errors:
            raise ValidationError(errors)

    def step_dates(self) -> list[tuple[str, datetime.date | None]]:
        """The machine's steps with their dates (停保 last), for the detail page."""
        steps = [(status.label, getattr(self, field_name)) for status, field_name in ENROLMENT_STEPS]
        return [*steps, (EnrolmentStatus.STOPPED.label, self.stopped_on)]


#
# Distribution batches
#


class DistributionBatch(models.Model):
    """A payment batch (发放批次) of one programme for one period: its recipient lines, frozen on submit."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="distribution_batches"
    )
    number = models.CharField(verbose_name="批次编号", max_length=20, editable=False)
    title = models.CharField(verbose_name="名称", max_length=100)
    programme = models.ForeignKey(
        WelfareProgramme, verbose_name="救助福利项目", on_delete=models.PROTECT, related_name="batches"
    )
    period = models.DateField(verbose_name="发放月份", help_text="所属月份(取当月1日)。", db_index=True)
    funding_source = models.CharField(verbose_name="资金来源", max_length=24, choices=FundingSource)
    source = models.CharField(verbose_name="名单来源", max_length=16, choices=BatchSource, default=BatchSource.MANUAL)
    rule_category = models.ForeignKey(
        Category, verbose_name="条件:人群类别", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rule_min_age = models.PositiveSmallIntegerField(verbose_name="条件:年龄不低于", null=True, blank=True)
    rule_on = models.DateField(verbose_name="条件计算日期", null=True, blank=True)
    status = models.CharField(
        verbose_name="状态", max_length=16, choices=BatchStatus, default=BatchStatus.DRAFT, db_index=True
    )
    corrects = models.ForeignKey(
        "self", verbose_name="更正批次", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="制表人", on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(verbose_name="提交时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_on = models.DateField(verbose_name="审批日期", null=True, blank=True)
    total_amount = models.DecimalField(verbose_name="合计金额(元)", default=Decimal("0"), **MONEY)
    recipient_count = models.PositiveIntegerField(verbose_name="发放对象数", default=0)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "发放批次"
        verbose_name_plural = "发放批次"
        ordering = ["community_id", "-period", "-number"]
        permissions = [("approve_distributionbatch", "审批发放批次")]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"],
                name="distribution_batch_unique_number",
                violation_error_message="本社区已有此编号的发放批次。",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("services:distributionbatch_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.programme_id and self.community_id and self.programme.community_id != self.community_id:
            errors["programme"] = "项目必须是本社区的。"
        if self.period and self.period.day != 1:
            self.period = self.period.replace(day=1)
        if self.corrects_id and self.corrects.community_id != self.community_id:
            errors["corrects"] = "更正的批次必须是本社区的。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_draft(self) -> bool:
        return self.status == BatchStatus.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.status == BatchStatus.APPROVED

    @property
    def rule_description(self) -> str:
        parts = []
        if self.rule_category_id:
            parts.append(f"{self.rule_category.name}")
        if self.rule_min_age is not None:
            parts.append(f"{self.rule_min_age}周岁及以上")
        on = f"(按{self.rule_on:%Y-%m-%d}计算)" if self.rule_on else ""
        return "、".join(parts) + on if parts else ""


class DistributionLine(models.Model):
    """One recipient of a batch (发放明细) with the amount; name, ID number and 户号 are copied in when the
    batch is submitted, so the paid list stays as it was approved whatever later happens to the register."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(
        DistributionBatch, verbose_name="发放批次", on_delete=models.CASCADE, related_name="lines"
    )
    person = models.ForeignKey(
        Person, verbose_name="居民", on_delete=models.PROTECT, null=True, blank=True, related_name="distribution_lines"
    )
    household = models.ForeignKey(
        Household, verbose_name="户", on_delete=models.PROTECT, null=True, blank=True, related_name="distribution_lines"
    )
    enrolment = models.ForeignKey(
        WelfareEnrolment, verbose_name="享受对象", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = models.DecimalField(verbose_name="金额(元)", **MONEY)
    name = models.CharField(verbose_name="姓名/户主", max_length=50, blank=True)
    id_number = models.CharField(verbose_name="证件号码", max_length=30, blank=True)
    household_number = models.CharField(verbose_name="户号", max_length=30, blank=True)
    paid_on = models.DateField(verbose_name="签领日期", null=True, blank=True)
    method = models.CharField(verbose_name="发放方式", max_length=8, choices=PaymentMethod, blank=True)
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "发放明细"
        verbose_name_plural = "发放明细"
        ordering = ["batch", "household_number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(household__isnull=False),
                name="distribution_line_has_recipient",
                violation_error_message="发放对象须是一户或一人。",
            ),
            models.UniqueConstraint(
                fields=["batch", "person"],
                condition=models.Q(person__isnull=False),
                name="distribution_line_person_once",
                violation_error_message="该居民已在本批次名单中。",
            ),
            models.UniqueConstraint(
                fields=["batch", "household"],
                condition=models.Q(person__isnull=True),
                name="distribution_line_household_once",
                violation_error_message="该户已在本批次名单中。",
            ),
        ]

    def __str__(self):
        return f"{self.batch.number} {self.display_name}"

    def get_absolute_url(self):
        return self.batch.get_absolute_url()

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.person_id:
            return self.person.name
        return str(self.household) if self.household_id else ""

    def refresh_snapshot(self) -> None:
        """Copy the recipient's name, ID number and 户号 (of the head, for a household) into the line."""
        person = self.person
        household = self.household
        if person is None and household is not None:
            person = household.members.filter(relation="head", status="active").first()
        if household is None and person is not None:
            household = person.household
        self.name = person.name if person is not None else str(household)
        self.id_number = person.id_number if person is not None else ""
        self.household_number = household.number if household is not None else ""


#
# Donations
#


class DonationCampaign(models.Model):
    """A fund-raising campaign (募捐活动): 为贫困老人捐献一元钱, 社区帮困基金 …"""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="donation_campaigns"
    )
    name = models.CharField(verbose_name="活动名称", max_length=100)
    purpose = models.TextField(verbose_name="募捐目的", blank=True)
    start_on = models.DateField(verbose_name="开始日期")
    end_on = models.DateField(verbose_name="结束日期", null=True, blank=True)
    organiser = models.CharField(verbose_name="组织者", max_length=100, blank=True)
    note = models.TextField(verbose_name="善款使用情况", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "募捐活动"
        verbose_name_plural = "募捐活动"
        ordering = ["community_id", "-start_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("start_on")),
                name="donation_campaign_ends_after_start",
                violation_error_message="结束日期不能早于开始日期。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:donationcampaign_detail", kwargs={"pk": self.pk})


class Donation(models.Model):
    """A donation (捐赠) to a campaign: money or goods, from a resident, a unit or someone named in free text."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(
        DonationCampaign, verbose_name="募捐活动", on_delete=models.PROTECT, related_name="donations"
    )
    donor_person = models.ForeignKey(
        Person, verbose_name="捐赠居民", on_delete=models.PROTECT, null=True, blank=True, related_name="donations"
    )
    donor_unit = models.ForeignKey(
        ResidentUnit, verbose_name="捐赠单位", on_delete=models.PROTECT, null=True, blank=True, related_name="donations"
    )
    donor_name = models.CharField(verbose_name="捐赠人(其他)", max_length=100, blank=True)
    kind = models.CharField(verbose_name="捐赠类型", max_length=8, choices=DonationKind, default=DonationKind.MONEY)
    amount = models.DecimalField(verbose_name="金额/折价(元)", **MONEY)
    goods = models.CharField(verbose_name="物资名称及数量", max_length=200, blank=True)
    donated_on = models.DateField(verbose_name="捐赠日期")
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "捐赠"
        verbose_name_plural = "捐赠登记"
        ordering = ["community_id", "-donated_on", "id"]

    def __str__(self):
        return f"{self.donor_display} {self.amount}元"

    def get_absolute_url(self):
        return self.campaign.get_absolute_url()

    @property
    def donor_display(self) -> str:
        if self.donor_person_id:
            return self.donor_person.name
        if self.donor_unit_id:
            return self.donor_unit.name
        return self.donor_name

    def clean(self):
        errors = {}
        given = [bool(self.donor_person_id), bool(self.donor_unit_id), bool(self.donor_name.strip())]
        if sum(given) != 1:
            errors["donor_name"] = "请填写一位捐赠人:居民身份证号、驻社区单位或其他捐赠人姓名,只填一项。"
        if self.kind == DonationKind.GOODS and not self.goods.strip():
            errors["goods"] = "捐赠物资须填写物资名称及数量。"
        if self.campaign_id and self.community_id and self.campaign.community_id != self.community_id:
            errors["campaign"] = "募捐活动必须是本社区的。"
        if errors:
            raise ValidationError(errors)


#
# Assistance pairs (结对帮扶)
#


class AssistancePairQuerySet(ScopedQuerySet):
    scope_group = "group"


class AssistancePair(models.Model):
    """A helper paired with a household or person in difficulty (结对帮扶), with the visits made."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="assistance_pairs"
    )
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(verbose_name="结对类型", max_length=16, choices=PairKind)
    helper_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="帮扶人(工作人员)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    helper_person = models.ForeignKey(
        Person, verbose_name="帮扶人(居民)", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    helper_name = models.CharField(verbose_name="帮扶人(其他)", max_length=100, blank=True, help_text="党员、单位等。")
    helped_household = models.ForeignKey(
        Household, verbose_name="帮扶对象(户)", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    helped_person = models.ForeignKey(
        Person, verbose_name="帮扶对象(居民)", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(verbose_name="结对日期")
    ended_on = models.DateField(verbose_name="结束日期", null=True, blank=True)
    note = models.TextField(verbose_name="帮扶措施", blank=True)

    objects = AssistancePairQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "结对帮扶"
        verbose_name_plural = "结对帮扶"
        ordering = ["community_id", "-started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="assistance_pair_ends_after_start",
                violation_error_message="结束日期不能早于结对日期。",
            ),
        ]

    def __str__(self):
        return f"{self.helper_display} → {self.helped_display}"

    def get_absolute_url(self):
        return reverse("services:assistancepair_detail", kwargs={"pk": self.pk})

    @property
    def helper_display(self) -> str:
        if self.helper_user_id:
            return self.helper_user.display_name
        if self.helper_person_id:
            return self.helper_person.name
        return self.helper_name

    @property
    def helped_display(self) -> str:
        if self.helped_person_id:
            return self.helped_person.name
        return str(self.helped_household) if self.helped_household_id else ""

    def clean(self):
        errors = {}
        helpers = [bool(self.helper_user_id), bool(self.helper_person_id), bool(self.helper_name.strip())]
        if sum(helpers) != 1:
            errors["helper_name"] = "请填写一位帮扶人:工作人员、居民身份证号或其他帮扶人,只填一项。"
        if bool(self.helped_household_id) == bool(self.helped_person_id):
            errors["helped_person"] = "请填写帮扶对象:一户(户号)或一人(身份证号),只填一项。"
        if self.community_id:
            for field_name in ("helped_person", "helper_person", "helped_household"):
                related = getattr(self, field_name)
                if related is not None and related.community_id != self.community_id:
                    errors[field_name] = "必须是本社区的居民或户。"
            if self.helper_user_id and self.helper_user.community_id != self.community_id:
                errors["helper_user"] = "工作人员必须是本社区的。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


class AssistanceVisitQuerySet(ScopedQuerySet):
    scope_group = "pair__group"


class AssistanceVisit(models.Model):
    """A visit of a pair (帮扶走访): what was done and what aid was given. Append-only: no history."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    pair = models.ForeignKey(AssistancePair, verbose_name="结对帮扶", on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(verbose_name="走访日期")
    content = models.TextField(verbose_name="走访内容")
    aid = models.CharField(verbose_name="帮扶物资/资金", max_length=200, blank=True)
    aid_value = models.DecimalField(verbose_name="折价(元)", null=True, blank=True, **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(verbose_name="记录时间", auto_now_add=True)

    objects = AssistanceVisitQuerySet.as_manager()

    class Meta:
        verbose_name = "帮扶走访"
        verbose_name_plural = "帮扶走访"
        ordering = ["pair", "-visited_on", "id"]

    def __str__(self):
        return f"{self.pair} {self.visited_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return self.pair.get_absolute_url()
