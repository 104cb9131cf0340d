"""Figures of the service cases by window and period, on hand-counted cases.

March 2026, window by window (the fixture's case is 残疾证办理 received 03-02, due 03-17, still open):

社会事务综合服务窗口 (social)
  fixture  received 03-02, open                      → received, overdue at 03-31
  A        开具居住证明 on the spot 03-05, 满意         → received, closed on time, 满意
  B        残疾证 received 03-10 (due 03-25), closed 03-20, 基本满意 → received, closed on time
  F        残疾证 received 03-03, returned 03-04      → received only
党群服务窗口 (party: limit 5 days)
  C        received 03-01 (due 03-06), closed 03-09, 不满意 → received, closed late
  D        received 02-20 (due 02-25), closed 03-02, unrated → closed late (not received in March)
  E        received 03-28 (due 04-02), open           → received, not overdue on 03-31
  G        received 02-01 (due 02-06), closed 04-10   → overdue at the end of March
The neighbouring community's case never counts for the home community.
"""

from __future__ import annotations

import datetime

import pytest

from services.models.windows import CaseMode, Satisfaction
from services.selectors.windows import CaseCounts, case_figures, format_rate
from services.services.windows import case_close, case_return
from tests.services import windows_fixtures
from tests.services.windows_fixtures import at, open_case

pytestmark = pytest.mark.django_db

windows = windows_fixtures.windows

MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
APRIL = (datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))


@pytest.fixture
def cases(world, windows):
    actor = world.worker
    open_case(actor, windows.certificate, mode=CaseMode.ON_THE_SPOT, received_at=at(2026, 3, 5),
              satisfaction=Satisfaction.SATISFIED)  # fmt: skip
    b = open_case(actor, windows.disability, received_at=at(2026, 3, 10))
    case_close(actor=actor, case=b, closed_at=at(2026, 3, 20), satisfaction=Satisfaction.BASIC)
    f = open_case(actor, windows.disability, received_at=at(2026, 3, 3))
    case_return(actor=actor, case=f, reason="不符合条件。", returned_at=at(2026, 3, 4))
    c = open_case(actor, windows.party_item, received_at=at(2026, 3, 1))
    case_close(actor=actor, case=c, closed_at=at(2026, 3, 9), satisfaction=Satisfaction.UNSATISFIED)
    d = open_case(actor, windows.party_item, received_at=at(2026, 2, 20))
    case_close(actor=actor, case=d, closed_at=at(2026, 3, 2, 23, 30))  # late evening: still 2 March in Beijing
    open_case(actor, windows.party_item, received_at=at(2026, 3, 28))
    g = open_case(actor, windows.party_item, received_at=at(2026, 2, 1))
    case_close(actor=actor, case=g, closed_at=at(2026, 4, 10))


def test_case_figures_by_window_for_march(world, windows, cases):
    figures = case_figures(community=world.community, start=MARCH[0], end=MARCH[1])
    assert [window.name for window, _ in figures.by_window] == ["党群服务窗口", "社会事务综合服务窗口"]
    assert figures.window(windows.social) == CaseCounts(
        received=4, closed=2, closed_on_time=2, overdue=1, satisfied=1, basic=1, unsatisfied=0
    )
    assert figures.window(windows.party) == CaseCounts(
        received=2, closed=2, closed_on_time=0, overdue=1, satisfied=0, basic=0, unsatisfied=1
    )
    total = figures.total
    assert total == CaseCounts(received=6, closed=4, closed_on_time=2, overdue=2, satisfied=1, basic=1, unsatisfied=1)
    assert total.closed_late == 2
    assert total.on_time_rate == 0.5
    assert total.satisfaction_rate == pytest.approx(2 / 3)
    assert total.satisfaction_rate_display == "66.7%"
    assert figures.window(windows.social).satisfaction_rate == 1.0
    assert figures.window(windows.party).satisfaction_rate == 0.0


def test_case_figures_for_april(world, windows, cases):
    figures = case_figures(community=world.community, start=APRIL[0], end=APRIL[1])
    total = figures.total
    # G closed late, unrated; the fixture's case and E are overdue on 30 April.
    assert total == CaseCounts(received=0, closed=1, closed_on_time=0, overdue=2)
    assert total.on_time_rate == 0.0
    assert total.satisfaction_rate is None
    assert total.satisfaction_rate_display == "—"


def test_case_figures_of_an_empty_period(world, windows, cases):
    figures = case_figures(community=world.community, start=datetime.date(2025, 6, 1), end=datetime.date(2025, 6, 30))
    assert figures.total == CaseCounts()
    assert figures.total.on_time_rate is None
    assert figures.total.satisfaction_rate is None
    assert all(counts == CaseCounts() for _, counts in figures.by_window)
    assert len(figures.by_window) == 2  # the windows are listed, with zeros


def test_case_figures_over_communities(world, windows, cases):
    both = case_figures(communities=[world.community, world.other_community], start=MARCH[0], end=MARCH[1])
    assert both.total.received == 7  # the neighbour's case was received on 2 March too
    assert both.window(windows.other_window).received == 1
    alone = case_figures(community=world.other_community, start=MARCH[0], end=MARCH[1])
    assert alone.total.received == 1


def test_figures_take_few_queries(world, windows, cases, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        case_figures(community=world.community, start=MARCH[0], end=MARCH[1])


def test_format_rate():
    assert format_rate(None) == "—"
    assert format_rate(1.0) == "100%"
    assert format_rate(0.985) == "98.5%"
