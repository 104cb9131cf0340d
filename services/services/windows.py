"""Write workflows of the service windows, their items and the service cases (办件).

The status machine of a case (``CaseStatus``)::

    已受理 ──► 办理中 ──► 已转办 ──► 办理中 (转办单位回复后继续办理)
       │          │   └──► 待补材料 ──► 办理中 (材料补齐)
       └──────────┴─── any open status ──► 已办结 (with the satisfaction) or 退回 (with the reason)

A case received as 当场办结 (only for an item marked 即办件) is closed at once. 已办结 and 退回 are
final: nothing more is logged on such a case. Every change of status writes a step in the case's log.
The due date is the day of receipt plus the item's time limit, in calendar days.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import User
from governance.numbering import next_number
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save
from services.models.windows import (
    CaseMode,
    CaseStatus,
    Satisfaction,
    ServiceCase,
    ServiceCaseStep,
    ServiceItem,
    ServiceWindow,
)

# The moves a step may make (besides closing and returning, which have their own services).
STEP_MOVES: dict[str, tuple[str, ...]] = {
    CaseStatus.RECEIVED: (CaseStatus.PROCESSING, CaseStatus.TRANSFERRED, CaseStatus.AWAITING),
    CaseStatus.PROCESSING: (CaseStatus.PROCESSING, CaseStatus.TRANSFERRED, CaseStatus.AWAITING),
    CaseStatus.TRANSFERRED: (CaseStatus.TRANSFERRED, CaseStatus.PROCESSING),
    CaseStatus.AWAITING: (CaseStatus.AWAITING, CaseStatus.PROCESSING),
}


def due_date(received: datetime.date, item: ServiceItem) -> datetime.date:
    """The day a case received on ``received`` must be closed by: the item's limit in calendar days."""
    return received + datetime.timedelta(days=item.time_limit_days)


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _not_in_future(moment: datetime.datetime, field: str, what: str) -> None:
    if moment > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({field: f"{what}不能晚于当前时间。"})


#
# Windows and items
#


@transaction.atomic
def window_save(*, actor: User, window: ServiceWindow, staff: Iterable[User] | None = None) -> ServiceWindow:
    """Add or edit a service window (in the actor's community when new), with the staff assigned to it."""
    if window._state.adding and window.community_id is None:
        window.community = actor_community(actor)
        if window.community is None:
            raise ValidationError({"community": "请选择社区。"})
    m2m = None
    if staff is not None:
        staff = list(staff)
        if any(user.community_id != window.community_id for user in staff):
            raise ValidationError({"staff": "窗口工作人员必须是本社区的工作人员。"})
        m2m = {"staff": staff}
    return register_save(actor=actor, instance=window, m2m=m2m, reason="" if window.pk else "设立窗口")


@transaction.atomic
def item_save(*, actor: User, item: ServiceItem) -> ServiceItem:
    """Add or edit a service item; it belongs to the community of its window."""
    if item.window_id is None:
        raise ValidationError({"window": "请选择服务窗口。"})
    ensure_visible_to(item.window, actor)
    item.community_id = item.window.community_id
    return register_save(actor=actor, instance=item, reason="" if item.pk else "新增事项")


#
# Cases
#


def _log(actor: User, case: ServiceCase, *, action: str, note: str = "", at: datetime.datetime) -> ServiceCaseStep:
    step = ServiceCaseStep(
        community=case.community, case=case, at=at, action=action, note=note.strip(), status=case.status, by=actor
    )
    step.full_clean()
    step.save()
    return step


def _locked(case: ServiceCase, actor: User) -> ServiceCase:
    ensure_visible_to(case, actor)
    return ServiceCase.objects.select_for_update().select_related("item", "community").get(pk=case.pk)


def _finished_error(case: ServiceCase, what: str) -> ValidationError:
    done = "已办结" if case.status == CaseStatus.CLOSED else "已退回"
    return ValidationError(f"办件{done},不能再{what}。")


