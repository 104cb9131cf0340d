"""Pages of the 平安 records: patrol teams and patrols, the community police officer and their visits,
legal education, hazard inspections and the overdue list, incidents and the year's sign-offs, petitions."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, Max, Q, Sum, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from governance.models import Community
from safety.filters.records import (
    IncidentFilter,
    InspectionFilter,
    InspectionTargetFilter,
    LegalEducationSessionFilter,
    PatrolRecordFilter,
    PatrolTeamFilter,
    PetitionFilter,
    PoliceOfficerFilter,
)
from safety.forms.records import (
    EscalateForm,
    IncidentCloseForm,
    IncidentForm,
    InspectionForm,
    InspectionTargetForm,
    LegalEducationSessionForm,
    PatrolRecordForm,
    PatrolTeamForm,
    PatrolTeamMemberForm,
    PetitionCloseForm,
    PetitionForm,
    PetitionStepForm,
    PetitionTransferForm,
    PoliceOfficerForm,
    PoliceVisitForm,
    RectifyForm,
    YearConfirmForm,
)
from safety.models.records import (
    Incident,
    IncidentYearConfirmation,
    Inspection,
    InspectionTarget,
    LegalEducationSession,
    PatrolMemberRole,
    PatrolRecord,
    PatrolTeam,
    PatrolTeamMember,
    Petition,
    PoliceOfficer,
    PoliceVisit,
)
from safety.selectors.records import (
    incident_counts,
    inspection_overdue,
    legal_education_figures,
    patrol_figures,
    police_officer_months,
)
from safety.services.records import (
    can_confirm_year,
    incident_close,
    incident_save,
    incident_year_confirm,
    inspection_escalate,
    inspection_record,
    inspection_rectify,
    inspection_target_save,
    inspection_update,
    legal_education_session_save,
    patrol_record_save,
    patrol_team_member_save,
    patrol_team_save,
    petition_close,
    petition_receive,
    petition_step_add,
    petition_transfer,
    petition_update,
    police_officer_save,
    police_visit_save,
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


def _year_period(request) -> tuple[int, datetime.date, datetime.date]:
    today = timezone.localdate()
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= today.year + 1 else today.year
    return year, datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _communities(user):
    """The communities of ``user``'s scope, for figures shown beside a list (None for superusers: all)."""
    if user.is_superuser:
        return None
    return Community.objects.visible_to(user)


#
# Patrol teams and patrols
#


class PatrolTeamListView(SafetyListView):
    model = PatrolTeam
    filterset_class = PatrolTeamFilter
    template_name = "safety/patrolteam_list.html"
    list_select_related = ("community",)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                member_count=Count("members", filter=Q(members__is_active=True), distinct=True),
                record_count=Count("records", distinct=True),
            )
        )


class PatrolTeamDetailView(SafetyDetailView):
    model = PatrolTeam
    template_name = "safety/patrolteam_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        team = self.object
        role_order = Case(*(When(role=role, then=index) for index, role in enumerate(PatrolMemberRole.values)))
        context["members"] = team.members.select_related("person").order_by("-is_active", role_order, "pk")
        # Aggregating queries ignore Meta.ordering: order explicitly.
        context["records"] = team.records.annotate(present=Count("members_present")).order_by("-date", "-start_time")[
            :20
        ]
        context["can_patrol"] = self.request.user.has_perm("safety.add_patrolrecord")
        context["can_add_member"] = self.request.user.has_perm("safety.add_patrolteammember")
        context["can_change_member"] = self.request.user.has_perm("safety.change_patrolteammember")
        return context


class PatrolTeamCreateView(SafetyCreateView):
    model = PatrolTeam
    form_class = PatrolTeamForm
    success_message = "队伍已建立。"

    def save(self, form, *, instance, m2m):
        return patrol_team_save(actor=self.request.user, team=instance)


