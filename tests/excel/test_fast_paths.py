"""The fast paths of the Excel engine give what the plain ones gave: calamine reading, one validation of the
ID number, memoised field validation, COPY writes, exports from plain values through the engine's own writer."""

from __future__ import annotations

import datetime
import io

import pytest
import xlsxwriter
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from governance.excel import ERROR, NEW, SheetWriter, run_import
from governance.models import DataExchangeLog
from residents.models import Category, FloatingRegistration, Person
from residents.services import floating_register, membership_add
from tests.excel.conftest import sheet_for
from tests.excel.helpers import make_id, read_sheet, workbook_bytes, wrong_check_digit

pytestmark = pytest.mark.django_db

HEADERS = ["姓名", "性别", "出生日期", "证件号码", "民族", "政治面貌", "居民小组", "居住类别", "登记日期"]


def person_row(**cells) -> list:
    values = {"姓名": "陈新", "民族": "汉族", "政治面貌": "群众", "居民小组": "寨子", "居住类别": "常住"}
    values["登记日期"] = "2024-05-01"
    values.update(cells)
    return [values.get(header) for header in HEADERS]


def preview(world, source, *, commit=False):
    return run_import(sheet_for("persons", community=world.community, user=world.head), source, commit=commit)


def instance_rows(sheet) -> list[list]:
    """The export rows as the engine made them before it read plain values: from model instances."""
    exporters = sheet.exporters()
    return [[method(obj) for method in exporters] for obj in sheet.export_queryset()]


def blank_as_none(rows: list[list]) -> list[list]:
    return [[None if value == "" else value for value in row] for row in rows]


class TestReading:
    def test_rows_are_numbered_as_in_excel_with_blank_rows_skipped(self, world, register):
        rows = [person_row(证件号码=make_id()), [None] * len(HEADERS), person_row(证件号码="123")]

        report = preview(world, workbook_bytes(HEADERS, rows))

        assert [row.number for row in report.rows] == [2, 4]
        assert {error.row for error in report.errors} == {4}
        assert "证件号码" in {error.column for error in report.errors}

    def test_a_sheet_whose_first_row_is_empty_has_no_headers(self, world, register):
        workbook = Workbook()
        sheet = workbook.active
        for index, header in enumerate(HEADERS, start=1):
            sheet.cell(row=2, column=index, value=header)
        buffer = io.BytesIO()
        workbook.save(buffer)
        buffer.seek(0)

        report = preview(world, buffer)

        assert report.file_errors == ["第1行应为列标题,但该行是空的。请使用本台账的导入模板。"]

    def test_a_table_starting_in_column_b_is_read(self, world, register):
        workbook = Workbook()
        sheet = workbook.active
        number = make_id(datetime.date(1990, 1, 2), male=False)
        for row_index, values in enumerate([HEADERS, person_row(证件号码=number)], start=1):
            for index, value in enumerate(values, start=2):
                sheet.cell(row=row_index, column=index, value=value)
        buffer = io.BytesIO()
        workbook.save(buffer)
        buffer.seek(0)

        report = preview(world, buffer)

        assert report.counts[NEW] == 1, list(report.lines())
        assert report.rows[0].instance.birth_date == datetime.date(1990, 1, 2)

    def test_numbers_and_real_dates_are_read_as_cells(self, world, register):
        number = make_id(datetime.date(1985, 6, 7))
        row = person_row(证件号码=number, 登记日期=datetime.datetime(2023, 4, 5))  # noqa: DTZ001 - an Excel date
        headers = [*HEADERS, "联系电话"]

        report = preview(world, workbook_bytes(headers, [[*row, 13812345678]]), commit=True)

        assert report.committed, list(report.lines())
        person = Person.objects.get(id_number=number)
        assert (person.phone, person.registered_on) == ("13812345678", datetime.date(2023, 4, 5))

    def test_a_file_that_is_not_a_workbook_is_refused(self, world, register):
        report = preview(world, io.BytesIO(b"PK\x03\x04 not really a zip"))

        assert report.file_errors == ["无法读取该文件:请上传 Excel 2007 及以上版本的 .xlsx 文件。"]


