"""The population register (人口): people, their special categories, life events and floating registrations."""

from __future__ import annotations

import datetime
import time

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.urls import reverse
from pypinyin import Style, lazy_pinyin
from simple_history.models import HistoricalRecords

from governance.models import Community, Grid, ResidentGroup
from governance.querysets import PeriodQuerySet, ScopedQuerySet, period_constraint, scope_of
from households.models import Household, Rental
from residents.choices import (
    ETHNICITY_CHOICES,
    HAN,
    Education,
    EmployerType,
    EmploymentStatus,
    EventKind,
    FloatingPurpose,
    HukouType,
    IdType,
    MaritalStatus,
    MedicalInsurance,
    PersonStatus,
    PoliticalStatus,
    Relation,
    ResidenceType,
    Separation,
    Sex,
)
from residents.validators import birth_date_from_id, mask_id_number, sex_from_id, validate_resident_id

VIEW_SENSITIVE = "residents.view_sensitive_category"
VIEW_FULL_ID = "residents.view_full_id_number"


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The date ``years`` years before ``day`` (29 February falls back to 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# A GIN index over the characters of a person's name, address and phone (digits and spaces left
# out), for searches of one or two characters, which trigram indexes cannot serve (they need three):
# a street leader looking up a two-character name read the street's 100,000 rows twice. Created by
# migration 0007 on PostgreSQL only; search_characters() must stay the expression indexed there.
SEARCH_CHARACTERS_INDEX = "person_search_characters"
# A character on more than this share of rows (王, 号 …) is searched by scanning, as before: reading
# its thousands of index entries costs more than the scan, and the planner cannot tell.
SEARCH_CHARACTERS_RARE_BELOW = 0.01
_character_frequencies: dict[str, tuple[float, dict[str, float] | None]] = {}


def search_characters() -> models.Func:
    """string_to_array(translate(name || current_address || phone, '0123456789 ', ''), NULL), as migration
    0007 indexes it, with its columns named by the query's aliases."""
    joined = models.Func(
        models.F("name"),
        models.F("current_address"),
        models.F("phone"),
        arg_joiner=" || ",
        template="translate(%(expressions)s, '0123456789 ', '')",
        output_field=models.TextField(),
    )
    return models.Func(
        joined, template="string_to_array(%(expressions)s, NULL)", output_field=ArrayField(models.TextField())
    )


def character_frequencies(using: str) -> dict[str, float] | None:
    """How often each common character occurs, per PostgreSQL's statistics of the index (None without them).

    Read at most every ten minutes per process: ANALYZE is what changes them.
    """
    if using in _character_frequencies:
        fetched_at, frequencies = _character_frequencies[using]
        if time.monotonic() - fetched_at < 600:
            return frequencies
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s",
            [SEARCH_CHARACTERS_INDEX],
        )
        row = cursor.fetchone()
    # The frequencies list ends with three summary figures (minimum, maximum, nulls) after those of the elements.
    frequencies = dict(zip(row[0], row[1], strict=False)) if row and row[0] else None
    _character_frequencies[using] = (time.monotonic(), frequencies)
    return frequencies


class PersonQuerySet(ScopedQuerySet):
    scope_group = "group"

    def on_register(self, day: datetime.date) -> PersonQuerySet:
        """People on the register on ``day``: registered by then and not yet gone (moved out, died, cancelled)."""
        return self.filter(registered_on__lte=day).exclude(left_on__lte=day)

    def aged_between(self, day: datetime.date, minimum: int | None = None, maximum: int | None = None):
        """People aged at least ``minimum`` and at most ``maximum`` full years on ``day``."""
        queryset = self
        if minimum is not None:
            queryset = queryset.filter(birth_date__lte=years_before(day, minimum))
        if maximum is not None:
            queryset = queryset.filter(birth_date__gt=years_before(day, maximum + 1))
        return queryset

    def search(self, text: str) -> PersonQuerySet:
        """Name, 拼音 or its initials, ID number, phone or address."""
        text = text.strip()
        if not text:
            return self
        lowered = text.lower()
        queryset = self
        contains = (
            models.Q(name__contains=text) | models.Q(phone__contains=text) | models.Q(current_address__contains=text)
        )
        if self._search_by_characters(text):
            # Rows holding every character of the text: a necessary condition the index answers, so the
            # same rows match. It comes after the LIKEs, so rows read without the index seldom compute it.
            queryset = queryset.alias(search_characters=search_characters())
            contains &= models.Q(search_characters__contains=list(text))
        query = contains | models.Q(name_pinyin__startswith=lowered) | models.Q(name_initials__startswith=lowered)
        if any(ch.isdigit() for ch in text):
            query |= models.Q(id_number__contains=text.upper())
        return queryset.filter(query)

    def _search_by_characters(self, text: str) -> bool:
        """Whether the characters index helps: PostgreSQL, one or two rare characters, none a digit or space."""
        if len(text) > 2 or connections[self.db].vendor != "postgresql":
            return False
        if any(ch.isdigit() or ch.isspace() for ch in text):
            return False
        frequencies = character_frequencies(self.db)
        if frequencies is None:
            return True
        return min(frequencies.get(ch, 0.0) for ch in text) < SEARCH_CHARACTERS_RARE_BELOW


