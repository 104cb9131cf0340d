from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import Community, DataExchangeLog, Grid, ImportJob, ResidentGroup, ResidentUnit, Street, User


@admin.register(Street)
class StreetAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "district", "phone"]
    search_fields = ["name", "district"]


@admin.register(Community)
class CommunityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "street", "kind", "founded_on"]
    list_filter = ["street", "kind"]
    search_fields = ["name", "code"]


@admin.register(ResidentGroup)
class ResidentGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "community", "order"]
    list_filter = ["community"]
    search_fields = ["name"]


@admin.register(Grid)
class GridAdmin(SimpleHistoryAdmin):
    list_display = ["name", "community", "responsible"]
    list_filter = ["community"]
    filter_horizontal = ["groups"]


@admin.register(ResidentUnit)
class ResidentUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "community", "kind", "ownership", "is_co_builder", "is_key_unit"]
    list_filter = ["community", "kind", "ownership", "is_co_builder", "is_key_unit"]
    search_fields = ["name", "contact_person"]


@admin.register(User)
class LinliUserAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "name", "community", "street", "post", "is_active", "is_superuser"]
    list_filter = ["is_active", "is_superuser", "groups", "street", "community"]
    search_fields = ["username", "name", "phone"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("辖区与职务", {"fields": ("name", "phone", "post", "street", "community", "resident_groups")}),
    )
    filter_horizontal = ["groups", "user_permissions", "resident_groups"]


@admin.register(DataExchangeLog)
class DataExchangeLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "community", "register", "direction", "rows", "summary"]
    list_filter = ["direction", "register", "community"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "register", "community", "requested_by", "status", "stage", "rows_done", "rows_total"]
    list_filter = ["status", "register", "community"]
    readonly_fields = [field.name for field in ImportJob._meta.fields]

    def has_add_permission(self, request):
        return False
