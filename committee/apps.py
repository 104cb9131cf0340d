from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = "两委与居民自治"

    def ready(self):
        from governance.excel import registry  # noqa: F401  (each area registers its sheets below)

        # -- staff --
        # -- party --
        # -- meetings --
        # -- participation --
        # -- projects --
