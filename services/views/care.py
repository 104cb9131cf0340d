"""Pages of 关爱台账: care subjects with their visits, and the subjects not visited within their interval."""

from __future__ import annotations

from django.utils import timezone

from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from services.filters.employment import CareSubjectFilter
from services.forms.employment import CareSubjectForm, CareVisitForm
from services.models.care import CareSubject, CareVisit
from services.selectors.care import overdue_subjects
from services.services.care import subject_save, visit_add


class CareSubjectListView(RegisterListView):
    model = CareSubject
    filterset_class = CareSubjectFilter
    template_name = "services/caresubject_list.html"
    list_select_related = ("community", "group", "person", "responsible")

    def get_queryset(self):
        return super().get_queryset().with_last_visit()


class CareSubjectOverdueView(RegisterListView):
    """Active subjects not visited within their interval as of today, longest overdue first."""

    model = CareSubject
    filterset_class = CareSubjectFilter
    template_name = "services/caresubject_overdue.html"
    paginate_by = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = today = timezone.localdate()
        context["overdue"] = overdue_subjects(context["filter"].qs, as_of=today)
        return context


class CareSubjectDetailView(RegisterDetailView):
    model = CareSubject
    template_name = "services/caresubject_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .with_last_visit()
            .select_related("community", "group", "person", "caregiver_person", "responsible")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["visits"] = self.object.visits.select_related("visitor", "recorded_by")
        context["can_add_visit"] = self.request.user.has_perm("services.add_carevisit") and self.object.is_active
        context["due_on"] = self.object.due_on()
        context["overdue"] = self.object.is_active and context["due_on"] < timezone.localdate()
        return context


class CareSubjectCreateView(RegisterCreateView):
    model = CareSubject
    form_class = CareSubjectForm
    success_message = "关爱对象已登记。"

    def save(self, form, *, instance, m2m):
        return subject_save(actor=self.request.user, subject=instance)


class CareSubjectUpdateView(RegisterUpdateView):
    model = CareSubject
    form_class = CareSubjectForm

    def save(self, form, *, instance, m2m):
        return subject_save(actor=self.request.user, subject=instance)


class CareVisitCreateView(SubjectFormView):
    model = CareVisit
    action = "add"
    subject_model = CareSubject
    form_class = CareVisitForm
    title = "登记走访"
    success_message = "走访已登记。"

    def form_kwargs(self):
        return {"user": self.request.user, "subject": self.subject}

    def perform(self, form):
        visit_add(actor=self.request.user, subject=self.subject, **form.cleaned_data)
