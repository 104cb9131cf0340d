"""帮教 of released persons, community correction (社区矫正), and the visit tasks of key persons
(domain.md §2.5.4; issue 6 items 5–7).

All of it is L3 data (domain.md §6.1): only the 治保调解 role, 书记/主任 and superusers hold the
permissions, detail pages ask for a purpose and log every view, and lists show no more than a name,
a number and a status. The original offence (原罪名) of a 帮教 case is shown on its detail page only:
never in a list, never in an export.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup
from governance.querysets import ScopedQuerySet
from residents.models import Category, Person

#
# Choices
#


class RehabKind(models.TextChoices):
    RELEASED = "released", "刑满释放"
    REEDUCATION = "reeducation", "解除劳动教养"


class VisitFrequency(models.TextChoices):
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"


# How many months one visit covers.
FREQUENCY_MONTHS = {VisitFrequency.MONTHLY: 1, VisitFrequency.QUARTERLY: 3}


class Employment(models.TextChoices):
    PLACED = "placed", "已安置就业"
    SELF_EMPLOYED = "self", "自谋职业"
    UNEMPLOYED = "unemployed", "未就业"


class RehabStatus(models.TextChoices):
    ACTIVE = "active", "帮教中"
    COMPLETED = "completed", "期满解除"
    MOVED = "moved", "迁出"
    REOFFENDED = "reoffended", "重新犯罪"
    DIED = "died", "死亡"


class TeamRole(models.TextChoices):
    WORKER = "worker", "社区工作人员"
    POLICE = "police", "片警"
    RESIDENT = "resident", "社区居民"
    FAMILY = "family", "家属"


class VisitKind(models.TextChoices):
    VISIT = "visit", "走访"
    TALK = "talk", "谈话"
    PHONE = "phone", "电话"


class CorrectionType(models.TextChoices):
    CONTROL = "control", "管制"
    PROBATION = "probation", "缓刑"
    PAROLE = "parole", "假释"
    OUTSIDE = "outside", "暂予监外执行"


class CorrectionStatus(models.TextChoices):
    ACTIVE = "active", "矫正中"
    RELEASED = "released", "解除矫正"
    IMPRISONED = "imprisoned", "收监执行"
    DIED = "died", "死亡"


class CheckInKind(models.TextChoices):
    REPORT = "report", "报到"
    PHONE = "phone", "电话"
    VISIT = "visit", "走访"
    THOUGHT = "thought", "思想汇报"


class ViolationMeasure(models.TextChoices):
    WARNING = "warning", "警告"
    PUNISHMENT = "punishment", "提请治安管理处罚"
    REVOKE_PROBATION = "revoke_probation", "提请撤销缓刑"
    REVOKE_PAROLE = "revoke_parole", "提请撤销假释"
    IMPRISON = "imprison", "提请收监执行"


class Escalation(models.TextChoices):
    """How overdue an open care task is (computed from its dates, never stored)."""

    NORMAL = "normal", "普通"
    YELLOW = "yellow", "黄牌"
    RED = "red", "红牌督办"


# The categories of residents.Category that the care registers hang off.
RELEASED_CATEGORY = "released"
CORRECTION_CATEGORY = "correction"
KEY_PERSON_CATEGORY = "key_person"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months (31 January + 1 month is 28/29 February)."""
    return day + relativedelta(months=months)


def add_years(day: datetime.date, years: int) -> datetime.date:
    return day + relativedelta(years=years)


class GroupScopedQuerySet(ScopedQuerySet):
    scope_group = "group"


#
# 帮教 of released persons
#


