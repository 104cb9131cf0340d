"""List filters of the 平安 records."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from governance.filters import CommunityRegisterFilter, yes_no_filter
from governance.models import ResidentGroup
from safety.models.records import (
    COLLECTIVE_HEADCOUNT,
    SKIP_LEVELS,
    Audience,
    HazardSeverity,
    Incident,
    IncidentKind,
    IncidentSource,
    IncidentStatus,
    Inspection,
    InspectionResult,
    InspectionSchedule,
    InspectionTarget,
    InspectionTargetKind,
    LegalEducationFormat,
    LegalEducationSession,
    PatrolFinding,
    PatrolRecord,
    PatrolTeam,
    PatrolTeamKind,
    Petition,
    PetitionChannel,
    PetitionLevel,
    PetitionStatus,
    PetitionSubject,
    PoliceOfficer,
)


class MonthFilter(django_filters.CharFilter):
    """A month typed as ``2026-05`` (an ``<input type="month">``): the rows dated in it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "月份")
        kwargs.setdefault("method", self.filter_month)
        super().__init__(*args, **kwargs)
        self.extra["widget"] = forms.TextInput(attrs={"type": "month"})

    def filter_month(self, queryset, name, value):
        try:
            start = datetime.datetime.strptime(value, "%Y-%m").date()  # noqa: DTZ007 - a calendar month
        except ValueError:
            return queryset.none()
        end = (start + datetime.timedelta(days=32)).replace(day=1)
        return queryset.filter(date__gte=start, date__lt=end)


def date_range(field: str = "date", label: str = "日期"):
    return (
        django_filters.DateFilter(field_name=field, lookup_expr="gte", label=f"{label}从"),
        django_filters.DateFilter(field_name=field, lookup_expr="lte", label="至"),
    )


class DateRangeMixin:
    @property
    def form(self):
        form = super().form
        for name in ("date_from", "date_to"):
            if name in form.fields:
                form.fields[name].widget.input_type = "date"
        return form


class PatrolTeamFilter(CommunityRegisterFilter):
    search_fields = ("name", "note")
    kind = django_filters.ChoiceFilter(label="队伍类型", choices=PatrolTeamKind.choices)
    is_active = yes_no_filter("正常活动")

    class Meta:
        model = PatrolTeam
        fields = ["q", "community", "kind", "is_active"]


class PatrolRecordFilter(DateRangeMixin, CommunityRegisterFilter):
    search_fields = ("route", "finding_note", "follow_up", "team__name")
    team = django_filters.ModelChoiceFilter(label="队伍", queryset=PatrolTeam.objects.all())
    month = MonthFilter()
    date_from, date_to = date_range("date", "巡逻日期")
    findings = django_filters.ChoiceFilter(label="发现情况", choices=PatrolFinding.choices)

    class Meta:
        model = PatrolRecord
        fields = ["q", "community", "team", "month", "date_from", "date_to", "findings"]


class PoliceOfficerFilter(CommunityRegisterFilter):
    search_fields = ("name", "station", "phone")

    class Meta:
        model = PoliceOfficer
        fields = ["q", "community"]


class LegalEducationSessionFilter(DateRangeMixin, CommunityRegisterFilter):
    search_fields = ("topic", "speaker", "campaign", "location")
    format = django_filters.ChoiceFilter(label="形式", choices=LegalEducationFormat.choices)
    audience = django_filters.ChoiceFilter(label="对象", choices=Audience.choices, method="filter_audience")
    month = MonthFilter()
    date_from, date_to = date_range()

    class Meta:
        model = LegalEducationSession
        fields = ["q", "community", "format", "audience", "month", "date_from", "date_to"]

    def filter_audience(self, queryset, name, value):
        # The audiences are a JSON list of codes; the quoted code matches one element exactly.
        return queryset.filter(audiences__icontains=f'"{value}"')


class InspectionTargetFilter(CommunityRegisterFilter):
    search_fields = ("name", "location", "note")
    kind = django_filters.ChoiceFilter(label="类型", choices=InspectionTargetKind.choices)
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    schedule = django_filters.ChoiceFilter(label="检查周期", choices=InspectionSchedule.choices)
    is_active = yes_no_filter("在查")

    class Meta:
        model = InspectionTarget
        fields = ["q", "community", "kind", "group", "schedule", "is_active"]


HAZARD_STATES = [("open", "整改中(未整改)"), ("overdue", "已逾期"), ("rectified", "已整改"), ("escalated", "已上报")]


class InspectionFilter(DateRangeMixin, CommunityRegisterFilter):
    search_fields = ("target__name", "hazard_description", "rectification_note", "other_inspectors")
    kind = django_filters.ChoiceFilter(
        label="对象类型", field_name="target__kind", choices=InspectionTargetKind.choices
    )
    result = django_filters.ChoiceFilter(label="检查结果", choices=InspectionResult.choices)
    severity = django_filters.ChoiceFilter(label="隐患等级", choices=HazardSeverity.choices)
    state = django_filters.ChoiceFilter(label="整改状态", choices=HAZARD_STATES, method="filter_state")
    date_from, date_to = date_range("date", "检查日期")

    class Meta:
        model = Inspection
        fields = ["q", "community", "kind", "result", "severity", "state", "date_from", "date_to"]

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.open_hazards()
        if value == "overdue":
            return queryset.overdue_on(timezone.localdate())
        if value == "rectified":
            return queryset.hazards().filter(rectified_on__isnull=False)
        return queryset.hazards().filter(escalated_on__isnull=False)


class IncidentFilter(DateRangeMixin, CommunityRegisterFilter):
    search_fields = ("summary", "location", "outcome")
    kind = django_filters.ChoiceFilter(label="类别", choices=IncidentKind.choices)
    is_major = yes_no_filter("重大")
    source = django_filters.ChoiceFilter(label="信息来源", choices=IncidentSource.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=IncidentStatus.choices)
    date_from, date_to = date_range("date", "发生日期")

    class Meta:
        model = Incident
        fields = ["q", "community", "kind", "is_major", "source", "status", "date_from", "date_to"]


class PetitionFilter(DateRangeMixin, CommunityRegisterFilter):
    search_fields = ("number", "description", "outsider_names", "result")
    channel = django_filters.ChoiceFilter(label="信访方式", choices=PetitionChannel.choices)
    subject = django_filters.ChoiceFilter(label="事由类别", choices=PetitionSubject.choices)
    level_reached = django_filters.ChoiceFilter(label="到达层级", choices=PetitionLevel.choices)
    flag = django_filters.ChoiceFilter(
        label="标记",
        choices=[("collective", "集体访"), ("skip", "越级访"), ("improper", "因解决不当越级")],
        method="filter_flag",
    )
    status = django_filters.ChoiceFilter(label="状态", choices=PetitionStatus.choices)
    date_from, date_to = date_range("received_on", "受理日期")

    class Meta:
        model = Petition
        fields = ["q", "community", "channel", "subject", "level_reached", "flag", "status", "date_from", "date_to"]

    def filter_flag(self, queryset, name, value):
        if value == "collective":
            return queryset.filter(headcount__gte=COLLECTIVE_HEADCOUNT)
        if value == "skip":
            return queryset.filter(level_reached__in=SKIP_LEVELS)
        return queryset.filter(Q(caused_by_improper_handling=True))
