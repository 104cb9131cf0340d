from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "组织与账号"

    def ready(self):
        from django.db.models.signals import post_migrate

        from governance.roles import sync_roles_after_migrate

        # Later apps add models (and so permissions) in their own migrations; keep the roles complete.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="governance.sync_roles")
