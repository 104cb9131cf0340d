import django_filters
from django import forms

from committee.models.participation import (
    Disclosure,
    DisclosureChannel,
    DisclosureKind,
    Evaluatee,
    Evaluation,
    EvaluationKind,
    Suggestion,
    SuggestionCategory,
    SuggestionSource,
    SuggestionStatus,
)
from governance.filters import CommunityRegisterFilter
from governance.models import ResidentGroup

DATE = forms.DateInput(attrs={"type": "date"})
YEAR = forms.NumberInput(attrs={"min": 2000, "max": 2100, "placeholder": "如 2026"})


class SuggestionFilter(CommunityRegisterFilter):
    search_fields = ("number", "content", "submitter_name", "submitter_person__name", "reply")
    status = django_filters.ChoiceFilter(label="状态", choices=SuggestionStatus.choices)
    source = django_filters.ChoiceFilter(label="来源", choices=SuggestionSource.choices)
    category = django_filters.ChoiceFilter(label="类别", choices=SuggestionCategory.choices)
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    year = django_filters.NumberFilter(label="受理年度", field_name="received_on", lookup_expr="year", widget=YEAR)
    received_from = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label="受理日期从", widget=DATE
    )
    received_to = django_filters.DateFilter(field_name="received_on", lookup_expr="lte", label="至", widget=DATE)

    class Meta:
        model = Suggestion
        fields = ["q", "community", "status", "source", "category", "group", "year", "received_from", "received_to"]


class DisclosureFilter(CommunityRegisterFilter):
    search_fields = ("title", "content", "items__title", "period_text")
    search_distinct = True
    kind = django_filters.ChoiceFilter(label="公开类型", choices=DisclosureKind.choices)
    channel = django_filters.ChoiceFilter(label="公开形式", choices=DisclosureChannel.choices)
    year = django_filters.NumberFilter(label="公开年度", field_name="published_on", lookup_expr="year", widget=YEAR)

    class Meta:
        model = Disclosure
        fields = ["q", "community", "kind", "channel", "year"]


class EvaluationFilter(CommunityRegisterFilter):
    search_fields = ("staff__name", "source", "evaluators", "comments")
    kind = django_filters.ChoiceFilter(label="测评形式", choices=EvaluationKind.choices)
    evaluatee = django_filters.ChoiceFilter(label="测评对象", choices=Evaluatee.choices)
    year = django_filters.NumberFilter(label="年度", field_name="date", lookup_expr="year", widget=YEAR)

    class Meta:
        model = Evaluation
        fields = ["q", "community", "kind", "evaluatee", "year"]
