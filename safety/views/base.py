"""What every safety page shares.

Safety records are the most sensitive in Linli (issue 6): a signed-in user without the permission
gets 404, not 403, on every safety page, so not even the existence of a 帮教 case or a dispute leaks.
Detail pages of sensitive records ask for the purpose of the visit once per session and record
every view in the access log (``SensitiveRecordMixin``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from safety.forms.access import PURPOSE_CHOICES, PurposeForm
from safety.services.access import sensitive_access_record

PURPOSES_SESSION_KEY = "safety_purposes"


class SafetyAccessMixin:
    """Anonymous users are sent to log in; signed-in users without the permission get 404."""

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise Http404("没有找到该页面。")
        return super().handle_no_permission()


class SafetyListView(SafetyAccessMixin, RegisterListView):
    pass


class SafetyDetailView(SafetyAccessMixin, RegisterDetailView):
    pass


class SafetyCreateView(SafetyAccessMixin, RegisterCreateView):
    pass


class SafetyUpdateView(SafetyAccessMixin, RegisterUpdateView):
    pass


class SafetySubjectFormView(SafetyAccessMixin, SubjectFormView):
    pass


def _record_key(record) -> str:
    return f"{record._meta.label_lower}:{record.pk}"


class SensitiveRecordMixin:
    """A detail page of a sensitive record: the user states a purpose (once per record and session),
    and every view is logged with it. Goes on a ``SafetyDetailView``."""

    purpose_template_name = "safety/purpose_form.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        purpose = request.session.get(PURPOSES_SESSION_KEY, {}).get(_record_key(self.object))
        if purpose is None:
            return self.render_purpose_form(PurposeForm())
        sensitive_access_record(user=request.user, record=self.object, purpose=purpose)
        context = self.get_context_data(object=self.object)
        context["stated_purpose"] = purpose
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = PurposeForm(request.POST)
        if not form.is_valid():
            return self.render_purpose_form(form)
        purposes = request.session.get(PURPOSES_SESSION_KEY, {})
        purposes[_record_key(self.object)] = form.cleaned_data["purpose"]
        request.session[PURPOSES_SESSION_KEY] = purposes
        messages.info(request, "查阅事由已记录。")
        return redirect(request.path)

    def render_purpose_form(self, form):
        context = {
            "object": self.object,
            "opts": self.model._meta,
            "form": form,
            "purpose_choices": [value for value, _ in PURPOSE_CHOICES if value],
        }
        return render(self.request, self.purpose_template_name, context)
