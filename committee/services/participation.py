"""Write workflows of residents' participation: suggestions and their status machine, disclosures with their
items and attachments, democratic evaluations.

A suggestion is received (已受理, numbered per community and year), assigned to a handler (处理中), then either
implemented (已落实) or answered as declined (已答复不予采纳, reason required; from 已受理 or 处理中). A settled
suggestion does not move again. Every step is atomic, re-checks the actor's scope and refuses a date in the
future or before the step it follows, with the reason in Chinese.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from committee.models.participation import (
    ATTACHMENT_MAX_BYTES,
    Disclosure,
    DisclosureAttachment,
    DisclosureItem,
    Evaluation,
    Suggestion,
    SuggestionStatus,
)
from committee.models.staff import Staff
from governance.models import User
from governance.numbering import next_number
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save


def _not_in_future(day: datetime.date | None, field: str, what: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: f"{what}不能晚于今天。"})


def _locked(suggestion: Suggestion) -> Suggestion:
    """The suggestion re-read under a row lock, inside the actor's transaction."""
    return Suggestion.objects.select_for_update().get(pk=suggestion.pk)


#
# Suggestions (意见建议)
#


@transaction.atomic
def suggestion_receive(*, actor: User, suggestion: Suggestion) -> Suggestion:
    """Receive a suggestion (受理): numbered ``<year>-<n>`` per community, status 已受理, its group taken from
    the submitter when left blank."""
    if not suggestion._state.adding:
        raise ValueError("suggestion_receive takes a new suggestion")
    if suggestion.received_on is None:
        raise ValidationError({"received_on": "请填写受理日期。"})
    _not_in_future(suggestion.received_on, "received_on", "受理日期")
    if suggestion.community_id is None:
        community = actor_community(actor)
        if community is None:
            raise ValidationError({"community": "请选择社区。"})
        suggestion.community = community
    if suggestion.submitter_person_id is not None:
        ensure_visible_to(suggestion.submitter_person, actor)
        suggestion.submitter_name = ""
        if suggestion.group_id is None:
            suggestion.group_id = suggestion.submitter_person.group_id
    suggestion.status = SuggestionStatus.RECEIVED
    suggestion.assigned_on = suggestion.answered_on = suggestion.implemented_on = None
    suggestion.recorded_by = actor
    suggestion.number = next_number(
        Suggestion.objects.all(), community=suggestion.community, year=suggestion.received_on.year
    )
    return register_save(actor=actor, instance=suggestion, reason="受理")


@transaction.atomic
def suggestion_update(*, actor: User, suggestion: Suggestion) -> Suggestion:
    """Correct the facts of a suggestion (source, submitter, content, category …); its status moves only
    through the steps below. The receipt date of an assigned or settled suggestion stays before its steps."""
    ensure_visible_to(Suggestion.objects.get(pk=suggestion.pk), actor)
    _not_in_future(suggestion.received_on, "received_on", "受理日期")
    if suggestion.submitter_person_id is not None:
        ensure_visible_to(suggestion.submitter_person, actor)
        suggestion.submitter_name = ""
    return register_save(actor=actor, instance=suggestion)


def _check_handler(suggestion: Suggestion, handler: Staff | None, handler_user: User | None, actor: User) -> None:
    if (handler is None) == (handler_user is None):
        raise ValidationError({"handler": "请选择一名承办人(工作人员或系统账号,二者选一)。"})
    if handler is not None:
        ensure_visible_to(handler, actor)
        if handler.community_id != suggestion.community_id:
            raise ValidationError({"handler": "承办人必须是本社区工作人员。"})
    if handler_user is not None and handler_user.community_id != suggestion.community_id:
        raise ValidationError({"handler_user": "承办人必须是本社区工作人员。"})


@transaction.atomic
def suggestion_assign(
    *,
    actor: User,
    suggestion: Suggestion,
    assigned_on: datetime.date,
    handler: Staff | None = None,
    handler_user: User | None = None,
    note: str = "",
) -> Suggestion:
    """Assign a suggestion to its handler (交办): 已受理 → 处理中. A suggestion in 处理中 may be handed over to
    another handler (转交), keeping its first assignment date."""
    suggestion = _locked(suggestion)
    ensure_visible_to(suggestion, actor)
    if not suggestion.is_open:
        raise ValidationError(f"该意见建议已{suggestion.get_status_display()},不能再交办。")
    _check_handler(suggestion, handler, handler_user, actor)
    if assigned_on < suggestion.received_on:
        raise ValidationError({"assigned_on": f"交办日期不能早于受理日期({suggestion.received_on:%Y-%m-%d})。"})
    _not_in_future(assigned_on, "assigned_on", "交办日期")
    handing_over = suggestion.status == SuggestionStatus.PROCESSING
    suggestion.handler, suggestion.handler_user = handler, handler_user
    if not handing_over:
        suggestion.status = SuggestionStatus.PROCESSING
        suggestion.assigned_on = assigned_on
    if note.strip():
        line = f"{assigned_on:%Y-%m-%d} {'转交' if handing_over else '交办'}{suggestion.handler_display}:{note.strip()}"
        suggestion.note = f"{suggestion.note}\n{line}".strip()
    return register_save(actor=actor, instance=suggestion, reason="转交" if handing_over else "交办")


