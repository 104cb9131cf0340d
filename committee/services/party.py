"""Write workflows of the party registers (issue 5 item 2): organisations, members and their status
changes (转正, 转出, 去世, 停止党籍), transfers of the organisational relation, 在职党员报到 and activities.

The person register's 政治面貌 is kept in step with the party register, through the residents services
(so the person's history and a 信息更正 event record it): confirming a probationary member makes the person
中共党员; a transfer in of someone the register still shows as 群众 sets the status the introduction letter
proves; 停止党籍 makes the person 群众 again. A transfer out or a death leaves it alone (the person is
still a party member, elsewhere or until the register records the death).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from committee.models.party import (
    KIND_OF_POLITICAL_STATUS,
    POLITICAL_STATUS_OF_KIND,
    MembershipKind,
    MemberStatus,
    PartyActivity,
    PartyCheckIn,
    PartyMember,
    PartyOrganisation,
    PartyTransfer,
    TransferDirection,
    one_year_after,
)
from governance.models import User
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save
from residents.choices import PersonStatus, PoliticalStatus
from residents.models import Person
from residents.services import person_correct
from residents.validators import validate_resident_id

ENDINGS = (MemberStatus.DECEASED, MemberStatus.STOPPED)


def _not_in_future(day: datetime.date | None, field: str, label: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: f"{label}不能晚于今天。"})


def _set_community(actor: User, obj, fallback=None) -> None:
    if obj.community_id is None:
        community = actor_community(actor) or fallback
        if community is None:
            raise ValidationError({"community": "请选择社区。"})
        obj.community = community


def _political_status_follow(*, actor: User, person: Person, status: str, reason: str, on: datetime.date) -> None:
    """Set the person's 政治面貌 through the residents service (history and a 信息更正 event), if it differs."""
    if person.political_status != status:
        person_correct(actor=actor, person=person, changes={"political_status": status}, reason=reason, on=on)


def _release_secretary_posts(*, actor: User, member: PartyMember, why: str) -> None:
    """A member who leaves the register no longer leads an organisation: its secretary is left blank."""
    for organisation in PartyOrganisation.objects.filter(secretary=member):
        organisation.secretary = None
        register_save(actor=actor, instance=organisation, reason=f"书记{member}{why}")


#
# Organisations
#


@transaction.atomic
def party_organisation_save(*, actor: User, organisation: PartyOrganisation) -> PartyOrganisation:
    """Found an organisation or edit one. Dissolving it (撤销日期) needs it empty: no 在册 member and no
    active sub-organisation."""
    _set_community(actor, organisation)
    if organisation.secretary_id:
        ensure_visible_to(organisation.secretary, actor)
    if organisation.pk and organisation.dissolved_on is not None:
        if organisation.members.filter(status=MemberStatus.ACTIVE).exists():
            raise ValidationError({"dissolved_on": "该组织还有在册党员,请先将党员编入其他组织再撤销。"})
        if organisation.children.filter(dissolved_on__isnull=True).exists():
            raise ValidationError({"dissolved_on": "该组织还有未撤销的下级组织。"})
    return register_save(actor=actor, instance=organisation, reason="" if organisation.pk else "成立党组织")


#
# Members
#


@transaction.atomic
def party_member_create(*, actor: User, member: PartyMember) -> PartyMember:
    """Record a party member of the register (党员登记): a 在册 person whose 政治面貌 is 中共党员 or 中共预备党员,
    which gives the kind (正式/预备); at most one 在册 membership per person."""
    if not member._state.adding:
        raise ValueError("party_member_create takes a new member")
    person = member.person
    ensure_visible_to(person, actor)
    if person.status != PersonStatus.ACTIVE:
        raise ValidationError({"person": f"{person.name}已{person.get_status_display()},不能登记为党员。"})
    _set_community(actor, member, fallback=person.community)
    ensure_visible_to(member.organisation, actor)
    _not_in_future(member.joined_on, "joined_on", "入党时间")
    _not_in_future(member.transferred_in_on, "transferred_in_on", "转入日期")
    member.group = person.group
    member.kind = KIND_OF_POLITICAL_STATUS.get(person.political_status, member.kind)
    if member.kind == MembershipKind.PROBATIONARY:
        member.confirmed_on = None
    member.status, member.status_on = MemberStatus.ACTIVE, None
    return register_save(actor=actor, instance=member, reason="党员登记")


