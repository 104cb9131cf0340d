"""Forms of the 平安 records (patrols, police visits, legal education, inspections, incidents, petitions)."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from governance.forms import RegisterForm
from governance.models import User
from residents.fields import PersonField
from safety.models.records import (
    Audience,
    Incident,
    IncidentKind,
    Inspection,
    InspectionTarget,
    LegalEducationSession,
    PatrolRecord,
    PatrolTeam,
    PatrolTeamMember,
    Petition,
    PoliceOfficer,
    PoliceVisit,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})
SPLIT = re.compile(r"[\s,,、;;]+")


class PersonsField(forms.CharField):
    """Several persons of the register, by 身份证号 (one per line), each found inside the user's scope."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "填写身份证号码,每行一个。")
        super().__init__(**kwargs)
        self.single = PersonField(active_only=False, required=False)

    def limit_to(self, user) -> None:
        self.single.limit_to(user)

    def prepare_value(self, value):
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            persons = value.all() if hasattr(value, "all") else value
            return "\n".join(getattr(person, "id_number", str(person)) for person in persons)
        return value

    def clean(self, value):
        text = super().clean(value)
        persons, errors = [], []
        for number in SPLIT.split(text or ""):
            if not number:
                continue
            try:
                person = self.single.clean(number)
            except ValidationError as error:
                errors.extend(error.messages)
                continue
            if person not in persons:
                persons.append(person)
        if errors:
            raise ValidationError(errors)
        return persons


def _staff_choices(field, user) -> None:
    field.queryset = User.objects.visible_to(user).filter(is_active=True).order_by("name", "username")
    field.label_from_instance = lambda staff: staff.display_name


#
# Patrols
#


class PatrolTeamForm(RegisterForm):
    class Meta:
        model = PatrolTeam
        fields = ["community", "kind", "name", "founded_on", "is_active", "note"]
        widgets = {"founded_on": DATE, "note": TEXT}


