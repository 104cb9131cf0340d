"""The organisation everything hangs off: street, community, residents' groups, grids, units, users."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.choices import CommunityKind, StreetKind, UnitKind, UnitOwnership
from governance.querysets import ScopedQuerySet, scope_of


class StreetQuerySet(models.QuerySet):
    def visible_to(self, user) -> StreetQuerySet:
        """Streets whose communities the user may see (superusers: all)."""
        scope = scope_of(user)
        if scope.unrestricted:
            return self.all()
        return self.filter(pk__in=scope.street_ids)


class Street(models.Model):
    """A sub-district office (街道办事处), town (镇) or township (乡): the level above the committees."""

    name = models.CharField(verbose_name="名称", max_length=100, unique=True)
    kind = models.CharField(verbose_name="类型", max_length=16, choices=StreetKind, default=StreetKind.STREET)
    district = models.CharField(verbose_name="所属区县", max_length=100, blank=True)
    address = models.CharField(verbose_name="地址", max_length=200, blank=True)
    phone = models.CharField(verbose_name="电话", max_length=32, blank=True)

    objects = StreetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "街道"
        verbose_name_plural = "街道"
        ordering = ["name"]

    def __str__(self):
        return self.name


class CommunityQuerySet(ScopedQuerySet):
    scope_community = "pk"


class Community(models.Model):
    """A residents' committee (社区居委会) and its territory: the unit every register belongs to."""

    street = models.ForeignKey(Street, verbose_name="所属街道", on_delete=models.PROTECT, related_name="communities")
    name = models.CharField(verbose_name="名称", max_length=100)
    code = models.SlugField(
        verbose_name="代码",
        max_length=32,
        unique=True,
        help_text="简短的英文代码,用于命令行和导出文件名,如 qingkou。",
    )
    kind = models.CharField(verbose_name="社区类型", max_length=16, choices=CommunityKind, default=CommunityKind.URBAN)
    founded_on = models.DateField(verbose_name="成立时间", null=True, blank=True)
    area_km2 = models.DecimalField(
        verbose_name="辖区面积(平方公里)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    boundary_east = models.CharField(verbose_name="东至", max_length=100, blank=True)
    boundary_south = models.CharField(verbose_name="南至", max_length=100, blank=True)
    boundary_west = models.CharField(verbose_name="西至", max_length=100, blank=True)
    boundary_north = models.CharField(verbose_name="北至", max_length=100, blank=True)
    distance_to_office_km = models.DecimalField(
        verbose_name="距办事处(公里)",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    road_to_office = models.CharField(verbose_name="到办事处道路", max_length=50, blank=True, help_text="如:柏油路")
    distance_to_city_km = models.DecimalField(
        verbose_name="距市区(公里)",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    transport_note = models.CharField(verbose_name="交通情况", max_length=100, blank=True)
    office_funds_monthly = models.DecimalField(
        verbose_name="办公经费(元/月)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    address = models.CharField(verbose_name="办公地址", max_length=200, blank=True)
    hotline = models.CharField(verbose_name="服务热线", max_length=32, blank=True)
    brand = models.TextField(verbose_name="品牌与亮点", blank=True, help_text="一社区一品牌一亮点")

    objects = CommunityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "社区"
        verbose_name_plural = "社区"
        ordering = ["street__name", "name"]
        permissions = [
            ("export_register", "导出台账到Excel"),
            ("import_register", "从Excel导入台账"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["street", "name"],
                name="community_unique_name_in_street",
                violation_error_message="同一街道下已有同名社区。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:community_detail", kwargs={"pk": self.pk})

    @property
    def boundaries(self) -> list[tuple[str, str]]:
        """The 四至 that are filled in, as (direction, neighbour) pairs."""
        pairs = [
            ("东", self.boundary_east),
            ("南", self.boundary_south),
            ("西", self.boundary_west),
            ("北", self.boundary_north),
        ]
        return [(direction, neighbour) for direction, neighbour in pairs if neighbour]


class ResidentGroupQuerySet(ScopedQuerySet):
    scope_group = "pk"


class ResidentGroup(models.Model):
    """A residents' group (居民小组), listed in the community's own order."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="resident_groups"
    )
    name = models.CharField(verbose_name="名称", max_length=50)
    order = models.PositiveSmallIntegerField(verbose_name="排序", default=0, help_text="数字小的排在前面。")
    highlight = models.TextField(verbose_name="小组亮点", blank=True, help_text="一小组一亮点")
    has_opinion_box = models.BooleanField(verbose_name="设社情民意收集箱", default=False)

    objects = ResidentGroupQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "居民小组"
        verbose_name_plural = "居民小组"
        ordering = ["community", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="resident_group_unique_name_in_community",
                violation_error_message="本社区已有同名居民小组。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:residentgroup_detail", kwargs={"pk": self.pk})


class GridQuerySet(ScopedQuerySet):
    scope_group = "groups"
    scope_distinct = True


class Grid(models.Model):
    """A grid (网格/责任片区): the area one worker is responsible for, usually one residents' group."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="grids")
    name = models.CharField(verbose_name="名称", max_length=50)
    groups = models.ManyToManyField(ResidentGroup, verbose_name="包含的居民小组", related_name="grids")
    responsible = models.ForeignKey(
        "governance.User",
        verbose_name="网格责任人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_grids",
    )
    management_elements = models.TextField(
        verbose_name="管理要素", blank=True, help_text="按照物件、事件、时段进行编程定位。"
    )
    time_slots = models.CharField(verbose_name="管理时段", max_length=100, blank=True)

    objects = GridQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        verbose_name = "网格"
        verbose_name_plural = "网格"
        ordering = ["community", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="grid_unique_name_in_community",
                violation_error_message="本社区已有同名网格。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:grid_detail", kwargs={"pk": self.pk})


class ResidentUnit(models.Model):
    """A unit in or partnering with the community (驻社区单位/共建单位): enterprise, school, clinic …"""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="resident_units"
    )
    name = models.CharField(verbose_name="单位名称", max_length=100)
    kind = models.CharField(verbose_name="单位类型", max_length=32, choices=UnitKind)
    ownership = models.CharField(verbose_name="单位性质", max_length=16, choices=UnitOwnership)
    located_in_territory = models.BooleanField(
        verbose_name="驻辖区内", default=True, help_text="辖区外的联系共建单位不勾选。"
    )
    is_co_builder = models.BooleanField(verbose_name="共驻共建单位", default=False)
    is_key_unit = models.BooleanField(verbose_name="重点单位", default=False, help_text="消防、安全每月定期检查。")
    address = models.CharField(verbose_name="地址", max_length=200, blank=True)
    contact_person = models.CharField(verbose_name="联系人", max_length=50, blank=True)
    contact_phone = models.CharField(
        verbose_name="联系电话",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[0-9\-+ ]{5,20}$", "请输入有效的电话号码。")],
    )
    employees = models.PositiveIntegerField(verbose_name="职工人数", null=True, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "驻社区单位"
        verbose_name_plural = "驻社区单位"
        ordering = ["community", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="resident_unit_unique_name_in_community",
                violation_error_message="本社区已登记同名单位。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:residentunit_detail", kwargs={"pk": self.pk})


class UserQuerySet(ScopedQuerySet):
    """Accounts visible to a user: those of the communities in their scope.

    Superuser and admin-site (staff) accounts are never visible to anyone but superusers,
    so no community head can reset, deactivate or re-role an account stronger than theirs.
    """

    def visible_to(self, user) -> UserQuerySet:
        scope = scope_of(user)
        if scope.unrestricted:
            return self.all()
        return self.filter(community__in=scope.community_ids, is_superuser=False, is_staff=False)


class LinliUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A staff account. Its scope is where it sits: a street (leaders) or a community,
    optionally narrowed to residents' groups (网格员/小组长). Its role is its Django group."""

    name = models.CharField(verbose_name="姓名", max_length=50, blank=True)
    phone = models.CharField(
        verbose_name="手机号码",
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^1[3-9]\d{9}$", "请输入11位手机号码。")],
    )
    post = models.CharField(verbose_name="职务", max_length=50, blank=True, help_text="如:书记、主任、网格员")
    street = models.ForeignKey(
        Street,
        verbose_name="所属街道",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    community = models.ForeignKey(
        Community,
        verbose_name="所属社区",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    resident_groups = models.ManyToManyField(
        ResidentGroup,
        verbose_name="负责的居民小组",
        blank=True,
        related_name="workers",
        help_text="网格员/小组长只能看到并编辑所负责小组的记录;留空则为全社区。",
    )

    objects = LinliUserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "工作人员账号"
        verbose_name_plural = "工作人员账号"
        ordering = ["username"]

    def __str__(self):
        return self.display_name

    def save(self, *args, update_fields=None, **kwargs):
        # A login only stamps last_login: not a change of the account worth a history row.
        if update_fields is None or set(update_fields) != {"last_login"}:
            return super().save(*args, update_fields=update_fields, **kwargs)
        self.skip_history_when_saving = True  # simple-history skips on the attribute's presence
        try:
            return super().save(*args, update_fields=update_fields, **kwargs)
        finally:
            del self.skip_history_when_saving

    def clean(self):
        super().clean()
        if self.community_id:
            # The street always follows the community, so a scope can never span two streets.
            self.street_id = self.community.street_id

    def get_absolute_url(self):
        return reverse("governance:user_detail", kwargs={"pk": self.pk})

    @property
    def display_name(self) -> str:
        return self.name or self.username

    @property
    def role_names(self) -> list[str]:
        return [group.name for group in self.groups.all()]


class DataExchangeDirection(models.TextChoices):
    EXPORT = "export", "导出"
    IMPORT = "import", "导入"


class DataExchangeLog(models.Model):
    """One Excel export or confirmed import of a register (DESIGN §5): who, which community, when, how many rows."""

    user = models.ForeignKey(User, verbose_name="操作人", on_delete=models.PROTECT, related_name="data_exchanges")
    community = models.ForeignKey(Community, verbose_name="社区", on_delete=models.PROTECT, related_name="+")
    register = models.CharField(verbose_name="台账", max_length=32, help_text="台账代码,如 persons、households。")
    direction = models.CharField(verbose_name="方向", max_length=8, choices=DataExchangeDirection)
    rows = models.PositiveIntegerField(verbose_name="行数", default=0)
    file_name = models.CharField(verbose_name="文件名", max_length=200, blank=True)
    summary = models.CharField(verbose_name="结果", max_length=200, blank=True)
    reason = models.CharField(verbose_name="导出事由", max_length=200, blank=True)
    created_at = models.DateTimeField(verbose_name="时间", auto_now_add=True, db_index=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "导入导出记录"
        verbose_name_plural = "导入导出记录"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} {self.get_direction_display()} {self.register} {self.rows}行"


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    PREVIEWING = "previewing", "预检中"
    READY = "ready", "待确认"
    IMPORTING = "importing", "导入中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class ImportJobStage(models.TextChoices):
    PREVIEW = "preview", "预检"
    COMMIT = "commit", "导入"


class ImportJob(models.Model):
    """An Excel import run as a Celery job (后台导入, DESIGN §7): for files above the web limits, or by choice.

    It goes 排队中 → 预检中 → 待确认, then, once someone confirms a preview without errors, 排队中 → 导入中 →
    已完成; all rows are written in one transaction or none, as in the web flow. A preview with errors stops
    at 待确认 with the errors listed and can only be discarded. A run that raises stops at 失败 with the
    reason and can be retried from its ``stage``; so can a run whose worker died (still 预检中/导入中 past
    Celery's hard time limit). ``governance.services`` owns every transition.
    """

    register = models.CharField(verbose_name="台账", max_length=32, help_text="台账代码,如 persons、households。")
    community = models.ForeignKey(Community, verbose_name="社区", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(User, verbose_name="上传人", on_delete=models.PROTECT, related_name="import_jobs")
    confirmed_by = models.ForeignKey(
        User, verbose_name="确认人", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file_path = models.CharField(verbose_name="文件位置", max_length=255, help_text="默认文件存储中的路径。")
    file_name = models.CharField(verbose_name="文件名", max_length=200, blank=True)
    stage = models.CharField(verbose_name="阶段", max_length=16, choices=ImportJobStage, default=ImportJobStage.PREVIEW)
    status = models.CharField(
        verbose_name="状态", max_length=16, choices=ImportJobStatus, default=ImportJobStatus.QUEUED, db_index=True
    )
    rows_total = models.PositiveIntegerField(verbose_name="总行数", default=0)
    rows_done = models.PositiveIntegerField(verbose_name="已处理行数", default=0)
    new_rows = models.PositiveIntegerField(verbose_name="新增", default=0)
    changed_rows = models.PositiveIntegerField(verbose_name="修改", default=0)
    unchanged_rows = models.PositiveIntegerField(verbose_name="未变", default=0)
    error_rows = models.PositiveIntegerField(verbose_name="错误行", default=0)
    error_total = models.PositiveIntegerField(verbose_name="错误数", default=0, help_text="包括文件级错误。")
    errors = models.JSONField(
        verbose_name="错误", default=list, blank=True, help_text="[{row, column, message}],文件级错误的 row 为空。"
    )
    warnings = models.JSONField(verbose_name="提示", default=list, blank=True)
    preview = models.JSONField(
        verbose_name="预览",
        default=dict,
        blank=True,
        help_text="{rows: [{row, status, label, changes}], more, full_ids}:新增和修改的行,有上限。",
    )
    failure_reason = models.TextField(verbose_name="失败原因", blank=True)
    created_at = models.DateTimeField(verbose_name="创建时间", auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(verbose_name="开始时间", null=True, blank=True)
    finished_at = models.DateTimeField(verbose_name="结束时间", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "后台导入任务"
        verbose_name_plural = "后台导入任务"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.register_title} {self.file_name} {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("excel:job_detail", kwargs={"pk": self.pk})

    @property
    def register_title(self) -> str:
        from governance.excel import registry

        try:
            return registry.get(self.register).title
        except KeyError:
            return self.register

    @property
    def is_running(self) -> bool:
        """Queued or in a worker: the page keeps polling."""
        active = {ImportJobStatus.QUEUED, ImportJobStatus.PREVIEWING, ImportJobStatus.IMPORTING}
        return self.status in active and not self.is_stale

    @property
    def is_stale(self) -> bool:
        """Started longer ago than any task may run: the worker was killed (out of memory …) mid-run."""
        if self.status not in {ImportJobStatus.PREVIEWING, ImportJobStatus.IMPORTING} or self.started_at is None:
            return False
        return self.started_at < self.stale_before()

    @staticmethod
    def stale_before():
        """Runs started before this moment are over: Celery's hard time limit kills a task, plus a margin."""
        import datetime

        from django.conf import settings
        from django.utils import timezone

        limit = getattr(settings, "CELERY_TASK_TIME_LIMIT", None) or 60 * 60
        return timezone.now() - datetime.timedelta(seconds=limit + 60)

    @property
    def has_errors(self) -> bool:
        return self.error_total > 0

    @property
    def can_confirm(self) -> bool:
        return self.status == ImportJobStatus.READY and self.stage == ImportJobStage.PREVIEW and not self.has_errors

    @property
    def can_retry(self) -> bool:
        return self.status == ImportJobStatus.FAILED or self.is_stale

    @property
    def can_discard(self) -> bool:
        return self.status in {ImportJobStatus.QUEUED, ImportJobStatus.READY, ImportJobStatus.FAILED} or self.is_stale

    @property
    def percent(self) -> int:
        if self.status == ImportJobStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)

    def summary(self) -> str:
        return (
            f"共{self.rows_total}行:新增{self.new_rows},修改{self.changed_rows},"
            f"未变{self.unchanged_rows},错误{self.error_rows}。"
        )
