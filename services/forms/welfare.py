"""Forms of 社会救助·福利: programmes, enrolments and their steps, batches and their actions, donations,
assistance pairs and visits."""

from __future__ import annotations

import datetime

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.forms import RegisterForm
from households.models import Household
from residents.fields import PersonField
from residents.models import Category
from services.models.welfare import (
    AssistancePair,
    BeneficiaryUnit,
    DistributionBatch,
    Donation,
    DonationCampaign,
    PaymentMethod,
    WelfareEnrolment,
    WelfareProgramme,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTH = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


def _today():
    return timezone.localdate()


class HouseholdField(forms.CharField):
    """A household of the user's scope named by its 户号 (as staff name households)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", "填写户号。")
        super().__init__(**kwargs)
        self.queryset = None

    def limit_to(self, user) -> None:
        queryset = Household.objects.visible_to(user).filter(status="active")
        if user.community_id:
            queryset = queryset.filter(community_id=user.community_id)
        self.queryset = queryset

    def prepare_value(self, value):
        return getattr(value, "number", value)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        found = list(self.queryset.filter(number=text.strip())[:2]) if self.queryset is not None else []
        if len(found) != 1:
            raise ValidationError(f"在您的管辖范围内没有户号为 {text.strip()} 的在册户。")
        return found[0]


class MonthField(forms.DateField):
    """A month (发放月份) typed as 2026-10 (or a full date): the first day of that month."""

    input_formats = ["%Y-%m", "%Y-%m-%d", "%Y/%m", "%Y年%m月"]
    widget = MONTH

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class WelfareProgrammeForm(RegisterForm):
    class Meta:
        model = WelfareProgramme
        fields = [
            "community",
            "name",
            "kind",
            "unit",
            "standard_amount",
            "frequency",
            "funding_source",
            "review_months",
            "eligibility",
            "is_active",
            "note",
        ]
        widgets = {"eligibility": forms.Textarea(attrs={"rows": 2})}

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            *community,
            Row(Column("name"), Column("kind"), Column("unit")),
            Row(Column("standard_amount"), Column("frequency"), Column("funding_source"), Column("review_months")),
            "eligibility",
            Row(Column("is_active"), Column("note")),
        )


class WelfareEnrolmentForm(RegisterForm):
    """申报: the programme, then the person (身份证号) or the household (户号) as the programme pays."""

    person = PersonField(label="居民身份证号", required=False, help_text="以人享受的项目填写。")
    household = HouseholdField(label="户号", required=False, help_text="以户享受的项目填写。")

    class Meta:
        model = WelfareEnrolment
        fields = ["community", "programme", "person", "household", "applied_on", "amount", "approving_body", "note"]
        widgets = {"applied_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].limit_to(user)
        self.fields["household"].limit_to(user)
        self.fields["programme"].queryset = self.fields["programme"].queryset.filter(is_active=True)
        self.fields["amount"].required = False
        self.fields["amount"].help_text = "留空则按项目标准金额。"
        self.fields["applied_on"].initial = _today()

    def clean(self):
        cleaned = super().clean()
        programme = cleaned.get("programme")
        if programme is not None:
            if programme.unit == BeneficiaryUnit.HOUSEHOLD:
                cleaned["person"] = None
                if not cleaned.get("household") and "household" not in self.errors:
                    self.add_error("household", f"「{programme}」以户享受,请填写户号。")
            else:
                cleaned["household"] = None
                if not cleaned.get("person") and "person" not in self.errors:
                    self.add_error("person", f"「{programme}」以人享受,请填写居民身份证号。")
        return cleaned

    def _post_clean(self):
        # The service fills the standard amount; the model's own check runs there.
        if self.cleaned_data.get("amount") is None:
            programme = self.cleaned_data.get("programme")
            if programme is not None:
                self.cleaned_data["amount"] = programme.standard_amount
        super()._post_clean()


class WelfareEnrolmentEditForm(RegisterForm):
    class Meta:
        model = WelfareEnrolment
        fields = ["amount", "review_months", "next_review_on", "approving_body", "note"]
        widgets = {"next_review_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}


class EnrolmentStepForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE, initial=_today)
    approving_body = forms.CharField(label="审批机关", max_length=100, required=False, help_text="批准在保时填写。")
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, final: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not final:
            del self.fields["approving_body"]


class EnrolmentStopForm(forms.Form):
    on = forms.DateField(label="停保日期", widget=DATE, initial=_today)
    reason = forms.CharField(label="停保原因", max_length=200)


class EnrolmentReviewForm(forms.Form):
    on = forms.DateField(label="复核日期", widget=DATE, initial=_today)
    note = forms.CharField(label="复核情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))


#
# Batches
#


class DistributionBatchForm(RegisterForm):
    period = MonthField(label="发放月份", help_text="如 2026-10。")

    class Meta:
        model = DistributionBatch
        fields = ["community", "title", "programme", "period", "funding_source", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["funding_source"].required = False
        self.fields["funding_source"].help_text = "留空则按项目的资金来源。"
        if self.instance.pk:
            self.fields["programme"].disabled = True


class BatchBuildForm(forms.Form):
    SOURCES = [("enrolments", "该项目的在保对象"), ("rule", "按条件:人群类别和/或年龄")]

    source = forms.ChoiceField(label="名单来源", choices=SOURCES, widget=forms.RadioSelect, initial="enrolments")
    category = forms.ModelChoiceField(label="人群类别", queryset=Category.objects.none(), required=False)
    min_age = forms.IntegerField(label="年龄不低于(周岁)", min_value=0, max_value=130, required=False)
    on = forms.DateField(label="计算日期", widget=DATE, required=False, help_text="按此日期的在册情况和年龄计算。")

    def __init__(self, *args, user, batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.visible_to(user).filter(is_active=True)
        self.fields["on"].initial = batch.period

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") == "rule":
            if cleaned.get("category") is None and cleaned.get("min_age") is None:
                raise ValidationError("按条件生成时,请选择人群类别或填写年龄。")
            if cleaned.get("on") is None:
                self.add_error("on", "请填写计算日期。")
        return cleaned


class LineAddForm(forms.Form):
    person = PersonField(label="居民身份证号", required=False)
    household = HouseholdField(label="户号", required=False, help_text="以户发放时填写。")
    amount = forms.DecimalField(
        label="金额(元)", max_digits=12, decimal_places=2, min_value=0, required=False, help_text="留空则按项目标准。"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].limit_to(user)
        self.fields["household"].limit_to(user)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and bool(cleaned.get("person")) == bool(cleaned.get("household")):
            raise ValidationError("请填写居民身份证号或户号,只填一项。")
        return cleaned


class LineAmountForm(forms.Form):
    amount = forms.DecimalField(label="金额(元)", max_digits=12, decimal_places=2, min_value=0)


class ConfirmForm(forms.Form):
    """An action without input (提交, 移出): the button confirms it."""


class BatchApproveForm(forms.Form):
    on = forms.DateField(label="审批日期", widget=DATE, initial=_today)


class BatchReturnForm(forms.Form):
    reason = forms.CharField(label="退回原因", max_length=200)


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label="签领日期", widget=DATE, initial=_today)
    method = forms.ChoiceField(label="发放方式", choices=PaymentMethod.choices, initial=PaymentMethod.CASH)


class BatchCorrectForm(forms.Form):
    title = forms.CharField(
        label="更正批次名称", max_length=100, required=False, help_text="留空则为原名称加“(更正)”。"
    )


#
# Donations and assistance pairs
#


class DonationCampaignForm(RegisterForm):
    class Meta:
        model = DonationCampaign
        fields = ["community", "name", "purpose", "start_on", "end_on", "organiser", "note"]
        widgets = {
            "start_on": DATE,
            "end_on": DATE,
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class DonationForm(RegisterForm):
    donor_person = PersonField(label="捐赠居民身份证号", required=False)

    class Meta:
        model = Donation
        fields = ["donor_person", "donor_unit", "donor_name", "kind", "amount", "goods", "donated_on", "note"]
        widgets = {"donated_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["donor_person"].limit_to(user)
        self.fields["donated_on"].initial = _today()

    def get_layout(self):
        return Layout(
            Fieldset("捐赠人(三选一)", Row(Column("donor_person"), Column("donor_unit"), Column("donor_name"))),
            Fieldset("捐赠", Row(Column("kind"), Column("amount"), Column("donated_on")), "goods", "note"),
        )


class AssistancePairForm(RegisterForm):
    helper_person = PersonField(label="帮扶人(居民身份证号)", required=False)
    helped_person = PersonField(label="帮扶对象(居民身份证号)", required=False)
    helped_household = HouseholdField(label="帮扶对象(户号)", required=False)

    class Meta:
        model = AssistancePair
        fields = [
            "community",
            "kind",
            "helper_user",
            "helper_person",
            "helper_name",
            "helped_person",
            "helped_household",
            "started_on",
            "ended_on",
            "note",
        ]
        widgets = {"started_on": DATE, "ended_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        for name in ("helper_person", "helped_person", "helped_household"):
            self.fields[name].limit_to(user)
            value = getattr(self.instance, name, None)
            if value is not None:
                self.initial[name] = value

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            *community,
            "kind",
            Fieldset("帮扶人(三选一)", Row(Column("helper_user"), Column("helper_person"), Column("helper_name"))),
            Fieldset("帮扶对象(二选一)", Row(Column("helped_person"), Column("helped_household"))),
            Row(Column("started_on"), Column("ended_on")),
            "note",
        )


class AssistanceVisitForm(forms.Form):
    visited_on = forms.DateField(label="走访日期", widget=DATE, initial=_today)
    content = forms.CharField(label="走访内容", widget=forms.Textarea(attrs={"rows": 3}))
    aid = forms.CharField(label="帮扶物资/资金", max_length=200, required=False)
    aid_value = forms.DecimalField(label="折价(元)", max_digits=12, decimal_places=2, min_value=0, required=False)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)
