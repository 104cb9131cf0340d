from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from households.models import Building, Compound, Dwelling, Household, HouseholdTag, Rental


@admin.register(Compound)
class CompoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "community", "has_owners_committee"]
    list_filter = ["community"]
    search_fields = ["name"]


@admin.register(Building)
class BuildingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "community"]
    list_filter = ["community"]


@admin.register(Dwelling)
class DwellingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "community", "group", "area_m2"]
    list_filter = ["community"]
    search_fields = ["address"]


class HouseholdTagInline(admin.TabularInline):
    model = HouseholdTag
    extra = 0


@admin.register(Household)
class HouseholdAdmin(SimpleHistoryAdmin):
    list_display = ["number", "community", "group", "kind", "status", "established_on"]
    list_filter = ["community", "kind", "status"]
    search_fields = ["number", "address"]
    inlines = [HouseholdTagInline]


@admin.register(Rental)
class RentalAdmin(SimpleHistoryAdmin):
    list_display = ["address", "community", "owner_name", "is_active"]
    list_filter = ["community", "is_active"]
    search_fields = ["address", "owner_name"]