class Person(models.Model):
    """One resident (居民) on the population register. One row per person across the deployment:
    moving to another community is a transfer of this row, never a second one."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="persons")
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
        help_text="入户的居民默认随户所在小组。",
    )
    grid = models.ForeignKey(
        Grid, verbose_name="网格", on_delete=models.SET_NULL, null=True, blank=True, related_name="persons"
    )
    household = models.ForeignKey(
        Household, verbose_name="所属户", on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    relation = models.CharField(verbose_name="与户主关系", max_length=16, choices=Relation, blank=True)

    name = models.CharField(verbose_name="姓名", max_length=50)
    name_pinyin = models.CharField(verbose_name="姓名拼音", max_length=200, editable=False, db_index=True)
    name_initials = models.CharField(verbose_name="拼音首字母", max_length=50, editable=False, db_index=True)
    sex = models.CharField(verbose_name="性别", max_length=1, choices=Sex)
    birth_date = models.DateField(verbose_name="出生日期", db_index=True)
    id_type = models.CharField(verbose_name="证件类型", max_length=20, choices=IdType, default=IdType.RESIDENT_ID)
    id_number = models.CharField(verbose_name="证件号码", max_length=30, blank=True)
    ethnicity = models.CharField(verbose_name="民族", max_length=10, choices=ETHNICITY_CHOICES, default=HAN)
    political_status = models.CharField(
        verbose_name="政治面貌", max_length=16, choices=PoliticalStatus, default=PoliticalStatus.MASSES
    )
    education = models.CharField(verbose_name="文化程度", max_length=16, choices=Education, blank=True)
    marital_status = models.CharField(verbose_name="婚姻状况", max_length=16, choices=MaritalStatus, blank=True)

    residence_type = models.CharField(
        verbose_name="居住类别", max_length=16, choices=ResidenceType, default=ResidenceType.PERMANENT
    )
    separation = models.CharField(verbose_name="人户分离", max_length=24, choices=Separation, default=Separation.NONE)
    hukou_address = models.CharField(verbose_name="户籍地址", max_length=200, blank=True)
    current_address = models.CharField(verbose_name="现住址", max_length=200, blank=True)
    hukou_type = models.CharField(verbose_name="户口性质", max_length=20, choices=HukouType, blank=True)

    employment_status = models.CharField(verbose_name="就业状况", max_length=20, choices=EmploymentStatus, blank=True)
    employer = models.CharField(verbose_name="工作单位", max_length=100, blank=True)
    employer_type = models.CharField(
        verbose_name="单位性质", max_length=16, choices=EmployerType, default=EmployerType.NONE
    )
    phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    has_health_record = models.BooleanField(verbose_name="已建健康档案", default=False)
    medical_insurance = models.CharField(
        verbose_name="医疗保险", max_length=16, choices=MedicalInsurance, default=MedicalInsurance.NONE
    )
    has_pension_insurance = models.BooleanField(verbose_name="参加养老保险", default=False)

    status = models.CharField(
        verbose_name="状态", max_length=16, choices=PersonStatus, default=PersonStatus.ACTIVE, db_index=True
    )
    registered_on = models.DateField(verbose_name="登记日期", help_text="出生、迁入或首次登记的日期。")
    left_on = models.DateField(verbose_name="离册日期", null=True, blank=True, help_text="迁出、死亡或注销的日期。")
    note = models.TextField(verbose_name="备注", blank=True)

    objects = PersonQuerySet.as_manager()
    # History is read per person (``id``) and per community; the search and filter indexes of the
    # register would only slow every import down (each history row updated ten more B-trees).
    history = HistoricalRecords(
        no_db_index=["name_pinyin", "name_initials", "birth_date", "status", "group", "grid", "household"]
    )

    class Meta:
        verbose_name = "居民"
        verbose_name_plural = "人口台账"
        # community_id, not community: the latter sorts by the community's own ordering (street and
        # name, two joins), which defeats the list index below.
        ordering = ["community_id", "name_pinyin", "id"]
        permissions = [
            ("view_full_id_number", "查看完整身份证号"),
            ("view_sensitive_category", "查看敏感人群(刑释、矫正、重点人员)"),
        ]
        indexes = [
            # The person list: one community's people on the register in 拼音 order, read in index order.
            models.Index(fields=["community", "status", "name_pinyin", "id"], name="person_list"),
            models.Index(fields=["community", "registered_on", "left_on"], name="person_register_period"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~models.Q(id_number=""),
                name="person_unique_id_number",
                violation_error_message="该证件号码已登记,一人只能有一条人口记录。",
            ),
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(relation="head", status="active"),
                name="household_has_one_head",
                violation_error_message="该户已有户主。",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("registered_on")),
                name="person_leaves_after_registering",
                violation_error_message="离册日期不能早于登记日期。",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_search_columns()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("residents:person_detail", kwargs={"pk": self.pk})

    def fill_search_columns(self) -> None:
        """拼音 columns are what list search matches on; they follow the name, never typed in.
        Bulk inserts (which skip save()) call this themselves."""
        self.name_pinyin = "".join(lazy_pinyin(self.name, errors="ignore")).lower()
        self.name_initials = "".join(lazy_pinyin(self.name, style=Style.FIRST_LETTER, errors="ignore")).lower()

    def clean(self):
        """A 居民身份证 number must be valid (GB 11643) and agree with the birth date and sex."""
        errors: dict[str, list[str]] = {}
        if self.id_type == IdType.RESIDENT_ID and self.id_number:
            try:
                self.id_number = validate_resident_id(self.id_number)
            except ValidationError as error:
                raise ValidationError({"id_number": error.messages}) from None
            derived_birth, derived_sex = birth_date_from_id(self.id_number), sex_from_id(self.id_number)
            if self.birth_date and self.birth_date != derived_birth:
                errors["birth_date"] = [f"出生日期与身份证号不符:身份证号显示为 {derived_birth:%Y年%m月%d日}。"]
            if self.sex and self.sex != derived_sex:
                errors["sex"] = [f"性别与身份证号不符:身份证号显示为{Sex(derived_sex).label}。"]
        if self.group_id and self.community_id and self.group.community_id != self.community_id:
            errors["group"] = ["居民小组必须属于本社区。"]
        if self.household_id and self.community_id and self.household.community_id != self.community_id:
            errors["household"] = ["所属户必须属于本社区。"]
        if errors:
            raise ValidationError(errors)

    def fill_from_id_number(self) -> None:
        """Derive a missing birth date and sex from a valid 居民身份证 number (contradictions are left to clean())."""
        if self.id_type != IdType.RESIDENT_ID or not self.id_number:
            return
        try:
            self.id_number = validate_resident_id(self.id_number)
        except ValidationError:
            return
        self.birth_date = self.birth_date or birth_date_from_id(self.id_number)
        self.sex = self.sex or sex_from_id(self.id_number)

    def age_on(self, day: datetime.date) -> int:
        """Full years of age on ``day``."""
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number) if self.id_number else ""

    def id_number_for(self, user) -> str:
        """The ID number as ``user`` may see it: in full only with ``view_full_id_number``."""
        return self.id_number if user.has_perm(VIEW_FULL_ID) else self.masked_id_number

    @property
    def is_on_register(self) -> bool:
        return self.status == PersonStatus.ACTIVE


class CategoryQuerySet(models.QuerySet):
    def visible_to(self, user) -> CategoryQuerySet:
        """Categories are the same everywhere; sensitive ones exist only for users allowed to see them."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.has_perm(VIEW_SENSITIVE):
            return self.all()
        return self.filter(is_sensitive=False)


