"""Base classes of every register's list, detail, create and edit pages.

Each one is login → model permission → scope (``governance.scoping``), so an app's views
declare only their model, form, filter and template. Writes go through ``register_save``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.views.generic import CreateView, DetailView, UpdateView
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
