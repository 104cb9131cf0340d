"""Excel sheet of the household register (户籍台账), matched on 户号 within the community (DESIGN §7).

Blank cells follow the rule of ``residents.resources``: a blank cell imports as blank (empty text, no
date, 中心户 否) and clears the field on an existing household; columns without an empty value (户号,
居民小组, 户类别, 住址, 住房情况, 立户日期) are required. New households are opened as
``household_create`` opens them (在册, one history row each, as the importer), in bulk.
"""

from __future__ import annotations

from import_export.resources import ModelResource

from governance.excel import (
    ChoiceWidget,
    DateWidget,
    ExcelField,
    ExcelRegister,
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
from households.choices import HouseholdKind, HouseholdStatus, Housing
from households.models import Household

IMPORT_NOTE = "Excel导入"
NUMBER_HEADER = "户号"


class HouseholdResource(ModelResource):
    number = ExcelField("number", NUMBER_HEADER, TextWidget(30), required=True)
    group = ExcelField(
        "group", "居民小组", LookupWidget("groups", render_attr="name", noun="居民小组", help="本社区居民小组的名称"),
        required=True,
    )  # fmt: skip
    kind = ExcelField("kind", "户类别", ChoiceWidget(HouseholdKind), required=True)
    address = ExcelField("address", "住址", TextWidget(200), required=True)
    housing = ExcelField("housing", "住房情况", ChoiceWidget(Housing), required=True)
    is_central = ExcelField("is_central", "中心户", YesNoWidget())
    phone = ExcelField("phone", "联系电话", TextWidget(20))
    established_on = ExcelField("established_on", "立户日期", DateWidget(), required=True)
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = Household
        import_id_fields = ("number",)
        fields = ("number", "group", "kind", "address", "housing", "is_central", "phone", "established_on", "note")
        export_order = fields

    def __init__(self, *, community=None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.community = community
        self.user = user

    def filter_export(self, queryset, **kwargs):
        """The households on the register (在册) of the community that the user may see."""
        queryset = queryset.visible_to(self.user).filter(status=HouseholdStatus.ACTIVE)
        if self.community is not None:
            queryset = queryset.filter(community=self.community)
        return queryset.order_by("number", "pk")


class HouseholdExcel(ExcelRegister):
    """户籍台账: one row per household, matched on 户号."""

    code = "households"
    title = "户籍台账"
    model = Household
    resource_class = HouseholdResource
    order = 20
    select_related = ("group",)
    key_columns = (NUMBER_HEADER, "住址")
    key_column = NUMBER_HEADER
    key_description = "户号"

    def lookups(self, rows):
        groups = ResidentGroup.objects.visible_to(self.user).filter(community=self.community)
        return {"groups": {group.name: group for group in groups}}

    def label_of(self, row):
        return f"{cell_text(row.cells.get(NUMBER_HEADER))}户 {cell_text(row.cells.get('住址'))}".strip()

    def key_of(self, row):
        return row.values.get("number") or None

    def load(self, rows, context):
        numbers = [row.key for row in rows if row.key]
        found = fetch_by_keys(
            Household.objects.filter(community=self.community).select_related("group"), "number", numbers
        )
        visible = visible_pks(Household, self.user, found)
        context.extra["hidden"] = set()
        context.extra["closed"] = {}
        for household in found:
            if household.pk not in visible:
                context.extra["hidden"].add(household.number)
            elif household.status != HouseholdStatus.ACTIVE:
                context.extra["closed"][household.number] = household
            else:
                context.existing[household.number] = household

    def build(self, row, context):
        household = Household(community=self.community, status=HouseholdStatus.ACTIVE)
        for attribute, value in row.values.items():
            setattr(household, attribute, value)
        return household

    def check(self, row, instance, context, *, new):
        if new and row.key in context.extra["hidden"]:
            row.error(NUMBER_HEADER, "本社区已有此户号,但不在您的管辖范围内。")
            return
        if new and row.key in context.extra["closed"]:
            closed = context.extra["closed"][row.key]
            row.error(NUMBER_HEADER, f"该户已于{closed.closed_on or '之前'}注销,户号不能再用于新户。")
            return
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(Household, new, actor=actor, reason=f"立户({IMPORT_NOTE})")
        bulk_update_with_history(Household, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        self.ensure_all_visible([*created, *(household for household, _ in changed)], actor)