@transaction.atomic
def party_member_update(*, actor: User, member: PartyMember) -> PartyMember:
    """Edit a member's organisation, category, dates and note; the group follows the person's. Kind and
    status change only through 转正, 转出 and the endings."""
    ensure_visible_to(member, actor)
    ensure_visible_to(member.organisation, actor)
    _not_in_future(member.joined_on, "joined_on", "入党时间")
    member.group = member.person.group
    return register_save(actor=actor, instance=member)


@transaction.atomic
def party_member_confirm(*, actor: User, member: PartyMember, on: datetime.date) -> PartyMember:
    """预备党员转正: a 在册 probationary member becomes a full member on ``on``, a year or more after joining;
    the person becomes 中共党员 on the register."""
    ensure_visible_to(member, actor)
    if member.kind != MembershipKind.PROBATIONARY:
        raise ValidationError(f"{member}已是正式党员。")
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(f"{member}{member.status_phrase},不能办理转正。")
    _not_in_future(on, "on", "转正时间")
    earliest = one_year_after(member.joined_on)
    if on < earliest:
        raise ValidationError({"on": f"预备期为一年,{member}最早于{earliest:%Y年%m月%d日}转正。"})
    _political_status_follow(
        actor=actor, person=member.person, status=PoliticalStatus.PARTY_MEMBER, reason="预备党员转正", on=on
    )
    member.person.refresh_from_db()
    member.kind, member.confirmed_on = MembershipKind.FULL, on
    return register_save(actor=actor, instance=member, reason="预备党员转正")


@transaction.atomic
def party_member_end(
    *, actor: User, member: PartyMember, status: str, on: datetime.date, note: str = ""
) -> PartyMember:
    """A member leaves the register other than by transfer: 已去世, or 停止党籍 (the person becomes 群众 on the
    population register)."""
    ensure_visible_to(member, actor)
    if status not in ENDINGS:
        raise ValueError(f"{status} is not an ending; transfers out go through party_transfer_out")
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(f"{member}{member.status_phrase}。")
    _not_in_future(on, "on", "变动日期")
    if on < member.register_start:
        raise ValidationError({"on": f"变动日期不能早于{member}在本社区登记的日期({member.register_start:%Y-%m-%d})。"})
    label = MemberStatus(status).label
    if status == MemberStatus.STOPPED:
        _political_status_follow(
            actor=actor, person=member.person, status=PoliticalStatus.MASSES, reason=f"停止党籍。{note}".strip(), on=on
        )
        member.person.refresh_from_db()
    member.status, member.status_on, member.status_note = status, on, note.strip()
    register_save(actor=actor, instance=member, reason=label)
    _release_secretary_posts(actor=actor, member=member, why=label)
    return member


#
# Transfers
#


def _require(text: str, field: str, label: str) -> None:
    if not (text or "").strip():
        raise ValidationError({field: f"请填写{label}。"})


