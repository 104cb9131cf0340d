"""Pages of 人民调解: the committee, dispute cases and their workflow, the agreement PDF, follow-ups and
the monthly 矛盾纠纷排查 table."""

from __future__ import annotations

import datetime
import io

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Count, Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.generic import TemplateView

from governance.excel import log_exchange
from governance.models import Community
from governance.pdf import render_pdf
from safety.filters.mediation import CommitteeMemberFilter, DisputeCaseFilter, FollowUpFilter
from safety.forms.mediation import (
    CommitteeMemberForm,
    DisputeCaseForm,
    DisputeCloseForm,
    DisputePartyForm,
    FollowUpDoneForm,
    FollowUpScheduleForm,
    JudicialConfirmationForm,
    MediationSessionForm,
)
from safety.models.mediation import (
    CommitteeMember,
    CommitteeRole,
    DisputeCase,
    DisputeParty,
    DisputeStatus,
    FollowUp,
    MediationSession,
    PartyRole,
)
from safety.selectors.mediation import dispute_figures, dispute_screening, month_period, year_period
from safety.services.mediation import (
    committee_member_save,
    dispute_close,
    dispute_judicial_confirmation,
    dispute_open,
    dispute_party_add,
    dispute_session_record,
    dispute_update,
    followup_done,
    followup_schedule,
)
from safety.views.base import (
    SafetyAccessMixin,
    SafetyCreateView,
    SafetyDetailView,
    SafetyListView,
    SafetySubjectFormView,
    SafetyUpdateView,
    SensitiveRecordMixin,
)

#
# The committee (人民调解委员会)
#


class CommitteeView(SafetyListView):
    """The committee of the user's community: serving members by role, with their count."""

    model = CommitteeMember
    filterset_class = CommitteeMemberFilter
    template_name = "safety/committeemember_list.html"
    list_select_related = ("community", "user", "person", "group")
    paginate_by = None

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs["data"] is None or "serving" not in kwargs["data"]:
            data = (kwargs["data"] or QueryDict()).copy()
            data["serving"] = "1"  # the committee as it stands today, unless asked otherwise
            kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = list(context["object_list"])
        order = {role: index for index, role in enumerate(CommitteeRole.values)}
        members.sort(key=lambda member: (member.community_id, order[member.role], member.start_on, member.pk))
        context["roles"] = [
            (label, [member for member in members if member.role == role]) for role, label in CommitteeRole.choices
        ]
        context["member_count"] = len(members)
        context["communities"] = sorted({member.community for member in members}, key=lambda c: c.pk)
        return context


class CommitteeMemberDetailView(SafetyDetailView):
    model = CommitteeMember
    template_name = "safety/committeemember_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "user", "person", "group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cases"] = (
            DisputeCase.objects.visible_to(self.request.user).filter(mediators=self.object).order_by("-received_on")
        )[:50]
        return context


class CommitteeMemberCreateView(SafetyCreateView):
    model = CommitteeMember
    form_class = CommitteeMemberForm
    success_message = "调委会成员已添加。"

    def save(self, form, *, instance, m2m):
        return committee_member_save(actor=self.request.user, member=instance)


class CommitteeMemberUpdateView(SafetyUpdateView):
    model = CommitteeMember
    form_class = CommitteeMemberForm

    def save(self, form, *, instance, m2m):
        return committee_member_save(actor=self.request.user, member=instance)


#
# Dispute cases
#


