"""``manage.py export_xlsx REGISTER --community CODE -o FILE [--user USERNAME] [--reason TEXT]``

Writes a register of one community to .xlsx, streaming (constant memory), as ``--user`` sees it
(default: the community's first active 书记/主任, else a superuser), and logs the export.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from governance.excel import export_register, registry
from residents.management.commands.import_xlsx import resolve_actor, resolve_community, resolve_register


class Command(BaseCommand):
    help = "把一个社区的台账导出为 Excel (.xlsx)。"

    def add_arguments(self, parser):
        parser.add_argument("register", help=f"台账代码:{', '.join(registry.codes())}")
        parser.add_argument("--community", required=True, help="社区代码")
        parser.add_argument("-o", "--output", required=True, help="输出的 .xlsx 文件")
        parser.add_argument("--user", help="以该账号的权限导出(默认:该社区的书记/主任)")
        parser.add_argument("--reason", default="", help="导出事由(帮教、矫正等敏感台账必填,记入导出记录)")

    def handle(self, *args, **options):
        register_class = resolve_register(options["register"])
        community = resolve_community(options["community"])
        actor = resolve_actor(community, options["user"])
        register = register_class(community=community, user=actor)
        if register.export_needs_reason and not options["reason"].strip():
            raise CommandError(f"导出{register.title}须用 --reason 说明导出事由。")
        rows = export_register(register, options["output"], reason=options["reason"])
        self.stdout.write(self.style.SUCCESS(f"已导出{register.title} {rows} 行到 {options['output']}。"))
