"""Forms of the service windows, items and cases (办件)."""

from __future__ import annotations

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone

from governance.forms import RegisterForm
from governance.models import ResidentUnit, User
from governance.scoping import scope_choices
from households.models import Household
from residents.fields import PersonField
from services.models.windows import CaseStatus, Satisfaction, ServiceCase, ServiceItem, ServiceWindow
from services.services.windows import STEP_MOVES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def _staff(user, community=None):
    """Active staff accounts the user may name (of ``community`` when given)."""
    users = scope_choices(User.objects.all(), user).filter(is_active=True, community__isnull=False)
    if community is not None:
        users = users.filter(community=community)
    return users.order_by("name", "username")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name}({obj.post})" if obj.post else obj.display_name


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name}({obj.post})" if obj.post else obj.display_name


class ServiceWindowForm(RegisterForm):
    staff = StaffMultipleChoiceField(
        label="窗口工作人员",
        queryset=User.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = ServiceWindow
        fields = [
            "community",
            "name",
            "order",
            "location",
            "phone",
            "opening_hours",
            "description",
            "staff",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        community = self.instance.community if self.instance.pk else (user.community if user.community_id else None)
        self.fields["staff"].queryset = _staff(user, community)

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            Fieldset(
                "窗口",
                Row(*(Column(name) for name in [*community, "name", "order"])),
                Row(Column("location"), Column("phone"), Column("opening_hours")),
                "description",
            ),
            Fieldset("人员与状态", "staff", "is_active"),
        )


class ServiceItemForm(RegisterForm):
    class Meta:
        model = ServiceItem
        fields = [
            "window",
            "name",
            "order",
            "description",
            "conditions",
            "process_steps",
            "required_documents",
            "standard",
            "time_limit_days",
            "on_the_spot",
            "fee",
            "supervising_phone",
            "is_active",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("description", "conditions", "process_steps", "required_documents", "standard")
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["window"].queryset = self.fields["window"].queryset.select_related("community")

    def get_layout(self):
        return Layout(
            Fieldset("事项", Row(Column("window"), Column("name"), Column("order")), "description"),
            Fieldset("办理要求", "conditions", "required_documents", "process_steps", "standard"),
            Fieldset(
                "时限、收费与监督",
                Row(Column("time_limit_days"), Column("fee"), Column("supervising_phone")),
                Row(Column("on_the_spot"), Column("is_active")),
            ),
        )


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        suffix = "(即办件)" if obj.on_the_spot else f"({obj.time_limit_display})"
        return f"{obj.window.name} · {obj.name}{suffix}"


class ServiceCaseForm(RegisterForm):
    """Receive a case (受理): the applicant (a resident by ID number, a household, a unit, or a name),
    the item, how it came in and how it will be handled."""

    applicant_person = PersonField(
        label="申请人身份证号", required=False, help_text="在册居民填写身份证号;户、单位或非在册人员留空。"
    )
    item = ItemChoiceField(label="服务事项", queryset=ServiceItem.objects.all())
    agent = StaffChoiceField(
        label="代理员", queryset=User.objects.all(), required=False, help_text="留空则由受理人负责。"
    )
    received_at = forms.DateTimeField(label="受理时间", widget=DATETIME, input_formats=DATETIME_FORMATS)
    satisfaction = forms.ChoiceField(
        label="满意度",
        choices=[("", "未评价"), *Satisfaction.choices],
        required=False,
        help_text="当场办结时填写群众评价。",
    )

    class Meta:
        model = ServiceCase
        fields = [
            "community",
            "applicant_person",
            "applicant_household",
            "applicant_unit",
            "applicant_name",
            "applicant_phone",
            "item",
            "summary",
            "channel",
            "mode",
            "received_at",
            "agent",
            "fee_waived",
            "note",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2}), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        community = self.instance.community if self.instance.pk else (user.community if user.community_id else None)
        self.fields["agent"].queryset = _staff(user, community)
        self.fields["applicant_household"].queryset = scope_choices(Household.objects.all(), user).order_by(
            "community_id", "number"
        )
        self.fields["applicant_unit"].queryset = scope_choices(ResidentUnit.objects.all(), user)
        if self.instance.pk:
            for name in ("applicant_person", "applicant_household", "applicant_unit", "item", "mode", "received_at",
                         "satisfaction"):  # fmt: skip
                self.fields.pop(name, None)
            self.fields["agent"].required = True
        else:
            self.fields["applicant_person"].limit_to(user)
            self.fields["item"].queryset = (
                scope_choices(ServiceItem.objects.all(), user).active().select_related("window")
            )
            self.initial.setdefault("received_at", timezone.localtime().replace(second=0, microsecond=0))

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        if self.instance.pk:
            return Layout(
                Fieldset("申请人", Row(Column("applicant_name"), Column("applicant_phone"))),
                Fieldset("办理", "summary", Row(Column("channel"), Column("agent")), Row(Column("fee_waived")), "note"),
            )
        return Layout(
            Fieldset(
                "申请人",
                Row(*(Column(name) for name in [*community, "applicant_person"])),
                Row(Column("applicant_household"), Column("applicant_unit")),
                Row(Column("applicant_name"), Column("applicant_phone")),
            ),
            Fieldset(
                "受理",
                "item",
                "summary",
                Row(Column("channel"), Column("mode"), Column("received_at")),
                Row(Column("agent"), Column("satisfaction"), Column("fee_waived")),
                "note",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            return cleaned
        named = [
            cleaned.get("applicant_person"),
            cleaned.get("applicant_household"),
            cleaned.get("applicant_unit"),
            (cleaned.get("applicant_name") or "").strip(),
        ]
        if not any(named) and "applicant_person" not in self.errors:
            self.add_error("applicant_person", "请填写申请人:在册居民的身份证号、申请户、申请单位,或申请人姓名。")
        if sum(bool(value) for value in named[:3]) > 1:
            self.add_error("applicant_person", "申请人只能是在册居民、户或单位之一。")
        return cleaned


class CaseStepForm(forms.Form):
    """Log a step of the handling, optionally moving the case (办理中 / 已转办 / 待补材料)."""

    action = forms.CharField(
        label="办理环节", max_length=50, help_text="如:入户核实、材料初审、报送街道、电话告知、领取证件"
    )
    note = forms.CharField(label="情况说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    to_status = forms.ChoiceField(label="办理后状态", required=False)
    transferred_to = forms.CharField(label="转办单位", max_length=100, required=False, help_text="转办时必填。")
    at = forms.DateTimeField(label="办理时间", widget=DATETIME, input_formats=DATETIME_FORMATS)

    def __init__(self, *args, case: ServiceCase, **kwargs):
        super().__init__(*args, **kwargs)
        moves = STEP_MOVES.get(case.status, ())
        self.fields["to_status"].choices = [("", "不变(首次办理转为办理中)")] + [
            (status, CaseStatus(status).label) for status in moves if status != case.status
        ]
        self.initial.setdefault("at", timezone.localtime().replace(second=0, microsecond=0))
        self.initial.setdefault("transferred_to", case.transferred_to)


class CaseCloseForm(forms.Form):
    closed_at = forms.DateTimeField(label="办结时间", widget=DATETIME, input_formats=DATETIME_FORMATS)
    satisfaction = forms.ChoiceField(
        label="群众满意度", choices=[("", "未评价"), *Satisfaction.choices], required=False
    )
    note = forms.CharField(label="办结情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("closed_at", timezone.localtime().replace(second=0, microsecond=0))


class CaseReturnForm(forms.Form):
    reason = forms.CharField(label="退回原因", widget=forms.Textarea(attrs={"rows": 3}), help_text="将告知申请人。")
    returned_at = forms.DateTimeField(label="退回时间", widget=DATETIME, input_formats=DATETIME_FORMATS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("returned_at", timezone.localtime().replace(second=0, microsecond=0))
