"""Pages of 社会救助·福利: programmes, enrolments (with their steps and the overdue-review list),
distribution batches (build, edit, submit, approve, pay, correct, the signature sheet, totals per
programme and month), donation campaigns and assistance pairs."""

from __future__ import annotations

import datetime
import os
import tempfile

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from governance.excel import export_register
from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from governance.models import Community
from residents.models import VIEW_FULL_ID, Person
from services.filters.welfare import (
    AssistancePairFilter,
    DistributionBatchFilter,
    DonationCampaignFilter,
    WelfareEnrolmentFilter,
    WelfareProgrammeFilter,
)
from services.forms.welfare import (
    AssistancePairForm,
    AssistanceVisitForm,
    BatchApproveForm,
    BatchBuildForm,
    BatchCorrectForm,
    BatchReturnForm,
    ConfirmForm,
    DistributionBatchForm,
    DonationCampaignForm,
    DonationForm,
    EnrolmentReviewForm,
    EnrolmentStepForm,
    EnrolmentStopForm,
    LineAddForm,
    LineAmountForm,
    PaymentForm,
    WelfareEnrolmentEditForm,
    WelfareEnrolmentForm,
    WelfareProgrammeForm,
)
from services.models.welfare import (
    AssistancePair,
    AssistanceVisit,
    BatchStatus,
    DistributionBatch,
    DistributionLine,
    Donation,
    DonationCampaign,
    DonationKind,
    EnrolmentStatus,
    WelfareEnrolment,
    WelfareProgramme,
)
from services.resources.welfare import DistributionSheetExcel
from services.selectors.welfare import enrolment_counts, payments_by_programme_month, payments_total
from services.services.welfare import (
    APPROVE_PERMISSION,
    batch_approve,
    batch_build_from_enrolments,
    batch_build_from_rule,
    batch_correct,
    batch_create,
    batch_mark_all_paid,
    batch_return,
    batch_submit,
    batch_update,
    campaign_save,
    donation_add,
    enrolment_advance,
    enrolment_apply,
    enrolment_review,
    enrolment_stop,
    enrolment_update,
    line_add,
    line_mark_paid,
    line_remove,
    line_set_amount,
    next_step,
    pair_save,
    programme_save,
    visit_add,
)

#
# Programmes
#


class WelfareProgrammeListView(RegisterListView):
    model = WelfareProgramme
    filterset_class = WelfareProgrammeFilter
    template_name = "services/welfareprogramme_list.html"
    list_select_related = ("community",)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(active_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ACTIVE)))
        )


class WelfareProgrammeDetailView(RegisterDetailView):
    model = WelfareProgramme
    template_name = "services/welfareprogramme_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.object
        user = self.request.user
        today = timezone.localdate()
        counts = enrolment_counts(community=programme.community, on=today)
        context["today"] = today
        context["counts"] = next((c for c in counts if c.programme_id == programme.pk), None)
        context["status_counts"] = (
            WelfareEnrolment.objects.visible_to(user)
            .filter(programme=programme)
            .values("status")
            .annotate(n=Count("pk"))
            .order_by("status")
        )
        labels = dict(EnrolmentStatus.choices)
        context["status_counts"] = [
            (labels[row["status"]], row["n"], row["status"]) for row in context["status_counts"]
        ]
        context["batches"] = DistributionBatch.objects.visible_to(user).filter(programme=programme)[:24]
        return context


class WelfareProgrammeCreateView(RegisterCreateView):
    model = WelfareProgramme
    form_class = WelfareProgrammeForm
    success_message = "救助福利项目已添加。"

    def save(self, form, *, instance, m2m):
        return programme_save(actor=self.request.user, programme=instance)


class WelfareProgrammeUpdateView(RegisterUpdateView):
    model = WelfareProgramme
    form_class = WelfareProgrammeForm

    def save(self, form, *, instance, m2m):
        return programme_save(actor=self.request.user, programme=instance)


#
# Enrolments
#


def _with_head_name(queryset):
    """Annotate ``head_name``: the 户主 of an enrolled household, in the same query."""
    heads = Person.objects.filter(household=OuterRef("household"), relation="head", status="active")
    return queryset.annotate(head_name=Subquery(heads.values("name")[:1]))


