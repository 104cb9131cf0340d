"""Base classes of every register's list, detail, create and edit pages.

Each one is login → model permission → scope (``governance.scoping``), so an app's views
declare only their model, form, filter and template. Writes go through ``register_save``.
"""

from __future__ import annotations

import copy
import hashlib
import secrets

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import connections, models, transaction
from django.db.models.signals import post_delete, post_save
from django.forms.models import ModelChoiceIterator
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
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


#
# Lists: pagination that counts only when it must, and filter bars rendered without a template per <option>
#

COUNT_CACHE_PREFIX = "linli:list-count"


def _table_version_key(using: str, table: str) -> str:
    # The database's name is part of every key: one Redis may serve several databases (bench, tests, dev).
    return f"{COUNT_CACHE_PREFIX}:version:{connections[using].settings_dict['NAME']}:{table}"


def _bump_table_version(using: str, table: str) -> None:
    cache.set(_table_version_key(using, table), secrets.token_hex(6), timeout=None)


def _forget_counts_of(sender, instance, using, **kwargs):
    """A saved or deleted register row makes the remembered counts over its table stale.

    The new version is written once the transaction commits, so a count taken meanwhile (which
    cannot see the row yet) is stored under the old version and never read again. Bulk writes
    (``bulk_create``, ``update()``, the Excel import) send no signal: for them the counts, which are
    only remembered when they are large and then shown as 约, catch up after ``count_seconds``.
    """
    if not hasattr(sender._default_manager, "visible_to"):
        return  # sessions, history rows, logs: no register list counts them
    table = sender._meta.db_table
    transaction.on_commit(lambda: _bump_table_version(using, table), using=using)


post_save.connect(_forget_counts_of, dispatch_uid="linli-list-count-save")
post_delete.connect(_forget_counts_of, dispatch_uid="linli-list-count-delete")