class RehabCaseQuerySet(GroupScopedQuerySet):
    def active(self) -> RehabCaseQuerySet:
        return self.filter(status=RehabStatus.ACTIVE)

    def under_rehab_on(self, day: datetime.date) -> RehabCaseQuerySet:
        """Cases under 帮教 on ``day``: started by then and not yet ended (an end on ``day`` counts as ended)."""
        return self.filter(started_on__lte=day).exclude(ended_on__lte=day)

    def with_last_visit(self) -> RehabCaseQuerySet:
        """Annotate ``last_visit_on`` (the latest visit) and ``visit_anchor`` (that, or the case's start)."""
        return self.annotate(last_visit_on=models.Max("visits__visited_on")).annotate(
            visit_anchor=Coalesce("last_visit_on", "started_on")
        )

    def visits_overdue_on(self, day: datetime.date) -> RehabCaseQuerySet:
        """Active cases with no visit within their interval before ``day``.

        A case is due one interval (每月: 1 month, 每季度: 3 months) after its last visit, or after its
        start when nobody has visited yet; it is overdue once ``day`` is past that due date.
        """
        overdue = models.Q()
        for frequency, months in FREQUENCY_MONTHS.items():
            overdue |= models.Q(visit_frequency=frequency, visit_anchor__lt=add_months(day, -months))
        return self.active().with_last_visit().filter(overdue)


