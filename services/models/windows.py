"""服务窗口与服务事项, 办件 (issue 4 items 1 and 3; domain.md §2.3.1 and §2.3.3, workflow W12).

Each community configures its own windows and the items each window handles (nothing hard-coded:
seed 000 has six windows, seed 003's communities others). A service case (办件) is received for an
item, owned by one agent (代理员) to the end, and runs through a status machine kept by
``services.services.windows``:

    已受理 → 办理中 → 已转办 / 待补材料 → 已办结, or 退回 (with a reason);

a case received as 当场办结 goes straight to 已办结. Its due date is the day of receipt plus the item's
time limit in **calendar days** (a deliberate simplification: no holiday calendar is kept; a 0-day
limit means the same day). Figures are read by ``services.selectors.windows``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup, ResidentUnit
from governance.querysets import ScopedQuerySet
from households.models import Household
from residents.models import Person


class CaseChannel(models.TextChoices):
    WINDOW = "window", "窗口"
    PHONE = "phone", "电话"
    VISIT = "visit", "上门"
    ONLINE = "online", "网上"
    AGENT_POINT = "agent_point", "代办点"


class CaseMode(models.TextChoices):
    ON_THE_SPOT = "on_the_spot", "当场办结"
    PROXY = "proxy", "代办"
    TRANSFER = "transfer", "转办"


class CaseStatus(models.TextChoices):
    RECEIVED = "received", "已受理"
    PROCESSING = "processing", "办理中"
    TRANSFERRED = "transferred", "已转办"
    AWAITING = "awaiting", "待补材料"
    CLOSED = "closed", "已办结"
    RETURNED = "returned", "退回"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


OPEN_STATUSES = (CaseStatus.RECEIVED, CaseStatus.PROCESSING, CaseStatus.TRANSFERRED, CaseStatus.AWAITING)
FINISHED_STATUSES = (CaseStatus.CLOSED, CaseStatus.RETURNED)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ServiceWindowQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


class ServiceWindow(models.Model):
    """A service window (服务窗口) of the community's 为民服务站, with the staff who sit at it."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="service_windows"
    )
    name = models.CharField(verbose_name="窗口名称", max_length=50)
    order = models.PositiveSmallIntegerField(verbose_name="排序", default=1)
    location = models.CharField(verbose_name="位置", max_length=100, blank=True, help_text="如:为民服务站一楼1号窗口")
    phone = models.CharField(verbose_name="咨询电话", max_length=20, blank=True)
    opening_hours = models.CharField(
        verbose_name="办公时间", max_length=100, blank=True, help_text="如:工作日 8:30-12:00,14:30-18:00"
    )
    description = models.TextField(verbose_name="职责范围", blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="窗口工作人员", blank=True, related_name="service_windows"
    )
    is_active = models.BooleanField(verbose_name="启用", default=True)

    objects = ServiceWindowQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "服务窗口"
        verbose_name_plural = "服务窗口"
        ordering = ["community_id", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="service_window_unique_name_in_community",
                violation_error_message="本社区已有同名服务窗口。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:servicewindow_detail", kwargs={"pk": self.pk})


class ServiceItemQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True, window__is_active=True)


