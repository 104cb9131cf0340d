"""Forms of 志愿服务: teams, volunteers, activities and their participants, redemptions, party posts."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import Q
from django.utils import timezone

from governance.forms import RegisterForm
from residents.fields import PersonField
from services.models.volunteers import (
    HOURS,
    PartyPost,
    ServiceIntention,
    Volunteer,
    VolunteerActivity,
    VolunteerTeam,
    intention_codes,
    intentions_value,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _limit_person(form, name: str, user) -> None:
    field = form.fields.get(name)
    if isinstance(field, PersonField):
        field.limit_to(user)


class VolunteerTeamForm(RegisterForm):
    leader = PersonField(label="队长身份证号", required=False, help_text="队长是本社区居民时填写身份证号码。")

    class Meta:
        model = VolunteerTeam
        fields = ["community", "name", "kind", "leader", "founded_on", "description", "is_active"]
        widgets = {"founded_on": DATE, "description": TEXT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _limit_person(self, "leader", user)


class VolunteerForm(RegisterForm):
    person = PersonField(label="居民身份证号")
    intentions = forms.MultipleChoiceField(
        label="服务意向", choices=ServiceIntention.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Volunteer
        fields = [
            "community",
            "person",
            "background",
            "intentions",
            "skills",
            "teams",
            "registered_on",
            "is_active",
            "note",
        ]
        widgets = {
            "registered_on": DATE,
            "teams": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _limit_person(self, "person", user)
        if self.instance.pk:
            # The person of a volunteer record never changes: register the other person instead.
            del self.fields["person"]
            self.initial["intentions"] = intention_codes(self.instance.intentions)
        else:
            self.initial.setdefault("registered_on", timezone.localdate())
        # Teams in operation, and those the volunteer is already in.
        current = list(self.instance.teams.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["teams"].queryset = self.fields["teams"].queryset.filter(Q(is_active=True) | Q(pk__in=current))
        fields = [name for name in self.fields if name not in ("intentions", "teams")]
        self.helper.layout = Layout(
            *fields[:-2], InlineCheckboxes("intentions"), InlineCheckboxes("teams"), *fields[-2:]
        )

    def clean_intentions(self):
        return intentions_value(self.cleaned_data.get("intentions") or [])


class VolunteerActivityForm(RegisterForm):
    class Meta:
        model = VolunteerActivity
        fields = ["community", "date", "title", "team", "place", "beneficiaries", "description"]
        widgets = {"date": DATE, "description": TEXT}

    def get_layout(self):
        head = ["community"] if "community" in self.fields else []
        return Layout(
            *head,
            Row(Column("date"), Column("title")),
            Row(Column("team"), Column("place"), Column("beneficiaries")),
            "description",
        )


class ParticipantsForm(forms.Form):
    """Volunteers who took part in an activity, all credited the same hours."""

    volunteers = forms.ModelMultipleChoiceField(
        label="参加的志愿者", queryset=Volunteer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    hours = forms.DecimalField(label="每人服务时长(小时)", min_value=0.1, **HOURS)

    def __init__(self, *args, user, activity, **kwargs):
        super().__init__(*args, **kwargs)
        taken = activity.participations.values("volunteer")
        self.fields["volunteers"].queryset = (
            Volunteer.objects.visible_to(user)
            .filter(community=activity.community, is_active=True)
            .exclude(pk__in=taken)
            .select_related("person", "group")
            .order_by("group__order", "person__name_pinyin")
        )
        self.fields["volunteers"].label_from_instance = lambda volunteer: (
            f"{volunteer.person.name}({volunteer.group})" if volunteer.group_id else volunteer.person.name
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(InlineCheckboxes("volunteers"), "hours")


class RedemptionForm(forms.Form):
    on = forms.DateField(label="支取日期", widget=DATE)
    hours = forms.DecimalField(label="支取时长(小时)", min_value=0.1, **HOURS)
    reason = forms.CharField(label="支取事由", max_length=200, help_text="如:兑换上门助老服务、年度表彰奖励。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())


class PartyPostForm(RegisterForm):
    member = PersonField(label="党员身份证号", help_text="只能为政治面貌是党员的本社区居民设岗。")

    class Meta:
        model = PartyPost
        fields = ["community", "name", "member", "group", "duty", "start_on", "end_on", "note"]
        widgets = {"start_on": DATE, "end_on": DATE, "duty": TEXT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _limit_person(self, "member", user)
