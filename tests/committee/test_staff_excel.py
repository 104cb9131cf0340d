"""Excel sheets of the staff area: the importable staff, training and representatives registers (export, the
round trip, preview then commit, bad rows by row and column with nothing written) and the export-only sheets."""

from __future__ import annotations

import datetime
import os
from decimal import Decimal

import pytest

from committee.models.staff import EmploymentKind, Position, ResidentRepresentative, Staff, TrainingRecord
from committee.services.staff import representative_save
from governance.excel import CHANGED, NEW, UNCHANGED, export_to_tempfile, registry, run_import
from tests.committee import staff_fixtures
from tests.excel.helpers import as_rows, read_sheet, register_person, workbook_bytes

pytestmark = pytest.mark.django_db

staff_world = staff_fixtures.staff_world
D = datetime.date

STAFF_HEADERS = [
    "姓名", "证件号码", "联系电话", "职务", "两委职务", "所在居民小组", "专职", "用工性质", "文化程度", "持证上岗",
    "证书编号", "取得证书日期", "接受过社会工作培训", "薪酬档次", "分工", "到岗日期", "离岗日期", "备注",
]  # fmt: skip
TRAINING_HEADERS = [
    "姓名",
    "培训类别",
    "培训内容",
    "主办单位",
    "开始日期",
    "结束日期",
    "培训天数",
    "取得证书",
    "证书编号",
    "备注",
]
ELECTED = EmploymentKind.ELECTED.label
REPRESENTATIVE_HEADERS = [
    "证件号码",
    "姓名",
    "类别",
    "居民小组",
    "任期开始",
    "任期结束",
    "当选日期",
    "联系电话",
    "备注",
]


def sheet(code, world, user=None):
    return registry.get(code)(community=world.community, user=user or world.head)


def exported(code, world, user=None):
    path, _ = export_to_tempfile(sheet(code, world, user))
    try:
        return as_rows(read_sheet(path))
    finally:
        os.unlink(path)


def statuses(report):
    return [row.status for row in report.rows]


def errors(report):
    return [(error.row, error.column, error.message) for error in report.errors]


class TestStaffSheet:
    def test_export_lists_the_community_staff_with_their_posts(self, world, staff_world):
        headers, rows = exported("committee-staff", world)
        assert headers == STAFF_HEADERS
        by_name = {row["姓名"]: row for row in rows}
        assert "周邻居" not in by_name
        assert len(rows) == 8
        assert by_name["王书记"]["两委职务"] == "社区党组织委员会书记、社区居民委员会主任"
        assert by_name["孙组长"]["所在居民小组"] == "寨子"
        assert by_name["孙组长"]["专职"] == "否"
        assert by_name["钱社工"]["持证上岗"] == "是"

    def test_import_adds_and_corrects_staff(self, world, staff_world):
        person = register_person(world.head, community=world.community, name="林在册", group=world.group_b)
        rows = [
            ["林在册", person.id_number, "13800001234", Position.GROUP_CADRE.label, "", "岔河", "否", ELECTED, "高中",
             "否", "", "", "否", "", "", "2024-03-08", "", ""],
            ["钱社工", "", "13911112222", Position.WORKER.label, "", "", "", "聘用", "本科", "是", "S2021002", "",
             "是", "", "", "2020-01-01", "", ""],
        ]  # fmt: skip
        upload = workbook_bytes(STAFF_HEADERS, rows)
        preview = run_import(sheet("committee-staff", world), upload, commit=False)
        assert errors(preview) == []
        assert statuses(preview) == [NEW, CHANGED]
        assert Staff.objects.filter(name="林在册").count() == 0
        report = run_import(sheet("committee-staff", world), workbook_bytes(STAFF_HEADERS, rows), commit=True)
        assert report.committed
        new = Staff.objects.get(name="林在册")
        assert (new.person, new.group, new.full_time, new.education) == (person, world.group_b, False, "senior")
        assert new.history.first().history_user == world.head
        worker = Staff.objects.get(pk=staff_world.worker.pk)
        assert (worker.phone, worker.education) == ("13911112222", "bachelor")

    def test_bad_rows_are_reported_by_row_and_column(self, world, staff_world):
        rows = [
            ["无组", "", "", "居民小组长", "", "", "否", ELECTED, "", "", "", "", "", "", "", "2024-03-08",
             "", ""],
            ["错期", "", "", Position.WORKER.label, "", "", "", "聘用", "", "是", "", "", "", "", "", "2024-13-01", "",
             ""],
        ]  # fmt: skip
        report = run_import(sheet("committee-staff", world), workbook_bytes(STAFF_HEADERS, rows), commit=True)
        assert not report.committed
        found = errors(report)
        assert (2, "所在居民小组", "小组长、小组干部须填写所在居民小组。") in found
        assert any(row == 3 and column == "到岗日期" for row, column, _ in found)
        assert not Staff.objects.filter(name__in=["无组", "错期"]).exists()


