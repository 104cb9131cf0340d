"""Forms of the duty rosters (值班表): roster, shift, handover note, absence (脱岗) and publishing."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms

from governance.forms import RegisterForm
from governance.models import User
from services.forms.windows import DATE, DATETIME, DATETIME_FORMATS, StaffChoiceField, StaffMultipleChoiceField, _staff
from services.models.duty import DutyAbsence, DutyHandover, DutyRoster, DutyShift
from services.models.windows import ServiceWindow

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class DutyRosterForm(RegisterForm):
    class Meta:
        model = DutyRoster
        fields = ["community", "title", "period_kind", "start_on", "end_on", "min_cadres", "note"]
        widgets = {"start_on": DATE, "end_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            Row(*(Column(name) for name in [*community, "title", "period_kind"])),
            Row(Column("start_on"), Column("end_on"), Column("min_cadres")),
            "note",
        )


class DutyShiftForm(RegisterForm):
    """A shift of ``instance.roster``: the people offered are the accounts of the roster's community."""

    staff = StaffMultipleChoiceField(
        label="值班人员", queryset=User.objects.all(), widget=forms.SelectMultiple(attrs={"size": 8})
    )
    leader = StaffChoiceField(label="带班领导", queryset=User.objects.all(), help_text="每班一名,负主要责任。")

    class Meta:
        model = DutyShift
        fields = ["date", "start", "end", "location", "window", "staff", "leader", "cleaning_done", "note"]
        widgets = {"date": DATE, "start": TIME, "end": TIME, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        community = self.instance.roster.community
        people = _staff(user, community)
        self.fields["staff"].queryset = people
        self.fields["leader"].queryset = people
        self.fields["window"].queryset = ServiceWindow.objects.visible_to(user).filter(community=community)
        roster = self.instance.roster
        self.fields["date"].widget.attrs.update(min=f"{roster.start_on:%Y-%m-%d}", max=f"{roster.end_on:%Y-%m-%d}")

    def get_layout(self):
        return Layout(
            Fieldset(
                "时间与地点",
                Row(Column("date"), Column("start"), Column("end")),
                Row(Column("location"), Column("window")),
            ),
            Fieldset("人员", Row(Column("staff"), Column("leader"))),
            Fieldset("其他", "cleaning_done", "note"),
        )


class DutyHandoverForm(RegisterForm):
    written_by = StaffChoiceField(
        label="记录人", queryset=User.objects.all(), required=False, help_text="不选则为本人。"
    )

    class Meta:
        model = DutyHandover
        fields = ["at", "written_by", "content", "open_issues"]
        widgets = {
            "at": DATETIME,
            "content": forms.Textarea(attrs={"rows": 4}),
            "open_issues": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["at"].input_formats = DATETIME_FORMATS
        self.fields["written_by"].queryset = _staff(user, self.instance.shift.community)


class DutyAbsenceForm(RegisterForm):
    staff = StaffChoiceField(label="值班人员", queryset=User.objects.all())

    class Meta:
        model = DutyAbsence
        fields = ["staff", "left_at", "returned_at", "excused", "reason", "note"]
        widgets = {
            "left_at": DATETIME,
            "returned_at": DATETIME,
            "reason": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"excused": "无正当理由且脱岗一小时以上的,按制度处罚50元;带班领导负主要责任。"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        shift = self.instance.shift
        on_duty = {person.pk for person in shift.staff.all()} | {shift.leader_id}
        self.fields["staff"].queryset = _staff(user, shift.community).filter(pk__in=on_duty)
        for name in ("left_at", "returned_at"):
            self.fields[name].input_formats = DATETIME_FORMATS

    def get_layout(self):
        return Layout(
            Row(Column("staff"), Column("left_at"), Column("returned_at")),
            "excused",
            "reason",
            "note",
        )


class RosterPublishForm(forms.Form):
    confirm = forms.BooleanField(label="确认发布", required=True)

    def __init__(self, *args, warning: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if warning:
            self.fields["confirm"].help_text = warning
        self.helper = FormHelper()
        self.helper.form_tag = False