class TestValidation:
    def test_an_invalid_number_reports_blank_birth_date_and_sex_as_before(self, world, register):
        """The digits of an invalid number are not used: the blank cells stay blank and are reported."""
        bad = wrong_check_digit(make_id())

        report = preview(world, workbook_bytes(HEADERS, [person_row(证件号码=bad)]))

        assert [(error.column, error.message[:12]) for error in report.errors] == [
            ("性别", "必填,不能为空。"),
            ("出生日期", "必填,不能为空。"),
            ("证件号码", "身份证号校验位错误(最后"),
        ]

    def test_a_valid_number_fills_blank_birth_date_and_sex(self, world, register):
        number = make_id(datetime.date(1977, 8, 9), male=False)

        report = preview(world, workbook_bytes(HEADERS, [person_row(证件号码=number)]))

        person = report.rows[0].instance
        assert report.counts[NEW] == 1
        assert (person.sex, person.birth_date) == ("F", datetime.date(1977, 8, 9))
        assert (report.rows[0].values["sex"], report.rows[0].values["birth_date"]) == ("F", datetime.date(1977, 8, 9))

    def test_a_number_contradicting_its_cells_is_reported_on_them(self, world, register):
        number = make_id(datetime.date(1977, 8, 9), male=False)
        row = person_row(证件号码=number, 性别="男", 出生日期="1977-08-10")

        report = preview(world, workbook_bytes(HEADERS, [row]))

        assert {error.column for error in report.errors} == {"性别", "出生日期"}

    def test_the_same_bad_value_is_reported_on_every_row(self, world, register):
        """Field validation remembers only the values that passed."""
        rows = [person_row(姓名="长" * 51, 证件号码=make_id()) for _ in range(3)]
        rows.append(person_row(证件号码=make_id()))

        report = preview(world, workbook_bytes(HEADERS, rows))

        assert report.counts == {NEW: 1, "changed": 0, "unchanged": 0, ERROR: 3}
        assert [error.row for error in report.errors] == [2, 3, 4]


class TestWriting:
    @pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
    def test_new_people_go_in_with_copy_not_insert(self, world, register):
        rows = [person_row(证件号码=make_id(datetime.date(1960, 1, day))) for day in range(1, 6)]

        with CaptureQueriesContext(connection) as queries:
            report = preview(world, workbook_bytes(HEADERS, rows), commit=True)

        assert report.committed, list(report.lines())
        inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
        assert not [sql for sql in inserts if "residents_person" in sql or "populationevent" in sql]
        people = Person.objects.filter(id_number__in=[row[3] for row in rows])
        assert people.count() == 5
        for person in people:
            record = person.history.get()
            assert (record.history_type, record.history_user, record.name) == ("+", world.head, person.name)
            assert record.history_change_reason == "登记(Excel导入)"
            assert person.events.get().recorded_by == world.head
            assert person.name_pinyin == "chenxin"

    def test_imported_people_get_ids_from_the_sequence(self, world, register):
        number = make_id(datetime.date(1961, 2, 3))
        report = preview(world, workbook_bytes(HEADERS, [person_row(证件号码=number)]), commit=True)

        later = Person.objects.create(
            community=world.community,
            name="后来",
            sex="M",
            birth_date=datetime.date(1990, 1, 1),
            registered_on=datetime.date(2024, 1, 1),
        )

        assert report.committed
        assert later.pk > Person.objects.get(id_number=number).pk


class TestExportFromValues:
    @pytest.fixture
    def more(self, world, register):
        floating_register(
            actor=world.head,
            person=register.lone,
            registration=FloatingRegistration(
                community=world.community,
                person=register.lone,
                arrived_on=datetime.date(2024, 3, 1),
                origin="四川省会理县",
                purpose="work",
                id_checked=True,
            ),
        )
        membership_add(
            actor=world.head,
            person=register.head,
            category=Category.objects.get(code="dibao"),
            start_on=datetime.date(2023, 1, 1),
        )

    @pytest.mark.parametrize("code", ["persons", "households", "floating", "memberships"])
    @pytest.mark.parametrize("who", ["head", "worker", "grid_worker"])
    def test_the_cells_are_those_the_instances_give(self, world, register, more, code, who):
        sheet = sheet_for(code, community=world.community, user=getattr(world, who))

        assert sheet.value_columns() is not None  # the fast path is taken
        rows = list(sheet.export_rows())

        assert rows or (code, who) == ("floating", "grid_worker")  # 王芳 lives outside the grid worker's groups
        assert blank_as_none(rows) == blank_as_none(instance_rows(sheet))


TRICKY = [
    ["a&b<c>d", " leading", "trailing ", "tab\there", "line\nbreak", "bell\x07", "_x0041_ literal", "全角\u3000空格"],
    ["x" * 40_000, "", None, 0, 12.5, 13812345678, -3, True],
    [datetime.date(1900, 2, 28), datetime.date(1900, 3, 1), datetime.date(2024, 5, 1), "普通", "汉族", "是", "否", "1"],
    [datetime.datetime(2024, 5, 1, 13, 30), "12", "0012", "=1+1", "http://x.cn", "530112198001011234", "é", "😀"],  # noqa: DTZ001
]


