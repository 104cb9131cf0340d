"""Pages of 帮教, 社区矫正 and the key persons' visit tasks.

Every page answers 404 to a signed-in user without the permission (``SafetyAccessMixin``); detail
pages ask for a purpose and log every view (``SensitiveRecordMixin``). Lists show a name, a number,
dates and a status, never the offence.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView

from governance.generic_views import RegisterViewMixin, add_service_errors
from safety.filters.care import CareRuleFilter, CareTaskFilter, CorrectionCaseFilter, RehabCaseFilter
from safety.forms.care import (
    CareRuleForm,
    CareTaskCompleteForm,
    CareTaskGenerateForm,
    CorrectionCaseForm,
    CorrectionCheckInForm,
    CorrectionEndForm,
    CorrectionViolationForm,
    RehabCaseForm,
    RehabEndForm,
    RehabTeamMemberForm,
    RehabVisitForm,
    ReoffenceForm,
)
from safety.models.care import (
    CareRule,
    CareTask,
    CorrectionCase,
    CorrectionCheckIn,
    CorrectionViolation,
    RehabCase,
    RehabTeamMember,
    RehabVisit,
)
from safety.services.care import (
    care_rule_save,
    care_task_complete,
    care_tasks_generate,
    correction_case_end,
    correction_case_open,
    correction_checkin_record,
    correction_violation_record,
    rehab_case_end,
    rehab_case_open,
    rehab_reoffence_record,
    rehab_team_member_add,
    rehab_visit_record,
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
# 帮教
#


class RehabCaseListView(SafetyListView):
    model = RehabCase
    filterset_class = RehabCaseFilter
    template_name = "safety/rehabcase_list.html"
    list_select_related = ("community", "person", "responsible")
    heading = ""

    def get_queryset(self):
        return super().get_queryset().with_last_visit()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(today=timezone.localdate(), heading=self.heading, **kwargs)
        for case in context["object_list"]:
            case.next_due = case.next_visit_due(case.last_visit_on) if case.is_active else None
        return context


class RehabCaseOverdueListView(RehabCaseListView):
    """帮教中 cases with no visit within their interval (每月 / 每季度) before today."""

    heading = "帮教走访逾期"

    def get_queryset(self):
        return (
            RehabCase.objects.visible_to(self.request.user)
            .visits_overdue_on(timezone.localdate())
            .select_related(*self.list_select_related)
            .order_by("visit_anchor", "id")
        )


class RehabCaseDetailView(SensitiveRecordMixin, SafetyDetailView):
    model = RehabCase
    template_name = "safety/rehabcase_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("community", "group", "person", "responsible")
            .prefetch_related(
                Prefetch("team", queryset=RehabTeamMember.objects.select_related("user", "person")),
                Prefetch("visits", queryset=RehabVisit.objects.select_related("recorded_by")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        visits = list(case.visits.all())
        context["visits"] = visits
        context["next_visit_due"] = case.next_visit_due(visits[0].visited_on if visits else None)
        context["today"] = timezone.localdate()
        return context


class RehabCaseCreateView(SafetyCreateView):
    model = RehabCase
    form_class = RehabCaseForm
    success_message = "帮教台账已建立。"

    def save(self, form, *, instance, m2m):
        return rehab_case_open(actor=self.request.user, case=instance)


class RehabCaseUpdateView(SafetyUpdateView):
    model = RehabCase
    form_class = RehabCaseForm


class RehabSubjectView(SafetySubjectFormView):
    subject_model = RehabCase

    def form_kwargs(self):
        return {"user": self.request.user}


class RehabVisitCreateView(RehabSubjectView):
    model = RehabVisit
    action = "add"
    form_class = RehabVisitForm
    title = "记录谈话走访"
    success_message = "走访已记录。"

    def perform(self, form):
        rehab_visit_record(actor=self.request.user, case=self.subject, visit=form.save(commit=False))


class RehabTeamMemberCreateView(RehabSubjectView):
    model = RehabTeamMember
    action = "add"
    form_class = RehabTeamMemberForm
    title = "增加帮教小组成员"
    success_message = "帮教小组成员已增加。"

    def perform(self, form):
        rehab_team_member_add(actor=self.request.user, case=self.subject, member=form.save(commit=False))


class RehabCaseEndView(SafetySubjectFormView):
    model = RehabCase
    action = "change"
    subject_model = RehabCase
    form_class = RehabEndForm
    title = "结束帮教"
    success_message = "帮教已结束。"

    def perform(self, form):
        data = form.cleaned_data
        rehab_case_end(
            actor=self.request.user, case=self.subject, status=data["status"], on=data["on"], note=data["note"]
        )


class RehabReoffenceView(SafetySubjectFormView):
    model = RehabCase
    action = "change"
    subject_model = RehabCase
    form_class = ReoffenceForm
    title = "登记重新犯罪"
    success_message = "已登记重新犯罪,帮教结束。"

    def perform(self, form):
        data = form.cleaned_data
        rehab_reoffence_record(actor=self.request.user, case=self.subject, on=data["on"], note=data["note"])


#
# 社区矫正
#


class CorrectionCaseListView(SafetyListView):
    model = CorrectionCase
    filterset_class = CorrectionCaseFilter
    template_name = "safety/correctioncase_list.html"
    list_select_related = ("community", "person", "responsible")
    heading = ""

    def get_queryset(self):
        return super().get_queryset().with_last_checkin().annotate(violation_count=Count("violations", distinct=True))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(today=timezone.localdate(), heading=self.heading, **kwargs)
        for case in context["object_list"]:
            case.next_due = case.next_checkin_due(case.last_checkin_on) if case.is_active else None
        return context


class CorrectionCaseOverdueListView(CorrectionCaseListView):
    """矫正中 cases with no check-in within their reporting interval before today."""

    heading = "矫正报到逾期"

    def get_queryset(self):
        return (
            CorrectionCase.objects.visible_to(self.request.user)
            .checkins_overdue_on(timezone.localdate())
            .annotate(violation_count=Count("violations", distinct=True))
            .select_related(*self.list_select_related)
            .order_by("checkin_anchor", "id")
        )


class CorrectionCaseDetailView(SensitiveRecordMixin, SafetyDetailView):
    model = CorrectionCase
    template_name = "safety/correctioncase_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("community", "group", "person", "responsible")
            .prefetch_related(
                Prefetch("checkins", queryset=CorrectionCheckIn.objects.select_related("recorded_by")),
                Prefetch("violations", queryset=CorrectionViolation.objects.select_related("recorded_by")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checkins = list(self.object.checkins.all())
        context["checkins"] = checkins
        context["next_checkin_due"] = self.object.next_checkin_due(checkins[0].checked_on if checkins else None)
        context["today"] = timezone.localdate()
        return context


class CorrectionCaseCreateView(SafetyCreateView):
    model = CorrectionCase
    form_class = CorrectionCaseForm
    success_message = "已接收社区矫正对象。"

    def save(self, form, *, instance, m2m):
        return correction_case_open(actor=self.request.user, case=instance)


class CorrectionCaseUpdateView(SafetyUpdateView):
    model = CorrectionCase
    form_class = CorrectionCaseForm


class CorrectionSubjectView(SafetySubjectFormView):
    subject_model = CorrectionCase

    def form_kwargs(self):
        return {"user": self.request.user}


class CorrectionCheckInCreateView(CorrectionSubjectView):
    model = CorrectionCheckIn
    action = "add"
    form_class = CorrectionCheckInForm
    title = "记录报到"
    success_message = "报到已记录。"

    def perform(self, form):
        correction_checkin_record(actor=self.request.user, case=self.subject, checkin=form.save(commit=False))


class CorrectionViolationCreateView(CorrectionSubjectView):
    model = CorrectionViolation
    action = "add"
    form_class = CorrectionViolationForm
    title = "登记违规"
    success_message = "违规已登记。"

    def perform(self, form):
        correction_violation_record(actor=self.request.user, case=self.subject, violation=form.save(commit=False))


class CorrectionCaseEndView(SafetySubjectFormView):
    model = CorrectionCase
    action = "change"
    subject_model = CorrectionCase
    form_class = CorrectionEndForm
    title = "解除矫正 / 收监"
    success_message = "矫正已结束。"

    def perform(self, form):
        data = form.cleaned_data
        correction_case_end(
            actor=self.request.user, case=self.subject, status=data["status"], on=data["on"], note=data["note"]
        )


#
# Key persons: rules and visit tasks
#


class CareRuleListView(SafetyListView):
    model = CareRule
    filterset_class = CareRuleFilter
    template_name = "safety/carerule_list.html"
    list_select_related = ("community", "category", "responsible")

    def get_queryset(self):
        return super().get_queryset().annotate(open_tasks=Count("tasks", filter=Q(tasks__done_on__isnull=True)))


class CareRuleCreateView(SafetyCreateView):
    model = CareRule
    form_class = CareRuleForm
    success_message = "走访规则已保存。"

    def save(self, form, *, instance, m2m):
        return care_rule_save(actor=self.request.user, rule=instance)

    def get_success_url(self):
        return reverse("safety:carerule_list")


class CareRuleUpdateView(SafetyUpdateView):
    model = CareRule
    form_class = CareRuleForm
    success_message = "走访规则已保存。"

    def save(self, form, *, instance, m2m):
        return care_rule_save(actor=self.request.user, rule=instance)

    def get_success_url(self):
        return reverse("safety:carerule_list")


class CareTaskListView(SafetyListView):
    model = CareTask
    filterset_class = CareTaskFilter
    template_name = "safety/caretask_list.html"
    list_select_related = ("community", "person", "category", "responsible")
    heading = ""

    def get_queryset(self):
        # Open tasks first (the earliest due on top), then the visits recorded, the latest first.
        return (
            super()
            .get_queryset()
            .with_escalation(timezone.localdate())
            .order_by(F("done_on").desc(nulls_first=True), "due_on", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(heading=self.heading, **kwargs)
        context["can_generate"] = self.request.user.has_perm("safety.add_caretask")
        context["can_supervise"] = self.request.user.has_perm("safety.supervise_caretask")
        return context


class CareTaskSupervisionView(CareTaskListView):
    """督办: open tasks past their due date (黄牌) or past it by more than one interval (红牌督办), the
    reddest and oldest first. For 书记/主任 (``safety.supervise_caretask``)."""

    permission_required = ("safety.supervise_caretask",)
    heading = "走访督办(黄牌 / 红牌)"

    def get_queryset(self):
        return super().get_queryset().escalated_on(timezone.localdate()).order_by("escalate_on", "due_on", "id")


class CareTaskDetailView(SensitiveRecordMixin, SafetyDetailView):
    model = CareTask
    template_name = "safety/caretask_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("community", "group", "person", "category", "rule", "responsible", "done_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["escalation"] = self.object.escalation_on(today)
        context["earlier"] = (
            CareTask.objects.visible_to(self.request.user)
            .filter(person=self.object.person, category=self.object.category)
            .exclude(pk=self.object.pk)
            .select_related("done_by")
            .order_by("-due_on")[:12]
        )
        return context


class CareTaskCompleteView(SafetySubjectFormView):
    model = CareTask
    action = "change"
    subject_model = CareTask
    form_class = CareTaskCompleteForm
    title = "记录走访"
    success_message = "走访已记录,已生成下次走访任务。"

    def perform(self, form):
        data = form.cleaned_data
        task, following = care_task_complete(
            actor=self.request.user, task=self.subject, done_on=data["done_on"], note=data["note"]
        )
        if following is None:
            self.success_message = "走访已记录。"
        return task


class CareTaskGenerateView(SafetyAccessMixin, RegisterViewMixin, FormView):
    """Run the care rules now (the nightly task does the same) for the user's community."""

    model = CareTask
    action = "add"
    form_class = CareTaskGenerateForm
    template_name = "register_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(form_title="按走访规则生成任务", **kwargs)

    def get_form(self, form_class=None):
        from crispy_forms.helper import FormHelper

        form = super().get_form(form_class)
        form.helper = FormHelper()
        form.helper.form_tag = False
        return form

    def form_valid(self, form):
        user = self.request.user
        if not user.community_id:
            form.add_error(None, "请以社区工作人员账号生成本社区的走访任务。")
            return self.form_invalid(form)
        try:
            created = care_tasks_generate(community=user.community, on=form.cleaned_data["on"], actor=user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"已生成{len(created)}项走访任务。" if created else "没有需要生成的走访任务。")
        return redirect("safety:caretask_list")
