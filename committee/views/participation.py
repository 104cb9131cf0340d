"""Pages of residents' participation: suggestions with their steps, the overdue list and the monthly
社情民意汇总表 (printable, Excel); disclosures with their items and attachments; democratic evaluations."""

from __future__ import annotations

import datetime
import io

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import TemplateView

from committee.filters.participation import DisclosureFilter, EvaluationFilter, SuggestionFilter
from committee.forms.participation import (
    DisclosureAttachmentForm,
    DisclosureForm,
    DisclosureItemForm,
    EvaluationForm,
    SuggestionAssignForm,
    SuggestionDeclineForm,
    SuggestionForm,
    SuggestionImplementForm,
)
from committee.models.participation import (
    SUGGESTION_OVERDUE_DAYS,
    Disclosure,
    DisclosureAttachment,
    DisclosureItem,
    Evaluation,
    Suggestion,
    SuggestionStatus,
)
from committee.selectors.participation import (
    disclosure_years,
    format_rate,
    satisfaction_year,
    suggestion_month_summary,
    suggestion_year,
)
from committee.services.participation import (
    disclosure_attachment_add,
    disclosure_item_save,
    disclosure_save,
    evaluation_save,
    suggestion_assign,
    suggestion_decline,
    suggestion_implement,
    suggestion_receive,
    suggestion_update,
)
from governance.excel import log_exchange
from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from governance.models import Community

TEMPLATES = "committee/participation"
SUGGESTION_RELATED = ("community", "group", "submitter_person", "handler", "handler_user")


def _communities(user):
    """The communities a figure on a page covers: the user's own, or those of their street."""
    return Community.objects.visible_to(user)


def _year(value, default: int) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 2000 <= year <= 2100 else default


#
# Suggestions (意见建议)
#


class SuggestionListView(RegisterListView):
    model = Suggestion
    filterset_class = SuggestionFilter
    template_name = f"{TEMPLATES}/suggestion_list.html"
    list_select_related = SUGGESTION_RELATED
    heading = "意见建议"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = _year(self.request.GET.get("year"), today.year)
        visible = Suggestion.objects.visible_to(self.request.user)
        context.update(
            heading=self.heading,
            today=today,
            year=year,
            # The year's rates over what this user may see (a grid worker: the suggestions of their groups).
            figures=suggestion_year(year=year, suggestions=visible),
            overdue_count=visible.overdue_on(today).count(),
            overdue_days=SUGGESTION_OVERDUE_DAYS,
        )
        return context


class SuggestionOverdueView(SuggestionListView):
    """Open suggestions received more than 30 days ago, the oldest first."""

    heading = "超期未办结的意见建议"

    def get_queryset(self):
        return super().get_queryset().overdue_on(timezone.localdate()).order_by("received_on", "number")


class SuggestionDetailView(RegisterDetailView):
    model = Suggestion
    template_name = f"{TEMPLATES}/suggestion_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(*SUGGESTION_RELATED, "recorded_by", "meeting", "submitter_person__group")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        suggestion = self.object
        can_change = self.request.user.has_perm("committee.change_suggestion")
        today = timezone.localdate()
        context.update(
            today=today,
            overdue=suggestion.is_overdue_on(today),
            open_days=suggestion.open_days_on(today),
            can_assign=can_change and suggestion.is_open,
            can_implement=can_change and suggestion.status == SuggestionStatus.PROCESSING,
            can_decline=can_change and suggestion.is_open,
        )
        return context


class SuggestionCreateView(RegisterCreateView):
    model = Suggestion
    form_class = SuggestionForm
    success_message = "意见建议已受理。"

    def save(self, form, *, instance, m2m):
        return suggestion_receive(actor=self.request.user, suggestion=instance)


class SuggestionUpdateView(RegisterUpdateView):
    model = Suggestion
    form_class = SuggestionForm

    def save(self, form, *, instance, m2m):
        return suggestion_update(actor=self.request.user, suggestion=instance)


class SuggestionStepView(SubjectFormView):
    model = Suggestion
    action = "change"
    subject_model = Suggestion


