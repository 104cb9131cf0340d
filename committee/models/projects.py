"""Construction projects per residents' group, honours and the co-building of resident units (issue 5 items 7
and 9; domain.md §2.4.10, §2.4.13 Award, §2.4 ResidentUnit 实事).

Seed 000 section 二 lists, group by group, what was built 「以一小组一亮点为目标」: 「投资7.5万元对15户危房进行修缮
加固…目前上述各项目已经完工等待验收」. A ``ConstructionProject`` holds one such line: its groups (some span several,
the 40眼沼气池 of 老张箐、分水岭、桃树箐), kind, investment (stored in 元, entered and shown in 万元), quantity and
unit, specification, funding source and its status, which only moves forward through
``committee.services.projects``::

    计划 → 已批准 → 施工中 → 完工待验收 → 已验收/投入使用

each step with its date (``approved_on`` … ``accepted_on``); the dates of the steps reached are required, those of
later steps empty, and they never go backwards (``ConstructionProject.clean``).

An ``Award`` (荣誉) is an honour of the community itself, of one of its groups (示范/文明/充分就业/法治居民小组,
文明村 …) or of a person of the register. A ``UnitContribution`` is what a 共驻共建 unit did for the community in a
year (为社区办实事, donations, resources opened to residents, joint activities): 「驻社区共建单位每年为社区办实事件
2件」.

Scoping: these registers carry ``community`` only. A project's groups could make it visible to those groups' grid
workers, but 网格员/小组长 hold no committee permission except ``suggestion`` (``governance.roles``), so
``scope_group`` stays None and every row is visible to the whole community.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup, ResidentUnit
from governance.querysets import ScopedQuerySet

WAN = Decimal("10000")  # 1万元 = 10 000元


def plain(number: Decimal) -> Decimal:
    """``number`` without trailing zeros (7.50 → 7.5, 2000.00 → 2000)."""
    value = Decimal(number).normalize()
    # normalize() writes 100 as 1E+2: give it back its exponent 0.
    return value.quantize(Decimal(1)) if value == value.to_integral() else value


def yuan_to_wan(amount: Decimal | None) -> Decimal | None:
    """An amount in 元 as 万元, without trailing zeros (75000.00 → 7.5)."""
    if amount is None:
        return None
    return plain(Decimal(amount) / WAN)


def wan_to_yuan(amount: Decimal | None) -> Decimal | None:
    """An amount in 万元 as 元, to the fen (7.5 → 75000.00)."""
    if amount is None:
        return None
    return (Decimal(amount) * WAN).quantize(Decimal("0.01"))


class ProjectKind(models.TextChoices):
    DILAPIDATED_HOUSING = "dilapidated_housing", "危房修缮加固"
    ROAD_HARDENING = "road_hardening", "道路硬化"
    PUBLIC_TOILET = "public_toilet", "公厕"
    REFUSE_HOUSE = "refuse_house", "垃圾收集房"
    WELL_FENCE = "well_fence", "老井保护围栏"
    FACADE_PAINTING = "facade_painting", "外墙粉刷"
    VILLAGE_GREENING = "village_greening", "村庄绿化"
    DRINKING_WATER_PIPES = "drinking_water_pipes", "人饮管网改造"
    DRINKING_WATER_WORKS = "drinking_water_works", "人畜饮水工程"
    CULTURE_ROOM = "culture_room", "多功能文化室"
    BIOGAS = "biogas", "沼气池"
    HIGHWAY = "highway", "公路"
    ARCHWAY = "archway", "牌坊"
    COVERED_BRIDGE = "covered_bridge", "风雨桥"
    FARMING_MUSEUM = "farming_museum", "农耕文化馆"
    FLOWER_BEDS = "flower_beds", "花坛绿化"
    OTHER = "other", "其他"


class QuantityUnit(models.TextChoices):
    HOUSEHOLD = "户", "户"
    SQUARE_METRE = "㎡", "㎡"
    PIECE = "个", "个"
    PIT = "眼", "眼"
    BUILDING = "座", "座"
    ITEM = "项", "项"
    KILOMETRE = "公里", "公里"
    METRE = "米", "米"


class FundingSource(models.TextChoices):
    HIGHER_LEVEL = "higher_level", "上级拨款"
    CASE_BY_CASE = "case_by_case", "一事一议"
    REWARD_SUBSIDY = "reward_subsidy", "以奖代补"
    DONATION = "donation", "社会捐资"
    SELF_RAISED = "self_raised", "自筹"
    UNSTATED = "unstated", "未注明"


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", "计划"
    APPROVED = "approved", "已批准"
    BUILDING = "building", "施工中"
    COMPLETED = "completed", "完工待验收"
    ACCEPTED = "accepted", "已验收/投入使用"


# The status machine in order, with the date field each step sets, the words of its date and its verb.
STATUS_ORDER: tuple[str, ...] = tuple(ProjectStatus.values)
STEP_DATES: dict[str, tuple[str, str]] = {
    ProjectStatus.APPROVED: ("approved_on", "批准日期"),
    ProjectStatus.BUILDING: ("started_on", "开工日期"),
    ProjectStatus.COMPLETED: ("completed_on", "完工日期"),
    ProjectStatus.ACCEPTED: ("accepted_on", "验收日期"),
}
STEP_VERBS: dict[str, str] = {
    ProjectStatus.APPROVED: "批准",
    ProjectStatus.BUILDING: "开工",
    ProjectStatus.COMPLETED: "完工",
    ProjectStatus.ACCEPTED: "验收",
}
DATE_FIELDS: tuple[str, ...] = tuple(field for field, _ in STEP_DATES.values())


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status)


class ConstructionProject(models.Model):
    """A construction project (建设项目) of the community, in one or more of its residents' groups (none: the whole
    community, such as a 公路 or a 风雨桥 not yet sited)."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="construction_projects"
    )
    groups = models.ManyToManyField(
        ResidentGroup,
        verbose_name="居民小组",
        blank=True,
        related_name="construction_projects",
        help_text="跨小组的项目选多个;全社区的项目不选。",
    )
    kind = models.CharField(verbose_name="项目类型", max_length=24, choices=ProjectKind)
    title = models.CharField(verbose_name="项目名称", max_length=100, help_text="如:岔河村间道路硬化")
    investment = models.DecimalField(
        verbose_name="投资(元)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="以元保存,页面和Excel按万元填写和显示;未注明留空。",
    )
    quantity = models.DecimalField(
        verbose_name="数量",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(verbose_name="单位", max_length=4, choices=QuantityUnit, blank=True)
    spec = models.CharField(verbose_name="规格", max_length=200, blank=True, help_text="如:宽2米,成块石路面,配套排水沟")
    funding_source = models.CharField(
        verbose_name="资金来源", max_length=16, choices=FundingSource, default=FundingSource.UNSTATED
    )
    status = models.CharField(
        verbose_name="状态", max_length=12, choices=ProjectStatus, default=ProjectStatus.PLANNED, db_index=True
    )
    approved_on = models.DateField(verbose_name="批准日期", null=True, blank=True)
    started_on = models.DateField(verbose_name="开工日期", null=True, blank=True)
    completed_on = models.DateField(verbose_name="完工日期", null=True, blank=True)
    accepted_on = models.DateField(verbose_name="验收日期", null=True, blank=True)
    planned_for = models.CharField(verbose_name="计划完成", max_length=50, blank=True, help_text="如:2027年中旬")
    description = models.TextField(verbose_name="项目说明", blank=True)

    objects = ScopedQuerySet.as_manager()  # community-wide: see the module docstring
    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        verbose_name = "建设项目"
        verbose_name_plural = "建设项目"
        ordering = ["community_id", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "title"],
                name="construction_project_unique_title",
                violation_error_message="本社区已有同名建设项目。",
            ),
            models.CheckConstraint(
                condition=models.Q(investment__isnull=True) | models.Q(investment__gte=0),
                name="construction_project_investment_not_negative",
                violation_error_message="投资不能为负数。",
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=True) | ~models.Q(unit=""),
                name="construction_project_quantity_has_unit",
                violation_error_message="填写了数量,请选择单位。",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committee:constructionproject_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.quantity is not None and not self.unit:
            raise ValidationError({"unit": "填写了数量,请选择单位。"})
        self.clean_dates()

    def clean_dates(self) -> None:
        """The dates of the steps reached are filled in and in order; later steps have none."""
        if self.status not in STATUS_ORDER:
            return
        reached = status_rank(self.status)
        errors: dict[str, str] = {}
        previous: tuple[str, object] | None = None
        for status, (field, label) in STEP_DATES.items():
            day = getattr(self, field)
            if status_rank(status) <= reached:
                if day is None:
                    errors[field] = f"项目已{STEP_VERBS[status]},请填写{label}。"
                    continue
                if previous is not None and day < previous[1]:
                    errors[field] = f"{label}不能早于{previous[0]}。"
                previous = (label, day)
            elif day is not None:
                errors[field] = f"项目尚未{STEP_VERBS[status]},不能填写{label}。"
        if errors:
            raise ValidationError(errors)

    @property
    def investment_wan(self) -> Decimal | None:
        return yuan_to_wan(self.investment)

    @property
    def next_status(self) -> str | None:
        rank = status_rank(self.status)
        return STATUS_ORDER[rank + 1] if rank + 1 < len(STATUS_ORDER) else None

    @property
    def is_finished(self) -> bool:
        return self.status in (ProjectStatus.COMPLETED, ProjectStatus.ACCEPTED)

    @property
    def quantity_display(self) -> str:
        if self.quantity is None:
            return ""
        return f"{plain(self.quantity)}{self.unit}"