class RehabCase(models.Model):
    """A 帮教台账 entry: one released person (刑满释放 / 解除劳动教养) helped by a 帮教小组.

    Opened and closed through ``safety.services.care``; the status machine is
    帮教中 → 期满解除 / 迁出 / 重新犯罪 / 死亡, each end dated (``ended_on``).
    """

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="rehab_cases"
    )
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    number = models.CharField(verbose_name="编号", max_length=20, editable=False)
    person = models.ForeignKey(Person, verbose_name="帮教对象", on_delete=models.PROTECT, related_name="rehab_cases")
    kind = models.CharField(verbose_name="类型", max_length=16, choices=RehabKind, default=RehabKind.RELEASED)
    released_on = models.DateField(verbose_name="释放日期")
    offence = models.CharField(
        verbose_name="原罪名/原因", max_length=200, blank=True, help_text="限制信息:只在详情页显示,不导出。"
    )
    started_on = models.DateField(verbose_name="帮教开始日期", help_text="首次走访的期限从此日算起。")
    period_end = models.DateField(verbose_name="帮教期满日期", help_text="默认释放日期后五年。")
    target_plan = models.TextField(verbose_name="定对象", blank=True)
    task_plan = models.TextField(verbose_name="定任务", blank=True)
    duty_plan = models.TextField(verbose_name="定职责", blank=True)
    visit_frequency = models.CharField(
        verbose_name="走访频率", max_length=16, choices=VisitFrequency, default=VisitFrequency.MONTHLY
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    employment = models.CharField(
        verbose_name="就业安置", max_length=16, choices=Employment, default=Employment.UNEMPLOYED
    )
    employer = models.CharField(verbose_name="就业单位", max_length=100, blank=True)
    status = models.CharField(
        verbose_name="状态", max_length=16, choices=RehabStatus, default=RehabStatus.ACTIVE, db_index=True
    )
    ended_on = models.DateField(verbose_name="结束日期", null=True, blank=True)
    end_note = models.CharField(verbose_name="结束说明", max_length=200, blank=True)
    reoffended_on = models.DateField(verbose_name="重新犯罪日期", null=True, blank=True)
    reoffence_note = models.TextField(verbose_name="重新犯罪情况", blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = RehabCaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "帮教台账"
        verbose_name_plural = "刑释解教人员帮教"
        ordering = ["community_id", "-started_on", "-id"]
        # domain.md §6.2: no Excel export of 帮教 cases except by 主任/书记, with a reason.
        permissions = [("export_rehabcase", "导出帮教台账(须说明事由)")]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"],
                name="rehab_case_unique_number",
                violation_error_message="本社区已有此帮教编号。",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="active"),
                name="rehab_case_one_active_per_person",
                violation_error_message="该人员已有帮教中的台账。",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("released_on")),
                name="rehab_case_period_after_release",
                violation_error_message="帮教期满日期必须晚于释放日期。",
            ),
        ]

    def __str__(self):
        return f"帮教 {self.number} {self.person}"

    def get_absolute_url(self):
        return reverse("safety:rehabcase_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.period_end and self.released_on and self.period_end <= self.released_on:
            raise ValidationError({"period_end": "帮教期满日期必须晚于释放日期。"})
        if self.started_on and self.released_on and self.started_on < self.released_on:
            raise ValidationError({"started_on": "帮教开始日期不能早于释放日期。"})
        if self.employment == Employment.UNEMPLOYED and self.employer:
            raise ValidationError({"employer": "未就业时不填就业单位。"})

    @property
    def is_active(self) -> bool:
        return self.status == RehabStatus.ACTIVE

    def next_visit_due(self, last_visit_on: datetime.date | None = None) -> datetime.date:
        """The date the next visit is due: one interval after the last visit, or after the start."""
        anchor = last_visit_on or self.started_on
        return add_months(anchor, FREQUENCY_MONTHS[self.visit_frequency])


class RehabTeamMember(models.Model):
    """A member of a case's 帮教小组: staff, the 片警 (free text: police are not users), residents, family."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(RehabCase, verbose_name="帮教台账", on_delete=models.CASCADE, related_name="team")
    name = models.CharField(verbose_name="姓名", max_length=50)
    role = models.CharField(verbose_name="角色", max_length=16, choices=TeamRole)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="工作人员账号",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    person = models.ForeignKey(
        Person, verbose_name="居民", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    duty = models.CharField(verbose_name="职责", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "帮教小组成员"
        verbose_name_plural = "帮教小组成员"
        ordering = ["case", "id"]

    def __str__(self):
        return f"{self.name}({self.get_role_display()})"

    def get_absolute_url(self):
        return self.case.get_absolute_url()


class RehabVisit(models.Model):
    """A 谈话走访 of a 帮教 case: how the person lives, thinks and works, and what comes next."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(RehabCase, verbose_name="帮教台账", on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField(verbose_name="走访日期")
    kind = models.CharField(verbose_name="方式", max_length=16, choices=VisitKind, default=VisitKind.VISIT)
    visitors = models.CharField(verbose_name="走访人", max_length=200)
    living = models.TextField(verbose_name="生活情况", blank=True)
    thinking = models.TextField(verbose_name="思想情况", blank=True)
    work = models.TextField(verbose_name="工作情况", blank=True)
    next_action = models.TextField(verbose_name="下一步措施", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "帮教走访"
        verbose_name_plural = "帮教走访"
        ordering = ["case", "-visited_on", "-id"]

    def __str__(self):
        return f"{self.visited_on:%Y-%m-%d} {self.get_kind_display()}"

    def get_absolute_url(self):
        return self.case.get_absolute_url()


#
# 社区矫正
#


class CorrectionCaseQuerySet(GroupScopedQuerySet):
    def active(self) -> CorrectionCaseQuerySet:
        return self.filter(status=CorrectionStatus.ACTIVE)

    def in_correction_on(self, day: datetime.date) -> CorrectionCaseQuerySet:
        """Subjects in correction on ``day``: received by then and not yet released or imprisoned."""
        return self.filter(start_on__lte=day).exclude(ended_on__lte=day)

    def with_last_checkin(self) -> CorrectionCaseQuerySet:
        return self.annotate(last_checkin_on=models.Max("checkins__checked_on")).annotate(
            checkin_anchor=Coalesce("last_checkin_on", "start_on")
        )

    def checkins_overdue_on(self, day: datetime.date) -> CorrectionCaseQuerySet:
        """Active cases whose last check-in (or, without one, their start) is more than their reporting
        interval (in days) before ``day``. Decided row by row in Python (the interval varies per case and
        date arithmetic on a column differs between databases), then narrowed by primary key."""
        cases = self.active().with_last_checkin()
        late = [
            case.pk for case in cases if case.checkin_anchor + datetime.timedelta(days=case.report_interval_days) < day
        ]
        return self.filter(pk__in=late).with_last_checkin()


class CorrectionCase(models.Model):
    """A person under community correction (社区矫正), kept alongside the 司法所 that supervises them.

    Status machine (in services): 矫正中 → 解除矫正 / 收监执行 / 死亡.
    """

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="correction_cases"
    )
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    number = models.CharField(verbose_name="编号", max_length=20, editable=False)
    person = models.ForeignKey(
        Person, verbose_name="矫正对象", on_delete=models.PROTECT, related_name="correction_cases"
    )
    correction_type = models.CharField(verbose_name="矫正类别", max_length=16, choices=CorrectionType)
    start_on = models.DateField(verbose_name="矫正开始日期")
    end_on = models.DateField(verbose_name="矫正期满日期")
    judicial_office = models.CharField(verbose_name="司法所", max_length=100)
    officer_name = models.CharField(verbose_name="司法所工作人员", max_length=50)
    officer_phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    report_interval_days = models.PositiveSmallIntegerField(
        verbose_name="报到间隔(天)", default=30, help_text="多少天内至少报到或联系一次。"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="社区联络人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        verbose_name="状态", max_length=16, choices=CorrectionStatus, default=CorrectionStatus.ACTIVE, db_index=True
    )
    ended_on = models.DateField(verbose_name="解除/收监日期", null=True, blank=True)
    end_note = models.CharField(verbose_name="结束说明", max_length=200, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = CorrectionCaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "社区矫正"
        verbose_name_plural = "社区矫正"
        ordering = ["community_id", "-start_on", "-id"]
        permissions = [("export_correctioncase", "导出社区矫正台账(须说明事由)")]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"],
                name="correction_case_unique_number",
                violation_error_message="本社区已有此矫正编号。",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="active"),
                name="correction_case_one_active_per_person",
                violation_error_message="该人员已有矫正中的记录。",
            ),
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="correction_case_ends_after_start",
                violation_error_message="矫正期满日期不能早于开始日期。",
            ),
            models.CheckConstraint(
                condition=models.Q(report_interval_days__gte=1),
                name="correction_case_interval_positive",
                violation_error_message="报到间隔至少1天。",
            ),
        ]

    def __str__(self):
        return f"矫正 {self.number} {self.person}"

    def get_absolute_url(self):
        return reverse("safety:correctioncase_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": "矫正期满日期不能早于开始日期。"})

    @property
    def is_active(self) -> bool:
        return self.status == CorrectionStatus.ACTIVE

    def next_checkin_due(self, last_checkin_on: datetime.date | None = None) -> datetime.date:
        return (last_checkin_on or self.start_on) + datetime.timedelta(days=self.report_interval_days)