@transaction.atomic
def case_open(
    *,
    actor: User,
    case: ServiceCase,
    satisfaction: str = "",
    note: str = "",
) -> ServiceCase:
    """Receive a case (受理): numbered per community and year, window taken from the item, due date from
    its time limit. The receiving user is the agent unless another is named. A 当场办结 case (only for a
    即办件) is closed at once, with the applicant's satisfaction if given."""
    if not case._state.adding:
        raise ValueError("case_open takes a new case")
    if case.item_id is None:
        raise ValidationError({"item": "请选择服务事项。"})
    ensure_visible_to(case.item, actor)
    item = case.item
    if not item.is_active or not item.window.is_active:
        raise ValidationError({"item": f"服务事项“{item.name}”已停用,不能受理。"})
    if case.community_id is None:
        case.community = actor_community(actor) or item.community
    if item.community_id != case.community_id:
        raise ValidationError({"item": "服务事项必须属于本社区。"})
    if case.received_at is None:
        case.received_at = timezone.now()
    _not_in_future(case.received_at, "received_at", "受理时间")
    on_the_spot = case.mode == CaseMode.ON_THE_SPOT
    if on_the_spot and not item.on_the_spot:
        raise ValidationError({"mode": f"“{item.name}”不是即办件,不能当场办结,请选择代办或转办。"})
    if satisfaction and satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": "请选择满意度。"})
    for related in (case.applicant_person, case.applicant_household, case.applicant_unit):
        if related is not None:
            ensure_visible_to(related, actor)
    case.group = (
        case.applicant_person.group
        if case.applicant_person_id
        else case.applicant_household.group
        if case.applicant_household_id
        else None
    )
    case.window = item.window
    case.received_by = actor
    if case.agent_id is None:
        case.agent = actor
    case.due_on = due_date(_local_date(case.received_at), item)
    case.status = CaseStatus.RECEIVED
    case.closed_at = None
    case.satisfaction = ""
    case.number = next_number(
        ServiceCase.objects.all(), community=case.community, year=_local_date(case.received_at).year
    )
    register_save(actor=actor, instance=case, reason="受理")
    _log(actor, case, action="受理", note=note or case.summary, at=case.received_at)
    if on_the_spot:
        case.status = CaseStatus.CLOSED
        case.closed_at = case.received_at
        case.satisfaction = satisfaction
        register_save(actor=actor, instance=case, reason="当场办结")
        _log(actor, case, action="当场办结", at=case.received_at)
    return case


@transaction.atomic
def case_update(*, actor: User, case: ServiceCase) -> ServiceCase:
    """Edit the facts of a case (事由, channel, agent, contact, fee waiver, note); status and dates change
    only through the workflow services."""
    if case._state.adding:
        raise ValueError("case_update takes an existing case")
    stored = ServiceCase.objects.select_for_update().get(pk=case.pk)
    ensure_visible_to(stored, actor)
    for field in ("status", "closed_at", "satisfaction", "received_at", "due_on", "item_id", "window_id", "number"):
        setattr(case, field, getattr(stored, field))
    if stored.agent_id != case.agent_id and not case.is_open:
        raise ValidationError({"agent": f"办件已{stored.get_status_display()},不能再更换代理员。"})
    reason = "更换代理员" if stored.agent_id != case.agent_id else ""
    register_save(actor=actor, instance=case, reason=reason)
    if reason:
        _log(actor, case, action="更换代理员", note=f"由{stored.agent.display_name}改为{case.agent.display_name}",
             at=timezone.now())  # fmt: skip
    return case


