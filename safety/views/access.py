from safety.filters.access import SensitiveAccessFilter
from safety.models import SensitiveAccess
from safety.views.base import SafetyListView


class SensitiveAccessListView(SafetyListView):
    """The access log of sensitive records, for 书记/主任 (who alone hold its view permission)."""

    model = SensitiveAccess
    filterset_class = SensitiveAccessFilter
    template_name = "safety/sensitiveaccess_list.html"
    list_select_related = ("community", "user", "content_type")
    paginate_by = 50
