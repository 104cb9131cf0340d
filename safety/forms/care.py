"""Forms of 帮教, 社区矫正 and the key persons' visit tasks. They parse; the services in
``safety.services.care`` decide."""

from __future__ import annotations

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone

from governance.forms import RegisterForm
from residents.fields import PersonField
from safety.models.care import (
    CareRule,
    CorrectionCase,
    CorrectionCheckIn,
    CorrectionStatus,
    CorrectionViolation,
    RehabCase,
    RehabStatus,
    RehabTeamMember,
    RehabVisit,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 2})


class PersonPickMixin:
    """Narrows the ``person`` field (a ``PersonField``) to the user's scope."""

    def limit_person(self, user) -> None:
        field = self.fields.get("person")
        if isinstance(field, PersonField):
            field.limit_to(user)


#
# 帮教
#


class RehabCaseForm(PersonPickMixin, RegisterForm):
    person = PersonField(label="帮教对象身份证号")

    class Meta:
        model = RehabCase
        fields = [
            "person",
            "kind",
            "released_on",
            "offence",
            "started_on",
            "period_end",
            "visit_frequency",
            "responsible",
            "employment",
            "employer",
            "target_plan",
            "task_plan",
            "duty_plan",
            "note",
        ]
        widgets = {
            "released_on": DATE,
            "started_on": DATE,
            "period_end": DATE,
            "target_plan": TEXT,
            "task_plan": TEXT,
            "duty_plan": TEXT,
            "note": TEXT,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            del self.fields["person"]
        else:
            self.limit_person(user)
            self.fields["started_on"].required = False
            self.fields["started_on"].help_text = "留空为释放日期。"
            self.fields["period_end"].required = False
            self.fields["period_end"].help_text = "留空为释放日期后五年。"

    def get_layout(self):
        first = ["person"] if not self.instance.pk else []
        return Layout(
            Fieldset(
                "帮教对象",
                *first,
                Row(Column("kind"), Column("released_on")),
                "offence",
                Row(Column("started_on"), Column("period_end")),
            ),
            Fieldset("三定", "target_plan", "task_plan", "duty_plan"),
            Fieldset(
                "走访与安置",
                Row(Column("visit_frequency"), Column("responsible")),
                Row(Column("employment"), Column("employer")),
                "note",
            ),
        )


class RehabTeamMemberForm(PersonPickMixin, RegisterForm):
    person = PersonField(label="居民身份证号", required=False, help_text="组员是本社区居民或家属时可填。")

    class Meta:
        model = RehabTeamMember
        fields = ["name", "role", "user", "person", "phone", "duty"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.limit_person(user)
        self.fields["name"].required = False
        self.fields["name"].help_text = "选择了工作人员账号或居民时可留空。"


class RehabVisitForm(RegisterForm):
    class Meta:
        model = RehabVisit
        fields = ["visited_on", "kind", "visitors", "living", "thinking", "work", "next_action"]
        widgets = {
            "visited_on": DATE,
            "living": TEXT,
            "thinking": TEXT,
            "work": TEXT,
            "next_action": TEXT,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()


class CaseEndForm(forms.Form):
    """The end of a case: how and when."""

    endings: tuple = ()

    status = forms.ChoiceField(label="结束方式")
    on = forms.DateField(label="日期", widget=DATE)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(value.value, value.label) for value in self.endings]


class RehabEndForm(CaseEndForm):
    endings = (RehabStatus.COMPLETED, RehabStatus.MOVED, RehabStatus.DIED)


class ReoffenceForm(forms.Form):
    on = forms.DateField(label="重新犯罪日期", widget=DATE)
    note = forms.CharField(label="情况", widget=TEXT)


#
# 社区矫正
#


class CorrectionCaseForm(PersonPickMixin, RegisterForm):
    person = PersonField(label="矫正对象身份证号")

    class Meta:
        model = CorrectionCase
        fields = [
            "person",
            "correction_type",
            "start_on",
            "end_on",
            "judicial_office",
            "officer_name",
            "officer_phone",
            "report_interval_days",
            "responsible",
            "note",
        ]
        widgets = {"start_on": DATE, "end_on": DATE, "note": TEXT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            del self.fields["person"]
        else:
            self.limit_person(user)

    def get_layout(self):
        first = ["person"] if not self.instance.pk else []
        return Layout(
            Fieldset("矫正对象", *first, Row(Column("correction_type"), Column("start_on"), Column("end_on"))),
            Fieldset(
                "监管",
                Row(Column("judicial_office"), Column("officer_name"), Column("officer_phone")),
                Row(Column("report_interval_days"), Column("responsible")),
                "note",
            ),
        )


class CorrectionCheckInForm(RegisterForm):
    class Meta:
        model = CorrectionCheckIn
        fields = ["checked_on", "kind", "note"]
        widgets = {"checked_on": DATE, "note": TEXT}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["checked_on"].initial = timezone.localdate()


class CorrectionViolationForm(RegisterForm):
    class Meta:
        model = CorrectionViolation
        fields = ["occurred_on", "description", "measure"]
        widgets = {"occurred_on": DATE, "description": TEXT}


class CorrectionEndForm(CaseEndForm):
    endings = (CorrectionStatus.RELEASED, CorrectionStatus.IMPRISONED, CorrectionStatus.DIED)


#
# Key persons
#


class CareRuleForm(RegisterForm):
    class Meta:
        model = CareRule
        fields = ["community", "category", "interval_days", "responsible", "is_active", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk:
            self.fields["category"].disabled = True


class CareTaskCompleteForm(forms.Form):
    done_on = forms.DateField(label="走访日期", widget=DATE)
    note = forms.CharField(label="走访情况", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class CareTaskGenerateForm(forms.Form):
    on = forms.DateField(label="生成日期", widget=DATE, help_text="按各类别的走访规则,为尚无未完成任务的人员生成任务。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
