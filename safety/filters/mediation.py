import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from governance.filters import CommunityRegisterFilter
from governance.models import ResidentGroup
from safety.models.mediation import (
    CommitteeMember,
    CommitteeRole,
    DisputeCase,
    DisputeKind,
    DisputeLevel,
    DisputeSource,
    DisputeStatus,
    FollowUp,
    MemberBackground,
)

DATE = forms.DateInput(attrs={"type": "date"})


class CommitteeMemberFilter(CommunityRegisterFilter):
    search_fields = ("name", "user__name", "person__name", "phone")
    role = django_filters.ChoiceFilter(label="调委会职务", choices=CommitteeRole.choices)
    background = django_filters.ChoiceFilter(label="身份", choices=MemberBackground.choices)
    serving = django_filters.ChoiceFilter(
        label="任职状态", choices=[("1", "在任"), ("0", "已离任")], method="filter_serving", empty_label="全部"
    )

    class Meta:
        model = CommitteeMember
        fields = ["q", "community", "role", "background", "serving"]

    def filter_serving(self, queryset, name, value):
        current = queryset.current(timezone.localdate())
        return current if value == "1" else queryset.exclude(pk__in=current.values("pk"))


class DisputeCaseFilter(CommunityRegisterFilter):
    search_fields = ("number", "summary", "parties__name", "parties__person__name")
    search_distinct = True
    kind = django_filters.ChoiceFilter(label="纠纷类型", choices=DisputeKind.choices)
    group = django_filters.ModelChoiceFilter(label="发生小组", queryset=ResidentGroup.objects.all())
    source = django_filters.ChoiceFilter(label="来源", choices=DisputeSource.choices)
    level = django_filters.ChoiceFilter(label="调处层级", choices=DisputeLevel.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=DisputeStatus.choices)
    received_from = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label="受理日期从", widget=DATE
    )
    received_to = django_filters.DateFilter(field_name="received_on", lookup_expr="lte", label="至", widget=DATE)
    risky = django_filters.ChoiceFilter(label="有风险", choices=[("1", "是"), ("0", "否")], method="filter_risky")

    class Meta:
        model = DisputeCase
        fields = [
            "q",
            "community",
            "kind",
            "group",
            "source",
            "level",
            "status",
            "received_from",
            "received_to",
            "risky",
        ]

    def filter_risky(self, queryset, name, value):
        risk = Q(risk_criminal=True) | Q(risk_petition=True) | Q(risk_domestic_violence=True)
        return queryset.filter(risk) if value == "1" else queryset.exclude(risk)


class FollowUpFilter(CommunityRegisterFilter):
    search_fields = ("case__number", "case__parties__name", "case__parties__person__name", "note")
    search_distinct = True
    state = django_filters.ChoiceFilter(
        label="状态",
        choices=[("pending", "待回访"), ("overdue", "已逾期"), ("done", "已回访")],
        method="filter_state",
        empty_label="全部",
    )
    due_from = django_filters.DateFilter(field_name="due_on", lookup_expr="gte", label="应回访从", widget=DATE)
    due_to = django_filters.DateFilter(field_name="due_on", lookup_expr="lte", label="至", widget=DATE)

    class Meta:
        model = FollowUp
        fields = ["q", "community", "state", "due_from", "due_to"]

    def filter_state(self, queryset, name, value):
        if value == "pending":
            return queryset.pending()
        if value == "overdue":
            return queryset.overdue_on(timezone.localdate())
        return queryset.filter(done_on__isnull=False)
