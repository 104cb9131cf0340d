"""Duty and meeting rules with fines (值班与会议纪律·罚款; issue 5 item 8; domain.md §2.4.3, decision 9).

Seed 000, (二)管理有序方面, 社区班子管理方面, reproduced as one rule table per community (``FineRule``, the
defaults in ``DEFAULT_FINE_RULES``):

* 「对于无故脱岗一小时以上的值班人员进行50元的处罚,带班领导负有主要责任」 → D1 (50元/次) and D1a (the
  带班领导's 主要责任, recorded without an amount);
* 「班子成员无故不上班者,书记、主任、副书记、副主任每天罚款100元,委员及其他工作人员罚款50元」 → A1, A2;
* 「居委会干部开会除特殊情况外请假一次罚款20元、迟到一次罚款10元、缺席及早退罚款100元,小组干部开会除特殊情况外
  请假一次罚款20元、迟到一次罚款10元、缺席及早退罚款50元」 → M1–M3, M4–M6.

A rule is changed by a new version from a date (``effective_from``; the old one ends the day before), so a
fine keeps the amount of the version in force on its date. The ledger (``FineRecord``) is computed by
``committee.services.fines.fines_sync`` from its sources — a closed meeting's attendance, a day of 无故不上班
(``committee.WorkAttendance``), an absence from duty (``services.DutyAbsence``) — and never typed: staff only
exempt a fine (书记/主任, with a reason) or record that it was paid.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from committee.models.meetings import AttendanceMark, MeetingAttendance
from committee.models.staff import FineRank, Staff, WorkAttendance
from governance.models import Community
from governance.querysets import ScopedQuerySet


class FineTrigger(models.TextChoices):
    """What a rule fines (触发情形)."""

    DUTY_ABSENCE = "duty_absence", "值班无故脱岗一小时以上"
    DUTY_RESPONSIBILITY = "duty_responsibility", "值班脱岗·带班领导责任"
    WORK_ABSENCE = "work_absence", "无故不上班"
    MEETING = "meeting", "会议出勤"


class FineSubject(models.TextChoices):
    """Whom a rule applies to (适用对象), in the words of seed 000; ``SUBJECT_RANKS`` maps each to the ranks
    (``committee.models.staff.FineRank``) it covers."""

    ON_DUTY = "on_duty", "值班人员"
    SHIFT_LEADER = "shift_leader", "带班领导"
    LEADER = "leader", "书记、主任、副书记、副主任"
    MEMBER_AND_OTHERS = "member_and_others", "委员及其他工作人员"
    COMMITTEE_CADRE = "committee_cadre", "居委会干部"
    GROUP_CADRE = "group_cadre", "小组干部"


ALL_RANKS = frozenset(FineRank)
SUBJECT_RANKS: dict[str, frozenset[str]] = {
    FineSubject.ON_DUTY: ALL_RANKS,
    FineSubject.SHIFT_LEADER: ALL_RANKS,
    FineSubject.LEADER: frozenset({FineRank.LEADER}),
    FineSubject.MEMBER_AND_OTHERS: frozenset({FineRank.MEMBER, FineRank.GROUP_CADRE}),
    FineSubject.COMMITTEE_CADRE: frozenset({FineRank.LEADER, FineRank.MEMBER}),
    FineSubject.GROUP_CADRE: frozenset({FineRank.GROUP_CADRE}),
}


class RuleMeetingStatus(models.TextChoices):
    """The attendance status a meeting rule fines; 缺席 and 早退 share one rule (「缺席及早退罚款100元」)."""

    LEAVE = "leave", "请假"
    LATE = "late", "迟到"
    ABSENT_OR_EARLY = "absent_or_early", "缺席或早退"


MARK_RULE_STATUS: dict[str, str] = {
    AttendanceMark.LEAVE: RuleMeetingStatus.LEAVE,
    AttendanceMark.LATE: RuleMeetingStatus.LATE,
    AttendanceMark.ABSENT: RuleMeetingStatus.ABSENT_OR_EARLY,
    AttendanceMark.EARLY: RuleMeetingStatus.ABSENT_OR_EARLY,
}


class FineUnit(models.TextChoices):
    OCCURRENCE = "occurrence", "次"
    DAY = "day", "天"


class FineRuleQuerySet(ScopedQuerySet):
    def in_force_on(self, day: datetime.date):
        """Rule versions in force on ``day`` (an open start or end is unbounded)."""
        return self.filter(Q(effective_from__isnull=True) | Q(effective_from__lte=day)).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=day)
        )


class FineRule(models.Model):
    """One version of a fine rule of the community (罚款规则). ``code`` names the rule across its versions
    (D1, A1, M1 …); a version is in force from ``effective_from`` to ``effective_to`` (both included, open
    ends unbounded). An amount left empty records a responsibility (主要责任) without money."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(verbose_name="编号", max_length=8, help_text="如 D1、A1、M1;同一规则的各版本编号相同。")
    name = models.CharField(verbose_name="规则", max_length=100)
    trigger = models.CharField(verbose_name="触发情形", max_length=24, choices=FineTrigger)
    subject = models.CharField(verbose_name="适用对象", max_length=24, choices=FineSubject)
    meeting_status = models.CharField(
        verbose_name="会议出勤情况",
        max_length=16,
        choices=RuleMeetingStatus,
        blank=True,
        help_text="仅会议出勤规则填写。",
    )
    amount = models.DecimalField(
        verbose_name="罚款金额(元)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="不填表示只记责任(如带班领导负主要责任),不计金额。",
    )
    unit = models.CharField(verbose_name="计罚单位", max_length=12, choices=FineUnit, default=FineUnit.OCCURRENCE)
    effective_from = models.DateField(
        verbose_name="生效日期", null=True, blank=True, help_text="不填表示自制度施行起。"
    )
    effective_to = models.DateField(verbose_name="失效日期", null=True, blank=True, help_text="不填表示长期有效。")
    basis = models.TextField(verbose_name="制度依据", blank=True)

    objects = FineRuleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "罚款规则"
        verbose_name_plural = "罚款规则"
        ordering = ["community_id", "code", "effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="fine_rule_period",
                violation_error_message="失效日期不能早于生效日期。",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="fine_rule_amount_not_negative",
                violation_error_message="罚款金额不能为负数。",
            ),
            models.CheckConstraint(
                condition=(Q(trigger=FineTrigger.MEETING) & ~Q(meeting_status=""))
                | (~Q(trigger=FineTrigger.MEETING) & Q(meeting_status="")),
                name="fine_rule_meeting_status",
                violation_error_message="会议出勤规则须填写出勤情况,其他规则不填。",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("committee:finerule_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.trigger == FineTrigger.MEETING and not self.meeting_status:
            raise ValidationError({"meeting_status": "会议出勤规则须填写出勤情况。"})
        if self.trigger and self.trigger != FineTrigger.MEETING and self.meeting_status:
            raise ValidationError({"meeting_status": "只有会议出勤规则填写出勤情况。"})
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": "失效日期不能早于生效日期。"})

    @property
    def ranks(self) -> frozenset[str]:
        return SUBJECT_RANKS[self.subject]

    @property
    def amount_display(self) -> str:
        if self.amount is None:
            return "主要责任(不计金额)"
        return f"{self.amount.normalize():f}元/{self.get_unit_display()}"

    @property
    def period_display(self) -> str:
        start = f"{self.effective_from:%Y-%m-%d}" if self.effective_from else "制度施行起"
        end = f"{self.effective_to:%Y-%m-%d}" if self.effective_to else "长期"
        return f"{start} 至 {end}"

    def in_force_on(self, day: datetime.date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or self.effective_to >= day
        )


# Seed 000's rules, the defaults of every community (created by a data migration for the communities that
# existed then, and by ``committee.services.fines.finerules_ensure_defaults`` for every new one).
SEED_BASIS_DUTY = "对于无故脱岗一小时以上的值班人员进行50元的处罚,带班领导负有主要责任。"
SEED_BASIS_WORK = "班子成员无故不上班者,书记、主任、副书记、副主任每天罚款100元,委员及其他工作人员罚款50元。"
SEED_BASIS_COMMITTEE = "居委会干部开会除特殊情况外请假一次罚款20元、迟到一次罚款10元、缺席及早退罚款100元。"
SEED_BASIS_GROUP = "小组干部开会除特殊情况外请假一次罚款20元、迟到一次罚款10元、缺席及早退罚款50元。"

DEFAULT_FINE_RULES: tuple[dict, ...] = (
    {"code": "D1", "name": "值班无故脱岗一小时以上", "trigger": "duty_absence", "subject": "on_duty",
     "meeting_status": "", "amount": Decimal("50.00"), "unit": "occurrence", "basis": SEED_BASIS_DUTY},
    {"code": "D1a", "name": "值班人员无故脱岗,带班领导负主要责任", "trigger": "duty_responsibility",
     "subject": "shift_leader", "meeting_status": "", "amount": None, "unit": "occurrence", "basis": SEED_BASIS_DUTY},
    {"code": "A1", "name": "无故不上班(书记、主任、副书记、副主任)", "trigger": "work_absence", "subject": "leader",
     "meeting_status": "", "amount": Decimal("100.00"), "unit": "day", "basis": SEED_BASIS_WORK},
    {"code": "A2", "name": "无故不上班(委员及其他工作人员)", "trigger": "work_absence",
     "subject": "member_and_others", "meeting_status": "", "amount": Decimal("50.00"), "unit": "day",
     "basis": SEED_BASIS_WORK},
    {"code": "M1", "name": "居委会干部开会请假", "trigger": "meeting", "subject": "committee_cadre",
     "meeting_status": "leave", "amount": Decimal("20.00"), "unit": "occurrence", "basis": SEED_BASIS_COMMITTEE},
    {"code": "M2", "name": "居委会干部开会迟到", "trigger": "meeting", "subject": "committee_cadre",
     "meeting_status": "late", "amount": Decimal("10.00"), "unit": "occurrence", "basis": SEED_BASIS_COMMITTEE},
    {"code": "M3", "name": "居委会干部开会缺席或早退", "trigger": "meeting", "subject": "committee_cadre",
     "meeting_status": "absent_or_early", "amount": Decimal("100.00"), "unit": "occurrence",
     "basis": SEED_BASIS_COMMITTEE},
    {"code": "M4", "name": "小组干部开会请假", "trigger": "meeting", "subject": "group_cadre",
     "meeting_status": "leave", "amount": Decimal("20.00"), "unit": "occurrence", "basis": SEED_BASIS_GROUP},
    {"code": "M5", "name": "小组干部开会迟到", "trigger": "meeting", "subject": "group_cadre",
     "meeting_status": "late", "amount": Decimal("10.00"), "unit": "occurrence", "basis": SEED_BASIS_GROUP},
    {"code": "M6", "name": "小组干部开会缺席或早退", "trigger": "meeting", "subject": "group_cadre",
     "meeting_status": "absent_or_early", "amount": Decimal("50.00"), "unit": "occurrence",
     "basis": SEED_BASIS_GROUP},
)  # fmt: skip


class FineStatus(models.TextChoices):
    RECORDED = "recorded", "已记录"
    EXEMPTED = "exempted", "已豁免"
    PAID = "paid", "已缴纳"
    CANCELLED = "cancelled", "已撤销"


# What a person owes or owed: the fines neither exempted nor cancelled.
DUE_STATUSES = (FineStatus.RECORDED, FineStatus.PAID)


class FineSource(models.TextChoices):
    MEETING = "meeting", "会议出勤"
    WORK = "work", "考勤"
    DUTY = "duty", "值班脱岗"


class FineRecordQuerySet(ScopedQuerySet):
    def in_month(self, month: datetime.date):
        return self.filter(date__year=month.year, date__month=month.month)

    def due(self):
        """Fines owed (已记录) or paid (已缴纳): neither exempted nor cancelled."""
        return self.filter(status__in=DUE_STATUSES)


class FineRecord(models.Model):
    """A line of the fine ledger (罚款台账), derived from exactly one source: a meeting attendance line, a day
    of 无故不上班, or an absence from duty (the absentee's fine, or the 带班领导's 主要责任 at 0元).

    Only ``fines_sync`` writes the derived fields; people exempt (书记/主任 with a reason, never their own
    fine) or record the payment. When the source is corrected the row is re-derived: a fine no longer due
    becomes 已撤销, the history keeps every earlier state.
    """

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(Staff, verbose_name="工作人员", on_delete=models.PROTECT, related_name="fines")
    rule = models.ForeignKey(FineRule, verbose_name="罚款规则", on_delete=models.PROTECT, related_name="records")
    trigger = models.CharField(verbose_name="触发情形", max_length=24, choices=FineTrigger, editable=False)
    date = models.DateField(verbose_name="日期")
    source = models.CharField(verbose_name="来源", max_length=12, choices=FineSource, editable=False)
    attendance = models.ForeignKey(
        MeetingAttendance,
        verbose_name="会议出勤",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="fines",
    )
    work_attendance = models.ForeignKey(
        WorkAttendance, verbose_name="考勤记录", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    duty_absence = models.ForeignKey(
        "services.DutyAbsence",
        verbose_name="脱岗记录",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.CharField(verbose_name="事由", max_length=200)
    amount = models.DecimalField(verbose_name="金额(元)", max_digits=8, decimal_places=2, default=Decimal("0.00"))
    status = models.CharField(verbose_name="状态", max_length=12, choices=FineStatus, default=FineStatus.RECORDED)
    exemption_reason = models.CharField(verbose_name="豁免理由", max_length=200, blank=True)
    exempted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="豁免批准人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    exempted_on_source = models.BooleanField(
        verbose_name="在来源上认定",
        default=False,
        help_text="会议出勤的特殊情况在会上认定;否则在台账上豁免。",
    )
    paid_on = models.DateField(verbose_name="缴纳日期", null=True, blank=True)
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="缴纳登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = FineRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "罚款记录"
        verbose_name_plural = "罚款台账"
        ordering = ["community_id", "-date", "staff_id", "id"]
        permissions = [("exempt_finerecord", "豁免罚款、登记缴纳(书记/主任)")]
        indexes = [models.Index(fields=["community", "date"], name="fine_record_community_date")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(source=FineSource.MEETING, attendance__isnull=False)
                    & Q(work_attendance__isnull=True, duty_absence__isnull=True)
                )
                | (
                    Q(source=FineSource.WORK, work_attendance__isnull=False)
                    & Q(attendance__isnull=True, duty_absence__isnull=True)
                )
                | (
                    Q(source=FineSource.DUTY, duty_absence__isnull=False)
                    & Q(attendance__isnull=True, work_attendance__isnull=True)
                ),
                name="fine_record_one_source",
                violation_error_message="每条罚款记录必须来自且只来自一条会议出勤、考勤或脱岗记录。",
            ),
            models.UniqueConstraint(
                fields=["attendance"],
                condition=Q(attendance__isnull=False),
                name="fine_record_attendance_once",
                violation_error_message="该会议出勤已有罚款记录。",
            ),
            models.UniqueConstraint(
                fields=["work_attendance"],
                condition=Q(work_attendance__isnull=False),
                name="fine_record_work_attendance_once",
                violation_error_message="该考勤记录已有罚款记录。",
            ),
            models.UniqueConstraint(
                fields=["duty_absence", "trigger"],
                condition=Q(duty_absence__isnull=False),
                name="fine_record_duty_absence_once",
                violation_error_message="该脱岗记录已有罚款记录。",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="fine_record_amount_not_negative",
                violation_error_message="罚款金额不能为负数。",
            ),
            models.CheckConstraint(
                condition=~Q(status=FineStatus.EXEMPTED) | ~Q(exemption_reason=""),
                name="fine_record_exemption_has_reason",
                violation_error_message="豁免须填写理由。",
            ),
            models.CheckConstraint(
                condition=~Q(status=FineStatus.PAID) | Q(paid_on__isnull=False),
                name="fine_record_paid_has_date",
                violation_error_message="已缴纳须填写缴纳日期。",
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.date:%Y-%m-%d} {self.description}"

    def get_absolute_url(self):
        return reverse("committee:finerecord_detail", kwargs={"pk": self.pk})

    @property
    def is_responsibility(self) -> bool:
        """The 带班领导's 主要责任: recorded, with no money."""
        return self.trigger == FineTrigger.DUTY_RESPONSIBILITY

    @property
    def amount_display(self) -> str:
        return "主要责任(不计金额)" if self.is_responsibility else f"{self.amount:.2f}"

    @property
    def source_object(self):
        return self.attendance or self.work_attendance or self.duty_absence

    @property
    def source_url(self) -> str:
        if self.attendance_id:
            return reverse("committee:meeting_detail", kwargs={"pk": self.attendance.meeting_id})
        if self.duty_absence_id:
            return reverse("services:dutyabsence_detail", kwargs={"pk": self.duty_absence_id})
        return reverse("committee:workattendance_detail", kwargs={"pk": self.work_attendance_id})
