"""Filters of the duty rosters (值班表) and absences (脱岗记录)."""

import django_filters
from django import forms

from governance.filters import CommunityRegisterFilter, yes_no_filter
from governance.models import User
from services.models.duty import DutyAbsence, DutyRoster, PeriodKind, RosterStatus

DATE = forms.DateInput(attrs={"type": "date"})
MONTH = forms.DateInput(attrs={"type": "month"})


class DutyRosterFilter(CommunityRegisterFilter):
    search_fields = ("title", "note")
    status = django_filters.ChoiceFilter(label="状态", choices=RosterStatus.choices)
    period_kind = django_filters.ChoiceFilter(label="周期", choices=PeriodKind.choices)
    start_from = django_filters.DateFilter(field_name="end_on", lookup_expr="gte", label="日期从", widget=DATE)
    start_to = django_filters.DateFilter(field_name="start_on", lookup_expr="lte", label="至", widget=DATE)

    class Meta:
        model = DutyRoster
        fields = ["q", "community", "status", "period_kind", "start_from", "start_to"]


class DutyAbsenceFilter(CommunityRegisterFilter):
    search_fields = ("staff__name", "staff__username", "reason", "note")
    month = django_filters.CharFilter(label="月份", method="filter_month", widget=MONTH)
    staff = django_filters.ModelChoiceFilter(label="值班人员", queryset=User.objects.filter(community__isnull=False))
    excused = yes_no_filter("有正当理由")
    fined = django_filters.ChoiceFilter(label="应处罚", choices=[("1", "是"), ("0", "否")], method="filter_fined")
    left_from = django_filters.DateFilter(field_name="left_at", lookup_expr="date__gte", label="日期从", widget=DATE)
    left_to = django_filters.DateFilter(field_name="left_at", lookup_expr="date__lte", label="至", widget=DATE)

    class Meta:
        model = DutyAbsence
        fields = ["q", "community", "month", "staff", "excused", "fined", "left_from", "left_to"]

    def filter_month(self, queryset, name, value):
        try:
            year, month = (int(part) for part in value.split("-")[:2])
        except ValueError:
            return queryset.none()
        return queryset.filter(left_at__year=year, left_at__month=month)

    def filter_fined(self, queryset, name, value):
        return queryset.filter(fine_amount__gt=0) if value == "1" else queryset.filter(fine_amount=0)
