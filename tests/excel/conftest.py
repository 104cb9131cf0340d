"""A small register in the home community of the ``world``: one household and three people."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from governance.excel import registry
from households.models import Household
from residents.models import Person
from tests.excel.helpers import open_household, register_person


@dataclass
class Register:
    household: Household
    head: Person  # 李四, 户主 of household 001 in 寨子
    spouse: Person  # 赵敏, 配偶 in the same household
    lone: Person  # 王芳, in 岔河, no household
    outsider: Person  # 周强, of the neighbouring community


@pytest.fixture
def register(world) -> Register:
    household = open_household(world.head, community=world.community, group=world.group_a, number="001")
    head = register_person(
        world.head,
        community=world.community,
        name="李四",
        group=world.group_a,
        household=household,
        relation="head",
        phone="13812345678",
        current_address="箐口村1号",
    )
    spouse = register_person(
        world.head,
        community=world.community,
        name="赵敏",
        group=world.group_a,
        household=household,
        relation="spouse",
        birth_date=datetime.date(1982, 3, 9),
        male=False,
    )
    lone = register_person(
        world.head,
        community=world.community,
        name="王芳",
        group=world.group_b,
        birth_date=datetime.date(1950, 12, 1),
        male=False,
        ethnicity="哈尼族",
    )
    outsider = register_person(world.other_head, community=world.other_community, name="周强", group=world.other_group)
    return Register(household=household, head=head, spouse=spouse, lone=lone, outsider=outsider)


def sheet_for(code: str, *, community, user):
    """The ``ExcelRegister`` of ``code`` for a community and a user."""
    return registry.get(code)(community=community, user=user)
