"""Readable change history (who, when, what) of a register row, from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

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


def _display(field: models.Field | None, value, names: dict) -> str:
    if value in (None, ""):
        return "—"
    if field is None:
        return "已修改" if isinstance(value, list) else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, value), str(value))
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    return str(value)


def history_entries(obj: models.Model, limit: int = 20) -> list[HistoryEntry]:
    """The latest ``limit`` changes of ``obj``, newest first, with field labels and readable values."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    fields = {field.name: field for field in type(obj)._meta.fields}
    pairs = [(record, records[i + 1] if i + 1 < len(records) else None) for i, record in enumerate(records[:limit])]
    deltas = [(record, record.diff_against(previous) if previous else None) for record, previous in pairs]

    # Resolve every foreign key shown in the changes with one query per related model.
    wanted: dict[type[models.Model], set] = {}
    for _, delta in deltas:
        for change in delta.changes if delta else []:
            field = fields.get(change.field)
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field.related_model, set()).update(v for v in (change.old, change.new) if v)
    names = {
        (model, pk): str(instance)
        for model, pks in wanted.items()
        for pk, instance in model._base_manager.in_bulk(pks).items()
    }

    entries = []
    for record, delta in deltas:
        changes = []
        for change in delta.changes if delta else []:
            field = fields.get(change.field)
            label = str(field.verbose_name) if field else change.field
            if field is None:
                m2m = type(obj)._meta.get_field(change.field)
                label = str(m2m.verbose_name)
            changes.append(FieldChange(label, _display(field, change.old, names), _display(field, change.new, names)))
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=user.display_name if user else "系统",
                action=ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
