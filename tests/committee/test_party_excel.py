"""Excel sheets of the party area: the importable 党员名册 (export with masked numbers, preview/confirm, bad
rows reported by row and column with nothing written) and the export-only sheets."""

from __future__ import annotations

import datetime
import os

import pytest

from committee.models.party import MemberCategory, MembershipKind, PartyMember
from governance.excel import CHANGED, ERROR, NEW, export_to_tempfile, registry, run_import
from residents.choices import PoliticalStatus
from tests.committee import party_fixtures
from tests.committee.party_fixtures import resident
from tests.excel.helpers import as_rows, read_sheet, workbook_bytes

pytestmark = pytest.mark.django_db

party = party_fixtures.party
D = datetime.date

MEMBER_HEADERS = [
    "证件号码", "姓名", "性别", "居民小组", "所在党组织", "党员类别", "正式/预备", "入党时间", "转正时间",
    "组织关系转入", "转入日期", "党籍状态", "状态变动日期", "备注",
]  # fmt: skip


def sheet(code, world, user=None):
    return registry.get(code)(community=world.community, user=user or world.head)


def exported(code, world, user=None):
    path, _ = export_to_tempfile(sheet(code, world, user))
    try:
        return as_rows(read_sheet(path))
    finally:
        os.unlink(path)


def row(person, organisation, category, joined, kind="", confirmed="", transferred="", transferred_on="", name=None):
    return [person.id_number, person.name if name is None else name, "", "", organisation, category, kind, joined,
            confirmed, transferred, transferred_on, "", "", ""]  # fmt: skip


class TestMemberSheet:
    def test_export_lists_the_members_with_masked_numbers_for_a_worker(self, world, party):
        headers, rows = exported("committee-party-members", world, world.worker)

        assert headers == MEMBER_HEADERS
        by_name = {r["姓名"]: r for r in rows}
        assert set(by_name) == {"陈国华", "李秀兰", "王强", "赵敏", "刘军", "孙涛"}  # not 周平 of the neighbour
        chen = by_name["陈国华"]
        assert chen["证件号码"] == party.chen.person.masked_id_number
        assert (chen["性别"], chen["居民小组"], chen["所在党组织"], chen["党员类别"], chen["正式/预备"]) == (
            "男", "寨子", "寨子第一党小组", "农民党员", "正式党员",
        )  # fmt: skip
        assert (by_name["刘军"]["组织关系转入"], by_name["孙涛"]["党籍状态"]) == ("是", "已转出")
        assert rows[-1]["姓名"] == "孙涛"  # members on the register first
        _, full = exported("committee-party-members", world, world.head)
        assert {r["证件号码"] for r in full} >= {party.chen.person.id_number}

    def test_import_records_new_members_and_corrects_existing_ones(self, world, party):
        newcomer = resident(world.head, world.community, "何新", D(1999, 3, 3), group=world.group_b,
                            status=PoliticalStatus.PROBATIONARY)  # fmt: skip
        rows = [
            row(newcomer, "岔河党支部", "大学生", "2026-01-10"),
            row(party.chen.person, "寨子第一党小组", "离退休党员", "1985-07-01", "正式党员", "1986-07-01"),
            row(party.li.person, "寨子党支部", "离退休党员", "1975-06-01", "正式"),
        ]
        preview = run_import(
            sheet("committee-party-members", world, world.worker), workbook_bytes(MEMBER_HEADERS, rows), commit=False
        )
        assert [r.status for r in preview.rows] == [NEW, CHANGED, "unchanged"], list(preview.lines())
        assert not PartyMember.objects.filter(person=newcomer).exists()  # a preview writes nothing

        report = run_import(
            sheet("committee-party-members", world, world.worker), workbook_bytes(MEMBER_HEADERS, rows), commit=True
        )
        assert report.committed, list(report.lines())
        created = PartyMember.objects.get(person=newcomer)
        assert (created.community, created.group, created.organisation, created.kind, created.category) == (
            world.community, world.group_b, party.branch_b, MembershipKind.PROBATIONARY, MemberCategory.GRADUATE,
        )  # fmt: skip
        assert created.history.get().history_user == world.worker
        party.chen.refresh_from_db()
        assert party.chen.category == MemberCategory.RETIRED
        assert [(c.column, c.old, c.new) for c in report.rows[1].changes] == [("党员类别", "农民党员", "离退休党员")]

    def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(self, world, party):
        newcomer = resident(world.head, world.community, "何新", D(1999, 3, 3), group=world.group_b)
        rows = [
            row(newcomer, "篮球党支部", "农民党员", "2020-07-01"),  # no such organisation
            row(party.masses, "寨子党支部", "农民党员", "2020-07-01"),  # 群众
            row(party.zhao.person, "岔河党支部", "大中专院校毕业生党员", "2025-06-01", "正式党员"),  # kind by import
            row(party.sun.person, "岔河党支部", "在职党员", "2005-07-01"),  # transferred out: comes back by transfer
            row(party.other_member.person, "寨子党支部", "农民党员", "1995-07-01"),  # another community's person
            row(party.wang.person, "岔河党支部", "流动党员", "2015-07-01", name="王刚"),
            row(newcomer, "岔河党支部", "农民党员", "2020-07-01", "预备党员"),  # the register says 中共党员
        ]
        report = run_import(sheet("committee-party-members", world), workbook_bytes(MEMBER_HEADERS, rows), commit=True)

        assert not report.committed
        errors = {(error.row, error.column): error.message for error in report.errors}
        assert len(errors) == 7, sorted(errors.items())
        assert errors[(2, "所在党组织")] == "本社区没有党组织「篮球党支部」(或不在您的管辖范围内)。"
        assert errors[(3, "证件号码")] == "吴芳的政治面貌是群众,只有中共党员、中共预备党员才能登记为党员。"
        assert errors[(4, "正式/预备")].startswith("已登记党员的正式/预备不能通过导入修改(现为 预备党员)")
        assert errors[(5, "证件号码")] == "该居民在本社区的党籍已变动(转出等),回到本社区请办理组织关系转入。"
        assert errors[(6, "证件号码")].startswith("人口台账中没有证件号码为")
        assert errors[(7, "姓名")] == "与证件号码登记的姓名「王强」不符。"
        assert errors[(8, "证件号码")].startswith("何新的政治面貌是中共党员,与“预备党员”不符")
        assert [r.status for r in report.rows] == [ERROR] * 7
        assert not PartyMember.objects.filter(person=newcomer).exists()

    def test_a_person_listed_twice_is_reported(self, world, party):
        newcomer = resident(world.head, world.community, "何新", D(1999, 3, 3), group=world.group_b)
        rows = [row(newcomer, "岔河党支部", "农民党员", "2020-07-01")] * 2
        report = run_import(sheet("committee-party-members", world), workbook_bytes(MEMBER_HEADERS, rows), commit=False)
        assert report.has_errors


