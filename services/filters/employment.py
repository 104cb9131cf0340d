"""List filters of 就业服务 and 关爱台账."""

import django_filters
from django import forms

from governance.filters import CommunityRegisterFilter, yes_no_filter
from governance.models import ResidentGroup
from services.models.care import CareKind, CareSubject
from services.models.employment import (
    BenefitKind,
    BenefitPayment,
    JoblessKind,
    JobSeeker,
    Referral,
    ReferralResult,
    SeekerStatus,
    TrainingCourse,
    Vacancy,
    VacancyStatus,
)

DATE = forms.DateInput(attrs={"type": "date"})


class JobSeekerFilter(CommunityRegisterFilter):
    search_fields = ("person__name", "card_number", "skills", "wanted_job")
    status = django_filters.ChoiceFilter(label="状态", choices=SeekerStatus.choices)
    jobless_kind = django_filters.ChoiceFilter(label="人员类别", choices=JoblessKind.choices)
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    registered_after = django_filters.DateFilter(
        label="登记日期从", field_name="registered_on", lookup_expr="gte", widget=DATE
    )
    registered_before = django_filters.DateFilter(
        label="至", field_name="registered_on", lookup_expr="lte", widget=DATE
    )

    class Meta:
        model = JobSeeker
        fields = ["q", "community", "status", "jobless_kind", "group", "registered_after", "registered_before"]


class VacancyFilter(CommunityRegisterFilter):
    search_fields = ("title", "employer_name", "employer_unit__name")
    status = django_filters.ChoiceFilter(label="状态", choices=VacancyStatus.choices)
    is_public_welfare = yes_no_filter("公益性岗位")
    reported_after = django_filters.DateFilter(
        label="报告日期从", field_name="reported_on", lookup_expr="gte", widget=DATE
    )
    reported_before = django_filters.DateFilter(label="至", field_name="reported_on", lookup_expr="lte", widget=DATE)

    class Meta:
        model = Vacancy
        fields = ["q", "community", "status", "is_public_welfare", "reported_after", "reported_before"]


class ReferralFilter(CommunityRegisterFilter):
    search_fields = ("seeker__person__name", "vacancy__title", "vacancy__employer_name", "vacancy__employer_unit__name")
    result = django_filters.ChoiceFilter(label="结果", choices=ReferralResult.choices)
    referred_after = django_filters.DateFilter(
        label="介绍日期从", field_name="referred_at", lookup_expr="date__gte", widget=DATE
    )
    referred_before = django_filters.DateFilter(
        label="至", field_name="referred_at", lookup_expr="date__lte", widget=DATE
    )

    class Meta:
        model = Referral
        fields = ["q", "community", "result", "referred_after", "referred_before"]


class TrainingCourseFilter(CommunityRegisterFilter):
    search_fields = ("name", "provider")
    start_after = django_filters.DateFilter(label="开班日期从", field_name="start_on", lookup_expr="gte", widget=DATE)
    start_before = django_filters.DateFilter(label="至", field_name="start_on", lookup_expr="lte", widget=DATE)

    class Meta:
        model = TrainingCourse
        fields = ["q", "community", "kind", "start_after", "start_before"]


class BenefitPaymentFilter(CommunityRegisterFilter):
    search_fields = ("person__name",)
    kind = django_filters.ChoiceFilter(label="类别", choices=BenefitKind.choices)
    period_after = django_filters.DateFilter(label="月份从", field_name="period", lookup_expr="gte", widget=DATE)
    period_before = django_filters.DateFilter(label="至", field_name="period", lookup_expr="lte", widget=DATE)

    class Meta:
        model = BenefitPayment
        fields = ["q", "community", "kind", "period_after", "period_before"]


class CareSubjectFilter(CommunityRegisterFilter):
    search_fields = ("person__name", "caregiver_name", "caregiver_person__name")
    kind = django_filters.ChoiceFilter(label="类别", choices=CareKind.choices)
    is_active = yes_no_filter("在册")
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    started_after = django_filters.DateFilter(
        label="纳入日期从", field_name="started_on", lookup_expr="gte", widget=DATE
    )
    started_before = django_filters.DateFilter(label="至", field_name="started_on", lookup_expr="lte", widget=DATE)

    class Meta:
        model = CareSubject
        fields = ["q", "community", "kind", "is_active", "group", "started_after", "started_before"]
