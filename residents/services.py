"""Life events of the population register (人口变动), each one atomic and each writing a
``PopulationEvent`` with the date it took effect.

The register can be read "as of" any date because every change of who is on it, and in which
household, is dated: ``Person.registered_on``/``left_on`` bound a person's time on the register
and ``HouseholdMembership`` periods say which household they belonged to when.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from governance.models import User
from governance.scoping import ensure_visible_to
from governance.services import register_save
from households.choices import HouseholdStatus
from households.models import Household
from households.services import household_close, household_create
from residents.choices import EventKind, PersonStatus, Relation, ResidenceType
from residents.models import (
    Category,
    CategoryMembership,
    FloatingCheck,
    FloatingRegistration,
    HouseholdMembership,
    PastStay,
    Person,
    PopulationEvent,
)

ARRIVALS = (EventKind.REGISTER, EventKind.BIRTH, EventKind.MOVE_IN, EventKind.FLOAT_IN)


def _event(
    *, actor: User, kind: str, on: datetime.date, person=None, household=None, community=None, **fields
) -> PopulationEvent:
    community = community or (person or household).community
    return PopulationEvent.objects.create(
        community=community,
        kind=kind,
        effective_on=on,
        person=person,
        household=household,
        recorded_by=actor,
        **fields,
    )


def _place_in_grid(person: Person) -> None:
    """A person's grid follows their group: the group's grid when it has one, none when it has none,
    and the current grid only if it still covers the group."""
    grids = list(person.group.grids.all()) if person.group_id else []
    if len(grids) == 1:
        person.grid = grids[0]
    elif person.grid not in grids:
        person.grid = None


def _join(person: Person, household: Household, relation: str, on: datetime.date) -> None:
    HouseholdMembership.objects.create(
        community=household.community, person=person, household=household, relation=relation, start_on=on
    )


def _leave(person: Person, on: datetime.date) -> None:
    HouseholdMembership.objects.filter(person=person, end_on__isnull=True).update(end_on=on)


def _active_members(household: Household):
    return household.members.filter(status=PersonStatus.ACTIVE)


def _check_not_a_head_with_members(person: Person) -> None:
    """A head cannot leave a household that still has members: the head changes first."""
    household = person.household
    if (
        household is not None
        and person.relation == Relation.HEAD
        and _active_members(household).exclude(pk=person.pk).exists()
    ):
        raise ValidationError("该居民是户主,户内还有其他成员:请先变更户主。")


def _check_household(actor: User, household: Household | None) -> None:
    if household is None:
        return
    ensure_visible_to(household, actor)
    if household.status != HouseholdStatus.ACTIVE:
        raise ValidationError({"household": "该户已注销,不能再加入成员。"})


@transaction.atomic
def person_register(
    *,
    actor: User,
    person: Person,
    on: datetime.date,
    kind: str = EventKind.REGISTER,
    place: str = "",
    document: str = "",
) -> Person:
    """Put ``person`` (unsaved, with its fields filled in) on the register from ``on``.

    ``kind`` says how they arrived: 登记 (first registration of someone already living here),
    出生, 迁入 or 流入. Their household, if any, is ``person.household`` with ``person.relation``.
    """
    if kind not in ARRIVALS:
        raise ValueError(f"{kind} is not an arrival")
    if not person._state.adding:
        raise ValueError("person_register takes a new person")
    returning = _moved_out_holder_of(person)
    if returning is not None:
        return person_readmit(
            actor=actor, person=returning, details=person, on=on, kind=kind, place=place, document=document
        )
    _check_household(actor, person.household)
    if person.household_id:
        person.community = person.household.community
        person.group = person.group or person.household.group
        if not person.relation:
            raise ValidationError({"relation": "请选择与户主的关系。"})
        if (
            person.relation == Relation.HEAD
            and _active_members(person.household).filter(relation=Relation.HEAD).exists()
        ):
            raise ValidationError({"relation": "该户已有户主;如需变更户主,请使用“变更户主”。"})
    if person.household_id and on < person.household.established_on:
        raise ValidationError({"on": f"登记日期不能早于该户的立户日期({person.household.established_on:%Y-%m-%d})。"})
    if kind == EventKind.FLOAT_IN:
        person.residence_type = ResidenceType.FLOATING
    person.fill_from_id_number()
    person.registered_on = on
    person.status = PersonStatus.ACTIVE
    _place_in_grid(person)
    register_save(actor=actor, instance=person, reason=EventKind(kind).label)
    if person.household_id:
        _join(person, person.household, person.relation, on)
    _event(actor=actor, kind=kind, on=on, person=person, household=person.household, place=place, document=document)
    return person


def _moved_out_holder_of(person: Person) -> Person | None:
    """The moved-out person who already holds ``person``'s ID number, if any: one person, one row."""
    person.fill_from_id_number()
    if not person.id_number:
        return None
    return Person.objects.filter(id_number=person.id_number, status=PersonStatus.MOVED_OUT).first()


