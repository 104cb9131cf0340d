"""Excel sheets of residents' participation: suggestions export (ID numbers masked for a worker) and import
(new rows numbered, old 登记本 pages with their outcome, a re-import of an export changing nothing, steps never
changed by an import, bad rows reported by row and column with nothing written); disclosures and evaluations
export only."""

from __future__ import annotations

import datetime
import os

import pytest

from committee.models.participation import Suggestion, SuggestionStatus
from governance.excel import CHANGED, ERROR, NEW, UNCHANGED, export_to_tempfile, registry, run_import
from tests.committee import participation_fixtures
from tests.excel.helpers import as_rows, read_sheet, workbook_bytes

pytestmark = pytest.mark.django_db

participation = participation_fixtures.participation

HEADERS = [
    "编号", "受理日期", "来源", "居民小组", "提出人证件号码", "提出人姓名", "匿名", "联系电话", "类别", "意见建议内容",
    "状态", "承办人", "交办日期", "答复日期", "落实日期", "答复内容", "不予采纳原因", "备注",
]  # fmt: skip


def sheet(code, world, user=None):
    return registry.get(code)(community=world.community, user=user or world.head)


def exported(code, world, user=None):
    path, count = export_to_tempfile(sheet(code, world, user))
    try:
        headers, rows = as_rows(read_sheet(path))
    finally:
        os.unlink(path)
    assert len(rows) == count
    return headers, rows


def row(**cells):
    values = dict.fromkeys(HEADERS, "")
    values.update({"受理日期": "2026-04-01", "来源": "登记本", "类别": "设施", "意见建议内容": "修路灯"})
    values.update(cells)
    return [values[header] for header in HEADERS]


class TestSuggestionSheet:
    def test_export(self, world, population, participation):
        from committee.services.participation import suggestion_update

        suggestion = Suggestion.objects.get(pk=participation.received.pk)
        suggestion.submitter_person, suggestion.submitter_name = population.householder, ""
        suggestion_update(actor=world.head, suggestion=suggestion)

        headers, rows = exported("committee-suggestions", world, world.worker)
        assert headers == HEADERS
        assert [r["编号"] for r in rows] == ["2026-001", "2026-002", "2026-003"]
        first, second, third = rows
        assert (first["提出人证件号码"], first["提出人姓名"], first["居民小组"]) == (
            population.householder.masked_id_number,
            "张建国",
            "寨子",
        )
        assert (second["匿名"], second["提出人姓名"], second["状态"], second["承办人"]) == (
            "是",
            None,
            "处理中",
            "李主任",
        )
        assert (third["状态"], third["落实日期"], third["答复内容"]) == (
            "已落实",
            datetime.datetime(2026, 3, 20),  # noqa: DTZ001 - openpyxl reads dates naive
            "联防队已增加凌晨巡逻一次。",
        )
        _, full = exported("committee-suggestions", world, world.head)
        assert full[0]["提出人证件号码"] == population.householder.id_number

    def test_the_grid_worker_exports_their_groups(self, world, participation):
        _, rows = exported("committee-suggestions", world, world.grid_worker)
        assert [r["编号"] for r in rows] == ["2026-001", "2026-002"]

    def test_a_re_import_of_an_export_changes_nothing(self, world, participation):
        headers, rows = exported("committee-suggestions", world)
        data = [["" if row[header] is None else row[header] for header in headers] for row in rows]
        report = run_import(sheet("committee-suggestions", world), workbook_bytes(headers, data), commit=False)
        assert [r.status for r in report.rows] == [UNCHANGED] * 3, list(report.lines())

    def test_new_rows_are_numbered_and_old_pages_come_with_their_outcome(self, world, population, participation):
        rows = [
            row(**{"提出人证件号码": population.spouse.id_number, "提出人姓名": "李秀英", "联系电话": "13900001111"}),
            row(
                **{
                    "受理日期": "2025-11-03",
                    "来源": "居民代表大会",
                    "居民小组": "岔河",
                    "提出人姓名": "刘代表",
                    "类别": "环境卫生",
                    "意见建议内容": "岔河组垃圾池加盖。",
                    "状态": "已落实",
                    "承办人": "赵干事",
                    "交办日期": "2025-11-04",
                    "落实日期": "2025-11-20",
                    "答复内容": "已加盖。",
                }
            ),
            row(
                **{
                    "受理日期": "2025-12-01",
                    "匿名": "是",
                    "类别": "政策",
                    "意见建议内容": "希望提高养老补贴。",
                    "状态": "已答复不予采纳",
                    "答复日期": "2025-12-05",
                    "不予采纳原因": "补贴标准由上级确定,已向街道反映。",
                }
            ),
            row(
                **{
                    "提出人姓名": "王某",
                    "意见建议内容": "村道坑洼。",
                    "承办人": world.worker.display_name,
                    "状态": "处理中",
                    "交办日期": "2026-04-02",
                }
            ),
        ]
        report = run_import(
            sheet("committee-suggestions", world, world.worker), workbook_bytes(HEADERS, rows), commit=True
        )
        assert report.committed, list(report.lines())
        assert [r.status for r in report.rows] == [NEW] * 4
        new = {s.content: s for s in Suggestion.objects.filter(community=world.community).exclude(
            pk__in=[participation.received.pk, participation.processing.pk, participation.implemented.pk]
        )}  # fmt: skip
        li = new["修路灯"]
        assert (li.number, li.group, li.submitter_name, li.status, li.recorded_by) == (
            "2026-004",
            world.group_a,
            "",
            SuggestionStatus.RECEIVED,
            world.worker,
        )
        lid = new["岔河组垃圾池加盖。"]
        assert (lid.number, lid.status, lid.handler, lid.implemented_on) == (
            "2025-001",
            SuggestionStatus.IMPLEMENTED,
            participation.worker_staff,
            datetime.date(2025, 11, 20),
        )
        pension = new["希望提高养老补贴。"]
        assert (pension.number, pension.anonymous, pension.status) == ("2025-002", True, SuggestionStatus.DECLINED)
        wang = new["村道坑洼。"]
        assert (wang.number, wang.handler_user, wang.status) == ("2026-005", world.worker, SuggestionStatus.PROCESSING)
        assert lid.history.get().history_user == world.worker

    def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(self, world, population, participation):
        rows = [
            row(**{"编号": "2026-099"}),
            row(**{"来源": "微博", "提出人姓名": "甲"}),
            row(**{"提出人证件号码": population.outsider.id_number}),
            row(**{"提出人姓名": "乙", "状态": "已落实", "承办人": "赵干事", "交办日期": "2026-04-02"}),
            row(**{"提出人姓名": "丙", "状态": "已答复不予采纳", "答复日期": "2026-04-02"}),
            row(**{"提出人姓名": "丁", "承办人": "无名氏"}),
            row(**{"提出人证件号码": population.spouse.id_number, "提出人姓名": "张三"}),
            row(**{"提出人姓名": ""}),
            row(**{"提出人姓名": "戊", "受理日期": "2099-01-01"}),
        ]
        before = Suggestion.objects.count()
        report = run_import(sheet("committee-suggestions", world), workbook_bytes(HEADERS, rows), commit=True)
        assert not report.committed
        errors = {(error.row, error.column): error.message for error in report.errors}
        assert errors[(2, "编号")] == "本社区没有编号为「2026-099」的意见建议;新登记的请将编号留空。"
        assert errors[(3, "来源")].startswith("「微博」不是可选的值")
        assert errors[(4, "提出人证件号码")].startswith("人口台账中没有证件号码为")
        assert errors[(5, "落实日期")] == "已落实的意见建议须有落实日期。"
        assert errors[(6, "不予采纳原因")] == "不予采纳须填写原因。"
        assert errors[(7, "承办人")] == "本社区没有叫「无名氏」的工作人员或账号。"
        assert errors[(8, "提出人姓名")] == "与证件号码登记的姓名「李秀英」不符。"
        assert errors[(9, "提出人姓名")] == "请填写提出人:在册居民的身份证号或姓名;不愿署名的请勾选匿名。"
        assert errors[(10, "受理日期")] == "不能晚于今天。"
        assert {r.status for r in report.rows} == {ERROR}
        assert Suggestion.objects.count() == before

    def test_an_import_never_moves_a_registered_suggestion(self, world, participation):
        headers, rows = exported("committee-suggestions", world)
        data = [["" if r[header] is None else r[header] for header in headers] for r in rows]
        status, handler, content = headers.index("状态"), headers.index("承办人"), headers.index("意见建议内容")
        data[0][status] = "已落实"
        data[1][handler] = "赵干事"
        data[2][content] = "岔河组夜间巡逻应增加一次(代表大会提出)。"
        report = run_import(sheet("committee-suggestions", world), workbook_bytes(headers, data), commit=False)
        errors = {(error.row, error.column): error.message for error in report.errors}
        assert errors[(2, "状态")].startswith("已登记的意见建议不能通过导入修改此项(现为 已受理)")
        assert errors[(3, "承办人")].startswith("已登记的意见建议不能通过导入修改此项(现为 李主任)")
        assert report.rows[2].status == CHANGED
        assert [change.column for change in report.rows[2].changes] == ["意见建议内容"]


