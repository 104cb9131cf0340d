"""Case numbers (编号) that run per community and year: 2026-001, 2026-002 …"""

from __future__ import annotations

from django.db import models

from governance.models import Community


def next_number(queryset: models.QuerySet, *, community: Community, year: int, field: str = "number") -> str:
    """The next free number ``<year>-<sequence>`` among ``queryset``'s rows of ``community``.

    Must run inside a transaction: the community row is locked, so two cases opened at the same
    moment cannot take the same number (the unique constraint would refuse the second).
    """
    Community.objects.select_for_update().filter(pk=community.pk).exists()
    prefix = f"{year}-"
    numbers = queryset.filter(community=community, **{f"{field}__startswith": prefix}).values_list(field, flat=True)
    used = [int(number[len(prefix) :]) for number in numbers if number[len(prefix) :].isdigit()]
    return f"{prefix}{max(used, default=0) + 1:03d}"
