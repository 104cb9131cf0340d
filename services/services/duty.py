"""Write workflows of the duty rosters (值班表): rosters, their shifts, handover notes and absences (脱岗).

A roster is 草稿 until it is published (已发布); publishing needs at least one shift, and a roster whose
coverage check finds gaps may still be published (the page says so). Each shift has exactly one 带班领导
(the ``leader`` field, required here) and at least one person on duty, all accounts of the roster's
community. An absence is recorded against a shift: its duration, the responsible 带班领导 and the fine of
seed 000's rule (``services.models.duty.fine_for``) are computed here, never typed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import User
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save
from services.models.duty import DutyAbsence, DutyHandover, DutyRoster, DutyShift, RosterStatus, fine_for


def _aware(moment):
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@transaction.atomic
def roster_save(*, actor: User, roster: DutyRoster) -> DutyRoster:
    """Add or edit a roster; a new one is a 草稿 of the actor's community, prepared by the actor."""
    if roster._state.adding:
        if roster.community_id is None:
            roster.community = actor_community(actor)
            if roster.community is None:
                raise ValidationError({"community": "请选择社区。"})
        roster.prepared_by = actor
        roster.status = RosterStatus.DRAFT
    else:
        outside = roster.shifts.exclude(date__range=(roster.start_on, roster.end_on)).exists()
        if outside:
            raise ValidationError({"end_on": "已有班次不在新的起止日期之内,请先调整这些班次。"})
    return register_save(actor=actor, instance=roster, reason="" if roster.pk else "编排值班表")


@transaction.atomic
def roster_publish(*, actor: User, roster: DutyRoster, at: datetime.datetime | None = None) -> DutyRoster:
    """草稿 → 已发布 (now, or ``at``). Gaps in the coverage do not stop it (the roster page shows them)."""
    ensure_visible_to(roster, actor)
    roster = DutyRoster.objects.select_for_update().get(pk=roster.pk)
    if roster.status == RosterStatus.PUBLISHED:
        raise ValidationError("值班表已发布,不能重复发布。")
    if not roster.shifts.exists():
        raise ValidationError("值班表还没有班次,不能发布。")
    roster.status = RosterStatus.PUBLISHED
    roster.published_at = at or timezone.now()
    return register_save(actor=actor, instance=roster, reason="发布值班表")


@transaction.atomic
def shift_save(*, actor: User, shift: DutyShift, staff: Iterable[User]) -> DutyShift:
    """Add or edit a shift of a roster: a day of the roster, one 带班领导, at least one person on duty."""
    if shift.roster_id is None:
        raise ValidationError({"roster": "请选择值班表。"})
    roster = shift.roster
    ensure_visible_to(roster, actor)
    shift.community_id = roster.community_id
    staff = list(staff)
    errors = {}
    if shift.date and not roster.start_on <= shift.date <= roster.end_on:
        errors["date"] = f"日期必须在值班表的起止日期({roster.start_on:%Y-%m-%d} 至 {roster.end_on:%Y-%m-%d})之内。"
    if not staff:
        errors["staff"] = "请选择值班人员。"
    elif any(user.community_id != roster.community_id for user in staff):
        errors["staff"] = "值班人员必须是本社区的工作人员。"
    if shift.leader_id is None:
        errors["leader"] = "每个班次必须有一名带班领导。"
    elif shift.leader.community_id != roster.community_id:
        errors["leader"] = "带班领导必须是本社区的工作人员。"
    if shift.window_id and shift.window.community_id != roster.community_id:
        errors["window"] = "服务窗口必须属于本社区。"
    if errors:
        raise ValidationError(errors)
    return register_save(actor=actor, instance=shift, m2m={"staff": staff}, reason="" if shift.pk else "排班")


@transaction.atomic
def handover_add(*, actor: User, handover: DutyHandover) -> DutyHandover:
    """Record a handover note (交接班记录) of a shift, written by the actor unless someone else is named."""
    ensure_visible_to(handover.shift, actor)
    handover.community_id = handover.shift.community_id
    if handover.written_by_id is None:
        handover.written_by = actor
    elif handover.written_by.community_id != handover.community_id:
        raise ValidationError({"written_by": "记录人必须是本社区的工作人员。"})
    return register_save(actor=actor, instance=handover, reason="交接班")


@transaction.atomic
def absence_save(*, actor: User, absence: DutyAbsence) -> DutyAbsence:
    """Record or correct an absence (脱岗): the person must be on duty in that shift (staff or 带班领导), the
    absence inside the shift's hours; duration, responsible 带班领导 and fine are computed."""
    if absence.shift_id is None:
        raise ValidationError({"shift": "请选择班次。"})
    shift = absence.shift
    ensure_visible_to(shift, actor)
    absence.community_id = shift.community_id
    errors = {}
    on_duty = {user.pk for user in shift.staff.all()} | {shift.leader_id}
    if absence.staff_id is None or absence.staff_id not in on_duty:
        errors["staff"] = "脱岗人员必须是该班次的值班人员。"
    if absence.left_at and absence.returned_at:
        if absence.returned_at <= absence.left_at:
            errors["returned_at"] = "返岗时间必须晚于离岗时间。"
        start, end = _aware(shift.starts_at), _aware(shift.ends_at)
        if not start <= absence.left_at < end:
            errors["left_at"] = f"离岗时间必须在班次时间({shift})之内。"
        elif absence.returned_at > end:
            errors["returned_at"] = "返岗时间不能晚于班次结束时间。"
    else:
        errors["left_at"] = "请填写离岗和返岗时间。"
    if absence.excused and not absence.reason.strip():
        errors["reason"] = "有正当理由的脱岗请填写事由。"
    if errors:
        raise ValidationError(errors)
    absence.duration_minutes = int((absence.returned_at - absence.left_at).total_seconds() // 60)
    absence.responsible_leader_id = shift.leader_id
    absence.fine_amount = fine_for(absence.duration_minutes, absence.excused)
    if absence._state.adding:
        absence.recorded_by = actor
    return register_save(actor=actor, instance=absence, reason="" if absence.pk else "登记脱岗")
