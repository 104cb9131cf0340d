"""Excel exports (export only) of 帮教 cases and 社区矫正 cases.

The original offence (原罪名) and the re-offence narrative are never exported: they are shown on the
detail page only. ID numbers are masked unless the user holds ``residents.view_full_id_number``.
"""

from __future__ import annotations

from import_export.resources import ModelResource

from governance.excel import ChoiceWidget, DateWidget, ExcelField, ExcelRegister, TextWidget
from governance.roles import EXPORT_CORRECTION, EXPORT_REHAB
from residents.models import VIEW_FULL_ID
from safety.models.care import (
    CorrectionCase,
    CorrectionStatus,
    CorrectionType,
    Employment,
    RehabCase,
    RehabKind,
    RehabStatus,
    VisitFrequency,
)


class CareResource(ModelResource):
    """A sheet of one community as one user sees it."""

    def __init__(self, *, community=None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.community = community
        self.user = user
        self.full_ids = bool(user is not None and user.has_perm(VIEW_FULL_ID))

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.visible_to(self.user)
        return queryset.filter(community=self.community) if self.community is not None else queryset

    def dehydrate_id_number(self, case) -> str:
        person = case.person
        return person.id_number if self.full_ids else person.masked_id_number

    def dehydrate_responsible(self, case) -> str:
        return case.responsible.display_name if case.responsible_id else ""

    def dehydrate_group(self, case) -> str:
        return case.group.name if case.group_id else ""


class RehabCaseResource(CareResource):
    number = ExcelField("number", "编号", TextWidget(20))
    name = ExcelField("person__name", "姓名", TextWidget(50))
    id_number = ExcelField("person__id_number", "证件号码", TextWidget(30))
    group = ExcelField("group", "居民小组", TextWidget())
    kind = ExcelField("kind", "类型", ChoiceWidget(RehabKind))
    released_on = ExcelField("released_on", "释放日期", DateWidget())
    started_on = ExcelField("started_on", "帮教开始日期", DateWidget())
    period_end = ExcelField("period_end", "帮教期满日期", DateWidget())
    visit_frequency = ExcelField("visit_frequency", "走访频率", ChoiceWidget(VisitFrequency))
    last_visit_on = ExcelField("last_visit_on", "最近走访", DateWidget())
    responsible = ExcelField("responsible", "责任人", TextWidget())
    employment = ExcelField("employment", "就业安置", ChoiceWidget(Employment))
    employer = ExcelField("employer", "就业单位", TextWidget(100))
    status = ExcelField("status", "状态", ChoiceWidget(RehabStatus))
    ended_on = ExcelField("ended_on", "结束日期", DateWidget())
    reoffended_on = ExcelField("reoffended_on", "重新犯罪日期", DateWidget())

    class Meta:
        model = RehabCase
        fields = (
            "number", "name", "id_number", "group", "kind", "released_on", "started_on", "period_end",
            "visit_frequency", "last_visit_on", "responsible", "employment", "employer", "status", "ended_on",
            "reoffended_on",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).with_last_visit().order_by("number", "pk")


class RehabCaseExcel(ExcelRegister):
    """刑释解教人员帮教台账 (export only; the offence is never exported)."""

    code = "safety-rehab"
    title = "刑释解教人员帮教台账"
    model = RehabCase
    resource_class = RehabCaseResource
    order = 310
    importable = False
    extra_export_permissions = (EXPORT_REHAB,)
    export_needs_reason = True
    select_related = ("person", "group", "responsible")


class CorrectionCaseResource(CareResource):
    number = ExcelField("number", "编号", TextWidget(20))
    name = ExcelField("person__name", "姓名", TextWidget(50))
    id_number = ExcelField("person__id_number", "证件号码", TextWidget(30))
    group = ExcelField("group", "居民小组", TextWidget())
    correction_type = ExcelField("correction_type", "矫正类别", ChoiceWidget(CorrectionType))
    start_on = ExcelField("start_on", "矫正开始日期", DateWidget())
    end_on = ExcelField("end_on", "矫正期满日期", DateWidget())
    judicial_office = ExcelField("judicial_office", "司法所", TextWidget(100))
    officer_name = ExcelField("officer_name", "司法所工作人员", TextWidget(50))
    report_interval_days = ExcelField("report_interval_days", "报到间隔(天)", TextWidget())
    last_checkin_on = ExcelField("last_checkin_on", "最近报到", DateWidget())
    responsible = ExcelField("responsible", "社区联络人", TextWidget())
    status = ExcelField("status", "状态", ChoiceWidget(CorrectionStatus))
    ended_on = ExcelField("ended_on", "解除/收监日期", DateWidget())

    class Meta:
        model = CorrectionCase
        fields = (
            "number", "name", "id_number", "group", "correction_type", "start_on", "end_on", "judicial_office",
            "officer_name", "report_interval_days", "last_checkin_on", "responsible", "status", "ended_on",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).with_last_checkin().order_by("number", "pk")


class CorrectionCaseExcel(ExcelRegister):
    """社区矫正台账 (export only)."""

    code = "safety-correction"
    title = "社区矫正台账"
    model = CorrectionCase
    resource_class = CorrectionCaseResource
    order = 320
    importable = False
    extra_export_permissions = (EXPORT_CORRECTION,)
    export_needs_reason = True
    select_related = ("person", "group", "responsible")
