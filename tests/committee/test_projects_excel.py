"""Excel sheets of the projects area: 建设项目 (import and export, investment in 万元), 荣誉 (export) and 共建单位贡献
(import and export); bad rows reported by row and column with nothing written."""

from __future__ import annotations

import datetime
import os
from decimal import Decimal

import pytest
from django.urls import reverse

from committee.models.projects import ConstructionProject, ProjectStatus, UnitContribution
from governance.excel import CHANGED, ERROR, NEW, UNCHANGED, export_to_tempfile, registry, run_import, write_template
from tests.committee import projects_fixtures
from tests.excel.helpers import as_rows, read_sheet, workbook_bytes

pytestmark = pytest.mark.django_db

projects = projects_fixtures.projects

PROJECT_HEADERS = [
    "项目名称", "项目类型", "居民小组", "投资(万元)", "数量", "单位", "规格", "资金来源", "状态",
    "批准日期", "开工日期", "完工日期", "验收日期", "计划完成", "项目说明",
]  # fmt: skip
CONTRIBUTION_HEADERS = ["共建单位", "年度", "日期", "类别", "事项", "金额(元)", "受益人数", "备注"]


def sheet(code, world, user=None):
    return registry.get(code)(community=world.community, user=user or world.worker)


def exported(code, world, user=None):
    path, _ = export_to_tempfile(sheet(code, world, user))
    try:
        return as_rows(read_sheet(path))
    finally:
        os.unlink(path)


def project_row(title, *, kind="道路硬化", groups="", wan="", status="", dates=("", "", "", ""), **cells):
    row = dict.fromkeys(PROJECT_HEADERS, "")
    row.update({"项目名称": title, "项目类型": kind, "居民小组": groups, "投资(万元)": wan, "状态": status})
    row.update(zip(["批准日期", "开工日期", "完工日期", "验收日期"], dates, strict=True))
    row.update(cells)
    return [row[header] for header in PROJECT_HEADERS]


class TestProjectSheet:
    def test_export_gives_the_investment_in_wan(self, world, projects):
        headers, rows = exported("committee-projects", world)
        assert headers == PROJECT_HEADERS
        by_title = {row["项目名称"]: row for row in rows}
        assert set(by_title) == {"岔河危房修缮加固", "岔河村间道路硬化", "寨子花坛绿化", "寨子、岔河沼气池", "风雨桥"}
        p2 = by_title["岔河村间道路硬化"]
        assert (p2["投资(万元)"], p2["数量"], p2["单位"], p2["状态"]) == (14, 2000, "㎡", "已验收/投入使用")
        assert p2["验收日期"].date() == datetime.date(2026, 1, 15)
        assert by_title["岔河危房修缮加固"]["投资(万元)"] == 7.5
        assert by_title["寨子、岔河沼气池"]["居民小组"] == "寨子、岔河"
        assert by_title["寨子花坛绿化"]["投资(万元)"] is None

    def test_import_registers_new_projects_and_corrects_existing_ones(self, world, projects):
        rows = [
            project_row(
                "陡咀村间道路硬化",
                groups="岔河、寨子",
                wan="28.7",
                status="完工待验收",
                dates=("2026-03-12", "2026-04-13", "2026-10-12", ""),
                数量="4100",
                单位="㎡",
                规格="宽2米,成块石路面,配套排水沟",
            ),
            project_row("风雨桥", kind="风雨桥", wan="32.5", 计划完成="2027年中旬"),
            project_row(
                "岔河危房修缮加固",
                kind="危房修缮加固",
                groups="岔河",
                wan="7.5",
                status="完工待验收",
                dates=("2026-03-10", "2026-04-01", "2026-09-18", ""),
                数量="15",
                单位="户",
            ),
        ]
        file = workbook_bytes(PROJECT_HEADERS, rows)
        preview = run_import(sheet("committee-projects", world), file, commit=False)
        assert [row.status for row in preview.rows] == [NEW, CHANGED, UNCHANGED], list(preview.lines())
        assert not ConstructionProject.objects.filter(title="陡咀村间道路硬化").exists()

        report = run_import(sheet("committee-projects", world), workbook_bytes(PROJECT_HEADERS, rows), commit=True)
        assert report.committed, list(report.lines())
        new = ConstructionProject.objects.get(title="陡咀村间道路硬化")
        assert (new.community, new.investment, new.status, new.completed_on) == (
            world.community,
            Decimal("287000.00"),
            ProjectStatus.COMPLETED,
            datetime.date(2026, 10, 12),
        )
        assert set(new.groups.all()) == {world.group_a, world.group_b}
        assert new.history.latest().history_change_reason == "登记建设项目(Excel导入)"
        bridge = ConstructionProject.objects.get(pk=projects.p5.pk)
        assert bridge.investment == Decimal("325000.00")

    def test_bad_rows_are_reported_by_column_and_nothing_is_written(self, world, projects):
        rows = [
            project_row(
                "岔河村间道路硬化", groups="岔河", wan="14", status="施工中", dates=("2025-05-06", "2025-06-02", "", "")
            ),  # 已验收 → 施工中
            project_row("陡咀公厕", kind="公厕", groups="陡咀", wan="6"),  # no such group in the world
            project_row("陡咀绿化", kind="村庄绿化", wan="十万", status="已批准"),  # no approval date, bad number
            project_row("陡咀外墙粉刷", kind="外墙粉刷", wan="42", 数量="30000"),  # no unit
        ]
        report = run_import(sheet("committee-projects", world), workbook_bytes(PROJECT_HEADERS, rows), commit=True)
        assert not report.committed
        assert [row.status for row in report.rows] == [ERROR] * 4
        errors = [str(error) for error in report.errors]
        assert "第2行「状态」:项目现为「已验收/投入使用」,状态不能倒退为「施工中」。" in errors
        assert "第3行「居民小组」:本社区没有居民小组「陡咀」(或不在您的管辖范围内)。" in errors
        assert "第4行「投资(万元)」:「十万」不是有效的数字。" in errors
        assert "第5行「单位」:填写了数量,请选择单位。" in errors
        assert ConstructionProject.objects.get(pk=projects.p2.pk).status == ProjectStatus.ACCEPTED
        assert not ConstructionProject.objects.filter(title__startswith="陡咀").exists()

    def test_a_new_row_needs_the_dates_of_its_status(self, world):
        rows = [project_row("陡咀绿化", kind="村庄绿化", wan="10", status="已批准")]
        report = run_import(sheet("committee-projects", world), workbook_bytes(PROJECT_HEADERS, rows), commit=False)
        assert [str(error) for error in report.errors] == ["第2行「批准日期」:项目已批准,请填写批准日期。"]


