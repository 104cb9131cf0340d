"""Filters of the fine rules (罚款规则) and the fine ledger (罚款台账)."""

import datetime

import django_filters
from django import forms
from django.db.models import Q

from committee.models.fines import FineRecord, FineRule, FineSource, FineStatus, FineSubject, FineTrigger
from committee.models.staff import Staff
from governance.filters import CommunityRegisterFilter

DATE = forms.DateInput(attrs={"type": "date"})
MONTH = forms.DateInput(attrs={"type": "month"})


class FineRuleFilter(CommunityRegisterFilter):
    search_fields = ("code", "name", "basis")
    trigger = django_filters.ChoiceFilter(label="触发情形", choices=FineTrigger.choices)
    subject = django_filters.ChoiceFilter(label="适用对象", choices=FineSubject.choices)
    in_force_on = django_filters.DateFilter(label="某日有效", method="filter_in_force", widget=DATE)

    class Meta:
        model = FineRule
        fields = ["q", "community", "trigger", "subject", "in_force_on"]

    def filter_in_force(self, queryset, name, value):
        return queryset.in_force_on(value)


class FineRecordFilter(CommunityRegisterFilter):
    search_fields = ("staff__name", "description", "exemption_reason")
    month = django_filters.CharFilter(label="月份", method="filter_month", widget=MONTH)
    staff = django_filters.ModelChoiceFilter(label="工作人员", queryset=Staff.objects.all())
    rule = django_filters.ChoiceFilter(label="规则", field_name="rule__code", choices=[])
    status = django_filters.ChoiceFilter(label="状态", choices=FineStatus.choices)
    source = django_filters.ChoiceFilter(label="来源", choices=FineSource.choices)
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="日期从", widget=DATE)
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="至", widget=DATE)

    class Meta:
        model = FineRecord
        fields = ["q", "community", "month", "staff", "rule", "status", "source", "date_from", "date_to"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        rules = FineRule.objects.visible_to(user).order_by("code").values_list("code", "name")
        choices = {}
        for code, name in rules:
            choices.setdefault(code, f"{code} {name}")
        self.filters["rule"].extra["choices"] = list(choices.items())
        self.filters["staff"].queryset = self.filters["staff"].queryset.order_by("name")

    def filter_month(self, queryset, name, value):
        try:
            year, month = (int(part) for part in value.split("-")[:2])
            datetime.date(year, month, 1)
        except ValueError:
            return queryset.none()
        return queryset.filter(Q(date__year=year) & Q(date__month=month))
