"""Excel exports of the records area: columns, content, scope, persons by name without ID numbers, and
the export page refused to users without the safety role; none of the sheets imports."""

from __future__ import annotations

import datetime
import os

import pytest
from django.urls import reverse

from governance.excel import export_to_tempfile, registry
from safety.services.records import petition_step_add
from tests.excel.helpers import as_rows, read_sheet
from tests.safety import records_fixtures

pytestmark = pytest.mark.django_db

records = records_fixtures.records

CODES = ["safety-patrols", "safety-legal-education", "safety-inspections", "safety-incidents", "safety-petitions"]


def export(code, community, user):
    path, count = export_to_tempfile(registry.get(code)(community=community, user=user))
    try:
        headers, rows = as_rows(read_sheet(path))
    finally:
        os.unlink(path)
    assert len(rows) == count
    return headers, rows


@pytest.mark.parametrize("code", CODES)
def test_the_sheets_are_export_only(code):
    assert registry.get(code).importable is False


def test_patrol_records(world, records):
    headers, rows = export("safety-patrols", world.community, world.mediator)
    assert headers == [
        "巡逻日期", "开始时间", "结束时间", "时长(小时)", "队伍", "巡逻区域", "巡逻路线", "参加人数", "参加队员",
        "发现情况", "情况说明", "处理情况",
    ]  # fmt: skip
    (row,) = rows
    assert row["巡逻日期"] == datetime.datetime(2026, 5, 4)  # noqa: DTZ001 - openpyxl reads dates naive
    assert (row["开始时间"], row["结束时间"], row["时长(小时)"]) == ("20:00", "22:00", 2)
    assert (row["队伍"], row["巡逻区域"], row["参加人数"], row["发现情况"]) == ("箐口专职巡逻队", "寨子", 2, "无异常")
    assert set(row["参加队员"].split("、")) == {"张建国", "杨志勇"}


def test_legal_education_sessions(world, records):
    headers, rows = export("safety-legal-education", world.community, world.mediator)
    assert headers[:6] == ["日期", "形式", "主题", "对象", "参加/受教育人数", "主讲人"]
    (row,) = rows
    assert (row["形式"], row["对象"], row["参加/受教育人数"]) == ("讲座", "居民、青少年", 30)


def test_inspections(world, records):
    _, rows = export("safety-inspections", world.community, world.mediator)
    (row,) = rows
    assert (row["对象类型"], row["检查对象"], row["居民小组"], row["检查结果"]) == (
        "消防栓",
        "寨子1号消防栓",
        "寨子",
        "发现隐患",
    )
    assert (row["隐患等级"], row["整改期限"], row["整改完成日期"]) == ("一般", datetime.datetime(2026, 5, 10), None)  # noqa: DTZ001


def test_incidents_name_persons_without_id_numbers(world, population, records):
    headers, rows = export("safety-incidents", world.community, world.head)
    assert "证件号码" not in headers
    (row,) = rows
    assert (row["类别"], row["涉及人数"], row["涉及人员(姓名)"], row["其中未成年人"]) == ("治安案件", 1, "张伟", 0)
    flat = " ".join(str(value) for value in row.values())
    assert population.son.id_number not in flat


def test_petitions_name_petitioners_without_id_numbers(world, population, records):
    petition_step_add(
        actor=world.head, petition=records.petition, date=datetime.date(2026, 5, 13), action="约谈", handler=""
    )
    headers, rows = export("safety-petitions", world.community, world.head)
    assert "证件号码" not in headers
    (row,) = rows
    assert (row["编号"], row["信访方式"], row["人数"], row["集体访"], row["越级"]) == (
        "2026-001",
        "来访",
        2,
        "否",
        "否",
    )
    assert (row["信访人(姓名)"], row["状态"]) == ("张建国、刘某", "办理中")
    assert population.householder.id_number not in " ".join(str(value) for value in row.values())


@pytest.mark.parametrize("code", CODES)
def test_an_export_holds_only_the_user_s_community(world, records, code):
    _, rows = export(code, world.other_community, world.mediator)
    assert rows == []


@pytest.mark.parametrize("code", CODES)
def test_the_export_page_is_refused_without_the_safety_role(client, world, records, code):
    url = reverse("excel:export", args=[code])
    client.force_login(world.worker)
    assert client.get(url).status_code in (403, 404)
    client.force_login(world.mediator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
