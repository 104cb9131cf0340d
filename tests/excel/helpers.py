"""Builders the Excel tests share: checksum-valid 身份证号, people and households through the services,
and workbooks in memory."""

from __future__ import annotations

import datetime
import io
from itertools import count

from openpyxl import Workbook, load_workbook
from stdnum.cn import ric

from households.models import Household
from households.services import household_create
from residents.choices import EventKind, IdType, PersonStatus
from residents.models import Person
from residents.services import person_register

_serial = count(1)


def make_id(birth: datetime.date = datetime.date(1980, 5, 17), *, male: bool = True, region: str = "530112") -> str:
    """A valid 18-digit 居民身份证 number for ``birth``, unique within the test run."""
    serial = next(_serial) % 500
    sequence = f"{serial // 5:02d}" + str((serial % 5) * 2 + (1 if male else 0))
    body = f"{region}{birth:%Y%m%d}{sequence}"
    return body + ric.calc_check_digit(body + "0")


def wrong_check_digit(number: str) -> str:
    digit = "0" if number[-1] != "0" else "1"
    return number[:-1] + digit


def register_person(actor, *, community, name="张三", group=None, household=None, relation="", **fields) -> Person:
    """A person put on the register by ``person_register`` (a 登记 event and a history row)."""
    birth = fields.pop("birth_date", datetime.date(1980, 5, 17))
    male = fields.pop("male", True)
    person = Person(
        community=community,
        name=name,
        group=group,
        household=household,
        relation=relation,
        id_type=IdType.RESIDENT_ID,
        id_number=fields.pop("id_number", None) or make_id(birth, male=male),
        **fields,
    )
    return person_register(actor=actor, person=person, on=datetime.date(2020, 1, 1), kind=EventKind.REGISTER)


def open_household(actor, *, community, number="001", group=None, address="箐口村1号") -> Household:
    household = Household(
        community=community, group=group, number=number, address=address, established_on=datetime.date(2015, 3, 1)
    )
    return household_create(actor=actor, household=household)


def workbook_bytes(headers: list[str], rows: list[list], *, instruction: list[str] | None = None) -> io.BytesIO:
    """An .xlsx file in memory: ``headers``, an optional instruction row, then ``rows``."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    if instruction is not None:
        sheet.append(instruction)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def read_sheet(source) -> list[list]:
    """The values of the first sheet of an .xlsx file (path, bytes or file), row by row."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    workbook = load_workbook(source, read_only=True, data_only=True)
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def as_rows(sheet: list[list]) -> tuple[list[str], list[dict]]:
    """(headers, data rows as header → value dicts) of a sheet read by ``read_sheet``."""
    headers = [str(value) for value in sheet[0]]
    return headers, [dict(zip(headers, row, strict=False)) for row in sheet[1:]]


def active(queryset):
    return queryset.filter(status=PersonStatus.ACTIVE)
