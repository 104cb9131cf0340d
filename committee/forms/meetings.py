"""Forms of the meetings (会议): the meeting itself, adding expected attendees, the attendance sheet (one row per
attendee), closing, and the decisions with their follow-up."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms

from committee.models.meetings import (
    EXEMPTABLE_MARKS,
    AttendanceMark,
    AttendeeCapacity,
    Meeting,
    MeetingAttendance,
    Resolution,
    ResolutionStatus,
)
from committee.models.staff import Staff
from governance.forms import RegisterForm
from governance.scoping import scope_choices
from residents.fields import PersonField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}({obj.get_position_display()})"


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}({obj.get_position_display()})"


def serving_staff(user, community_id: int | None, day=None):
    """Staff the user may name, of one community when known, serving on ``day`` when given."""
    staff = scope_choices(Staff.objects.all(), user)
    if community_id is not None:
        staff = staff.filter(community_id=community_id)
    staff = staff.serving_on(day) if day is not None else staff.filter(left_on__isnull=True)
    return staff.order_by("name")


class MeetingForm(RegisterForm):
    convenor = StaffChoiceField(label="召集人", queryset=Staff.objects.all(), required=False)
    chair = StaffChoiceField(label="主持人", queryset=Staff.objects.all(), required=False)

    class Meta:
        model = Meeting
        fields = [
            "community", "kind", "title", "date", "start_time", "end_time", "venue", "convenor", "chair",
            "agenda", "minutes", "is_work_report", "is_public_review", "note",
        ]  # fmt: skip
        widgets = {
            "date": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        community_id = self.instance.community_id or user.community_id
        for name in ("convenor", "chair"):
            self.fields[name].queryset = serving_staff(user, community_id)
        if not self.instance.pk:
            self.fields["minutes"].help_text = "会后填写;结束会议前必须填写。"

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            Fieldset(
                "会议",
                Row(*(Column(name) for name in [*community, "kind", "title"])),
                Row(Column("date"), Column("start_time"), Column("end_time"), Column("venue")),
                Row(Column("convenor"), Column("chair")),
                Row(Column("is_work_report"), Column("is_public_review")),
            ),
            Fieldset("议程与记录", "agenda", "minutes", "note"),
        )


class AttendeesAddForm(forms.Form):
    """Add expected attendees (应到人员): staff ticked in a list, a person by 身份证号, names typed, or every
    居民代表 in office on the meeting day."""

    staff = StaffMultipleChoiceField(
        label="社区工作人员",
        queryset=Staff.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    add_representatives = forms.BooleanField(
        label="添加全体在任居民代表", required=False, help_text="按居民代表名册,会议当天在任的居民代表。"
    )
    person = PersonField(label="居民(身份证号)", required=False, help_text="居民代表、党员等在册居民,填写身份证号。")
    capacity = forms.ChoiceField(
        label="该居民的身份",
        required=False,
        choices=[("", "自动(在任居民代表或居民)"), *AttendeeCapacity.choices[1:]],
    )
    names = forms.CharField(
        label="其他人员(姓名)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="不在册的列席人员,每行一个姓名。",
    )

    def __init__(self, *args, user, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["staff"].queryset = serving_staff(user, meeting.community_id, meeting.date).exclude(
            pk__in=meeting.attendance.filter(staff__isnull=False).values("staff")
        )
        self.fields["person"].limit_to(user)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("staff")
            or cleaned.get("person")
            or cleaned.get("add_representatives")
            or (cleaned.get("names") or "").strip()
        ):
            raise forms.ValidationError("请选择或填写要添加的应到人员。")
        return cleaned

    @property
    def names_list(self) -> list[str]:
        return [name.strip() for name in (self.cleaned_data.get("names") or "").splitlines() if name.strip()]


STATUS_CHOICES = [("", "未登记"), *AttendanceMark.choices]


class AttendanceSheetForm(forms.Form):
    """The attendance sheet of a meeting: for each expected attendee a status and a note; 书记/主任 also see the
    特殊情况 box and its explanation (others see the 特殊情况 already recognised, read-only)."""

    def __init__(self, *args, lines: list[MeetingAttendance], can_exempt: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        self.can_exempt = can_exempt
        for line in lines:
            self.fields[f"status_{line.pk}"] = forms.ChoiceField(
                label=line.name,
                choices=STATUS_CHOICES,
                required=False,
                initial=line.status,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"note_{line.pk}"] = forms.CharField(
                label="备注",
                required=False,
                max_length=200,
                initial=line.note,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )
            if can_exempt:
                self.fields[f"exempt_{line.pk}"] = forms.BooleanField(
                    label="特殊情况",
                    required=False,
                    initial=line.exempt,
                    widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                )
                self.fields[f"exempt_reason_{line.pk}"] = forms.CharField(
                    label="特殊情况说明",
                    required=False,
                    max_length=200,
                    initial=line.exempt_reason,
                    widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
                )

    def clean(self):
        cleaned = super().clean()
        if not self.can_exempt:
            return cleaned
        for line in self.lines:
            if cleaned.get(f"exempt_{line.pk}"):
                if cleaned.get(f"status_{line.pk}") not in EXEMPTABLE_MARKS:
                    self.add_error(f"exempt_{line.pk}", "只有请假、迟到、缺席、早退可以认定为特殊情况。")
                elif not (cleaned.get(f"exempt_reason_{line.pk}") or "").strip():
                    self.add_error(f"exempt_reason_{line.pk}", "认定特殊情况须填写说明。")
        return cleaned

    def rows(self):
        """(line, status field, note field, exempt field or None, reason field or None) for the template."""
        for line in self.lines:
            yield (
                line,
                self[f"status_{line.pk}"],
                self[f"note_{line.pk}"],
                self[f"exempt_{line.pk}"] if self.can_exempt else None,
                self[f"exempt_reason_{line.pk}"] if self.can_exempt else None,
            )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label="确认", required=True)

    def __init__(self, *args, label: str = "确认", help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label
        self.fields["confirm"].help_text = help_text
        self.helper = FormHelper()
        self.helper.form_tag = False


class ResolutionForm(RegisterForm):
    responsible = StaffChoiceField(label="责任人", queryset=Staff.objects.all(), required=False)

    class Meta:
        model = Resolution
        fields = ["text", "responsible", "due_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["responsible"].queryset = serving_staff(user, self.instance.meeting.community_id)

    def get_layout(self):
        return Layout("text", Row(Column("responsible"), Column("due_on")))


class ResolutionFollowUpForm(forms.Form):
    status = forms.ChoiceField(label="落实情况", choices=ResolutionStatus.choices)
    done_on = forms.DateField(label="落实日期", required=False, widget=DATE)
    follow_up = forms.CharField(label="跟进情况", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, resolution: Resolution, **kwargs):
        if not kwargs.get("initial"):
            kwargs["initial"] = {
                "status": resolution.status,
                "done_on": resolution.done_on,
                "follow_up": resolution.follow_up,
            }
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Row(Column("status"), Column("done_on")), "follow_up")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ResolutionStatus.DONE and not cleaned.get("done_on"):
            self.add_error("done_on", "已落实的决议须填写落实日期。")
        return cleaned
