"""Base classes of every register's list, detail, create and edit pages.

Each one is login → model permission → scope (``governance.scoping``), so an app's views
declare only their model, form, filter and template. Writes go through ``register_save``.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.views.generic import CreateView, DetailView, FormView, UpdateView
from django_filters.views import FilterView

from governance.history import history_entries
from governance.scoping import ScopedViewMixin
from governance.services import register_save


class RegisterViewMixin(ScopedViewMixin):
    """Derives the required permission from the model and the view's action."""

    action = "view"

    def get_permission_required(self):
        if self.permission_required is not None:
            return super().get_permission_required()
        opts = self.model._meta
        return [f"{opts.app_label}.{self.action}_{opts.model_name}"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opts"] = self.model._meta
        user = self.request.user
        opts = self.model._meta
        context["can_add"] = user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
        if context["can_add"]:
            try:
                context["add_url"] = reverse(f"{opts.app_label}:{opts.model_name}_add")
            except NoReverseMatch:
                context["add_url"] = None
        context["can_change"] = user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        return context


class RegisterListView(RegisterViewMixin, FilterView):
    paginate_by = 25
    list_select_related: tuple[str, ...] = ()
    list_prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.list_prefetch_related:
            queryset = queryset.prefetch_related(*self.list_prefetch_related)
        return queryset

    def paginate_queryset(self, queryset, page_size):
        # An aggregate annotation (GROUP BY) drops the model's default ordering; pages need a stable one.
        if not queryset.ordered:
            queryset = queryset.order_by(*(self.model._meta.ordering or ["pk"]))
        return super().paginate_queryset(queryset, page_size)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class RegisterDetailView(RegisterViewMixin, DetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_entries(self.object)
        return context


class RegisterFormMixin(RegisterViewMixin):
    template_name = "register_form.html"
    success_message = "已保存。"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        instance = form.save(commit=False)
        m2m = {
            field.name: form.cleaned_data[field.name]
            for field in instance._meta.many_to_many
            if field.name in form.cleaned_data
        }
        try:
            self.object = self.save(form, instance=instance, m2m=m2m)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def save(self, form, *, instance, m2m):
        return register_save(actor=self.request.user, instance=instance, m2m=m2m)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's validation errors on the form: on their field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, messages_)


class RegisterCreateView(RegisterFormMixin, CreateView):
    action = "add"

    def get_queryset(self) -> models.QuerySet:
        return self.model._default_manager.visible_to(self.request.user)


class RegisterUpdateView(RegisterFormMixin, UpdateView):
    action = "change"


class SubjectFormView(RegisterViewMixin, FormView):
    """A form about one existing row (the *subject*): a life event, a tag, a check.

    The subject is looked up through the user's scope only after login and permission
    have been checked, so anonymous users are sent to log in and outsiders get 404.
    """

    subject_model: type[models.Model]
    template_name = "register_form.html"
    title = ""
    success_message = "已保存。"

    @cached_property
    def subject(self):
        return get_object_or_404(
            self.subject_model._default_manager.visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def get_form(self, form_class=None):
        form = (form_class or self.get_form_class())(**self.get_form_kwargs(), **self.form_kwargs())
        if not hasattr(form, "helper"):
            form.helper = FormHelper()
            form.helper.form_tag = False
        return form

    def form_kwargs(self) -> dict:
        """Extra keyword arguments of the form (``user``, the subject …)."""
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.subject
        context["form_title"] = f"{self.subject} · {self.title}"
        return context

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url(result))

    def perform(self, form):
        """Call the service; return what the page should go to next."""
        raise NotImplementedError

    def get_success_url(self, result=None):
        target = result if result is not None and hasattr(result, "get_absolute_url") else self.subject
        return target.get_absolute_url()