class SuggestionAssignView(SuggestionStepView):
    form_class = SuggestionAssignForm
    title = "交办"
    success_message = "已交办承办人。"

    def form_kwargs(self):
        return {"user": self.request.user, "suggestion": self.subject}

    def perform(self, form):
        data = form.cleaned_data
        return suggestion_assign(
            actor=self.request.user,
            suggestion=self.subject,
            assigned_on=data["assigned_on"],
            handler=data["handler"],
            handler_user=data["handler_user"],
            note=data["note"],
        )


class SuggestionImplementView(SuggestionStepView):
    form_class = SuggestionImplementForm
    title = "登记落实"
    success_message = "已登记落实情况。"

    def perform(self, form):
        data = form.cleaned_data
        return suggestion_implement(
            actor=self.request.user,
            suggestion=self.subject,
            implemented_on=data["implemented_on"],
            reply=data["reply"],
            answered_on=data["answered_on"],
        )


class SuggestionDeclineView(SuggestionStepView):
    form_class = SuggestionDeclineForm
    title = "答复不予采纳"
    success_message = "已答复不予采纳。"

    def perform(self, form):
        data = form.cleaned_data
        return suggestion_decline(
            actor=self.request.user,
            suggestion=self.subject,
            answered_on=data["answered_on"],
            reason=data["reason"],
            reply=data["reply"],
        )


#
# The monthly 社情民意汇总表
#


def _month(value: str | None) -> tuple[int, int]:
    """``2026-05`` → (2026, 5); this month when missing or malformed."""
    try:
        day = datetime.datetime.strptime(value or "", "%Y-%m").date()  # noqa: DTZ007 - a month, no time
    except ValueError:
        day = timezone.localdate()
    return day.year, day.month


class SummaryMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "committee.view_suggestion"

    def summary(self):
        user = self.request.user
        year, month = _month(self.request.GET.get("month"))
        communities = Community.objects.visible_to(user)
        community = None
        if user.community_id:
            community = user.community
        elif self.request.GET.get("community"):
            community = get_object_or_404(communities, pk=self.request.GET["community"])
        suggestions = Suggestion.objects.visible_to(user)
        if community is not None:
            suggestions = suggestions.filter(community=community)
        summary = suggestion_month_summary(suggestions=suggestions, year=year, month=month)
        return {
            "summary": summary,
            "year": year,
            "month": month,
            "month_value": f"{year}-{month:02d}",
            "community": community,
            "communities": None if user.community_id else communities,
            "place": community.name if community else "辖区",
        }


class SuggestionSummaryView(SummaryMixin, TemplateView):
    template_name = f"{TEMPLATES}/suggestion_summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.summary())
        context["opts"] = Suggestion._meta
        context["can_export"] = self.request.user.has_perm("governance.export_register")
        return context


