from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from governance.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "建立演示数据:团结街道、箐口居委会(种子文件000的社区)及相邻社区、各角色账号和各台账的演示记录。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="在 DEBUG 关闭时也写入演示数据(会建立公开密码的账号,切勿用于生产库)。",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            # The demo accounts share a published password: never create them on a real register by accident.
            raise CommandError("DEBUG 未开启,拒绝写入演示数据(演示账号的密码是公开的)。确需写入请加 --force。")
        # Each app that has demo data exposes demo.seed(demo); they run in INSTALLED_APPS (layering) order,
        # so governance needs no import of the apps that build on it.
        demo: dict = {}
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is not None:
                    import_module(module_name).seed(demo)
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪。登录账号(密码均为 {DEMO_PASSWORD}):"))
        for login in demo["logins"]:
            self.stdout.write(f"  {login.username:<10} {login.role:<12} {login.where}")
