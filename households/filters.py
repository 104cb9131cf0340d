import django_filters
from django.db.models import Q
from django.utils import timezone

from governance.filters import CommunityRegisterFilter, yes_no_filter
from governance.models import ResidentGroup
from households.choices import HouseholdKind, HouseholdStatus, HouseholdTagKind, Housing
from households.models import Compound, Dwelling, Household, Rental


class HouseholdFilter(CommunityRegisterFilter):
    search_fields = ("number", "address", "phone")
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    kind = django_filters.ChoiceFilter(label="户类别", choices=HouseholdKind.choices)
    housing = django_filters.ChoiceFilter(label="住房情况", choices=Housing.choices)
    tag = django_filters.ChoiceFilter(label="户类别标记", choices=HouseholdTagKind.choices, method="filter_tag")
    status = django_filters.ChoiceFilter(label="状态", choices=HouseholdStatus.choices)

    class Meta:
        model = Household
        fields = ["q", "community", "group", "kind", "housing", "tag", "status"]

    def search(self, queryset, name, value):
        # A household is also found by the name of any member on the register.
        matches = super().search(queryset, name, value)
        by_member = queryset.filter(members__name__contains=value, members__status="active")
        return (matches | by_member).distinct()

    def filter_tag(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            Q(tags__kind=value, tags__start_on__lte=today) & (Q(tags__end_on__isnull=True) | Q(tags__end_on__gt=today))
        ).distinct()


class RentalFilter(CommunityRegisterFilter):
    search_fields = ("address", "owner_name", "owner_phone", "lease_number")
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    is_active = yes_no_filter("在租")

    class Meta:
        model = Rental
        fields = ["q", "community", "group", "is_active"]


class CompoundFilter(CommunityRegisterFilter):
    search_fields = ("name", "address")

    class Meta:
        model = Compound
        fields = ["q", "community"]


class DwellingFilter(CommunityRegisterFilter):
    search_fields = ("address", "building__compound__name", "room")
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())

    class Meta:
        model = Dwelling
        fields = ["q", "community", "group"]
