"""Write workflows of the 平安 records: patrols, police visits, legal education, hazard inspections,
incidents with the year's "none" sign-offs, and petitions (信访).

Rules the services enforce (the models' ``clean()`` holds the rest):

* a patrol's members present are members of its team, its area groups of its community;
* a hazard is closed (整改完成) once, on a date not before the inspection and not after today;
* only 书记/主任 sign off a year as free of a kind of incident, and only when none is recorded; a
  later record of such an incident withdraws the sign-off;
* a petition is numbered per community and year, moves 受理 → 办理中 (its first handling step) →
  已办结 (result and date) or 转交 (to whom), and takes no step once it has left those two.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import Community, ResidentGroup, User
from governance.numbering import next_number
from governance.roles import COMMUNITY_HEAD
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save
from residents.models import Person
from safety.models.records import (
    Incident,
    IncidentKind,
    IncidentStatus,
    IncidentYearConfirmation,
    Inspection,
    InspectionResult,
    InspectionTarget,
    LegalEducationSession,
    PatrolRecord,
    PatrolTeam,
    PatrolTeamMember,
    Petition,
    PetitionStatus,
    PetitionStep,
    PoliceOfficer,
    PoliceVisit,
)


def _not_in_future(day: datetime.date, field: str, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: f"{what}不能晚于今天。"})


def _set_community(actor: User, instance) -> Community:
    if instance.community_id is None:
        instance.community = actor_community(actor)
    if instance.community is None:
        raise ValidationError({"community": "请选择社区。"})
    return instance.community


def _check_groups(community: Community, groups: Iterable[ResidentGroup], field: str = "groups") -> list:
    groups = list(groups)
    if any(group.community_id != community.pk for group in groups):
        raise ValidationError({field: "只能选择本社区的居民小组。"})
    return groups


def _check_persons(actor: User, persons: Iterable[Person]) -> list[Person]:
    persons = list(dict.fromkeys(persons))
    for person in persons:
        ensure_visible_to(person, actor)
    return persons


#
# Patrols
#


@transaction.atomic
def patrol_team_save(*, actor: User, team: PatrolTeam) -> PatrolTeam:
    """Set up or edit a patrol team (in the actor's community when new)."""
    _set_community(actor, team)
    return register_save(actor=actor, instance=team, reason="" if team.pk else "组建队伍")


@transaction.atomic
def patrol_team_member_save(*, actor: User, team: PatrolTeam, member: PatrolTeamMember) -> PatrolTeamMember:
    """Add a member to ``team`` or edit one: a person of the register, or a name given in free text."""
    ensure_visible_to(team, actor)
    if member.pk and member.team_id != team.pk:
        raise ValidationError("该队员不属于这支队伍。")
    member.team = team
    member.community = team.community
    member.name = member.name.strip()
    if member.person_id:
        ensure_visible_to(member.person, actor)
        member.name = ""
        duplicates = PatrolTeamMember.objects.filter(team=team, person=member.person, is_active=True)
        if member.is_active and duplicates.exclude(pk=member.pk).exists():
            raise ValidationError({"person": f"{member.person.name}已是该队队员。"})
    return register_save(actor=actor, instance=member, reason="" if member.pk else "加入队伍")


@transaction.atomic
def patrol_record_save(
    *,
    actor: User,
    record: PatrolRecord,
    groups: Iterable[ResidentGroup] = (),
    members_present: Iterable[PatrolTeamMember] = (),
) -> PatrolRecord:
    """Record a patrol or correct one: the members present belong to its team, the groups to its community."""
    if record.team_id is None:
        raise ValidationError({"team": "请选择巡逻队伍。"})
    ensure_visible_to(record.team, actor)
    record.community = record.team.community
    if record.date is not None:
        _not_in_future(record.date, "date", "巡逻日期")
    groups = _check_groups(record.community, groups)
    members_present = list(members_present)
    if any(member.team_id != record.team_id for member in members_present):
        raise ValidationError({"members_present": "参加队员必须是该队伍的队员。"})
    return register_save(actor=actor, instance=record, m2m={"groups": groups, "members_present": members_present})


#
# Police liaison
#


@transaction.atomic
def police_officer_save(*, actor: User, officer: PoliceOfficer) -> PoliceOfficer:
    """Record the community police officer, or edit their details and assignment."""
    _set_community(actor, officer)
    if officer.pk and officer.assigned_to:
        later = officer.visits.filter(date__gt=officer.assigned_to).order_by("-date").first()
        if later is not None:
            raise ValidationError({"assigned_to": f"截止日期之后还有下社区记录({later.date:%Y-%m-%d})。"})
    return register_save(actor=actor, instance=officer)


@transaction.atomic
def police_visit_save(*, actor: User, officer: PoliceOfficer, visit: PoliceVisit) -> PoliceVisit:
    """Record (or correct) a visit of ``officer`` with its hours."""
    ensure_visible_to(officer, actor)
    if visit.pk and visit.officer_id != officer.pk:
        raise ValidationError("该记录不属于这位民警。")
    visit.officer = officer
    visit.community = officer.community
    if visit.date is not None:
        _not_in_future(visit.date, "date", "日期")
    return register_save(actor=actor, instance=visit)


#
# Legal education
#


@transaction.atomic
def legal_education_session_save(*, actor: User, session: LegalEducationSession) -> LegalEducationSession:
    """Record or correct a legal-education session."""
    _set_community(actor, session)
    session.audiences = list(dict.fromkeys(session.audiences or []))
    return register_save(actor=actor, instance=session)


#
# Hazard inspections
#


@transaction.atomic
def inspection_target_save(*, actor: User, target: InspectionTarget) -> InspectionTarget:
    """Add or edit something inspected on a schedule; a unit's or rental's group is taken over."""
    _set_community(actor, target)
    for linked in (target.resident_unit, target.rental):
        if linked is not None:
            ensure_visible_to(linked, actor)
    if target.group is None and target.rental is not None:
        target.group = target.rental.group
    return register_save(actor=actor, instance=target)


def _check_inspectors(community: Community, inspectors: Iterable[User]) -> list[User]:
    inspectors = list(inspectors)
    if any(user.community_id != community.pk for user in inspectors):
        raise ValidationError({"inspectors": "检查人员必须是本社区的工作人员。"})
    return inspectors


@transaction.atomic
def inspection_record(
    *, actor: User, target: InspectionTarget, inspection: Inspection, inspectors: Iterable[User] = ()
) -> Inspection:
    """Record an inspection of ``target``. A hazard needs its description, severity and deadline."""
    ensure_visible_to(target, actor)
    if not inspection._state.adding:
        raise ValueError("inspection_record takes a new inspection")
    if not target.is_active:
        raise ValidationError("该检查对象已停止检查,不能再登记检查记录。")
    inspection.target = target
    inspection.community = target.community
    inspection.group = target.group
    if inspection.date is not None:
        _not_in_future(inspection.date, "date", "检查日期")
    inspectors = _check_inspectors(target.community, inspectors)
    return register_save(actor=actor, instance=inspection, m2m={"inspectors": inspectors}, reason="检查")


@transaction.atomic
def inspection_update(*, actor: User, inspection: Inspection, inspectors: Iterable[User] = ()) -> Inspection:
    """Correct an inspection's facts (the rectification and escalation have their own steps)."""
    ensure_visible_to(inspection, actor)
    if inspection.date is not None:
        _not_in_future(inspection.date, "date", "检查日期")
    if inspection.rectified_on and inspection.result != InspectionResult.HAZARD:
        raise ValidationError({"result": "已整改的隐患不能改为无隐患。"})
    inspectors = _check_inspectors(inspection.community, inspectors)
    return register_save(actor=actor, instance=inspection, m2m={"inspectors": inspectors})


@transaction.atomic
def inspection_rectify(*, actor: User, inspection: Inspection, rectified_on: datetime.date, note: str) -> Inspection:
    """Close a hazard (整改完成): once, on a date not before the inspection and not after today."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    ensure_visible_to(inspection, actor)
    if inspection.result != InspectionResult.HAZARD:
        raise ValidationError("该次检查未发现隐患,无需整改。")
    if inspection.rectified_on is not None:
        raise ValidationError(f"该隐患已于{inspection.rectified_on:%Y-%m-%d}整改完成。")
    if rectified_on < inspection.date:
        raise ValidationError({"rectified_on": f"整改完成日期不能早于检查日期({inspection.date:%Y-%m-%d})。"})
    _not_in_future(rectified_on, "rectified_on", "整改完成日期")
    if not note.strip():
        raise ValidationError({"note": "请填写整改情况。"})
    inspection.rectified_on = rectified_on
    inspection.rectification_note = note.strip()
    return register_save(actor=actor, instance=inspection, reason="整改完成")


@transaction.atomic
def inspection_escalate(
    *, actor: User, inspection: Inspection, escalated_on: datetime.date, escalated_to: str
) -> Inspection:
    """Report a hazard the community cannot remove to those who can (及时上报)."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    ensure_visible_to(inspection, actor)
    if inspection.result != InspectionResult.HAZARD:
        raise ValidationError("该次检查未发现隐患,无需上报。")
    if inspection.rectified_on is not None:
        raise ValidationError("该隐患已整改完成,无需上报。")
    if inspection.escalated_on is not None:
        raise ValidationError(f"该隐患已于{inspection.escalated_on:%Y-%m-%d}上报{inspection.escalated_to}。")
    if escalated_on < inspection.date:
        raise ValidationError({"escalated_on": f"上报日期不能早于检查日期({inspection.date:%Y-%m-%d})。"})
    _not_in_future(escalated_on, "escalated_on", "上报日期")
    if not escalated_to.strip():
        raise ValidationError({"escalated_to": "请填写上报单位。"})
    inspection.escalated_on = escalated_on
    inspection.escalated_to = escalated_to.strip()
    return register_save(actor=actor, instance=inspection, reason="上报")


#
# Incidents
#


def _withdraw_confirmation(actor: User, incident: Incident) -> None:
    """An incident recorded in a year signed off as free of its kind withdraws that sign-off."""
    for confirmation in IncidentYearConfirmation.objects.filter(
        community=incident.community, year=incident.date.year, kind=incident.kind
    ):
        confirmation._history_user = actor
        confirmation._change_reason = "登记了此类事件,撤销确认"
        confirmation.delete()


@transaction.atomic
def incident_save(*, actor: User, incident: Incident, persons: Iterable[Person] = ()) -> Incident:
    """Record or correct an incident, with the persons of the register it involves."""
    _set_community(actor, incident)
    if incident.date is not None:
        _not_in_future(incident.date, "date", "发生日期")
    persons = _check_persons(actor, persons)
    incident = register_save(actor=actor, instance=incident, m2m={"persons": persons})
    _withdraw_confirmation(actor, incident)
    return incident


@transaction.atomic
def incident_close(*, actor: User, incident: Incident, outcome: str) -> Incident:
    """Close an incident (办结) with its outcome."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    ensure_visible_to(incident, actor)
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError("该事件已办结。")
    if not outcome.strip():
        raise ValidationError({"outcome": "请填写处理结果。"})
    incident.outcome = outcome.strip()
    incident.status = IncidentStatus.CLOSED
    return register_save(actor=actor, instance=incident, reason="办结")


def can_confirm_year(user: User) -> bool:
    """Only 书记/主任 (and superusers) sign off a year as free of a kind of incident."""
    return user.is_superuser or user.groups.filter(name=COMMUNITY_HEAD).exists()


@transaction.atomic
def incident_year_confirm(
    *,
    actor: User,
    year: int,
    kind: str,
    community: Community | None = None,
    on: datetime.date | None = None,
    note: str = "",
) -> IncidentYearConfirmation:
    """Sign off that no incident of ``kind`` happened in ``year`` (经核实,本年度无此类事件).

    Refused to anyone but 书记/主任, for a year not yet begun, and when such an incident is recorded.
    """
    if not can_confirm_year(actor):
        raise PermissionDenied("只有书记/主任可以确认年度无此类事件。")
    community = community or actor_community(actor)
    if community is None:
        raise ValidationError({"community": "请选择社区。"})
    if kind not in IncidentKind.values:
        raise ValidationError({"kind": "请选择事件类别。"})
    label = IncidentKind(kind).label
    on = on or timezone.localdate()
    if year > on.year:
        raise ValidationError({"year": f"{year}年尚未开始,不能确认。"})
    Community.objects.select_for_update().filter(pk=community.pk).exists()
    count = Incident.objects.filter(community=community, date__year=year, kind=kind).count()
    if count:
        raise ValidationError(f"{year}年已登记{label}{count}起,不能确认本年度无此类事件。")
    if IncidentYearConfirmation.objects.filter(community=community, year=year, kind=kind).exists():
        raise ValidationError(f"{year}年无{label}已确认。")
    confirmation = IncidentYearConfirmation(
        community=community,
        year=year,
        kind=kind,
        confirmed_by=actor,
        confirmed_on=on,
        note=note.strip() or "经核实,本年度无此类事件。",
    )
    return register_save(actor=actor, instance=confirmation, reason="确认")


#
# Petitions
#


def _check_headcount(petition: Petition, petitioners: list[Person]) -> None:
    named = len(petitioners) + len(petition.outsiders)
    if named == 0:
        raise ValidationError({"petitioners": "请填写信访人(本社区居民或其他信访人姓名)。"})
    if petition.headcount < named:
        raise ValidationError({"headcount": f"人数不能少于所列信访人数({named}人)。"})


@transaction.atomic
def petition_receive(*, actor: User, petition: Petition, petitioners: Iterable[Person] = ()) -> Petition:
    """Receive a petition (受理): numbered per community and year, with its petitioners."""
    if not petition._state.adding:
        raise ValueError("petition_receive takes a new petition")
    _set_community(actor, petition)
    if petition.received_on is None:
        raise ValidationError({"received_on": "请填写受理日期。"})
    _not_in_future(petition.received_on, "received_on", "受理日期")
    petitioners = _check_persons(actor, petitioners)
    _check_headcount(petition, petitioners)
    if petition.dispute_case_id:
        ensure_visible_to(petition.dispute_case, actor)
    petition.status = PetitionStatus.RECEIVED
    petition.closed_on = None
    petition.number = next_number(Petition.objects.all(), community=petition.community, year=petition.received_on.year)
    return register_save(actor=actor, instance=petition, m2m={"petitioners": petitioners}, reason="受理")


@transaction.atomic
def petition_update(*, actor: User, petition: Petition, petitioners: Iterable[Person] = ()) -> Petition:
    """Correct the facts of a petition (its status moves only through the handling steps)."""
    ensure_visible_to(petition, actor)
    petitioners = _check_persons(actor, petitioners)
    _check_headcount(petition, petitioners)
    if petition.dispute_case_id:
        ensure_visible_to(petition.dispute_case, actor)
    return register_save(actor=actor, instance=petition, m2m={"petitioners": petitioners})


def _lock_open_petition(actor: User, petition: Petition, doing: str) -> Petition:
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    ensure_visible_to(petition, actor)
    if not petition.is_open:
        raise ValidationError(f"信访件当前状态为「{petition.get_status_display()}」,不能再{doing}。")
    return petition


def _check_step_date(petition: Petition, day: datetime.date, field: str, what: str) -> None:
    if day < petition.received_on:
        raise ValidationError({field: f"{what}不能早于受理日期({petition.received_on:%Y-%m-%d})。"})
    _not_in_future(day, field, what)


@transaction.atomic
def petition_step_add(
    *, actor: User, petition: Petition, date: datetime.date, action: str, handler: str
) -> PetitionStep:
    """Log a handling step; the first one moves the petition from 受理 to 办理中."""
    petition = _lock_open_petition(actor, petition, "登记办理过程")
    _check_step_date(petition, date, "date", "办理日期")
    if not action.strip():
        raise ValidationError({"action": "请填写办理情况。"})
    step = PetitionStep(
        community=petition.community,
        petition=petition,
        date=date,
        action=action.strip(),
        handler=handler.strip() or actor.display_name,
        recorded_by=actor,
    )
    step.full_clean()
    step.save()
    if petition.status == PetitionStatus.RECEIVED:
        petition.status = PetitionStatus.HANDLING
        register_save(actor=actor, instance=petition, reason="开始办理")
    return step


def _last_step_date(petition: Petition) -> datetime.date | None:
    return petition.steps.order_by("-date").values_list("date", flat=True).first()


@transaction.atomic
def petition_close(*, actor: User, petition: Petition, closed_on: datetime.date, result: str) -> Petition:
    """Close a petition (已办结) with its result, on a date not before its last handling step."""
    petition = _lock_open_petition(actor, petition, "办结")
    _check_step_date(petition, closed_on, "closed_on", "办结日期")
    last = _last_step_date(petition)
    if last is not None and closed_on < last:
        raise ValidationError({"closed_on": f"办结日期不能早于最后一次办理日期({last:%Y-%m-%d})。"})
    if not result.strip():
        raise ValidationError({"result": "请填写办理结果。"})
    petition.result = result.strip()
    petition.closed_on = closed_on
    petition.status = PetitionStatus.CLOSED
    return register_save(actor=actor, instance=petition, reason="办结")


@transaction.atomic
def petition_transfer(
    *, actor: User, petition: Petition, on: datetime.date, transferred_to: str, handler: str = ""
) -> Petition:
    """Hand a petition to the competent body (转交); the hand-over is logged as a step."""
    petition = _lock_open_petition(actor, petition, "转交")
    _check_step_date(petition, on, "on", "转交日期")
    if not transferred_to.strip():
        raise ValidationError({"transferred_to": "请填写转交单位。"})
    PetitionStep.objects.create(
        community=petition.community,
        petition=petition,
        date=on,
        action=f"转交{transferred_to.strip()}办理",
        handler=handler.strip() or actor.display_name,
        recorded_by=actor,
    )
    petition.transferred_to = transferred_to.strip()
    petition.status = PetitionStatus.TRANSFERRED
    return register_save(actor=actor, instance=petition, reason="转交")