EXPORT_ONLY = ["committee-disclosures", "committee-evaluations"]


@pytest.mark.parametrize("code", EXPORT_ONLY)
def test_the_other_sheets_are_export_only(code):
    assert registry.get(code).importable is False


def test_disclosures(world, participation):
    headers, rows = exported("committee-disclosures", world)
    assert headers == [
        "公开日期", "公开类型", "标题", "公开期间", "计入定期公开", "公开形式", "公开事项", "金额合计(元)",
        "公开内容摘要", "审核", "审核日期", "附件数",
    ]  # fmt: skip
    (disclosure,) = rows
    assert (disclosure["公开类型"], disclosure["公开期间"], disclosure["计入定期公开"]) == (
        "居务财务公开",
        "2026年第一季度",
        "是",
    )
    assert (
        disclosure["公开事项"]
        == "【财务收支】收入:街道拨付办公经费 15,000.00元\n【本年度工作安排】2026年为民办实事安排"
    )
    assert (disclosure["金额合计(元)"], disclosure["附件数"]) == (15000, 1)


def test_evaluations(world, participation):
    headers, rows = exported("committee-evaluations", world, world.worker)
    assert headers[:4] == ["测评日期", "测评形式", "测评对象", "被测评人"]
    assert [(r["测评对象"], r["被测评人"], r["满意率"], r["未表态"]) for r in rows] == [
        ("社区两委班子", None, "96%", 2),
        ("工作人员个人", "李主任", "88.9%", 0),
    ]


@pytest.mark.parametrize("code", ["committee-suggestions", *EXPORT_ONLY])
def test_an_export_holds_only_the_user_s_community(world, participation, code):
    path, count = export_to_tempfile(registry.get(code)(community=world.other_community, user=world.head))
    os.unlink(path)
    assert count == 0
