"""Filters of the staff area's lists."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from committee.models.staff import (
    COLLEGE_OR_ABOVE,
    AttendanceStatus,
    Election,
    ElectionKind,
    EmploymentKind,
    Position,
    RepresentativeKind,
    ResidentRepresentative,
    Staff,
    TrainingKind,
    TrainingRecord,
    WorkAttendance,
    WorkingBody,
    WorkingBodyKind,
)
from governance.filters import CommunityRegisterFilter, yes_no_filter
from governance.models import ResidentGroup
from residents.choices import Education

MONTH = forms.DateInput(attrs={"type": "month"})
COLLEGE_PLUS = "college_plus"
SERVING_CHOICES = [("1", "今天在岗"), ("0", "已离岗")]
CURRENT_CHOICES = [("1", "在任"), ("0", "已离任")]


def parse_month(value: str) -> tuple[int, int] | None:
    """ "2026-11" → (2026, 11); None when it is no month."""
    try:
        year, month = (int(part) for part in str(value).split("-")[:2])
        datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return None
    return year, month


class StaffFilter(CommunityRegisterFilter):
    search_fields = ("name", "phone")
    position = django_filters.ChoiceFilter(label="职务", choices=Position.choices)
    employment_kind = django_filters.ChoiceFilter(label="用工性质", choices=EmploymentKind.choices)
    education = django_filters.ChoiceFilter(
        label="文化程度", choices=[(COLLEGE_PLUS, "大专以上"), *Education.choices], method="filter_education"
    )
    certified = yes_no_filter("持证上岗")
    full_time = yes_no_filter("专职")
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    serving = django_filters.ChoiceFilter(label="在岗", choices=SERVING_CHOICES, method="filter_serving")

    class Meta:
        model = Staff
        fields = [
            "q",
            "community",
            "position",
            "employment_kind",
            "education",
            "certified",
            "full_time",
            "group",
            "serving",
        ]

    def filter_education(self, queryset, name, value):
        if value == COLLEGE_PLUS:
            return queryset.filter(education__in=COLLEGE_OR_ABOVE)
        return queryset.filter(education=value)

    def filter_serving(self, queryset, name, value):
        today = timezone.localdate()
        if value == "1":
            return queryset.serving_on(today)
        return queryset.filter(left_on__lte=today)


class TrainingRecordFilter(CommunityRegisterFilter):
    search_fields = ("topic", "provider", "staff__name", "certificate_number")
    kind = django_filters.ChoiceFilter(label="培训类别", choices=TrainingKind.choices)
    year = django_filters.NumberFilter(label="年度", field_name="start_on", lookup_expr="year")
    staff = django_filters.ModelChoiceFilter(label="参训人员", queryset=Staff.objects.all())
    certificate_obtained = yes_no_filter("取得证书")

    class Meta:
        model = TrainingRecord
        fields = ["q", "community", "kind", "year", "staff", "certificate_obtained"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.community_id:
            self.filters["staff"].queryset = self.filters["staff"].queryset.filter(community=user.community)


class WorkingBodyFilter(CommunityRegisterFilter):
    search_fields = ("name", "duties")
    kind = django_filters.ChoiceFilter(label="类别", choices=WorkingBodyKind.choices)
    active = django_filters.ChoiceFilter(
        label="状态", choices=[("1", "运行中"), ("0", "已撤销")], method="filter_active"
    )

    class Meta:
        model = WorkingBody
        fields = ["q", "community", "kind", "active"]

    def filter_active(self, queryset, name, value):
        today = timezone.localdate()
        running = Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today)
        return queryset.filter(running) if value == "1" else queryset.exclude(running)


class ResidentRepresentativeFilter(CommunityRegisterFilter):
    search_fields = ("person__name", "person__phone", "note")
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    kind = django_filters.ChoiceFilter(label="类别", choices=RepresentativeKind.choices)
    current = django_filters.ChoiceFilter(label="任期", choices=CURRENT_CHOICES, method="filter_current")

    class Meta:
        model = ResidentRepresentative
        fields = ["q", "community", "group", "kind", "current"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.community_id and "group" in self.filters:
            self.filters["group"].queryset = self.filters["group"].queryset.filter(community=user.community)

    def filter_current(self, queryset, name, value):
        today = timezone.localdate()
        if value == "1":
            return queryset.active_on(today)
        return queryset.filter(end_on__lte=today)


class WorkAttendanceFilter(CommunityRegisterFilter):
    search_fields = ("staff__name", "note")
    month = django_filters.CharFilter(label="月份", method="filter_month", widget=MONTH)
    status = django_filters.ChoiceFilter(label="出勤情况", choices=AttendanceStatus.choices)
    staff = django_filters.ModelChoiceFilter(label="工作人员", queryset=Staff.objects.all())

    class Meta:
        model = WorkAttendance
        fields = ["q", "community", "month", "status", "staff"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.community_id:
            self.filters["staff"].queryset = self.filters["staff"].queryset.filter(community=user.community)

    def filter_month(self, queryset, name, value):
        month = parse_month(value)
        return queryset.none() if month is None else queryset.in_month(*month)


class ElectionFilter(CommunityRegisterFilter):
    search_fields = ("term_label", "note")
    kind = django_filters.ChoiceFilter(label="选举类别", choices=ElectionKind.choices)
    year = django_filters.NumberFilter(label="年度", field_name="date", lookup_expr="year")

    class Meta:
        model = Election
        fields = ["q", "community", "kind", "year"]