# What a returning resident's new registration may change; identity (name, ID, sex, birth) stays.
READMISSION_FIELDS = [
    "community", "group", "household", "relation", "residence_type", "separation", "hukou_address",
    "current_address", "hukou_type", "employment_status", "employer", "employer_type", "phone",
    "political_status", "education", "marital_status", "medical_insurance", "has_health_record",
    "has_pension_insurance", "note",
]  # fmt: skip


@transaction.atomic
def person_readmit(
    *,
    actor: User,
    person: Person,
    details: Person,
    on: datetime.date,
    kind: str = EventKind.MOVE_IN,
    place: str = "",
    document: str = "",
) -> Person:
    """A resident who moved out comes back (to this or another community): the same row goes back on
    the register, and the stay that ended is kept as a past stay so earlier figures still count it."""
    if person.status != PersonStatus.MOVED_OUT:
        raise ValidationError("只有已迁出的居民可以重新迁入。")
    if on < person.left_on:
        raise ValidationError({"on": f"重新迁入日期不能早于迁出日期({person.left_on:%Y-%m-%d})。"})
    _check_household(actor, details.household)
    PastStay.objects.create(
        person=person,
        community=person.community,
        group=person.group,
        start_on=person.registered_on,
        end_on=person.left_on,
    )
    for name in READMISSION_FIELDS:
        attname = Person._meta.get_field(name).attname  # community_id …: an unset relation is None, not an error
        setattr(person, attname, getattr(details, attname))
    if person.household_id:
        person.community = person.household.community
        person.group = person.group or person.household.group
    elif person.community_id is None:
        person.community = actor.community
    if kind == EventKind.FLOAT_IN:
        person.residence_type = ResidenceType.FLOATING
    person.status = PersonStatus.ACTIVE
    person.registered_on = on
    person.left_on = None
    _place_in_grid(person)
    register_save(actor=actor, instance=person, reason=f"重新{EventKind(kind).label}")
    if person.household_id:
        _join(person, person.household, person.relation, on)
    _event(actor=actor, kind=kind, on=on, person=person, household=person.household, place=place, document=document,
           note="曾迁出,重新登记")  # fmt: skip
    return person


def person_record_birth(*, actor: User, person: Person, document: str = "出生医学证明") -> Person:
    """A baby born into a household of the community: on the register from the birth date."""
    if person.household is None:
        raise ValidationError({"household": "新生儿须登记在户内。"})
    person.fill_from_id_number()
    if person.birth_date is None:
        raise ValidationError({"birth_date": "请填写出生日期(或填写身份证号)。"})
    return person_register(actor=actor, person=person, on=person.birth_date, kind=EventKind.BIRTH, document=document)


