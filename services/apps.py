from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "为民服务"

    def ready(self):
        from governance.excel import registry  # noqa: F401  (each area registers its sheets below)

        # -- Excel sheets, imported on first use --
