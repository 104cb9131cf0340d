"""Import of the population register (人口台账): classification, validation, blank cells, writes."""

from __future__ import annotations

import datetime
import os

import pytest

from governance.excel import CHANGED, ERROR, NEW, UNCHANGED, export_to_tempfile, run_import
from governance.models import DataExchangeLog
from residents.choices import EventKind, Separation
from residents.models import HouseholdMembership, Person, PopulationEvent
from tests.excel.conftest import sheet_for
from tests.excel.helpers import as_rows, make_id, read_sheet, workbook_bytes, wrong_check_digit

pytestmark = pytest.mark.django_db


def exported(world, user=None):
    """(headers, rows as dicts) of the persons export of the home community."""
    sheet = sheet_for("persons", community=world.community, user=user or world.head)
    path, _ = export_to_tempfile(sheet)
    try:
        return as_rows(read_sheet(path))
    finally:
        os.unlink(path)


def to_file(headers, rows):
    return workbook_bytes(headers, [[row.get(header) for header in headers] for row in rows])


def new_row(headers, **cells) -> dict:
    """A complete, valid row for a new person in 寨子 (no household)."""
    number = cells.pop("证件号码", None) or make_id(datetime.date(1991, 7, 3))
    row = dict.fromkeys(headers)
    row.update(
        {
            "姓名": "陈新",
            "证件号码": number,
            "民族": "汉族",
            "政治面貌": "群众",
            "居民小组": "寨子",
            "居住类别": "常住",
            "登记日期": "2024-05-01",
        }
    )
    row.update(cells)
    return row


def preview(world, source, user=None):
    return run_import(sheet_for("persons", community=world.community, user=user or world.head), source, commit=False)


def commit(world, source, user=None):
    return run_import(sheet_for("persons", community=world.community, user=user or world.head), source, commit=True)


class TestRoundTrip:
    def test_export_then_import_changes_nothing(self, world, register):
        headers, rows = exported(world)
        history_before = Person.history.count()

        report = commit(world, to_file(headers, rows))

        assert not report.has_errors, list(report.lines())
        assert [row.status for row in report.rows] == [UNCHANGED] * 3
        assert report.committed
        assert Person.history.count() == history_before
        assert Person.objects.count() == 4

    def test_reimporting_the_same_file_is_idempotent(self, world, register):
        headers, rows = exported(world)
        rows.append(new_row(headers))
        first = commit(world, to_file(headers, rows))
        assert first.counts == {NEW: 1, CHANGED: 0, UNCHANGED: 3, ERROR: 0}
        history_before, events_before = Person.history.count(), PopulationEvent.objects.count()

        second = commit(world, to_file(headers, rows))

        assert second.counts == {NEW: 0, CHANGED: 0, UNCHANGED: 4, ERROR: 0}
        assert (Person.history.count(), PopulationEvent.objects.count()) == (history_before, events_before)


class TestClassification:
    def test_new_changed_and_unchanged_rows(self, world, register):
        headers, rows = exported(world)
        by_name = {row["姓名"]: row for row in rows}
        by_name["王芳"]["联系电话"] = "0871-1234567"
        by_name["王芳"]["民族"] = "彝族"
        rows.append(new_row(headers))

        report = preview(world, to_file(headers, rows))

        statuses = {row.label.split()[0]: row.status for row in report.rows}
        assert statuses == {"李四": UNCHANGED, "赵敏": UNCHANGED, "王芳": CHANGED, "陈新": NEW}
        changed = next(row for row in report.rows if row.status == CHANGED)
        assert {(c.column, c.old, c.new) for c in changed.changes} == {
            ("联系电话", "", "0871-1234567"),
            ("民族", "哈尼族", "彝族"),
        }
        assert Person.objects.filter(name="陈新").count() == 0  # a preview writes nothing

    def test_a_changed_cell_updates_that_field_with_history_and_a_correction_event(self, world, register):
        headers, rows = exported(world)
        next(row for row in rows if row["姓名"] == "王芳")["现住址"] = "岔河村8号"

        report = commit(world, to_file(headers, rows), user=world.worker)

        assert report.committed, list(report.lines())
        lone = Person.objects.get(pk=register.lone.pk)
        assert lone.current_address == "岔河村8号"
        latest = lone.history.latest("history_date")
        assert latest.history_user == world.worker
        assert latest.history_type == "~"
        assert "Excel导入" in latest.history_change_reason
        event = PopulationEvent.objects.get(person=lone, kind=EventKind.CORRECTION)
        assert event.recorded_by == world.worker
        assert "现住址" in event.note

    def test_renaming_updates_the_pinyin_search_columns(self, world, register):
        headers, rows = exported(world)
        next(row for row in rows if row["姓名"] == "王芳")["姓名"] = "王小芳"

        assert commit(world, to_file(headers, rows)).committed

        assert Person.objects.get(pk=register.lone.pk).name_pinyin == "wangxiaofang"


