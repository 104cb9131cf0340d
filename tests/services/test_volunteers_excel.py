"""Excel sheets of 志愿服务 and 阵地设施: the importable volunteer and facility registers (round trip,
preview/confirm, bad rows reported by row and column with nothing written) and the export-only sheets."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

from governance.excel import CHANGED, ERROR, NEW, UNCHANGED, export_to_tempfile, registry, run_import
from services.models.facilities import Facility
from services.models.volunteers import Volunteer
from tests.excel.helpers import as_rows, read_sheet, workbook_bytes
from tests.services import volunteers_fixtures

pytestmark = pytest.mark.django_db

volunteers = volunteers_fixtures.volunteers
facilities = volunteers_fixtures.facilities

VOLUNTEER_HEADERS = [
    "证件号码",
    "姓名",
    "居民小组",
    "身份",
    "服务意向",
    "特长技能",
    "所在队伍",
    "登记日期",
    "在册服务",
    "备注",
]
FACILITY_HEADERS = [
    "名称", "类型", "所在居民小组", "面积(㎡)", "数量", "产权", "投资(元)", "建成/启用日期", "开放时间", "状况", "备注",
]  # fmt: skip


def sheet(code, world, user=None):
    return registry.get(code)(community=world.community, user=user or world.head)


def exported(code, world, user=None):
    path, _ = export_to_tempfile(sheet(code, world, user))
    try:
        return as_rows(read_sheet(path))
    finally:
        os.unlink(path)


class TestVolunteerSheet:
    def test_export_lists_the_volunteers_with_masked_numbers_for_a_worker(self, world, population, volunteers):
        headers, rows = exported("services-volunteers", world, world.worker)

        assert headers == VOLUNTEER_HEADERS
        assert [row["姓名"] for row in rows] == ["张建国", "李秀英", "王芳"]
        zhang = rows[0]
        assert zhang["证件号码"] == population.householder.masked_id_number
        assert (zhang["身份"], zhang["服务意向"], zhang["所在队伍"], zhang["在册服务"]) == (
            "党员",
            "助老",
            "综合志愿者服务队",
            "是",
        )
        _, full = exported("services-volunteers", world, world.head)
        assert full[0]["证件号码"] == population.householder.id_number

    def test_import_registers_new_volunteers_and_corrects_existing_ones(self, world, population, volunteers):
        rows = [
            [
                population.son.id_number,
                "张伟",
                "",
                "团员",
                "助老、法律",
                "电工",
                "综合志愿者服务队、助老志愿者服务队",
                "2026-05-04",
                "",
                "",
            ],
            [
                population.spouse.id_number,
                "李秀英",
                "",
                "居民",
                "助老",
                "理发",
                "助老志愿者服务队",
                "2025-01-01",
                "是",
                "",
            ],
            [
                population.householder.id_number,
                "张建国",
                "寨子",
                "党员",
                "助老",
                "",
                "综合志愿者服务队",
                "2025-01-01",
                "是",
                "",
            ],
        ]

        preview = run_import(
            sheet("services-volunteers", world, world.worker), workbook_bytes(VOLUNTEER_HEADERS, rows), commit=False
        )
        assert [row.status for row in preview.rows] == [NEW, CHANGED, UNCHANGED], list(preview.lines())
        assert not Volunteer.objects.filter(person=population.son).exists()  # a preview writes nothing

        report = run_import(
            sheet("services-volunteers", world, world.worker), workbook_bytes(VOLUNTEER_HEADERS, rows), commit=True
        )
        assert report.committed, list(report.lines())
        son = Volunteer.objects.get(person=population.son)
        assert (son.community, son.group, son.is_active) == (world.community, world.group_a, True)
        assert son.intention_labels == ["助老", "法律"]
        assert {team.name for team in son.teams.all()} == {"综合志愿者服务队", "助老志愿者服务队"}
        assert son.history.get().history_user == world.worker
        li = Volunteer.objects.get(pk=volunteers.li.pk)
        assert li.skills == "理发"
        assert [team.name for team in li.teams.all()] == ["助老志愿者服务队"]
        changes = {change.column for change in report.rows[1].changes}
        assert changes == {"特长技能", "所在队伍"}

    def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(self, world, population, volunteers):
        rows = [
            [population.son.id_number, "张伟", "", "团员", "助老、飞行", "", "", "2026-05-04", "", ""],
            [population.outsider.id_number, "赵强", "", "居民", "", "", "", "2026-05-04", "", ""],
            [population.householder_b.id_number, "王芳", "", "居民", "", "", "篮球队", "2025-06-01", "", ""],
            [population.son.id_number, "李四", "", "居民", "", "", "", "", "", ""],
        ]
        report = run_import(sheet("services-volunteers", world), workbook_bytes(VOLUNTEER_HEADERS, rows), commit=True)

        assert not report.committed
        errors = {(error.row, error.column): error.message for error in report.errors}
        assert errors[(2, "服务意向")].startswith("「飞行」不是可选的服务意向")
        assert errors[(3, "证件号码")].startswith("人口台账中没有证件号码为")
        assert errors[(4, "所在队伍")] == "本社区没有志愿者队伍「篮球队」。"
        assert errors[(5, "登记日期")] == "必填,不能为空。"
        assert [row.status for row in report.rows] == [ERROR] * 4
        assert not Volunteer.objects.filter(person=population.son).exists()
        assert Volunteer.objects.get(pk=volunteers.wang.pk).teams.get() == volunteers.elderly

    def test_the_name_must_match_the_number(self, world, population, volunteers):
        rows = [[population.son.id_number, "李四", "", "居民", "", "", "", "2026-05-04", "", ""]]
        report = run_import(sheet("services-volunteers", world), workbook_bytes(VOLUNTEER_HEADERS, rows), commit=False)
        assert [str(error) for error in report.errors] == ["第2行「姓名」:与证件号码登记的姓名「张伟」不符。"]


class TestFacilitySheet:
    def test_export_and_round_trip(self, world, facilities):
        headers, rows = exported("services-facilities", world)
        assert headers == FACILITY_HEADERS
        by_name = {row["名称"]: row for row in rows}
        assert by_name["两委一站办公用房"]["面积(㎡)"] == 500
        assert by_name["两委一站办公用房"]["投资(元)"] == 160000
        assert by_name["室外展示栏"]["数量"] == 7
        assert by_name["综合活动室"]["所在居民小组"] == "岔河"
        assert "居委会办公用房" not in by_name  # the neighbour's

        data = [[row[header] for header in FACILITY_HEADERS] for row in rows]
        office = [row[0] for row in data].index("两委一站办公用房")
        data[office][3] = 520  # the office grows
        data.append(["图书阅览室", "图书室", "", "20", "", "", "", "2012-06-30", "", "", ""])
        report = run_import(sheet("services-facilities", world, world.worker), workbook_bytes(FACILITY_HEADERS, data),
                            commit=True)  # fmt: skip

        assert report.committed, list(report.lines())
        assert [row.status for row in report.rows].count(NEW) == 1
        assert [row.status for row in report.rows].count(CHANGED) == 1
        library = Facility.objects.get(name="图书阅览室")
        assert (library.area_m2, library.count, library.tenure, library.condition) == (Decimal(20), 1, "owned", "good")
        assert library.community == world.community
        assert Facility.objects.get(name="两委一站办公用房").area_m2 == Decimal(520)

    def test_bad_rows_are_reported_and_nothing_is_written(self, world, facilities):
        data = [
            ["新活动室", "活动中心", "", "50", "", "", "", "", "", "", ""],
            ["新广场", "广场", "火星组", "-3", "0", "", "", "", "", "", ""],
            ["新卫生室", "卫生室", "", "", "", "", "十万", "", "", "", ""],
        ]
        report = run_import(sheet("services-facilities", world), workbook_bytes(FACILITY_HEADERS, data), commit=True)

        assert not report.committed
        errors = {(error.row, error.column): error.message for error in report.errors}
        assert errors[(2, "类型")].startswith("「活动中心」不是可选的值")
        assert errors[(3, "所在居民小组")] == "本社区没有居民小组「火星组」(或不在您的管辖范围内)。"
        assert errors[(3, "面积(㎡)")] == "不能为负数。"
        assert errors[(3, "数量")] == "「0」不是正整数。"
        assert errors[(4, "投资(元)")] == "「十万」不是有效的数字。"
        assert not Facility.objects.filter(name__startswith="新").exists()


EXPORT_ONLY = {
    "services-volunteer-teams": (
        ["队伍名称", "队伍类型", "队长", "成立日期", "队员人数", "在运行", "服务内容"],
        ("队伍名称", "助老志愿者服务队", "队长", "王芳"),
    ),
    "services-volunteer-activities": (
        [
            "活动日期",
            "活动名称",
            "组织队伍",
            "活动地点",
            "参加志愿者",
            "参加人数",
            "服务时长(小时)",
            "服务对象(人次)",
            "活动内容",
        ],
        ("活动名称", "学雷锋日志愿服务", "参加志愿者", "张建国(3小时)、李秀英(3小时)"),
    ),
    "services-party-posts": (
        ["岗位名称", "党员", "责任片区", "岗位职责", "上岗日期", "离岗日期", "备注"],
        ("岗位名称", "义务巡逻岗", "党员", "陈党员"),
    ),
    "services-equipment": (
        ["所在设施", "类别", "名称", "数量", "单位", "状况", "购置日期", "价值(元)", "备注"],
        ("名称", "台式电脑", "数量", 2),
    ),
    "services-outlets": (
        ["名称", "类型", "经营者", "所在居民小组", "地址", "联系电话", "在营业", "备注"],
        ("名称", "老街便利店", "在营业", "否"),
    ),
    "services-infrastructure": (
        ["类型", "所在居民小组", "数量", "单位", "建成年份", "状况", "说明", "备注"],
        ("类型", "沼气池", "单位", "眼"),
    ),
}


@pytest.mark.parametrize("code", list(EXPORT_ONLY))
def test_export_only_sheets(code, world, volunteers, facilities):
    expected_headers, (key, value, column, cell) = EXPORT_ONLY[code]
    assert registry.get(code).importable is False

    headers, rows = exported(code, world)

    assert headers == expected_headers
    matching = [row for row in rows if row[key] == value]
    assert matching, rows
    assert matching[-1][column] == cell


def test_a_grid_worker_exports_their_groups_only(world, volunteers):
    _, rows = exported("services-volunteers", world, world.grid_worker)
    assert [row["姓名"] for row in rows] == ["张建国", "李秀英"]
