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
    "scope_of",
]


def restrict_choices(form, user) -> None:
    """Narrow every model choice field of ``form`` to what ``user`` may see.

    A worker must never be offered another community's group, grid or household.
    Choice querysets whose model is not scoped are left as they are.
    """
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and hasattr(queryset, "visible_to"):
            field.queryset = queryset.visible_to(user)


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
