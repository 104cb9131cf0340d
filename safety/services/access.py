"""The access log of sensitive records."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from governance.models import User
from governance.scoping import ensure_visible_to
from safety.models import SensitiveAccess


def sensitive_access_record(*, user: User, record: models.Model, purpose: str) -> SensitiveAccess:
    """Log that ``user`` viewed ``record`` for ``purpose``; the record must be inside their scope."""
    purpose = purpose.strip()
    if not purpose:
        raise ValidationError({"purpose": "请说明查阅事由。"})
    ensure_visible_to(record, user)
    return SensitiveAccess.objects.create(
        community_id=record.community_id,
        user=user,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        record=str(record)[:200],
        purpose=purpose[:200],
    )
