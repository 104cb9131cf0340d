from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Case, When
from django.utils import timezone

from governance.forms import RegisterForm
from governance.scoping import scope_choices
from residents.fields import PersonField
from safety.models.mediation import (
    CLOSING_STATUSES,
    CommitteeMember,
    CommitteeRole,
    DisputeCase,
    PartyRole,
)
from safety.services.mediation import PartyData

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MEDIATORS = forms.SelectMultiple(attrs={"size": 8})
MEDIATORS_HELP = "按住 Ctrl(Mac 上为 ⌘)可选择多人。"
PERSON_HELP = "在册居民填写身份证号码;非本社区在册人员留空,填写下面的姓名。"


def _current_members(queryset, user, community=None):
    """Committee members in the user's scope who still serve today (of ``community`` when given)."""
    members = scope_choices(queryset, user).current(timezone.localdate())
    if community is not None:
        members = members.filter(community=community)
    rank = Case(*(When(role=role, then=index) for index, role in enumerate(CommitteeRole.values)))
    return members.select_related("user", "person").order_by(rank, "group__order", "start_on", "pk")


class MediatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name}({obj.get_role_display()})"


class CommitteeMemberForm(RegisterForm):
    person = PersonField(label="居民身份证号", required=False, help_text="在册居民担任成员时填写。")

    class Meta:
        model = CommitteeMember
        fields = [
            "community",
            "user",
            "person",
            "name",
            "role",
            "background",
            "group",
            "phone",
            "start_on",
            "end_on",
            "note",
        ]
        widgets = {"start_on": DATE, "end_on": DATE}
        help_texts = {"user": "社区工作人员担任成员时选择。"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].limit_to(user)
        if self.instance.person_id:
            self.initial["person"] = self.instance.person.id_number

    def get_layout(self):
        return Layout(
            Fieldset("成员", Row(Column("user"), Column("person"), Column("name")), *self._community()),
            Fieldset(
                "职务与身份",
                Row(Column("role"), Column("background"), Column("group")),
                Row(Column("phone"), Column("start_on"), Column("end_on")),
                "note",
            ),
        )

    def _community(self):
        return ["community"] if "community" in self.fields else []

    def clean(self):
        cleaned = super().clean()
        sources = [bool(cleaned.get("user")), bool(cleaned.get("person")), bool((cleaned.get("name") or "").strip())]
        if sum(sources) == 0:
            self.add_error("name", "请选择工作人员、填写居民身份证号,或填写姓名。")
        elif sources[0] and sources[1]:
            self.add_error("person", "成员只能是工作人员或在册居民之一。")
        return cleaned


def _party_fields(prefix: str, label: str) -> dict:
    """The fields of one party: a resident by ID number, or an outsider by name."""
    return {
        f"{prefix}_person": PersonField(label=f"{label}身份证号", required=False, help_text=PERSON_HELP),
        f"{prefix}_name": forms.CharField(label=f"{label}姓名(非在册)", max_length=50, required=False),
        f"{prefix}_phone": forms.CharField(label="联系电话", max_length=20, required=False),
        f"{prefix}_address": forms.CharField(label="住址", max_length=200, required=False),
    }


class DisputeCaseForm(RegisterForm):
    """Receive a dispute (受理), with its applicant and respondent."""

    mediators = MediatorChoiceField(
        label="调解人员",
        queryset=CommitteeMember.objects.all(),
        required=False,
        widget=MEDIATORS,
        help_text=MEDIATORS_HELP,
    )

    class Meta:
        model = DisputeCase
        fields = [
            "community",
            "kind",
            "group",
            "source",
            "received_on",
            "level",
            "summary",
            "investigation",
            "mediators",
            "risk_criminal",
            "risk_petition",
            "risk_domestic_violence",
        ]
        widgets = {
            "received_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "investigation": forms.Textarea(attrs={"rows": 3}),
        }

    PARTIES = (("applicant", "申请方", PartyRole.APPLICANT), ("respondent", "被申请方", PartyRole.RESPONDENT))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        community = user.community if user.community_id else None
        self.fields["mediators"].queryset = _current_members(CommitteeMember.objects.all(), user, community)
        if self.instance.pk:
            self.fields["received_on"].disabled = True  # the case number follows the year of intake
        else:
            self.initial.setdefault("received_on", timezone.localdate())
            for prefix, label, _ in self.PARTIES:
                self.fields.update(_party_fields(prefix, label))
                self.fields[f"{prefix}_person"].limit_to(user)

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        parts = [
            Fieldset(
                "纠纷",
                Row(*(Column(name) for name in [*community, "kind", "group", "source"])),
                Row(Column("received_on"), Column("level")),
                "summary",
                "investigation",
            ),
        ]
        if not self.instance.pk:
            for prefix, label, _ in self.PARTIES:
                parts.append(
                    Fieldset(
                        label,
                        Row(Column(f"{prefix}_person"), Column(f"{prefix}_name")),
                        Row(Column(f"{prefix}_phone"), Column(f"{prefix}_address")),
                    )
                )
        parts.append(
            Fieldset(
                "调解与风险",
                "mediators",
                Row(Column("risk_criminal"), Column("risk_petition"), Column("risk_domestic_violence")),
            )
        )
        return Layout(*parts)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            return cleaned
        for prefix, label, _ in self.PARTIES:
            named = cleaned.get(f"{prefix}_person") or (cleaned.get(f"{prefix}_name") or "").strip()
            if not named and f"{prefix}_person" not in self.errors:
                self.add_error(f"{prefix}_person", f"请填写{label}的身份证号(在册居民)或姓名。")
        return cleaned

    def parties(self) -> list[PartyData]:
        data = self.cleaned_data
        return [
            PartyData(
                role=role,
                person=data.get(f"{prefix}_person"),
                name=data.get(f"{prefix}_name", ""),
                phone=data.get(f"{prefix}_phone", ""),
                address=data.get(f"{prefix}_address", ""),
            )
            for prefix, _, role in self.PARTIES
        ]


