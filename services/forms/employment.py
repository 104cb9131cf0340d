"""Forms of 就业服务 and 关爱台账."""

from __future__ import annotations

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone

from governance.forms import RegisterForm
from governance.models import ResidentUnit, User
from governance.scoping import scope_choices
from residents.fields import PersonField
from services.models.care import CareSubject, VisitKind
from services.models.employment import (
    BenefitPayment,
    JobSeeker,
    TrainingCourse,
    TrainingOutcome,
    Vacancy,
)
from services.models.employment import Vacancy as VacancyModel

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def _today():
    return timezone.localdate()


def _now():
    return timezone.localtime().replace(second=0, microsecond=0)


def _staff(user):
    return scope_choices(User.objects.all(), user).filter(is_active=True, community__isnull=False).order_by("name")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class JobSeekerForm(RegisterForm):
    person = PersonField(label="求职人员(身份证号)")

    class Meta:
        model = JobSeeker
        fields = [
            "person",
            "jobless_kind",
            "registered_on",
            "card_number",
            "education",
            "skills",
            "wanted_job",
            "note",
        ]
        widgets = {"registered_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].limit_to(user)
        if self.instance.pk:
            self.initial["person"] = self.instance.person
        else:
            self.initial.setdefault("registered_on", _today())

    def get_layout(self):
        return Layout(
            Row(Column("person"), Column("jobless_kind"), Column("registered_on")),
            Row(Column("card_number"), Column("education")),
            Row(Column("skills"), Column("wanted_job")),
            "note",
        )


class SeekerWithdrawForm(forms.Form):
    on = forms.DateField(label="退出日期", widget=DATE, initial=_today)
    reason = forms.CharField(label="退出原因", max_length=200, help_text="如:自谋职业、迁出、退休。")


class VacancyForm(RegisterForm):
    class Meta:
        model = Vacancy
        fields = [
            "community",
            "employer_unit",
            "employer_name",
            "title",
            "posts",
            "wage",
            "requirements",
            "reported_on",
            "is_public_welfare",
        ]
        widgets = {"reported_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["employer_unit"].queryset = scope_choices(ResidentUnit.objects.all(), user)
        if not self.instance.pk:
            self.initial.setdefault("reported_on", _today())

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            *community,
            Fieldset("用工单位(二选一)", Row(Column("employer_unit"), Column("employer_name"))),
            Row(Column("title"), Column("posts"), Column("wage")),
            "requirements",
            Row(Column("reported_on"), Column("is_public_welfare")),
        )


class ReferralForm(forms.Form):
    vacancy = forms.ModelChoiceField(label="岗位", queryset=VacancyModel.objects.none())
    referred_at = forms.DateTimeField(label="介绍时间", widget=DATETIME, input_formats=DATETIME_FORMATS, initial=_now)
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, user, seeker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = (
            VacancyModel.objects.visible_to(user)
            .open()
            .filter(community=seeker.community)
            .select_related("employer_unit")
        )


class PlaceForm(forms.Form):
    placed_at = forms.DateTimeField(label="上岗时间", widget=DATETIME, input_formats=DATETIME_FORMATS, initial=_now)
    note = forms.CharField(label="说明", max_length=200, required=False)


class RejectForm(forms.Form):
    note = forms.CharField(label="未录用原因", max_length=200)


class TrainingCourseForm(RegisterForm):
    class Meta:
        model = TrainingCourse
        fields = ["community", "name", "provider", "kind", "start_on", "end_on", "note"]
        widgets = {"start_on": DATE, "end_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def get_layout(self):
        community = ["community"] if "community" in self.fields else []
        return Layout(
            *community,
            Row(Column("name"), Column("provider"), Column("kind")),
            Row(Column("start_on"), Column("end_on")),
            "note",
        )


class EnrolmentForm(forms.Form):
    person = PersonField(label="学员(身份证号)")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].limit_to(user)


class EnrolmentOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label="培训结果", choices=TrainingOutcome.choices)
    certificate = forms.CharField(label="证书名称/编号", max_length=100, required=False)


class BenefitPaymentForm(RegisterForm):
    person = PersonField(label="领取人(身份证号)")
    period = forms.DateField(
        label="所属月份",
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )

    class Meta:
        model = BenefitPayment
        fields = ["person", "kind", "period", "amount", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].limit_to(user)

    def get_layout(self):
        return Layout(Row(Column("person"), Column("kind")), Row(Column("period"), Column("amount")), "note")


#
# Care
#


class CareSubjectForm(RegisterForm):
    person = PersonField(label="关爱对象(身份证号)")
    caregiver_person = PersonField(label="监护/照料人(居民身份证号)", required=False)
    responsible = StaffChoiceField(label="责任人", queryset=User.objects.none(), required=False)

    class Meta:
        model = CareSubject
        fields = [
            "person",
            "kind",
            "caregiver_person",
            "caregiver_name",
            "caregiver_relation",
            "caregiver_phone",
            "arrangement",
            "visit_interval_days",
            "responsible",
            "started_on",
            "ended_on",
            "is_active",
            "note",
        ]
        widgets = {
            "started_on": DATE,
            "ended_on": DATE,
            "arrangement": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        for name in ("person", "caregiver_person"):
            self.fields[name].limit_to(user)
            value = getattr(self.instance, name, None)
            if value is not None:
                self.initial[name] = value
        self.fields["responsible"].queryset = _staff(user)
        if not self.instance.pk:
            self.initial.setdefault("started_on", _today())

    def get_layout(self):
        return Layout(
            Row(Column("person"), Column("kind"), Column("started_on")),
            Fieldset(
                "监护/照料人",
                Row(Column("caregiver_person"), Column("caregiver_name")),
                Row(Column("caregiver_relation"), Column("caregiver_phone")),
                "arrangement",
            ),
            Row(Column("visit_interval_days"), Column("responsible")),
            Row(Column("ended_on"), Column("is_active")),
            "note",
        )


class CareVisitForm(forms.Form):
    visited_on = forms.DateField(label="走访日期", widget=DATE, initial=_today)
    kind = forms.ChoiceField(label="方式", choices=VisitKind.choices)
    visitor = StaffChoiceField(label="走访人", queryset=User.objects.none(), required=False, help_text="留空为本人。")
    situation = forms.CharField(
        label="情况", widget=forms.Textarea(attrs={"rows": 3}), help_text="劳动生产、饮食起居、身心健康等。"
    )
    help_given = forms.CharField(label="帮助内容", max_length=200, required=False)
    next_action = forms.CharField(label="下一步", max_length=200, required=False)

    def __init__(self, *args, user, subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitor"].queryset = _staff(user).filter(community=subject.community)