@transaction.atomic
def _person_leave(
    *, actor: User, person: Person, on: datetime.date, status: str, kind: str, place: str, document: str
) -> Person:
    ensure_visible_to(person, actor)
    if person.status != PersonStatus.ACTIVE:
        raise ValidationError(f"{person.name}已不在册({person.get_status_display()})。")
    if on < person.registered_on:
        raise ValidationError({"on": "离册日期不能早于登记日期。"})
    household = person.household
    _check_not_a_head_with_members(person)
    person.status = status
    person.left_on = on
    register_save(actor=actor, instance=person, reason=EventKind(kind).label)
    _leave(person, on)
    _event(actor=actor, kind=kind, on=on, person=person, household=household, place=place, document=document)
    if household is not None and not _active_members(household).exists():
        household_close(actor=actor, household=household, on=on, reason=f"最后一名成员{EventKind(kind).label}")
    return person


def person_move_out(
    *, actor: User, person: Person, on: datetime.date, place: str = "", document: str = "", floating: bool = False
) -> Person:
    """迁出 (household registration moves away) or 流出 (a floating resident leaves)."""
    kind = EventKind.FLOAT_OUT if floating else EventKind.MOVE_OUT
    return _person_leave(
        actor=actor, person=person, on=on, status=PersonStatus.MOVED_OUT, kind=kind, place=place, document=document
    )


def person_register_death(*, actor: User, person: Person, on: datetime.date, document: str = "死亡证明") -> Person:
    return _person_leave(
        actor=actor,
        person=person,
        on=on,
        status=PersonStatus.DECEASED,
        kind=EventKind.DEATH,
        place="",
        document=document,
    )


def _move(person: Person, household: Household, relation: str, on: datetime.date, actor: User, reason: str) -> None:
    current = HouseholdMembership.objects.filter(person=person, end_on__isnull=True).first()
    if current is not None and on < current.start_on:
        raise ValidationError({"on": f"{person.name}自{current.start_on:%Y-%m-%d}起才在现户,变动日期不能早于此日。"})
    _leave(person, on)
    person.household = household
    person.relation = relation
    person.community = household.community
    person.group = household.group or person.group
    _place_in_grid(person)
    register_save(actor=actor, instance=person, reason=reason)
    _join(person, household, relation, on)


@transaction.atomic
def household_split(
    *,
    actor: User,
    household: Household,
    new_household: Household,
    members: Iterable[Person],
    head: Person,
    on: datetime.date,
    relations: dict[int, str] | None = None,
) -> Household:
    """分户: ``members`` leave ``household`` for ``new_household`` (unsaved), with ``head`` as its 户主."""
    ensure_visible_to(household, actor)
    members = list(members)
    if head not in members:
        raise ValidationError({"head": "新户的户主必须是迁入新户的成员之一。"})
    current = set(_active_members(household))
    if not members or any(member not in current for member in members):
        raise ValidationError({"members": "只能从本户的在册成员中分出。"})
    remaining = current - set(members)
    if not remaining:
        raise ValidationError({"members": "不能把全部成员分出;如需迁移整户,请使用并户或迁出。"})
    if any(member.relation == Relation.HEAD for member in members):
        raise ValidationError({"members": "原户主不能分出;请先变更原户户主。"})
    new_household.community = household.community
    new_household.group = new_household.group or household.group
    new_household.established_on = on
    household_create(actor=actor, household=new_household)
    relations = relations or {}
    # The new head first, so the one-head constraint never sees two.
    for member in sorted(members, key=lambda m: m != head):
        relation = Relation.HEAD if member == head else relations.get(member.pk, Relation.OTHER)
        _move(member, new_household, relation, on, actor, "分户")
    _event(actor=actor, kind=EventKind.SPLIT, on=on, household=household, other_household=new_household,
           note="、".join(member.name for member in members))  # fmt: skip
    return new_household