class WelfareEnrolmentListView(RegisterListView):
    model = WelfareEnrolment
    filterset_class = WelfareEnrolmentFilter
    template_name = "services/welfareenrolment_list.html"
    list_select_related = ("community", "programme", "person", "household", "group")

    def get_queryset(self):
        return _with_head_name(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["today"] = today
        context["overdue_count"] = WelfareEnrolment.objects.visible_to(self.request.user).review_overdue(today).count()
        return context


class WelfareEnrolmentOverdueView(RegisterListView):
    """在保 enrolments whose review (复核) is overdue, the longest overdue first."""

    model = WelfareEnrolment
    filterset_class = WelfareEnrolmentFilter
    template_name = "services/welfareenrolment_overdue.html"
    list_select_related = ("community", "programme", "person", "household", "group")

    def get_queryset(self):
        queryset = super().get_queryset().review_overdue(timezone.localdate())
        return _with_head_name(queryset).order_by("next_review_on", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["today"] = today
        for enrolment in context["object_list"]:
            enrolment.overdue_days = (today - enrolment.next_review_on).days
        return context


class WelfareEnrolmentDetailView(RegisterDetailView):
    model = WelfareEnrolment
    template_name = "services/welfareenrolment_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "programme", "person", "household")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolment = self.object
        can_change = context["can_change"]
        step = next_step(enrolment)
        context["next_step"] = step[0].label if step else None
        context["can_advance"] = can_change and step is not None
        context["can_stop"] = can_change and enrolment.status != EnrolmentStatus.STOPPED
        context["can_review"] = can_change and enrolment.status == EnrolmentStatus.ACTIVE
        context["today"] = timezone.localdate()
        recipient = Q(person=enrolment.person) if enrolment.person_id else Q(household=enrolment.household)
        context["lines"] = (
            DistributionLine.objects.visible_to(self.request.user)
            .filter(Q(enrolment=enrolment) | (recipient & Q(batch__programme=enrolment.programme)))
            .filter(batch__status=BatchStatus.APPROVED)
            .select_related("batch")
            .order_by("-batch__period")[:24]
        )
        return context


class WelfareEnrolmentCreateView(RegisterCreateView):
    model = WelfareEnrolment
    form_class = WelfareEnrolmentForm
    success_message = "已登记申报。"

    def get_initial(self):
        initial = super().get_initial()
        programme = self.request.GET.get("programme")
        if programme and programme.isdigit():
            initial["programme"] = programme
        return initial

    def save(self, form, *, instance, m2m):
        return enrolment_apply(actor=self.request.user, enrolment=instance)


class WelfareEnrolmentUpdateView(RegisterUpdateView):
    model = WelfareEnrolment
    form_class = WelfareEnrolmentEditForm

    def save(self, form, *, instance, m2m):
        return enrolment_update(actor=self.request.user, enrolment=instance)


class _EnrolmentAction(SubjectFormView):
    model = WelfareEnrolment
    action = "change"
    subject_model = WelfareEnrolment


class WelfareEnrolmentAdvanceView(_EnrolmentAction):
    form_class = EnrolmentStepForm
    success_message = "已进入下一步。"

    @property
    def title(self):
        step = next_step(self.subject)
        return f"进入「{step[0].label}」" if step else "下一步"

    def form_kwargs(self):
        step = next_step(self.subject)
        return {"final": step is not None and step[0] == EnrolmentStatus.ACTIVE}

    def perform(self, form):
        data = form.cleaned_data
        enrolment_advance(
            actor=self.request.user,
            enrolment=self.subject,
            on=data["on"],
            note=data.get("note", ""),
            approving_body=data.get("approving_body", ""),
        )


class WelfareEnrolmentStopView(_EnrolmentAction):
    form_class = EnrolmentStopForm
    title = "停保"
    success_message = "已停保。"

    def perform(self, form):
        data = form.cleaned_data
        enrolment_stop(actor=self.request.user, enrolment=self.subject, on=data["on"], reason=data["reason"])


class WelfareEnrolmentReviewView(_EnrolmentAction):
    form_class = EnrolmentReviewForm
    title = "复核"
    success_message = "复核已登记。"

    def perform(self, form):
        data = form.cleaned_data
        enrolment_review(actor=self.request.user, enrolment=self.subject, on=data["on"], note=data.get("note", ""))


#
# Distribution batches
#


class DistributionBatchListView(RegisterListView):
    model = DistributionBatch
    filterset_class = DistributionBatchFilter
    template_name = "services/distributionbatch_list.html"
    list_select_related = ("community", "programme", "prepared_by", "approved_by")


class DistributionBatchDetailView(RegisterDetailView):
    model = DistributionBatch
    template_name = "services/distributionbatch_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("community", "programme", "prepared_by", "submitted_by", "approved_by", "corrects")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = self.object
        user = self.request.user
        lines = list(batch.lines.select_related("person__household", "household").order_by("household_number", "pk"))
        full_ids = user.has_perm(VIEW_FULL_ID)
        rows = []
        for line in lines:
            if batch.is_draft:
                line.refresh_snapshot()
            rows.append((line, line.id_number if full_ids else _mask(line.id_number)))
        context["rows"] = rows
        context["paid_count"] = sum(1 for line in lines if line.paid_on)
        context["paid_amount"] = sum((line.amount for line in lines if line.paid_on), start=0)
        context["draft_total"] = sum((line.amount for line in lines), start=0)
        can_change = user.has_perm("services.change_distributionbatch")
        can_approve = user.has_perm(APPROVE_PERMISSION)
        context["can_edit_list"] = batch.is_draft and can_change
        context["can_submit"] = batch.is_draft and can_change and bool(lines)
        context["can_approve"] = batch.status == BatchStatus.SUBMITTED and can_approve
        context["own_batch"] = user.pk in (batch.prepared_by_id, batch.submitted_by_id)
        context["can_pay"] = (
            batch.is_approved
            and user.has_perm("services.change_distributionline")
            and context["paid_count"] < len(lines)
        )
        context["can_correct"] = batch.is_approved and user.has_perm("services.add_distributionbatch")
        context["can_export"] = user.has_perms(DistributionSheetExcel.export_permissions())
        context["corrections"] = DistributionBatch.objects.visible_to(user).filter(corrects=batch)
        return context


def _mask(number: str) -> str:
    from residents.validators import mask_id_number

    return mask_id_number(number) if number else ""


class DistributionBatchCreateView(RegisterCreateView):
    model = DistributionBatch
    form_class = DistributionBatchForm
    success_message = "发放批次已新建,请生成发放名单。"

    def get_initial(self):
        initial = super().get_initial()
        initial["period"] = timezone.localdate().replace(day=1)
        return initial

    def save(self, form, *, instance, m2m):
        return batch_create(actor=self.request.user, batch=instance)


class DistributionBatchUpdateView(RegisterUpdateView):
    model = DistributionBatch
    form_class = DistributionBatchForm

    def save(self, form, *, instance, m2m):
        return batch_update(actor=self.request.user, batch=instance)


class _BatchAction(SubjectFormView):
    model = DistributionBatch
    action = "change"
    subject_model = DistributionBatch
    form_class = ConfirmForm


class DistributionBatchBuildView(_BatchAction):
    form_class = BatchBuildForm
    title = "生成发放名单"
    success_message = "发放名单已生成。"

    def form_kwargs(self):
        return {"user": self.request.user, "batch": self.subject}

    def perform(self, form):
        data = form.cleaned_data
        if data["source"] == "rule":
            batch_build_from_rule(
                actor=self.request.user,
                batch=self.subject,
                on=data["on"],
                category=data.get("category"),
                min_age=data.get("min_age"),
            )
        else:
            batch_build_from_enrolments(actor=self.request.user, batch=self.subject)


class DistributionBatchSubmitView(_BatchAction):
    title = "提交审批(锁定名单和金额)"
    success_message = "已提交审批,名单和金额已锁定。"

    def perform(self, form):
        batch_submit(actor=self.request.user, batch=self.subject)


class DistributionBatchApproveView(_BatchAction):
    permission_required = APPROVE_PERMISSION
    form_class = BatchApproveForm
    title = "审批"
    success_message = "批次已审批。"

    def perform(self, form):
        batch_approve(actor=self.request.user, batch=self.subject, on=form.cleaned_data["on"])


class DistributionBatchReturnView(_BatchAction):
    permission_required = APPROVE_PERMISSION
    form_class = BatchReturnForm
    title = "退回修改"
    success_message = "已退回制表人修改。"

    def perform(self, form):
        batch_return(actor=self.request.user, batch=self.subject, reason=form.cleaned_data["reason"])


class DistributionBatchPayView(SubjectFormView):
    model = DistributionLine
    action = "change"
    subject_model = DistributionBatch
    form_class = PaymentForm
    title = "全部签领"
    success_message = "已登记签领。"

    def perform(self, form):
        data = form.cleaned_data
        count = batch_mark_all_paid(
            actor=self.request.user, batch=self.subject, paid_on=data["paid_on"], method=data["method"]
        )
        self.success_message = f"已登记{count}人/户签领。"


class DistributionBatchCorrectView(SubjectFormView):
    model = DistributionBatch
    action = "add"
    subject_model = DistributionBatch
    form_class = BatchCorrectForm
    title = "新建更正批次"
    success_message = "更正批次已新建(草稿),名单复制自原批次,请修改后提交审批。"

    def perform(self, form):
        return batch_correct(actor=self.request.user, batch=self.subject, title=form.cleaned_data["title"])


class DistributionLineAddView(SubjectFormView):
    model = DistributionLine
    action = "add"
    subject_model = DistributionBatch
    form_class = LineAddForm
    title = "加入发放名单"
    success_message = "已加入名单。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        line_add(
            actor=self.request.user,
            batch=self.subject,
            person=data.get("person"),
            household=data.get("household"),
            amount=data.get("amount"),
        )


class _LineAction(SubjectFormView):
    model = DistributionLine
    action = "change"
    subject_model = DistributionLine

    def get_success_url(self, result=None):
        return self.subject.batch.get_absolute_url()


class DistributionLineAmountView(_LineAction):
    form_class = LineAmountForm
    title = "修改金额"
    success_message = "金额已修改。"

    def get_initial(self):
        return {"amount": self.subject.amount}

    def perform(self, form):
        line_set_amount(actor=self.request.user, line=self.subject, amount=form.cleaned_data["amount"])


class DistributionLineRemoveView(_LineAction):
    form_class = ConfirmForm
    title = "移出名单"
    success_message = "已移出名单。"

    def perform(self, form):
        line_remove(actor=self.request.user, line=self.subject)


class DistributionLinePayView(_LineAction):
    form_class = PaymentForm
    title = "登记签领"
    success_message = "已登记签领。"

    def perform(self, form):
        data = form.cleaned_data
        line_mark_paid(actor=self.request.user, line=self.subject, paid_on=data["paid_on"], method=data["method"])


class DistributionBatchSheetView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """GET → the batch's bank/signature sheet (签领表) as .xlsx: 户号, 户主/姓名, 证件号码 (masked unless the user
    may see it), 金额, 发放方式, 签领日期 and an empty 签领 column; logged like every export."""

    def get_permission_required(self):
        return DistributionSheetExcel.export_permissions()

    def get(self, request, pk):
        batch = get_object_or_404(DistributionBatch.objects.visible_to(request.user), pk=pk)
        register = DistributionSheetExcel(community=batch.community, user=request.user, batch=batch)
        file_name = f"{batch.community.name}-{batch.number}{batch.title}-签领表.xlsx".replace("/", "-")
        handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="linli-sheet-")
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