class SuggestionSummaryExportView(SummaryMixin, View):
    """The month's 社情民意汇总表 as .xlsx, laid out for printing (A4 landscape)."""

    permission_required = ("committee.view_suggestion", "governance.export_register")

    def get(self, request, *args, **kwargs):
        import xlsxwriter

        data = self.summary()
        summary = data["summary"]
        title = f"{data['place']}{summary.year}年{summary.month}月社情民意汇总表"
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
        sheet = workbook.add_worksheet("社情民意汇总")
        bold = workbook.add_format({"bold": True})
        title_format = workbook.add_format({"bold": True, "font_size": 14, "align": "center"})
        header = workbook.add_format({"bold": True, "border": 1, "bg_color": "#DDEBF7", "align": "center"})
        cell = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        number = workbook.add_format({"border": 1, "align": "center"})
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        width = len(summary.sources) + 2
        sheet.merge_range(0, 0, 0, max(width - 1, 7), title, title_format)
        sheet.write_string(
            1, 0, f"统计期间:{summary.start:%Y-%m-%d} 至 {summary.end:%Y-%m-%d};状态截至 {summary.as_of:%Y-%m-%d}"
        )
        row = 3
        sheet.write_string(row, 0, "一、本月受理(类别 × 来源)", bold)
        row += 1
        sheet.write_string(row, 0, "类别", header)
        for index, (_, label) in enumerate(summary.sources, start=1):
            sheet.write_string(row, index, label, header)
        sheet.write_string(row, width - 1, "合计", header)
        for label, counts, total in summary.matrix_rows():
            row += 1
            sheet.write_string(row, 0, label, cell)
            for index, count in enumerate(counts, start=1):
                sheet.write_number(row, index, count, number)
            sheet.write_number(row, width - 1, total, number)
        row += 1
        sheet.write_string(row, 0, "合计", header)
        for index, count in enumerate(summary.source_total_row(), start=1):
            sheet.write_number(row, index, count, number)
        sheet.write_number(row, width - 1, summary.received, number)
        row += 2
        sheet.write_string(row, 0, "二、办理情况", bold)
        lines = [
            *((f"本月受理中{label}", count) for label, count in summary.status_rows()),
            ("本月落实(含以前受理)", summary.settled_implemented),
            ("本月答复不予采纳(含以前受理)", summary.settled_declined),
            ("月末未办结", summary.open_at_end),
            (f"其中超过{SUGGESTION_OVERDUE_DAYS}天", summary.overdue_at_end),
        ]
        for label, count in lines:
            row += 1
            sheet.write_string(row, 0, label, cell)
            sheet.write_number(row, 1, count, number)
        row += 2
        sheet.write_string(row, 0, "三、本月受理明细", bold)
        row += 1
        columns = [("编号", 10), ("受理日期", 11), ("居民小组", 9), ("来源", 12), ("类别", 9), ("提出人", 10),
                   ("内容", 40), ("承办人", 10), ("状态", 12), ("答复/落实情况", 36)]  # fmt: skip
        for index, (label, column_width) in enumerate(columns):
            sheet.set_column(index, index, max(column_width, 9))
            sheet.write_string(row, index, label, header)
        for suggestion in summary.rows:
            row += 1
            values = [
                suggestion.number,
                f"{suggestion.received_on:%Y-%m-%d}",
                suggestion.group.name if suggestion.group_id else "",
                suggestion.get_source_display(),
                suggestion.get_category_display(),
                suggestion.submitter_display,
                suggestion.content,
                suggestion.handler_display,
                suggestion.get_status_display(),
                suggestion.decline_reason or suggestion.reply,
            ]
            for index, value in enumerate(values):
                sheet.write_string(row, index, value, cell)
        if not summary.rows:
            row += 1
            sheet.merge_range(row, 0, row, len(columns) - 1, "本月没有受理意见建议。", cell)
        row += 2
        sheet.write_string(row, 0, "填报单位(盖章):            填报人:            审核人:            填报日期:")
        workbook.close()
        file_name = f"{title}.xlsx"
        exported = [data["community"]] if data["community"] else sorted({s.community for s in summary.rows}, key=str)
        for community in exported:
            log_exchange(
                user=request.user,
                community=community,
                register="committee-suggestion-summary",
                direction="export",
                rows=sum(1 for s in summary.rows if s.community_id == community.pk),
                file_name=file_name,
            )
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
        return response


#
# Disclosures (居务公开)
#


