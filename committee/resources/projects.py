"""Excel sheets of the construction projects, honours and co-building contributions.

* 建设项目 (``committee-projects``): import and export, one row per project matched on its 项目名称 within the
  community (names are unique there). The investment column is in 万元 (「投资7.5万元」), stored in 元; 居民小组
  names groups of the community separated by 、 (blank: the whole community). A new row may come in any status
  with the dates of the steps it has reached; an existing project's status never goes back.
* 荣誉 (``committee-awards``): export only (a resident's honour shows the name, never the ID number).
* 共建单位贡献 (``committee-contributions``): import and export, one row per contribution matched on 共建单位 +
  年度 + 事项; the unit must be a 共驻共建 unit of the community.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from committee.models.projects import (
    STEP_DATES,
    Award,
    AwardLevel,
    AwardStage,
    ConstructionProject,
    ContributionKind,
    FundingSource,
    ProjectKind,
    ProjectStatus,
    QuantityUnit,
    UnitContribution,
    status_rank,
    wan_to_yuan,
    yuan_to_wan,
)
from governance.excel import (
    Change,
    ChoiceWidget,
    DateWidget,
    ExcelField,
    ExcelRegister,
    ExcelWidget,
    LookupWidget,
    TextWidget,
    bulk_insert_with_history,
    bulk_update_with_history,
    cell_text,
    fetch_by_keys,
    visible_pks,
)
from governance.models import ResidentGroup, ResidentUnit
from governance.services import register_save
from residents.resources import ScopedResource

IMPORT_NOTE = "Excel导入"
TITLE_HEADER = "项目名称"
GROUPS_HEADER = "居民小组"
STATUS_HEADER = "状态"
INVESTMENT_HEADER = "投资(万元)"
LIST_SEPARATORS = re.compile(r"[、,,;;/\s]+")


def _number(value, *, unit: str = "") -> Decimal:
    text = cell_text(value).replace(",", "")
    if unit:
        text = text.replace(unit, "")
    text = text.strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"「{cell_text(value)}」不是有效的数字。") from None
    if not number.is_finite() or number < 0:
        raise ValueError("不能为负数。")
    return number


class DecimalWidget(ExcelWidget):
    """A non-negative number with at most two decimals (a quantity, an amount in 元); exported as a number."""

    blank_value = None

    def __init__(self, *, unit: str = "", help: str = ""):
        super().__init__()
        self.unit = unit
        self.help = help or (f"数字({unit}),最多两位小数" if unit else "数字,最多两位小数")

    def clean(self, value, row=None, **kwargs):
        number = _number(value, unit=self.unit)
        if number != number.quantize(Decimal("0.01")):
            raise ValueError("最多两位小数。")
        return number.quantize(Decimal("0.01"))

    def render(self, value, obj=None, **kwargs):
        return None if value is None else float(value)


class WanWidget(ExcelWidget):
    """An amount typed in 万元 (7.5), stored in 元 (75000.00), exported in 万元."""

    blank_value = None
    help = "数字,单位万元(如 7.5 即7.5万元);未注明留空"

    def clean(self, value, row=None, **kwargs):
        number = _number(value, unit="万元")
        yuan = wan_to_yuan(number)
        if yuan != number * 10000:
            raise ValueError("万元最多六位小数(精确到分)。")
        return yuan

    def render(self, value, obj=None, **kwargs):
        return None if value is None else float(yuan_to_wan(value))


class WholeNumberWidget(ExcelWidget):
    """A whole number of zero or more (a year, a head count)."""

    blank_value = None

    def __init__(self, help: str = "整数"):
        super().__init__()
        self.help = help

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text.isdigit():
            raise ValueError(f"「{text}」不是整数。")
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return value


class GroupsWidget(ExcelWidget):
    """居民小组: group names of the community separated by 、; read into a list of groups."""

    blank_value: list = []
    help = "本社区居民小组的名称,多个用、分隔;全社区的项目留空"

    def clean(self, value, row=None, context=None, **kwargs):
        groups = context.lookups["groups"] if context is not None else {}
        found, missing = [], []
        for name in LIST_SEPARATORS.split(cell_text(value)):
            if name:
                group = groups.get(name)
                (found if group else missing).append(group or name)
        if missing:
            raise ValueError(f"本社区没有居民小组「{'、'.join(missing)}」(或不在您的管辖范围内)。")
        return found

    def render(self, value, obj=None, **kwargs):
        return "、".join(group.name for group in value) if value else ""


#
# 建设项目
#


class ConstructionProjectResource(ScopedResource):
    title = ExcelField("title", TITLE_HEADER, TextWidget(100), required=True)
    kind = ExcelField("kind", "项目类型", ChoiceWidget(ProjectKind), required=True)
    groups = ExcelField("groups", GROUPS_HEADER, GroupsWidget(), readonly=True)
    investment = ExcelField("investment", INVESTMENT_HEADER, WanWidget())
    quantity = ExcelField("quantity", "数量", DecimalWidget())
    unit = ExcelField("unit", "单位", ChoiceWidget(QuantityUnit))
    spec = ExcelField("spec", "规格", TextWidget(200))
    funding_source = ExcelField(
        "funding_source", "资金来源", ChoiceWidget(FundingSource), blank=FundingSource.UNSTATED, help="留空为未注明"
    )
    status = ExcelField(
        "status", STATUS_HEADER, ChoiceWidget(ProjectStatus), blank=ProjectStatus.PLANNED, help="留空为计划"
    )
    approved_on = ExcelField("approved_on", "批准日期", DateWidget())
    started_on = ExcelField("started_on", "开工日期", DateWidget())
    completed_on = ExcelField("completed_on", "完工日期", DateWidget())
    accepted_on = ExcelField("accepted_on", "验收日期", DateWidget())
    planned_for = ExcelField("planned_for", "计划完成", TextWidget(50))
    description = ExcelField("description", "项目说明", TextWidget())

    class Meta:
        model = ConstructionProject
        import_id_fields = ("title",)
        fields = (
            "title", "kind", "groups", "investment", "quantity", "unit", "spec", "funding_source", "status",
            "approved_on", "started_on", "completed_on", "accepted_on", "planned_for", "description",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).prefetch_related("groups").order_by("pk")

    def dehydrate_groups(self, project: ConstructionProject) -> str:
        return "、".join(group.name for group in sorted(project.groups.all(), key=lambda g: (g.order, g.name)))


class ConstructionProjectExcel(ExcelRegister):
    """建设项目: one row per project, matched on 项目名称; the investment in 万元."""

    code = "committee-projects"
    title = "建设项目"
    model = ConstructionProject
    resource_class = ConstructionProjectResource
    order = 560
    key_columns = (TITLE_HEADER,)
    key_column = TITLE_HEADER
    key_description = "项目名称"

    def lookups(self, rows):
        groups = ResidentGroup.objects.visible_to(self.user).filter(community=self.community)
        return {"groups": {group.name: group for group in groups}}

    def key_of(self, row):
        return row.values.get("title") or None

    def load(self, rows, context):
        titles = [row.key for row in rows if row.key]
        queryset = ConstructionProject.objects.filter(community=self.community).prefetch_related("groups")
        found = fetch_by_keys(queryset, "title", titles)
        visible = visible_pks(ConstructionProject, self.user, found)
        context.extra["hidden"] = set()
        for project in found:
            if project.pk in visible:
                context.existing[project.title] = project
            else:
                context.extra["hidden"].add(project.title)

    def build(self, row, context):
        project = ConstructionProject(community=self.community)
        for attribute, value in row.values.items():
            if not self.by_attribute[attribute].readonly:
                setattr(project, attribute, value)
        project._import_groups = row.values.get("groups") or []
        project._import_old_status = None
        return project

    def apply(self, row, instance):
        instance._import_old_status = instance.status
        changed = super().apply(row, instance)
        if GROUPS_HEADER in row.cells:
            wanted = row.values.get("groups") or []
            current = list(instance.groups.all())
            if {group.pk for group in wanted} != {group.pk for group in current}:
                names = ("、".join(group.name for group in groups) for groups in (current, wanted))
                row.changes.append(Change(GROUPS_HEADER, *names))
                instance._import_groups = wanted
                changed.append("groups")
        return changed

    def check(self, row, instance, context, *, new):
        if new and row.key in context.extra["hidden"]:
            row.error(TITLE_HEADER, "本社区已有同名建设项目,但不在您的管辖范围内。")
            return
        old = getattr(instance, "_import_old_status", None)
        if old and status_rank(instance.status) < status_rank(old):
            row.error(
                STATUS_HEADER,
                f"项目现为「{ProjectStatus(old).label}」,状态不能倒退为「{ProjectStatus(instance.status).label}」。",
            )
        today = timezone.localdate()
        for field, label in STEP_DATES.values():
            day = getattr(instance, field)
            if day is not None and day > today:
                row.error(label, f"{label}不能晚于今天。")
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        # Projects are few (tens per community): each goes through ``register_save`` with its groups.
        for project in new:
            register_save(
                actor=actor,
                instance=project,
                m2m={"groups": project._import_groups},
                reason=f"登记建设项目({IMPORT_NOTE})",
            )
        for project, _attributes in changed:
            groups = getattr(project, "_import_groups", None)
            register_save(
                actor=actor,
                instance=project,
                m2m={"groups": groups} if groups is not None else None,
                reason=f"信息更正({IMPORT_NOTE})",
            )


#
# 荣誉 (export only)
#


class AwardResource(ScopedResource):
    subject = ExcelField("subject", "授予对象", TextWidget(50), readonly=True)
    subject_kind = ExcelField("subject_kind", "对象类别", TextWidget(10), readonly=True)
    title = ExcelField("title", "荣誉称号", TextWidget(100))
    level = ExcelField("level", "级别", ChoiceWidget(AwardLevel))
    stage = ExcelField("stage", "状态", ChoiceWidget(AwardStage))
    year = ExcelField("year", "年度", WholeNumberWidget())
    awarded_on = ExcelField("awarded_on", "命名/考评日期", DateWidget())
    awarding_body = ExcelField("awarding_body", "授予单位", TextWidget(100))
    document_number = ExcelField("document_number", "文号", TextWidget(100))
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = Award
        fields = (
            "subject", "subject_kind", "title", "level", "stage", "year", "awarded_on", "awarding_body",
            "document_number", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("community", "group", "person")
            .order_by("-year", "group__order", "title", "pk")
        )

    def dehydrate_subject(self, award: Award) -> str:
        return award.subject_name

    def dehydrate_subject_kind(self, award: Award) -> str:
        return {"community": "社区", "group": "居民小组", "person": "居民"}[award.subject_kind]


class AwardExcel(ExcelRegister):
    """荣誉: one row per honour."""

    code = "committee-awards"
    title = "荣誉"
    model = Award
    resource_class = AwardResource
    order = 561
    importable = False


#
# 共建单位贡献
#


UNIT_HEADER = "共建单位"
DESCRIPTION_HEADER = "事项"


class UnitContributionResource(ScopedResource):
    unit = ExcelField(
        "unit",
        UNIT_HEADER,
        LookupWidget("units", render_attr="name", noun="共驻共建单位", help="本社区登记为共驻共建单位的名称"),
        required=True,
    )
    year = ExcelField("year", "年度", WholeNumberWidget("年份,如 2026"), required=True)
    date = ExcelField("date", "日期", DateWidget())
    kind = ExcelField("kind", "类别", ChoiceWidget(ContributionKind), required=True)
    description = ExcelField("description", DESCRIPTION_HEADER, TextWidget(200), required=True)
    amount = ExcelField("amount", "金额(元)", DecimalWidget(unit="元"))
    beneficiaries = ExcelField("beneficiaries", "受益人数", WholeNumberWidget())
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = UnitContribution
        fields = ("unit", "year", "date", "kind", "description", "amount", "beneficiaries", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).order_by("-year", "unit__name", "date", "pk")


class UnitContributionExcel(ExcelRegister):
    """共建单位贡献: one row per contribution, matched on 共建单位 + 年度 + 事项."""

    code = "committee-contributions"
    title = "共建单位贡献"
    model = UnitContribution
    resource_class = UnitContributionResource
    order = 562
    select_related = ("unit",)
    key_columns = (UNIT_HEADER, "年度", DESCRIPTION_HEADER)
    key_column = DESCRIPTION_HEADER
    key_description = "共建单位、年度和事项"

    def lookups(self, rows):
        units = ResidentUnit.objects.visible_to(self.user).filter(community=self.community, is_co_builder=True)
        return {"units": {unit.name: unit for unit in units}}

    def key_of(self, row):
        unit, year, description = (row.values.get(name) for name in ("unit", "year", "description"))
        if unit is None or year is None or not description:
            return None
        return (unit.pk, year, description)

    def load(self, rows, context):
        units = {row.key[0] for row in rows if row.key}
        found = UnitContribution.objects.visible_to(self.user).filter(community=self.community, unit__in=units)
        for contribution in found.select_related("unit"):
            context.existing[(contribution.unit_id, contribution.year, contribution.description)] = contribution

    def build(self, row, context):
        contribution = UnitContribution(community=self.community)
        for attribute, value in row.values.items():
            setattr(contribution, attribute, value)
        return contribution

    def check(self, row, instance, context, *, new):
        self.validate(row, instance)

    def save(self, new, changed, *, actor):
        created = bulk_insert_with_history(UnitContribution, new, actor=actor, reason=f"登记共建贡献({IMPORT_NOTE})")
        bulk_update_with_history(UnitContribution, changed, actor=actor, reason=f"信息更正({IMPORT_NOTE})")
        self.ensure_all_visible([*created, *(contribution for contribution, _ in changed)], actor)