class TestNewPeople:
    def test_new_people_are_registered_with_history_event_and_household_period(self, world, register):
        headers, rows = exported(world)
        rows.append(new_row(headers, 姓名="李小龙", 户号="001", 与户主关系="子", 居民小组=None))

        report = commit(world, to_file(headers, rows), user=world.worker)

        assert report.committed, list(report.lines())
        person = Person.objects.get(name="李小龙")
        assert person.community == world.community
        assert person.group == world.group_a  # follows the household
        assert person.grid == world.grid  # 寨子 belongs to one grid
        assert person.name_pinyin == "lixiaolong"
        assert person.registered_on == datetime.date(2024, 5, 1)
        assert person.birth_date == datetime.date(1991, 7, 3)  # read from the ID number
        record = person.history.get()
        assert (record.history_type, record.history_user) == ("+", world.worker)
        event = PopulationEvent.objects.get(person=person)
        assert (event.kind, event.effective_on, event.recorded_by) == (
            EventKind.REGISTER,
            datetime.date(2024, 5, 1),
            world.worker,
        )
        period = HouseholdMembership.objects.get(person=person)
        assert (period.household, period.relation, period.start_on) == (
            register.household,
            "son",
            datetime.date(2024, 5, 1),
        )
        log = DataExchangeLog.objects.get(direction="import")
        assert (log.user, log.community, log.register, log.rows) == (world.worker, world.community, "persons", 4)

    def test_15_digit_numbers_are_upgraded_and_matched(self, world, register):
        headers, rows = exported(world)
        old = register.lone.id_number  # 19500101…: the 15-digit form drops "19" and the check digit
        next(row for row in rows if row["姓名"] == "王芳")["证件号码"] = old[:6] + old[8:17]

        report = preview(world, to_file(headers, rows))

        assert report.counts[UNCHANGED] == 3, list(report.lines())


class TestBadRows:
    def test_one_bad_row_among_good_ones_imports_nothing_and_says_where(self, world, register):
        headers, rows = exported(world)
        good = new_row(headers, 姓名="好人")
        duplicated = make_id(datetime.date(1985, 1, 1))
        rows += [
            good,  # row 5
            new_row(headers, 姓名="错号", 证件号码=wrong_check_digit(make_id())),  # 6
            new_row(headers, 姓名="错民族", 民族="火星族"),  # 7
            new_row(headers, 姓名="错小组", 居民小组="不存在组"),  # 8
            new_row(headers, 姓名="错日期", 登记日期="2024-13-45"),  # 9
            new_row(headers, 姓名="重复甲", 证件号码=duplicated),  # 10
            new_row(headers, 姓名="重复乙", 证件号码=duplicated),  # 11
            new_row(headers, 姓名=None),  # 12
            new_row(headers, 姓名="错性别", 性别="女"),  # 13: the ID number says 男
        ]
        count_before = Person.objects.count()

        report = commit(world, to_file(headers, rows))

        assert not report.committed
        assert Person.objects.count() == count_before
        messages = [str(error) for error in report.errors]
        expected_starts = [
            "第6行「证件号码」:身份证号校验位错误",
            "第7行「民族」:「火星族」不是可选的值",
            "第8行「居民小组」:本社区没有居民小组「不存在组」",
            "第9行「登记日期」:「2024-13-45」不是有效的日期",
            "第11行「证件号码」:与第10行重复",
            "第12行「姓名」:必填",
            "第13行「性别」:性别与身份证号不符",
        ]
        for start in expected_starts:
            assert any(message.startswith(start) for message in messages), (start, messages)
        assert [row.number for row in report.rows if row.status == ERROR] == [6, 7, 8, 9, 11, 12, 13]
        assert next(row for row in report.rows if row.number == 5).status == NEW

    def test_a_person_of_another_community_is_refused(self, world, register):
        headers, _ = exported(world)
        row = new_row(headers, 姓名="周强", 证件号码=register.outsider.id_number)

        report = preview(world, to_file(headers, [row]))

        assert [str(e) for e in report.errors] == [
            "第2行「证件号码」:该证件号码已在其他社区或您管辖范围以外登记;如为迁入,请办理迁入登记。"
        ]

    def test_household_and_relation_change_only_through_life_events(self, world, register):
        headers, rows = exported(world)
        next(row for row in rows if row["姓名"] == "赵敏")["与户主关系"] = "其他"

        report = preview(world, to_file(headers, rows))

        (error,) = report.errors
        assert error.column == "与户主关系"
        assert "不能通过导入修改" in error.message

    def test_a_second_head_is_refused(self, world, register):
        headers, _ = exported(world)
        row = new_row(headers, 户号="001", 与户主关系="户主")

        report = preview(world, to_file(headers, [row]))

        assert "已有户主" in str(report.errors[0])

    def test_masked_numbers_cannot_be_imported(self, world, register):
        headers, rows = exported(world, user=world.worker)

        report = preview(world, to_file(headers, rows), user=world.worker)

        assert report.counts[ERROR] == 3
        assert all("打码" in error.message for error in report.errors)

    def test_missing_required_column_is_a_file_error(self, world, register):
        report = preview(world, workbook_bytes(["姓名", "证件号码"], [["张三", make_id()]]))

        assert report.file_errors == ["缺少必填列:「民族」、「政治面貌」、「居住类别」、「登记日期」。"]
        assert report.rows == []

    def test_an_id_number_excel_turned_into_a_number_is_refused(self, world, register):
        headers, _ = exported(world)
        row = new_row(headers, 证件号码=float(make_id()[:17] + "1"))

        report = preview(world, to_file(headers, [row]))

        assert "被 Excel 存成了数字" in report.errors[0].message


