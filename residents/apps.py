from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "residents"
    verbose_name = "人口"

    def ready(self):
        from governance.excel import registry

        # Imported on first use, so the sheets' imports never run at start-up.
        registry.register("persons", "residents.resources.PersonExcel")
        registry.register("floating", "residents.resources.FloatingExcel")
        registry.register("memberships", "residents.resources.MembershipExcel")