class DistributionTotalsView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """What approved batches paid, per programme and month of a year (报告 四(三))."""

    permission_required = "services.view_distributionbatch"
    template_name = "services/distribution_totals.html"

    @cached_property
    def year(self) -> int:
        text = self.request.GET.get("year", "")
        return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.year
        communities = Community.objects.visible_to(self.request.user)
        figures = payments_by_programme_month(
            communities=communities, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31)
        )
        programmes: dict[str, dict] = {}
        for figure in figures:
            row = programmes.setdefault(figure.programme, {"months": {}, "amount": 0, "recipients": 0})
            row["months"][figure.month.month] = figure
            row["amount"] += figure.amount
            row["recipients"] += figure.recipients
        months = list(range(1, 13))
        context["year"] = year
        context["months"] = months
        context["table"] = [
            (name, [row["months"].get(month) for month in months], row["amount"], row["recipients"])
            for name, row in sorted(programmes.items())
        ]
        context["month_totals"] = [
            sum((f.amount for f in figures if f.month.month == month), start=0) or None for month in months
        ]
        context["total"] = payments_total(figures)
        context["years"] = range(timezone.localdate().year, timezone.localdate().year - 5, -1)
        return context


#
# Donations
#


class DonationCampaignListView(RegisterListView):
    model = DonationCampaign
    filterset_class = DonationCampaignFilter
    template_name = "services/donationcampaign_list.html"
    list_select_related = ("community",)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                donation_count=Count("donations"),
                money=Sum("donations__amount", filter=Q(donations__kind=DonationKind.MONEY)),
                goods_value=Sum("donations__amount", filter=Q(donations__kind=DonationKind.GOODS)),
            )
        )


