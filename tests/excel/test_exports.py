"""Exports: scoped to the user, ID numbers masked without the permission, sensitive categories hidden."""

from __future__ import annotations

import datetime
import os

import pytest

from governance.excel import export_register, export_to_tempfile
from governance.models import DataExchangeLog
from residents.models import Category, CategoryMembership
from residents.services import membership_add
from tests.excel.conftest import sheet_for
from tests.excel.helpers import as_rows, read_sheet

pytestmark = pytest.mark.django_db


def export(code, world, user, community=None):
    path, count = export_to_tempfile(sheet_for(code, community=community or world.community, user=user))
    try:
        headers, rows = as_rows(read_sheet(path))
    finally:
        os.unlink(path)
    assert len(rows) == count
    return headers, rows


def test_person_columns_are_the_chinese_headers_in_order(world, register):
    headers, _ = export("persons", world, world.head)

    assert headers == [
        "姓名", "性别", "出生日期", "证件类型", "证件号码", "民族", "政治面貌", "文化程度", "婚姻状况", "居民小组",
        "户号", "与户主关系", "居住类别", "人户分离", "户籍地址", "现住址", "户口性质", "就业状况", "工作单位",
        "单位性质", "联系电话", "已建健康档案", "医疗保险", "参加养老保险", "登记日期", "备注",
    ]  # fmt: skip


def test_choices_show_labels_booleans_are_yes_no_and_dates_are_real_dates(world, register):
    _, rows = export("persons", world, world.head)

    li = next(row for row in rows if row["姓名"] == "李四")
    assert (li["性别"], li["证件类型"], li["与户主关系"], li["居住类别"], li["人户分离"]) == (
        "男",
        "居民身份证",
        "户主",
        "常住",
        "否",
    )
    assert (li["居民小组"], li["户号"], li["已建健康档案"]) == ("寨子", "001", "否")
    assert li["出生日期"] == datetime.datetime(1980, 5, 17)  # noqa: DTZ001 - openpyxl reads dates naive


def test_a_head_gets_full_id_numbers_a_worker_masked_ones(world, register):
    _, full = export("persons", world, world.head)
    _, masked = export("persons", world, world.worker)

    assert {row["证件号码"] for row in full} == {p.id_number for p in (register.head, register.spouse, register.lone)}
    assert {row["证件号码"] for row in masked} == {
        p.masked_id_number for p in (register.head, register.spouse, register.lone)
    }
    assert all("*" in row["证件号码"] for row in masked)


def test_a_worker_exports_only_their_own_community(world, register):
    _, rows = export("persons", world, world.worker, community=world.other_community)

    assert rows == []  # the neighbour's 周强 is not visible to the home worker
    _, own = export("persons", world, world.worker)
    assert "周强" not in {row["姓名"] for row in own}


def test_a_grid_worker_exports_only_their_groups(world, register):
    _, rows = export("persons", world, world.grid_worker)

    assert {row["姓名"] for row in rows} == {"李四", "赵敏"}  # 王芳 lives in 岔河


def test_sensitive_memberships_are_left_out_without_the_permission(world, register):
    day = datetime.date(2023, 1, 1)
    membership_add(actor=world.head, person=register.lone, category=Category.objects.get(code="dibao"), start_on=day)
    membership_add(actor=world.head, person=register.head, category=Category.objects.get(code="released"), start_on=day)

    _, for_head = export("memberships", world, world.head)
    _, for_worker = export("memberships", world, world.worker)

    assert {row["类别"] for row in for_head} == {"低保对象", "刑释/解教人员"}
    assert {row["类别"] for row in for_worker} == {"低保对象"}
    assert CategoryMembership.objects.count() == 2


def test_exports_are_logged(world, register, tmp_path):
    sheet = sheet_for("households", community=world.community, user=world.worker)

    rows = export_register(sheet, str(tmp_path / "out.xlsx"), file_name="户籍.xlsx")

    log = DataExchangeLog.objects.get()
    assert (log.user, log.community, log.register, log.direction, log.rows, log.file_name) == (
        world.worker,
        world.community,
        "households",
        "export",
        rows,
        "户籍.xlsx",
    )
    assert rows == 1
