"""Excel sheets of the duty rosters, export-only: the shifts (值班安排, all or one roster's) and the absences
(脱岗记录, with the computed duration and fine). No ID numbers are kept here."""

from __future__ import annotations

from django.utils import timezone
from import_export.resources import ModelResource

from governance.excel import ChoiceWidget, DateWidget, ExcelField, ExcelRegister, TextWidget, YesNoWidget
from services.models.duty import DutyAbsence, DutyLocation, DutyShift


class _ScopedResource(ModelResource):
    def __init__(self, *, community=None, user=None, **kwargs):
        super().__init__(**kwargs)
        self.community = community
        self.user = user

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.visible_to(self.user)
        return queryset.filter(community=self.community) if self.community is not None else queryset


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class DutyShiftResource(_ScopedResource):
    roster = ExcelField("roster", "值班表", TextWidget(100), readonly=True)
    date = ExcelField("date", "日期", DateWidget())
    time = ExcelField("time", "值班时间", TextWidget(20), readonly=True)
    location = ExcelField("location", "值班地点", ChoiceWidget(DutyLocation))
    window = ExcelField("window", "服务窗口", TextWidget(50), readonly=True)
    leader = ExcelField("leader", "带班领导", TextWidget(50), readonly=True)
    staff = ExcelField("staff", "值班人员", TextWidget(200), readonly=True)
    cleaning_done = ExcelField("cleaning_done", "已打扫卫生", YesNoWidget())
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = DutyShift
        fields = ("roster", "date", "time", "location", "window", "leader", "staff", "cleaning_done", "note")
        export_order = fields

    def __init__(self, *, community=None, user=None, roster=None, **kwargs):
        super().__init__(community=community, user=user, **kwargs)
        self.only_roster = roster

    def filter_export(self, queryset, **kwargs):
        queryset = super().filter_export(queryset)
        if self.only_roster is not None:
            queryset = queryset.filter(roster=self.only_roster)
        return (
            queryset.select_related("roster", "leader", "window")
            .prefetch_related("staff")
            .order_by("date", "start", "pk")
        )

    def dehydrate_roster(self, shift: DutyShift) -> str:
        return shift.roster.title

    def dehydrate_time(self, shift: DutyShift) -> str:
        return shift.time_display

    def dehydrate_window(self, shift: DutyShift) -> str:
        return shift.window.name if shift.window_id else ""

    def dehydrate_leader(self, shift: DutyShift) -> str:
        return shift.leader.display_name

    def dehydrate_staff(self, shift: DutyShift) -> str:
        return "、".join(sorted(user.display_name for user in shift.staff.all()))


class DutyShiftExcel(ExcelRegister):
    """值班安排: one row per shift; given a roster, that roster's shifts."""

    code = "services-duty-shifts"
    title = "值班安排"
    model = DutyShift
    resource_class = DutyShiftResource
    order = 310
    importable = False

    def __init__(self, *, community, user, roster=None):
        self.roster = roster
        super().__init__(community=community, user=user)
        self.resource.only_roster = roster


class DutyAbsenceResource(_ScopedResource):
    staff = ExcelField("staff", "值班人员", TextWidget(50), readonly=True)
    shift = ExcelField("shift", "班次", TextWidget(50), readonly=True)
    left_at = ExcelField("left_at", "离岗时间", TextWidget(20), readonly=True)
    returned_at = ExcelField("returned_at", "返岗时间", TextWidget(20), readonly=True)
    duration_minutes = ExcelField("duration_minutes", "脱岗时长(分钟)", TextWidget(8), readonly=True)
    excused = ExcelField("excused", "有正当理由", YesNoWidget())
    reason = ExcelField("reason", "事由", TextWidget())
    responsible_leader = ExcelField("responsible_leader", "负责的带班领导", TextWidget(50), readonly=True)
    fine_amount = ExcelField("fine_amount", "处罚金额(元)", TextWidget(12), readonly=True)
    note = ExcelField("note", "备注", TextWidget())

    class Meta:
        model = DutyAbsence
        fields = (
            "staff", "shift", "left_at", "returned_at", "duration_minutes", "excused", "reason",
            "responsible_leader", "fine_amount", "note",
        )  # fmt: skip
        export_order = fields

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset)
            .select_related("staff", "shift", "responsible_leader")
            .order_by("left_at", "pk")
        )

    def dehydrate_staff(self, absence: DutyAbsence) -> str:
        return absence.staff.display_name

    def dehydrate_shift(self, absence: DutyAbsence) -> str:
        return str(absence.shift)

    def dehydrate_left_at(self, absence: DutyAbsence) -> str:
        return _moment(absence.left_at)

    def dehydrate_returned_at(self, absence: DutyAbsence) -> str:
        return _moment(absence.returned_at)

    def dehydrate_responsible_leader(self, absence: DutyAbsence) -> str:
        return absence.responsible_leader.display_name

    def dehydrate_fine_amount(self, absence: DutyAbsence) -> str:
        return f"{absence.fine_amount:.2f}"


class DutyAbsenceExcel(ExcelRegister):
    """脱岗记录: one row per absence, with its computed duration and fine."""

    code = "services-duty-absences"
    title = "脱岗记录"
    model = DutyAbsence
    resource_class = DutyAbsenceResource
    order = 311
    importable = False