class Category(models.Model):
    """A special-population category (特殊人群): 低保, 残疾, 刑释 … Seeded by migration."""

    code = models.SlugField(verbose_name="代码", max_length=32, unique=True)
    name = models.CharField(verbose_name="名称", max_length=50, unique=True)
    is_sensitive = models.BooleanField(
        verbose_name="敏感类别", default=False, help_text="刑释、矫正、重点人员等:无专门权限的人看不到。"
    )
    has_disability_detail = models.BooleanField(verbose_name="需填残疾类别与等级", default=False)
    order = models.PositiveSmallIntegerField(verbose_name="排序", default=0)
    is_active = models.BooleanField(verbose_name="启用", default=True)
    description = models.TextField(verbose_name="说明", blank=True)

    objects = CategoryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "人群类别"
        verbose_name_plural = "人群类别"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class CategoryMembershipQuerySet(PeriodQuerySet):
    scope_group = "person__group"

    def visible_to(self, user) -> CategoryMembershipQuerySet:
        """The user's territory, and sensitive categories only with ``view_sensitive_category``."""
        queryset = super().visible_to(user)
        if scope_of(user).unrestricted or user.has_perm(VIEW_SENSITIVE):
            return queryset
        return queryset.exclude(category__is_sensitive=True)


class CategoryMembership(models.Model):
    """A person's membership of a category for a period, with the document it rests on."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, verbose_name="居民", on_delete=models.PROTECT, related_name="memberships")
    category = models.ForeignKey(Category, verbose_name="类别", on_delete=models.PROTECT, related_name="memberships")
    start_on = models.DateField(verbose_name="开始日期")
    end_on = models.DateField(verbose_name="结束日期", null=True, blank=True)
    source_document = models.CharField(verbose_name="依据文件", max_length=200, blank=True)
    disability_type = models.CharField(verbose_name="残疾类别", max_length=20, blank=True)
    disability_grade = models.CharField(verbose_name="残疾等级", max_length=10, blank=True)
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = CategoryMembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "人群类别登记"
        verbose_name_plural = "人群类别登记"
        ordering = ["person", "-start_on"]
        constraints = [period_constraint("membership_ends_after_start")]

    def __str__(self):
        return f"{self.person} · {self.category}"


class HouseholdMembershipQuerySet(PeriodQuerySet):
    scope_group = "household__group"


class HouseholdMembership(models.Model):
    """Which household a person belonged to, and as what, over a period: the as-of view of the 户籍."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, verbose_name="居民", on_delete=models.PROTECT, related_name="household_periods")
    household = models.ForeignKey(Household, verbose_name="户", on_delete=models.PROTECT, related_name="member_periods")
    relation = models.CharField(verbose_name="与户主关系", max_length=16, choices=Relation)
    start_on = models.DateField(verbose_name="开始日期")
    end_on = models.DateField(verbose_name="结束日期", null=True, blank=True)

    objects = HouseholdMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "户成员期间"
        verbose_name_plural = "户成员期间"
        ordering = ["person", "start_on"]

    def __str__(self):
        return f"{self.person} · {self.household}"


