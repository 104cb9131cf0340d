import django_filters

from governance.filters import CommunityRegisterFilter
from safety.models import SensitiveAccess


class SensitiveAccessFilter(CommunityRegisterFilter):
    search_fields = ("record", "purpose", "user__username", "user__first_name", "user__last_name")
    viewed_from = django_filters.DateFilter(field_name="viewed_at", lookup_expr="date__gte", label="查阅日期从")
    viewed_to = django_filters.DateFilter(field_name="viewed_at", lookup_expr="date__lte", label="至")

    class Meta:
        model = SensitiveAccess
        fields = ["q", "community", "viewed_from", "viewed_to"]
