"""Write workflows of 人民调解: committee members, dispute cases and their status machine.

受理 → 调解中 (the first session) → 调解成功 (terms and signing date required) / 调解不成 / 转交 (where to,
required) / 当事人撤回. A case is closed once, on a closing date no earlier than its last session; a
successful one gets a follow-up visit (回访) due 30 days after the agreement was signed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import User
from governance.numbering import next_number
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save
from residents.models import Person
from safety.models.mediation import (
    CLOSING_STATUSES,
    OPEN_STATUSES,
    CommitteeMember,
    DisputeCase,
    DisputeParty,
    DisputeStatus,
    FollowUp,
    MediationSession,
    PartyRole,
)

FOLLOW_UP_AFTER = datetime.timedelta(days=30)


def _not_in_future(day: datetime.date, field: str, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: f"{what}不能晚于今天。"})


def _check_mediators(case_or_community, mediators: Iterable[CommitteeMember], field: str = "mediators") -> list:
    community_id = case_or_community.community_id if hasattr(case_or_community, "community_id") else None
    mediators = list(mediators)
    if any(member.community_id != community_id for member in mediators):
        raise ValidationError({field: "调解人员必须是本社区调委会成员。"})
    return mediators


#
# Committee
#


@transaction.atomic
def committee_member_save(*, actor: User, member: CommitteeMember) -> CommitteeMember:
    """Add or edit a member of the 人民调解委员会 (in the actor's community when new)."""
    return register_save(actor=actor, instance=member, reason="" if member.pk else "加入调委会")


#
# Dispute cases
#


@dataclass(frozen=True)
class PartyData:
    """A party as a form gives it: a person of the register, or an outsider's name and contacts."""

    role: str
    person: Person | None = None
    name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""


def _party(actor: User, case: DisputeCase, data: PartyData) -> DisputeParty:
    if data.person is not None:
        ensure_visible_to(data.person, actor)
        party = DisputeParty(community=case.community, case=case, role=data.role, person=data.person)
    else:
        party = DisputeParty(
            community=case.community,
            case=case,
            role=data.role,
            name=data.name.strip(),
            id_number=data.id_number.strip(),
            phone=data.phone.strip(),
            address=data.address.strip(),
        )
    if data.person is not None and case.parties.filter(person=data.person).exists():
        raise ValidationError({"person": f"{data.person.name}已是本案当事人。"})
    return register_save(actor=actor, instance=party)


@transaction.atomic
def dispute_open(
    *,
    actor: User,
    case: DisputeCase,
    parties: Iterable[PartyData],
    mediators: Iterable[CommitteeMember] = (),
) -> DisputeCase:
    """Receive a dispute (受理): numbered per community and year, with at least one party on each side."""
    if not case._state.adding:
        raise ValueError("dispute_open takes a new case")
    parties = list(parties)
    roles = {party.role for party in parties}
    if PartyRole.APPLICANT not in roles:
        raise ValidationError({"applicant": "请填写申请方当事人。"})
    if PartyRole.RESPONDENT not in roles:
        raise ValidationError({"respondent": "请填写被申请方当事人。"})
    persons = [party.person.pk for party in parties if party.person is not None]
    if len(persons) != len(set(persons)):
        raise ValidationError("同一居民不能既是申请方又是被申请方。")
    if case.received_on is None:
        raise ValidationError({"received_on": "请填写受理日期。"})
    _not_in_future(case.received_on, "received_on", "受理日期")
    if case.community_id is None:
        community = actor_community(actor)
        if community is None:
            raise ValidationError({"community": "请选择社区。"})
        case.community = community
    mediators = _check_mediators(case, mediators)
    case.status = DisputeStatus.RECEIVED
    case.number = next_number(DisputeCase.objects.all(), community=case.community, year=case.received_on.year)
    register_save(actor=actor, instance=case, m2m={"mediators": mediators}, reason="受理")
    for data in parties:
        _party(actor, case, data)
    return case


@transaction.atomic
def dispute_update(*, actor: User, case: DisputeCase, mediators: Iterable[CommitteeMember]) -> DisputeCase:
    """Edit the facts of a case (kind, summary, investigation, level, risks, mediators)."""
    mediators = _check_mediators(case, mediators)
    return register_save(actor=actor, instance=case, m2m={"mediators": mediators})


@transaction.atomic
def dispute_party_add(*, actor: User, case: DisputeCase, party: PartyData) -> DisputeParty:
    """Add a party to a case that is still open."""
    case = DisputeCase.objects.select_for_update().get(pk=case.pk)
    ensure_visible_to(case, actor)
    if not case.is_open:
        raise ValidationError(f"案件已{case.get_status_display()},不能再增加当事人。")
    return _party(actor, case, party)


@transaction.atomic
def dispute_session_record(
    *,
    actor: User,
    case: DisputeCase,
    held_on: datetime.date,
    place: str,
    mediators: Iterable[CommitteeMember],
    summary: str,
) -> MediationSession:
    """Record a mediation session; the first one moves the case from 受理 to 调解中."""
    case = DisputeCase.objects.select_for_update().get(pk=case.pk)
    ensure_visible_to(case, actor)
    if not case.is_open:
        raise ValidationError(f"案件已{case.get_status_display()},不能再登记调解记录。")
    if held_on < case.received_on:
        raise ValidationError({"held_on": f"调解日期不能早于受理日期({case.received_on:%Y-%m-%d})。"})
    _not_in_future(held_on, "held_on", "调解日期")
    mediators = _check_mediators(case, mediators)
    if not mediators:
        raise ValidationError({"mediators": "请选择参加调解的人员。"})
    session = MediationSession(
        community=case.community, case=case, held_on=held_on, place=place, summary=summary, recorded_by=actor
    )
    session.full_clean(exclude=["mediators"])
    session.save()
    session.mediators.set(mediators)
    # Whoever mediated a session mediates the case.
    case.mediators.add(*mediators)
    if case.status == DisputeStatus.RECEIVED:
        case.status = DisputeStatus.MEDIATING
        register_save(actor=actor, instance=case, reason="开始调解")
    ensure_visible_to(session, actor)
    return session


@transaction.atomic
def dispute_close(
    *,
    actor: User,
    case: DisputeCase,
    outcome: str,
    closed_on: datetime.date,
    note: str = "",
    agreement_terms: str = "",
    performance: str = "",
    signed_on: datetime.date | None = None,
    transferred_to: str = "",
) -> DisputeCase:
    """Close a case with its outcome (结案).

    调解成功 and 调解不成 need at least one session (调解中); 转交 and 当事人撤回 may close a case that
    was never mediated. 调解成功 requires the agreed terms and the signing date, and schedules a 回访.
    """
    case = DisputeCase.objects.select_for_update().get(pk=case.pk)
    ensure_visible_to(case, actor)
    if outcome not in CLOSING_STATUSES:
        raise ValidationError({"outcome": "请选择调处结果。"})
    if case.status not in OPEN_STATUSES:
        raise ValidationError(f"案件已{case.get_status_display()},不能再次结案。")
    outcome = DisputeStatus(outcome)
    if outcome in (DisputeStatus.SUCCESS, DisputeStatus.FAILED) and case.status != DisputeStatus.MEDIATING:
        raise ValidationError({"outcome": f"尚未登记调解记录,不能以“{outcome.label}”结案。"})
    errors = {}
    if outcome == DisputeStatus.SUCCESS:
        if not agreement_terms.strip():
            errors["agreement_terms"] = "调解成功须填写协议内容。"
        if signed_on is None:
            errors["signed_on"] = "调解成功须填写协议签订日期。"
    if outcome == DisputeStatus.TRANSFERRED and not transferred_to.strip():
        errors["transferred_to"] = "转交须填写转交单位。"
    if errors:
        raise ValidationError(errors)
    last_session = case.sessions.order_by("-held_on").values_list("held_on", flat=True).first()
    if closed_on < case.received_on:
        raise ValidationError({"closed_on": f"结案日期不能早于受理日期({case.received_on:%Y-%m-%d})。"})
    if last_session and closed_on < last_session:
        raise ValidationError({"closed_on": f"结案日期不能早于最后一次调解({last_session:%Y-%m-%d})。"})
    _not_in_future(closed_on, "closed_on", "结案日期")
    if signed_on is not None:
        if signed_on < case.received_on:
            raise ValidationError({"signed_on": "协议签订日期不能早于受理日期。"})
        if signed_on > closed_on:
            raise ValidationError({"signed_on": "协议签订日期不能晚于结案日期。"})
    case.status = outcome
    case.closed_on = closed_on
    case.outcome_note = note.strip()
    if outcome == DisputeStatus.SUCCESS:
        case.agreement_terms = agreement_terms.strip()
        case.performance = performance.strip()
        case.agreement_signed_on = signed_on
    if outcome == DisputeStatus.TRANSFERRED:
        case.transferred_to = transferred_to.strip()
    register_save(actor=actor, instance=case, reason=f"结案:{outcome.label}")
    if outcome == DisputeStatus.SUCCESS:
        followup = FollowUp(community=case.community, case=case, due_on=signed_on + FOLLOW_UP_AFTER)
        register_save(actor=actor, instance=followup, reason="调解成功后回访")
    return case


@transaction.atomic
def dispute_judicial_confirmation(
    *,
    actor: User,
    case: DisputeCase,
    applied_on: datetime.date,
    confirmed_on: datetime.date | None,
    court: str,
) -> DisputeCase:
    """Record the 司法确认 of a successful agreement: applied for, and confirmed by which court."""
    case = DisputeCase.objects.select_for_update().get(pk=case.pk)
    ensure_visible_to(case, actor)
    if case.status != DisputeStatus.SUCCESS:
        raise ValidationError("只有调解成功的案件才能申请司法确认。")
    if not court.strip():
        raise ValidationError({"court": "请填写受理司法确认的法院。"})
    if case.agreement_signed_on and applied_on < case.agreement_signed_on:
        raise ValidationError({"applied_on": "申请日期不能早于协议签订日期。"})
    if confirmed_on is not None and confirmed_on < applied_on:
        raise ValidationError({"confirmed_on": "确认日期不能早于申请日期。"})
    _not_in_future(applied_on, "applied_on", "申请日期")
    if confirmed_on is not None:
        _not_in_future(confirmed_on, "confirmed_on", "确认日期")
    case.judicial_applied_on = applied_on
    case.judicial_confirmed_on = confirmed_on
    case.court = court.strip()
    return register_save(actor=actor, instance=case, reason="司法确认")


#
# Follow-up visits (回访)
#


@transaction.atomic
def followup_schedule(*, actor: User, case: DisputeCase, due_on: datetime.date) -> FollowUp:
    """Schedule a further 回访 of a closed case."""
    case = DisputeCase.objects.get(pk=case.pk)
    ensure_visible_to(case, actor)
    if case.is_open:
        raise ValidationError("案件尚未结案,不能安排回访。")
    if case.closed_on and due_on < case.closed_on:
        raise ValidationError({"due_on": f"回访日期不能早于结案日期({case.closed_on:%Y-%m-%d})。"})
    return register_save(actor=actor, instance=FollowUp(community=case.community, case=case, due_on=due_on))


@transaction.atomic
def followup_done(*, actor: User, followup: FollowUp, done_on: datetime.date, note: str) -> FollowUp:
    """Record that a 回访 took place, with what was found."""
    ensure_visible_to(followup, actor)
    if followup.done_on is not None:
        raise ValidationError(f"该回访已于{followup.done_on:%Y-%m-%d}完成。")
    if not note.strip():
        raise ValidationError({"note": "请填写回访情况。"})
    if followup.case.closed_on and done_on < followup.case.closed_on:
        raise ValidationError({"done_on": "回访日期不能早于结案日期。"})
    _not_in_future(done_on, "done_on", "回访日期")
    followup.done_on = done_on
    followup.note = note.strip()
    followup.visitor = actor
    return register_save(actor=actor, instance=followup, reason="完成回访")