@transaction.atomic
def party_transfer_in(
    *,
    actor: User,
    person: Person,
    organisation: PartyOrganisation,
    on: datetime.date,
    from_organisation: str,
    category: str,
    kind: str,
    joined_on: datetime.date,
    confirmed_on: datetime.date | None = None,
    letter_number: str = "",
    reason: str = "",
    note: str = "",
) -> PartyTransfer:
    """组织关系转入: a person of the register brings their relation into ``organisation`` on ``on``.

    Creates the member (or reactivates the community's earlier membership of the person, one that was
    transferred out or stopped), marks it 转入 on ``on`` and records the transfer with the letter's number.
    The person's 政治面貌 follows the kind the letter states (正式 → 中共党员, 预备 → 中共预备党员)."""
    ensure_visible_to(person, actor)
    ensure_visible_to(organisation, actor)
    if person.status != PersonStatus.ACTIVE:
        raise ValidationError({"person": f"{person.name}已{person.get_status_display()},不能办理转入。"})
    _require(from_organisation, "from_organisation", "原所在党组织")
    _not_in_future(on, "on", "转入日期")
    if on < joined_on:
        raise ValidationError({"on": "转入日期不能早于入党时间。"})
    active = PartyMember.objects.filter(person=person, status=MemberStatus.ACTIVE).select_related("community").first()
    if active is not None:
        where = "本社区" if active.community_id == organisation.community_id else active.community.name
        raise ValidationError({"person": f"{person.name}已是{where}在册党员,不能重复转入。"})
    community = organisation.community
    letter_number = letter_number.strip()
    _political_status_follow(
        actor=actor,
        person=person,
        status=POLITICAL_STATUS_OF_KIND[kind],
        reason=f"党组织关系转入{('(介绍信' + letter_number + ')') if letter_number else ''}",
        on=on,
    )
    person.refresh_from_db()
    earlier = (
        PartyMember.objects.filter(community=community, person=person)
        .exclude(status=MemberStatus.DECEASED)
        .order_by("-status_on", "-pk")
        .first()
    )
    member = earlier or PartyMember(community=community, person=person)
    member.group = person.group
    member.organisation = organisation
    member.category, member.kind = category, kind
    member.joined_on = joined_on
    member.confirmed_on = confirmed_on if kind == MembershipKind.FULL else None
    member.transferred_in, member.transferred_in_on = True, on
    member.status, member.status_on, member.status_note = MemberStatus.ACTIVE, None, ""
    register_save(actor=actor, instance=member, reason="组织关系转入" if earlier is None else "组织关系转回本社区")
    transfer = PartyTransfer(
        community=community,
        member=member,
        direction=TransferDirection.IN,
        date=on,
        from_organisation=from_organisation.strip(),
        to_organisation=organisation.name,
        letter_number=letter_number,
        reason=reason.strip(),
        note=note.strip(),
        recorded_by=actor,
    )
    return register_save(actor=actor, instance=transfer, reason="组织关系转入")


@transaction.atomic
def party_transfer_out(
    *,
    actor: User,
    member: PartyMember,
    on: datetime.date,
    to_organisation: str,
    letter_number: str = "",
    reason: str = "",
    note: str = "",
) -> PartyTransfer:
    """组织关系转出: a 在册 member's relation leaves for ``to_organisation`` on ``on``; the member becomes 已转出
    that day (the row and its history stay) and stops leading any organisation."""
    ensure_visible_to(member, actor)
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(f"{member}{member.status_phrase},不能办理转出。")
    _require(to_organisation, "to_organisation", "转往党组织")
    _not_in_future(on, "on", "转出日期")
    if on < member.register_start:
        raise ValidationError({"on": f"转出日期不能早于{member}在本社区登记的日期({member.register_start:%Y-%m-%d})。"})
    from_name = member.organisation.name
    member.status, member.status_on, member.status_note = MemberStatus.TRANSFERRED_OUT, on, to_organisation.strip()
    register_save(actor=actor, instance=member, reason="组织关系转出")
    _release_secretary_posts(actor=actor, member=member, why="已转出")
    transfer = PartyTransfer(
        community=member.community,
        member=member,
        direction=TransferDirection.OUT,
        date=on,
        from_organisation=from_name,
        to_organisation=to_organisation.strip(),
        letter_number=letter_number.strip(),
        reason=reason.strip(),
        note=note.strip(),
        recorded_by=actor,
    )
    return register_save(actor=actor, instance=transfer, reason="组织关系转出")