class TestExportOnlySheets:
    def test_activities_with_their_participants(self, world, party):
        headers, rows = exported("committee-party-activities", world)
        assert headers[:6] == ["活动日期", "活动类型", "活动名称", "组织单位", "活动地点", "参加党员"]
        by_title = {r["活动名称"]: r for r in rows}
        assert set(by_title) == {"重阳节敬老", "春节走访困难户", "学雷锋敬老", "全国助残日", "主题党日"}
        party_day = by_title["主题党日"]
        assert (party_day["活动类型"], party_day["参加人数"]) == ("学习教育", 4)
        assert party_day["参加的报到在职党员"] == "郑伟"
        assert set(party_day["参加党员"].split("、")) == {"陈国华", "李秀兰", "赵敏", "刘军"}
        assert not registry.get("committee-party-activities").importable

    def test_transfers_with_masked_numbers(self, world, party):
        headers, rows = exported("committee-party-transfers", world, world.worker)
        assert headers == [
            "转接日期", "姓名", "证件号码", "转接方向", "转出党组织", "转入党组织", "介绍信编号", "转接原因", "备注",
        ]  # fmt: skip
        assert [(r["姓名"], r["转接方向"], r["介绍信编号"]) for r in rows] == [
            ("刘军", "转入", "ZR2026-01"), ("孙涛", "转出", "ZC2026-01"),
        ]  # fmt: skip
        assert rows[0]["证件号码"] == party.liu.person.masked_id_number

    def test_organisations_and_checkins(self, world, party):
        _, organisations = exported("committee-party-organisations", world)
        by_name = {r["组织名称"]: r for r in organisations}
        assert (by_name["寨子党支部"]["上级党组织"], by_name["寨子党支部"]["书记(组长)"]) == (
            "中共箐口社区总支部委员会", "陈国华",
        )  # fmt: skip
        assert by_name["岔河党支部"]["本级在册党员"] == 2
        _, checkins = exported("committee-party-checkins", world, world.worker)
        by_name = {r["姓名"]: r for r in checkins}
        assert by_name["郑伟"]["参加活动(次)"] == 1
        assert "*" in by_name["钱丽"]["身份证号"]
