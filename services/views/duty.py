"""Pages of the duty rosters (值班表): the rosters with their day grid and 24-hour check, the one-page print
(and PDF), publishing, shifts with their handover notes, and the absences (脱岗记录)."""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views import View

from governance.excel import export_register
from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from governance.pdf import render_pdf
from services.filters.duty import DutyAbsenceFilter, DutyRosterFilter
from services.forms.duty import DutyAbsenceForm, DutyHandoverForm, DutyRosterForm, DutyShiftForm, RosterPublishForm
from services.models.duty import DutyAbsence, DutyHandover, DutyRoster, DutyShift
from services.resources.duty import DutyShiftExcel
from services.selectors.duty import roster_coverage
from services.services.duty import absence_save, handover_add, roster_publish, roster_save, shift_save

#
# Rosters
#


def coverage_warning(coverage) -> str:
    gaps = sum(not day.covered for day in coverage)
    short = sum(day.short for day in coverage)
    parts = []
    if gaps:
        parts.append(f"{gaps}天存在值班空档")
    if short:
        parts.append(f"{short}天值班干部少于规定人数")
    return ("本值班表" + "、".join(parts) + ",仍可发布。") if parts else ""


def roster_grid(roster: DutyRoster):
    """(coverage, rows): one row per day with its shifts, in time order."""
    shifts = roster.shifts.select_related("leader", "window").prefetch_related("staff").order_by("date", "start")
    by_day = defaultdict(list)
    for shift in shifts:
        by_day[shift.date].append(shift)
    coverage = roster_coverage(roster)
    rows = [{"day": day.day, "coverage": day, "shifts": by_day.get(day.day, [])} for day in coverage]
    return coverage, rows


class DutyRosterListView(RegisterListView):
    model = DutyRoster
    filterset_class = DutyRosterFilter
    template_name = "services/dutyroster_list.html"
    list_select_related = ("community", "prepared_by")


class DutyRosterDetailView(RegisterDetailView):
    model = DutyRoster
    template_name = "services/dutyroster_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "prepared_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        coverage, rows = roster_grid(self.object)
        context["rows"] = rows
        context["gap_days"] = sum(not day.covered for day in coverage)
        context["short_days"] = sum(day.short for day in coverage)
        context["warning"] = coverage_warning(coverage)
        user = self.request.user
        context["can_edit"] = user.has_perm("services.change_dutyroster")
        context["can_add_shift"] = user.has_perm("services.add_dutyshift")
        return context


class DutyRosterPrintView(DutyRosterDetailView):
    """The roster as a one-page table (A4 landscape), for the notice board."""

    template_name = "services/dutyroster_print.html"


