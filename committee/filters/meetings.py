"""Filters of the meetings (会议) list."""

import django_filters
from django import forms

from committee.models.meetings import Meeting, MeetingKind, MeetingStatus
from governance.filters import CommunityRegisterFilter, yes_no_filter

DATE = forms.DateInput(attrs={"type": "date"})


class MeetingFilter(CommunityRegisterFilter):
    search_fields = ("title", "venue", "agenda", "minutes")
    kind = django_filters.ChoiceFilter(label="会议类型", choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=MeetingStatus.choices)
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label="年份")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="日期从", widget=DATE)
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="至", widget=DATE)
    is_work_report = yes_no_filter("报告工作")

    class Meta:
        model = Meeting
        fields = ["q", "community", "kind", "status", "year", "date_from", "date_to", "is_work_report"]
