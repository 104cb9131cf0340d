"""Forms of the fine rules (罚款规则: a new rule, a version's wording, a new amount from a date) and of the ledger
(豁免, 登记缴纳, 重新计算 a month)."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms

from committee.models.fines import FineRule, FineUnit
from governance.forms import RegisterForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d"]


def _helper(layout=None) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    if layout is not None:
        helper.layout = layout
    return helper


class FineRuleForm(RegisterForm):
    """A new rule of the community (书记/主任)."""

    class Meta:
        model = FineRule
        fields = [
            "community", "code", "name", "trigger", "subject", "meeting_status", "amount", "unit",
            "effective_from", "effective_to", "basis",
        ]  # fmt: skip
        widgets = {"effective_from": DATE, "effective_to": DATE, "basis": forms.Textarea(attrs={"rows": 2})}

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            Row(*(Column(name) for name in [*community, "code", "name"])),
            Row(Column("trigger"), Column("subject"), Column("meeting_status")),
            Row(Column("amount"), Column("unit"), Column("effective_from"), Column("effective_to")),
            "basis",
        )


class FineRuleEditForm(RegisterForm):
    """A version's wording and end date; its amount changes through a new version (FineRuleReviseForm)."""

    class Meta:
        model = FineRule
        fields = ["name", "effective_to", "basis"]
        widgets = {"effective_to": DATE, "basis": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"effective_to": "规则停止执行时填写;调整金额请用“调整金额”建立新版本。"}


class FineRuleReviseForm(forms.Form):
    amount = forms.DecimalField(
        label="新的罚款金额(元)", required=False, min_value=0, decimal_places=2, help_text="不填表示只记责任。"
    )
    unit = forms.ChoiceField(label="计罚单位", choices=FineUnit.choices)
    effective_from = forms.DateField(label="自何日起执行", widget=DATE, help_text="此前发生的罚款仍按原金额。")

    def __init__(self, *args, rule: FineRule, **kwargs):
        if not kwargs.get("initial"):
            kwargs["initial"] = {"amount": rule.amount, "unit": rule.unit}
        super().__init__(*args, **kwargs)
        self.helper = _helper(Layout(Row(Column("amount"), Column("unit"), Column("effective_from"))))


class FineExemptForm(forms.Form):
    reason = forms.CharField(
        label="豁免理由", max_length=200, widget=forms.Textarea(attrs={"rows": 2}), help_text="如:特殊情况(住院治疗)。"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class FinePaidForm(forms.Form):
    paid_on = forms.DateField(label="缴纳日期", widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class MonthField(forms.DateField):
    """A month (``<input type=month>``, 2026-11) as the first day of that month."""

    widget = MONTH

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", MONTH_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if isinstance(day, datetime.date) else day


class FinesSyncForm(forms.Form):
    month = MonthField(label="月份", help_text="按会议出勤、考勤和脱岗记录重新计算该月的罚款台账。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


def parse_month(value: str | None, default: datetime.date) -> datetime.date:
    """``2026-11`` → 2026-11-01; anything unreadable → the month of ``default``."""
    try:
        year, month = (int(part) for part in (value or "").split("-")[:2])
        return datetime.date(year, month, 1)
    except ValueError:
        return default.replace(day=1)
