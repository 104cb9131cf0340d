"""Fixtures of the windows area: two windows of the home community of the ``world`` (one item each to
handle by proxy, one 即办件), a window of the neighbouring community, and cases received through the
services.

Dates are in the past of any clock these tests run on (2026-03 to 2026-05), and never "today".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from services.models.windows import CaseMode, ServiceCase, ServiceItem, ServiceWindow
from services.services.windows import case_open, item_save, window_save

TZ = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=9, minute=0) -> datetime.datetime:
    """A local (Beijing) moment."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


RECEIVED = at(2026, 3, 2)


def open_case(actor, item, *, received_at=RECEIVED, mode=CaseMode.PROXY, satisfaction="", **fields) -> ServiceCase:
    if not any(key.startswith("applicant_") for key in fields):
        fields["applicant_name"] = "外地务工人员"
    fields.setdefault("summary", "办理事项。")
    return case_open(
        actor=actor,
        case=ServiceCase(item=item, received_at=received_at, mode=mode, **fields),
        satisfaction=satisfaction,
    )


@dataclass
class Windows:
    social: ServiceWindow  # 社会事务综合服务窗口, worker and grid worker at it
    party: ServiceWindow  # 党群服务窗口
    other_window: ServiceWindow  # of the neighbouring community
    disability: ServiceItem  # 残疾证办理: 代办, 15 days
    certificate: ServiceItem  # 开具居住证明: 即办件, same day
    party_item: ServiceItem  # 党组织关系转接, 5 days
    other_item: ServiceItem
    case: ServiceCase  # 残疾证办理 for 张建国 (group_a), 已受理, agent: the worker
    other_case: ServiceCase  # in the neighbouring community


@pytest.fixture
def windows(world, population) -> Windows:
    actor = world.superuser

    def window(community, name, order, staff=()):
        return window_save(
            actor=actor,
            window=ServiceWindow(community=community, name=name, order=order, phone="0871-68180001"),
            staff=staff,
        )

    def item(window_, name, **fields):
        return item_save(actor=actor, item=ServiceItem(window=window_, name=name, **fields))

    social = window(world.community, "社会事务综合服务窗口", 3, staff=[world.worker, world.grid_worker])
    party = window(world.community, "党群服务窗口", 1)
    other_window = window(world.other_community, "党群服务窗口", 1)
    disability = item(
        social,
        "残疾证办理",
        time_limit_days=15,
        process_steps="窗口受理\n入户核实\n报送区残联\n领证送达",
        required_documents="户口簿\n身份证\n近期免冠照片2张",
        supervising_phone="0871-68180000",
    )
    certificate = item(social, "开具居住证明", order=2, on_the_spot=True, time_limit_days=0, fee=Decimal("0"))
    party_item = item(party, "党组织关系转接", time_limit_days=5)
    other_item = item(other_window, "党员证明", time_limit_days=3)
    case = open_case(
        world.worker, disability, applicant_person=population.householder, summary="申请办理二级肢体残疾证。"
    )
    other_case = open_case(world.other_head, other_item, applicant_person=population.outsider)
    return Windows(social, party, other_window, disability, certificate, party_item, other_item, case, other_case)
