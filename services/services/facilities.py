"""Write workflows of 阵地设施: facilities, their equipment, convenience outlets and infrastructure assets.

Plain register edits (``register_save``); equipment always belongs to its facility's community.
"""

from __future__ import annotations

from django.db import transaction

from governance.models import User
from governance.scoping import ensure_visible_to
from governance.services import register_save
from services.models.facilities import ConvenienceOutlet, Equipment, Facility, InfrastructureAsset


@transaction.atomic
def facility_save(*, actor: User, facility: Facility) -> Facility:
    """Add or edit a facility (in the actor's community when new)."""
    return register_save(actor=actor, instance=facility, reason="" if facility.pk else "登记设施")


@transaction.atomic
def equipment_save(*, actor: User, equipment: Equipment) -> Equipment:
    """Add or edit a piece of equipment: it belongs to the community of its facility."""
    if equipment.facility_id:
        ensure_visible_to(equipment.facility, actor)
        equipment.community = equipment.facility.community
    return register_save(actor=actor, instance=equipment, reason="" if equipment.pk else "登记设备")


@transaction.atomic
def outlet_save(*, actor: User, outlet: ConvenienceOutlet) -> ConvenienceOutlet:
    """Add or edit a convenience outlet (便民利民网点)."""
    return register_save(actor=actor, instance=outlet, reason="" if outlet.pk else "登记网点")


@transaction.atomic
def asset_save(*, actor: User, asset: InfrastructureAsset) -> InfrastructureAsset:
    """Add or edit an infrastructure asset of a residents' group."""
    return register_save(actor=actor, instance=asset, reason="" if asset.pk else "登记基础设施")
