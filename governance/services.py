"""Write workflows of the organisation registers. Views, imports and the admin call these;
nothing else saves a register row, so every change has an actor, passes validation and is
re-checked against the actor's scope inside the transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from governance.models import Community, ResidentGroup, User
from governance.roles import COMMUNITY_ROLE_NAMES, GRID_WORKER
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
    if instance._state.adding and hasattr(instance, "community_id") and instance.community_id is None:
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


def _require_perm(actor: User, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDenied("您没有管理工作人员账号的权限。")


def _check_staff_assignment(*, actor: User, community: Community | None, roles: list[Group], groups: list) -> None:
    """What a head may hand out: community roles, and groups of that community that they can see."""
    if community is None:
        if actor.is_superuser:
            return  # a street-level account, managed by superusers only
        raise ValidationError({"community": "请选择账号所属社区。"})
    scope = scope_of(actor)
    if not scope.unrestricted and community.pk not in scope.community_ids:
        raise PermissionDenied("只能管理本社区的工作人员账号。")
    if not actor.is_superuser and any(role.name not in COMMUNITY_ROLE_NAMES for role in roles):
        raise PermissionDenied("社区只能分配社区级角色。")
    visible_groups = set(ResidentGroup.objects.visible_to(actor).filter(community=community))
    if any(group not in visible_groups for group in groups):
        raise ValidationError({"resident_groups": "负责的居民小组必须是本社区、您所管辖的小组。"})
    if any(role.name == GRID_WORKER for role in roles) and not groups:
        raise ValidationError({"resident_groups": "网格员/小组长至少要负责一个居民小组。"})


def _check_manageable(*, actor: User, user: User) -> None:
    """A head manages only accounts no stronger than a community role (never superusers or extra rights)."""
    ensure_visible_to(user, actor)
    if actor.is_superuser:
        return
    stronger = user.user_permissions.exists() or user.groups.exclude(name__in=COMMUNITY_ROLE_NAMES).exists()
    if stronger:
        raise PermissionDenied("该账号的权限超出社区角色,只能由系统管理员管理。")


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
    resident_groups: Iterable[ResidentGroup] = (),
) -> User:
    """Create a staff account inside the actor's community (书记/主任 manage their own staff)."""
    _require_perm(actor, "governance.add_user")
    community = actor_community(actor) or community
    roles, resident_groups = list(roles), list(resident_groups)
    _check_staff_assignment(actor=actor, community=community, roles=roles, groups=resident_groups)
    user = User(username=username, name=name, phone=phone, post=post, community=community)
    user.set_password(password)
    return register_save(actor=actor, instance=user, m2m={"groups": roles, "resident_groups": resident_groups})


@transaction.atomic
def staff_account_update(
    *,
    actor: User,
    user: User,
    roles: Iterable[Group],
    resident_groups: Iterable[ResidentGroup],
) -> User:
    """Save the edited fields of ``user`` with its roles and groups; its community never changes here."""
    _require_perm(actor, "governance.change_user")
    _check_manageable(actor=actor, user=user)
    roles, resident_groups = list(roles), list(resident_groups)
    _check_staff_assignment(actor=actor, community=user.community, roles=roles, groups=resident_groups)
    if user.pk == actor.pk and not user.is_active:
        raise ValidationError({"is_active": "不能停用自己的账号。"})
    return register_save(actor=actor, instance=user, m2m={"groups": roles, "resident_groups": resident_groups})


@transaction.atomic
def staff_account_set_password(*, actor: User, user: User, password: str) -> User:
    """Set a new password for a staff account of the actor's community."""
    _require_perm(actor, "governance.change_user")
    _check_manageable(actor=actor, user=user)
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


def excel_uploads_purge(*, older_than: datetime.timedelta = datetime.timedelta(days=1), now=None) -> int:
    """Delete uploaded import files nobody confirmed or cancelled; returns how many went."""
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from governance.excel import UPLOAD_DIR

    cutoff = (now or timezone.now()) - older_than
    if not default_storage.exists(UPLOAD_DIR):
        return 0
    deleted = 0
    for name in default_storage.listdir(UPLOAD_DIR)[1]:
        path = f"{UPLOAD_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            deleted += 1
    return deleted
