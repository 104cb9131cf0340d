"""Import of the household register (户籍台账), matched on 户号."""

from __future__ import annotations

import os

import pytest

from governance.excel import CHANGED, ERROR, NEW, UNCHANGED, export_to_tempfile, run_import
from households.models import Household
from households.services import household_close
from tests.excel.conftest import sheet_for
from tests.excel.helpers import as_rows, read_sheet, workbook_bytes

pytestmark = pytest.mark.django_db

HEADERS = ["户号", "居民小组", "户类别", "住址", "住房情况", "中心户", "联系电话", "立户日期", "备注"]


def run(world, rows, *, commit=False, user=None, headers=HEADERS):
    sheet = sheet_for("households", community=world.community, user=user or world.head)
    return run_import(sheet, workbook_bytes(headers, rows), commit=commit)


def test_round_trip_and_classification(world, register):
    path, _ = export_to_tempfile(sheet_for("households", community=world.community, user=world.head))
    try:
        headers, rows = as_rows(read_sheet(path))
    finally:
        os.unlink(path)
    assert headers == HEADERS
    (row,) = rows
    row["中心户"] = "是"
    data = [
        [row[h] for h in HEADERS],
        ["002", "岔河", "流动户", "岔河村5号", "租住", "否", 13900001111, "2024-02-01", ""],
        ["003", "寨子", "常住户", "寨子村9号", "自有住房", None, None, "2024/3/1", None],
    ]

    report = run(world, data, commit=True, user=world.worker)

    assert report.committed, list(report.lines())
    assert [r.status for r in report.rows] == [CHANGED, NEW, NEW]
    assert Household.objects.get(number="001").is_central is True
    second = Household.objects.get(community=world.community, number="002")
    assert (second.group, second.kind, second.housing, second.phone) == (
        world.group_b,
        "floating",
        "rented",
        "13900001111",
    )
    assert second.history.get().history_user == world.worker
    again = run(world, data, commit=True)
    assert [r.status for r in again.rows] == [UNCHANGED] * 3


def test_bad_cells_are_reported_and_nothing_is_written(world, register):
    rows = [
        ["010", "寨子", "常住户", "一号", "自有住房", "否", "", "2024-01-01", ""],
        ["011", "火星组", "常住户", "二号", "自有住房", "否", "", "2024-01-01", ""],
        ["012", "寨子", "大户", "三号", "自有住房", "也许", "", "昨天", ""],
        ["010", "寨子", "常住户", "四号", "自有住房", "否", "", "2024-01-01", ""],
    ]

    report = run(world, rows, commit=True)

    assert not report.committed
    assert not Household.objects.filter(number__in=["010", "011", "012"]).exists()
    assert [str(e) for e in report.errors] == [
        "第3行「居民小组」:本社区没有居民小组「火星组」(或不在您的管辖范围内)。",
        "第4行「户类别」:「大户」不是可选的值,可选:常住户、流动户。",
        "第4行「中心户」:「也许」不是 是 或 否。",
        "第4行「立户日期」:「昨天」不是有效的日期,请按 YYYY-MM-DD 填写,如 2024-05-01。",
        "第5行「户号」:与第2行重复(户号相同),同一记录只能出现一次。",
    ]
    assert report.counts == {NEW: 1, CHANGED: 0, UNCHANGED: 0, ERROR: 3}


def test_a_closed_household_number_is_refused(world, register):
    closed = Household.objects.create(
        community=world.community, group=world.group_a, number="099", address="旧址", established_on="2000-01-01"
    )
    household_close(actor=world.head, household=closed, on=closed.established_on, reason="测试")

    report = run(world, [["099", "寨子", "常住户", "新址", "自有住房", "否", "", "2024-01-01", ""]])

    assert "注销" in report.errors[0].message


def test_a_grid_worker_cannot_import_into_a_group_outside_their_scope(world, register):
    report = run(
        world, [["020", "岔河", "常住户", "岔河1号", "自有住房", "否", "", "2024-01-01", ""]], user=world.grid_worker
    )

    assert report.errors[0].column == "居民小组"
