"""``manage.py import_xlsx REGISTER FILE --community CODE [--dry-run] [--user USERNAME]``

Imports a register's sheet into one community, as the web import does: every row is validated first
and the per-row report printed; if any row is rejected nothing is written and the command exits 1.
The actor (history user, ``recorded_by``) is ``--user``, else the community's first active 书记/主任
account, else the first active superuser.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from governance.excel import registry, run_import
from governance.models import Community, User
from governance.roles import COMMUNITY_HEAD
from governance.scoping import scope_of


def resolve_community(code: str) -> Community:
    try:
        return Community.objects.get(code=code)
    except Community.DoesNotExist:
        raise CommandError(f"没有代码为 {code} 的社区。") from None


def resolve_actor(community: Community, username: str | None) -> User:
    """``--user``, else the community's first active 书记/主任, else the first active superuser."""
    if username:
        try:
            actor = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"没有用户名为 {username} 的有效账号。") from None
    else:
        actor = (
            User.objects.filter(community=community, is_active=True, groups__name=COMMUNITY_HEAD).order_by("pk").first()
            or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError("找不到操作人:请用 --user 指定账号。")
    scope = scope_of(actor)
    if not scope.unrestricted and community.pk not in scope.community_ids:
        raise CommandError(f"账号 {actor.username} 不能操作社区 {community}。")
    return actor


def resolve_register(code: str):
    try:
        return registry.get(code)
    except KeyError:
        raise CommandError(f"没有台账 {code};可用:{', '.join(registry.codes())}。") from None


class Command(BaseCommand):
    help = "从 Excel (.xlsx) 导入台账:先校验全部行,有任何错误则不写入并以非零状态退出。"

    def add_arguments(self, parser):
        parser.add_argument("register", help=f"台账代码:{', '.join(registry.codes())}")
        parser.add_argument("file", help=".xlsx 文件")
        parser.add_argument("--community", required=True, help="导入到的社区代码")
        parser.add_argument("--dry-run", action="store_true", help="只校验并报告,不写入")
        parser.add_argument("--user", help="操作人用户名(默认:该社区的书记/主任)")

    def handle(self, *args, **options):
        register_class = resolve_register(options["register"])
        community = resolve_community(options["community"])
        actor = resolve_actor(community, options["user"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在:{path}")
        register = register_class(community=community, user=actor)
        try:
            with path.open("rb") as handle:
                report = run_import(register, handle, commit=not options["dry_run"], file_name=path.name)
        except (PermissionDenied, DatabaseError) as error:
            raise CommandError(f"导入失败,未写入任何数据:{error}") from error
        for line in report.lines(verbose=options["verbosity"] >= 2):
            self.stdout.write(line)
        if report.has_errors:
            raise CommandError(f"有 {report.error_count} 处错误,未写入任何数据。")
        if options["dry_run"]:
            self.stdout.write("试运行:未写入任何数据。")
        else:
            self.stdout.write(self.style.SUCCESS(f"已导入{register.title}到{community}(操作人 {actor.username})。"))