class DonationCampaignDetailView(RegisterDetailView):
    model = DonationCampaign
    template_name = "services/donationcampaign_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        donations = list(
            Donation.objects.visible_to(self.request.user)
            .filter(campaign=self.object)
            .select_related("donor_person", "donor_unit")
            .order_by("-donated_on", "pk")
        )
        context["donations"] = donations
        context["money"] = sum((d.amount for d in donations if d.kind == DonationKind.MONEY), start=0)
        context["goods_value"] = sum((d.amount for d in donations if d.kind == DonationKind.GOODS), start=0)
        context["can_add_donation"] = self.request.user.has_perm("services.add_donation")
        return context


class DonationCampaignCreateView(RegisterCreateView):
    model = DonationCampaign
    form_class = DonationCampaignForm
    success_message = "募捐活动已添加。"

    def save(self, form, *, instance, m2m):
        return campaign_save(actor=self.request.user, campaign=instance)


class DonationCampaignUpdateView(RegisterUpdateView):
    model = DonationCampaign
    form_class = DonationCampaignForm

    def save(self, form, *, instance, m2m):
        return campaign_save(actor=self.request.user, campaign=instance)


class DonationCreateView(SubjectFormView):
    model = Donation
    action = "add"
    subject_model = DonationCampaign
    form_class = DonationForm
    title = "登记捐赠"
    success_message = "捐赠已登记。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        donation_add(actor=self.request.user, campaign=self.subject, donation=form.save(commit=False))