class TestBlankCells:
    def test_blank_optional_cells_import_as_blank_for_new_people(self, world, register):
        headers, _ = exported(world)
        number = make_id(datetime.date(2001, 2, 3), male=False)
        row = new_row(headers, 证件号码=number)  # every optional cell blank, 证件类型 too

        report = commit(world, to_file(headers, [row]))

        assert report.committed, list(report.lines())
        person = Person.objects.get(id_number=number)
        assert (person.sex, person.birth_date) == ("F", datetime.date(2001, 2, 3))  # from the number
        assert person.id_type == "resident_id"
        assert (person.education, person.marital_status, person.phone, person.hukou_address) == ("", "", "", "")
        assert person.household is None
        assert person.relation == ""
        assert person.separation == Separation.NONE
        assert person.employer_type == "none"
        assert person.medical_insurance == "none"
        assert person.has_health_record is False
        assert person.has_pension_insurance is False

    def test_a_blank_required_cell_is_an_error_not_a_default(self, world, register):
        headers, _ = exported(world)

        report = preview(world, to_file(headers, [new_row(headers, 民族=None, 政治面貌="")]))

        assert [str(e) for e in report.errors] == ["第2行「民族」:必填,不能为空。", "第2行「政治面貌」:必填,不能为空。"]

    def test_a_cell_emptied_on_an_existing_person_clears_the_field(self, world, register):
        headers, rows = exported(world)
        next(row for row in rows if row["姓名"] == "李四")["联系电话"] = None

        report = commit(world, to_file(headers, rows))

        assert report.counts[CHANGED] == 1
        assert Person.objects.get(pk=register.head.pk).phone == ""

    def test_a_column_left_out_is_not_touched(self, world, register):
        headers, rows = exported(world)
        kept = [header for header in headers if header != "联系电话"]

        report = commit(world, to_file(kept, rows))

        assert report.counts[UNCHANGED] == 3
        assert Person.objects.get(pk=register.head.pk).phone == "13812345678"


def test_moving_to_a_group_in_no_grid_leaves_no_stale_grid(world, register):
    """The grid follows the group: 岔河 is in no grid, so a person moved there from 寨子 leaves 寨子网格."""
    headers, rows = exported(world)
    assert Person.objects.get(pk=register.spouse.pk).grid == world.grid
    next(row for row in rows if row["姓名"] == "赵敏")["居民小组"] = "岔河"

    assert commit(world, to_file(headers, rows)).committed

    spouse = Person.objects.get(pk=register.spouse.pk)
    assert (spouse.group, spouse.grid) == (world.group_b, None)
