import django_filters
from django.db.models import Q
from django.utils import timezone

from governance.filters import CommunityRegisterFilter, ScopedFilterSet
from governance.models import ResidentGroup
from residents.choices import ETHNICITY_CHOICES, PersonStatus, PoliticalStatus, ResidenceType, Sex
from residents.models import Category, CategoryMembership, FloatingRegistration, Person

AGE_BANDS = [
    ("under_18", "18岁以下"),
    ("18_59", "18岁至60岁"),
    ("60_plus", "60岁以上"),
    ("80_plus", "80岁以上(高龄)"),
    ("childbearing", "育龄妇女(15-49岁)"),
]


class PersonFilter(CommunityRegisterFilter):
    group = django_filters.ModelChoiceFilter(label="居民小组", queryset=ResidentGroup.objects.all())
    sex = django_filters.ChoiceFilter(label="性别", choices=Sex.choices)
    age = django_filters.ChoiceFilter(label="年龄段", choices=AGE_BANDS, method="filter_age")
    ethnicity = django_filters.ChoiceFilter(label="民族", choices=ETHNICITY_CHOICES)
    political_status = django_filters.ChoiceFilter(label="政治面貌", choices=PoliticalStatus.choices)
    residence_type = django_filters.ChoiceFilter(label="居住类别", choices=ResidenceType.choices)
    category = django_filters.ModelChoiceFilter(
        label="人群类别", queryset=Category.objects.all(), method="filter_category"
    )
    status = django_filters.ChoiceFilter(label="状态", choices=PersonStatus.choices, empty_label="在册")

    class Meta:
        model = Person
        fields = [
            "q",
            "community",
            "group",
            "sex",
            "age",
            "ethnicity",
            "political_status",
            "residence_type",
            "category",
            "status",
        ]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.today = timezone.localdate()

    @property
    def qs(self):
        queryset = super().qs
        # The list shows who is on the register unless another status is asked for.
        asked = self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("status")
        if not asked:
            queryset = queryset.filter(status=PersonStatus.ACTIVE)
        return queryset

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_age(self, queryset, name, value):
        bands = {
            "under_18": {"maximum": 17},
            "18_59": {"minimum": 18, "maximum": 59},
            "60_plus": {"minimum": 60},
            "80_plus": {"minimum": 80},
            "childbearing": {"minimum": 15, "maximum": 49},
        }
        queryset = queryset.aged_between(self.today, **bands[value])
        return queryset.filter(sex=Sex.FEMALE) if value == "childbearing" else queryset

    def filter_category(self, queryset, name, value):
        # A subquery rather than a join: no DISTINCT, so the page is read through the list's index.
        current = CategoryMembership.objects.filter(category=value).active_on(self.today)
        return queryset.filter(pk__in=current.values("person_id"))


class FloatingRegistrationFilter(ScopedFilterSet):
    q = django_filters.CharFilter(label="搜索", method="search")
    current = django_filters.ChoiceFilter(label="仍在住", choices=[("1", "是"), ("0", "否")], method="filter_current")
    expiring = django_filters.ChoiceFilter(
        label="暂住证", choices=[("30", "30天内到期或已过期")], method="filter_expiring"
    )

    class Meta:
        model = FloatingRegistration
        fields = ["q", "current", "expiring"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(person__name__contains=value) | Q(origin__contains=value) | Q(permit_number__contains=value)
        )

    def filter_current(self, queryset, name, value):
        return queryset.filter(departed_on__isnull=(value == "1"))

    def filter_expiring(self, queryset, name, value):
        return queryset.permits_expiring(timezone.localdate(), int(value))