class PastStayQuerySet(PeriodQuerySet):
    scope_group = "group"


class PastStay(models.Model):
    """An earlier, closed stay of a person on a community's register.

    A person is one row for life; their *current* stay is on the row itself (community, group,
    ``registered_on``, ``left_on``). When they move to another community, or come back after
    moving out, the stay that ends is kept here, so figures "as of" a past date still count
    them where they were then.
    """

    person = models.ForeignKey(Person, verbose_name="居民", on_delete=models.PROTECT, related_name="past_stays")
    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_on = models.DateField(verbose_name="登记日期")
    end_on = models.DateField(verbose_name="离册日期")

    objects = PastStayQuerySet.as_manager()

    class Meta:
        verbose_name = "既往在册期间"
        verbose_name_plural = "既往在册期间"
        ordering = ["person", "start_on"]
        constraints = [period_constraint("past_stay_ends_after_start")]

    def __str__(self):
        return f"{self.person} {self.community} {self.start_on}—{self.end_on}"


class PopulationEventQuerySet(ScopedQuerySet):
    scope_group = "person__group"


class PopulationEvent(models.Model):
    """A life event (人口变动) as the register recorded it, with the date it took effect."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(verbose_name="变动类型", max_length=16, choices=EventKind)
    effective_on = models.DateField(verbose_name="发生日期", db_index=True)
    person = models.ForeignKey(
        Person, verbose_name="居民", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    household = models.ForeignKey(
        Household, verbose_name="户", on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    other_household = models.ForeignKey(
        Household,
        verbose_name="相关户",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="分户的新户、并户的被并户、转移的来源户。",
    )
    place = models.CharField(verbose_name="迁出地/迁入地", max_length=200, blank=True)
    document = models.CharField(verbose_name="证明材料", max_length=200, blank=True)
    note = models.TextField(verbose_name="说明", blank=True)
    recorded_by = models.ForeignKey(
        "governance.User", verbose_name="登记人", on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(verbose_name="登记时间", auto_now_add=True)

    objects = PopulationEventQuerySet.as_manager()

    class Meta:
        verbose_name = "人口变动"
        verbose_name_plural = "人口变动"
        ordering = ["-effective_on", "-recorded_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.effective_on}"


class FloatingRegistrationQuerySet(ScopedQuerySet):
    scope_group = "person__group"

    def permits_expiring(self, day: datetime.date, within_days: int = 30) -> FloatingRegistrationQuerySet:
        """Current registrations whose 暂住证 expires within ``within_days`` of ``day`` (or has expired)."""
        return self.filter(departed_on__isnull=True, permit_expires_on__lte=day + datetime.timedelta(days=within_days))


class FloatingRegistration(models.Model):
    """A floating-population (流动/暂住) registration: arrival, origin, permit and pledges."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, verbose_name="流动人员", on_delete=models.PROTECT, related_name="floating_registrations"
    )
    arrived_on = models.DateField(verbose_name="来住日期")
    departed_on = models.DateField(verbose_name="离开日期", null=True, blank=True)
    origin = models.CharField(verbose_name="户籍所在地", max_length=200)
    purpose = models.CharField(verbose_name="来住事由", max_length=16, choices=FloatingPurpose)
    rental = models.ForeignKey(
        Rental, verbose_name="暂住出租房屋", on_delete=models.SET_NULL, null=True, blank=True, related_name="tenants"
    )
    address = models.CharField(verbose_name="暂住地址", max_length=200, blank=True)
    employer = models.CharField(verbose_name="务工/经商单位", max_length=100, blank=True)
    permit_number = models.CharField(verbose_name="暂住证号", max_length=50, blank=True)
    permit_expires_on = models.DateField(verbose_name="暂住证有效期至", null=True, blank=True)
    security_pledge_signed_on = models.DateField(verbose_name="治安管理责任书签订日期", null=True, blank=True)
    residence_contract_signed_on = models.DateField(verbose_name="暂住人口合同签订日期", null=True, blank=True)
    id_checked = models.BooleanField(verbose_name="身份证已查验", default=False)
    family_planning_checked = models.BooleanField(verbose_name="计划生育证已查验", default=False)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = FloatingRegistrationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "流动人口登记"
        verbose_name_plural = "流动人口登记"
        ordering = ["-arrived_on"]

    def __str__(self):
        return f"{self.person} {self.arrived_on}"

    def get_absolute_url(self):
        return reverse("residents:floatingregistration_detail", kwargs={"pk": self.pk})


class FloatingCheckQuerySet(ScopedQuerySet):
    scope_community = "registration__community"
    scope_group = "registration__person__group"


class FloatingCheck(models.Model):
    """One check (核对) of a floating registration by the committee or the police station."""

    registration = models.ForeignKey(
        FloatingRegistration, verbose_name="登记", on_delete=models.CASCADE, related_name="checks"
    )
    checked_on = models.DateField(verbose_name="核对日期")
    checked_by = models.CharField(verbose_name="核对人", max_length=50)
    finding = models.CharField(verbose_name="核对结果", max_length=200)

    objects = FloatingCheckQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "核对记录"
        verbose_name_plural = "核对记录"
        ordering = ["-checked_on"]

    def __str__(self):
        return f"{self.registration} {self.checked_on}"
