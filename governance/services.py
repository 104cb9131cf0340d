"""Write workflows of the organisation registers. Views, imports and the admin call these;
nothing else saves a register row, so every change has an actor, passes validation and is
re-checked against the actor's scope inside the transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from governance.models import Community, User
from governance.roles import COMMUNITY_ROLE_NAMES
from governance.scoping import ensure_visible_to, scope_of


def actor_community(actor: User) -> Community | None:
    """The community a new record of ``actor`` belongs to: theirs, never one taken from POST data."""
    return actor.community if actor.community_id else None


@transaction.atomic
def register_save(
    *,
    actor: User,
    instance: models.Model,
    m2m: dict[str, Iterable] | None = None,
    reason: str = "",
) -> models.Model:
    """Validate and save one register row as ``actor``, recording who changed it and why."""
    if hasattr(instance, "community_id") and instance.community_id is None:
        instance.community = actor_community(actor)
    instance.full_clean()
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.save()
    for field_name, values in (m2m or {}).items():
        getattr(instance, field_name).set(values)
    ensure_visible_to(instance, actor)
    return instance


def _check_staff_scope(*, actor: User, community: Community | None, roles: Iterable[Group], groups) -> None:
    if community is None:
        raise ValidationError({"community": "请选择账号所属社区。"})
    scope = scope_of(actor)
    if not scope.unrestricted and community.pk not in scope.community_ids:
        raise PermissionDenied("只能管理本社区的工作人员账号。")
    if not actor.is_superuser and any(role.name not in COMMUNITY_ROLE_NAMES for role in roles):
        raise PermissionDenied("社区只能分配社区级角色。")
    foreign = [group for group in groups if group.community_id != community.pk]
    if foreign:
        raise ValidationError({"resident_groups": "负责的居民小组必须属于本社区。"})


@transaction.atomic
def staff_account_create(
    *,
    actor: User,
    username: str,
    password: str,
    name: str,
    phone: str = "",
    post: str = "",
    community: Community | None = None,
    roles: Iterable[Group] = (),
    resident_groups: Iterable = (),
) -> User:
    """Create a staff account inside the actor's community (書记/主任 manage their own staff)."""
    community = actor_community(actor) or community
    roles, resident_groups = list(roles), list(resident_groups)
    _check_staff_scope(actor=actor, community=community, roles=roles, groups=resident_groups)
    user = User(username=username, name=name, phone=phone, post=post, community=community)
    user.set_password(password)
    user.full_clean()
    user._history_user = actor
    user.save()
    user.groups.set(roles)
    user.resident_groups.set(resident_groups)
    return user


@transaction.atomic
def staff_account_update(
    *,
    actor: User,
    user: User,
    roles: Iterable[Group],
    resident_groups: Iterable,
) -> User:
    """Save the edited fields of ``user`` with its roles and groups; its community never changes here."""
    roles, resident_groups = list(roles), list(resident_groups)
    _check_staff_scope(actor=actor, community=user.community, roles=roles, groups=resident_groups)
    if user.pk == actor.pk and not user.is_active:
        raise ValidationError({"is_active": "不能停用自己的账号。"})
    user.full_clean()
    user._history_user = actor
    user.save()
    user.groups.set(roles)
    user.resident_groups.set(resident_groups)
    return user


@transaction.atomic
def staff_account_set_password(*, actor: User, user: User, password: str) -> User:
    """Set a new password for a staff account of the actor's community."""
    ensure_visible_to(user, actor)
    user.set_password(password)
    user._history_user = actor
    user._change_reason = "重置密码"
    user.save(update_fields=["password"])
    return user


def sessions_purge_expired(*, now=None) -> int:
    """Delete expired login sessions (they pile up in the database); returns how many went."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _ = Session.objects.filter(expire_date__lt=now or timezone.now()).delete()
    return deleted
