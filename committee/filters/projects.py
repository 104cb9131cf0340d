"""Filters of the construction projects, honours (荣誉) and co-building contributions."""

import django_filters
from django.db.models import Q

from committee.models.projects import (
    Award,
    AwardLevel,
    AwardStage,
    AwardSubject,
    ConstructionProject,
    ContributionKind,
    FundingSource,
    ProjectKind,
    ProjectStatus,
    UnitContribution,
)
from governance.filters import CommunityRegisterFilter
from governance.models import ResidentGroup, ResidentUnit


class ConstructionProjectFilter(CommunityRegisterFilter):
    search_fields = ("title", "spec", "description", "planned_for")
    group = django_filters.ModelChoiceFilter(
        label="居民小组", field_name="groups", queryset=ResidentGroup.objects.all(), distinct=True
    )
    kind = django_filters.ChoiceFilter(label="项目类型", choices=ProjectKind.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=ProjectStatus.choices)
    funding_source = django_filters.ChoiceFilter(label="资金来源", choices=FundingSource.choices)
    finished_year = django_filters.NumberFilter(label="完工年度", field_name="completed_on", lookup_expr="year")

    class Meta:
        model = ConstructionProject
        fields = ["q", "community", "group", "kind", "status", "funding_source", "finished_year"]


class AwardFilter(CommunityRegisterFilter):
    search_fields = ("title", "awarding_body", "document_number", "group__name", "person__name", "note")
    subject = django_filters.ChoiceFilter(label="授予对象", choices=AwardSubject.choices, method="filter_subject")
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    level = django_filters.ChoiceFilter(label="级别", choices=AwardLevel.choices)
    stage = django_filters.ChoiceFilter(label="状态", choices=AwardStage.choices)
    year = django_filters.NumberFilter(label="年度")

    class Meta:
        model = Award
        fields = ["q", "community", "subject", "group", "level", "stage", "year"]

    def filter_subject(self, queryset, name, value):
        if value == AwardSubject.GROUP:
            return queryset.filter(group__isnull=False)
        if value == AwardSubject.PERSON:
            return queryset.filter(person__isnull=False)
        return queryset.filter(Q(group__isnull=True) & Q(person__isnull=True))


class UnitContributionFilter(CommunityRegisterFilter):
    search_fields = ("description", "unit__name", "note")
    unit = django_filters.ModelChoiceFilter(label="共建单位", queryset=ResidentUnit.objects.filter(is_co_builder=True))
    year = django_filters.NumberFilter(label="年度")
    kind = django_filters.ChoiceFilter(label="类别", choices=ContributionKind.choices)

    class Meta:
        model = UnitContribution
        fields = ["q", "community", "unit", "year", "kind"]