class DisputePartyForm(forms.Form):
    role = forms.ChoiceField(label="当事人类别", choices=PartyRole.choices)
    person = PersonField(label="身份证号", required=False, help_text=PERSON_HELP)
    name = forms.CharField(label="姓名(非在册)", max_length=50, required=False)
    id_number = forms.CharField(label="证件号码(非在册)", max_length=30, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    address = forms.CharField(label="住址", max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].limit_to(user)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not (cleaned.get("name") or "").strip() and "person" not in self.errors:
            self.add_error("person", "请填写在册居民的身份证号,或非在册当事人的姓名。")
        return cleaned

    def party(self) -> PartyData:
        data = self.cleaned_data
        if data.get("person"):
            return PartyData(role=data["role"], person=data["person"])
        outsider = {key: data[key] for key in ("name", "id_number", "phone", "address")}
        return PartyData(role=data["role"], **outsider)


class MediationSessionForm(forms.Form):
    held_on = forms.DateField(label="调解日期", widget=DATE)
    place = forms.CharField(label="调解地点", max_length=100, initial="社区调解室")
    mediators = MediatorChoiceField(
        label="调解人员", queryset=CommitteeMember.objects.none(), widget=MEDIATORS, help_text=MEDIATORS_HELP
    )
    summary = forms.CharField(label="调解情况", widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediators"].queryset = _current_members(CommitteeMember.objects.all(), user, case.community)
        self.initial.setdefault("held_on", timezone.localdate())
        self.initial.setdefault("mediators", list(case.mediators.values_list("pk", flat=True)))


class DisputeCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label="调处结果",
        choices=[("", "请选择"), *((status.value, status.label) for status in CLOSING_STATUSES)],
    )
    closed_on = forms.DateField(label="结案日期", widget=DATE)
    agreement_terms = forms.CharField(
        label="协议内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="调解成功时必填:双方自愿达成的协议条款,将写入调解协议书。",
    )
    performance = forms.CharField(
        label="履行方式及期限", max_length=200, required=False, help_text="如:一次性付清,于2026年6月30日前履行完毕。"
    )
    signed_on = forms.DateField(label="协议签订日期", required=False, widget=DATE, help_text="调解成功时必填。")
    transferred_to = forms.CharField(label="转交单位", max_length=100, required=False, help_text="转交时必填。")
    note = forms.CharField(label="结果说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("closed_on", timezone.localdate())

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "closed_on": data["closed_on"],
            "note": data["note"],
            "agreement_terms": data["agreement_terms"],
            "performance": data["performance"],
            "signed_on": data["signed_on"],
            "transferred_to": data["transferred_to"],
        }


class JudicialConfirmationForm(forms.Form):
    applied_on = forms.DateField(label="申请司法确认日期", widget=DATE)
    confirmed_on = forms.DateField(label="司法确认日期", required=False, widget=DATE, help_text="尚未确认可留空。")
    court = forms.CharField(label="确认法院", max_length=100, initial="西山区人民法院")


class FollowUpScheduleForm(forms.Form):
    due_on = forms.DateField(label="应回访日期", widget=DATE)


class FollowUpDoneForm(forms.Form):
    done_on = forms.DateField(label="回访日期", widget=DATE)
    note = forms.CharField(label="回访情况", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("done_on", timezone.localdate())


class MonthForm(forms.Form):
    month = forms.CharField(label="月份", widget=forms.TextInput(attrs={"type": "month"}), required=False)
