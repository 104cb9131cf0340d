"""就业服务 (issue 4 item 7; domain.md §2.3.7, decision 10): job-seeker cards (求职登记), vacancies
reported by units (空岗报告), referrals (职业介绍) with the time to placement, training courses with their
enrolments, and benefit payments (失业金等).

A referral is made for a seeker who is 求职中 to a vacancy still 招聘中; when the seeker is placed
(已上岗) the seeker becomes 已就业 and the vacancy's filled count goes up (招聘中 → 已满员 when all its posts
are filled). The "48 小时上岗" promise is measured from the referral to the placement. Writes go through
``services.services.employment``; figures are read by ``services.selectors.employment``.
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
from residents.models import Person

PROMISE_HOURS = 48


class JoblessKind(models.TextChoices):
    LAID_OFF = "laid_off", "下岗"
    UNEMPLOYED = "unemployed", "失业"
    NEVER_EMPLOYED = "never_employed", "未就业"


class Education(models.TextChoices):
    PRIMARY = "primary", "小学及以下"
    JUNIOR = "junior", "初中"
    SENIOR = "senior", "高中/中专"
    COLLEGE = "college", "大专"
    BACHELOR = "bachelor", "本科及以上"


class SeekerStatus(models.TextChoices):
    SEEKING = "seeking", "求职中"
    EMPLOYED = "employed", "已就业"
    WITHDRAWN = "withdrawn", "退出"


class VacancyStatus(models.TextChoices):
    OPEN = "open", "招聘中"
    FILLED = "filled", "已满员"


class ReferralResult(models.TextChoices):
    PENDING = "pending", "待反馈"
    PLACED = "placed", "已上岗"
    REJECTED = "rejected", "未录用"


class CourseKind(models.TextChoices):
    FREE = "free", "免费培训"
    PRE_EMPLOYMENT = "pre_employment", "就业前培训"
    SKILLS = "skills", "技能提升培训"
    ENTREPRENEURSHIP = "entrepreneurship", "创业培训"


class TrainingOutcome(models.TextChoices):
    GRADUATED = "graduated", "结业"
    CERTIFIED = "certified", "取证"
    INCOMPLETE = "incomplete", "未完成"


class BenefitKind(models.TextChoices):
    UNEMPLOYMENT = "unemployment", "失业保险金"
    REEMPLOYMENT = "reemployment", "再就业补贴"
    SOCIAL_INSURANCE = "social_insurance", "灵活就业社保补贴"
    OTHER = "other", "其他"


MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class JobSeekerQuerySet(ScopedQuerySet):
    scope_group = "group"

    def seeking(self):
        return self.filter(status=SeekerStatus.SEEKING)


class JobSeeker(models.Model):
    """A job-seeker card (求职登记卡) of a laid-off, unemployed or never employed resident."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(Person, verbose_name="求职人员", on_delete=models.PROTECT, related_name="job_seekers")
    jobless_kind = models.CharField(verbose_name="人员类别", max_length=16, choices=JoblessKind)
    registered_on = models.DateField(verbose_name="登记日期")
    card_number = models.CharField(verbose_name="就业失业登记证号", max_length=40, blank=True)
    education = models.CharField(verbose_name="文化程度", max_length=16, choices=Education, blank=True)
    skills = models.CharField(verbose_name="技能特长", max_length=200, blank=True)
    wanted_job = models.CharField(verbose_name="求职意向", max_length=200, blank=True)
    status = models.CharField(verbose_name="状态", max_length=16, choices=SeekerStatus, default=SeekerStatus.SEEKING)
    closed_on = models.DateField(verbose_name="就业/退出日期", null=True, blank=True)
    closed_reason = models.CharField(verbose_name="退出原因", max_length=200, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = JobSeekerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "求职登记"
        verbose_name_plural = "求职登记"
        ordering = ["community_id", "-registered_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="seeking"),
                name="job_seeker_one_open_card_per_person",
                violation_error_message="该居民已有求职中的登记卡。",
            ),
        ]

    def __str__(self):
        return f"{self.person.name} 求职登记"

    def get_absolute_url(self):
        return reverse("services:jobseeker_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.person_id and self.community_id and self.person.community_id != self.community_id:
            raise ValidationError({"person": "求职人员必须是本社区的居民。"})

    @property
    def is_seeking(self) -> bool:
        return self.status == SeekerStatus.SEEKING


class VacancyQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status=VacancyStatus.OPEN)


