from django.db.models import Count, Prefetch, Q

from governance.generic_views import (
    RegisterCreateView,
    RegisterDetailView,
    RegisterListView,
    RegisterUpdateView,
    SubjectFormView,
)
from households.filters import CompoundFilter, DwellingFilter, HouseholdFilter, RentalFilter
from households.forms import (
    BuildingForm,
    CompoundForm,
    DwellingForm,
    HouseholdForm,
    HouseholdTagForm,
    RentalForm,
    TagEndForm,
)
from households.models import Building, Compound, Dwelling, Household, HouseholdTag, Rental
from households.services import building_add, household_create, household_tag_add, household_tag_end

ACTIVE_MEMBER = Q(members__status="active")


class HouseholdListView(RegisterListView):
    model = Household
    filterset_class = HouseholdFilter
    template_name = "households/household_list.html"
    list_select_related = ("community", "group")

    def get_queryset(self):
        return super().get_queryset().with_head().annotate(member_count=Count("members", filter=ACTIVE_MEMBER))


class HouseholdDetailView(RegisterDetailView):
    model = Household
    template_name = "households/household_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "dwelling")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        household = self.object
        members = household.members.order_by("birth_date")
        # The head first, then the others from the eldest.
        context["members"] = sorted((m for m in members if m.status == "active"), key=lambda m: m.relation != "head")
        context["former_members"] = [m for m in members if m.status != "active"]
        context["tags"] = household.tags.all()
        context["events"] = household.events.select_related("person", "other_household", "recorded_by")[:50]
        return context


class HouseholdCreateView(RegisterCreateView):
    model = Household
    form_class = HouseholdForm
    success_message = "已立户。"

    def save(self, form, *, instance, m2m):
        return household_create(actor=self.request.user, household=instance)


class HouseholdUpdateView(RegisterUpdateView):
    model = Household
    form_class = HouseholdForm


class HouseholdTagCreateView(SubjectFormView):
    """Tag a household (低保户 …) from a date."""

    model = HouseholdTag
    action = "add"
    subject_model = Household
    form_class = HouseholdTagForm
    title = "登记户类别"
    success_message = "户类别已登记。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        household_tag_add(
            actor=self.request.user,
            household=self.subject,
            kind=data["kind"],
            start_on=data["start_on"],
            source_document=data["source_document"],
        )


class HouseholdTagEndView(SubjectFormView):
    model = HouseholdTag
    action = "change"
    subject_model = HouseholdTag
    form_class = TagEndForm
    title = "结束户类别"
    success_message = "户类别登记已结束。"

    def perform(self, form):
        household_tag_end(actor=self.request.user, tag=self.subject, end_on=form.cleaned_data["end_on"])
        return self.subject.household


class RentalListView(RegisterListView):
    model = Rental
    filterset_class = RentalFilter
    template_name = "households/rental_list.html"
    list_select_related = ("community", "group")

    def get_queryset(self):
        return (
            super().get_queryset().annotate(tenant_count=Count("tenants", filter=Q(tenants__departed_on__isnull=True)))
        )


class RentalDetailView(RegisterDetailView):
    model = Rental
    template_name = "households/rental_detail.html"

    def get_queryset(self):
        return (
            super().get_queryset().select_related("community", "group", "dwelling").prefetch_related("tenants__person")
        )


class RentalCreateView(RegisterCreateView):
    model = Rental
    form_class = RentalForm


class RentalUpdateView(RegisterUpdateView):
    model = Rental
    form_class = RentalForm


#
# Compounds, buildings and dwellings (urban communities; villages use addresses)
#


class CompoundListView(RegisterListView):
    model = Compound
    filterset_class = CompoundFilter
    template_name = "households/compound_list.html"
    list_select_related = ("community", "property_company")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                building_count=Count("buildings", distinct=True),
                dwelling_count=Count("buildings__dwellings", distinct=True),
            )
        )


class CompoundDetailView(RegisterDetailView):
    model = Compound
    template_name = "households/compound_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("community", "property_company")
            .prefetch_related(
                Prefetch("buildings", queryset=Building.objects.annotate(dwelling_count=Count("dwellings")))
            )
        )


class CompoundCreateView(RegisterCreateView):
    model = Compound
    form_class = CompoundForm


class CompoundUpdateView(RegisterUpdateView):
    model = Compound
    form_class = CompoundForm


class BuildingCreateView(SubjectFormView):
    """Add a building (楼栋) to a compound."""

    model = Building
    action = "add"
    subject_model = Compound
    form_class = BuildingForm
    title = "新增楼栋"
    success_message = "楼栋已添加。"

    def form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        building_add(actor=self.request.user, compound=self.subject, building=form.save(commit=False))


class DwellingListView(RegisterListView):
    model = Dwelling
    filterset_class = DwellingFilter
    template_name = "households/dwelling_list.html"
    list_select_related = ("community", "group", "building__compound")

    def get_queryset(self):
        return (
            super().get_queryset().annotate(household_count=Count("households", filter=Q(households__status="active")))
        )


class DwellingDetailView(RegisterDetailView):
    model = Dwelling
    template_name = "households/dwelling_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("community", "group", "building__compound")


class DwellingCreateView(RegisterCreateView):
    model = Dwelling
    form_class = DwellingForm


class DwellingUpdateView(RegisterUpdateView):
    model = Dwelling
    form_class = DwellingForm