def test_award_export(world, projects):
    headers, rows = exported("committee-awards", world)
    assert headers == [
        "授予对象",
        "对象类别",
        "荣誉称号",
        "级别",
        "状态",
        "年度",
        "命名/考评日期",
        "授予单位",
        "文号",
        "备注",
    ]
    assert [(row["授予对象"], row["对象类别"], row["荣誉称号"], row["级别"], row["年度"]) for row in rows] == [
        ("寨子", "居民小组", "区级文明村", "区县", 2026),
        ("寨子", "居民小组", "示范居民小组", "社区", 2026),
        ("岔河", "居民小组", "法治居民小组", "街道", 2026),
        ("箐口居委会", "社区", "社会治安综合治理先进集体", "街道", 2025),
    ]
    assert rows[0]["状态"] == "已通过考评,待命名"
    assert not registry.get("committee-awards").importable


class TestContributionSheet:
    def test_export_and_round_trip(self, world, projects):
        headers, rows = exported("committee-contributions", world)
        assert headers == CONTRIBUTION_HEADERS
        assert [(row["共建单位"], row["年度"], row["事项"], row["金额(元)"]) for row in rows] == [
            ("箐口卫生所", 2026, "为60岁以上老人免费体检建档", None),
            ("箐口卫生所", 2026, "重阳节慰问捐款", 1000),
            ("箐口完全小学", 2026, "捐赠图书", 500.5),
            ("箐口完全小学", 2026, "节假日开放运动场", None),
            ("箐口加工厂", 2025, "修缮老年活动室屋顶", 12000),
        ]  # latest year first, then by unit and date (undated last)

    def test_import_new_and_changed_rows(self, world, projects):
        rows = [
            ["箐口加工厂", "2026", "2026-08-01", "共建活动", "联合举办农民丰收节", "", "300", ""],
            ["箐口卫生所", "2026", "2026-10-01", "捐款捐物", "重阳节慰问捐款", "1200", "", ""],
            ["箐口卫生所", "2026", "2026-09-20", "为社区办实事", "为60岁以上老人免费体检建档", "", "164", ""],
        ]
        report = run_import(
            sheet("committee-contributions", world), workbook_bytes(CONTRIBUTION_HEADERS, rows), commit=True
        )
        assert report.committed, list(report.lines())
        assert [row.status for row in report.rows] == [NEW, CHANGED, UNCHANGED]
        new = UnitContribution.objects.get(description="联合举办农民丰收节")
        assert (new.community, new.unit, new.beneficiaries) == (world.community, projects.factory, 300)
        assert UnitContribution.objects.get(pk=projects.c2.pk).amount == Decimal("1200.00")

    def test_a_unit_that_is_not_a_co_builder_and_a_date_outside_the_year(self, world, projects):
        rows = [
            ["箐口建材", "2026", "", "捐款捐物", "捐赠水泥", "9000", "", ""],
            ["箐口卫生所", "2025", "2026-01-03", "为社区办实事", "义诊", "", "", ""],
            ["箐口卫生所", "2026", "", "捐款捐物", "义卖", "", "", ""],
            ["箐口卫生所", "2026", "", "捐款捐物", "义卖", "", "", ""],
        ]
        report = run_import(
            sheet("committee-contributions", world), workbook_bytes(CONTRIBUTION_HEADERS, rows), commit=True
        )
        assert not report.committed
        errors = [str(error) for error in report.errors]
        assert "第2行「共建单位」:本社区没有共驻共建单位「箐口建材」(或不在您的管辖范围内)。" in errors
        assert "第3行「日期」:日期不在2025年内。" in errors
        assert any(error.startswith("第5行「事项」:与第4行重复") for error in errors)
        assert not UnitContribution.objects.filter(description__in=["捐赠水泥", "义诊", "义卖"]).exists()


@pytest.mark.parametrize(
    ("code", "headers"), [("committee-projects", PROJECT_HEADERS), ("committee-contributions", CONTRIBUTION_HEADERS)]
)
def test_import_templates_and_the_export_page(code, headers, world, client, tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(sheet(code, world), str(path))
    assert read_sheet(path)[0] == headers
    client.force_login(world.worker)
    response = client.get(reverse("excel:export", kwargs={"register": code}))
    assert response.status_code == 200
    assert as_rows(read_sheet(b"".join(response.streaming_content)))[0] == headers