class Vacancy(models.Model):
    """A vacancy reported by a unit (空岗报告)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    employer_unit = models.ForeignKey(
        ResidentUnit,
        verbose_name="用工单位(驻社区单位)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    employer_name = models.CharField(verbose_name="用工单位(其他)", max_length=100, blank=True)
    title = models.CharField(verbose_name="岗位名称", max_length=100)
    posts = models.PositiveSmallIntegerField(verbose_name="招用人数", default=1, validators=[MinValueValidator(1)])
    filled = models.PositiveSmallIntegerField(verbose_name="已上岗人数", default=0)
    wage = models.DecimalField(verbose_name="月工资(元)", null=True, blank=True, **MONEY)
    requirements = models.CharField(verbose_name="岗位要求", max_length=200, blank=True)
    reported_on = models.DateField(verbose_name="报告日期")
    is_public_welfare = models.BooleanField(verbose_name="公益性岗位", default=False)
    status = models.CharField(verbose_name="状态", max_length=16, choices=VacancyStatus, default=VacancyStatus.OPEN)

    objects = VacancyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "空岗报告"
        verbose_name_plural = "空岗报告"
        ordering = ["community_id", "-reported_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(filled__lte=models.F("posts")),
                name="vacancy_filled_not_above_posts",
                violation_error_message="已上岗人数不能超过招用人数。",
            ),
        ]

    def __str__(self):
        return f"{self.employer_display} · {self.title}"

    def get_absolute_url(self):
        return reverse("services:vacancy_detail", kwargs={"pk": self.pk})

    @property
    def employer_display(self) -> str:
        return self.employer_unit.name if self.employer_unit_id else self.employer_name

    @property
    def remaining(self) -> int:
        return max(self.posts - self.filled, 0)

    def clean(self):
        errors = {}
        if bool(self.employer_unit_id) == bool(self.employer_name.strip()):
            errors["employer_name"] = "请填写用工单位:选择驻社区单位或填写其他单位名称,只填一项。"
        if self.employer_unit_id and self.community_id and self.employer_unit.community_id != self.community_id:
            errors["employer_unit"] = "用工单位必须是本社区的驻社区单位。"
        if errors:
            raise ValidationError(errors)


class ReferralQuerySet(ScopedQuerySet):
    scope_group = "seeker__group"

    def placed(self):
        return self.filter(result=ReferralResult.PLACED)


class Referral(models.Model):
    """A referral (职业介绍) of a seeker to a vacancy, and its result."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    seeker = models.ForeignKey(JobSeeker, verbose_name="求职人员", on_delete=models.PROTECT, related_name="referrals")
    vacancy = models.ForeignKey(Vacancy, verbose_name="岗位", on_delete=models.PROTECT, related_name="referrals")
    referred_at = models.DateTimeField(verbose_name="介绍时间")
    result = models.CharField(
        verbose_name="结果", max_length=16, choices=ReferralResult, default=ReferralResult.PENDING
    )
    placed_at = models.DateTimeField(verbose_name="上岗时间", null=True, blank=True)
    note = models.CharField(verbose_name="说明", max_length=200, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="介绍人", on_delete=models.PROTECT, related_name="+"
    )

    objects = ReferralQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "职业介绍"
        verbose_name_plural = "职业介绍"
        ordering = ["community_id", "-referred_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(placed_at__isnull=True) | models.Q(placed_at__gte=models.F("referred_at")),
                name="referral_placed_after_referred",
                violation_error_message="上岗时间不能早于介绍时间。",
            ),
        ]

    def __str__(self):
        return f"{self.seeker.person.name} → {self.vacancy}"

    def get_absolute_url(self):
        return self.seeker.get_absolute_url()

    @property
    def time_to_placement(self) -> datetime.timedelta | None:
        """From the referral to the placement."""
        return self.placed_at - self.referred_at if self.placed_at else None

    @property
    def hours_to_placement(self) -> float | None:
        delta = self.time_to_placement
        return round(delta.total_seconds() / 3600, 1) if delta is not None else None

    @property
    def days_from_registration(self) -> int | None:
        """Days from the seeker's registration to the placement."""
        if not self.placed_at:
            return None
        from django.utils import timezone

        return (timezone.localtime(self.placed_at).date() - self.seeker.registered_on).days

    @property
    def within_promise(self) -> bool | None:
        delta = self.time_to_placement
        return delta <= datetime.timedelta(hours=PROMISE_HOURS) if delta is not None else None