class ServiceItem(models.Model):
    """A service item (服务事项) handled at a window: its process, standard, time limit and documents."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    window = models.ForeignKey(ServiceWindow, verbose_name="服务窗口", on_delete=models.PROTECT, related_name="items")
    name = models.CharField(verbose_name="事项名称", max_length=100)
    order = models.PositiveSmallIntegerField(verbose_name="排序", default=1)
    description = models.TextField(verbose_name="事项说明", blank=True)
    process_steps = models.TextField(verbose_name="服务流程", blank=True, help_text="每行一个步骤,按办理顺序填写。")
    conditions = models.TextField(verbose_name="办理条件", blank=True)
    standard = models.TextField(verbose_name="服务标准", blank=True)
    time_limit_days = models.PositiveSmallIntegerField(
        verbose_name="办结时限(天)", default=0, help_text="自受理之日起的自然日数;0 表示当日办结。"
    )
    required_documents = models.TextField(verbose_name="所需材料", blank=True, help_text="每行一项。")
    on_the_spot = models.BooleanField(verbose_name="即办件", default=False, help_text="材料齐全时可当场办结。")
    fee = models.DecimalField(
        verbose_name="收费标准(元)",
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="0 表示免费。",
    )
    supervising_phone = models.CharField(verbose_name="监督电话", max_length=20, blank=True)
    is_active = models.BooleanField(verbose_name="启用", default=True)

    objects = ServiceItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "服务事项"
        verbose_name_plural = "服务事项"
        ordering = ["community_id", "window__order", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["window", "name"],
                name="service_item_unique_name_in_window",
                violation_error_message="该窗口已有同名服务事项。",
            ),
            models.CheckConstraint(
                condition=models.Q(fee__gte=0),
                name="service_item_fee_not_negative",
                violation_error_message="收费标准不能为负数。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:serviceitem_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.window_id and self.community_id and self.window.community_id != self.community_id:
            raise ValidationError({"window": "服务窗口必须属于本社区。"})

    @property
    def steps(self) -> list[str]:
        return _lines(self.process_steps)

    @property
    def documents(self) -> list[str]:
        return _lines(self.required_documents)

    @property
    def time_limit_display(self) -> str:
        return "当日办结" if self.time_limit_days == 0 else f"{self.time_limit_days}日内办结"


class ServiceCaseQuerySet(ScopedQuerySet):
    scope_group = "group"

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue_on(self, day: datetime.date):
        """Open cases whose due date has passed on ``day``."""
        return self.open().filter(due_on__lt=day)

    def not_overdue_on(self, day: datetime.date):
        return self.exclude(pk__in=self.overdue_on(day).values("pk"))


class ServiceCase(models.Model):
    """A service case (办件): one request of a resident, household or unit, from receipt to its end."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="service_cases"
    )
    number = models.CharField(verbose_name="办件编号", max_length=20, editable=False)
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_cases",
        help_text="由申请人所在小组确定。",
    )
    applicant_person = models.ForeignKey(
        Person, verbose_name="申请人", on_delete=models.PROTECT, null=True, blank=True, related_name="service_cases"
    )
    applicant_household = models.ForeignKey(
        Household,
        verbose_name="申请户",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_cases",
    )
    applicant_unit = models.ForeignKey(
        ResidentUnit,
        verbose_name="申请单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_cases",
    )
    applicant_name = models.CharField(
        verbose_name="申请人姓名", max_length=50, blank=True, help_text="非在册人员、户或单位时填写。"
    )
    applicant_phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    item = models.ForeignKey(ServiceItem, verbose_name="服务事项", on_delete=models.PROTECT, related_name="cases")
    window = models.ForeignKey(
        ServiceWindow, verbose_name="服务窗口", on_delete=models.PROTECT, related_name="cases", editable=False
    )
    summary = models.TextField(verbose_name="办理事由", blank=True)
    channel = models.CharField(verbose_name="受理渠道", max_length=16, choices=CaseChannel, default=CaseChannel.WINDOW)
    mode = models.CharField(verbose_name="办理方式", max_length=16, choices=CaseMode, default=CaseMode.PROXY)
    received_at = models.DateTimeField(verbose_name="受理时间", db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="受理人", on_delete=models.PROTECT, related_name="+"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="代理员",
        on_delete=models.PROTECT,
        related_name="service_cases",
        help_text="全程负责本件办理、转接直至办结的工作人员。",
    )
    transferred_to = models.CharField(
        verbose_name="转办单位", max_length=100, blank=True, help_text="如:街道民政办、区残联、派出所"
    )
    due_on = models.DateField(verbose_name="办结时限", editable=False)
    status = models.CharField(
        verbose_name="状态", max_length=16, choices=CaseStatus, default=CaseStatus.RECEIVED, db_index=True
    )
    closed_at = models.DateTimeField(verbose_name="办结时间", null=True, blank=True)
    satisfaction = models.CharField(verbose_name="满意度", max_length=16, choices=Satisfaction, blank=True)
    return_reason = models.TextField(verbose_name="退回原因", blank=True)
    fee_waived = models.BooleanField(verbose_name="减免收费", default=False)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ServiceCaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "办件"
        verbose_name_plural = "办件台账"
        ordering = ["community_id", "-received_at", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"],
                name="service_case_unique_number_in_community",
                violation_error_message="本社区已有此编号的办件。",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True) | models.Q(closed_at__gte=models.F("received_at")),
                name="service_case_closed_after_received",
                violation_error_message="办结时间不能早于受理时间。",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "received_at"], name="service_case_received"),
            models.Index(fields=["agent", "status"], name="service_case_agent_status"),
        ]

    def __str__(self):
        return f"{self.number} {self.item.name if self.item_id else ''}".strip()

    def get_absolute_url(self):
        return reverse("services:servicecase_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.community_id:
            if self.item_id and self.item.community_id != self.community_id:
                errors["item"] = "服务事项必须属于本社区。"
            if self.applicant_person_id and self.applicant_person.community_id != self.community_id:
                errors["applicant_person"] = "申请人必须是本社区在册居民。"
            if self.applicant_household_id and self.applicant_household.community_id != self.community_id:
                errors["applicant_household"] = "申请户必须是本社区的户。"
            if self.applicant_unit_id and self.applicant_unit.community_id != self.community_id:
                errors["applicant_unit"] = "申请单位必须是驻本社区单位。"
            if self.agent_id and self.agent.community_id != self.community_id:
                errors["agent"] = "代理员必须是本社区工作人员。"
        if not (
            self.applicant_person_id
            or self.applicant_household_id
            or self.applicant_unit_id
            or self.applicant_name.strip()
        ):
            errors["applicant_name"] = "请填写申请人:在册居民的身份证号、申请户、申请单位,或申请人姓名。"
        if errors:
            raise ValidationError(errors)

    @property
    def applicant_display(self) -> str:
        if self.applicant_person_id:
            return self.applicant_person.name
        if self.applicant_household_id:
            return str(self.applicant_household)
        if self.applicant_unit_id:
            return self.applicant_unit.name
        return self.applicant_name

    @property
    def applicant_url(self) -> str | None:
        for related in (self.applicant_person, self.applicant_household, self.applicant_unit):
            if related is not None and hasattr(related, "get_absolute_url"):
                return related.get_absolute_url()
        return None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue_on(self, day: datetime.date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def closed_on_time(self) -> bool | None:
        """For a closed case: closed on or before its due date; None while it is not closed."""
        if self.status != CaseStatus.CLOSED or self.closed_at is None:
            return None
        return timezone.localtime(self.closed_at).date() <= self.due_on


class ServiceCaseStepQuerySet(ScopedQuerySet):
    """Steps of a case: seen by whoever sees the case."""

    scope_group = "case__group"


class ServiceCaseStep(models.Model):
    """One step of a case's handling (办理过程): when, what, by whom. Append-only: written once by the
    services, so it keeps no history."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(ServiceCase, verbose_name="办件", on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(verbose_name="时间")
    action = models.CharField(verbose_name="办理环节", max_length=50)
    note = models.TextField(verbose_name="情况说明", blank=True)
    status = models.CharField(verbose_name="办理后状态", max_length=16, choices=CaseStatus)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+")

    objects = ServiceCaseStepQuerySet.as_manager()

    class Meta:
        verbose_name = "办理过程"
        verbose_name_plural = "办理过程"
        ordering = ["case", "at", "id"]

    def __str__(self):
        return f"{self.case.number} {self.action}"

    def get_absolute_url(self):
        return self.case.get_absolute_url()
