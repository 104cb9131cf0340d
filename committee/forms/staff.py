"""Forms of the staff area: staff records, 两委 posts, training records, working bodies and members, residents'
representatives, work attendance (one row, or a whole day) and elections with their candidates."""

from __future__ import annotations

import datetime
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone

from committee.models.staff import (
    AttendanceStatus,
    CommitteePost,
    Election,
    ElectionCandidate,
    ElectionKind,
    ResidentRepresentative,
    Staff,
    TrainingKind,
    TrainingRecord,
    WorkAttendance,
    WorkingBody,
    WorkingBodyMember,
)
from governance.forms import RegisterForm
from governance.models import ResidentGroup
from governance.scoping import scope_choices
from residents.fields import PersonField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERSON_HELP = "在册居民填写身份证号码。"


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}({obj.get_position_display()})"


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}({obj.get_position_display()})"


def staff_choices(user, community, *, on: datetime.date | None = None):
    """Staff records the user may name, of ``community`` when given, serving on ``on`` when given."""
    staff = scope_choices(Staff.objects.all(), user)
    if community is not None:
        staff = staff.filter(community=community)
    if on is not None:
        staff = staff.serving_on(on)
    return staff.order_by("left_on", "name", "pk")


def _form_community(form: RegisterForm):
    """The community a form's row belongs to: the instance's, the user's, or the one chosen on the form."""
    if form.instance.community_id:
        return form.instance.community
    if form.user.community_id:
        return form.user.community
    return None


def _with_person(form, field: str = "person") -> None:
    form.fields[field].limit_to(form.user)
    person = getattr(form.instance, f"{field}_id", None) and getattr(form.instance, field)
    if person:
        form.initial[field] = person.id_number


#
# Staff
#


class StaffForm(RegisterForm):
    person = PersonField(
        label="居民身份证号", required=False, help_text="本社区在册居民担任的,填写身份证号码以便关联。"
    )

    class Meta:
        model = Staff
        fields = [
            "community",
            "person",
            "user",
            "name",
            "phone",
            "position",
            "group",
            "grid",
            "full_time",
            "employment_kind",
            "responsibilities",
            "education",
            "certified",
            "certificate_number",
            "certified_on",
            "social_work_trained",
            "pay_grade",
            "joined_on",
            "left_on",
            "note",
        ]
        widgets = {
            "joined_on": DATE,
            "left_on": DATE,
            "certified_on": DATE,
            "responsibilities": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "name": "关联了居民或账号时可不填,自动取其姓名。",
            "user": "本社区工作人员账号;值班、脱岗等按账号登记的记录据此对应到本人。",
            "left_on": "填写后,该人员仍在任的两委职务和工作机构职务同日结束。",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _with_person(self)
        self.fields["name"].required = False
        community = _form_community(self)
        accounts = self.fields["user"].queryset.filter(is_active=True, community__isnull=False)
        taken = Staff.objects.exclude(pk=self.instance.pk).filter(user__isnull=False).values("user")
        accounts = accounts.exclude(pk__in=taken)
        if community is not None:
            accounts = accounts.filter(community=community)
            self.fields["group"].queryset = self.fields["group"].queryset.filter(community=community)
            self.fields["grid"].queryset = self.fields["grid"].queryset.filter(community=community)
        self.fields["user"].queryset = accounts.order_by("name", "username")
        self.fields["user"].label_from_instance = lambda account: (
            f"{account.display_name}({account.username})" if account.name else account.username
        )
        if not self.instance.pk:
            self.initial.setdefault("joined_on", timezone.localdate())

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            Fieldset(
                "人员",
                *community,
                Row(Column("person"), Column("user"), Column("name"), Column("phone")),
            ),
            Fieldset(
                "职务",
                Row(Column("position"), Column("group"), Column("grid")),
                Row(Column("full_time"), Column("employment_kind"), Column("pay_grade")),
                "responsibilities",
            ),
            Fieldset(
                "文化程度与资格",
                Row(Column("education"), Column("social_work_trained")),
                Row(Column("certified"), Column("certificate_number"), Column("certified_on")),
            ),
            Fieldset("在岗", Row(Column("joined_on"), Column("left_on")), "note"),
        )

    def clean(self):
        cleaned = super().clean()
        named = (cleaned.get("name") or "").strip()
        if not named and not cleaned.get("person") and not cleaned.get("user") and "person" not in self.errors:
            self.add_error("name", "请填写姓名,或填写居民身份证号、选择系统账号。")
        return cleaned