class CorrectionCheckIn(models.Model):
    """A 报到 / 电话 / 走访 / 思想汇报 of a person under correction."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(CorrectionCase, verbose_name="社区矫正", on_delete=models.PROTECT, related_name="checkins")
    checked_on = models.DateField(verbose_name="日期")
    kind = models.CharField(verbose_name="方式", max_length=16, choices=CheckInKind, default=CheckInKind.REPORT)
    note = models.TextField(verbose_name="情况", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "矫正报到"
        verbose_name_plural = "矫正报到"
        ordering = ["case", "-checked_on", "-id"]

    def __str__(self):
        return f"{self.checked_on:%Y-%m-%d} {self.get_kind_display()}"

    def get_absolute_url(self):
        return self.case.get_absolute_url()


class CorrectionViolation(models.Model):
    """A violation (违规) of the correction rules and the measure proposed or taken."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        CorrectionCase, verbose_name="社区矫正", on_delete=models.PROTECT, related_name="violations"
    )
    occurred_on = models.DateField(verbose_name="违规日期")
    description = models.TextField(verbose_name="违规情况")
    measure = models.CharField(verbose_name="处理措施", max_length=20, choices=ViolationMeasure)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "矫正违规"
        verbose_name_plural = "矫正违规"
        ordering = ["case", "-occurred_on", "-id"]

    def __str__(self):
        return f"{self.occurred_on:%Y-%m-%d} {self.get_measure_display()}"

    def get_absolute_url(self):
        return self.case.get_absolute_url()


#
# Key persons: care rules and visit tasks
#


