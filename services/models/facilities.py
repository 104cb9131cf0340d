"""阵地·设施·设备 (issue 4 item 6; domain.md §2.3.6): the community's facilities (办公用房, 活动室, 广场 …)
with their areas, the equipment in them, convenience outlets (便民利民网点) and rural infrastructure
assets (水池, 水窖, 泵站, 沼气池 …) by residents' group.

Seed 000: 「两委一站办公用房面积为500㎡、老年活动室面积为200㎡、综合活动室面积为80㎡、医疗室面积为211㎡、
图书阅览室面积为20㎡、室外活动广场面积为230㎡、室外展示栏…为7个、电话为1部、彩电为2台、DVD为1台、电脑为2台、
传真复印打印机为1台」; 「社区便利店8个」; 「水池59座、水窖198个、小沟渠5条、泵站3个、人畜饮水管道建设8项」.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup
from governance.querysets import ScopedQuerySet


class FacilityKind(models.TextChoices):
    OFFICE = "office", "办公用房"
    MULTIPURPOSE_ROOM = "activity_room", "综合活动室"
    ELDERLY_ROOM = "elderly_room", "老年活动室"
    MULTIFUNCTION_CULTURE = "multifunction_culture", "多功能文化室"
    CULTURE_ROOM = "culture_room", "文化活动室"
    LIBRARY = "library", "图书室"
    CLINIC = "clinic", "卫生室"
    POLICE = "police", "警务室"
    MEDIATION = "mediation", "调解室"
    PETITION = "petition", "信访接待室"
    PARTY_ROOM = "party_room", "党员活动室"
    FITNESS = "fitness", "健身场地"
    SQUARE = "square", "广场"
    TOILET = "toilet", "公厕"
    NOTICE_BOARD = "notice_board", "室外展示栏"
    OTHER = "other", "其他"


# domain.md §8 decision 8: the 「文化活动室 ≥ 100㎡」 test sums the areas of these kinds.
CULTURAL_KINDS = (
    FacilityKind.MULTIPURPOSE_ROOM,
    FacilityKind.ELDERLY_ROOM,
    FacilityKind.MULTIFUNCTION_CULTURE,
    FacilityKind.CULTURE_ROOM,
)
OUTDOOR_KINDS = (FacilityKind.FITNESS, FacilityKind.SQUARE, FacilityKind.NOTICE_BOARD)


class Tenure(models.TextChoices):
    OWNED = "owned", "自有"
    RENTED = "rented", "租用"
    BORROWED = "borrowed", "借用"
    CO_BUILT = "co_built", "共建"


class Condition(models.TextChoices):
    GOOD = "good", "良好"
    FAIR = "fair", "一般"
    REPAIR = "repair", "需维修"
    DANGEROUS = "dangerous", "危"


class AssetCondition(models.TextChoices):
    """Condition of an infrastructure asset: one may still be under construction (在建)."""

    GOOD = "good", "良好"
    FAIR = "fair", "一般"
    REPAIR = "repair", "需维修"
    DANGEROUS = "dangerous", "危"
    BUILDING = "building", "在建"


class EquipmentKind(models.TextChoices):
    PHONE = "phone", "电话"
    TV = "tv", "彩电"
    DVD = "dvd", "DVD"
    COMPUTER = "computer", "电脑"
    FAX_COPIER = "fax_copier", "传真复印打印机"
    PRINTER = "printer", "打印机"
    AIR_CONDITIONER = "air_conditioner", "空调"
    CAMERA = "camera", "照相机"
    REHAB = "rehab", "康复器材"
    SPORTS = "sports", "体育器材"
    STAGE = "stage", "演出设备"
    FURNITURE = "furniture", "办公家具"
    OTHER = "other", "其他"


# 「社区居委会配有电话机、彩电、电脑、传真复印打印机拥有率100%」[000]: the four kinds counted.
REQUIRED_EQUIPMENT = (EquipmentKind.PHONE, EquipmentKind.TV, EquipmentKind.COMPUTER, EquipmentKind.FAX_COPIER)


class OutletKind(models.TextChoices):
    CONVENIENCE_STORE = "convenience_store", "便利店"
    SUPERMARKET = "supermarket", "超市"
    MARKET = "market", "菜市场"
    PHARMACY = "pharmacy", "药店"
    BARBER = "barber", "理发"
    REPAIR = "repair", "维修"
    FARM_SUPPLY = "farm_supply", "农资供应点"
    CHARITY_SHOP = "charity_shop", "爱心超市"
    FARM_STAY = "farm_stay", "农家乐"
    SERVICE_POINT = "service_point", "便民服务点"
    OTHER = "other", "其他"


class AssetKind(models.TextChoices):
    POOL = "pool", "水池"
    CISTERN = "cistern", "水窖"
    DITCH = "ditch", "小沟渠"
    PUMP = "pump", "泵站"
    WATER_PIPE = "water_pipe", "人畜饮水管道"
    BIOGAS = "biogas", "沼气池"
    STREET_LIGHT = "street_light", "路灯"
    HYDRANT = "hydrant", "消防栓"
    TOILET = "toilet", "公厕"
    REFUSE_HOUSE = "refuse_house", "垃圾收集房"
    REFUSE_PIT = "refuse_pit", "垃圾池"
    BIN = "bin", "垃圾桶"
    OTHER = "other", "其他"


# The unit a kind is counted in, as the seeds count them (水池59座、水窖198个、小沟渠5条、泵站3个、…8项、沼气池40眼).
ASSET_UNITS = {
    AssetKind.POOL: "座",
    AssetKind.CISTERN: "个",
    AssetKind.DITCH: "条",
    AssetKind.PUMP: "个",
    AssetKind.WATER_PIPE: "项",
    AssetKind.BIOGAS: "眼",
    AssetKind.STREET_LIGHT: "盏",
    AssetKind.HYDRANT: "个",
    AssetKind.TOILET: "座",
    AssetKind.REFUSE_HOUSE: "个",
    AssetKind.REFUSE_PIT: "个",
    AssetKind.BIN: "个",
    AssetKind.OTHER: "个",
}
EQUIPMENT_UNITS = {
    EquipmentKind.PHONE: "部",
    EquipmentKind.TV: "台",
    EquipmentKind.DVD: "台",
    EquipmentKind.COMPUTER: "台",
    EquipmentKind.FAX_COPIER: "台",
    EquipmentKind.PRINTER: "台",
    EquipmentKind.AIR_CONDITIONER: "台",
    EquipmentKind.CAMERA: "台",
}

AREA = {"max_digits": 10, "decimal_places": 2}
MONEY = {"max_digits": 12, "decimal_places": 2}


def _same_community(obj, field: str, what: str) -> dict:
    related_id = getattr(obj, f"{field}_id")
    if related_id and obj.community_id and getattr(obj, field).community_id != obj.community_id:
        return {field: f"{what}必须属于本社区。"}
    return {}


class FacilityQuerySet(ScopedQuerySet):
    scope_group = "group"


class Facility(models.Model):
    """A facility or venue (设施/场所) of the community."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="facilities"
    )
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="所在居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilities",
        help_text="全社区共用的设施留空。",
    )
    kind = models.CharField(verbose_name="类型", max_length=24, choices=FacilityKind)
    name = models.CharField(verbose_name="名称", max_length=100)
    area_m2 = models.DecimalField(
        verbose_name="面积(㎡)", null=True, blank=True, validators=[MinValueValidator(0)], **AREA
    )
    count = models.PositiveIntegerField(
        verbose_name="数量", default=1, validators=[MinValueValidator(1)], help_text="如室外展示栏的个数。"
    )
    tenure = models.CharField(verbose_name="产权", max_length=16, choices=Tenure, default=Tenure.OWNED)
    investment = models.DecimalField(
        verbose_name="投资(元)", null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    opened_on = models.DateField(verbose_name="建成/启用日期", null=True, blank=True)
    opening_hours = models.CharField(verbose_name="开放时间", max_length=100, blank=True)
    condition = models.CharField(verbose_name="状况", max_length=16, choices=Condition, default=Condition.GOOD)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = FacilityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "设施"
        verbose_name_plural = "阵地设施"
        ordering = ["community_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="facility_unique_name",
                violation_error_message="本社区已有同名设施。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:facility_detail", kwargs={"pk": self.pk})

    @property
    def is_cultural(self) -> bool:
        return self.kind in CULTURAL_KINDS

    def clean(self):
        errors = _same_community(self, "group", "居民小组")
        if errors:
            raise ValidationError(errors)


class EquipmentQuerySet(ScopedQuerySet):
    scope_group = "facility__group"


class Equipment(models.Model):
    """Equipment (办公设备·器材) kept in a facility."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="equipment"
    )
    facility = models.ForeignKey(Facility, verbose_name="所在设施", on_delete=models.PROTECT, related_name="equipment")
    kind = models.CharField(verbose_name="类别", max_length=24, choices=EquipmentKind)
    name = models.CharField(verbose_name="名称", max_length=100)
    quantity = models.PositiveIntegerField(verbose_name="数量", default=1, validators=[MinValueValidator(1)])
    unit = models.CharField(verbose_name="单位", max_length=10, blank=True)
    condition = models.CharField(verbose_name="状况", max_length=16, choices=Condition, default=Condition.GOOD)
    acquired_on = models.DateField(verbose_name="购置日期", null=True, blank=True)
    value = models.DecimalField(
        verbose_name="价值(元)", null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = EquipmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "设备"
        verbose_name_plural = "设施设备"
        ordering = ["community_id", "facility_id", "kind", "name"]

    def __str__(self):
        return f"{self.name} {self.quantity}{self.unit}"

    def get_absolute_url(self):
        return reverse("services:equipment_detail", kwargs={"pk": self.pk})

    def clean(self):
        if not self.unit and self.kind:
            self.unit = EQUIPMENT_UNITS.get(self.kind, "件")
        errors = _same_community(self, "facility", "所在设施")
        if errors:
            raise ValidationError(errors)


class OutletQuerySet(ScopedQuerySet):
    scope_group = "group"


class ConvenienceOutlet(models.Model):
    """A convenience outlet (便民利民网点): 「社区便利店8个」[000]."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="convenience_outlets"
    )
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="所在居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="convenience_outlets",
    )
    kind = models.CharField(verbose_name="类型", max_length=24, choices=OutletKind)
    name = models.CharField(verbose_name="名称", max_length=100)
    operator = models.CharField(verbose_name="经营者", max_length=50, blank=True)
    address = models.CharField(verbose_name="地址", max_length=200, blank=True)
    phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    is_open = models.BooleanField(verbose_name="在营业", default=True)
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = OutletQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "便民网点"
        verbose_name_plural = "便民利民网点"
        ordering = ["community_id", "kind", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:convenienceoutlet_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = _same_community(self, "group", "居民小组")
        if errors:
            raise ValidationError(errors)


class AssetQuerySet(ScopedQuerySet):
    scope_group = "group"


class InfrastructureAsset(models.Model):
    """Rural infrastructure (基础设施) of a residents' group, counted in its unit (水池 12座 …)."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="infrastructure_assets"
    )
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="所在居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="infrastructure_assets",
    )
    kind = models.CharField(verbose_name="类型", max_length=24, choices=AssetKind)
    description = models.CharField(verbose_name="说明", max_length=200, blank=True)
    quantity = models.PositiveIntegerField(verbose_name="数量", validators=[MinValueValidator(1)])
    unit = models.CharField(verbose_name="单位", max_length=10, blank=True, help_text="留空按类型填入(座、个、条…)。")
    built_year = models.PositiveSmallIntegerField(
        verbose_name="建成年份", null=True, blank=True, validators=[MinValueValidator(1949)]
    )
    condition = models.CharField(
        verbose_name="状况", max_length=16, choices=AssetCondition, default=AssetCondition.GOOD
    )
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = AssetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "基础设施"
        verbose_name_plural = "农村基础设施"
        ordering = ["community_id", "kind", "group_id", "id"]

    def __str__(self):
        where = f"{self.group} " if self.group_id else ""
        return f"{where}{self.get_kind_display()} {self.quantity}{self.unit}"

    def get_absolute_url(self):
        return reverse("services:infrastructureasset_detail", kwargs={"pk": self.pk})

    def clean(self):
        if not self.unit and self.kind:
            self.unit = ASSET_UNITS.get(self.kind, "个")
        errors = _same_community(self, "group", "居民小组")
        if errors:
            raise ValidationError(errors)
