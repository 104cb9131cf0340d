"""Scope primitives: a user's territory and the queryset base class that filters by it.

Imported by models, so it must not import anything that needs the user model; the policy
itself is described in ``governance.scoping``, which re-exports these names.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models


@dataclass(frozen=True)
class Scope:
    """The territory one user may see, resolved to ids once per request."""

    unrestricted: bool = False
    street_ids: frozenset[int] = frozenset()
    community_ids: frozenset[int] = frozenset()
    # None means "every group of the communities"; a set narrows group-bound rows to those groups.
    group_ids: frozenset[int] | None = None

    @property
    def is_empty(self) -> bool:
        return not self.unrestricted and not self.community_ids and not self.street_ids


NO_SCOPE = Scope()


def scope_of(user) -> Scope:
    """Resolve (and memoise on the user object) the scope of ``user``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_SCOPE
    cached = getattr(user, "_linli_scope", None)
    if cached is not None:
        return cached
    scope = _resolve_scope(user)
    user._linli_scope = scope
    return scope


def _resolve_scope(user) -> Scope:
    from governance.models import Community

    if user.is_superuser:
        return Scope(unrestricted=True)
    if user.community_id:
        from governance.roles import GRID_WORKER

        group_ids = frozenset(user.resident_groups.values_list("pk", flat=True))
        # A grid worker with no groups sees no group-bound rows: the scope fails closed.
        if not group_ids and not user.groups.filter(name=GRID_WORKER).exists():
            group_ids = None
        return Scope(
            street_ids=frozenset({user.community.street_id}),
            community_ids=frozenset({user.community_id}),
            group_ids=group_ids,
        )
    if user.street_id:
        community_ids = frozenset(Community.objects.filter(street_id=user.street_id).values_list("pk", flat=True))
        return Scope(street_ids=frozenset({user.street_id}), community_ids=community_ids)
    return NO_SCOPE


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every community-owned model.

    Subclasses name the lookups from the row to its community and to its residents' group:
    ``scope_community = "household__community"``, ``scope_group = "group"``. A model that
    has no group leaves ``scope_group`` as None and is visible to the whole community.
    """

    scope_community: str = "community"
    scope_group: str | None = None
    # Set when a scope lookup crosses a to-many relation, so rows are not repeated.
    scope_distinct: bool = False

    def visible_to(self, user) -> ScopedQuerySet:
        """Rows ``user`` may see; ``none()`` for anyone without a scope."""
        return self.within(scope_of(user))

    def within(self, scope: Scope) -> ScopedQuerySet:
        if scope.unrestricted:
            return self.all()
        if not scope.community_ids:
            return self.none()
        qs = self.filter(**{f"{self.scope_community}__in": scope.community_ids})
        if scope.group_ids is not None and self.scope_group is not None:
            qs = qs.filter(**{f"{self.scope_group}__in": scope.group_ids})
        return qs.distinct() if self.scope_distinct else qs


def is_visible_to(obj: models.Model, user) -> bool:
    """Whether ``obj`` (already saved) is inside the scope of ``user``."""
    return type(obj)._default_manager.visible_to(user).filter(pk=obj.pk).exists()


def ensure_visible_to(obj: models.Model, user) -> None:
    """The post-save re-check of every write service: a user cannot write outside their scope."""
    if not is_visible_to(obj, user):
        raise PermissionDenied("该记录不在您的管辖范围内。")


def get_visible_or_404(model: type[models.Model], user, **lookup):
    """Single lookups outside views (tasks, services) go through the user's scope."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(model._default_manager.visible_to(user), **lookup)


class PeriodQuerySet(ScopedQuerySet):
    """Rows valid over a period [``start_on``, ``end_on``): category memberships, household tags …"""

    def active_on(self, day):
        """Rows whose period covers ``day`` (an open end means still valid)."""
        return self.filter(start_on__lte=day).exclude(end_on__lte=day)


def period_constraint(name: str) -> models.CheckConstraint:
    """The end of a period, when there is one, is not before its start."""
    return models.CheckConstraint(
        condition=models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("start_on")),
        name=name,
        violation_error_message="结束日期不能早于开始日期。",
    )
