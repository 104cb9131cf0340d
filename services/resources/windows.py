"""Excel sheets of the service windows, export-only: the service items (服务事项, with their windows) and
the service cases (办件台账). ID numbers are masked unless the user may see them in full."""

from __future__ import annotations

from django.utils import timezone
from import_export.resources import ModelResource

from governance.excel import ChoiceWidget, DateWidget, ExcelField, ExcelRegister, TextWidget, YesNoWidget
from residents.models import VIEW_FULL_ID
from services.models.windows import CaseChannel, CaseMode, CaseStatus, Satisfaction, ServiceCase, ServiceItem


class _ScopedResource(ModelResource):
    def __init__(self, *, community=None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.community = community
        self.user = user
        self.full_ids = bool(user is not None and user.has_perm(VIEW_FULL_ID))

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.visible_to(self.user)
        return queryset.filter(community=self.community) if self.community is not None else queryset


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class ServiceItemResource(_ScopedResource):
    window = ExcelField("window", "服务窗口", TextWidget(50), readonly=True)
    name = ExcelField("name", "事项名称", TextWidget(100))
    order = ExcelField("order", "排序", TextWidget(5))
    description = ExcelField("description", "事项说明", TextWidget())
    conditions = ExcelField("conditions", "办理条件", TextWidget())
    required_documents = ExcelField("required_documents", "所需材料", TextWidget())
    process_steps = ExcelField("process_steps", "服务流程", TextWidget())
    standard = ExcelField("standard", "服务标准", TextWidget())
    time_limit_days = ExcelField("time_limit_days", "办结时限(天)", TextWidget(5))
    on_the_spot = ExcelField("on_the_spot", "即办件", YesNoWidget())
    fee = ExcelField("fee", "收费标准(元)", TextWidget(12))
    supervising_phone = ExcelField("supervising_phone", "监督电话", TextWidget(20))
    is_active = ExcelField("is_active", "启用", YesNoWidget())

    class Meta:
        model = ServiceItem
        fields = (
            "window", "name", "order", "description", "conditions", "required_documents", "process_steps",
            "standard", "time_limit_days", "on_the_spot", "fee", "supervising_phone", "is_active",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("window").order_by("window__order", "order", "name")

    def dehydrate_window(self, item: ServiceItem) -> str:
        return item.window.name


class ServiceItemExcel(ExcelRegister):
    """服务事项: one row per item of every window, with its process, documents and time limit."""

    code = "services-items"
    title = "服务事项"
    model = ServiceItem
    resource_class = ServiceItemResource
    order = 300
    select_related = ("window",)
    importable = False


class ServiceCaseResource(_ScopedResource):
    number = ExcelField("number", "办件编号", TextWidget(20))
    applicant = ExcelField("applicant", "申请人", TextWidget(100), readonly=True)
    applicant_id_number = ExcelField("applicant_id_number", "身份证号", TextWidget(18), readonly=True)
    applicant_phone = ExcelField("applicant_phone", "联系电话", TextWidget(20))
    group = ExcelField("group", "居民小组", TextWidget(50), readonly=True)
    window = ExcelField("window", "服务窗口", TextWidget(50), readonly=True)
    item = ExcelField("item", "服务事项", TextWidget(100), readonly=True)
    summary = ExcelField("summary", "办理事由", TextWidget())
    channel = ExcelField("channel", "受理渠道", ChoiceWidget(CaseChannel))
    mode = ExcelField("mode", "办理方式", ChoiceWidget(CaseMode))
    received_at = ExcelField("received_at", "受理时间", TextWidget(16), readonly=True)
    received_by = ExcelField("received_by", "受理人", TextWidget(50), readonly=True)
    agent = ExcelField("agent", "代理员", TextWidget(50), readonly=True)
    transferred_to = ExcelField("transferred_to", "转办单位", TextWidget(100))
    due_on = ExcelField("due_on", "办结时限", DateWidget())
    status = ExcelField("status", "状态", ChoiceWidget(CaseStatus))
    closed_at = ExcelField("closed_at", "办结(退回)时间", TextWidget(16), readonly=True)
    on_time = ExcelField("on_time", "按时办结", TextWidget(4), readonly=True)
    overdue = ExcelField("overdue", "逾期未办结", TextWidget(4), readonly=True)
    satisfaction = ExcelField("satisfaction", "满意度", ChoiceWidget(Satisfaction))
    return_reason = ExcelField("return_reason", "退回原因", TextWidget())
    step_count = ExcelField("step_count", "办理环节数", TextWidget(5), readonly=True)

    class Meta:
        model = ServiceCase
        fields = (
            "number", "applicant", "applicant_id_number", "applicant_phone", "group", "window", "item", "summary",
            "channel", "mode", "received_at", "received_by", "agent", "transferred_to", "due_on", "status",
            "closed_at", "on_time", "overdue", "satisfaction", "return_reason", "step_count",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        self.today = timezone.localdate()
        return (
            super()
            .filter_export(queryset)
            .select_related(
                "item",
                "window",
                "group",
                "agent",
                "received_by",
                "applicant_person",
                "applicant_household",
                "applicant_unit",
            )
            .prefetch_related("steps")
            .order_by("received_at", "number")
        )

    def dehydrate_applicant(self, case: ServiceCase) -> str:
        return case.applicant_display

    def dehydrate_applicant_id_number(self, case: ServiceCase) -> str:
        if not case.applicant_person_id:
            return ""
        person = case.applicant_person
        return person.id_number if self.full_ids else person.masked_id_number

    def dehydrate_applicant_phone(self, case: ServiceCase) -> str:
        return case.applicant_phone or (case.applicant_person.phone if case.applicant_person_id else "")

    def dehydrate_group(self, case: ServiceCase) -> str:
        return case.group.name if case.group_id else ""

    def dehydrate_window(self, case: ServiceCase) -> str:
        return case.window.name

    def dehydrate_item(self, case: ServiceCase) -> str:
        return case.item.name

    def dehydrate_received_at(self, case: ServiceCase) -> str:
        return _moment(case.received_at)

    def dehydrate_received_by(self, case: ServiceCase) -> str:
        return case.received_by.display_name

    def dehydrate_agent(self, case: ServiceCase) -> str:
        return case.agent.display_name

    def dehydrate_closed_at(self, case: ServiceCase) -> str:
        return _moment(case.closed_at)

    def dehydrate_on_time(self, case: ServiceCase) -> str:
        on_time = case.closed_on_time
        return "" if on_time is None else ("是" if on_time else "否")

    def dehydrate_overdue(self, case: ServiceCase) -> str:
        return "是" if case.is_overdue_on(getattr(self, "today", timezone.localdate())) else "否"

    def dehydrate_step_count(self, case: ServiceCase) -> int:
        return len(case.steps.all())


class ServiceCaseExcel(ExcelRegister):
    """办件台账: one row per case, applicant ID numbers masked unless the user may see them in full."""

    code = "services-cases"
    title = "办件台账"
    model = ServiceCase
    resource_class = ServiceCaseResource
    order = 301
    select_related = ("item", "window")
    importable = False
