"""List filters of 志愿服务."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from governance.filters import CommunityRegisterFilter, yes_no_filter
from governance.models import ResidentGroup
from services.models.volunteers import (
    PartyPost,
    ServiceIntention,
    TeamKind,
    Volunteer,
    VolunteerActivity,
    VolunteerBackground,
    VolunteerTeam,
)


class DateRangeFilterMixin:
    """``date_from`` / ``date_to`` shown as date pickers."""

    @property
    def form(self):
        form = super().form
        for name in ("date_from", "date_to"):
            if name in form.fields:
                form.fields[name].widget.input_type = "date"
        return form


class VolunteerTeamFilter(CommunityRegisterFilter):
    search_fields = ("name", "description", "leader__name")
    kind = django_filters.ChoiceFilter(label="队伍类型", choices=TeamKind.choices)
    is_active = yes_no_filter("在运行")

    class Meta:
        model = VolunteerTeam
        fields = ["q", "community", "kind", "is_active"]


class VolunteerFilter(DateRangeFilterMixin, CommunityRegisterFilter):
    search_fields = ("person__name", "person__name_pinyin", "person__phone", "skills")
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    team = django_filters.ModelChoiceFilter(label="队伍", field_name="teams", queryset=VolunteerTeam.objects.all())
    background = django_filters.ChoiceFilter(label="身份", choices=VolunteerBackground.choices)
    intention = django_filters.ChoiceFilter(label="服务意向", choices=ServiceIntention.choices, method="by_intention")
    is_active = yes_no_filter("在册服务")
    date_from = django_filters.DateFilter(field_name="registered_on", lookup_expr="gte", label="登记日期从")
    date_to = django_filters.DateFilter(field_name="registered_on", lookup_expr="lte", label="至")

    class Meta:
        model = Volunteer
        fields = ["q", "community", "group", "team", "background", "intention", "is_active", "date_from", "date_to"]

    def by_intention(self, queryset, name, value):
        return queryset.filter(intentions__contains=f",{value},")


class VolunteerActivityFilter(DateRangeFilterMixin, CommunityRegisterFilter):
    search_fields = ("title", "place", "description")
    team = django_filters.ModelChoiceFilter(label="组织队伍", queryset=VolunteerTeam.objects.all())
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="日期从")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="至")

    class Meta:
        model = VolunteerActivity
        fields = ["q", "community", "team", "date_from", "date_to"]


class PartyPostFilter(DateRangeFilterMixin, CommunityRegisterFilter):
    search_fields = ("name", "duty", "member__name")
    group = django_filters.ModelChoiceFilter(label="责任片区", queryset=ResidentGroup.objects.all())
    current = django_filters.ChoiceFilter(label="在岗", choices=[("1", "是"), ("0", "否")], method="by_current")
    date_from = django_filters.DateFilter(field_name="start_on", lookup_expr="gte", label="上岗日期从")
    date_to = django_filters.DateFilter(field_name="start_on", lookup_expr="lte", label="至")

    class Meta:
        model = PartyPost
        fields = ["q", "community", "group", "current", "date_from", "date_to"]

    def by_current(self, queryset, name, value):
        today = timezone.localdate()
        current = Q(start_on__lte=today) & (Q(end_on__isnull=True) | Q(end_on__gte=today))
        return queryset.filter(current) if value == "1" else queryset.exclude(current)