class DisclosureListView(RegisterListView):
    model = Disclosure
    filterset_class = DisclosureFilter
    template_name = f"{TEMPLATES}/disclosure_list.html"
    list_select_related = ("community", "review_body")
    list_prefetch_related = ("items",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        year = _year(self.request.GET.get("year"), this_year)
        communities = _communities(self.request.user)
        context["year"] = year
        context["years"] = disclosure_years(years=[year - 2, year - 1, year], communities=communities)[::-1]
        return context


class DisclosureDetailView(RegisterDetailView):
    model = Disclosure
    template_name = f"{TEMPLATES}/disclosure_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "recorded_by", "meeting", "review_body")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        items = list(self.object.items.all())
        amounts = [item.amount for item in items if item.amount is not None]
        context.update(
            items=items,
            total=sum(amounts) if amounts else None,
            attachments=self.object.attachments.select_related("uploaded_by"),
            can_add_item=user.has_perm("committee.add_disclosureitem"),
            can_change_item=user.has_perm("committee.change_disclosureitem"),
            can_attach=user.has_perm("committee.add_disclosureattachment"),
        )
        return context


class DisclosureCreateView(RegisterCreateView):
    model = Disclosure
    form_class = DisclosureForm
    success_message = "公开记录已登记,请添加公开事项。"

    def save(self, form, *, instance, m2m):
        return disclosure_save(actor=self.request.user, disclosure=instance)


class DisclosureUpdateView(RegisterUpdateView):
    model = Disclosure
    form_class = DisclosureForm

    def save(self, form, *, instance, m2m):
        return disclosure_save(actor=self.request.user, disclosure=instance)


class DisclosureItemAddView(SubjectFormView):
    model = DisclosureItem
    action = "add"
    subject_model = Disclosure
    form_class = DisclosureItemForm
    title = "添加公开事项"
    success_message = "公开事项已添加。"

    def form_kwargs(self):
        item = DisclosureItem(disclosure=self.subject, community=self.subject.community)
        return {"user": self.request.user, "instance": item}

    def perform(self, form):
        disclosure_item_save(actor=self.request.user, item=form.save(commit=False))
        return self.subject


class DisclosureItemUpdateView(RegisterUpdateView):
    model = DisclosureItem
    form_class = DisclosureItemForm

    def get_queryset(self):
        return super().get_queryset().select_related("disclosure")

    def save(self, form, *, instance, m2m):
        return disclosure_item_save(actor=self.request.user, item=instance)


class DisclosureAttachmentAddView(SubjectFormView):
    model = DisclosureAttachment
    action = "add"
    subject_model = Disclosure
    form_class = DisclosureAttachmentForm
    template_name = f"{TEMPLATES}/attachment_form.html"
    title = "上传附件"
    success_message = "附件已上传。"

    def perform(self, form):
        data = form.cleaned_data
        disclosure_attachment_add(
            actor=self.request.user, disclosure=self.subject, title=data["title"], file=data["file"]
        )
        return self.subject


class DisclosureAttachmentDownloadView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """GET → the attachment's file, for whoever may see its disclosure (files are never served from MEDIA_URL)."""

    permission_required = "committee.view_disclosure"

    def get(self, request, pk):
        attachment = get_object_or_404(DisclosureAttachment.objects.visible_to(request.user), pk=pk)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404("附件文件已不存在。") from None
        return FileResponse(handle, as_attachment=False, filename=attachment.file_name)


#
# Evaluations (民主测评)
#


class EvaluationListView(RegisterListView):
    model = Evaluation
    filterset_class = EvaluationFilter
    template_name = f"{TEMPLATES}/evaluation_list.html"
    list_select_related = ("community", "staff")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = _year(self.request.GET.get("year"), timezone.localdate().year)
        context["year"] = year
        context["satisfaction"] = satisfaction_year(year=year, communities=_communities(self.request.user))
        context["format_rate"] = format_rate
        return context


class EvaluationDetailView(RegisterDetailView):
    model = Evaluation
    template_name = f"{TEMPLATES}/evaluation_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "staff", "recorded_by", "meeting")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["satisfaction_rate"] = format_rate(self.object.satisfaction_rate)
        context["satisfied_rate"] = format_rate(self.object.satisfied_rate)
        return context


class EvaluationCreateView(RegisterCreateView):
    model = Evaluation
    form_class = EvaluationForm
    success_message = "测评结果已登记。"

    def save(self, form, *, instance, m2m):
        return evaluation_save(actor=self.request.user, evaluation=instance)


class EvaluationUpdateView(RegisterUpdateView):
    model = Evaluation
    form_class = EvaluationForm

    def save(self, form, *, instance, m2m):
        return evaluation_save(actor=self.request.user, evaluation=instance)