@transaction.atomic
def suggestion_implement(
    *,
    actor: User,
    suggestion: Suggestion,
    implemented_on: datetime.date,
    reply: str,
    answered_on: datetime.date | None = None,
) -> Suggestion:
    """Record that a suggestion was carried out (落实): 处理中 → 已落实, with what was done and told to the
    submitter. The answer date defaults to the day it was carried out."""
    suggestion = _locked(suggestion)
    ensure_visible_to(suggestion, actor)
    if suggestion.status == SuggestionStatus.RECEIVED:
        raise ValidationError("该意见建议尚未交办承办人,请先交办再登记落实。")
    if suggestion.status != SuggestionStatus.PROCESSING:
        raise ValidationError(f"该意见建议已{suggestion.get_status_display()},不能再登记落实。")
    if not reply.strip():
        raise ValidationError({"reply": "请填写落实情况(答复内容)。"})
    if implemented_on < suggestion.assigned_on:
        raise ValidationError({"implemented_on": f"落实日期不能早于交办日期({suggestion.assigned_on:%Y-%m-%d})。"})
    _not_in_future(implemented_on, "implemented_on", "落实日期")
    answered_on = answered_on or implemented_on
    if answered_on < suggestion.received_on:
        raise ValidationError({"answered_on": "答复日期不能早于受理日期。"})
    _not_in_future(answered_on, "answered_on", "答复日期")
    suggestion.status = SuggestionStatus.IMPLEMENTED
    suggestion.implemented_on = implemented_on
    suggestion.answered_on = answered_on
    suggestion.reply = reply.strip()
    return register_save(actor=actor, instance=suggestion, reason="已落实")


@transaction.atomic
def suggestion_decline(
    *,
    actor: User,
    suggestion: Suggestion,
    answered_on: datetime.date,
    reason: str,
    reply: str = "",
) -> Suggestion:
    """Answer a suggestion as not adopted (答复不予采纳), from 已受理 or 处理中: the reason is required."""
    suggestion = _locked(suggestion)
    ensure_visible_to(suggestion, actor)
    if not suggestion.is_open:
        raise ValidationError(f"该意见建议已{suggestion.get_status_display()},不能再答复不予采纳。")
    if not reason.strip():
        raise ValidationError({"reason": "不予采纳须填写原因。"})
    earliest = suggestion.assigned_on or suggestion.received_on
    if answered_on < earliest:
        what = "交办" if suggestion.assigned_on else "受理"
        raise ValidationError({"answered_on": f"答复日期不能早于{what}日期({earliest:%Y-%m-%d})。"})
    _not_in_future(answered_on, "answered_on", "答复日期")
    suggestion.status = SuggestionStatus.DECLINED
    suggestion.answered_on = answered_on
    suggestion.decline_reason = reason.strip()
    suggestion.reply = reply.strip()
    return register_save(actor=actor, instance=suggestion, reason="答复不予采纳")


#
# Disclosures (居务·财务·党务公开)
#


@transaction.atomic
def disclosure_save(*, actor: User, disclosure: Disclosure) -> Disclosure:
    """Record a publication (new: in the actor's community) or correct it."""
    _not_in_future(disclosure.published_on, "published_on", "公开日期")
    if disclosure._state.adding:
        disclosure.recorded_by = actor
    else:
        ensure_visible_to(Disclosure.objects.get(pk=disclosure.pk), actor)
    return register_save(actor=actor, instance=disclosure, reason="" if disclosure.pk else "登记公开")


@transaction.atomic
def disclosure_item_save(*, actor: User, item: DisclosureItem) -> DisclosureItem:
    """Add a matter to a disclosure (or correct one); it belongs to the disclosure's community."""
    ensure_visible_to(item.disclosure, actor)
    item.community_id = item.disclosure.community_id
    if item._state.adding and not item.order:  # 0: after the last
        item.order = item.disclosure.items.count() + 1
    return register_save(actor=actor, instance=item)


@transaction.atomic
def disclosure_attachment_add(*, actor: User, disclosure: Disclosure, title: str, file) -> DisclosureAttachment:
    """Attach a file (photo of the 公开栏, the published table …) to a disclosure, stored under
    ``disclosures/<community>/``."""
    ensure_visible_to(disclosure, actor)
    if file is None:
        raise ValidationError({"file": "请选择要上传的文件。"})
    if file.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": f"文件不能超过{ATTACHMENT_MAX_BYTES // (1024 * 1024)}MB。"})
    if not title.strip():
        raise ValidationError({"title": "请填写附件说明。"})
    attachment = DisclosureAttachment(
        community=disclosure.community, disclosure=disclosure, title=title.strip(), file=file, uploaded_by=actor
    )
    return register_save(actor=actor, instance=attachment, reason="上传附件")


#
# Democratic evaluations (民主测评)
#


@transaction.atomic
def evaluation_save(*, actor: User, evaluation: Evaluation) -> Evaluation:
    """Record the result of an evaluation (or correct it): the votes may not exceed the participants."""
    _not_in_future(evaluation.date, "date", "测评日期")
    if evaluation.staff_id is not None:
        ensure_visible_to(evaluation.staff, actor)
    if evaluation._state.adding:
        evaluation.recorded_by = actor
    else:
        ensure_visible_to(Evaluation.objects.get(pk=evaluation.pk), actor)
    return register_save(actor=actor, instance=evaluation, reason="" if evaluation.pk else "登记测评结果")