class RegisterPaginator(Paginator):
    """Django's paginator, without a COUNT(*) where the page itself tells the count, and with a
    large count remembered for a short while.

    * Each page is read one row longer than it is. When that row is missing the page is the last
      one and the total is exact without counting: every one-page search, every last page.
    * Otherwise the rows are counted. A total of ``approximate_from`` or more (a street leader's
      100,000 people: a COUNT(*) of tens of milliseconds on every page) is kept in the cache for
      ``count_seconds`` per query (scope and filters), forgotten as soon as a row of a counted
      table is saved or deleted, and labelled 约 (``approximate``) in the page, since a bulk write
      shows only after ``count_seconds``. Smaller totals are counted on every request: exact.
    """

    approximate_from = 10_000
    count_seconds = 60

    def __init__(self, *args, ids_first: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.ids_first = ids_first
        self.approximate = False

    def page(self, number):
        number = self._page_number(number)
        bottom = (number - 1) * self.per_page
        window = self.per_page + self.orphans  # the last page may hold ``orphans`` extra rows
        rows = self._rows(bottom, bottom + window + 1)
        if len(rows) <= window and (rows or number == 1):
            # The last page: the total is known without counting.
            self.approximate = False
            self._set_count(bottom + len(rows))
            if number > self.num_pages:  # an empty first page where none is allowed, or orphans
                raise EmptyPage(self.error_messages["no_results"])
            return self._get_page(rows, number, self)
        if not rows:
            # Past the end. A remembered total may be stale (a bulk delete): count afresh, then 404 as Django does.
            self._set_count(self._count(fresh=True))
            raise EmptyPage(self.error_messages["no_results"])
        if self.count < bottom + len(rows):
            self._set_count(self._count(fresh=True))  # stale: there are more rows than remembered
        return self._get_page(rows[: self.per_page], number, self)

    def _rows(self, bottom: int, top: int) -> list:
        queryset = self.object_list
        if self.ids_first and isinstance(queryset, models.QuerySet) and not queryset.query.distinct:
            # The page's ids alone, read in the list's order (an index-only scan when an index fits the
            # ordering), then only those rows with their joins: joined first, PostgreSQL sorts whole
            # communities to find page 100, and a street leader's last page took a second.
            return list(queryset.filter(pk__in=queryset.values("pk")[bottom:top]))
        return list(queryset[bottom:top])

    def _page_number(self, number) -> int:
        """Django's checks of a page number, short of comparing it with the number of pages."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            return self.validate_number(number)  # raises PageNotAnInteger
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def _set_count(self, count: int) -> None:
        self.__dict__["count"] = count
        self.__dict__.pop("num_pages", None)

    @cached_property
    def count(self):
        return self._count()

    def _count(self, fresh: bool = False) -> int:
        self.approximate = False
        queryset = self.object_list
        if not isinstance(queryset, models.QuerySet):
            return len(queryset)
        count_key, version_keys = self._cache_keys(queryset)
        found = cache.get_many([count_key, *version_keys])
        versions = tuple(found.get(key) for key in version_keys)
        remembered = found.get(count_key)
        if not fresh and remembered is not None and remembered[0] == versions:
            self.approximate = True
            return remembered[1]
        total = queryset.count()
        if total >= self.approximate_from:
            self.approximate = True
            cache.set(count_key, (versions, total), self.count_seconds)
        return total

    @staticmethod
    def _cache_keys(queryset: models.QuerySet) -> tuple[str, list[str]]:
        """The key of this query's count, and those of the versions of the tables it reads."""
        # The rows' ids: what is counted, at a tenth of the cost of compiling the page's query.
        sql, params = queryset.values("pk").order_by().query.sql_with_params()
        digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        database = connections[queryset.db].settings_dict["NAME"]
        tables = {alias.table_name for alias in queryset.query.alias_map.values()} | {queryset.model._meta.db_table}
        return (
            f"{COUNT_CACHE_PREFIX}:{database}:{digest}",
            [_table_version_key(queryset.db, table) for table in sorted(tables)],
        )


class QuickSelect(forms.Select):
    """A single ``<select>`` written out in Python, markup for markup what Django's templates write.

    Django renders each ``<option>`` through two template includes (about 50 µs each): the person
    list's filter bar (58 民族, the categories, the groups) spent more on that than on its query.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options, has_selected = [], False
        for group_value, group_label in _read_at_once(self.choices):
            if isinstance(group_label, (list, tuple)):
                members = group_label
                options.append(f'\n  <optgroup label="{conditional_escape(group_value)}">')
            else:
                members = [(group_value, group_label)]
            for option_value, option_label in members:
                option_value = "" if option_value is None else str(option_value)
                selected = not has_selected and option_value in chosen
                has_selected |= selected
                options.append(
                    f'\n  <option value="{conditional_escape(option_value)}"{" selected" if selected else ""}>'
                    f"{conditional_escape(option_label)}</option>"
                )
            if members is group_label:
                options.append("\n  </optgroup>")
        final_attrs = _attributes(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{conditional_escape(name)}"{final_attrs}>{"".join(options)}\n</select>')


def _read_at_once(choices):
    """A model choice field's choices read with one SELECT.

    Django reads them with ``queryset.iterator()``: on PostgreSQL a server-side cursor, three round
    trips (DECLARE, FETCH, CLOSE) for a list of twenty communities.
    """
    if not isinstance(choices, ModelChoiceIterator) or choices.queryset._prefetch_related_lookups:
        return choices
    choices = copy.copy(choices)
    queryset = choices.queryset = choices.queryset.all()
    queryset.iterator = lambda *args, **kwargs: iter(queryset)
    return choices


def _attributes(attrs: dict) -> str:
    """Widget attributes as django/forms/widgets/attrs.html writes them."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {name}")
        elif value is not False:
            parts.append(f' {name}="{conditional_escape(value if isinstance(value, str) else str(value))}"')
    return "".join(parts)


class RegisterListView(RegisterViewMixin, FilterView):
    paginate_by = 25
    paginator_class = RegisterPaginator
    list_select_related: tuple[str, ...] = ()
    list_prefetch_related: tuple[str, ...] = ()
    # The columns the rows show, when a register's rows (or the ones they join) have many more.
    list_only: tuple[str, ...] = ()
    # Read a page's ids first, then those rows with their joins (RegisterPaginator._rows): for large
    # registers whose ordering an index serves.
    page_ids_first = False

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.list_prefetch_related:
            queryset = queryset.prefetch_related(*self.list_prefetch_related)
        if self.list_only:
            queryset = queryset.only(*self.list_only)
        return queryset

    def paginate_queryset(self, queryset, page_size):
        # An aggregate annotation (GROUP BY) drops the model's default ordering; pages need a stable one.
        if not queryset.ordered:
            queryset = queryset.order_by(*(self.model._meta.ordering or ["pk"]))
        return super().paginate_queryset(queryset, page_size)

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, ids_first=self.page_ids_first, **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        return kwargs

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        for filter_ in filterset.filters.values():
            # Plain choice filters get the same markup, written without a template per option.
            if "widget" not in filter_.extra and getattr(filter_.field_class, "widget", None) is forms.Select:
                filter_.extra["widget"] = QuickSelect
        return filterset

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
