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

        from django.db.models.signals import post_migrate

        post_migrate.connect(restore_default_categories, sender=self, dispatch_uid="residents.default_categories")


def restore_default_categories(sender, using, apps=None, **kwargs):
    """After every migrate and flush (a flush empties the table the data migration filled), the default
    categories are there again: registers, imports and the demo refer to them by code."""
    from residents.reference import ensure_default_categories

    if apps is None:  # a flush sends the signal without the migration state
        from django.apps import apps
    try:
        category_model = apps.get_model("residents", "Category")
    except LookupError:  # migrating backwards past the table
        return
    ensure_default_categories(category_model._default_manager.db_manager(using))
