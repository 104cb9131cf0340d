"""Forms of the party registers: organisations, members and their status changes, transfers, 在职党员报到
and activities with their participants."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.db.models import Q
from django.utils import timezone

from committee.models.party import (
    KIND_OF_POLITICAL_STATUS,
    MemberCategory,
    MembershipKind,
    MemberStatus,
    PartyActivity,
    PartyCheckIn,
    PartyMember,
    PartyOrganisation,
    PartyTransfer,
)
from governance.forms import RegisterForm
from residents.fields import PersonField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
SHORT_TEXT = forms.Textarea(attrs={"rows": 2})


def _limit_person(form, name: str, user) -> None:
    field = form.fields.get(name)
    if isinstance(field, PersonField):
        field.limit_to(user)


def _plain_helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    if layout:
        helper.layout = Layout(*layout)
    return helper


def _member_label(member: PartyMember) -> str:
    return f"{member.person.name}({member.organisation.name})"


def _active_organisations(user, community=None):
    organisations = PartyOrganisation.objects.visible_to(user).filter(dissolved_on__isnull=True)
    return organisations.filter(community=community) if community is not None else organisations


class PartyOrganisationForm(RegisterForm):
    class Meta:
        model = PartyOrganisation
        fields = ["community", "name", "kind", "parent", "founded_on", "secretary", "group", "unit", "dissolved_on",
                  "note"]  # fmt: skip
        widgets = {"founded_on": DATE, "dissolved_on": DATE, "note": SHORT_TEXT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        current = self.instance.secretary_id
        secretary = self.fields["secretary"]
        secretary.queryset = (
            secretary.queryset.filter(Q(status=MemberStatus.ACTIVE) | Q(pk=current))
            .select_related("person", "organisation")
            .order_by("organisation_id", "person__name_pinyin")
        )
        secretary.label_from_instance = _member_label
        parent = self.fields["parent"]
        parent.queryset = parent.queryset.filter(dissolved_on__isnull=True)
        if self.instance.pk:
            parent.queryset = parent.queryset.exclude(pk=self.instance.pk)
        if "dissolved_on" in self.fields and not self.instance.pk:
            del self.fields["dissolved_on"]

    def get_layout(self):
        head = ["community"] if "community" in self.fields else []
        tail = ["dissolved_on"] if "dissolved_on" in self.fields else []
        return Layout(
            *head,
            Row(Column("name"), Column("kind")),
            Row(Column("parent"), Column("founded_on"), Column("secretary")),
            Row(Column("group"), Column("unit")),
            *tail,
            "note",
        )


class PartyMemberForm(RegisterForm):
    person = PersonField(label="居民身份证号", help_text="政治面貌须为中共党员或中共预备党员;正式/预备随政治面貌。")

    class Meta:
        model = PartyMember
        fields = ["person", "organisation", "category", "joined_on", "confirmed_on", "transferred_in",
                  "transferred_in_on", "note"]  # fmt: skip
        widgets = {"joined_on": DATE, "confirmed_on": DATE, "transferred_in_on": DATE, "note": SHORT_TEXT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _limit_person(self, "person", user)
        current = self.instance.organisation_id
        organisation = self.fields["organisation"]
        organisation.queryset = organisation.queryset.filter(Q(dissolved_on__isnull=True) | Q(pk=current))
        if self.instance.pk:
            # A membership's person never changes; a probationary member is confirmed with 转正.
            del self.fields["person"]
            if self.instance.kind == MembershipKind.PROBATIONARY:
                del self.fields["confirmed_on"]
        self.helper.layout = self._layout()

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person")
        if person is not None:
            # The kind follows the register (party_member_create does the same), so the model's check of the
            # 政治面貌 speaks of the person, not of a default.
            self.instance.kind = KIND_OF_POLITICAL_STATUS.get(person.political_status, self.instance.kind)
            if self.instance.kind == MembershipKind.PROBATIONARY:
                cleaned["confirmed_on"] = None
        return cleaned

    def _layout(self):
        head = ["person"] if "person" in self.fields else []
        confirmed = [Column("confirmed_on")] if "confirmed_on" in self.fields else []
        return Layout(
            *head,
            Row(Column("organisation"), Column("category")),
            Row(Column("joined_on"), *confirmed),
            Row(Column("transferred_in"), Column("transferred_in_on")),
            "note",
        )


class MemberConfirmForm(forms.Form):
    on = forms.DateField(label="转正时间", widget=DATE, help_text="支部大会讨论通过转正的日期,须满一年预备期。")

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        ends = member.probation_ends_on
        self.initial.setdefault("on", max(ends, timezone.localdate()) if ends else timezone.localdate())
        self.helper = _plain_helper()


class MemberEndForm(forms.Form):
    status = forms.ChoiceField(
        label="变动情况",
        choices=[
            (MemberStatus.DECEASED, MemberStatus.DECEASED.label),
            (MemberStatus.STOPPED, MemberStatus.STOPPED.label),
        ],
        help_text="停止党籍的,人口台账中的政治面貌同时改为群众。组织关系转出请用“组织关系转出”。",
    )
    on = forms.DateField(label="变动日期", widget=DATE)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())
        self.helper = _plain_helper()


class TransferOutForm(forms.Form):
    on = forms.DateField(label="转出日期", widget=DATE)
    to_organisation = forms.CharField(label="转往党组织", max_length=200, help_text="介绍信上的接收党组织名称。")
    letter_number = forms.CharField(label="介绍信编号", max_length=50, required=False)
    reason = forms.CharField(
        label="转接原因", max_length=100, required=False, help_text="如:工作调动、迁居、外出务工。"
    )
    note = forms.CharField(label="备注", required=False, widget=SHORT_TEXT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())
        self.helper = _plain_helper(Row(Column("on"), Column("letter_number")), "to_organisation", "reason", "note")


class TransferInForm(forms.Form):
    """组织关系转入: the person of the register, where their relation comes from, and their membership."""

    person = PersonField(label="居民身份证号", help_text="须已在人口台账登记。")
    organisation = forms.ModelChoiceField(label="转入党组织", queryset=PartyOrganisation.objects.none())
    on = forms.DateField(label="转入日期", widget=DATE)
    from_organisation = forms.CharField(label="原所在党组织", max_length=200, help_text="介绍信上的开出党组织名称。")
    letter_number = forms.CharField(label="介绍信编号", max_length=50, required=False)
    reason = forms.CharField(label="转接原因", max_length=100, required=False)
    category = forms.ChoiceField(label="党员类别", choices=MemberCategory.choices)
    kind = forms.ChoiceField(
        label="正式/预备", choices=MembershipKind.choices, help_text="以介绍信为准,人口台账的政治面貌随之更新。"
    )
    joined_on = forms.DateField(label="入党时间", widget=DATE)
    confirmed_on = forms.DateField(label="转正时间", widget=DATE, required=False)
    note = forms.CharField(label="备注", required=False, widget=SHORT_TEXT)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_person(self, "person", user)
        self.fields["organisation"].queryset = _active_organisations(user)
        self.initial.setdefault("on", timezone.localdate())
        self.helper = _plain_helper(
            Fieldset("转入党员", "person", Row(Column("category"), Column("kind")),
                     Row(Column("joined_on"), Column("confirmed_on"))),
            Fieldset("介绍信", Row(Column("on"), Column("letter_number")), "from_organisation",
                     Row(Column("organisation"), Column("reason")), "note"),
        )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == MembershipKind.PROBATIONARY and cleaned.get("confirmed_on"):
            self.add_error("confirmed_on", "预备党员没有转正时间。")
        return cleaned


class PartyTransferForm(RegisterForm):
    """Corrections of a recorded transfer (its member, direction and date stay)."""

    class Meta:
        model = PartyTransfer
        fields = ["letter_number", "from_organisation", "to_organisation", "reason", "note"]
        widgets = {"note": SHORT_TEXT}


class PartyCheckInForm(RegisterForm):
    person = PersonField(
        label="居民身份证号",
        required=False,
        help_text="本社区登记的居民填写;未在本社区登记的填写下面的姓名和身份证号。",
    )

    class Meta:
        model = PartyCheckIn
        fields = ["community", "person", "name", "id_number", "phone", "work_unit", "unit", "unit_organisation",
                  "reported_on", "post", "commitment", "ended_on", "note"]  # fmt: skip
        widgets = {"reported_on": DATE, "ended_on": DATE, "commitment": SHORT_TEXT, "note": SHORT_TEXT}
        labels = {"name": "姓名(未登记居民)", "id_number": "身份证号(未登记居民)"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _limit_person(self, "person", user)
        if self.instance.pk:
            if self.instance.person_id:
                for name in ("person", "name", "id_number"):
                    del self.fields[name]
            else:
                del self.fields["person"]
        else:
            self.initial.setdefault("reported_on", timezone.localdate())
        self.helper.layout = self._layout()

    def _layout(self):
        head = [name for name in ("community", "person") if name in self.fields]
        who = [Row(Column("name"), Column("id_number"))] if "name" in self.fields else []
        return Layout(
            *head,
            *who,
            Row(Column("phone"), Column("reported_on"), Column("ended_on")),
            Row(Column("work_unit"), Column("unit"), Column("unit_organisation")),
            "post",
            "commitment",
            "note",
        )


class PartyActivityForm(RegisterForm):
    class Meta:
        model = PartyActivity
        fields = ["organisation", "date", "kind", "title", "place", "beneficiaries", "description", "participants",
                  "checkin_participants"]  # fmt: skip
        widgets = {
            "date": DATE,
            "description": TEXT,
            "participants": forms.CheckboxSelectMultiple,
            "checkin_participants": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        instance = self.instance
        chosen = list(instance.participants.values_list("pk", flat=True)) if instance.pk else []
        participants = self.fields["participants"]
        participants.queryset = (
            participants.queryset.filter(Q(status=MemberStatus.ACTIVE) | Q(pk__in=chosen))
            .select_related("person", "organisation")
            .order_by("organisation_id", "person__name_pinyin")
        )
        participants.label_from_instance = _member_label
        participants.help_text = "只列出在册党员和已登记的参加者;活动日期不在其在册期内的,保存时会提示。"
        reporting = list(instance.checkin_participants.values_list("pk", flat=True)) if instance.pk else []
        checkins = self.fields["checkin_participants"]
        checkins.queryset = checkins.queryset.filter(Q(ended_on__isnull=True) | Q(pk__in=reporting)).select_related(
            "person"
        )
        checkins.label_from_instance = lambda checkin: f"{checkin.display_name}({checkin.work_unit})"
        organisation = self.fields["organisation"]
        current = instance.organisation_id
        organisation.queryset = organisation.queryset.filter(Q(dissolved_on__isnull=True) | Q(pk=current))
        if not instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def get_layout(self):
        return Layout(
            Row(Column("date"), Column("kind"), Column("organisation")),
            Row(Column("title"), Column("place"), Column("beneficiaries")),
            "description",
            InlineCheckboxes("participants"),
            InlineCheckboxes("checkin_participants"),
        )
