"""Pages of 阵地设施: facilities with their equipment, convenience outlets and infrastructure assets."""

from __future__ import annotations

from django.db.models import Case, Sum, Value, When

from governance.generic_views import RegisterCreateView, RegisterDetailView, RegisterListView, RegisterUpdateView
from services.filters.facilities import (
    ConvenienceOutletFilter,
    EquipmentFilter,
    FacilityFilter,
    InfrastructureAssetFilter,
)
from services.forms.facilities import ConvenienceOutletForm, EquipmentForm, FacilityForm, InfrastructureAssetForm
from services.models.facilities import (
    AssetKind,
    ConvenienceOutlet,
    Equipment,
    EquipmentKind,
    Facility,
    FacilityKind,
    InfrastructureAsset,
    OutletKind,
)
from services.selectors.facilities import equipment_figures, facility_figures, infrastructure_figures, outlet_figures
from services.services.facilities import asset_save, equipment_save, facility_save, outlet_save


def in_choice_order(queryset, field: str, choices, *then: str):
    """``queryset`` ordered by ``field`` as its choices are listed (办公用房 before 活动室 …), then by ``then``."""
    position = Case(*(When(**{field: value}, then=Value(index)) for index, value in enumerate(choices.values)))
    return queryset.order_by("community_id", position, *then)


def _own_community(request):
    return request.user.community if request.user.community_id else None


#
# Facilities
#


class FacilityListView(RegisterListView):
    model = Facility
    filterset_class = FacilityFilter
    template_name = "services/facility_list.html"
    list_select_related = ("community", "group")

    def get_queryset(self):
        queryset = super().get_queryset().annotate(equipment_count=Sum("equipment__quantity"))
        return in_choice_order(queryset, "kind", FacilityKind, "name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = _own_community(self.request)
        if community is not None:
            context["figures"] = facility_figures(community=community)
            context["equipment"] = equipment_figures(community=community)
        return context


class FacilityDetailView(RegisterDetailView):
    model = Facility
    template_name = "services/facility_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["equipment"] = Equipment.objects.visible_to(self.request.user).filter(facility=self.object)
        context["can_add_equipment"] = self.request.user.has_perm("services.add_equipment")
        return context


class FacilityCreateView(RegisterCreateView):
    model = Facility
    form_class = FacilityForm
    success_message = "设施已登记。"

    def save(self, form, *, instance, m2m):
        return facility_save(actor=self.request.user, facility=instance)


class FacilityUpdateView(RegisterUpdateView):
    model = Facility
    form_class = FacilityForm

    def save(self, form, *, instance, m2m):
        return facility_save(actor=self.request.user, facility=instance)


#
# Equipment
#


class EquipmentListView(RegisterListView):
    model = Equipment
    filterset_class = EquipmentFilter
    template_name = "services/equipment_list.html"
    list_select_related = ("community", "facility")

    def get_queryset(self):
        return in_choice_order(super().get_queryset(), "kind", EquipmentKind, "facility__name", "name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = _own_community(self.request)
        if community is not None:
            context["figures"] = equipment_figures(community=community)
        return context


class EquipmentDetailView(RegisterDetailView):
    model = Equipment
    template_name = "services/equipment_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "facility")


class EquipmentCreateView(RegisterCreateView):
    model = Equipment
    form_class = EquipmentForm
    success_message = "设备已登记。"

    def get_initial(self):
        initial = super().get_initial()
        facility = self.request.GET.get("facility", "")
        if facility.isdigit():
            initial["facility"] = facility
        return initial

    def save(self, form, *, instance, m2m):
        return equipment_save(actor=self.request.user, equipment=instance)


class EquipmentUpdateView(RegisterUpdateView):
    model = Equipment
    form_class = EquipmentForm

    def save(self, form, *, instance, m2m):
        return equipment_save(actor=self.request.user, equipment=instance)


#
# Convenience outlets
#


class ConvenienceOutletListView(RegisterListView):
    model = ConvenienceOutlet
    filterset_class = ConvenienceOutletFilter
    template_name = "services/convenienceoutlet_list.html"
    list_select_related = ("community", "group")

    def get_queryset(self):
        return in_choice_order(super().get_queryset(), "kind", OutletKind, "name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = _own_community(self.request)
        if community is not None:
            context["figures"] = outlet_figures(community=community)
        return context


class ConvenienceOutletDetailView(RegisterDetailView):
    model = ConvenienceOutlet
    template_name = "services/convenienceoutlet_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group")


class ConvenienceOutletCreateView(RegisterCreateView):
    model = ConvenienceOutlet
    form_class = ConvenienceOutletForm
    success_message = "便民网点已登记。"

    def save(self, form, *, instance, m2m):
        return outlet_save(actor=self.request.user, outlet=instance)


class ConvenienceOutletUpdateView(RegisterUpdateView):
    model = ConvenienceOutlet
    form_class = ConvenienceOutletForm

    def save(self, form, *, instance, m2m):
        return outlet_save(actor=self.request.user, outlet=instance)


#
# Infrastructure assets
#


class InfrastructureAssetListView(RegisterListView):
    model = InfrastructureAsset
    filterset_class = InfrastructureAssetFilter
    template_name = "services/infrastructureasset_list.html"
    list_select_related = ("community", "group")

    def get_queryset(self):
        return in_choice_order(super().get_queryset(), "kind", AssetKind, "group__order", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = _own_community(self.request)
        if community is not None:
            figures = infrastructure_figures(community=community)
            groups = list(community.resident_groups.order_by("order").values_list("name", flat=True))
            if any(None in figure.by_group for figure in figures.values()):
                groups.append(None)
            context["asset_groups"] = groups
            context["asset_rows"] = [
                (figure, [figure.by_group.get(group) for group in groups]) for figure in figures.values()
            ]
        return context


class InfrastructureAssetDetailView(RegisterDetailView):
    model = InfrastructureAsset
    template_name = "services/infrastructureasset_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group")


class InfrastructureAssetCreateView(RegisterCreateView):
    model = InfrastructureAsset
    form_class = InfrastructureAssetForm
    success_message = "基础设施已登记。"

    def save(self, form, *, instance, m2m):
        return asset_save(actor=self.request.user, asset=instance)


class InfrastructureAssetUpdateView(RegisterUpdateView):
    model = InfrastructureAsset
    form_class = InfrastructureAssetForm

    def save(self, form, *, instance, m2m):
        return asset_save(actor=self.request.user, asset=instance)
