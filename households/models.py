"""Households (户) and where they live: compounds, buildings, dwellings and rented homes."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup, ResidentUnit
from governance.querysets import PeriodQuerySet, ScopedQuerySet, period_constraint
from households.choices import HouseholdKind, HouseholdStatus, HouseholdTagKind, Housing


class Compound(models.Model):
    """A residential compound (住宅小区) of an urban community."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="compounds"
    )
    name = models.CharField(verbose_name="小区名称", max_length=100)
    address = models.CharField(verbose_name="地址", max_length=200, blank=True)
    property_company = models.ForeignKey(
        ResidentUnit,
        verbose_name="物业公司",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_compounds",
    )
    has_owners_committee = models.BooleanField(verbose_name="已成立业主委员会", default=False)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "小区"
        verbose_name_plural = "小区"
        ordering = ["community_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="compound_unique_name_in_community",
                violation_error_message="本社区已有同名小区。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("households:compound_detail", kwargs={"pk": self.pk})


class Building(models.Model):
    """A building (楼栋) of a compound."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="buildings"
    )
    compound = models.ForeignKey(Compound, verbose_name="小区", on_delete=models.PROTECT, related_name="buildings")
    number = models.CharField(verbose_name="楼号", max_length=20)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "楼栋"
        verbose_name_plural = "楼栋"
        ordering = ["compound", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["compound", "number"],
                name="building_unique_number_in_compound",
                violation_error_message="该小区已有此楼号。",
            ),
        ]

    def __str__(self):
        return f"{self.compound}{self.number}栋"


class GroupScopedQuerySet(ScopedQuerySet):
    """Rows that carry their residents' group: grid workers see those of their groups."""

    scope_group = "group"


class Dwelling(models.Model):
    """One home: a 单元/室 of a building in town, or simply an address in a village."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="dwellings"
    )
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dwellings",
    )
    building = models.ForeignKey(
        Building, verbose_name="楼栋", on_delete=models.PROTECT, null=True, blank=True, related_name="dwellings"
    )
    entrance = models.CharField(verbose_name="单元", max_length=10, blank=True)
    room = models.CharField(verbose_name="室", max_length=20, blank=True)
    address = models.CharField(verbose_name="地址", max_length=200, blank=True, help_text="农村社区填写门牌地址。")
    area_m2 = models.DecimalField(verbose_name="建筑面积(㎡)", max_digits=8, decimal_places=2, null=True, blank=True)

    objects = GroupScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "房屋"
        verbose_name_plural = "房屋"
        ordering = ["community_id", "building", "entrance", "room", "address"]

    def __str__(self):
        if self.building_id:
            return f"{self.building}{self.entrance and self.entrance + '单元'}{self.room}室"
        return self.address

    def get_absolute_url(self):
        return reverse("households:dwelling_detail", kwargs={"pk": self.pk})


class HouseholdQuerySet(GroupScopedQuerySet):
    def active_on(self, day) -> HouseholdQuerySet:
        """Households on the register on ``day``: established by then and not yet closed."""
        return self.filter(established_on__lte=day).exclude(closed_on__lte=day)

    def with_head(self) -> HouseholdQuerySet:
        """Annotate ``head_id`` and ``head_name``: the member on the register whose relation is 户主
        (at most one, by constraint), in the same query."""
        head = models.FilteredRelation(
            "members", condition=models.Q(members__relation="head", members__status="active")
        )
        return self.annotate(head_member=head).annotate(
            head_id=models.F("head_member__id"), head_name=models.F("head_member__name")
        )


class Household(models.Model):
    """A household (户): the unit of the 户籍 register. Its head is the member whose relation is 户主."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="households"
    )
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, related_name="households"
    )
    number = models.CharField(verbose_name="户号", max_length=30)
    kind = models.CharField(
        verbose_name="户类别", max_length=16, choices=HouseholdKind, default=HouseholdKind.PERMANENT
    )
    address = models.CharField(verbose_name="住址", max_length=200)
    dwelling = models.ForeignKey(
        Dwelling, verbose_name="房屋", on_delete=models.SET_NULL, null=True, blank=True, related_name="households"
    )
    housing = models.CharField(verbose_name="住房情况", max_length=16, choices=Housing, default=Housing.OWNED)
    is_central = models.BooleanField(verbose_name="中心户", default=False)
    phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    status = models.CharField(
        verbose_name="状态", max_length=16, choices=HouseholdStatus, default=HouseholdStatus.ACTIVE, db_index=True
    )
    established_on = models.DateField(verbose_name="立户日期")
    closed_on = models.DateField(verbose_name="注销日期", null=True, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = HouseholdQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "户"
        verbose_name_plural = "户籍台账"
        ordering = ["community_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"],
                name="household_unique_number_in_community",
                violation_error_message="本社区已有此户号。",
            ),
        ]

    def __str__(self):
        return f"{self.number}户"

    def get_absolute_url(self):
        return reverse("households:household_detail", kwargs={"pk": self.pk})


class HouseholdTagQuerySet(PeriodQuerySet):
    scope_group = "household__group"


class HouseholdTag(models.Model):
    """A dated household category (低保户, 五保户, 外出务工家庭 …)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, verbose_name="户", on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(verbose_name="类别", max_length=32, choices=HouseholdTagKind)
    start_on = models.DateField(verbose_name="开始日期")
    end_on = models.DateField(verbose_name="结束日期", null=True, blank=True)
    source_document = models.CharField(verbose_name="依据文件", max_length=200, blank=True)

    objects = HouseholdTagQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "户类别"
        verbose_name_plural = "户类别"
        ordering = ["household", "-start_on"]
        constraints = [period_constraint("household_tag_ends_after_start")]

    def __str__(self):
        return f"{self.household} {self.get_kind_display()}"


class Rental(models.Model):
    """A rented-out home (出租房屋) with its owner and the pledges signed for it."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="rentals")
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="rentals"
    )
    dwelling = models.ForeignKey(
        Dwelling, verbose_name="房屋", on_delete=models.SET_NULL, null=True, blank=True, related_name="rentals"
    )
    address = models.CharField(verbose_name="出租房屋地址", max_length=200)
    owner_name = models.CharField(verbose_name="房主姓名", max_length=50)
    owner_phone = models.CharField(verbose_name="房主电话", max_length=20, blank=True)
    lease_registered_on = models.DateField(verbose_name="租赁合同登记备案日期", null=True, blank=True)
    lease_number = models.CharField(verbose_name="备案号", max_length=50, blank=True)
    responsibility_signed_on = models.DateField(verbose_name="房屋租赁责任书签订日期", null=True, blank=True)
    security_pledge_signed_on = models.DateField(verbose_name="治安责任书签订日期", null=True, blank=True)
    is_active = models.BooleanField(verbose_name="在租", default=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = GroupScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "出租房屋"
        verbose_name_plural = "出租房屋"
        ordering = ["community", "address"]

    def __str__(self):
        return self.address

    def get_absolute_url(self):
        return reverse("households:rental_detail", kwargs={"pk": self.pk})
