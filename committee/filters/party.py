"""List filters of the party registers."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from committee.models.party import (
    ActivityKind,
    MemberCategory,
    MembershipKind,
    MemberStatus,
    OrganisationKind,
    PartyActivity,
    PartyCheckIn,
    PartyMember,
    PartyOrganisation,
    PartyTransfer,
    TransferDirection,
)
from governance.filters import CommunityRegisterFilter
from governance.models import ResidentGroup, ResidentUnit
from residents.choices import Sex


class DateRangeFilterMixin:
    """``date_from`` / ``date_to`` shown as date pickers."""

    @property
    def form(self):
        form = super().form
        for name in ("date_from", "date_to"):
            if name in form.fields:
                form.fields[name].widget.input_type = "date"
        return form


class PartyOrganisationFilter(CommunityRegisterFilter):
    search_fields = ("name", "secretary__person__name", "note")
    kind = django_filters.ChoiceFilter(label="组织类型", choices=OrganisationKind.choices)
    active = django_filters.ChoiceFilter(label="状态", choices=[("1", "现有"), ("0", "已撤销")], method="by_active")

    class Meta:
        model = PartyOrganisation
        fields = ["q", "community", "kind", "active"]

    def by_active(self, queryset, name, value):
        return queryset.filter(dissolved_on__isnull=value == "1")


class PartyMemberFilter(CommunityRegisterFilter):
    search_fields = ("person__name", "person__name_pinyin", "person__id_number", "person__phone")
    organisation = django_filters.ModelChoiceFilter(
        label="所在党组织", queryset=PartyOrganisation.objects.all(), method="by_organisation"
    )
    category = django_filters.ChoiceFilter(label="党员类别", choices=MemberCategory.choices)
    kind = django_filters.ChoiceFilter(label="正式/预备", choices=MembershipKind.choices)
    status = django_filters.ChoiceFilter(label="党籍状态", choices=MemberStatus.choices)
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    sex = django_filters.ChoiceFilter(label="性别", field_name="person__sex", choices=Sex.choices)
    transferred_in = django_filters.ChoiceFilter(label="组织关系转入", choices=[("1", "是"), ("0", "否")])

    class Meta:
        model = PartyMember
        fields = ["q", "community", "organisation", "category", "kind", "status", "group", "sex", "transferred_in"]

    def by_organisation(self, queryset, name, value):
        """The organisation and every organisation below it (a 支部 lists its 党小组's members too)."""
        ids, frontier = {value.pk}, {value.pk}
        while frontier:
            frontier = set(PartyOrganisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
            ids |= frontier
        return queryset.filter(organisation_id__in=ids)


class PartyTransferFilter(DateRangeFilterMixin, CommunityRegisterFilter):
    search_fields = ("member__person__name", "letter_number", "from_organisation", "to_organisation", "reason")
    direction = django_filters.ChoiceFilter(label="转接方向", choices=TransferDirection.choices)
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="日期从")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="至")

    class Meta:
        model = PartyTransfer
        fields = ["q", "community", "direction", "date_from", "date_to"]


class PartyCheckInFilter(DateRangeFilterMixin, CommunityRegisterFilter):
    search_fields = ("name", "person__name", "person__name_pinyin", "work_unit", "post", "unit_organisation")
    unit = django_filters.ModelChoiceFilter(label="驻社区单位", queryset=ResidentUnit.objects.all())
    current = django_filters.ChoiceFilter(label="在报到期", choices=[("1", "是"), ("0", "否")], method="by_current")
    date_from = django_filters.DateFilter(field_name="reported_on", lookup_expr="gte", label="报到日期从")
    date_to = django_filters.DateFilter(field_name="reported_on", lookup_expr="lte", label="至")

    class Meta:
        model = PartyCheckIn
        fields = ["q", "community", "unit", "current", "date_from", "date_to"]

    def by_current(self, queryset, name, value):
        today = timezone.localdate()
        current = Q(reported_on__lte=today) & (Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        return queryset.filter(current) if value == "1" else queryset.exclude(current)


class PartyActivityFilter(DateRangeFilterMixin, CommunityRegisterFilter):
    search_fields = ("title", "place", "description")
    kind = django_filters.ChoiceFilter(label="活动类型", choices=ActivityKind.choices)
    organisation = django_filters.ModelChoiceFilter(label="组织单位", queryset=PartyOrganisation.objects.all())
    year = django_filters.NumberFilter(label="年度", field_name="date", lookup_expr="year")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label="日期从")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label="至")

    class Meta:
        model = PartyActivity
        fields = ["q", "community", "kind", "organisation", "year", "date_from", "date_to"]