class PatrolTeamUpdateView(SafetyUpdateView):
    model = PatrolTeam
    form_class = PatrolTeamForm

    def save(self, form, *, instance, m2m):
        return patrol_team_save(actor=self.request.user, team=instance)


class PatrolTeamMemberCreateView(SafetySubjectFormView):
    model = PatrolTeamMember
    action = "add"
    subject_model = PatrolTeam
    form_class = PatrolTeamMemberForm
    title = "添加队员"
    success_message = "队员已添加。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        patrol_team_member_save(actor=self.request.user, team=self.subject, member=form.save(commit=False))


class PatrolTeamMemberUpdateView(SafetyUpdateView):
    model = PatrolTeamMember
    form_class = PatrolTeamMemberForm

    def save(self, form, *, instance, m2m):
        return patrol_team_member_save(actor=self.request.user, team=instance.team, member=instance)

    def get_success_url(self):
        return self.object.team.get_absolute_url()


class PatrolRecordListView(SafetyListView):
    model = PatrolRecord
    filterset_class = PatrolRecordFilter
    template_name = "safety/patrolrecord_list.html"
    list_select_related = ("community", "team")
    list_prefetch_related = ("groups",)

    def get_queryset(self):
        return super().get_queryset().annotate(present=Count("members_present"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, start, end = _year_period(self.request)
        user = self.request.user
        context["year"] = year
        context["figures"] = patrol_figures(communities=_communities(user), start=start, end=end)
        context["teams"] = PatrolTeam.objects.visible_to(user).filter(is_active=True)
        context["can_patrol"] = user.has_perm("safety.add_patrolrecord")
        return context


class PatrolRecordDetailView(SafetyDetailView):
    model = PatrolRecord
    template_name = "safety/patrolrecord_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "team").prefetch_related("groups")


class PatrolRecordCreateView(SafetySubjectFormView):
    """Record a patrol of a team (the team's page offers it)."""

    model = PatrolRecord
    action = "add"
    subject_model = PatrolTeam
    form_class = PatrolRecordForm
    title = "登记巡逻记录"
    success_message = "巡逻记录已登记。"

    def form_kwargs(self):
        return {"user": self.request.user, "team": self.subject, "instance": PatrolRecord(team=self.subject)}

    def get_initial(self):
        return {"date": timezone.localdate()}

    def perform(self, form):
        return patrol_record_save(
            actor=self.request.user,
            record=form.save(commit=False),
            groups=form.cleaned_data["groups"],
            members_present=form.cleaned_data["members_present"],
        )


class PatrolRecordUpdateView(SafetyUpdateView):
    model = PatrolRecord
    form_class = PatrolRecordForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "team": self.object.team}

    def save(self, form, *, instance, m2m):
        return patrol_record_save(
            actor=self.request.user,
            record=instance,
            groups=m2m.get("groups", ()),
            members_present=m2m.get("members_present", ()),
        )


#
# Police liaison
#


class PoliceOfficerListView(SafetyListView):
    model = PoliceOfficer
    filterset_class = PoliceOfficerFilter
    template_name = "safety/policeofficer_list.html"
    list_select_related = ("community",)

    def get_queryset(self):
        month_start = timezone.localdate().replace(day=1)
        return (
            super()
            .get_queryset()
            .annotate(
                visit_count=Count("visits"),
                month_hours=Sum("visits__hours", filter=Q(visits__date__gte=month_start)),
            )
        )


class PoliceOfficerDetailView(SafetyDetailView):
    model = PoliceOfficer
    template_name = "safety/policeofficer_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        officer = self.object
        today = timezone.localdate()
        last = min(today, officer.assigned_to) if officer.assigned_to else today
        context["months"] = (
            police_officer_months(officer=officer, last_month=last) if last >= officer.assigned_from else []
        )
        context["this_month"] = today.replace(day=1)
        context["visits"] = officer.visits.all()[:30]
        context["can_add_visit"] = self.request.user.has_perm("safety.add_policevisit")
        context["can_change_visit"] = self.request.user.has_perm("safety.change_policevisit")
        return context


class PoliceOfficerCreateView(SafetyCreateView):
    model = PoliceOfficer
    form_class = PoliceOfficerForm

    def save(self, form, *, instance, m2m):
        return police_officer_save(actor=self.request.user, officer=instance)


class PoliceOfficerUpdateView(SafetyUpdateView):
    model = PoliceOfficer
    form_class = PoliceOfficerForm

    def save(self, form, *, instance, m2m):
        return police_officer_save(actor=self.request.user, officer=instance)


class PoliceVisitCreateView(SafetySubjectFormView):
    model = PoliceVisit
    action = "add"
    subject_model = PoliceOfficer
    form_class = PoliceVisitForm
    title = "登记下社区记录"
    success_message = "下社区记录已登记。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        return {"date": timezone.localdate()}

    def perform(self, form):
        police_visit_save(actor=self.request.user, officer=self.subject, visit=form.save(commit=False))


class PoliceVisitUpdateView(SafetyUpdateView):
    model = PoliceVisit
    form_class = PoliceVisitForm

    def save(self, form, *, instance, m2m):
        return police_visit_save(actor=self.request.user, officer=instance.officer, visit=instance)


#
# Legal education
#


class LegalEducationSessionListView(SafetyListView):
    model = LegalEducationSession
    filterset_class = LegalEducationSessionFilter
    template_name = "safety/legaleducationsession_list.html"
    list_select_related = ("community",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, start, end = _year_period(self.request)
        end = min(end, max(timezone.localdate(), start))
        context["year"] = year
        context["figures"] = legal_education_figures(communities=_communities(self.request.user), start=start, end=end)
        return context


class LegalEducationSessionDetailView(SafetyDetailView):
    model = LegalEducationSession
    template_name = "safety/legaleducationsession_detail.html"


class LegalEducationSessionCreateView(SafetyCreateView):
    model = LegalEducationSession
    form_class = LegalEducationSessionForm

    def save(self, form, *, instance, m2m):
        return legal_education_session_save(actor=self.request.user, session=instance)


class LegalEducationSessionUpdateView(SafetyUpdateView):
    model = LegalEducationSession
    form_class = LegalEducationSessionForm

    def save(self, form, *, instance, m2m):
        return legal_education_session_save(actor=self.request.user, session=instance)


#
# Hazard inspections
#


class InspectionTargetListView(SafetyListView):
    model = InspectionTarget
    filterset_class = InspectionTargetFilter
    template_name = "safety/inspectiontarget_list.html"
    list_select_related = ("community", "group")

    def get_queryset(self):
        return super().get_queryset().annotate(last_inspected_on=Max("inspections__date"))


class InspectionTargetDetailView(SafetyDetailView):
    model = InspectionTarget
    template_name = "safety/inspectiontarget_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "resident_unit", "rental")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["inspections"] = self.object.inspections.all()[:24]
        context["today"] = timezone.localdate()
        context["can_inspect"] = self.request.user.has_perm("safety.add_inspection")
        return context


class InspectionTargetCreateView(SafetyCreateView):
    model = InspectionTarget
    form_class = InspectionTargetForm

    def save(self, form, *, instance, m2m):
        return inspection_target_save(actor=self.request.user, target=instance)


class InspectionTargetUpdateView(SafetyUpdateView):
    model = InspectionTarget
    form_class = InspectionTargetForm

    def save(self, form, *, instance, m2m):
        return inspection_target_save(actor=self.request.user, target=instance)


class InspectionListView(SafetyListView):
    model = Inspection
    filterset_class = InspectionFilter
    template_name = "safety/inspection_list.html"
    list_select_related = ("community", "target", "group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class InspectionDetailView(SafetyDetailView):
    model = Inspection
    template_name = "safety/inspection_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "target", "group").prefetch_related("inspectors")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context["state"] = self.object.hazard_state(context["today"])
        return context


class InspectionCreateView(SafetySubjectFormView):
    model = Inspection
    action = "add"
    subject_model = InspectionTarget
    form_class = InspectionForm
    title = "登记检查"
    success_message = "检查记录已登记。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        return {
            "date": timezone.localdate(),
            "inspectors": [self.request.user] if self.request.user.community_id else [],
        }

    def perform(self, form):
        return inspection_record(
            actor=self.request.user,
            target=self.subject,
            inspection=form.save(commit=False),
            inspectors=form.cleaned_data["inspectors"],
        )


class InspectionUpdateView(SafetyUpdateView):
    model = Inspection
    form_class = InspectionForm

    def save(self, form, *, instance, m2m):
        return inspection_update(actor=self.request.user, inspection=instance, inspectors=m2m.get("inspectors", ()))


class InspectionRectifyView(SafetySubjectFormView):
    model = Inspection
    action = "change"
    subject_model = Inspection
    form_class = RectifyForm
    title = "整改完成"
    success_message = "隐患已整改完成。"

    def get_initial(self):
        return {"rectified_on": timezone.localdate()}

    def perform(self, form):
        return inspection_rectify(actor=self.request.user, inspection=self.subject, **form.cleaned_data)


class InspectionEscalateView(SafetySubjectFormView):
    model = Inspection
    action = "change"
    subject_model = Inspection
    form_class = EscalateForm
    title = "上报隐患"
    success_message = "隐患已上报。"

    def get_initial(self):
        return {"escalated_on": timezone.localdate()}

    def perform(self, form):
        return inspection_escalate(actor=self.request.user, inspection=self.subject, **form.cleaned_data)


class InspectionOverdueView(SafetyAccessMixin, LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """逾期清单: targets not yet inspected in their current period, and hazards past their deadline."""

    permission_required = "safety.view_inspection"
    template_name = "safety/inspection_overdue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["overdue"] = inspection_overdue(
            targets=InspectionTarget.objects.visible_to(user),
            inspections=Inspection.objects.visible_to(user),
            today=timezone.localdate(),
        )
        context["can_inspect"] = user.has_perm("safety.add_inspection")
        return context


#
# Incidents
#


class IncidentListView(SafetyListView):
    model = Incident
    filterset_class = IncidentFilter
    template_name = "safety/incident_list.html"
    list_select_related = ("community", "group")

    def get_queryset(self):
        return super().get_queryset().annotate(person_count=Count("persons"))


class IncidentDetailView(SensitiveRecordMixin, SafetyDetailView):
    """An incident: a sensitive record when persons are involved (a purpose is asked, every view logged)."""

    model = Incident
    template_name = "safety/incident_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group").prefetch_related("persons")

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        if not obj.persons.exists():
            return SafetyDetailView.get(self, request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        minors = {person.pk for person in self.object.minors()}
        context["persons"] = [
            (person, person.pk in minors, person.age_on(self.object.date)) for person in self.object.persons.all()
        ]
        return context


class IncidentCreateView(SafetyCreateView):
    model = Incident
    form_class = IncidentForm
    success_message = "事件已登记。"

    def save(self, form, *, instance, m2m):
        return incident_save(actor=self.request.user, incident=instance, persons=m2m.get("persons", ()))


class IncidentUpdateView(SafetyUpdateView):
    model = Incident
    form_class = IncidentForm

    def save(self, form, *, instance, m2m):
        return incident_save(actor=self.request.user, incident=instance, persons=m2m.get("persons", ()))


class IncidentCloseView(SafetySubjectFormView):
    model = Incident
    action = "change"
    subject_model = Incident
    form_class = IncidentCloseForm
    title = "办结"
    success_message = "事件已办结。"

    def perform(self, form):
        return incident_close(actor=self.request.user, incident=self.subject, outcome=form.cleaned_data["outcome"])


class IncidentYearView(SafetyAccessMixin, LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """年度事件统计: the year's incidents by kind, and the head's "none" sign-offs (confirm with POST)."""

    permission_required = "safety.view_incident"
    template_name = "safety/incident_year.html"

    @cached_property
    def year(self) -> int:
        return self.kwargs.get("year") or timezone.localdate().year

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        community = user.community if user.community_id else None
        counts = incident_counts(
            community=community,
            communities=None if community or user.is_superuser else Community.objects.visible_to(user),
            year=self.year,
        )
        confirmations = (
            {
                confirmation.kind: confirmation
                for confirmation in IncidentYearConfirmation.objects.visible_to(user)
                .filter(year=self.year, community=community)
                .select_related("confirmed_by")
            }
            if community
            else {}
        )
        context.update(
            year=self.year,
            rows=[(row, confirmations.get(row.kind)) for row in counts.values()],
            years=range(timezone.localdate().year, timezone.localdate().year - 5, -1),
            can_confirm=community is not None
            and can_confirm_year(user)
            and user.has_perm("safety.add_incidentyearconfirmation")
            and self.year <= timezone.localdate().year,
            form=kwargs.get("form") or YearConfirmForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("safety.add_incidentyearconfirmation"):
            return self.handle_no_permission()
        form = YearConfirmForm(request.POST)
        if form.is_valid():
            try:
                confirmation = incident_year_confirm(
                    actor=request.user, year=self.year, kind=form.cleaned_data["kind"], note=form.cleaned_data["note"]
                )
            except (ValidationError, PermissionDenied) as error:
                for message in getattr(error, "messages", [str(error)]):
                    messages.error(request, message)
            else:
                messages.success(request, f"已确认{confirmation}。")
        else:
            messages.error(request, "请选择事件类别。")
        return redirect(reverse("safety:incident_year", kwargs={"year": self.year}))


#
# Petitions
#


class PetitionListView(SafetyListView):
    model = Petition
    filterset_class = PetitionFilter
    template_name = "safety/petition_list.html"
    list_select_related = ("community",)


class PetitionDetailView(SensitiveRecordMixin, SafetyDetailView):
    model = Petition
    template_name = "safety/petition_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("community", "group", "receptionist", "dispute_case")
            .prefetch_related("petitioners")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["steps"] = self.object.steps.select_related("recorded_by")
        return context


class PetitionCreateView(SafetyCreateView):
    model = Petition
    form_class = PetitionForm
    success_message = "信访件已受理。"

    def save(self, form, *, instance, m2m):
        return petition_receive(actor=self.request.user, petition=instance, petitioners=m2m.get("petitioners", ()))


class PetitionUpdateView(SafetyUpdateView):
    model = Petition
    form_class = PetitionForm

    def save(self, form, *, instance, m2m):
        return petition_update(actor=self.request.user, petition=instance, petitioners=m2m.get("petitioners", ()))


class PetitionStepCreateView(SafetySubjectFormView):
    model = Petition
    action = "change"
    subject_model = Petition
    form_class = PetitionStepForm
    title = "登记办理过程"
    success_message = "办理过程已登记。"

    def get_initial(self):
        return {"date": timezone.localdate()}

    def perform(self, form):
        petition_step_add(actor=self.request.user, petition=self.subject, **form.cleaned_data)


class PetitionCloseView(SafetySubjectFormView):
    model = Petition
    action = "change"
    subject_model = Petition
    form_class = PetitionCloseForm
    title = "办结"
    success_message = "信访件已办结。"

    def get_initial(self):
        return {"closed_on": timezone.localdate()}

    def perform(self, form):
        return petition_close(actor=self.request.user, petition=self.subject, **form.cleaned_data)


class PetitionTransferView(SafetySubjectFormView):
    model = Petition
    action = "change"
    subject_model = Petition
    form_class = PetitionTransferForm
    title = "转交"
    success_message = "信访件已转交。"

    def get_initial(self):
        return {"on": timezone.localdate()}

    def perform(self, form):
        return petition_transfer(actor=self.request.user, petition=self.subject, **form.cleaned_data)
