from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "households"
    verbose_name = "户籍与房屋"

    def ready(self):
        from governance.excel import registry

        # Imported on first use, so the sheet's imports never run at start-up.
        registry.register("households", "households.resources.HouseholdExcel")