class DocumentKind(models.TextChoices):
    DOCUMENT = "document", "文件"
    PHOTO = "photo", "照片"


def project_document_path(instance: ProjectDocument, filename: str) -> str:
    return f"committee/projects/{instance.community_id}/{instance.project_id}/{filename}"


class ProjectDocument(models.Model):
    """A document or photo of a project (批复、设计、验收材料、施工照片 …), downloaded through the scoped page."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(
        ConstructionProject, verbose_name="建设项目", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(verbose_name="类别", max_length=10, choices=DocumentKind, default=DocumentKind.DOCUMENT)
    title = models.CharField(verbose_name="标题", max_length=100)
    file = models.FileField(verbose_name="文件", upload_to=project_document_path, max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+", editable=False
    )
    uploaded_at = models.DateTimeField(verbose_name="上传时间", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目资料"
        verbose_name_plural = "项目资料"
        ordering = ["project_id", "kind", "uploaded_at", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.project.get_absolute_url()


#
# Honours
#


class AwardLevel(models.TextChoices):
    COMMUNITY = "community", "社区"
    STREET = "street", "街道"
    COUNTY = "county", "区县"
    CITY = "city", "市"
    PROVINCE = "province", "省"
    NATIONAL = "national", "全国"


class AwardStage(models.TextChoices):
    AWARDED = "awarded", "已命名"
    EVALUATED = "evaluated", "已通过考评,待命名"


# Titles offered in the form (any other may be typed): seed 000's group and village honours, seed 002's list.
AWARD_TITLES = (
    "文明村",
    "市级文明村",
    "区级文明村",
    "省级文明村",
    "示范居民小组",
    "文明居民小组",
    "充分就业居民小组",
    "法治居民小组",
    "社会治安综合治理先进集体",
    "计划生育先进社区",
    "平安社区",
    "民主法治社区",
    "文明社区",
    "绿色社区",
    "五好文明家庭",
)


class AwardSubject(models.TextChoices):
    COMMUNITY = "community", "社区"
    GROUP = "group", "居民小组"
    PERSON = "person", "居民"


class Award(models.Model):
    """An honour (荣誉): its subject is the community (no group, no person), one residents' group or one person of
    the register; its title, level, year and awarding body, document number and an optional attachment."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="awards")
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="获奖居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    person = models.ForeignKey(
        "residents.Person",
        verbose_name="获奖居民",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    title = models.CharField(verbose_name="荣誉称号", max_length=100)
    level = models.CharField(verbose_name="级别", max_length=12, choices=AwardLevel)
    stage = models.CharField(
        verbose_name="状态",
        max_length=12,
        choices=AwardStage,
        default=AwardStage.AWARDED,
        help_text="已通过考评、尚未正式命名的选“待命名”。",
    )
    year = models.PositiveSmallIntegerField(
        verbose_name="年度", validators=[MinValueValidator(1949), MaxValueValidator(2100)]
    )
    awarded_on = models.DateField(verbose_name="命名/考评日期", null=True, blank=True)
    awarding_body = models.CharField(verbose_name="授予单位", max_length=100, blank=True)
    document_number = models.CharField(verbose_name="文号", max_length=100, blank=True)
    attachment = models.FileField(verbose_name="附件", upload_to="committee/awards/%Y/", max_length=255, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "荣誉"
        verbose_name_plural = "荣誉"
        ordering = ["community_id", "-year", "-awarded_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(group__isnull=True) | models.Q(person__isnull=True),
                name="award_one_subject",
                violation_error_message="荣誉只能授予社区、一个居民小组或一位居民之一。",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} {self.title}"

    def get_absolute_url(self):
        return reverse("committee:award_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if self.group_id and self.person_id:
            errors["person"] = "荣誉只能授予社区、一个居民小组或一位居民之一。"
        if self.awarded_on and self.year and self.awarded_on.year != self.year:
            errors["awarded_on"] = f"日期不在{self.year}年内。"
        if self.community_id:
            if self.group_id and self.group.community_id != self.community_id:
                errors["group"] = "居民小组必须属于本社区。"
            if self.person_id and self.person.community_id != self.community_id:
                errors["person"] = "获奖居民必须是本社区的居民。"
        if errors:
            raise ValidationError(errors)

    @property
    def subject_kind(self) -> str:
        if self.group_id:
            return AwardSubject.GROUP
        if self.person_id:
            return AwardSubject.PERSON
        return AwardSubject.COMMUNITY

    @property
    def subject_name(self) -> str:
        if self.group_id:
            return self.group.name
        if self.person_id:
            return self.person.name
        return self.community.name if self.community_id else ""


#
# Co-building (共驻共建)
#


class ContributionKind(models.TextChoices):
    GOOD_DEED = "good_deed", "为社区办实事"
    DONATION = "donation", "捐款捐物"
    OPEN_RESOURCES = "open_resources", "开放资源"
    JOINT_ACTIVITY = "joint_activity", "共建活动"


class UnitContributionQuerySet(ScopedQuerySet):
    def in_year(self, year: int) -> UnitContributionQuerySet:
        return self.filter(year=year)


class UnitContribution(models.Model):
    """What a 共驻共建 unit did for the community in a year (实事, donation, resources opened, joint activity)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        ResidentUnit, verbose_name="共建单位", on_delete=models.PROTECT, related_name="contributions"
    )
    year = models.PositiveSmallIntegerField(
        verbose_name="年度", validators=[MinValueValidator(1949), MaxValueValidator(2100)]
    )
    date = models.DateField(verbose_name="日期", null=True, blank=True, help_text="全年开放等无具体日期的可留空。")
    kind = models.CharField(verbose_name="类别", max_length=16, choices=ContributionKind)
    description = models.CharField(verbose_name="事项", max_length=200)
    amount = models.DecimalField(
        verbose_name="金额(元)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="捐款或折合金额;没有可留空。",
    )
    beneficiaries = models.PositiveIntegerField(verbose_name="受益人数", null=True, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = UnitContributionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "共建单位贡献"
        verbose_name_plural = "共建单位贡献"
        ordering = ["community_id", "-year", "-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "unit", "year", "description"],
                name="unit_contribution_unique_in_year",
                violation_error_message="该单位本年度已登记同一事项。",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="unit_contribution_amount_not_negative",
                violation_error_message="金额不能为负数。",
            ),
        ]
        indexes = [models.Index(fields=["community", "year"], name="unit_contribution_year")]

    def __str__(self):
        return f"{self.unit.name if self.unit_id else ''} {self.year}年 {self.description}".strip()

    def get_absolute_url(self):
        return reverse("committee:unitcontribution_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.year and self.date.year != self.year:
            errors["date"] = f"日期不在{self.year}年内。"
        if self.unit_id and self.community_id and self.unit.community_id != self.community_id:
            errors["unit"] = "共建单位必须是本社区的驻社区单位。"
        if errors:
            raise ValidationError(errors)