@transaction.atomic
def household_merge(*, actor: User, source: Household, target: Household, on: datetime.date) -> Household:
    """并户: every member of ``source`` joins ``target`` (its head as 其他) and ``source`` closes."""
    ensure_visible_to(source, actor)
    _check_household(actor, target)
    if source.status != HouseholdStatus.ACTIVE:
        raise ValidationError("该户已注销,不能再并入其他户。")
    if source == target:
        raise ValidationError("不能与本户合并。")
    if source.community_id != target.community_id:
        raise ValidationError("只能与本社区的户合并。")
    members = list(_active_members(source))
    for member in members:
        relation = Relation.OTHER if member.relation == Relation.HEAD else member.relation
        _move(member, target, relation, on, actor, "并户")
    household_close(actor=actor, household=source, on=on, reason=f"并入{target}")
    _event(actor=actor, kind=EventKind.MERGE, on=on, household=target, other_household=source,
           note="、".join(member.name for member in members))  # fmt: skip
    return target


@transaction.atomic
def household_change_head(
    *,
    actor: User,
    household: Household,
    new_head: Person,
    on: datetime.date,
    former_head_relation: str = Relation.OTHER,
) -> Household:
    """变更户主: ``new_head`` becomes 户主; the former head stays in the household as ``former_head_relation``."""
    ensure_visible_to(household, actor)
    if new_head.household_id != household.pk or new_head.status != PersonStatus.ACTIVE:
        raise ValidationError({"new_head": "新户主必须是本户的在册成员。"})
    if former_head_relation == Relation.HEAD:
        raise ValidationError({"former_head_relation": "原户主的新关系不能仍为户主。"})
    former = _active_members(household).filter(relation=Relation.HEAD).first()
    if former == new_head:
        raise ValidationError({"new_head": "该成员已是户主。"})
    if former is not None:
        _move(former, household, former_head_relation, on, actor, "变更户主")
    _move(new_head, household, Relation.HEAD, on, actor, "变更户主")
    _event(actor=actor, kind=EventKind.HEAD_CHANGE, on=on, person=new_head, household=household,
           note=f"原户主:{former.name}" if former else "")  # fmt: skip
    return household


@transaction.atomic
def person_transfer(
    *, actor: User, person: Person, to_household: Household, relation: str, on: datetime.date
) -> Person:
    """户间转移: a member moves from one household to another on the register."""
    ensure_visible_to(person, actor)
    _check_household(actor, to_household)
    if person.status != PersonStatus.ACTIVE:
        raise ValidationError("不在册的居民不能转移。")
    if person.household_id == to_household.pk:
        raise ValidationError({"to_household": "该居民已在此户。"})
    if (
        person.relation == Relation.HEAD
        and person.household
        and _active_members(person.household).exclude(pk=person.pk).exists()
    ):
        raise ValidationError("该居民是户主,户内还有其他成员:请先变更户主。")
    if relation == Relation.HEAD and _active_members(to_household).filter(relation=Relation.HEAD).exists():
        raise ValidationError({"relation": "目标户已有户主。"})
    source, former_community, former_group = person.household, person.community, person.group
    moving_community = to_household.community_id != person.community_id
    if moving_community:
        # The stay in the former community ends today; it stays countable for earlier dates.
        PastStay.objects.create(
            person=person, community=former_community, group=former_group, start_on=person.registered_on, end_on=on
        )
        person.registered_on = on
    _move(person, to_household, relation, on, actor, "户间转移")
    if moving_community:
        _event(actor=actor, kind=EventKind.MOVE_OUT, on=on, person=person, household=source,
               community=former_community, place=str(to_household.community))  # fmt: skip
        _event(actor=actor, kind=EventKind.MOVE_IN, on=on, person=person, household=to_household,
               other_household=source, place=str(former_community))  # fmt: skip
    else:
        _event(
            actor=actor, kind=EventKind.TRANSFER, on=on, person=person, household=to_household, other_household=source
        )
    if source is not None and not _active_members(source).exists():
        household_close(actor=actor, household=source, on=on, reason="成员全部转出")
    return person


# Fields a correction may not touch: they change only through the life events above.
EVENT_FIELDS = {"status", "registered_on", "left_on", "household", "relation", "community"}


