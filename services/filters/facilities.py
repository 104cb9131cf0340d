"""List filters of 阵地设施."""

from __future__ import annotations

import django_filters

from governance.filters import CommunityRegisterFilter, yes_no_filter
from governance.models import ResidentGroup
from services.filters.volunteers import DateRangeFilterMixin
from services.models.facilities import (
    AssetCondition,
    AssetKind,
    Condition,
    ConvenienceOutlet,
    Equipment,
    EquipmentKind,
    Facility,
    FacilityKind,
    InfrastructureAsset,
    OutletKind,
    Tenure,
)


class FacilityFilter(DateRangeFilterMixin, CommunityRegisterFilter):
    search_fields = ("name", "opening_hours", "note")
    kind = django_filters.ChoiceFilter(label="类型", choices=FacilityKind.choices)
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    tenure = django_filters.ChoiceFilter(label="产权", choices=Tenure.choices)
    condition = django_filters.ChoiceFilter(label="状况", choices=Condition.choices)
    date_from = django_filters.DateFilter(field_name="opened_on", lookup_expr="gte", label="建成日期从")
    date_to = django_filters.DateFilter(field_name="opened_on", lookup_expr="lte", label="至")

    class Meta:
        model = Facility
        fields = ["q", "community", "kind", "group", "tenure", "condition", "date_from", "date_to"]


class EquipmentFilter(DateRangeFilterMixin, CommunityRegisterFilter):
    search_fields = ("name", "facility__name", "note")
    kind = django_filters.ChoiceFilter(label="类别", choices=EquipmentKind.choices)
    facility = django_filters.ModelChoiceFilter(label="所在设施", queryset=Facility.objects.all())
    condition = django_filters.ChoiceFilter(label="状况", choices=Condition.choices)
    date_from = django_filters.DateFilter(field_name="acquired_on", lookup_expr="gte", label="购置日期从")
    date_to = django_filters.DateFilter(field_name="acquired_on", lookup_expr="lte", label="至")

    class Meta:
        model = Equipment
        fields = ["q", "community", "kind", "facility", "condition", "date_from", "date_to"]


class ConvenienceOutletFilter(CommunityRegisterFilter):
    search_fields = ("name", "operator", "address", "phone")
    kind = django_filters.ChoiceFilter(label="类型", choices=OutletKind.choices)
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    is_open = yes_no_filter("在营业")

    class Meta:
        model = ConvenienceOutlet
        fields = ["q", "community", "kind", "group", "is_open"]


class InfrastructureAssetFilter(CommunityRegisterFilter):
    search_fields = ("description", "note")
    kind = django_filters.ChoiceFilter(label="类型", choices=AssetKind.choices)
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    condition = django_filters.ChoiceFilter(label="状况", choices=AssetCondition.choices)

    class Meta:
        model = InfrastructureAsset
        fields = ["q", "community", "kind", "group", "condition"]
