import django_filters
from django import forms
from django.utils import timezone

from governance.filters import CommunityRegisterFilter, yes_no_filter
from governance.models import User
from services.models.windows import CaseChannel, CaseMode, CaseStatus, ServiceCase, ServiceItem, ServiceWindow

DATE = forms.DateInput(attrs={"type": "date"})


class ServiceWindowFilter(CommunityRegisterFilter):
    search_fields = ("name", "location", "description", "items__name")
    search_distinct = True
    is_active = yes_no_filter("启用")

    class Meta:
        model = ServiceWindow
        fields = ["q", "community", "is_active"]


class ServiceItemFilter(CommunityRegisterFilter):
    search_fields = ("name", "description", "conditions", "required_documents")
    window = django_filters.ModelChoiceFilter(label="服务窗口", queryset=ServiceWindow.objects.all())
    on_the_spot = yes_no_filter("即办件")
    is_active = yes_no_filter("启用")

    class Meta:
        model = ServiceItem
        fields = ["q", "community", "window", "on_the_spot", "is_active"]


class ServiceCaseFilter(CommunityRegisterFilter):
    search_fields = (
        "number",
        "summary",
        "applicant_name",
        "applicant_phone",
        "applicant_person__name",
        "applicant_unit__name",
        "applicant_household__number",
        "transferred_to",
    )
    window = django_filters.ModelChoiceFilter(label="服务窗口", queryset=ServiceWindow.objects.all())
    item = django_filters.ModelChoiceFilter(label="服务事项", queryset=ServiceItem.objects.all())
    status = django_filters.ChoiceFilter(label="状态", choices=CaseStatus.choices)
    mode = django_filters.ChoiceFilter(label="办理方式", choices=CaseMode.choices)
    channel = django_filters.ChoiceFilter(label="受理渠道", choices=CaseChannel.choices)
    overdue = django_filters.ChoiceFilter(
        label="逾期未办结", choices=[("1", "是"), ("0", "否")], method="filter_overdue"
    )
    agent = django_filters.ModelChoiceFilter(label="代理员", queryset=User.objects.filter(community__isnull=False))
    received_from = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__gte", label="受理日期从", widget=DATE
    )
    received_to = django_filters.DateFilter(field_name="received_at", lookup_expr="date__lte", label="至", widget=DATE)

    class Meta:
        model = ServiceCase
        fields = [
            "q",
            "community",
            "window",
            "item",
            "status",
            "mode",
            "channel",
            "overdue",
            "agent",
            "received_from",
            "received_to",
        ]

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.overdue_on(today) if value == "1" else queryset.not_overdue_on(today)