@transaction.atomic
def person_correct(*, actor: User, person: Person, changes: dict, reason: str, on: datetime.date) -> Person:
    """信息更正: fix recorded facts (name, ID number, 民族 …) with the reason kept in the history."""
    ensure_visible_to(person, actor)
    correctable = {field.name for field in Person._meta.concrete_fields if field.editable} - EVENT_FIELDS
    refused = set(changes) - correctable
    if refused:
        # Column names (household_id …) are refused too: only the listed field names can be corrected.
        raise ValueError(f"{sorted(refused)} cannot be corrected: life events change them, or they are not fields")
    if not reason.strip():
        raise ValidationError({"reason": "请填写更正原因。"})
    labels = []
    for field, value in changes.items():
        if getattr(person, field) != value:
            labels.append(str(Person._meta.get_field(field).verbose_name))
            setattr(person, field, value)
    if not labels:
        raise ValidationError("没有需要更正的内容。")
    _place_in_grid(person)
    register_save(actor=actor, instance=person, reason=f"信息更正:{reason}")
    _event(actor=actor, kind=EventKind.CORRECTION, on=on, person=person, household=person.household,
           note=f"更正{'、'.join(labels)}:{reason}")  # fmt: skip
    return person


@transaction.atomic
def membership_add(
    *,
    actor: User,
    person: Person,
    category: Category,
    start_on: datetime.date,
    source_document: str = "",
    disability_type: str = "",
    disability_grade: str = "",
    note: str = "",
) -> CategoryMembership:
    """Enter ``person`` in a special-population category from ``start_on``."""
    ensure_visible_to(person, actor)
    if not Category.objects.visible_to(actor).filter(pk=category.pk).exists():
        raise PermissionDenied("您没有登记该类别的权限。")
    if person.memberships.filter(category=category, end_on__isnull=True).exists():
        raise ValidationError({"category": f"{person.name}已在“{category}”类别中。"})
    if start_on < person.birth_date:
        raise ValidationError({"start_on": "开始日期不能早于出生日期。"})
    if category.has_disability_detail and not disability_type:
        raise ValidationError({"disability_type": "请填写残疾类别。"})
    membership = CategoryMembership(
        community=person.community,
        person=person,
        category=category,
        start_on=start_on,
        source_document=source_document,
        disability_type=disability_type,
        disability_grade=disability_grade,
        note=note,
    )
    return register_save(actor=actor, instance=membership)


@transaction.atomic
def membership_end(*, actor: User, membership: CategoryMembership, end_on: datetime.date) -> CategoryMembership:
    ensure_visible_to(membership, actor)
    if membership.end_on is not None:
        raise ValidationError("该类别登记已结束。")
    membership.end_on = end_on
    return register_save(actor=actor, instance=membership, reason="结束类别登记")


@transaction.atomic
def floating_register(*, actor: User, person: Person, registration: FloatingRegistration) -> FloatingRegistration:
    """Record the stay of a floating resident (流动人口登记); the person becomes 流动 if not already."""
    ensure_visible_to(person, actor)
    if person.status != PersonStatus.ACTIVE:
        raise ValidationError("不在册的居民不能办理流动人口登记。")
    if person.floating_registrations.filter(departed_on__isnull=True).exclude(pk=registration.pk).exists():
        raise ValidationError("该居民已有在住的流动人口登记,请先登记离开。")
    registration.person = person
    registration.community = person.community
    if person.residence_type != ResidenceType.FLOATING:
        person.residence_type = ResidenceType.FLOATING
        register_save(actor=actor, instance=person, reason="办理流动人口登记")
    return register_save(actor=actor, instance=registration)


@transaction.atomic
def floating_check_add(*, actor: User, registration: FloatingRegistration, check: FloatingCheck) -> FloatingCheck:
    """Log one check (核对) of a floating registration."""
    ensure_visible_to(registration, actor)
    check.registration = registration
    return register_save(actor=actor, instance=check)