class CommitteePostForm(RegisterForm):
    """A term of a 两委 post for ``instance.staff``."""

    class Meta:
        model = CommitteePost
        fields = ["body", "post", "start_on", "end_on", "note"]
        widgets = {"start_on": DATE, "end_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("start_on", timezone.localdate())

    def get_layout(self):
        return Layout(Row(Column("body"), Column("post")), Row(Column("start_on"), Column("end_on")), "note")


class PostEndForm(forms.Form):
    end_on = forms.DateField(label="任期结束日期", widget=DATE)
    note = forms.CharField(label="说明", max_length=200, required=False, help_text="如:换届、辞职、调离。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("end_on", timezone.localdate())


class RosterDateForm(forms.Form):
    on = forms.DateField(label="日期", required=False, widget=DATE)


#
# Training
#


class TrainingRecordForm(RegisterForm):
    """Edit one training record."""

    staff = StaffChoiceField(label="参训人员", queryset=Staff.objects.all())

    class Meta:
        model = TrainingRecord
        fields = [
            "staff",
            "kind",
            "topic",
            "provider",
            "start_on",
            "end_on",
            "days",
            "certificate_obtained",
            "certificate_number",
            "note",
        ]
        widgets = {"start_on": DATE, "end_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["staff"].queryset = staff_choices(user, _form_community(self))
        self.fields["days"].required = False

    def get_layout(self):
        return Layout(
            Row(Column("staff"), Column("kind")),
            Row(Column("topic"), Column("provider")),
            Row(Column("start_on"), Column("end_on"), Column("days")),
            Row(Column("certificate_obtained"), Column("certificate_number")),
            "note",
        )


class TrainingAddForm(forms.Form):
    """One training for one or more staff members: a record each."""

    staff = StaffMultipleChoiceField(
        label="参训人员",
        queryset=Staff.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="按住 Ctrl(Mac 上为 ⌘)可选择多人。",
    )
    kind = forms.ChoiceField(label="培训类别", choices=TrainingKind.choices)
    topic = forms.CharField(label="培训内容", max_length=100)
    provider = forms.CharField(label="主办单位", max_length=100, required=False)
    start_on = forms.DateField(label="开始日期", widget=DATE)
    end_on = forms.DateField(label="结束日期", widget=DATE)
    days = forms.DecimalField(
        label="培训天数",
        required=False,
        min_value=0,
        max_digits=5,
        decimal_places=1,
        help_text="不填则按起止日期计算(含首尾两天);半天填0.5。",
    )
    certificate_obtained = forms.BooleanField(label="取得证书", required=False)
    certificate_numbers = forms.CharField(
        label="证书编号",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="取得证书的填写。只选一人时直接填编号;多人时每行一人:姓名 证书编号。",
    )
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, user, community=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if community is None and user.community_id:
            community = user.community
        self.fields["staff"].queryset = staff_choices(user, community, on=timezone.localdate())
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("staff"), Column("kind", "topic", "provider")),
            Row(Column("start_on"), Column("end_on"), Column("days")),
            Row(Column("certificate_obtained"), Column("certificate_numbers")),
            "note",
        )

    def clean(self):
        cleaned = super().clean()
        staff = list(cleaned.get("staff") or [])
        numbers: dict[int, str] = {}
        text = (cleaned.get("certificate_numbers") or "").strip()
        if cleaned.get("certificate_obtained") and staff:
            if len(staff) == 1 and text and len(text.split()) == 1:
                numbers[staff[0].pk] = text
            else:
                by_name = {member.name: member for member in staff}
                for line in filter(None, (line.strip() for line in text.splitlines())):
                    parts = re.split(r"[\s::,,]+", line, maxsplit=1)
                    if len(parts) != 2 or parts[0] not in by_name:
                        self.add_error("certificate_numbers", f"「{line}」应为「姓名 证书编号」,且姓名是所选参训人员。")
                        continue
                    numbers[by_name[parts[0]].pk] = parts[1].strip()
                missing = [member.name for member in staff if member.pk not in numbers]
                if missing and "certificate_numbers" not in self.errors:
                    self.add_error("certificate_numbers", f"请填写{'、'.join(missing)}的证书编号。")
        self.certificates = numbers
        return cleaned

    def template(self) -> TrainingRecord:
        data = self.cleaned_data
        return TrainingRecord(
            kind=data["kind"],
            topic=data["topic"],
            provider=data["provider"],
            start_on=data["start_on"],
            end_on=data["end_on"],
            days=data["days"],
            certificate_obtained=data["certificate_obtained"],
            note=data["note"],
        )


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)