#
# Assistance pairs
#


class AssistancePairListView(RegisterListView):
    model = AssistancePair
    filterset_class = AssistancePairFilter
    template_name = "services/assistancepair_list.html"
    list_select_related = ("community", "group", "helper_user", "helper_person", "helped_person", "helped_household")

    def get_queryset(self):
        return super().get_queryset().annotate(visit_count=Count("visits"))


class AssistancePairDetailView(RegisterDetailView):
    model = AssistancePair
    template_name = "services/assistancepair_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("community", "group", "helper_user", "helper_person", "helped_person", "helped_household")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["visits"] = self.object.visits.select_related("recorded_by")
        context["can_add_visit"] = self.request.user.has_perm("services.add_assistancevisit")
        return context


class AssistancePairCreateView(RegisterCreateView):
    model = AssistancePair
    form_class = AssistancePairForm
    success_message = "结对帮扶已登记。"

    def save(self, form, *, instance, m2m):
        return pair_save(actor=self.request.user, pair=instance)


class AssistancePairUpdateView(RegisterUpdateView):
    model = AssistancePair
    form_class = AssistancePairForm

    def save(self, form, *, instance, m2m):
        return pair_save(actor=self.request.user, pair=instance)


class AssistanceVisitCreateView(SubjectFormView):
    model = AssistanceVisit
    action = "add"
    subject_model = AssistancePair
    form_class = AssistanceVisitForm
    title = "登记走访"
    success_message = "走访已登记。"

    def perform(self, form):
        data = form.cleaned_data
        visit_add(
            actor=self.request.user,
            pair=self.subject,
            visited_on=data["visited_on"],
            content=data["content"],
            aid=data.get("aid", ""),
            aid_value=data.get("aid_value"),
        )