@transaction.atomic
def case_step_add(
    *,
    actor: User,
    case: ServiceCase,
    action: str,
    note: str = "",
    to_status: str | None = None,
    transferred_to: str = "",
    at: datetime.datetime | None = None,
) -> ServiceCaseStep:
    """Log a step of the handling (办理过程), optionally moving the case.

    Without ``to_status`` the first step moves a 已受理 case to 办理中 and later steps keep the status.
    转办 (已转办) needs the office it goes to; 待补材料 says what is missing in the note.
    """
    case = _locked(case, actor)
    if not case.is_open:
        raise _finished_error(case, "登记办理过程")
    action = (action or "").strip()
    if not action:
        raise ValidationError({"action": "请填写办理环节。"})
    at = at or timezone.now()
    if at < case.received_at:
        raise ValidationError(
            {"at": f"办理时间不能早于受理时间({timezone.localtime(case.received_at):%Y-%m-%d %H:%M})。"}
        )
    _not_in_future(at, "at", "办理时间")
    if not to_status:
        to_status = CaseStatus.PROCESSING if case.status == CaseStatus.RECEIVED else case.status
    if to_status not in STEP_MOVES[case.status]:
        raise ValidationError(
            {"to_status": f"办件{case.get_status_display()},不能转为“{CaseStatus(to_status).label}”。"}
        )
    if to_status == CaseStatus.TRANSFERRED:
        transferred_to = (transferred_to or "").strip()
        if not transferred_to and case.status != CaseStatus.TRANSFERRED:
            raise ValidationError({"transferred_to": "转办须填写转办单位。"})
        if transferred_to:
            case.transferred_to = transferred_to
    if to_status == CaseStatus.AWAITING and case.status != CaseStatus.AWAITING and not note.strip():
        raise ValidationError({"note": "待补材料须在情况说明中写明需补充的材料。"})
    moved = to_status != case.status
    case.status = to_status
    register_save(actor=actor, instance=case, reason=f"{action}:{CaseStatus(to_status).label}" if moved else "")
    step = _log(actor, case, action=action, note=note, at=at)
    ensure_visible_to(step, actor)
    return step


@transaction.atomic
def case_close(
    *,
    actor: User,
    case: ServiceCase,
    closed_at: datetime.datetime | None = None,
    satisfaction: str = "",
    note: str = "",
) -> ServiceCase:
    """Close a case (办结) and record the applicant's satisfaction (满意/基本满意/不满意, or not rated)."""
    case = _locked(case, actor)
    if not case.is_open:
        raise _finished_error(case, "办结")
    if satisfaction and satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": "请选择满意度。"})
    closed_at = closed_at or timezone.now()
    if closed_at < case.received_at:
        raise ValidationError({"closed_at": "办结时间不能早于受理时间。"})
    last_step = case.steps.order_by("-at").values_list("at", flat=True).first()
    if last_step and closed_at < last_step:
        raise ValidationError(
            {"closed_at": f"办结时间不能早于最后一次办理({timezone.localtime(last_step):%Y-%m-%d %H:%M})。"}
        )
    _not_in_future(closed_at, "closed_at", "办结时间")
    case.status = CaseStatus.CLOSED
    case.closed_at = closed_at
    case.satisfaction = satisfaction
    register_save(actor=actor, instance=case, reason="办结")
    label = Satisfaction(satisfaction).label if satisfaction else "未评价"
    _log(actor, case, action="办结", note=f"{note.strip()}(群众评价:{label})".lstrip(), at=closed_at)
    return case


@transaction.atomic
def case_return(
    *, actor: User, case: ServiceCase, reason: str, returned_at: datetime.datetime | None = None
) -> ServiceCase:
    """Return a case (退回 / 不予办理) with the reason told to the applicant."""
    case = _locked(case, actor)
    if not case.is_open:
        raise _finished_error(case, "退回")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "退回须填写原因。"})
    returned_at = returned_at or timezone.now()
    if returned_at < case.received_at:
        raise ValidationError({"returned_at": "退回时间不能早于受理时间。"})
    _not_in_future(returned_at, "returned_at", "退回时间")
    case.status = CaseStatus.RETURNED
    case.closed_at = returned_at
    case.return_reason = reason
    register_save(actor=actor, instance=case, reason="退回")
    _log(actor, case, action="退回", note=reason, at=returned_at)
    return case
