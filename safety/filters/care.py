"""List filters of 帮教, 社区矫正 and the key persons' visit tasks."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from governance.filters import CommunityRegisterFilter
from governance.models import User
from residents.models import Category
from safety.models.care import (
    CareRule,
    CareTask,
    CorrectionCase,
    CorrectionStatus,
    CorrectionType,
    Employment,
    Escalation,
    RehabCase,
    RehabKind,
    RehabStatus,
    VisitFrequency,
)

PERSON_SEARCH = ("number", "person__name", "person__name_pinyin", "person__id_number")


class RehabCaseFilter(CommunityRegisterFilter):
    search_fields = PERSON_SEARCH
    status = django_filters.ChoiceFilter(label="状态", choices=RehabStatus.choices)
    kind = django_filters.ChoiceFilter(label="类型", choices=RehabKind.choices)
    visit_frequency = django_filters.ChoiceFilter(label="走访频率", choices=VisitFrequency.choices)
    employment = django_filters.ChoiceFilter(label="就业安置", choices=Employment.choices)
    released_from = django_filters.DateFilter(field_name="released_on", lookup_expr="gte", label="释放日期从")
    released_to = django_filters.DateFilter(field_name="released_on", lookup_expr="lte", label="至")

    class Meta:
        model = RehabCase
        fields = [
            "q",
            "community",
            "status",
            "kind",
            "visit_frequency",
            "employment",
            "released_from",
            "released_to",
        ]


class CorrectionCaseFilter(CommunityRegisterFilter):
    search_fields = (*PERSON_SEARCH, "judicial_office", "officer_name")
    status = django_filters.ChoiceFilter(label="状态", choices=CorrectionStatus.choices)
    correction_type = django_filters.ChoiceFilter(label="矫正类别", choices=CorrectionType.choices)
    start_from = django_filters.DateFilter(field_name="start_on", lookup_expr="gte", label="开始日期从")
    start_to = django_filters.DateFilter(field_name="start_on", lookup_expr="lte", label="至")

    class Meta:
        model = CorrectionCase
        fields = ["q", "community", "status", "correction_type", "start_from", "start_to"]


class CareRuleFilter(CommunityRegisterFilter):
    search_fields = ("category__name", "note")

    class Meta:
        model = CareRule
        fields = ["q", "community"]


class CareTaskFilter(CommunityRegisterFilter):
    search_fields = ("person__name", "person__name_pinyin")
    state = django_filters.ChoiceFilter(
        label="状态",
        choices=[("open", "未完成"), ("done", "已完成")],
        method="filter_state",
        empty_label="全部",
    )
    escalation = django_filters.ChoiceFilter(label="督办等级", choices=Escalation.choices, method="filter_escalation")
    category = django_filters.ModelChoiceFilter(label="人群类别", queryset=Category.objects.filter(is_sensitive=True))
    responsible = django_filters.ModelChoiceFilter(label="责任人", queryset=User.objects.all())
    due_from = django_filters.DateFilter(field_name="due_on", lookup_expr="gte", label="应走访日期从")
    due_to = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label="至")

    class Meta:
        model = CareTask
        fields = ["q", "community", "state", "escalation", "category", "responsible", "due_from", "due_to"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(done_on__isnull=(value == "open"))

    def filter_escalation(self, queryset, name, value):
        today = timezone.localdate()
        conditions = {
            Escalation.NORMAL: Q(due_on__gte=today),
            Escalation.YELLOW: Q(due_on__lt=today, escalate_on__gte=today),
            Escalation.RED: Q(escalate_on__lt=today),
        }
        return queryset.filter(conditions[value], done_on__isnull=True)
