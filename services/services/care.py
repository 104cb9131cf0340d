"""Write workflows of 关爱台账: care subjects and their visits."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import User
from governance.scoping import ensure_visible_to
from governance.services import register_save
from services.models.care import CareSubject, CareVisit


@transaction.atomic
def subject_save(*, actor: User, subject: CareSubject) -> CareSubject:
    """Add or edit a care subject (关爱对象); its community and group follow the person."""
    if subject.person_id is None:
        raise ValidationError({"person": "请填写关爱对象的身份证号。"})
    ensure_visible_to(subject.person, actor)
    if subject.caregiver_person_id:
        ensure_visible_to(subject.caregiver_person, actor)
    if subject._state.adding:
        subject.community = subject.person.community
    subject.group = subject.person.group
    if subject.ended_on and subject.ended_on <= timezone.localdate():
        subject.is_active = False
    return register_save(actor=actor, instance=subject, reason="" if subject.pk else "纳入关爱")


@transaction.atomic
def visit_add(
    *,
    actor: User,
    subject: CareSubject,
    visited_on: datetime.date,
    kind: str,
    situation: str,
    visitor: User | None = None,
    help_given: str = "",
    next_action: str = "",
) -> CareVisit:
    """Log a visit (走访/电话/送温暖) to an active care subject."""
    ensure_visible_to(subject, actor)
    if not subject.is_active:
        raise ValidationError("该关爱对象已退出,不能再登记走访。")
    if visited_on < subject.started_on:
        raise ValidationError({"visited_on": f"走访日期不能早于纳入日期({subject.started_on:%Y-%m-%d})。"})
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": "走访日期不能晚于今天。"})
    if not situation.strip():
        raise ValidationError({"situation": "请填写走访情况。"})
    visitor = visitor or actor
    if visitor.community_id != subject.community_id:
        raise ValidationError({"visitor": "走访人必须是本社区的工作人员。"})
    visit = CareVisit(
        community=subject.community,
        subject=subject,
        visited_on=visited_on,
        kind=kind,
        visitor=visitor,
        situation=situation.strip(),
        help_given=help_given.strip(),
        next_action=next_action.strip(),
        recorded_by=actor,
    )
    visit.full_clean()
    visit.save()
    ensure_visible_to(visit, actor)
    return visit
