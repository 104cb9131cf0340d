"""Pages of the service windows and items (with the printable 服务指南) and of the service cases (办件):
the register, the overdue list, 我的办件, and the workflow forms."""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from governance.models import Community
from governance.pdf import render_pdf
from services.filters.windows import ServiceCaseFilter, ServiceItemFilter, ServiceWindowFilter
from services.forms.windows import (
    CaseCloseForm,
    CaseReturnForm,
    CaseStepForm,
    ServiceCaseForm,
    ServiceItemForm,
    ServiceWindowForm,
)
from services.models.windows import OPEN_STATUSES, CaseStatus, ServiceCase, ServiceItem, ServiceWindow
from services.selectors.windows import case_figures, year_period
from services.services.windows import (
    case_close,
    case_open,
    case_return,
    case_step_add,
    case_update,
    item_save,
    window_save,
)

#
# Windows
#


def year_to_date() -> tuple[datetime.date, datetime.date]:
    """This year up to today: the overdue figure is the stock of today, not of 31 December."""
    today = timezone.localdate()
    return year_period(today.year)[0], today


class ServiceWindowListView(RegisterListView):
    model = ServiceWindow
    filterset_class = ServiceWindowFilter
    template_name = "services/servicewindow_list.html"
    list_select_related = ("community",)
    list_prefetch_related = ("staff",)

    def get_queryset(self):
        today = timezone.localdate()
        return (
            super()
            .get_queryset()
            .annotate(
                item_count=Count("items", filter=Q(items__is_active=True), distinct=True),
                open_count=Count("cases", filter=Q(cases__status__in=OPEN_STATUSES), distinct=True),
                overdue_count=Count(
                    "cases",
                    filter=Q(cases__status__in=OPEN_STATUSES, cases__due_on__lt=today),
                    distinct=True,
                ),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = year_to_date()
        context["year"] = start.year
        context["figures"] = case_figures(
            communities=Community.objects.visible_to(self.request.user), start=start, end=end
        )
        return context


class ServiceWindowDetailView(RegisterDetailView):
    model = ServiceWindow
    template_name = "services/servicewindow_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        window = self.object
        user = self.request.user
        context["items"] = window.items.all()
        context["staff"] = window.staff.all()
        context["open_cases"] = (
            ServiceCase.objects.visible_to(user)
            .filter(window=window)
            .open()
            .select_related("item", "agent", "applicant_person", "applicant_household", "applicant_unit")
            .order_by("due_on", "received_at")[:20]
        )
        start, end = year_to_date()
        context["year"] = start.year
        context["counts"] = case_figures(community=window.community, start=start, end=end).window(window)
        context["today"] = timezone.localdate()
        context["can_add_item"] = user.has_perm("services.add_serviceitem")
        return context


class ServiceWindowCreateView(RegisterCreateView):
    model = ServiceWindow
    form_class = ServiceWindowForm
    success_message = "服务窗口已设立。"

    def save(self, form, *, instance, m2m):
        return window_save(actor=self.request.user, window=instance, staff=m2m.get("staff"))


class ServiceWindowUpdateView(RegisterUpdateView):
    model = ServiceWindow
    form_class = ServiceWindowForm

    def save(self, form, *, instance, m2m):
        return window_save(actor=self.request.user, window=instance, staff=m2m.get("staff"))


class ServiceGuideView(RegisterDetailView):
    """The printable 服务指南 of a window: every active item with its process, documents, limits and phones."""

    model = ServiceWindow
    template_name = "services/servicewindow_guide.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = self.object.items.filter(is_active=True)
        context["staff"] = self.object.staff.all()
        return context


class ServiceGuidePdfView(ServiceGuideView):
    def render_to_response(self, context, **response_kwargs):
        window = self.object
        pdf = render_pdf(
            "services/pdf/servicewindow_guide.html",
            {"window": window, "items": context["items"], "staff": context["staff"]},
            request=self.request,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        file_name = f"服务指南-{window.name}.pdf"
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
        return response


#
# Items
#


class ServiceItemListView(RegisterListView):
    model = ServiceItem
    filterset_class = ServiceItemFilter
    template_name = "services/serviceitem_list.html"
    list_select_related = ("community", "window")


class ServiceItemDetailView(RegisterDetailView):
    model = ServiceItem
    template_name = "services/serviceitem_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "window")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_cases"] = (
            ServiceCase.objects.visible_to(self.request.user)
            .filter(item=self.object)
            .select_related("agent", "applicant_person", "applicant_household", "applicant_unit")
            .order_by("-received_at")[:10]
        )
        context["today"] = timezone.localdate()
        return context


class ServiceItemCreateView(RegisterCreateView):
    model = ServiceItem
    form_class = ServiceItemForm
    success_message = "服务事项已添加。"

    def get_initial(self):
        initial = super().get_initial()
        window = self.request.GET.get("window")
        if window and window.isdigit():
            initial["window"] = int(window)
        return initial

    def save(self, form, *, instance, m2m):
        return item_save(actor=self.request.user, item=instance)


class ServiceItemUpdateView(RegisterUpdateView):
    model = ServiceItem
    form_class = ServiceItemForm

    def save(self, form, *, instance, m2m):
        return item_save(actor=self.request.user, item=instance)


#
# Cases
#

CASE_RELATED = ("community", "item", "window", "agent", "applicant_person", "applicant_household", "applicant_unit")


class ServiceCaseListView(RegisterListView):
    model = ServiceCase
    filterset_class = ServiceCaseFilter
    template_name = "services/servicecase_list.html"
    list_select_related = CASE_RELATED
    heading = "办件台账"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context["heading"] = self.heading
        return context


class ServiceCaseOverdueView(ServiceCaseListView):
    """Open cases past their due date, the most overdue first."""

    heading = "逾期办件"

    def get_queryset(self):
        return super().get_queryset().overdue_on(timezone.localdate()).order_by("due_on", "received_at")


class MyServiceCasesView(ServiceCaseListView):
    """我的办件: the open cases whose agent is the user, overdue first then by due date; and the last closed."""

    template_name = "services/servicecase_mine.html"
    heading = "我的办件"
    paginate_by = 50

    def get_queryset(self):
        today = timezone.localdate()
        return (
            super()
            .get_queryset()
            .filter(agent=self.request.user)
            .open()
            .annotate(
                overdue_first=Case(When(due_on__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField())
            )
            .order_by("overdue_first", "due_on", "received_at")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recently_finished"] = (
            ServiceCase.objects.visible_to(self.request.user)
            .filter(agent=self.request.user, status__in=[CaseStatus.CLOSED, CaseStatus.RETURNED])
            .select_related(*CASE_RELATED)
            .order_by("-closed_at")[:10]
        )
        return context


class ServiceCaseDetailView(RegisterDetailView):
    model = ServiceCase
    template_name = "services/servicecase_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related(*CASE_RELATED, "received_by", "group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        user = self.request.user
        context["steps"] = case.steps.select_related("by")
        context["today"] = timezone.localdate()
        context["can_work"] = case.is_open and user.has_perm("services.change_servicecase")
        return context


class ServiceCaseCreateView(RegisterCreateView):
    model = ServiceCase
    form_class = ServiceCaseForm
    success_message = "办件已受理。"

    def get_initial(self):
        initial = super().get_initial()
        item = self.request.GET.get("item")
        if item and item.isdigit():
            initial["item"] = int(item)
        return initial

    def save(self, form, *, instance, m2m):
        case = case_open(
            actor=self.request.user,
            case=instance,
            satisfaction=form.cleaned_data.get("satisfaction", ""),
        )
        if case.status == CaseStatus.CLOSED:
            self.success_message = "办件已受理并当场办结。"
        return case


class ServiceCaseUpdateView(RegisterUpdateView):
    model = ServiceCase
    form_class = ServiceCaseForm

    def save(self, form, *, instance, m2m):
        return case_update(actor=self.request.user, case=instance)


class CaseStepView(SubjectFormView):
    model = ServiceCase
    action = "change"
    subject_model = ServiceCase
    form_class = CaseStepForm
    title = "登记办理过程"
    success_message = "办理过程已登记。"

    def form_kwargs(self):
        return {"case": self.subject}

    def perform(self, form):
        data = form.cleaned_data
        case_step_add(
            actor=self.request.user,
            case=self.subject,
            action=data["action"],
            note=data["note"],
            to_status=data["to_status"] or None,
            transferred_to=data["transferred_to"],
            at=data["at"],
        )


class CaseCloseView(SubjectFormView):
    model = ServiceCase
    action = "change"
    subject_model = ServiceCase
    form_class = CaseCloseForm
    title = "办结"
    success_message = "办件已办结。"

    def perform(self, form):
        data = form.cleaned_data
        case_close(
            actor=self.request.user,
            case=self.subject,
            closed_at=data["closed_at"],
            satisfaction=data["satisfaction"],
            note=data["note"],
        )


class CaseReturnView(SubjectFormView):
    model = ServiceCase
    action = "change"
    subject_model = ServiceCase
    form_class = CaseReturnForm
    title = "退回"
    success_message = "办件已退回。"

    def perform(self, form):
        data = form.cleaned_data
        case_return(actor=self.request.user, case=self.subject, reason=data["reason"], returned_at=data["returned_at"])