class DisputeCaseListView(SafetyListView):
    model = DisputeCase
    filterset_class = DisputeCaseFilter
    template_name = "safety/disputecase_list.html"
    list_select_related = ("community", "group")
    list_prefetch_related = ("parties__person",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = timezone.localdate().year
        start, end = year_period(year)
        communities = Community.objects.visible_to(self.request.user)
        context["year"] = year
        context["figures"] = dispute_figures(communities=communities, start=start, end=end)
        return context


class DisputeCaseDetailView(SensitiveRecordMixin, SafetyDetailView):
    model = DisputeCase
    template_name = "safety/disputecase_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        user = self.request.user
        context["parties"] = [
            (party, party.id_number_for(user)) for party in case.parties.select_related("person", "person__group")
        ]
        context["mediators"] = case.mediators.select_related("user", "person")
        context["sessions"] = case.sessions.prefetch_related("mediators__user", "mediators__person").select_related(
            "recorded_by"
        )
        context["followups"] = case.followups.select_related("visitor")
        context["today"] = timezone.localdate()
        context["can_add_session"] = case.is_open and user.has_perm("safety.add_mediationsession")
        context["can_add_party"] = case.is_open and user.has_perm("safety.add_disputeparty")
        context["can_close"] = case.is_open and user.has_perm("safety.change_disputecase")
        context["is_success"] = case.status == DisputeStatus.SUCCESS
        context["can_followup"] = not case.is_open and user.has_perm("safety.add_followup")
        return context


class DisputeCaseCreateView(SafetyCreateView):
    model = DisputeCase
    form_class = DisputeCaseForm
    success_message = "纠纷已受理。"

    def save(self, form, *, instance, m2m):
        return dispute_open(
            actor=self.request.user, case=instance, parties=form.parties(), mediators=m2m.get("mediators", ())
        )


class DisputeCaseUpdateView(SafetyUpdateView):
    model = DisputeCase
    form_class = DisputeCaseForm

    def save(self, form, *, instance, m2m):
        return dispute_update(actor=self.request.user, case=instance, mediators=m2m.get("mediators", ()))


class DisputePartyCreateView(SafetySubjectFormView):
    model = DisputeParty
    action = "add"
    subject_model = DisputeCase
    form_class = DisputePartyForm
    title = "增加当事人"
    success_message = "当事人已添加。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        dispute_party_add(actor=self.request.user, case=self.subject, party=form.party())


class MediationSessionCreateView(SafetySubjectFormView):
    model = MediationSession
    action = "add"
    subject_model = DisputeCase
    form_class = MediationSessionForm
    title = "登记调解记录"
    success_message = "调解记录已登记。"

    def form_kwargs(self):
        return {"user": self.request.user, "case": self.subject}

    def perform(self, form):
        data = form.cleaned_data
        dispute_session_record(
            actor=self.request.user,
            case=self.subject,
            held_on=data["held_on"],
            place=data["place"],
            mediators=data["mediators"],
            summary=data["summary"],
        )


class DisputeCaseCloseView(SafetySubjectFormView):
    model = DisputeCase
    action = "change"
    subject_model = DisputeCase
    form_class = DisputeCloseForm
    title = "结案"
    success_message = "案件已结案。"

    def perform(self, form):
        dispute_close(actor=self.request.user, case=self.subject, **form.service_kwargs())


class DisputeJudicialView(SafetySubjectFormView):
    model = DisputeCase
    action = "change"
    subject_model = DisputeCase
    form_class = JudicialConfirmationForm
    title = "司法确认"
    success_message = "司法确认情况已登记。"

    def get_initial(self):
        case = self.subject
        initial = super().get_initial()
        if case.court:
            initial.update(
                applied_on=case.judicial_applied_on, confirmed_on=case.judicial_confirmed_on, court=case.court
            )
        return initial

    def perform(self, form):
        data = form.cleaned_data
        dispute_judicial_confirmation(
            actor=self.request.user,
            case=self.subject,
            applied_on=data["applied_on"],
            confirmed_on=data["confirmed_on"],
            court=data["court"],
        )


class DisputeAgreementView(SensitiveRecordMixin, SafetyDetailView):
    """GET → the 调解协议书 of a successful case as a PDF; the view is logged like the case's page."""

    model = DisputeCase

    def get_queryset(self):
        return super().get_queryset().filter(status=DisputeStatus.SUCCESS).select_related("community")

    def render_to_response(self, context, **response_kwargs):
        case = self.object
        user = self.request.user
        parties = [
            {
                "party": party,
                "id_number": party.id_number_for(user),
                "sex": party.person.get_sex_display() if party.person_id else "",
            }
            for party in case.parties.select_related("person")
        ]
        pdf = render_pdf(
            "safety/pdf/dispute_agreement.html",
            {
                "case": case,
                "applicants": [entry for entry in parties if entry["party"].role == PartyRole.APPLICANT],
                "respondents": [entry for entry in parties if entry["party"].role == PartyRole.RESPONDENT],
                "mediators": list(case.mediators.select_related("user", "person")),
            },
            request=self.request,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        file_name = f"调解协议书-{case.number}.pdf"
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
        return response


#
# Follow-up visits (回访)
#


class FollowUpListView(SafetyListView):
    """Follow-ups due and overdue (the pending ones by default)."""

    model = FollowUp
    filterset_class = FollowUpFilter
    template_name = "safety/followup_list.html"
    list_select_related = ("community", "case", "visitor")
    list_prefetch_related = ("case__parties__person",)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs["data"] is None or "state" not in kwargs["data"]:
            data = (kwargs["data"] or QueryDict()).copy()
            data["state"] = "pending"
            kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["today"] = today
        counts = FollowUp.objects.visible_to(self.request.user).aggregate(
            pending=Count("pk", filter=Q(done_on__isnull=True)),
            overdue=Count("pk", filter=Q(done_on__isnull=True, due_on__lt=today)),
        )
        context.update(counts)
        return context


class FollowUpScheduleView(SafetySubjectFormView):
    model = FollowUp
    action = "add"
    subject_model = DisputeCase
    form_class = FollowUpScheduleForm
    title = "安排回访"
    success_message = "回访已安排。"

    def perform(self, form):
        followup_schedule(actor=self.request.user, case=self.subject, due_on=form.cleaned_data["due_on"])


class FollowUpDoneView(SafetySubjectFormView):
    model = FollowUp
    action = "change"
    subject_model = FollowUp
    form_class = FollowUpDoneForm
    title = "登记回访"
    success_message = "回访情况已登记。"

    def perform(self, form):
        data = form.cleaned_data
        followup_done(actor=self.request.user, followup=self.subject, done_on=data["done_on"], note=data["note"])


#
# The monthly 矛盾纠纷排查 table
#


def _month(value: str | None) -> tuple[int, int]:
    """``2026-05`` → (2026, 5); this month when missing or malformed."""
    try:
        day = datetime.datetime.strptime(value or "", "%Y-%m").date()  # noqa: DTZ007 - a month, no time
    except ValueError:
        day = timezone.localdate()
    return day.year, day.month


class ScreeningMixin(SafetyAccessMixin, LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "safety.view_disputecase"

    def screening(self):
        user = self.request.user
        year, month = _month(self.request.GET.get("month"))
        start, end = month_period(year, month)
        communities = Community.objects.visible_to(user)
        community = None
        if not user.community_id and self.request.GET.get("community"):
            community = get_object_or_404(communities, pk=self.request.GET["community"])
        elif user.community_id:
            community = user.community
        cases = DisputeCase.objects.visible_to(user)
        groups = dispute_screening(cases=cases, community=community, start=start, end=end)
        return {
            "year": year,
            "month": month,
            "month_value": f"{year}-{month:02d}",
            "start": start,
            "end": end,
            "community": community,
            "communities": None if user.community_id else communities,
            "groups": groups,
            "row_count": sum(len(group.rows) for group in groups),
        }


class DisputeScreeningView(ScreeningMixin, TemplateView):
    template_name = "safety/dispute_screening.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.screening())
        context["opts"] = DisputeCase._meta
        context["can_export"] = self.request.user.has_perm("governance.export_register")
        return context


SCREENING_COLUMNS = (
    ("序号", 5),
    ("编号", 10),
    ("纠纷类型", 12),
    ("当事人", 24),
    ("纠纷简要情况", 36),
    ("调处层级", 10),
    ("状态", 9),
    ("调解人员", 16),
    ("调处措施", 36),
    ("调处结果", 28),
)


class DisputeScreeningExportView(ScreeningMixin, TemplateView):
    """The 排查 table of the month as .xlsx, laid out for printing (A4 landscape, one block per group)."""

    permission_required = ("safety.view_disputecase", "governance.export_register")

    def get(self, request, *args, **kwargs):
        import xlsxwriter

        data = self.screening()
        place = data["community"].name if data["community"] else "辖区"
        title = f"{place}{data['year']}年{data['month']}月矛盾纠纷排查调处情况表"
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
        sheet = workbook.add_worksheet("矛盾纠纷排查")
        title_format = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
        header_format = workbook.add_format(
            {"bold": True, "border": 1, "bg_color": "#DDEBF7", "align": "center", "valign": "vcenter"}
        )
        group_format = workbook.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
        cell_format = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(2)
        last = len(SCREENING_COLUMNS) - 1
        sheet.merge_range(0, 0, 0, last, title, title_format)
        sheet.write_string(1, 0, f"统计期间:{data['start']:%Y-%m-%d} 至 {data['end']:%Y-%m-%d}")
        for index, (header, width) in enumerate(SCREENING_COLUMNS):
            sheet.set_column(index, index, width)
            sheet.write_string(2, index, header, header_format)
        row_number = 3
        serial = 0
        for group in data["groups"]:
            sheet.merge_range(row_number, 0, row_number, last, f"{group.name}({len(group.rows)}件)", group_format)
            row_number += 1
            for row in group.rows:
                serial += 1
                case = row.case
                values = [
                    str(serial),
                    case.number,
                    case.get_kind_display(),
                    row.parties,
                    case.summary,
                    case.get_level_display(),
                    row.status,
                    row.mediators,
                    row.measures,
                    row.outcome,
                ]
                for index, value in enumerate(values):
                    sheet.write_string(row_number, index, value, cell_format)
                row_number += 1
        if not serial:
            sheet.merge_range(row_number, 0, row_number, last, "本月无矛盾纠纷。", cell_format)
        workbook.close()
        file_name = f"{title}.xlsx"
        # One log line per community whose cases went out (a street-level export spans several).
        exported = [data["community"]] if data["community"] else []
        exported = exported or list({row.case.community for group in data["groups"] for row in group.rows})
        for community in exported:
            log_exchange(
                user=request.user,
                community=community,
                register="safety-dispute-screening",
                direction="export",
                rows=sum(1 for group in data["groups"] for row in group.rows if row.case.community == community),
                file_name=file_name,
            )
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
        return response
