import django_filters
from django.contrib.auth.models import Group
from django.db.models import Q
from django.forms import Select

from governance.choices import CommunityKind, UnitKind, UnitOwnership
from governance.models import Community, Grid, ResidentGroup, ResidentUnit, Street, User
from governance.roles import ROLE_NAMES
from governance.scoping import scope_choices


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet whose model choices are narrowed to the requesting user's scope."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        for filter_ in self.filters.values():
            # ModelChoiceFilter keeps its queryset on the filter itself (not in ``extra``).
            queryset = getattr(filter_, "queryset", None)
            if queryset is not None and not callable(queryset):
                filter_.queryset = scope_choices(queryset, user)
        if getattr(user, "community_id", None) and "community" in self.filters:
            # A community's own staff have nothing to choose here.
            del self.filters["community"]

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            css = "form-select form-select-sm" if isinstance(field.widget, Select) else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)
        return form


def yes_no_filter(label: str) -> django_filters.ChoiceFilter:
    """A yes/no filter whose empty choice reads 全部 (django-filter's own says 未知)."""
    return django_filters.ChoiceFilter(label=label, choices=[("1", "是"), ("0", "否")])


class SearchFilterSet(ScopedFilterSet):
    """A register filter with a free-text box (``q``) over ``search_fields``."""

    search_fields: tuple[str, ...] = ()
    # Set when a search field crosses a to-many relation, so rows are not repeated.
    search_distinct = False

    q = django_filters.CharFilter(label="搜索", method="search")

    def search(self, queryset, name, value):
        query = Q()
        for field in self.search_fields:
            query |= Q(**{f"{field}__icontains": value})
        queryset = queryset.filter(query)
        return queryset.distinct() if self.search_distinct else queryset


class CommunityRegisterFilter(SearchFilterSet):
    """Search plus a community choice, for registers a street leader sees across communities.

    A ``group`` filter, where a register has one, offers the groups of the chosen community only:
    a street's hundreds of groups in one dropdown help nobody and cost a list request its speed.
    """

    community = django_filters.ModelChoiceFilter(label="社区", queryset=Community.objects.all())

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        group_filter = self.filters.get("group")
        if group_filter is not None and "community" in self.filters:
            chosen = (data or {}).get("community")
            chosen = chosen if str(chosen or "").isdigit() else None
            group_filter.queryset = (
                group_filter.queryset.filter(community=chosen) if chosen else group_filter.queryset.none()
            )
            group_filter.extra["help_text"] = None if chosen else "先选择社区"


class CommunityFilter(SearchFilterSet):
    search_fields = ("name", "code")
    street = django_filters.ModelChoiceFilter(label="街道", queryset=Street.objects.all())
    kind = django_filters.ChoiceFilter(label="类型", choices=CommunityKind.choices)

    class Meta:
        model = Community
        fields = ["q", "street", "kind"]


class ResidentGroupFilter(CommunityRegisterFilter):
    search_fields = ("name", "highlight")

    class Meta:
        model = ResidentGroup
        fields = ["q", "community"]


class GridFilter(CommunityRegisterFilter):
    search_fields = ("name", "responsible__name", "groups__name")
    search_distinct = True

    class Meta:
        model = Grid
        fields = ["q", "community"]


class ResidentUnitFilter(CommunityRegisterFilter):
    search_fields = ("name", "contact_person", "contact_phone", "address")
    kind = django_filters.ChoiceFilter(label="单位类型", choices=UnitKind.choices)
    ownership = django_filters.ChoiceFilter(label="单位性质", choices=UnitOwnership.choices)
    is_co_builder = yes_no_filter("共驻共建")
    is_key_unit = yes_no_filter("重点单位")

    class Meta:
        model = ResidentUnit
        fields = ["q", "community", "kind", "ownership", "is_co_builder", "is_key_unit"]


class UserFilter(SearchFilterSet):
    search_fields = ("username", "name", "phone", "post")
    role = django_filters.ModelChoiceFilter(
        label="角色", field_name="groups", queryset=Group.objects.filter(name__in=ROLE_NAMES)
    )
    is_active = yes_no_filter("账号有效")

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]
