import django_filters
from django import forms

from governance.filters import CommunityRegisterFilter, yes_no_filter
from governance.models import ResidentGroup
from services.models.welfare import (
    AssistancePair,
    BatchStatus,
    DistributionBatch,
    DonationCampaign,
    EnrolmentStatus,
    FundingSource,
    PairKind,
    ProgrammeKind,
    WelfareEnrolment,
    WelfareProgramme,
)

DATE = forms.DateInput(attrs={"type": "date"})


class WelfareProgrammeFilter(CommunityRegisterFilter):
    search_fields = ("name", "eligibility", "note")
    kind = django_filters.ChoiceFilter(label="项目类别", choices=ProgrammeKind.choices)
    funding_source = django_filters.ChoiceFilter(label="资金来源", choices=FundingSource.choices)
    is_active = yes_no_filter("启用")

    class Meta:
        model = WelfareProgramme
        fields = ["q", "community", "kind", "funding_source", "is_active"]


class WelfareEnrolmentFilter(CommunityRegisterFilter):
    search_fields = ("person__name", "person__id_number", "household__number", "household__members__name")
    search_distinct = True
    programme = django_filters.ModelChoiceFilter(label="项目", queryset=WelfareProgramme.objects.all())
    status = django_filters.ChoiceFilter(label="状态", choices=EnrolmentStatus.choices)
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    applied_after = django_filters.DateFilter(
        label="申报日期从", field_name="applied_on", lookup_expr="gte", widget=DATE
    )
    applied_before = django_filters.DateFilter(label="至", field_name="applied_on", lookup_expr="lte", widget=DATE)

    class Meta:
        model = WelfareEnrolment
        fields = ["q", "community", "programme", "status", "group", "applied_after", "applied_before"]


class DistributionBatchFilter(CommunityRegisterFilter):
    search_fields = ("number", "title", "programme__name")
    programme = django_filters.ModelChoiceFilter(label="项目", queryset=WelfareProgramme.objects.all())
    status = django_filters.ChoiceFilter(label="状态", choices=BatchStatus.choices)
    period_after = django_filters.DateFilter(label="发放月份从", field_name="period", lookup_expr="gte", widget=DATE)
    period_before = django_filters.DateFilter(label="至", field_name="period", lookup_expr="lte", widget=DATE)

    class Meta:
        model = DistributionBatch
        fields = ["q", "community", "programme", "status", "period_after", "period_before"]


class DonationCampaignFilter(CommunityRegisterFilter):
    search_fields = ("name", "purpose", "organiser")
    started_after = django_filters.DateFilter(label="开始日期从", field_name="start_on", lookup_expr="gte", widget=DATE)
    started_before = django_filters.DateFilter(label="至", field_name="start_on", lookup_expr="lte", widget=DATE)

    class Meta:
        model = DonationCampaign
        fields = ["q", "community", "started_after", "started_before"]


class AssistancePairFilter(CommunityRegisterFilter):
    search_fields = (
        "helper_name",
        "helper_person__name",
        "helper_user__name",
        "helped_person__name",
        "helped_household__number",
    )
    kind = django_filters.ChoiceFilter(label="结对类型", choices=PairKind.choices)
    current = django_filters.ChoiceFilter(
        label="状态", choices=[("1", "帮扶中"), ("0", "已结束")], method="filter_current"
    )
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    started_after = django_filters.DateFilter(
        label="结对日期从", field_name="started_on", lookup_expr="gte", widget=DATE
    )
    started_before = django_filters.DateFilter(label="至", field_name="started_on", lookup_expr="lte", widget=DATE)

    class Meta:
        model = AssistancePair
        fields = ["q", "community", "kind", "current", "group", "started_after", "started_before"]

    def filter_current(self, queryset, name, value):
        return queryset.filter(ended_on__isnull=value == "1")