class TrainingCourse(models.Model):
    """A training course (就业培训)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(verbose_name="培训名称", max_length=100)
    provider = models.CharField(verbose_name="培训机构", max_length=100, blank=True)
    kind = models.CharField(verbose_name="培训类型", max_length=20, choices=CourseKind, default=CourseKind.FREE)
    start_on = models.DateField(verbose_name="开班日期")
    end_on = models.DateField(verbose_name="结业日期")
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "就业培训"
        verbose_name_plural = "就业培训"
        ordering = ["community_id", "-start_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="training_course_ends_after_start",
                violation_error_message="结业日期不能早于开班日期。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:trainingcourse_detail", kwargs={"pk": self.pk})


class TrainingEnrolmentQuerySet(ScopedQuerySet):
    scope_group = "person__group"


class TrainingEnrolment(models.Model):
    """A resident enrolled in a course, and the outcome (blank while in training)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(TrainingCourse, verbose_name="培训", on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(Person, verbose_name="学员", on_delete=models.PROTECT, related_name="+")
    seeker = models.ForeignKey(
        JobSeeker, verbose_name="求职登记", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(verbose_name="培训结果", max_length=16, choices=TrainingOutcome, blank=True)
    certificate = models.CharField(verbose_name="证书名称/编号", max_length=100, blank=True)

    objects = TrainingEnrolmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "培训学员"
        verbose_name_plural = "培训学员"
        ordering = ["course", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "person"],
                name="training_enrolment_once_per_course",
                violation_error_message="该居民已报名此培训。",
            ),
        ]

    def __str__(self):
        return f"{self.person.name} · {self.course}"

    def get_absolute_url(self):
        return self.course.get_absolute_url()


class BenefitPaymentQuerySet(ScopedQuerySet):
    scope_group = "person__group"


class BenefitPayment(models.Model):
    """A benefit paid to a resident for a month (失业金等)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, verbose_name="领取人", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(verbose_name="类别", max_length=20, choices=BenefitKind, default=BenefitKind.UNEMPLOYMENT)
    period = models.DateField(verbose_name="所属月份", help_text="该月1日。")
    amount = models.DecimalField(verbose_name="金额(元)", **MONEY)
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = BenefitPaymentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "就业补助发放"
        verbose_name_plural = "就业补助发放"
        ordering = ["community_id", "-period", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "period"],
                name="benefit_payment_once_per_month",
                violation_error_message="该居民本月已登记同类发放。",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="benefit_payment_amount_positive",
                violation_error_message="金额必须大于0。",
            ),
        ]

    def __str__(self):
        return f"{self.person.name} {self.period:%Y-%m} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("services:benefitpayment_list")

    def clean(self):
        if self.period:
            self.period = self.period.replace(day=1)
        if self.person_id and self.community_id and self.person.community_id != self.community_id:
            raise ValidationError({"person": "领取人必须是本社区的居民。"})