class DutyRosterPdfView(DutyRosterDetailView):
    def render_to_response(self, context, **response_kwargs):
        roster = self.object
        pdf = render_pdf(
            "services/pdf/dutyroster.html", {"roster": roster, "rows": context["rows"]}, request=self.request
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        file_name = f"{roster.community.name}-{roster.title}.pdf"
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
        return response


class DutyRosterCreateView(RegisterCreateView):
    model = DutyRoster
    form_class = DutyRosterForm
    success_message = "值班表已建立,请添加班次。"

    def save(self, form, *, instance, m2m):
        return roster_save(actor=self.request.user, roster=instance)


class DutyRosterUpdateView(RegisterUpdateView):
    model = DutyRoster
    form_class = DutyRosterForm

    def save(self, form, *, instance, m2m):
        return roster_save(actor=self.request.user, roster=instance)


class DutyRosterPublishView(SubjectFormView):
    model = DutyRoster
    action = "change"
    subject_model = DutyRoster
    form_class = RosterPublishForm
    title = "发布"
    success_message = "值班表已发布。"

    def form_kwargs(self):
        return {"warning": coverage_warning(roster_coverage(self.subject))}

    def perform(self, form):
        return roster_publish(actor=self.request.user, roster=self.subject)


#
# Shifts and handovers
#


class DutyShiftAddView(SubjectFormView):
    """排班: a shift added to a roster."""

    model = DutyShift
    action = "add"
    subject_model = DutyRoster
    form_class = DutyShiftForm
    title = "添加班次"
    success_message = "班次已添加。"

    def form_kwargs(self):
        initial = {}
        day = self.request.GET.get("date")
        if day:
            initial["date"] = day
        return {"user": self.request.user, "instance": DutyShift(roster=self.subject), "initial": initial}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("initial", None)
        return kwargs

    def perform(self, form):
        shift = form.save(commit=False)
        shift_save(actor=self.request.user, shift=shift, staff=form.cleaned_data["staff"])
        return self.subject


class DutyShiftDetailView(RegisterDetailView):
    model = DutyShift
    template_name = "services/dutyshift_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "roster", "leader", "window")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["staff"] = self.object.staff.all()
        context["handovers"] = (
            DutyHandover.objects.visible_to(user).filter(shift=self.object).select_related("written_by")
        )
        context["absences"] = (
            DutyAbsence.objects.visible_to(user).filter(shift=self.object).select_related("staff", "responsible_leader")
        )
        context["can_handover"] = user.has_perm("services.add_dutyhandover")
        context["can_absence"] = user.has_perm("services.add_dutyabsence")
        return context


class DutyShiftUpdateView(RegisterUpdateView):
    model = DutyShift
    form_class = DutyShiftForm

    def get_queryset(self):
        return super().get_queryset().select_related("roster__community")

    def save(self, form, *, instance, m2m):
        return shift_save(actor=self.request.user, shift=instance, staff=m2m.get("staff", []))


class DutyHandoverAddView(SubjectFormView):
    model = DutyHandover
    action = "add"
    subject_model = DutyShift
    form_class = DutyHandoverForm
    title = "交接班记录"
    success_message = "交接班记录已保存。"

    def form_kwargs(self):
        return {"user": self.request.user, "instance": DutyHandover(shift=self.subject)}

    def perform(self, form):
        handover_add(actor=self.request.user, handover=form.save(commit=False))
        return self.subject


#
# Absences
#


class DutyAbsenceListView(RegisterListView):
    model = DutyAbsence
    filterset_class = DutyAbsenceFilter
    template_name = "services/dutyabsence_list.html"
    list_select_related = ("community", "shift", "staff", "responsible_leader")


class DutyAbsenceDetailView(RegisterDetailView):
    model = DutyAbsence
    template_name = "services/dutyabsence_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("community", "shift__roster", "shift__leader", "staff", "responsible_leader", "recorded_by")
        )


class DutyAbsenceAddView(SubjectFormView):
    model = DutyAbsence
    action = "add"
    subject_model = DutyShift
    form_class = DutyAbsenceForm
    title = "登记脱岗"
    success_message = "脱岗记录已登记。"

    def form_kwargs(self):
        return {"user": self.request.user, "instance": DutyAbsence(shift=self.subject)}

    def perform(self, form):
        return absence_save(actor=self.request.user, absence=form.save(commit=False))


class DutyAbsenceUpdateView(RegisterUpdateView):
    model = DutyAbsence
    form_class = DutyAbsenceForm

    def save(self, form, *, instance, m2m):
        return absence_save(actor=self.request.user, absence=instance)


class DutyRosterShiftsExcelView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """GET → the roster's shifts as .xlsx (logged like every export)."""

    def get_permission_required(self):
        return DutyShiftExcel.export_permissions()

    def get(self, request, pk):
        roster = get_object_or_404(DutyRoster.objects.visible_to(request.user), pk=pk)
        register = DutyShiftExcel(community=roster.community, user=request.user, roster=roster)
        file_name = f"{roster.community.name}-{roster.title}.xlsx".replace("/", "-")
        handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="linli-duty-")
        os.close(handle)
        try:
            export_register(register, path, file_name=file_name)
            stream = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
        finally:
            os.unlink(path)
        return FileResponse(
            stream,
            as_attachment=True,
            filename=file_name,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
