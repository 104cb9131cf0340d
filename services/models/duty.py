"""值班表, 班次, 交接班记录, 脱岗记录 (issue 4 item 2; domain.md §2.3.2, workflow W11).

Seed 000: 「严格24小时值班制度…对于无故脱岗一小时以上的值班人员进行50元的处罚,带班领导负有主要责任」; seed 003:
「保证每天有2个以上社区干部在公共服务中心值班服务」. A roster (值班表) covers a week or a month of one community;
its shifts (班次) each have one 带班领导 and the staff on duty, and may cross midnight (an end time at or before
the start time ends on the next day). The 24-hour coverage check is ``services.selectors.duty.roster_coverage``.

An absence (脱岗) stores its duration and the fine the rule gives (decision 9: an unexcused absence of one hour
or more → 50元; the 带班领导 is noted as responsible, with no amount), both computed by
``services.services.duty.absence_save``, never typed.
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

from governance.models import Community
from governance.querysets import ScopedQuerySet
from services.models.windows import ServiceWindow

# The rule of seed 000 (decision 9): unexcused absence of one hour or more → 50元.
FINE_THRESHOLD_MINUTES = 60
FINE_AMOUNT = Decimal("50.00")
DEFAULT_MIN_CADRES = 2  # seed 003: 「每天有2个以上社区干部…值班」


class PeriodKind(models.TextChoices):
    WEEK = "week", "周"
    MONTH = "month", "月"


class RosterStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class DutyLocation(models.TextChoices):
    SERVICE_STATION = "service_station", "为民服务站·窗口"
    DUTY_ROOM = "duty_room", "值班室"
    CHECKPOINT = "checkpoint", "卡点"
    PATROL = "patrol", "巡逻"


def fine_for(minutes: int, excused: bool) -> Decimal:
    """The fine seed 000's rule gives an absence of ``minutes``: 50元 if unexcused and ≥ 1 h, else 0."""
    return FINE_AMOUNT if not excused and minutes >= FINE_THRESHOLD_MINUTES else Decimal("0.00")


class DutyRoster(models.Model):
    """A duty roster (值班表) of one community for a week or a month."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(verbose_name="标题", max_length=100, help_text="如:2026年11月第2周值班表")
    period_kind = models.CharField(verbose_name="周期", max_length=8, choices=PeriodKind, default=PeriodKind.WEEK)
    start_on = models.DateField(verbose_name="开始日期")
    end_on = models.DateField(verbose_name="结束日期")
    status = models.CharField(
        verbose_name="状态", max_length=12, choices=RosterStatus, default=RosterStatus.DRAFT, editable=False
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="编排人", on_delete=models.PROTECT, related_name="+", editable=False
    )
    published_at = models.DateTimeField(verbose_name="发布时间", null=True, blank=True, editable=False)
    min_cadres = models.PositiveSmallIntegerField(
        verbose_name="每天最少值班干部(人)",
        default=DEFAULT_MIN_CADRES,
        validators=[MinValueValidator(1)],
        help_text="少于此数的日期在值班表上标红(「每天有2个以上社区干部值班」)。",
    )
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "值班表"
        verbose_name_plural = "值班表"
        ordering = ["community_id", "-start_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="duty_roster_end_after_start",
                violation_error_message="结束日期不能早于开始日期。",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:dutyroster_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.start_on and self.end_on and (self.end_on - self.start_on).days > 31:
            raise ValidationError({"end_on": "一张值班表最长一个月(31天)。"})

    @property
    def days(self) -> list[datetime.date]:
        return [self.start_on + datetime.timedelta(days=n) for n in range((self.end_on - self.start_on).days + 1)]

    @property
    def is_published(self) -> bool:
        return self.status == RosterStatus.PUBLISHED


class DutyShift(models.Model):
    """A shift (班次) of a roster: a day, a time span (crossing midnight when the end is not after the start),
    a place, the staff on duty and exactly one 带班领导."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    roster = models.ForeignKey(DutyRoster, verbose_name="值班表", on_delete=models.CASCADE, related_name="shifts")
    date = models.DateField(verbose_name="日期")
    start = models.TimeField(verbose_name="开始时间")
    end = models.TimeField(verbose_name="结束时间", help_text="不晚于开始时间表示跨夜,到次日结束。")
    location = models.CharField(
        verbose_name="值班地点", max_length=20, choices=DutyLocation, default=DutyLocation.SERVICE_STATION
    )
    window = models.ForeignKey(
        ServiceWindow,
        verbose_name="服务窗口",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duty_shifts",
    )
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="值班人员", related_name="duty_shifts")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="带班领导", on_delete=models.PROTECT, related_name="led_duty_shifts"
    )
    cleaning_done = models.BooleanField(verbose_name="已打扫卫生", default=False)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "值班班次"
        verbose_name_plural = "值班班次"
        ordering = ["community_id", "date", "start", "id"]
        indexes = [models.Index(fields=["community", "date"], name="duty_shift_day")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.time_display}"

    def get_absolute_url(self):
        return reverse("services:dutyshift_detail", kwargs={"pk": self.pk})

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    @property
    def starts_at(self) -> datetime.datetime:
        """Naive local start (the shift's wall-clock times)."""
        return datetime.datetime.combine(self.date, self.start)

    @property
    def ends_at(self) -> datetime.datetime:
        day = self.date + datetime.timedelta(days=1) if self.crosses_midnight else self.date
        return datetime.datetime.combine(day, self.end)

    @property
    def hours(self) -> Decimal:
        return Decimal((self.ends_at - self.starts_at).total_seconds() / 3600).quantize(Decimal("0.1"))

    @property
    def time_display(self) -> str:
        return f"{self.start:%H:%M}–{'次日' if self.crosses_midnight else ''}{self.end:%H:%M}"


