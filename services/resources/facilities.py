"""Excel sheets of 阵地设施.

* 阵地设施 (``services-facilities``): import and export, one row per facility matched on its 名称 within
  the community (names are unique there). Blank cells follow the rule of the other registers: a blank
  cell imports as blank (no area, no investment …); 数量 blank is 1, 产权 blank is 自有, 状况 blank is 良好.
* 设施设备, 便民利民网点 and 农村基础设施: export only.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from governance.excel import (
    ChoiceWidget,
    DateWidget,
    ExcelField,
    ExcelRegister,
    ExcelWidget,
    LookupWidget,
    TextWidget,
    YesNoWidget,
    bulk_insert_with_history,
    bulk_update_with_history,
    cell_text,
    fetch_by_keys,
    visible_pks,
)
from governance.models import ResidentGroup
from residents.resources import ScopedResource
from services.models.facilities import (
    AssetCondition,
    AssetKind,
    Condition,
    ConvenienceOutlet,
    Equipment,
    EquipmentKind,
    Facility,
    FacilityKind,
    InfrastructureAsset,
    OutletKind,
    Tenure,
)

IMPORT_NOTE = "Excel导入"
NAME_HEADER = "名称"


class DecimalWidget(ExcelWidget):
    """A non-negative number with at most two decimals (an area in ㎡, an amount in 元); exported as a number."""

    blank_value = None

    def __init__(self, *, unit: str, help: str = ""):
        super().__init__()
        self.unit = unit
        self.help = help or f"数字({unit}),最多两位小数"

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value).replace(",", "").replace(self.unit, "").strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"「{cell_text(value)}」不是有效的数字。") from None
        if not number.is_finite() or number < 0:
            raise ValueError("不能为负数。")
        if number != number.quantize(Decimal("0.01")):
            raise ValueError("最多两位小数。")
        return number.quantize(Decimal("0.01"))

    def render(self, value, obj=None, **kwargs):
        return None if value is None else float(value)


class CountWidget(ExcelWidget):
    """A whole number of at least 1."""

    blank_value = 1
    help = "正整数,留空为1"

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text.isdigit() or int(text) < 1:
            raise ValueError(f"「{text}」不是正整数。")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return value


def _group_lookup() -> LookupWidget:
    return LookupWidget("groups", render_attr="name", noun="居民小组", help="本社区居民小组的名称,全社区共用留空")


class FacilityResource(ScopedResource):
    name = ExcelField("name", NAME_HEADER, TextWidget(100), required=True)
    kind = ExcelField("kind", "类型", ChoiceWidget(FacilityKind), required=True)
    group = ExcelField("group", "所在居民小组", _group_lookup())
    area_m2 = ExcelField("area_m2", "面积(㎡)", DecimalWidget(unit="㎡"))
    count = ExcelField("count", "数量", CountWidget())
    tenure = ExcelField("tenure", "产权", ChoiceWidget(Tenure), blank=Tenure.OWNED, help="留空为自有")
    investment = ExcelField("investment", "投资(元)", DecimalWidget(unit="元"))
    opened_on = ExcelField("opened_on", "建成/启用日期", DateWidget())
    opening_hours = ExcelField("opening_hours", "开放时间", TextWidget(100))
    condition = ExcelField("condition", "状况", ChoiceWidget(Condition), blank=Condition.GOOD, help="留空为良好")
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = Facility
        import_id_fields = ("name",)
        fields = (
            "name", "kind", "group", "area_m2", "count", "tenure", "investment", "opened_on", "opening_hours",
            "condition", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).order_by("kind", "name", "pk")


class FacilityExcel(ExcelRegister):
    """阵地设施: one row per facility, matched on 名称."""

    code = "services-facilities"
    title = "阵地设施"
    model = Facility
    resource_class = FacilityResource
    order = 320
    select_related = ("group",)
    key_columns = (NAME_HEADER,)
    key_column = NAME_HEADER
    key_description = "名称"

    def lookups(self, rows):
        groups = ResidentGroup.objects.visible_to(self.user).filter(community=self.community)
        return {"groups": {group.name: group for group in groups}}

    def key_of(self, row):
        return row.values.get("name") or None

    def load(self, rows, context):
        names = [row.key for row in rows if row.key]
        found = fetch_by_keys(Facility.objects.filter(community=self.community).select_related("group"), "name", names)
        visible = visible_pks(Facility, self.user, found)
        context.extra["hidden"] = set()
        for facility in found:
            if facility.pk in visible:
                context.existing[facility.name] = facility
            else:
                context.extra["hidden"].add(facility.name)

    def build(self, row, context):
        facility = Facility(community=self.community)
        for attribute, value in row.values.items():
            setattr(facility, attribute, value)
        return facility

    def check(self, row, instance, context, *, new):
        if new and row.key in context.extra["hidden"]:
            row.error(NAME_HEADER, "本社区已有同名设施,但不在您的管辖范围内。")
            return
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(Facility, new, actor=actor, reason=f"登记设施({IMPORT_NOTE})")
        bulk_update_with_history(Facility, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        self.ensure_all_visible([*created, *(facility for facility, _ in changed)], actor)


#
# Export-only sheets
#


class EquipmentResource(ScopedResource):
    facility = ExcelField("facility", "所在设施", TextWidget(100), readonly=True)
    kind = ExcelField("kind", "类别", ChoiceWidget(EquipmentKind))
    name = ExcelField("name", "名称", TextWidget(100))
    quantity = ExcelField("quantity", "数量", CountWidget())
    unit = ExcelField("unit", "单位", TextWidget(10))
    condition = ExcelField("condition", "状况", ChoiceWidget(Condition))
    acquired_on = ExcelField("acquired_on", "购置日期", DateWidget())
    value = ExcelField("value", "价值(元)", DecimalWidget(unit="元"))
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = Equipment
        fields = ("facility", "kind", "name", "quantity", "unit", "condition", "acquired_on", "value", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("facility").order_by("facility__name", "kind", "pk")

    def dehydrate_facility(self, equipment: Equipment) -> str:
        return equipment.facility.name


class EquipmentExcel(ExcelRegister):
    """设施设备: one row per piece (or batch) of equipment."""

    code = "services-equipment"
    title = "设施设备"
    model = Equipment
    resource_class = EquipmentResource
    order = 321
    importable = False


class OutletResource(ScopedResource):
    name = ExcelField("name", "名称", TextWidget(100))
    kind = ExcelField("kind", "类型", ChoiceWidget(OutletKind))
    operator = ExcelField("operator", "经营者", TextWidget(50))
    group = ExcelField("group", "所在居民小组", _group_lookup())
    address = ExcelField("address", "地址", TextWidget(200))
    phone = ExcelField("phone", "联系电话", TextWidget(20))
    is_open = ExcelField("is_open", "在营业", YesNoWidget())
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = ConvenienceOutlet
        fields = ("name", "kind", "operator", "group", "address", "phone", "is_open", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).order_by("kind", "name", "pk")


class OutletExcel(ExcelRegister):
    """便民利民网点: one row per outlet."""

    code = "services-outlets"
    title = "便民利民网点"
    model = ConvenienceOutlet
    resource_class = OutletResource
    order = 322
    select_related = ("group",)
    importable = False


class AssetResource(ScopedResource):
    kind = ExcelField("kind", "类型", ChoiceWidget(AssetKind))
    group = ExcelField("group", "所在居民小组", _group_lookup())
    quantity = ExcelField("quantity", "数量", CountWidget())
    unit = ExcelField("unit", "单位", TextWidget(10))
    built_year = ExcelField("built_year", "建成年份", CountWidget())
    condition = ExcelField("condition", "状况", ChoiceWidget(AssetCondition))
    description = ExcelField("description", "说明", TextWidget(200))
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = InfrastructureAsset
        fields = ("kind", "group", "quantity", "unit", "built_year", "condition", "description", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).order_by("kind", "group__order", "pk")


class AssetExcel(ExcelRegister):
    """农村基础设施: one row per asset line (a kind in a group)."""

    code = "services-infrastructure"
    title = "农村基础设施"
    model = InfrastructureAsset
    resource_class = AssetResource
    order = 323
    select_related = ("group",)
    importable = False