@transaction.atomic
def party_transfer_update(*, actor: User, transfer: PartyTransfer) -> PartyTransfer:
    """Correct a transfer's letter number, the other organisation's name, reason or note (its member,
    direction and date are the member's history and stay)."""
    ensure_visible_to(transfer, actor)
    _require(transfer.from_organisation, "from_organisation", "转出党组织")
    _require(transfer.to_organisation, "to_organisation", "转入党组织")
    return register_save(actor=actor, instance=transfer)


#
# 在职党员社区报到
#


@transaction.atomic
def party_checkin_save(*, actor: User, checkin: PartyCheckIn) -> PartyCheckIn:
    """Record an in-service member's 报到 (or edit it). A person of the register is named by the record; a
    person not registered here is named by name and ID number (an ID number found on the register within
    the actor's scope is taken as that person). A member whose relation is already with the community's
    party organisation does not report."""
    if checkin.person_id is None and checkin.id_number:
        try:
            checkin.id_number = validate_resident_id(checkin.id_number)
        except ValidationError as error:
            raise ValidationError({"id_number": error.messages}) from error
        registered = Person.objects.visible_to(actor).filter(id_number=checkin.id_number).first()
        if registered is not None:
            checkin.person = registered
    if checkin.person_id:
        person = checkin.person
        ensure_visible_to(person, actor)
        _set_community(actor, checkin, fallback=person.community)
        checkin.name, checkin.id_number = "", ""
        checkin.group = person.group
        member = PartyMember.objects.filter(person=person, community=checkin.community, status=MemberStatus.ACTIVE)
        if checkin.ended_on is None and member.exists():
            raise ValidationError({"person": f"{person.name}的组织关系在本社区党组织,无需报到。"})
    else:
        _set_community(actor, checkin)
        checkin.name = checkin.name.strip()
        checkin.group = None
        if not checkin.name:
            raise ValidationError({"name": "请填写居民身份证号,或非本社区登记居民的姓名。"})
    if checkin.unit_id:
        ensure_visible_to(checkin.unit, actor)
    _not_in_future(checkin.reported_on, "reported_on", "报到日期")
    return register_save(actor=actor, instance=checkin, reason="" if checkin.pk else "在职党员报到")


#
# Activities
#


@transaction.atomic
def party_activity_save(
    *,
    actor: User,
    activity: PartyActivity,
    participants: Iterable[PartyMember] = (),
    checkin_participants: Iterable[PartyCheckIn] = (),
) -> PartyActivity:
    """Record an activity with the members who took part (or correct one). Participants are members of the
    community on its party register on the activity's date, and in-service members reporting then; an
    activity with participants has taken place (its date is not after today)."""
    ensure_visible_to(activity.organisation, actor)
    activity.community = activity.organisation.community
    participants, checkin_participants = list(participants), list(checkin_participants)
    if (participants or checkin_participants) and activity.date is not None:
        _not_in_future(activity.date, "date", "已登记参加党员的活动日期")
    day = activity.date
    for member in participants:
        ensure_visible_to(member, actor)
        if member.community_id != activity.community_id:
            raise ValidationError({"participants": f"{member}不是本社区的党员。"})
        if day is not None and not member.on_register_on(day):
            raise ValidationError({"participants": f"{member}在{day:%Y-%m-%d}不在本社区党员名册中。"})
    for checkin in checkin_participants:
        ensure_visible_to(checkin, actor)
        if checkin.community_id != activity.community_id:
            raise ValidationError({"checkin_participants": f"{checkin.display_name}不是在本社区报到的党员。"})
        if day is not None and not checkin.is_reporting_on(day):
            raise ValidationError({"checkin_participants": f"{checkin.display_name}在{day:%Y-%m-%d}不在报到期内。"})
    return register_save(
        actor=actor,
        instance=activity,
        m2m={"participants": participants, "checkin_participants": checkin_participants},
        reason="" if activity.pk else "登记党员活动",
    )
