"""Readable change history (who, when, what) of a register row, from django-simple-history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

ACTIONS = {"+": "新建", "~": "修改", "-": "删除"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    who: str
    action: str
    reason: str
    changes: list[FieldChange]


def _display(field: models.Field, value, names: dict) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, value), str(value))
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    if isinstance(field, models.DateTimeField) and isinstance(value, datetime.datetime):
        # Stored in UTC; shown as the staff read clocks (Asia/Shanghai), to the minute.
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


def _m2m_values(records, field_names: list[str]) -> dict[tuple[int, str], frozenset]:
    """The related ids each history record held, per many-to-many field: one query per field
    for all records (simple-history's own diff would query twice per record)."""
    values: dict[tuple[int, str], frozenset] = {}
    for name in field_names:
        through = getattr(records[0], name).model
        # The through row points at the recorded object and at the related one: read the related one's id.
        related = records[0].instance_type._meta.get_field(name).related_model
        candidates = [f for f in through._meta.fields if f.name not in {"id", "m2m_history_id", "history"}]
        target = next((f.name for f in reversed(candidates) if f.related_model is related), candidates[-1].name)
        rows: dict[int, set] = {record.history_id: set() for record in records}
        for history_id, related_id in through.objects.filter(history__in=list(rows)).values_list("history", target):
            rows[history_id].add(related_id)
        values |= {(history_id, name): frozenset(ids) for history_id, ids in rows.items()}
    return values


def _join(field: models.Field, ids: frozenset, names: dict) -> str:
    return "、".join(sorted(names.get((field.related_model, pk), str(pk)) for pk in ids)) or "—"


def history_entries(obj: models.Model, limit: int = 20) -> list[HistoryEntry]:
    """The latest ``limit`` changes of ``obj``, newest first, with field labels and readable values."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    if not records:
        return []
    opts = type(obj)._meta
    m2m_names = [field.name for field in getattr(records[0], "_history_m2m_fields", [])]
    m2m_values = _m2m_values(records, m2m_names)

    # (record, [(field name, old, new)]) for each shown record, oldest record shown without changes.
    raw_changes = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=m2m_names)
            changes = [(change.field, change.old, change.new) for change in delta.changes]
            for name in m2m_names:
                old, new = m2m_values[(previous.history_id, name)], m2m_values[(record.history_id, name)]
                if old != new:
                    changes.append((name, old, new))
        raw_changes.append((record, changes))

    # Resolve every related object shown with one query per related model.
    wanted: dict[type[models.Model], set] = {}
    for _, changes in raw_changes:
        for name, old, new in changes:
            field = opts.get_field(name)
            if field.many_to_many:
                wanted.setdefault(field.related_model, set()).update(old | new)
            elif isinstance(field, models.ForeignKey):
                wanted.setdefault(field.related_model, set()).update(v for v in (old, new) if v)
    names = {
        (model, pk): str(instance)
        for model, pks in wanted.items()
        for pk, instance in model._base_manager.in_bulk(pks).items()
    }

    entries = []
    for record, changes in raw_changes:
        shown = []
        for name, old, new in changes:
            field = opts.get_field(name)
            if field.many_to_many:
                shown.append(FieldChange(str(field.verbose_name), _join(field, old, names), _join(field, new, names)))
            else:
                shown.append(
                    FieldChange(str(field.verbose_name), _display(field, old, names), _display(field, new, names))
                )
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=user.display_name if user else "系统",
                action=ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=shown,
            )
        )
    return entries
