"""Excel sheets of the meetings and the fine ledger, export only (the attendance, the ledger and the statement are
computed or locked records; a spreadsheet brings nothing in):

* 会议 (``committee-meetings``): one row per meeting with its 应到, 实到 and 出席率;
* 会议出勤 (``committee-meeting-attendance``): one row per expected attendee of a meeting;
* 会议决议 (``committee-resolutions``): one row per decision;
* 罚款规则 (``committee-fine-rules``): every version of every rule;
* 罚款台账 (``committee-fines``): one row per ledger line;
* 月度罚款明细 (``committee-fine-statement``): one row per person and month with the totals of
  ``committee.selectors.fines`` (应缴, 已缴, 未缴, 已豁免); given a month, everyone serving that month.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Count, Q
from import_export.resources import ModelResource

from committee.models.fines import FineRecord, FineRule, FineSource, FineStatus, FineSubject, FineTrigger, FineUnit
from committee.models.meetings import (
    PRESENT_MARKS,
    AttendanceMark,
    AttendeeCapacity,
    Meeting,
    MeetingAttendance,
    MeetingKind,
    MeetingStatus,
    Resolution,
    ResolutionStatus,
)
from committee.selectors.fines import fine_statement
from committee.selectors.meetings import format_rate, rate
from governance.excel import ChoiceWidget, DateWidget, ExcelField, ExcelRegister, TextWidget, YesNoWidget


class _ScopedResource(ModelResource):
    def __init__(self, *, community=None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.community = community
        self.user = user

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.visible_to(self.user)
        return queryset.filter(community=self.community) if self.community is not None else queryset


def _staff_name(staff) -> str:
    return staff.name if staff is not None else ""


#
# Meetings
#


class MeetingResource(_ScopedResource):
    title = ExcelField("title", "会议名称", TextWidget(100))
    kind = ExcelField("kind", "会议类型", ChoiceWidget(MeetingKind))
    date = ExcelField("date", "日期", DateWidget())
    time = ExcelField("time", "时间", TextWidget(20), readonly=True)
    venue = ExcelField("venue", "地点", TextWidget(100))
    convenor = ExcelField("convenor", "召集人", TextWidget(50), readonly=True)
    chair = ExcelField("chair", "主持人", TextWidget(50), readonly=True)
    is_work_report = ExcelField("is_work_report", "向居民代表大会报告工作", YesNoWidget())
    is_public_review = ExcelField("is_public_review", "接受群众评议和监督", YesNoWidget())
    status = ExcelField("status", "状态", ChoiceWidget(MeetingStatus))
    expected = ExcelField("expected", "应到(人)", TextWidget(8), readonly=True)
    attended = ExcelField("attended", "实到(人)", TextWidget(8), readonly=True)
    attendance_rate = ExcelField("attendance_rate", "出席率", TextWidget(8), readonly=True)
    resolutions = ExcelField("resolutions", "决议(项)", TextWidget(8), readonly=True)

    class Meta:
        model = Meeting
        fields = (
            "title", "kind", "date", "time", "venue", "convenor", "chair", "is_work_report", "is_public_review",
            "status", "expected", "attended", "attendance_rate", "resolutions",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("convenor", "chair")
            .annotate(
                n_expected=Count("attendance", distinct=True),
                n_attended=Count("attendance", filter=Q(attendance__status__in=PRESENT_MARKS), distinct=True),
                n_resolutions=Count("resolutions", distinct=True),
            )
            .order_by("date", "start_time", "pk")
        )

    def dehydrate_time(self, meeting: Meeting) -> str:
        return meeting.time_display

    def dehydrate_convenor(self, meeting: Meeting) -> str:
        return _staff_name(meeting.convenor)

    def dehydrate_chair(self, meeting: Meeting) -> str:
        return _staff_name(meeting.chair)

    def dehydrate_expected(self, meeting: Meeting) -> int:
        return meeting.n_expected

    def dehydrate_attended(self, meeting: Meeting) -> int:
        return meeting.n_attended

    def dehydrate_attendance_rate(self, meeting: Meeting) -> str:
        return format_rate(rate(meeting.n_attended, meeting.n_expected))

    def dehydrate_resolutions(self, meeting: Meeting) -> int:
        return meeting.n_resolutions


class MeetingExcel(ExcelRegister):
    """会议: one row per meeting, with its attendance rate."""

    code = "committee-meetings"
    title = "会议"
    model = Meeting
    resource_class = MeetingResource
    order = 600
    importable = False


class AttendanceResource(_ScopedResource):
    meeting = ExcelField("meeting", "会议", TextWidget(100), readonly=True)
    date = ExcelField("date", "日期", DateWidget(), readonly=True)
    kind = ExcelField("kind", "会议类型", TextWidget(20), readonly=True)
    name = ExcelField("name", "姓名", TextWidget(50))
    capacity = ExcelField("capacity", "身份", ChoiceWidget(AttendeeCapacity))
    status = ExcelField("status", "出勤情况", ChoiceWidget(AttendanceMark))
    exempt = ExcelField("exempt", "特殊情况", YesNoWidget())
    exempt_reason = ExcelField("exempt_reason", "特殊情况说明", TextWidget(200))
    note = ExcelField("note", "备注", TextWidget(200))

    class Meta:
        model = MeetingAttendance
        fields = ("meeting", "date", "kind", "name", "capacity", "status", "exempt", "exempt_reason", "note")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).select_related("meeting").order_by("meeting__date", "meeting", "pk")

    def dehydrate_meeting(self, line: MeetingAttendance) -> str:
        return line.meeting.title

    def dehydrate_date(self, line: MeetingAttendance) -> datetime.date:
        return line.meeting.date

    def dehydrate_kind(self, line: MeetingAttendance) -> str:
        return line.meeting.get_kind_display()


class MeetingAttendanceExcel(ExcelRegister):
    """会议出勤: one row per expected attendee of a meeting."""

    code = "committee-meeting-attendance"
    title = "会议出勤"
    model = MeetingAttendance
    resource_class = AttendanceResource
    order = 601
    importable = False


class ResolutionResource(_ScopedResource):
    meeting = ExcelField("meeting", "会议", TextWidget(100), readonly=True)
    date = ExcelField("date", "会议日期", DateWidget(), readonly=True)
    text = ExcelField("text", "决议内容", TextWidget())
    responsible = ExcelField("responsible", "责任人", TextWidget(50), readonly=True)
    due_on = ExcelField("due_on", "完成时限", DateWidget())
    status = ExcelField("status", "落实情况", ChoiceWidget(ResolutionStatus))
    done_on = ExcelField("done_on", "落实日期", DateWidget())
    follow_up = ExcelField("follow_up", "跟进情况", TextWidget())

    class Meta:
        model = Resolution
        fields = ("meeting", "date", "text", "responsible", "due_on", "status", "done_on", "follow_up")
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("meeting", "responsible")
            .order_by("meeting__date", "meeting", "pk")
        )

    def dehydrate_meeting(self, resolution: Resolution) -> str:
        return resolution.meeting.title

    def dehydrate_date(self, resolution: Resolution) -> datetime.date:
        return resolution.meeting.date

    def dehydrate_responsible(self, resolution: Resolution) -> str:
        return _staff_name(resolution.responsible)


class ResolutionExcel(ExcelRegister):
    """会议决议: one row per decision with its follow-up."""

    code = "committee-resolutions"
    title = "会议决议"
    model = Resolution
    resource_class = ResolutionResource
    order = 602
    importable = False


#
# Fines
#


class FineRuleResource(_ScopedResource):
    code = ExcelField("code", "编号", TextWidget(8))
    name = ExcelField("name", "规则", TextWidget(100))
    trigger = ExcelField("trigger", "触发情形", ChoiceWidget(FineTrigger))
    subject = ExcelField("subject", "适用对象", ChoiceWidget(FineSubject))
    meeting_status = ExcelField("meeting_status", "会议出勤情况", TextWidget(16), readonly=True)
    amount = ExcelField("amount", "罚款金额(元)", TextWidget(12), readonly=True)
    unit = ExcelField("unit", "计罚单位", ChoiceWidget(FineUnit))
    effective_from = ExcelField("effective_from", "生效日期", DateWidget())
    effective_to = ExcelField("effective_to", "失效日期", DateWidget())
    basis = ExcelField("basis", "制度依据", TextWidget())

    class Meta:
        model = FineRule
        fields = (
            "code", "name", "trigger", "subject", "meeting_status", "amount", "unit", "effective_from",
            "effective_to", "basis",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset).order_by("code", "effective_from", "pk")

    def dehydrate_meeting_status(self, rule: FineRule) -> str:
        return rule.get_meeting_status_display() if rule.meeting_status else ""

    def dehydrate_amount(self, rule: FineRule) -> str:
        return "主要责任(不计金额)" if rule.amount is None else f"{rule.amount:.2f}"


class FineRuleExcel(ExcelRegister):
    """罚款规则: every version of every rule."""

    code = "committee-fine-rules"
    title = "罚款规则"
    model = FineRule
    resource_class = FineRuleResource
    order = 603
    importable = False


class FineRecordResource(_ScopedResource):
    date = ExcelField("date", "日期", DateWidget())
    staff = ExcelField("staff", "姓名", TextWidget(50), readonly=True)
    rule_code = ExcelField("rule_code", "规则编号", TextWidget(8), readonly=True)
    rule = ExcelField("rule", "规则", TextWidget(100), readonly=True)
    description = ExcelField("description", "事由", TextWidget(200))
    source = ExcelField("source", "来源", ChoiceWidget(FineSource))
    amount = ExcelField("amount", "金额(元)", TextWidget(20), readonly=True)
    status = ExcelField("status", "状态", ChoiceWidget(FineStatus))
    exemption_reason = ExcelField("exemption_reason", "豁免理由", TextWidget(200))
    exempted_by = ExcelField("exempted_by", "豁免批准人", TextWidget(50), readonly=True)
    paid_on = ExcelField("paid_on", "缴纳日期", DateWidget())

    class Meta:
        model = FineRecord
        fields = (
            "date", "staff", "rule_code", "rule", "description", "source", "amount", "status", "exemption_reason",
            "exempted_by", "paid_on",
        )  # fmt: skip
        export_order = fields

    def __init__(self, *, community=None, user=None, month: datetime.date | None = None, **kwargs):
        super().__init__(community=community, user=user, **kwargs)
        self.month = month

    def filter_export(self, queryset, **kwargs):
        queryset = super().filter_export(queryset).select_related("staff", "rule", "exempted_by")
        if self.month is not None:
            queryset = queryset.in_month(self.month)
        return queryset.order_by("date", "staff__name", "pk")

    def dehydrate_staff(self, record: FineRecord) -> str:
        return record.staff.name

    def dehydrate_rule_code(self, record: FineRecord) -> str:
        return record.rule.code

    def dehydrate_rule(self, record: FineRecord) -> str:
        return record.rule.name

    def dehydrate_amount(self, record: FineRecord) -> str:
        return record.amount_display

    def dehydrate_exempted_by(self, record: FineRecord) -> str:
        return record.exempted_by.display_name if record.exempted_by_id else ""


class FineRecordExcel(ExcelRegister):
    """罚款台账: one row per ledger line (a month's when given)."""

    code = "committee-fines"
    title = "罚款台账"
    model = FineRecord
    resource_class = FineRecordResource
    order = 604
    importable = False

    def __init__(self, *, community, user, month: datetime.date | None = None):
        super().__init__(community=community, user=user)
        self.resource.month = month


class StatementResource(_ScopedResource):
    month = ExcelField("month", "月份", TextWidget(8), readonly=True)
    staff = ExcelField("staff", "姓名", TextWidget(50), readonly=True)
    position = ExcelField("position", "职务", TextWidget(20), readonly=True)
    count = ExcelField("count", "罚款(笔)", TextWidget(8), readonly=True)
    due = ExcelField("due", "应缴(元)", TextWidget(12), readonly=True)
    paid = ExcelField("paid", "已缴(元)", TextWidget(12), readonly=True)
    unpaid = ExcelField("unpaid", "未缴(元)", TextWidget(12), readonly=True)
    exempted = ExcelField("exempted", "已豁免(元)", TextWidget(12), readonly=True)
    responsibilities = ExcelField("responsibilities", "主要责任(次)", TextWidget(8), readonly=True)
    details = ExcelField("details", "明细", TextWidget(), readonly=True)

    class Meta:
        model = FineRecord
        fields = (
            "month", "staff", "position", "count", "due", "paid", "unpaid", "exempted", "responsibilities", "details",
        )  # fmt: skip
        export_order = fields


class FineStatementExcel(ExcelRegister):
    """月度罚款明细: one row per person and month with the month's totals; given a month, one row for everyone
    serving that month (zeros included), else the months that have fines."""

    code = "committee-fine-statement"
    title = "月度罚款明细"
    model = FineRecord
    resource_class = StatementResource
    order = 605
    importable = False

    def __init__(self, *, community, user, month: datetime.date | None = None):
        super().__init__(community=community, user=user)
        self.month = month

    def export_rows(self) -> Iterator[list]:
        if self.month is not None:
            months = [self.month]
        else:
            records = FineRecord.objects.visible_to(self.user).filter(community=self.community)
            months = list(records.dates("date", "month"))
        for month in months:
            statement = fine_statement(community=self.community, month=month)
            for line in statement.lines:
                if self.month is None and not line.shown_records:
                    continue
                details = ";".join(
                    f"{record.date:%m-%d} {record.description} {record.amount_display}"
                    f"{'' if record.status == FineStatus.RECORDED else '(' + record.get_status_display() + ')'}"
                    for record in line.shown_records
                )
                yield [
                    f"{month:%Y-%m}",
                    line.staff.name,
                    line.staff.get_position_display(),
                    line.count,
                    f"{line.due:.2f}",
                    f"{line.paid:.2f}",
                    f"{line.unpaid:.2f}",
                    f"{line.exempted:.2f}",
                    line.responsibilities,
                    details,
                ]