#
# Working bodies
#


class WorkingBodyForm(RegisterForm):
    class Meta:
        model = WorkingBody
        fields = ["community", "kind", "name", "established_on", "dissolved_on", "duties", "note"]
        widgets = {"established_on": DATE, "dissolved_on": DATE, "duties": forms.Textarea(attrs={"rows": 3})}

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            *community,
            Row(Column("kind"), Column("name")),
            Row(Column("established_on"), Column("dissolved_on")),
            "duties",
            "note",
        )


class WorkingBodyMemberForm(RegisterForm):
    """A member of ``instance.body``: a staff member of its community, a person of the register, or a name."""

    staff = StaffChoiceField(label="工作人员", queryset=Staff.objects.all(), required=False)
    person = PersonField(label="居民身份证号", required=False, help_text="在册居民担任成员时填写。")

    class Meta:
        model = WorkingBodyMember
        fields = ["staff", "person", "name", "role", "start_on", "end_on", "note"]
        widgets = {"start_on": DATE, "end_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _with_person(self)
        self.fields["staff"].queryset = staff_choices(user, self.instance.body.community)
        if not self.instance.pk:
            self.initial.setdefault("start_on", timezone.localdate())

    def get_layout(self):
        return Layout(
            Fieldset("成员", Row(Column("staff"), Column("person"), Column("name"))),
            Fieldset("职务与任期", Row(Column("role"), Column("start_on"), Column("end_on")), "note"),
        )

    def clean(self):
        cleaned = super().clean()
        sources = [bool(cleaned.get("staff")), bool(cleaned.get("person")), bool((cleaned.get("name") or "").strip())]
        if sum(sources) == 0 and "person" not in self.errors:
            self.add_error("name", "请选择工作人员、填写居民身份证号,或填写姓名。")
        elif sources[0] and sources[1]:
            self.add_error("person", "成员只能是工作人员或在册居民之一。")
        return cleaned


#
# Residents' representatives
#


class ResidentRepresentativeForm(RegisterForm):
    person = PersonField(label="居民身份证号", help_text=PERSON_HELP)

    class Meta:
        model = ResidentRepresentative
        fields = ["person", "kind", "group", "start_on", "end_on", "elected_on", "election", "note"]
        widgets = {"start_on": DATE, "end_on": DATE, "elected_on": DATE}
        help_texts = {"group": "所代表的居民小组;不填则为该居民所在小组。"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _with_person(self)
        self.fields["group"].required = False
        community = self.instance.community if self.instance.community_id else (user.community or None)
        if community is not None:
            self.fields["group"].queryset = self.fields["group"].queryset.filter(community=community)
            self.fields["election"].queryset = self.fields["election"].queryset.filter(
                community=community, kind__in=(ElectionKind.REPRESENTATIVES, ElectionKind.GROUP_LEADERS)
            )

    def get_layout(self):
        return Layout(
            Row(Column("person"), Column("kind"), Column("group")),
            Row(Column("start_on"), Column("end_on"), Column("elected_on"), Column("election")),
            "note",
        )


#
# Work attendance
#


class WorkAttendanceForm(RegisterForm):
    staff = StaffChoiceField(label="工作人员", queryset=Staff.objects.all())

    class Meta:
        model = WorkAttendance
        fields = ["staff", "date", "status", "note"]
        widgets = {"date": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["staff"].queryset = staff_choices(user, _form_community(self))
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def get_layout(self):
        return Layout(Row(Column("staff"), Column("date"), Column("status")), "note")


class AttendanceDayForm(forms.Form):
    """A day's 考勤 of the listed staff: a status and a note each (上班 by default)."""

    def __init__(self, *args, staff: list[Staff], existing: dict[int, WorkAttendance], **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        for member in staff:
            row = existing.get(member.pk)
            self.fields[f"status_{member.pk}"] = forms.ChoiceField(
                label=member.name,
                choices=AttendanceStatus.choices,
                initial=row.status if row else AttendanceStatus.PRESENT,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[f"note_{member.pk}"] = forms.CharField(
                label=f"{member.name}说明",
                max_length=200,
                required=False,
                initial=row.note if row else "",
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def rows(self):
        """(staff, status field, note field) for the template."""
        return [(member, self[f"status_{member.pk}"], self[f"note_{member.pk}"]) for member in self.staff]

    def entries(self):
        from committee.services.staff import DayEntry

        data = self.cleaned_data
        return [
            DayEntry(staff=member, status=data[f"status_{member.pk}"], note=data[f"note_{member.pk}"])
            for member in self.staff
        ]


class DayPickForm(forms.Form):
    date = forms.DateField(label="考勤日期", widget=DATE)


#
# Elections
#


class ElectionForm(RegisterForm):
    class Meta:
        model = Election
        fields = ["community", "kind", "term_label", "date", "registered_voters", "votes_cast", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"votes_cast": "参选率 = 参选人数 ÷ 选民数,由系统计算。"}

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            *community,
            Row(Column("kind"), Column("term_label"), Column("date")),
            Row(Column("registered_voters"), Column("votes_cast")),
            "note",
        )


class ElectionCandidateForm(RegisterForm):
    """A candidate of ``instance.election``."""

    staff = StaffChoiceField(label="工作人员", queryset=Staff.objects.all(), required=False)
    person = PersonField(label="居民身份证号", required=False, help_text=PERSON_HELP)

    class Meta:
        model = ElectionCandidate
        fields = ["staff", "person", "name", "post_sought", "group", "votes", "elected"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _with_person(self)
        election = self.instance.election
        self.fields["staff"].queryset = staff_choices(user, election.community, on=election.date)
        self.fields["group"].queryset = ResidentGroup.objects.visible_to(user).filter(community=election.community)
        if election.kind == ElectionKind.COMMITTEE:
            del self.fields["group"]
            self.fields["post_sought"].required = True
        else:
            del self.fields["post_sought"]

    def get_layout(self):
        aim = "post_sought" if "post_sought" in self.fields else "group"
        return Layout(
            Fieldset("候选人", Row(Column("staff"), Column("person"), Column("name"))),
            Fieldset("结果", Row(Column(aim), Column("votes"), Column("elected"))),
        )

    def clean(self):
        cleaned = super().clean()
        sources = [bool(cleaned.get("staff")), bool(cleaned.get("person")), bool((cleaned.get("name") or "").strip())]
        if sum(sources) == 0 and "person" not in self.errors:
            self.add_error("name", "请选择工作人员、填写居民身份证号,或填写姓名。")
        elif sources[0] and sources[1]:
            self.add_error("person", "候选人只能是工作人员或在册居民之一。")
        return cleaned


class ElectionConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label="确认当选结果",
        help_text="确认后本次选举及候选人不能再修改;居委会换届将结束上届居委会成员的任期并登记新任职务,"
        "居民代表、居民小组长选举将登记当选人的任期。",
    )
