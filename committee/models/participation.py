"""Residents' participation (issue 5 items 4, 5 and 6; domain.md §2.4.2, §2.4.5, §2.4.6): the suggestions and
opinions the committee receives (居民建议·意见·社情民意), what it publishes (居务·财务·党务公开) and the democratic
evaluations of the 班子 and its cadres (民主测评·述职·评议).

A suggestion runs through a status machine kept by ``committee.services.participation``:

    已受理 → 处理中 (assigned to a handler) → 已落实, or 已答复不予采纳 (from 已受理 or 处理中, with a reason);

each step stamps its date (``assigned_on``, ``implemented_on``, ``answered_on``), so the status on any past
day can be told from the dates (``status_on_q``), which is what the yearly rates and the monthly 社情民意汇总表
of ``committee.selectors.participation`` read.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup
from governance.querysets import ScopedQuerySet

# 「群众意见处理」: a suggestion still open this many days after it was received is overdue.
SUGGESTION_OVERDUE_DAYS = 30
# 「居务财务每年定期公开4次」 (seed 000): regular disclosures a year.
DISCLOSURE_TARGET = 4


def _url_or_none(name: str, pk) -> str | None:
    """A page of another area (a staff member, a meeting) that may not be routed yet."""
    try:
        return reverse(name, kwargs={"pk": pk})
    except NoReverseMatch:
        return None


#
# Suggestions and opinions (居民建议·意见·社情民意)
#


class SuggestionSource(models.TextChoices):
    ASSEMBLY = "assembly", "居民代表大会"
    COORDINATION = "coordination", "社区协调会"
    BOX = "box", "收集箱·议事箱"
    HOTLINE = "hotline", "热线"
    BOOK = "book", "登记本"
    VISIT = "visit", "来访"
    EVALUATION = "evaluation", "测评会"
    GRID_VISIT = "grid_visit", "网格走访"
    OTHER = "other", "其他"


class SuggestionCategory(models.TextChoices):
    SANITATION = "sanitation", "环境卫生"
    SECURITY = "security", "治安"
    FACILITIES = "facilities", "设施"
    SERVICE = "service", "服务"
    POLICY = "policy", "政策"
    OTHER = "other", "其他"


class SuggestionStatus(models.TextChoices):
    RECEIVED = "received", "已受理"
    PROCESSING = "processing", "处理中"
    IMPLEMENTED = "implemented", "已落实"
    DECLINED = "declined", "已答复不予采纳"


OPEN_SUGGESTION_STATUSES = (SuggestionStatus.RECEIVED, SuggestionStatus.PROCESSING)
ASSIGNED_STATUSES = (SuggestionStatus.PROCESSING, SuggestionStatus.IMPLEMENTED)


def status_on_q(status: str, day: datetime.date, prefix: str = "") -> Q:
    """Suggestions that were in ``status`` at the end of ``day``, told from their dates (a row received after
    ``day`` matches none): 已落实 once implemented, 不予采纳 once answered so, 处理中 once assigned."""
    p = prefix
    implemented = Q(**{f"{p}status": SuggestionStatus.IMPLEMENTED, f"{p}implemented_on__lte": day})
    declined = Q(**{f"{p}status": SuggestionStatus.DECLINED, f"{p}answered_on__lte": day})
    received = Q(**{f"{p}received_on__lte": day})
    if status == SuggestionStatus.IMPLEMENTED:
        return implemented
    if status == SuggestionStatus.DECLINED:
        return declined
    still_open = received & ~implemented & ~declined
    assigned = Q(**{f"{p}assigned_on__lte": day})
    if status == SuggestionStatus.PROCESSING:
        return still_open & assigned
    return still_open & ~assigned  # 已受理 (an unassigned row has no assigned_on: NULL ≤ day is false)


class SuggestionQuerySet(ScopedQuerySet):
    # A grid worker sees the suggestions of their own groups only (and none without a group).
    scope_group = "group"

    def open(self):
        return self.filter(status__in=OPEN_SUGGESTION_STATUSES)

    def overdue_on(self, day: datetime.date, days: int = SUGGESTION_OVERDUE_DAYS):
        """Open suggestions received more than ``days`` days before ``day``."""
        return self.open().filter(received_on__lt=day - datetime.timedelta(days=days))

    def received_between(self, start: datetime.date, end: datetime.date):
        return self.filter(received_on__gte=start, received_on__lte=end)


class Suggestion(models.Model):
    """A suggestion, opinion or complaint of residents (意见建议), from its receipt to its answer."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(verbose_name="编号", max_length=20, editable=False)
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
        help_text="意见涉及或提出人所在的小组;全社区性的意见可不填(网格员只能看到本人负责小组的意见)。",
    )
    received_on = models.DateField(verbose_name="受理日期", db_index=True)
    source = models.CharField(verbose_name="来源", max_length=16, choices=SuggestionSource)
    submitter_person = models.ForeignKey(
        "residents.Person",
        verbose_name="提出人(在册居民)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    submitter_name = models.CharField(
        verbose_name="提出人姓名", max_length=50, blank=True, help_text="非在册居民或集体提出时填写。"
    )
    anonymous = models.BooleanField(verbose_name="匿名", default=False)
    submitter_phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name="提出的会议",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
        help_text="在居民代表大会、协调会、测评会等会议上提出时选择。",
    )
    content = models.TextField(verbose_name="意见建议内容")
    category = models.CharField(verbose_name="类别", max_length=16, choices=SuggestionCategory)
    handler = models.ForeignKey(
        "committee.Staff",
        verbose_name="承办人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    handler_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人(账号)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_suggestions",
        help_text="承办人尚未登记为社区工作人员时选择其系统账号。",
    )
    status = models.CharField(
        verbose_name="状态",
        max_length=16,
        choices=SuggestionStatus,
        default=SuggestionStatus.RECEIVED,
        db_index=True,
    )
    assigned_on = models.DateField(verbose_name="交办日期", null=True, blank=True)
    answered_on = models.DateField(verbose_name="答复日期", null=True, blank=True)
    implemented_on = models.DateField(verbose_name="落实日期", null=True, blank=True)
    reply = models.TextField(verbose_name="答复内容", blank=True)
    decline_reason = models.TextField(verbose_name="不予采纳原因", blank=True)
    note = models.TextField(verbose_name="备注", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = SuggestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "意见建议"
        verbose_name_plural = "意见建议"
        ordering = ["community_id", "-received_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"],
                name="suggestion_unique_number_in_community",
                violation_error_message="本社区已有此编号的意见建议。",
            ),
            models.CheckConstraint(
                condition=(
                    Q(anonymous=True, submitter_person__isnull=True, submitter_name="")
                    | (Q(anonymous=False) & (Q(submitter_person__isnull=False) | ~Q(submitter_name="")))
                ),
                name="suggestion_submitter_named_or_anonymous",
                violation_error_message="提出人须为在册居民或填写姓名,匿名时两者都不填。",
            ),
            models.CheckConstraint(
                condition=Q(handler__isnull=True) | Q(handler_user__isnull=True),
                name="suggestion_one_handler",
                violation_error_message="承办人只能是一名工作人员或一个账号。",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=ASSIGNED_STATUSES) | Q(assigned_on__isnull=False),
                name="suggestion_assigned_has_date",
                violation_error_message="处理中或已落实的意见建议须有交办日期。",
            ),
            models.CheckConstraint(
                condition=(
                    (Q(status=SuggestionStatus.IMPLEMENTED) & Q(implemented_on__isnull=False))
                    | (~Q(status=SuggestionStatus.IMPLEMENTED) & Q(implemented_on__isnull=True))
                ),
                name="suggestion_implemented_date",
                violation_error_message="只有已落实的意见建议有落实日期,且必须填写。",
            ),
            models.CheckConstraint(
                condition=~Q(status=SuggestionStatus.DECLINED) | (Q(answered_on__isnull=False) & ~Q(decline_reason="")),
                name="suggestion_declined_has_reason",
                violation_error_message="不予采纳须填写答复日期和原因。",
            ),
            models.CheckConstraint(
                condition=(
                    (Q(assigned_on__isnull=True) | Q(assigned_on__gte=models.F("received_on")))
                    & (Q(answered_on__isnull=True) | Q(answered_on__gte=models.F("received_on")))
                    & (Q(implemented_on__isnull=True) | Q(implemented_on__gte=models.F("assigned_on")))
                ),
                name="suggestion_dates_in_order",
                violation_error_message="交办、答复日期不能早于受理日期,落实日期不能早于交办日期。",
            ),
        ]
        indexes = [models.Index(fields=["community", "received_on"], name="suggestion_received")]

    def __str__(self):
        return f"{self.number} {self.get_category_display()}"

    def get_absolute_url(self):
        return reverse("committee:suggestion_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.community_id:
            if self.group_id and self.group.community_id != self.community_id:
                errors["group"] = "居民小组必须属于本社区。"
            if self.submitter_person_id and self.submitter_person.community_id != self.community_id:
                errors["submitter_person"] = "提出人必须是本社区在册居民。"
            if self.handler_id and self.handler.community_id != self.community_id:
                errors["handler"] = "承办人必须是本社区工作人员。"
            if self.handler_user_id and self.handler_user.community_id != self.community_id:
                errors["handler_user"] = "承办人必须是本社区工作人员。"
            if self.meeting_id and self.meeting.community_id != self.community_id:
                errors["meeting"] = "会议必须是本社区的会议。"
        if self.anonymous and (self.submitter_person_id or self.submitter_name.strip()):
            errors["anonymous"] = "匿名的意见建议不填写提出人。"
        elif not self.anonymous and not (self.submitter_person_id or self.submitter_name.strip()):
            errors["submitter_name"] = "请填写提出人:在册居民的身份证号或姓名;不愿署名的请勾选匿名。"
        if self.handler_id and self.handler_user_id:
            errors["handler_user"] = "承办人只能是一名工作人员或一个账号。"
        errors.update(self._status_errors())
        if errors:
            raise ValidationError(errors)

    def _status_errors(self) -> dict[str, str]:
        """The dates and texts each status needs (the constraints, said per field)."""
        errors = {}
        status = self.get_status_display()
        if self.status in ASSIGNED_STATUSES:
            if not (self.handler_id or self.handler_user_id):
                errors["handler"] = f"{status}的意见建议须有承办人。"
            if self.assigned_on is None:
                errors["assigned_on"] = f"{status}的意见建议须有交办日期。"
        if self.status == SuggestionStatus.IMPLEMENTED and self.implemented_on is None:
            errors["implemented_on"] = "已落实的意见建议须有落实日期。"
        if self.status != SuggestionStatus.IMPLEMENTED and self.implemented_on is not None:
            errors["implemented_on"] = f"{status}的意见建议不能有落实日期。"
        if self.status == SuggestionStatus.DECLINED:
            if self.answered_on is None:
                errors["answered_on"] = "不予采纳须填写答复日期。"
            if not self.decline_reason.strip():
                errors["decline_reason"] = "不予采纳须填写原因。"
        if self.received_on:
            for name, label in (("assigned_on", "交办日期"), ("answered_on", "答复日期")):
                day = getattr(self, name)
                if day is not None and day < self.received_on and name not in errors:
                    errors[name] = f"{label}不能早于受理日期。"
        if self.assigned_on and self.implemented_on and self.implemented_on < self.assigned_on:
            errors.setdefault("implemented_on", "落实日期不能早于交办日期。")
        return errors

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_SUGGESTION_STATUSES

    def is_overdue_on(self, day: datetime.date) -> bool:
        return self.is_open and (day - self.received_on).days > SUGGESTION_OVERDUE_DAYS

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    def open_days_on(self, day: datetime.date) -> int:
        return (day - self.received_on).days

    @property
    def submitter_display(self) -> str:
        if self.anonymous:
            return "匿名"
        if self.submitter_person_id:
            return self.submitter_person.name
        return self.submitter_name

    @property
    def handler_display(self) -> str:
        if self.handler_id:
            return self.handler.name
        if self.handler_user_id:
            return self.handler_user.display_name
        return ""

    @property
    def handler_url(self) -> str | None:
        if self.handler_id:
            return _url_or_none("committee:staff_detail", self.handler_id)
        return None

    @property
    def meeting_url(self) -> str | None:
        return _url_or_none("committee:meeting_detail", self.meeting_id) if self.meeting_id else None

    @property
    def closed_on(self) -> datetime.date | None:
        """The day the suggestion was settled (落实 or 答复不予采纳); None while open."""
        if self.status == SuggestionStatus.IMPLEMENTED:
            return self.implemented_on
        if self.status == SuggestionStatus.DECLINED:
            return self.answered_on
        return None


#
# Disclosures (居务·财务·党务公开)
#


class DisclosureKind(models.TextChoices):
    AFFAIRS = "affairs", "居务公开"
    FINANCE = "finance", "财务公开"
    AFFAIRS_FINANCE = "affairs_finance", "居务财务公开"
    PARTY = "party", "党务公开"


# The kinds seed 000's 「居务财务每年定期公开4次」 counts, and those 财务监审小组 must review first.
REGULAR_KINDS = (DisclosureKind.AFFAIRS, DisclosureKind.FINANCE, DisclosureKind.AFFAIRS_FINANCE)
FINANCIAL_KINDS = (DisclosureKind.FINANCE, DisclosureKind.AFFAIRS_FINANCE)


class DisclosureChannel(models.TextChoices):
    BOARD = "board", "公开栏"
    DISPLAY = "display", "展示栏"
    ASSEMBLY = "assembly", "居民代表大会"
    ONLINE = "online", "网站·微信群"


class Quarter(models.IntegerChoices):
    Q1 = 1, "第一季度"
    Q2 = 2, "第二季度"
    Q3 = 3, "第三季度"
    Q4 = 4, "第四季度"


class DisclosureItemCategory(models.TextChoices):
    """What is published, after seed 003: 「对国家、政府和有关部门到村到户的优惠政策和资金、村里的财务计划、财务收支、
    资产情况、三年工作目标、本年度工作安排、民主管理方案、计划生育、重大事项等内容都要进行公开」."""

    POLICY_FUNDS = "policy_funds", "惠民政策和资金"
    FINANCE_PLAN = "finance_plan", "财务计划"
    INCOME_EXPENSE = "income_expense", "财务收支"
    ASSETS = "assets", "资产情况"
    THREE_YEAR_GOALS = "three_year_goals", "三年工作目标"
    ANNUAL_PLAN = "annual_plan", "本年度工作安排"
    DEMOCRATIC_MANAGEMENT = "democratic_management", "民主管理方案"
    FAMILY_PLANNING = "family_planning", "计划生育"
    MAJOR_MATTERS = "major_matters", "重大事项"
    PARTY_AFFAIRS = "party_affairs", "党务事项"
    OTHER = "other", "其他"


class Disclosure(models.Model):
    """One publication (公开) of the committee: a quarter's 居务财务 on the 公开栏, a report to the 居民代表大会 …"""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(verbose_name="公开类型", max_length=16, choices=DisclosureKind)
    title = models.CharField(verbose_name="标题", max_length=100)
    year = models.PositiveSmallIntegerField(
        verbose_name="所属年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        verbose_name="所属季度", choices=Quarter, null=True, blank=True, help_text="定期公开填写季度;专项公开可不填。"
    )
    period_text = models.CharField(
        verbose_name="公开期间",
        max_length=50,
        blank=True,
        help_text="不按季度时填写,如:2026年上半年、万寿菊种植补贴专项。",
    )
    published_on = models.DateField(verbose_name="公开日期", db_index=True)
    channel = models.CharField(verbose_name="公开形式", max_length=16, choices=DisclosureChannel)
    meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name="公开的会议",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
        help_text="在居民代表大会上公开时选择。",
    )
    content = models.TextField(verbose_name="公开内容摘要", blank=True)
    review_body = models.ForeignKey(
        "committee.WorkingBody",
        verbose_name="审核机构",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_disclosures",
        help_text="本社区的财务监审小组或村务监督委员会。",
    )
    reviewed_by = models.CharField(
        verbose_name="审核人",
        max_length=100,
        blank=True,
        help_text="财务公开须经财务监审小组审核;未登记工作机构时填写,如:财务监审小组组长 张某。",
    )
    reviewed_on = models.DateField(verbose_name="审核日期", null=True, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "公开记录"
        verbose_name_plural = "居务公开"
        ordering = ["community_id", "-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reviewed_on__isnull=True) | Q(reviewed_on__lte=models.F("published_on")),
                name="disclosure_reviewed_before_published",
                violation_error_message="审核日期不能晚于公开日期。",
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="disclosure_quarter_range",
                violation_error_message="季度只能是第一至第四季度。",
            ),
        ]
        indexes = [models.Index(fields=["community", "published_on"], name="disclosure_published")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committee:disclosure_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.meeting_id and self.community_id and self.meeting.community_id != self.community_id:
            errors["meeting"] = "会议必须是本社区的会议。"
        if self.review_body_id and self.community_id and self.review_body.community_id != self.community_id:
            errors["review_body"] = "审核机构必须是本社区的工作机构。"
        if self.kind in FINANCIAL_KINDS and not (self.review_body_id or self.reviewed_by.strip()):
            errors["reviewed_by"] = "财务公开须经财务监审小组审核,请选择审核机构或填写审核人。"
        if self.year and self.published_on and self.published_on.year < self.year:
            errors["published_on"] = f"公开日期不能早于所属年度({self.year}年)。"
        if self.quarter is None and not self.period_text.strip() and self.kind in REGULAR_KINDS:
            errors["quarter"] = "请选择所属季度,或填写公开期间。"
        if errors:
            raise ValidationError(errors)

    @property
    def period_display(self) -> str:
        if self.quarter:
            return f"{self.year}年{Quarter(self.quarter).label}"
        return self.period_text or f"{self.year}年"

    @property
    def meeting_url(self) -> str | None:
        return _url_or_none("committee:meeting_detail", self.meeting_id) if self.meeting_id else None

    @property
    def reviewer_display(self) -> str:
        """Who reviewed it: the working body and/or the reviewers named."""
        parts = [self.review_body.name] if self.review_body_id else []
        if self.reviewed_by.strip() and self.reviewed_by.strip() not in parts:
            parts.append(self.reviewed_by.strip())
        return ",".join(parts)

    @property
    def review_body_url(self) -> str | None:
        return _url_or_none("committee:workingbody_detail", self.review_body_id) if self.review_body_id else None

    @property
    def is_regular(self) -> bool:
        """A 定期公开 of 居务/财务 for a quarter: what the target of four a year counts."""
        return self.kind in REGULAR_KINDS and self.quarter is not None


class DisclosureChildQuerySet(ScopedQuerySet):
    """Rows of a disclosure: seen by whoever sees the disclosure."""


class DisclosureItem(models.Model):
    """One matter published (公开事项): a policy and its funds, a line of income or expense, a decision …"""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    disclosure = models.ForeignKey(Disclosure, verbose_name="公开记录", on_delete=models.CASCADE, related_name="items")
    category = models.CharField(verbose_name="公开事项类别", max_length=24, choices=DisclosureItemCategory)
    title = models.CharField(verbose_name="事项", max_length=200)
    content = models.TextField(verbose_name="具体内容", blank=True)
    amount = models.DecimalField(
        verbose_name="金额(元)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="财务事项填写;收入、支出在事项中写明。",
    )
    order = models.PositiveSmallIntegerField(verbose_name="排序", default=0, help_text="填0则排在最后。")

    objects = DisclosureChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "公开事项"
        verbose_name_plural = "公开事项"
        ordering = ["disclosure", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="disclosure_item_amount_not_negative",
                violation_error_message="金额不能为负数。",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.disclosure.get_absolute_url()

    def clean(self):
        if self.disclosure_id and self.community_id and self.disclosure.community_id != self.community_id:
            raise ValidationError({"disclosure": "公开记录不属于本社区。"})


def disclosure_upload_to(instance: DisclosureAttachment, filename: str) -> str:
    """``disclosures/<community code>/<file>`` under MEDIA_ROOT (the storage adds a suffix to a taken name)."""
    community = instance.community.code or str(instance.community_id)
    return f"disclosures/{community}/{filename}"


ATTACHMENT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


class DisclosureAttachment(models.Model):
    """A file of a disclosure: the photo of the 公开栏 (evidence), the published table, the review record."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    disclosure = models.ForeignKey(
        Disclosure, verbose_name="公开记录", on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(verbose_name="附件说明", max_length=100, help_text="如:公开栏照片、财务收支明细表。")
    file = models.FileField(
        verbose_name="文件",
        upload_to=disclosure_upload_to,
        max_length=255,
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)],
    )
    uploaded_at = models.DateTimeField(verbose_name="上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = DisclosureChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "公开附件"
        verbose_name_plural = "公开附件"
        ordering = ["disclosure", "uploaded_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committee:disclosureattachment_download", kwargs={"pk": self.pk})

    @property
    def file_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


#
# Democratic evaluations (民主测评·述职·评议)
#


class EvaluationKind(models.TextChoices):
    DEMOCRATIC = "democratic", "民主测评会"
    REPORT = "report", "述职报告会"
    PUBLIC_REVIEW = "public_review", "群众评议"
    PARTY_REVIEW = "party_review", "民主评议党员"
    GRID_REVIEW = "grid_review", "网格定期考核"


class Evaluatee(models.TextChoices):
    COMMITTEE = "committee", "社区两委班子"
    STAFF = "staff", "工作人员个人"


class EvaluationQuerySet(ScopedQuerySet):
    def of_committee(self):
        return self.filter(evaluatee=Evaluatee.COMMITTEE)

    def of_staff(self):
        return self.filter(evaluatee=Evaluatee.STAFF)


class Evaluation(models.Model):
    """A democratic evaluation (测评/评议) of the 班子 as a whole or of one cadre: who took part and how many
    found the work 满意, 基本满意 or 不满意. The satisfaction rate is computed from the counts, with its source."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(verbose_name="测评日期", db_index=True)
    kind = models.CharField(verbose_name="测评形式", max_length=16, choices=EvaluationKind)
    evaluatee = models.CharField(verbose_name="测评对象", max_length=16, choices=Evaluatee, default=Evaluatee.COMMITTEE)
    staff = models.ForeignKey(
        "committee.Staff",
        verbose_name="被测评人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
        help_text="测评对象为工作人员个人时选择。",
    )
    meeting = models.ForeignKey(
        "committee.Meeting",
        verbose_name="测评会议",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
        help_text="在民主测评会、述职报告会等会议上测评时选择。",
    )
    evaluators = models.CharField(
        verbose_name="参评人员", max_length=100, blank=True, help_text="如:居民代表、党员代表、居民群众。"
    )
    participants = models.PositiveIntegerField(verbose_name="参评人数", validators=[MinValueValidator(1)])
    satisfied = models.PositiveIntegerField(verbose_name="满意(票)", default=0)
    basic = models.PositiveIntegerField(verbose_name="基本满意(票)", default=0)
    unsatisfied = models.PositiveIntegerField(verbose_name="不满意(票)", default=0)
    source = models.CharField(
        verbose_name="结果来源", max_length=100, help_text="如:无记名民主测评表、问卷调查、现场举手表决。"
    )
    comments = models.TextField(verbose_name="意见和建议", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = EvaluationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "民主测评"
        verbose_name_plural = "民主测评"
        ordering = ["community_id", "-date", "evaluatee", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(evaluatee=Evaluatee.STAFF) & Q(staff__isnull=False))
                | (Q(evaluatee=Evaluatee.COMMITTEE) & Q(staff__isnull=True)),
                name="evaluation_staff_iff_individual",
                violation_error_message="测评个人须选择被测评人;测评班子时不选。",
            ),
            models.CheckConstraint(
                condition=Q(
                    participants__gte=models.F("satisfied") + models.F("basic") + models.F("unsatisfied"),
                ),
                name="evaluation_votes_within_participants",
                violation_error_message="满意、基本满意、不满意的票数之和不能超过参评人数。",
            ),
            models.CheckConstraint(
                condition=Q(participants__gte=1),
                name="evaluation_has_participants",
                violation_error_message="参评人数至少为1。",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}({self.evaluatee_display})"

    def get_absolute_url(self):
        return reverse("committee:evaluation_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.evaluatee == Evaluatee.STAFF and not self.staff_id:
            errors["staff"] = "测评工作人员个人时须选择被测评人。"
        if self.evaluatee == Evaluatee.COMMITTEE and self.staff_id:
            errors["staff"] = "测评班子时不选择被测评人。"
        if self.staff_id and self.community_id and self.staff.community_id != self.community_id:
            errors["staff"] = "被测评人必须是本社区工作人员。"
        if self.meeting_id and self.community_id and self.meeting.community_id != self.community_id:
            errors["meeting"] = "会议必须是本社区的会议。"
        if self.participants is not None and self.responses > self.participants:
            errors["participants"] = f"满意、基本满意、不满意共{self.responses}票,超过了参评人数{self.participants}人。"
        if errors:
            raise ValidationError(errors)

    @property
    def evaluatee_display(self) -> str:
        if self.evaluatee == Evaluatee.STAFF and self.staff_id:
            return self.staff.name
        return self.get_evaluatee_display()

    @property
    def meeting_url(self) -> str | None:
        return _url_or_none("committee:meeting_detail", self.meeting_id) if self.meeting_id else None

    @property
    def staff_url(self) -> str | None:
        return _url_or_none("committee:staff_detail", self.staff_id) if self.staff_id else None

    @property
    def responses(self) -> int:
        return (self.satisfied or 0) + (self.basic or 0) + (self.unsatisfied or 0)

    @property
    def abstained(self) -> int:
        """参评但未表态(弃权、废票)."""
        return max((self.participants or 0) - self.responses, 0)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率 = (满意 + 基本满意) / (满意 + 基本满意 + 不满意)."""
        return (self.satisfied + self.basic) / self.responses if self.responses else None

    @property
    def satisfied_rate(self) -> float | None:
        """满意票率 = 满意 / (满意 + 基本满意 + 不满意)."""
        return self.satisfied / self.responses if self.responses else None

    @property
    def satisfaction_rate_display(self) -> str:
        rate = self.satisfaction_rate
        return "—" if rate is None else f"{round(rate * 100, 1):g}%"