def test_the_writer_gives_the_cells_xlsxwriter_gave(tmp_path):
    """Cell by cell (value, number format), the engine's writer against XlsxWriter's constant_memory mode with
    the options and formats the engine used before."""
    headers = [f"列{index}" for index in range(8)]
    text_columns = [index % 2 == 0 for index in range(8)]

    ours = tmp_path / "ours.xlsx"
    writer = SheetWriter(str(ours), title="人口台账", headers=headers, widths=[10] * 8, text_columns=text_columns)
    for row in TRICKY:
        writer.write_row(row)
    writer.close()

    theirs = tmp_path / "theirs.xlsx"
    workbook = xlsxwriter.Workbook(
        str(theirs),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    sheet = workbook.add_worksheet("人口台账")
    text_format = workbook.add_format({"num_format": "@"})
    for index, text in enumerate(text_columns):
        sheet.set_column(index, index, 10, text_format if text else None)
    for index, header in enumerate(headers):
        sheet.write_string(0, index, header)
    for number, row in enumerate(TRICKY, start=1):
        for index, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, datetime.date):
                sheet.write_datetime(number, index, value)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(number, index, value)
            else:
                sheet.write_string(number, index, str(value))
    workbook.close()

    assert read_sheet(ours.read_bytes()) == read_sheet(theirs.read_bytes())
    assert writer.rows == len(TRICKY)


def test_the_written_sheet_has_frozen_headers_a_filter_and_text_columns(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    writer = SheetWriter(
        str(path), title="户籍台账", headers=["户号", "立户日期"], widths=[8, 12], text_columns=[True, False]
    )
    writer.write_row(["001", datetime.date(2015, 3, 1)])
    writer.close()

    sheet = load_workbook(path).worksheets[0]
    assert (sheet.title, sheet.freeze_panes, sheet.auto_filter.ref, sheet.dimensions) == (
        "户籍台账",
        "A2",
        "A1:B2",
        "A1:B2",
    )
    assert sheet["A2"].number_format == "@"
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["B2"].value == datetime.datetime(2015, 3, 1)  # noqa: DTZ001 - openpyxl reads dates naive
    assert sheet["A1"].font.b


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the write-behind writer needs COPY")
@pytest.mark.django_db(transaction=True)
class TestWriteBehind:
    """Outside a caller's transaction (the command, the job, a request) new people are written in batches while
    the rest of the file is checked, on a second connection: still all or nothing."""

    @pytest.fixture(autouse=True)
    def small_batches(self, monkeypatch):
        monkeypatch.setattr("governance.excel.WRITE_BEHIND_ROWS", 2)

    def test_new_people_are_written_with_history_events_and_a_log(self, world, register):
        numbers = [make_id(datetime.date(1970, 1, day)) for day in range(1, 8)]

        report = preview(
            world, workbook_bytes(HEADERS, [person_row(证件号码=number) for number in numbers]), commit=True
        )

        assert report.committed, list(report.lines())
        people = Person.objects.filter(id_number__in=numbers)
        assert people.count() == 7
        assert all(person.history.get().history_user == world.head for person in people)
        assert all(person.events.get().kind == "register" for person in people)
        assert DataExchangeLog.objects.filter(direction="import", rows=7).exists()

    def test_a_bad_row_after_written_batches_leaves_nothing_written(self, world, register):
        rows = [person_row(证件号码=make_id(datetime.date(1971, 1, day))) for day in range(1, 8)]
        rows.append(person_row(证件号码="123"))
        people_before, history_before = Person.objects.count(), Person.history.count()

        report = preview(world, workbook_bytes(HEADERS, rows), commit=True)

        assert not report.committed
        assert report.counts[ERROR] == 1
        assert (Person.objects.count(), Person.history.count()) == (people_before, history_before)
        assert not DataExchangeLog.objects.filter(direction="import").exists()

    def test_a_second_head_found_after_the_rows_were_written_leaves_nothing_written(self, world, register):
        headers = [*HEADERS, "户号", "与户主关系"]
        rows = [[*person_row(证件号码=make_id(datetime.date(1972, 1, day))), None, None] for day in range(1, 6)]
        rows.append([*person_row(证件号码=make_id(datetime.date(1972, 2, 1))), "001", "户主"])  # 李四 is its head

        report = preview(world, workbook_bytes(headers, rows), commit=True)

        assert not report.committed
        assert [error.column for error in report.errors] == ["与户主关系"]
        assert Person.objects.filter(birth_date__year=1972).count() == 0