class PatrolTeamMemberForm(RegisterForm):
    person = PersonField(label="居民(身份证号)", required=False, active_only=False)

    class Meta:
        model = PatrolTeamMember
        fields = ["person", "name", "role", "phone", "joined_on", "is_active"]
        widgets = {"joined_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].limit_to(user)
        self.fields["person"].help_text = "本社区登记的居民填写身份证号码;其他人员(民警、外来人员)只填姓名。"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("person") is None and not (cleaned.get("name") or "").strip():
            raise ValidationError("请填写居民的身份证号码,或填写姓名。")
        return cleaned


class PatrolRecordForm(RegisterForm):
    class Meta:
        model = PatrolRecord
        fields = [
            "date",
            "start_time",
            "end_time",
            "groups",
            "route",
            "members_present",
            "findings",
            "finding_note",
            "follow_up",
        ]
        widgets = {
            "date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "groups": forms.CheckboxSelectMultiple,
            "members_present": forms.CheckboxSelectMultiple,
            "finding_note": TEXT,
            "follow_up": TEXT,
        }

    def __init__(self, *args, user, team: PatrolTeam, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["groups"].queryset = self.fields["groups"].queryset.filter(community=team.community)
        members = self.fields["members_present"].queryset.filter(team=team).select_related("person")
        current = self.instance.members_present.all() if self.instance.pk else PatrolTeamMember.objects.none()
        self.fields["members_present"].queryset = (
            members.filter(is_active=True) | members.filter(pk__in=current)
        ).distinct()
        self.fields["members_present"].label_from_instance = lambda member: member.display_name


#
# Police liaison
#


class PoliceOfficerForm(RegisterForm):
    class Meta:
        model = PoliceOfficer
        fields = [
            "community",
            "name",
            "station",
            "phone",
            "assigned_from",
            "assigned_to",
            "monthly_target_hours",
            "note",
        ]
        widgets = {"assigned_from": DATE, "assigned_to": DATE, "note": TEXT}


class PoliceVisitForm(RegisterForm):
    class Meta:
        model = PoliceVisit
        fields = ["date", "hours", "purpose", "notes"]
        widgets = {"date": DATE, "notes": TEXT}


#
# Legal education
#


class LegalEducationSessionForm(RegisterForm):
    audiences = forms.MultipleChoiceField(
        label="对象", choices=Audience.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = LegalEducationSession
        fields = [
            "community",
            "date",
            "format",
            "topic",
            "audiences",
            "audience_count",
            "speaker",
            "materials_distributed",
            "campaign",
            "location",
            "note",
        ]
        widgets = {"date": DATE, "note": TEXT}


#
# Inspections
#


class InspectionTargetForm(RegisterForm):
    class Meta:
        model = InspectionTarget
        fields = [
            "community",
            "kind",
            "name",
            "group",
            "location",
            "resident_unit",
            "rental",
            "schedule",
            "is_active",
            "note",
        ]
        widgets = {"note": TEXT}


class InspectionForm(RegisterForm):
    class Meta:
        model = Inspection
        fields = [
            "date",
            "inspectors",
            "other_inspectors",
            "result",
            "hazard_description",
            "severity",
            "deadline",
        ]
        widgets = {
            "date": DATE,
            "deadline": DATE,
            "inspectors": forms.CheckboxSelectMultiple,
            "hazard_description": TEXT,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _staff_choices(self.fields["inspectors"], user)
        self.fields["result"].widget = forms.RadioSelect(choices=self.fields["result"].choices[1:])


class RectifyForm(forms.Form):
    rectified_on = forms.DateField(label="整改完成日期", widget=DATE)
    note = forms.CharField(label="整改情况", widget=TEXT)


class EscalateForm(forms.Form):
    escalated_on = forms.DateField(label="上报日期", widget=DATE)
    escalated_to = forms.CharField(label="上报单位", max_length=100, help_text="如:街道安监站、消防大队、派出所。")


#
# Incidents
#


class IncidentForm(RegisterForm):
    persons = PersonsField(label="涉及人员(本社区居民)")

    class Meta:
        model = Incident
        fields = [
            "community",
            "date",
            "kind",
            "is_major",
            "group",
            "location",
            "source",
            "summary",
            "persons",
            "outcome",
        ]
        widgets = {"date": DATE, "summary": TEXT, "outcome": TEXT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["persons"].limit_to(user)
        if self.instance.pk:
            self.initial["persons"] = list(self.instance.persons.all())


class IncidentCloseForm(forms.Form):
    outcome = forms.CharField(label="处理结果", widget=TEXT)


class YearConfirmForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=IncidentKind.choices)
    note = forms.CharField(label="说明", max_length=200, required=False)


#
# Petitions
#


class PetitionForm(RegisterForm):
    petitioners = PersonsField(label="信访人(本社区居民)")

    class Meta:
        model = Petition
        fields = [
            "community",
            "received_on",
            "channel",
            "subject",
            "description",
            "group",
            "petitioners",
            "outsider_names",
            "headcount",
            "level_reached",
            "caused_by_improper_handling",
            "receptionist",
            "receptionist_other",
            "dispute_case",
        ]
        widgets = {"received_on": DATE, "description": TEXT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["petitioners"].limit_to(user)
        _staff_choices(self.fields["receptionist"], user)
        self.fields["dispute_case"].label_from_instance = lambda case: f"{case.number} {case.get_kind_display()}"
        if self.instance.pk:
            self.initial["petitioners"] = list(self.instance.petitioners.all())
            # The number's year follows the date received: it is set once, at 受理.
            self.fields["received_on"].disabled = True


class PetitionStepForm(forms.Form):
    date = forms.DateField(label="日期", widget=DATE)
    action = forms.CharField(label="办理情况", widget=TEXT)
    handler = forms.CharField(label="经办人", max_length=50, required=False, help_text="留空则为当前登录人。")


class PetitionCloseForm(forms.Form):
    closed_on = forms.DateField(label="办结日期", widget=DATE)
    result = forms.CharField(label="办理结果", widget=TEXT)


class PetitionTransferForm(forms.Form):
    on = forms.DateField(label="转交日期", widget=DATE)
    transferred_to = forms.CharField(label="转交单位", max_length=100)
