"""``manage.py import_xlsx`` / ``export_xlsx``."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command

from governance.models import DataExchangeLog
from residents.models import Person
from tests.excel.helpers import make_id, read_sheet, workbook_bytes, wrong_check_digit

pytestmark = pytest.mark.django_db

HEADERS = ["姓名", "证件号码", "民族", "政治面貌", "居民小组", "居住类别", "登记日期"]


def write(tmp_path, rows, name="people.xlsx"):
    path = tmp_path / name
    path.write_bytes(workbook_bytes(HEADERS, rows).getvalue())
    return str(path)


def test_import_writes_as_the_community_head_by_default(world, tmp_path, capsys):
    number = make_id(datetime.date(1970, 1, 1))
    path = write(tmp_path, [["孙悟", number, "汉族", "群众", "寨子", "常住", "2024-01-01"]])

    call_command("import_xlsx", "persons", path, "--community", "qingkou")

    person = Person.objects.get(id_number=number)
    assert person.history.get().history_user == world.head
    out = capsys.readouterr().out
    assert "第2行 [新增] 孙悟" in out
    assert "共1行:新增1,修改0,未变0,错误0。" in out


def test_rejected_rows_exit_non_zero_and_write_nothing(world, tmp_path, capsys):
    path = write(
        tmp_path,
        [
            ["好", make_id(), "汉族", "群众", "寨子", "常住", "2024-01-01"],
            ["坏", wrong_check_digit(make_id()), "汉族", "群众", "寨子", "常住", "2024-01-01"],
        ],
    )

    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command("import_xlsx", "persons", path, "--community", "qingkou", "--user", "gongzuo")

    assert Person.objects.count() == 0
    assert "第3行「证件号码」:身份证号校验位错误" in capsys.readouterr().out


def test_the_command_exits_with_status_1(world, tmp_path):
    from django.core.management import ManagementUtility

    path = write(tmp_path, [["坏", "123", "汉族", "群众", "寨子", "常住", "2024-01-01"]])
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_xlsx", "persons", path, "--community", "qingkou"]).execute()
    assert exit_info.value.code == 1


def test_dry_run_writes_nothing(world, tmp_path, capsys):
    path = write(tmp_path, [["孙悟", make_id(), "汉族", "群众", "寨子", "常住", "2024-01-01"]])

    call_command("import_xlsx", "persons", path, "--community", "qingkou", "--dry-run")

    assert Person.objects.count() == 0
    assert not DataExchangeLog.objects.exists()
    assert "试运行" in capsys.readouterr().out


def test_unknown_register_community_and_outside_user(world, tmp_path):
    path = write(tmp_path, [])
    with pytest.raises(CommandError, match="没有台账"):
        call_command("import_xlsx", "nothing", path, "--community", "qingkou")
    with pytest.raises(CommandError, match="没有代码为"):
        call_command("import_xlsx", "persons", path, "--community", "nowhere")
    with pytest.raises(CommandError, match="不能操作社区"):
        call_command("import_xlsx", "persons", path, "--community", "qingkou", "--user", "duomu")


def test_export_command_writes_the_file_and_logs(world, register, tmp_path):
    out = tmp_path / "people.xlsx"

    call_command("export_xlsx", "persons", "--community", "qingkou", "-o", str(out), "--user", "gongzuo")

    sheet = read_sheet(str(out))
    assert sheet[0][0] == "姓名"
    assert len(sheet) == 4
    assert all("*" in row[4] for row in sheet[1:])  # the worker's view: masked
    log = DataExchangeLog.objects.get()
    assert (log.user, log.direction, log.rows) == (world.worker, "export", 3)
