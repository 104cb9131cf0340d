"""关爱台账 (issue 4 item 8; domain.md §2.3.8): care subjects (关爱对象: 留守儿童, 留守老人, 空巢老人 …)
with their caregiver and arrangement, the interval within which they must be visited, the
responsible worker, and the visits made (走访记录).

A subject is due for a visit ``visit_interval_days`` after the last visit (or after the start when never
visited); the overdue list shows active subjects whose due day has passed, longest overdue first.
Minors' records are sensitive (L2): no photos are kept, and they are shown through the ordinary
scoping to users with the services view permission only.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup
from governance.querysets import ScopedQuerySet
from residents.models import Person


class CareKind(models.TextChoices):
    LEFT_BEHIND_CHILD = "left_behind_child", "留守儿童"
    LEFT_BEHIND_ELDERLY = "left_behind_elderly", "留守老人"
    LEFT_BEHIND_WOMAN = "left_behind_woman", "留守妇女"
    EMPTY_NEST = "empty_nest", "空巢老人"
    LIVING_ALONE = "living_alone", "独居老人"
    SANWU = "sanwu", "三无老人"
    REHABILITATION = "rehabilitation", "残疾康复"
    OLDEST_OLD = "oldest_old", "高龄"


class VisitKind(models.TextChoices):
    HOME = "home", "走访"
    PHONE = "phone", "电话"
    WARMTH = "warmth", "送温暖"


class CareSubjectQuerySet(ScopedQuerySet):
    scope_group = "group"

    def active(self):
        return self.filter(is_active=True)

    def current_on(self, day: datetime.date):
        """Subjects in care on ``day``: started by then, not ended before."""
        return self.filter(started_on__lte=day).filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=day))

    def with_last_visit(self):
        return self.annotate(last_visit_on=models.Max("visits__visited_on"))


class CareSubject(models.Model):
    """A resident in the care ledger (关爱对象)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(Person, verbose_name="关爱对象", on_delete=models.PROTECT, related_name="care_subjects")
    kind = models.CharField(verbose_name="类别", max_length=24, choices=CareKind)
    caregiver_person = models.ForeignKey(
        Person, verbose_name="监护/照料人(居民)", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    caregiver_name = models.CharField(verbose_name="监护/照料人姓名", max_length=50, blank=True)
    caregiver_relation = models.CharField(verbose_name="与对象关系", max_length=20, blank=True)
    caregiver_phone = models.CharField(verbose_name="照料人电话", max_length=20, blank=True)
    arrangement = models.TextField(
        verbose_name="照料安排", blank=True, help_text="如:祖父母照料,邻里结对,每周电话联系父母。"
    )
    visit_interval_days = models.PositiveSmallIntegerField(
        verbose_name="走访周期(天)", default=30, validators=[MinValueValidator(1)]
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_on = models.DateField(verbose_name="纳入日期")
    ended_on = models.DateField(verbose_name="退出日期", null=True, blank=True)
    is_active = models.BooleanField(verbose_name="在册", default=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = CareSubjectQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "关爱对象"
        verbose_name_plural = "关爱对象"
        ordering = ["community_id", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=models.Q(is_active=True),
                name="care_subject_once_per_kind",
                violation_error_message="该居民已登记为同类关爱对象。",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="care_subject_ends_after_start",
                violation_error_message="退出日期不能早于纳入日期。",
            ),
        ]

    def __str__(self):
        return f"{self.person.name}({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("services:caresubject_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.community_id:
            for name in ("person", "caregiver_person"):
                related = getattr(self, name)
                if related is not None and related.community_id != self.community_id:
                    errors[name] = "必须是本社区的居民。"
            if self.responsible_id and self.responsible.community_id != self.community_id:
                errors["responsible"] = "责任人必须是本社区的工作人员。"
        if self.caregiver_person_id and self.caregiver_person_id == self.person_id:
            errors["caregiver_person"] = "照料人不能是关爱对象本人。"
        if not self.is_active and not self.ended_on:
            errors["ended_on"] = "不在册的关爱对象请填写退出日期。"
        if errors:
            raise ValidationError(errors)

    @property
    def caregiver_display(self) -> str:
        name = self.caregiver_person.name if self.caregiver_person_id else self.caregiver_name
        relation = f"({self.caregiver_relation})" if self.caregiver_relation and name else ""
        return f"{name}{relation}"

    @property
    def is_minor_record(self) -> bool:
        return self.kind == CareKind.LEFT_BEHIND_CHILD

    def last_visit(self) -> datetime.date | None:
        last = getattr(self, "last_visit_on", None)
        if last is None and not hasattr(self, "last_visit_on"):
            last = self.visits.aggregate(last=models.Max("visited_on"))["last"]
        return last

    def due_on(self) -> datetime.date:
        """The day the next visit is due: the last visit (or the start) plus the interval."""
        return (self.last_visit() or self.started_on) + datetime.timedelta(days=self.visit_interval_days)


class CareVisitQuerySet(ScopedQuerySet):
    scope_group = "subject__group"


class CareVisit(models.Model):
    """A visit to a care subject (走访记录). Append-only: no history."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    subject = models.ForeignKey(CareSubject, verbose_name="关爱对象", on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(verbose_name="走访日期")
    kind = models.CharField(verbose_name="方式", max_length=16, choices=VisitKind, default=VisitKind.HOME)
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="走访人", on_delete=models.PROTECT, related_name="+"
    )
    situation = models.TextField(verbose_name="情况", help_text="劳动生产、饮食起居、身心健康等。")
    help_given = models.CharField(verbose_name="帮助内容", max_length=200, blank=True)
    next_action = models.CharField(verbose_name="下一步", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(verbose_name="记录时间", auto_now_add=True)

    objects = CareVisitQuerySet.as_manager()

    class Meta:
        verbose_name = "关爱走访"
        verbose_name_plural = "关爱走访"
        ordering = ["subject", "-visited_on", "id"]

    def __str__(self):
        return f"{self.subject} {self.visited_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return self.subject.get_absolute_url()
