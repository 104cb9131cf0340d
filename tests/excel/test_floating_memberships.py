"""Import of floating registrations (流动人口登记) and category memberships (人群类别登记)."""

from __future__ import annotations

import datetime

import pytest

from governance.excel import CHANGED, NEW, UNCHANGED, run_import
from residents.choices import ResidenceType
from residents.models import CategoryMembership, FloatingRegistration, Person
from tests.excel.conftest import sheet_for
from tests.excel.helpers import workbook_bytes

pytestmark = pytest.mark.django_db

FLOATING = [
    "证件号码", "姓名", "来住日期", "离开日期", "户籍所在地", "来住事由", "暂住地址", "务工/经商单位", "暂住证号",
    "暂住证有效期至", "治安管理责任书签订日期", "身份证已查验",
]  # fmt: skip
MEMBERSHIPS = ["证件号码", "姓名", "类别", "开始日期", "结束日期", "依据文件", "残疾类别", "残疾等级"]


def run(code, world, headers, rows, *, commit=False, user=None):
    sheet = sheet_for(code, community=world.community, user=user or world.head)
    return run_import(sheet, workbook_bytes(headers, rows), commit=commit)


class TestFloating:
    def row(self, person, **cells):
        values = dict.fromkeys(FLOATING)
        values.update(
            {"证件号码": person.id_number, "姓名": person.name, "来住日期": "2024-03-01", "户籍所在地": "四川省会理县"}
        )
        values["来住事由"] = "务工"
        values.update(cells)
        return [values[h] for h in FLOATING]

    def test_new_registration_makes_the_person_floating_and_reimport_is_unchanged(self, world, register):
        rows = [self.row(register.lone, 身份证已查验="是", 暂住证有效期至=datetime.date(2025, 3, 1))]

        report = run("floating", world, FLOATING, rows, commit=True, user=world.worker)

        assert report.committed, list(report.lines())
        registration = FloatingRegistration.objects.get()
        assert (registration.person, registration.purpose, registration.id_checked) == (register.lone, "work", True)
        assert registration.permit_expires_on == datetime.date(2025, 3, 1)
        assert registration.history.get().history_user == world.worker
        lone = Person.objects.get(pk=register.lone.pk)
        assert lone.residence_type == ResidenceType.FLOATING
        assert lone.history.latest("history_date").history_user == world.worker
        assert [r.status for r in run("floating", world, FLOATING, rows).rows] == [UNCHANGED]
        changed = run("floating", world, FLOATING, [self.row(register.lone, 离开日期="2024-06-30")], commit=True)
        assert [r.status for r in changed.rows] == [CHANGED]
        assert FloatingRegistration.objects.get().departed_on == datetime.date(2024, 6, 30)

    def test_unknown_person_wrong_name_and_two_open_stays_are_refused(self, world, register):
        rows = [
            self.row(register.outsider),
            self.row(register.lone, 姓名="王芬"),
            self.row(register.head, 来住日期="2024-01-01"),
            self.row(register.head, 来住日期="2024-02-01"),
        ]

        report = run("floating", world, FLOATING, rows, commit=True)

        assert not report.committed
        assert FloatingRegistration.objects.count() == 0
        messages = [str(e) for e in report.errors]
        assert messages[0].startswith("第2行「证件号码」:人口台账中没有证件号码为")
        assert messages[1] == "第3行「姓名」:与证件号码登记的姓名「王芳」不符。"
        assert messages[2] == "第5行「离开日期」:该居民已有在住的流动人口登记(第4行),请先填写其离开日期。"


class TestMemberships:
    def test_new_membership_and_rules(self, world, register):
        rows = [
            [register.lone.id_number, "王芳", "低保对象", "2023-01-01", None, "民政〔2023〕1号", None, None],
            [register.head.id_number, "李四", "残疾人", "2023-01-01", None, None, None, None],
            [register.spouse.id_number, "赵敏", "刑释/解教人员", "2023-01-01", None, None, None, None],
            [register.spouse.id_number, "赵敏", "空巢老人", "2023-05-01", "2023-01-01", None, None, None],
        ]

        report = run("memberships", world, MEMBERSHIPS, rows, commit=True, user=world.worker)

        assert not report.committed
        assert [str(e) for e in report.errors] == [
            "第3行「残疾类别」:类别为残疾人时必填。",
            "第4行「类别」:本社区没有人群类别「刑释/解教人员」(或不在您的管辖范围内)。",
            "第5行「结束日期」:结束日期不能早于开始日期。",
        ]
        good = run("memberships", world, MEMBERSHIPS, rows[:1], commit=True, user=world.worker)
        assert good.committed
        assert [r.status for r in good.rows] == [NEW]
        membership = CategoryMembership.objects.get()
        assert (membership.person, membership.category.code) == (register.lone, "dibao")
        assert membership.history.get().history_user == world.worker

    def test_a_head_may_import_a_sensitive_category(self, world, register):
        rows = [[register.spouse.id_number, "赵敏", "刑释/解教人员", "2023-01-01", None, None, None, None]]

        assert run("memberships", world, MEMBERSHIPS, rows, commit=True).committed
