"""Pages of the fine rules (罚款规则) and the fine ledger (罚款台账): rules with their versions, the ledger with its
filters, a line with its source and history, 豁免 and 登记缴纳 (书记/主任), 重新计算 a month (书记/主任), and the
monthly statement (月度罚款明细) of everyone or of one person, printable and exported to Excel."""

from __future__ import annotations

import os
import tempfile

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from committee.filters.fines import FineRecordFilter, FineRuleFilter
from committee.forms.fines import (
    FineExemptForm,
    FinePaidForm,
    FineRuleEditForm,
    FineRuleForm,
    FineRuleReviseForm,
    FinesSyncForm,
    parse_month,
)
from committee.models.fines import FineRecord, FineRule, FineStatus
from committee.models.staff import Staff
from committee.resources.meetings import FineStatementExcel
from committee.selectors.fines import fine_statement
from committee.services.fines import (
    EXEMPT_PERMISSION,
    finerecord_exempt,
    finerecord_mark_paid,
    finerule_revise,
    finerule_save,
    fines_sync_by,
)
from committee.views.meetings import page_community
from governance.excel import export_register
from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
    add_service_errors,
)

TEMPLATES = "committee/meetings"


#
# Rules
#


class FineRuleListView(RegisterListView):
    model = FineRule
    filterset_class = FineRuleFilter
    template_name = f"{TEMPLATES}/finerule_list.html"
    list_select_related = ("community",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class FineRuleDetailView(RegisterDetailView):
    model = FineRule
    template_name = f"{TEMPLATES}/finerule_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rule = self.object
        context["versions"] = FineRule.objects.visible_to(self.request.user).filter(
            community=rule.community_id, code=rule.code
        )
        context["records"] = FineRecord.objects.visible_to(self.request.user).filter(rule=rule).count()
        context["in_force"] = rule.in_force_on(timezone.localdate())
        return context


class FineRuleCreateView(RegisterCreateView):
    model = FineRule
    form_class = FineRuleForm
    success_message = "罚款规则已新增。"

    def save(self, form, *, instance, m2m):
        return finerule_save(actor=self.request.user, rule=instance)


class FineRuleUpdateView(RegisterUpdateView):
    model = FineRule
    form_class = FineRuleEditForm

    def save(self, form, *, instance, m2m):
        return finerule_save(actor=self.request.user, rule=instance)


class FineRuleReviseView(SubjectFormView):
    """调整金额: a new version of the rule from a date."""

    model = FineRule
    action = "change"
    subject_model = FineRule
    form_class = FineRuleReviseForm
    title = "调整金额"
    success_message = "已建立新版本;此前发生的罚款仍按原金额。"

    def form_kwargs(self):
        return {"rule": self.subject}

    def perform(self, form):
        data = form.cleaned_data
        return finerule_revise(
            actor=self.request.user,
            rule=self.subject,
            amount=data.get("amount"),
            unit=data["unit"],
            effective_from=data["effective_from"],
        )


#
# Ledger
#


class FineRecordListView(RegisterListView):
    model = FineRecord
    filterset_class = FineRecordFilter
    template_name = f"{TEMPLATES}/finerecord_list.html"
    list_select_related = ("community", "staff", "rule")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["total_due"] = context["filter"].qs.due().aggregate(total=Sum("amount"))["total"] or 0
        context["can_sync"] = self.request.user.has_perm(EXEMPT_PERMISSION) and bool(self.request.user.community_id)
        context["month"] = parse_month(self.request.GET.get("month"), timezone.localdate())
        return context


class FineRecordDetailView(RegisterDetailView):
    model = FineRecord
    template_name = f"{TEMPLATES}/finerecord_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "community", "staff", "rule", "attendance__meeting", "work_attendance", "duty_absence", "exempted_by"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record, user = self.object, self.request.user
        actionable = record.status == FineStatus.RECORDED and not record.is_responsibility
        context["can_act"] = actionable and user.has_perm(EXEMPT_PERMISSION)
        context["own"] = record.staff.user_id is not None and record.staff.user_id == user.pk
        return context


class _HeadAction(SubjectFormView):
    model = FineRecord
    subject_model = FineRecord
    permission_required = EXEMPT_PERMISSION


class FineRecordExemptView(_HeadAction):
    form_class = FineExemptForm
    title = "豁免"
    success_message = "已豁免。"

    def perform(self, form):
        return finerecord_exempt(actor=self.request.user, record=self.subject, reason=form.cleaned_data["reason"])


class FineRecordPayView(_HeadAction):
    form_class = FinePaidForm
    title = "登记缴纳"
    success_message = "已登记缴纳。"

    def get_initial(self):
        return {"paid_on": timezone.localdate()}

    def perform(self, form):
        return finerecord_mark_paid(actor=self.request.user, record=self.subject, paid_on=form.cleaned_data["paid_on"])


class FinesSyncView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """重新计算 a month of the ledger of the head's community (书记/主任)."""

    permission_required = EXEMPT_PERMISSION
    form_class = FinesSyncForm
    template_name = "register_form.html"

    def get_initial(self):
        return {"month": parse_month(self.request.GET.get("month"), timezone.localdate())}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form_title"] = "重新计算罚款台账"
        return context

    def form_valid(self, form):
        community = self.request.user.community
        if community is None:
            raise Http404("请以社区账号重新计算本社区的罚款台账。")
        month = form.cleaned_data["month"]
        try:
            result = fines_sync_by(actor=self.request.user, community=community, month=month)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{month:%Y年%m月}罚款台账已重新计算:{result}")
        return redirect(f"{reverse('committee:finerecord_list')}?month={month:%Y-%m}")


#
# Monthly statement
#


class FineStatementView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """月度罚款明细: everyone serving in the month, with their fines and totals; print-friendly."""

    permission_required = "committee.view_finerecord"
    template_name = f"{TEMPLATES}/fine_statement.html"

    def statement_for(self, community, month):
        return fine_statement(community=community, month=month)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = parse_month(self.request.GET.get("month"), timezone.localdate())
        community = self.get_community()
        context.update(
            month=month,
            community=community,
            statement=self.statement_for(community, month) if community else None,
            excel_url=self.excel_url(month),
        )
        return context

    def get_community(self):
        return page_community(self.request)

    def excel_url(self, month) -> str:
        community = f"&community={self.request.GET['community']}" if self.request.GET.get("community") else ""
        return f"{reverse('committee:fine_statement_xlsx')}?month={month:%Y-%m}{community}"


class FineStatementPersonView(FineStatementView):
    """One person's statement of a month (404 for a staff member outside the user's scope)."""

    template_name = f"{TEMPLATES}/fine_statement.html"

    def get_community(self):
        self.staff = get_object_or_404(Staff.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        return self.staff.community

    def statement_for(self, community, month):
        return fine_statement(community=community, month=month, staff=self.staff)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = self.staff
        return context


class FineStatementExcelView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """GET → the month's statement as .xlsx (logged like every export)."""

    def get_permission_required(self):
        return FineStatementExcel.export_permissions()

    def get(self, request):
        month = parse_month(request.GET.get("month"), timezone.localdate())
        community = page_community(request)
        if community is None:
            raise Http404("没有可导出的社区。")
        register = FineStatementExcel(community=community, user=request.user, month=month)
        file_name = f"{community.name}-{month:%Y年%m月}罚款明细.xlsx"
        handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="linli-fines-")
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
