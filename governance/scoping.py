"""The security spine: who may see which rows.

Every register row belongs to a community (and, where it applies, a residents' group).
A user's *scope* says which communities and groups they may see:

* superusers see everything;
* a user attached to a community sees that community, and, if they are also attached to
  residents' groups (网格员/小组长), only the rows of those groups wherever a row has a group;
* a user attached only to a street (街道领导) sees every community of that street;
* everyone else sees nothing: the policy fails closed.

Views, forms, exports, imports and tasks all go through ``visible_to(user)``; an object
outside the scope is a 404, never a 403, so its existence does not leak.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ImproperlyConfigured

from governance.querysets import (
    NO_SCOPE,
    Scope,
    ScopedQuerySet,
    ensure_visible_to,
    get_visible_or_404,
    is_visible_to,
    scope_of,
)

__all__ = [
    "NO_SCOPE",
    "Scope",
    "ScopedFormMixin",
    "ScopedQuerySet",
    "ScopedViewMixin",
    "ensure_visible_to",
    "get_visible_or_404",
    "is_visible_to",
    "restrict_choices",
    "scope_choices",
    "scope_of",
]


# Models offered as choices that belong to no territory (roles are the same everywhere).
UNSCOPED_CHOICE_MODELS = frozenset({"auth.group"})


def scope_choices(queryset, user):
    """``queryset`` narrowed to ``user``'s scope; an unscoped model is a programming error.

    Failing loudly here means a later register cannot offer every community's rows by
    pointing a choice field at a model whose queryset forgot ``visible_to``.
    """
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(user)
    if queryset.model._meta.label_lower in UNSCOPED_CHOICE_MODELS:
        return queryset
    raise ImproperlyConfigured(f"{queryset.model._meta.label} has no visible_to(): it cannot be offered as a choice.")


def restrict_choices(form, user) -> None:
    """Narrow every model choice field of ``form`` to what ``user`` may see.

    A worker must never be offered another community's group, grid or household.
    """
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None:
            field.queryset = scope_choices(queryset, user)


class ScopedFormMixin:
    """A ModelForm mixin that takes ``user`` and restricts its choices to the user's scope."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        restrict_choices(self, user)


class ScopedViewMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Login, then the model permission, then the scope: out-of-scope objects are 404.

    Anonymous users are sent to the login page, users without the permission get 403.
    """

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)