class TestTrainingSheet:
    def test_export_and_round_trip(self, world, staff_world):
        headers, rows = exported("committee-training", world)
        assert headers == TRAINING_HEADERS
        assert len(rows) == 7
        political = next(row for row in rows if row["培训类别"] == "政治理论")
        assert (political["姓名"], political["培训天数"]) == ("钱社工", 2.5)
        table = [[row[header] for header in TRAINING_HEADERS] for row in rows]
        report = run_import(sheet("committee-training", world), workbook_bytes(TRAINING_HEADERS, table), commit=False)
        assert errors(report) == []
        assert set(statuses(report)) == {UNCHANGED}

    def test_import_computes_days_and_refuses_unknown_names(self, world, staff_world):
        rows = [
            ["赵委员", "社会工作", "社工督导", "市民政局", "2026-10-08", "2026-10-10", "", "是", "SG-9", ""],
            ["查无此人", "其他", "x", "", "2026-10-08", "2026-10-08", "", "", "", ""],
        ]
        report = run_import(sheet("committee-training", world), workbook_bytes(TRAINING_HEADERS, rows), commit=True)
        assert not report.committed
        assert errors(report) == [(3, "姓名", "本社区没有名为「查无此人」的工作人员(或不在您的管辖范围内)。")]
        report = run_import(sheet("committee-training", world), workbook_bytes(TRAINING_HEADERS, rows[:1]), commit=True)
        assert report.committed
        record = TrainingRecord.objects.get(topic="社工督导")
        assert (record.staff, record.days, record.certificate_number) == (staff_world.member, Decimal("3"), "SG-9")


class TestRepresentativeSheet:
    def test_import_then_export(self, world):
        person = register_person(world.head, community=world.community, name="许代表", group=world.group_a)
        other = register_person(world.head, community=world.community, name="韩组长", group=world.group_b)
        rows = [
            [person.id_number, "许代表", "", "", "2024-03-08", "", "2024-03-08", "", ""],
            [other.id_number, "韩组长", "小组长", "", "2024-03-08", "", "", "", ""],
            [other.id_number, "别的名字", "居民代表", "", "2024-03-08", "", "", "", ""],
        ]
        report = run_import(sheet("committee-representatives", world), workbook_bytes(REPRESENTATIVE_HEADERS, rows),
                            commit=True)  # fmt: skip
        assert not report.committed
        assert errors(report) == [(4, "姓名", "与证件号码登记的姓名「韩组长」不符。")]
        report = run_import(
            sheet("committee-representatives", world), workbook_bytes(REPRESENTATIVE_HEADERS, rows[:2]), commit=True
        )
        assert report.committed
        terms = {term.person.name: term for term in ResidentRepresentative.objects.filter(community=world.community)}
        assert (terms["许代表"].kind, terms["许代表"].group) == ("representative", world.group_a)
        assert (terms["韩组长"].kind, terms["韩组长"].group) == ("group_leader", world.group_b)

        headers, exported_rows = exported("committee-representatives", world, world.worker)
        assert headers == REPRESENTATIVE_HEADERS
        assert {row["证件号码"] for row in exported_rows} == {person.masked_id_number, other.masked_id_number}
        again = run_import(
            sheet("committee-representatives", world), workbook_bytes(REPRESENTATIVE_HEADERS, rows[:2]), commit=False
        )
        assert statuses(again) == [UNCHANGED, UNCHANGED]

    def test_an_existing_term_keeps_its_group_when_the_cell_is_blank(self, world):
        person = register_person(world.head, community=world.community, name="许代表", group=world.group_a)
        representative_save(
            actor=world.head,
            representative=ResidentRepresentative(person=person, group=world.group_b, start_on=D(2024, 3, 8)),
        )
        rows = [[person.id_number, "许代表", "居民代表", "岔河", "2024-03-08", "2027-03-08", "", "", ""]]
        report = run_import(
            sheet("committee-representatives", world), workbook_bytes(REPRESENTATIVE_HEADERS, rows), commit=True
        )
        assert statuses(report) == [CHANGED]
        assert ResidentRepresentative.objects.get(person=person).end_on == D(2027, 3, 8)


def test_export_only_sheets(world, staff_world):
    for code in ("committee-posts", "committee-working-bodies", "committee-attendance", "committee-elections"):
        assert not registry.get(code).importable
    _, posts = exported("committee-posts", world)
    assert len(posts) == 4
    _, members = exported("committee-working-bodies", world)
    assert {row["姓名"]: row["身份"] for row in members} == {
        "王书记": "工作人员",
        "钱社工": "工作人员",
        "陈民警": "其他",
    }
    _, attendance = exported("committee-attendance", world)
    assert [(row["姓名"], row["出勤情况"]) for row in attendance] == [
        ("赵委员", "无故不上班"),
        ("李副主任", "无故不上班"),
        ("钱社工", "请假"),
    ]
    _, elections = exported("committee-elections", world)
    assert {row["选举类别"]: row["参选率"] for row in elections} == {"居委会换届": "96%", "居民代表": "100%"}


def test_an_auditor_may_not_export(world):
    assert not world.auditor.has_perms(registry.get("committee-staff").export_permissions())
    assert world.worker.has_perms(registry.get("committee-staff").import_permissions())