class CareRule(models.Model):
    """How often the members of one sensitive category (刑释, 社区矫正, 重点人员) of a community are visited,
    and by whom by default. ``care_tasks_generate`` turns the rules into tasks."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(
        Category,
        verbose_name="人群类别",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"is_sensitive": True},
    )
    interval_days = models.PositiveSmallIntegerField(verbose_name="走访间隔(天)", default=30)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="默认责任人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(verbose_name="启用", default=True)
    note = models.CharField(verbose_name="说明", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "关爱走访规则"
        verbose_name_plural = "关爱走访规则"
        ordering = ["community_id", "category__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "category"],
                name="care_rule_one_per_category",
                violation_error_message="本社区已有该类别的走访规则。",
            ),
            models.CheckConstraint(
                condition=models.Q(interval_days__gte=1),
                name="care_rule_interval_positive",
                violation_error_message="走访间隔至少1天。",
            ),
        ]

    def __str__(self):
        return f"{self.category} 每{self.interval_days}天"

    def get_absolute_url(self):
        return reverse("safety:carerule_list")

    def clean(self):
        if self.category_id and not self.category.is_sensitive:
            raise ValidationError({"category": "走访规则只用于敏感类别(刑释、社区矫正、重点人员)。"})


class CareTaskQuerySet(GroupScopedQuerySet):
    def open(self) -> CareTaskQuerySet:
        return self.filter(done_on__isnull=True)

    def with_escalation(self, day: datetime.date) -> CareTaskQuerySet:
        """Annotate ``escalation`` on ``day`` (see ``CareTask.escalation_on``); "done" for completed tasks."""
        return self.annotate(
            escalation=models.Case(
                models.When(done_on__isnull=False, then=models.Value("done")),
                models.When(escalate_on__lt=day, then=models.Value(Escalation.RED)),
                models.When(due_on__lt=day, then=models.Value(Escalation.YELLOW)),
                default=models.Value(Escalation.NORMAL),
                output_field=models.CharField(),
            )
        )

    def escalated_on(self, day: datetime.date) -> CareTaskQuerySet:
        """Open tasks overdue on ``day`` (黄牌 and 红牌督办): the 督办 list."""
        return self.open().filter(due_on__lt=day)


class CareTask(models.Model):
    """One visit a responsible worker owes a key person of a sensitive category.

    Escalation (``escalation_on``) is computed from the dates: 普通 until the due date, 黄牌 once past it,
    红牌督办 once it is overdue by more than one whole interval (``escalate_on`` = due date + the rule's
    interval, fixed when the task is created). One interval rather than a fixed 15 days, so that a
    monthly visit turns red after a missed month and a quarterly one after a missed quarter.
    """

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(Person, verbose_name="走访对象", on_delete=models.PROTECT, related_name="care_tasks")
    category = models.ForeignKey(Category, verbose_name="人群类别", on_delete=models.PROTECT, related_name="+")
    rule = models.ForeignKey(
        CareRule, verbose_name="走访规则", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_on = models.DateField(verbose_name="生成日期")
    due_on = models.DateField(verbose_name="应走访日期")
    escalate_on = models.DateField(verbose_name="督办日期", help_text="此日之后仍未走访即为红牌督办。")
    done_on = models.DateField(verbose_name="走访日期", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="走访人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    visit_note = models.TextField(verbose_name="走访情况", blank=True)

    objects = CareTaskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "关爱走访任务"
        verbose_name_plural = "重点人员走访任务"
        ordering = ["community_id", "done_on", "due_on", "id"]
        permissions = [("supervise_caretask", "督办重点人员走访任务")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "category"],
                condition=models.Q(done_on__isnull=True),
                name="care_task_one_open_per_person_category",
                violation_error_message="该人员在此类别已有未完成的走访任务。",
            ),
            models.CheckConstraint(
                condition=models.Q(escalate_on__gte=models.F("due_on")),
                name="care_task_escalates_after_due",
                violation_error_message="督办日期不能早于应走访日期。",
            ),
        ]

    def __str__(self):
        return f"{self.person} {self.category} 应于{self.due_on:%Y-%m-%d}走访"

    def get_absolute_url(self):
        return reverse("safety:caretask_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    def escalation_on(self, day: datetime.date) -> Escalation | None:
        """普通 / 黄牌 / 红牌督办 of an open task on ``day``; None once the visit is recorded."""
        if self.done_on is not None:
            return None
        if day > self.escalate_on:
            return Escalation.RED
        if day > self.due_on:
            return Escalation.YELLOW
        return Escalation.NORMAL
