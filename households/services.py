"""Write workflows of the household registers. Moving people between households is a life event
and lives in ``residents.services``; this module owns what concerns a household alone."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.models import User
from governance.scoping import ensure_visible_to
from governance.services import register_save
from households.choices import HouseholdStatus, HouseholdTagKind
from households.models import Building, Compound, Household, HouseholdTag


@transaction.atomic
def household_create(*, actor: User, household: Household) -> Household:
    """Open a new household (立户) in the actor's community."""
    household.status = HouseholdStatus.ACTIVE
    return register_save(actor=actor, instance=household, reason="立户")


@transaction.atomic
def building_add(*, actor: User, compound: Compound, building: Building) -> Building:
    """Add a building (楼栋) to a compound; it belongs to the compound's community."""
    ensure_visible_to(compound, actor)
    building.compound = compound
    building.community = compound.community
    return register_save(actor=actor, instance=building)


@transaction.atomic
def household_tag_add(
    *, actor: User, household: Household, kind: HouseholdTagKind, start_on: datetime.date, source_document: str = ""
) -> HouseholdTag:
    """Tag a household (低保户, 外出务工家庭 …) from ``start_on``; an open tag of the same kind is refused."""
    if household.tags.filter(kind=kind, end_on__isnull=True).exists():
        raise ValidationError({"kind": f"该户已是{HouseholdTagKind(kind).label},请先结束原登记。"})
    tag = HouseholdTag(
        community=household.community,
        household=household,
        kind=kind,
        start_on=start_on,
        source_document=source_document,
    )
    return register_save(actor=actor, instance=tag)


@transaction.atomic
def household_tag_end(*, actor: User, tag: HouseholdTag, end_on: datetime.date) -> HouseholdTag:
    tag.end_on = end_on
    return register_save(actor=actor, instance=tag, reason="结束户类别")


def household_close(*, actor: User, household: Household, on: datetime.date, reason: str) -> Household:
    """Close a household whose last member has left (called by the life-event services)."""
    household.status = HouseholdStatus.CLOSED
    household.closed_on = on
    return register_save(actor=actor, instance=household, reason=reason)