class DutyHandover(models.Model):
    """A handover note (交接班记录) written at the end of a shift."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    shift = models.ForeignKey(DutyShift, verbose_name="班次", on_delete=models.CASCADE, related_name="handovers")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(verbose_name="交接时间")
    content = models.TextField(verbose_name="值班情况")
    open_issues = models.TextField(verbose_name="待办事项", blank=True, help_text="交给下一班跟进的事。")

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "交接班记录"
        verbose_name_plural = "交接班记录"
        ordering = ["community_id", "at", "id"]

    def __str__(self):
        return f"{self.shift} 交接班"

    def get_absolute_url(self):
        return self.shift.get_absolute_url()


class DutyAbsence(models.Model):
    """An absence from duty (脱岗记录): who left which shift, when, for how long, whether excused, the
    responsible 带班领导 and the fine of seed 000's rule."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    shift = models.ForeignKey(DutyShift, verbose_name="班次", on_delete=models.PROTECT, related_name="absences")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="值班人员", on_delete=models.PROTECT, related_name="duty_absences"
    )
    left_at = models.DateTimeField(verbose_name="离岗时间")
    returned_at = models.DateTimeField(verbose_name="返岗时间")
    duration_minutes = models.PositiveIntegerField(verbose_name="脱岗时长(分钟)", editable=False, default=0)
    excused = models.BooleanField(verbose_name="有正当理由", default=False)
    reason = models.TextField(verbose_name="事由", blank=True)
    responsible_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="负责的带班领导",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text="带班领导负有主要责任(不计金额)。",
    )
    fine_amount = models.DecimalField(
        verbose_name="处罚金额(元)", max_digits=8, decimal_places=2, default=0, editable=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+", editable=False
    )
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "脱岗记录"
        verbose_name_plural = "脱岗记录"
        ordering = ["community_id", "-left_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(returned_at__gt=models.F("left_at")),
                name="duty_absence_returned_after_left",
                violation_error_message="返岗时间必须晚于离岗时间。",
            ),
            models.CheckConstraint(
                condition=models.Q(fine_amount__gte=0),
                name="duty_absence_fine_not_negative",
                violation_error_message="处罚金额不能为负数。",
            ),
        ]

    def __str__(self):
        return f"{self.staff.display_name if self.staff_id else ''} {self.left_at:%Y-%m-%d} 脱岗".strip()

    def get_absolute_url(self):
        return reverse("services:dutyabsence_detail", kwargs={"pk": self.pk})

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.duration_minutes) / 60).quantize(Decimal("0.01"))

    @property
    def duration_display(self) -> str:
        hours, minutes = divmod(self.duration_minutes, 60)
        if not hours:
            return f"{minutes}分钟"
        return f"{hours}小时{minutes}分钟" if minutes else f"{hours}小时"
