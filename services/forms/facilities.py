"""Forms of 阵地设施: facilities, equipment, convenience outlets and infrastructure assets."""

from __future__ import annotations

from crispy_forms.layout import Column, Layout, Row
from django import forms

from governance.forms import RegisterForm
from services.models.facilities import ConvenienceOutlet, Equipment, Facility, InfrastructureAsset

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOTE = forms.Textarea(attrs={"rows": 2})


def _head(form) -> list[str]:
    return ["community"] if "community" in form.fields else []


class FacilityForm(RegisterForm):
    class Meta:
        model = Facility
        fields = [
            "community",
            "kind",
            "name",
            "group",
            "area_m2",
            "count",
            "tenure",
            "investment",
            "opened_on",
            "opening_hours",
            "condition",
            "note",
        ]
        widgets = {"opened_on": DATE, "note": NOTE}

    def get_layout(self):
        return Layout(
            *_head(self),
            Row(Column("kind"), Column("name"), Column("group")),
            Row(Column("area_m2"), Column("count"), Column("tenure"), Column("investment")),
            Row(Column("opened_on"), Column("opening_hours"), Column("condition")),
            "note",
        )


class EquipmentForm(RegisterForm):
    class Meta:
        model = Equipment
        fields = ["facility", "kind", "name", "quantity", "unit", "condition", "acquired_on", "value", "note"]
        widgets = {"acquired_on": DATE}
        help_texts = {"unit": "留空按类别填入(部、台…)。"}

    def get_layout(self):
        return Layout(
            Row(Column("facility"), Column("kind"), Column("name")),
            Row(Column("quantity"), Column("unit"), Column("condition")),
            Row(Column("acquired_on"), Column("value")),
            "note",
        )


class ConvenienceOutletForm(RegisterForm):
    class Meta:
        model = ConvenienceOutlet
        fields = ["community", "kind", "name", "operator", "group", "address", "phone", "is_open", "note"]

    def get_layout(self):
        return Layout(
            *_head(self),
            Row(Column("kind"), Column("name"), Column("operator")),
            Row(Column("group"), Column("address"), Column("phone")),
            "is_open",
            "note",
        )


class InfrastructureAssetForm(RegisterForm):
    class Meta:
        model = InfrastructureAsset
        fields = ["community", "kind", "group", "quantity", "unit", "built_year", "condition", "description", "note"]

    def get_layout(self):
        return Layout(
            *_head(self),
            Row(Column("kind"), Column("group")),
            Row(Column("quantity"), Column("unit"), Column("built_year"), Column("condition")),
            "description",
            "note",
        )
