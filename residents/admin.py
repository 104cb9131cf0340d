from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from residents.models import Category, CategoryMembership, FloatingCheck, FloatingRegistration, Person, PopulationEvent


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    """A superuser's tool for mistakes: life events belong in the register pages, which write events."""

    list_display = ["name", "community", "group", "household", "relation", "sex", "birth_date", "status"]
    list_filter = ["community", "status", "residence_type", "sex"]
    search_fields = ["name", "name_pinyin", "id_number"]
    raw_id_fields = ["household", "group", "grid"]


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "is_sensitive", "has_disability_detail", "is_active", "order"]


@admin.register(CategoryMembership)
class CategoryMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "category", "start_on", "end_on", "community"]
    list_filter = ["category", "community"]
    raw_id_fields = ["person"]


@admin.register(PopulationEvent)
class PopulationEventAdmin(admin.ModelAdmin):
    list_display = ["kind", "effective_on", "person", "household", "community", "recorded_by"]
    list_filter = ["kind", "community"]
    raw_id_fields = ["person", "household", "other_household"]


class FloatingCheckInline(admin.TabularInline):
    model = FloatingCheck
    extra = 0


@admin.register(FloatingRegistration)
class FloatingRegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "community", "arrived_on", "departed_on", "permit_expires_on"]
    list_filter = ["community", "purpose"]
    raw_id_fields = ["person", "rental"]
    inlines = [FloatingCheckInline]
