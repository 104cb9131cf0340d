from django.core.management.base import BaseCommand
from django.db import transaction

from governance.demo import DEMO_PASSWORD, seed_organisation


class Command(BaseCommand):
    help = "建立演示数据:团结街道、箐口居委会(种子文件000的社区)及相邻社区、各角色账号。可重复运行。"

    def handle(self, *args, **options):
        with transaction.atomic():
            logins = seed_organisation()
        self.stdout.write(self.style.SUCCESS(f"演示数据已就绪。登录账号(密码均为 {DEMO_PASSWORD}):"))
        for login in logins:
            self.stdout.write(f"  {login.username:<10} {login.role:<12} {login.where}")
