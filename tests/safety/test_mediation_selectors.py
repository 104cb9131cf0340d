"""调解率 and 调解成功率 (and the monthly 排查 table) on hand-counted fixtures, including a period with no
disputes, whose rates are None and shown as "—"."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from safety.models.mediation import (
    CommitteeMember,
    DisputeCase,
    DisputeKind,
    DisputeParty,
    DisputeSource,
    DisputeStatus,
    MediationSession,
    PartyRole,
)
from safety.selectors.mediation import (
    DisputeCounts,
    dispute_figures,
    dispute_screening,
    format_rate,
    month_period,
    year_period,
)

pytestmark = pytest.mark.django_db

D = datetime.date
H1 = (D(2026, 1, 1), D(2026, 6, 30))


def case(community, number, kind, received_on, *, group=None, status=DisputeStatus.RECEIVED, closed_on=None, **fields):
    return DisputeCase.objects.create(
        community=community,
        number=number,
        kind=kind,
        group=group,
        source=DisputeSource.SCREENING,
        received_on=received_on,
        summary=f"{number}的纠纷",
        status=status,
        closed_on=closed_on,
        **fields,
    )


def session(row, on, recorder, member=None):
    made = MediationSession.objects.create(
        community=row.community, case=row, held_on=on, place="调解室", summary=f"{on:%m-%d}调解", recorded_by=recorder
    )
    if member is not None:
        made.mediators.add(member)
        row.mediators.add(member)
    return made


@pytest.fixture
def disputes(world):
    """Hand-counted, in the home community unless said:

    ====  ==========  ==========  =====================  ================================  ==============
    case  kind        received    sessions               outcome                           in H1 2026
    ====  ==========  ==========  =====================  ================================  ==============
    A     邻里        2026-02-01  02-03                  调解成功 02-05                     R M S
    B     邻里        2026-03-01  03-02                  调解不成 03-09                     R M
    C     婚姻家庭    2026-04-01  —                      当事人撤回 04-02                   R
    D     债务        2026-05-01  07-01 (after H1)       调解成功 07-02 (after H1)          R
    E     邻里        2025-12-20  2026-01-05             open                              — (received before)
    F     邻里 (朵亩) 2026-03-10  03-11                  调解成功 03-12                     other community
    ====  ==========  ==========  =====================  ================================  ==============

    H1 2026 at home: received 4, mediated 2, successful 1 → 调解率 50%, 调解成功率 50%.
    """
    home, recorder = world.community, world.mediator
    member = CommitteeMember.objects.create(community=home, name="普建华", start_on=D(2024, 1, 1))
    a = case(home, "2026-001", DisputeKind.NEIGHBOUR, D(2026, 2, 1), group=world.group_a,
             status=DisputeStatus.SUCCESS, closed_on=D(2026, 2, 5), agreement_terms="赔偿500元")  # fmt: skip
    session(a, D(2026, 2, 3), recorder, member)
    b = case(home, "2026-002", DisputeKind.NEIGHBOUR, D(2026, 3, 1), group=world.group_b,
             status=DisputeStatus.FAILED, closed_on=D(2026, 3, 9))  # fmt: skip
    session(b, D(2026, 3, 2), recorder, member)
    c = case(home, "2026-003", DisputeKind.MARRIAGE, D(2026, 4, 1), status=DisputeStatus.WITHDRAWN,
             closed_on=D(2026, 4, 2))  # fmt: skip
    d = case(home, "2026-004", DisputeKind.DEBT, D(2026, 5, 1), status=DisputeStatus.SUCCESS, closed_on=D(2026, 7, 2))
    session(d, D(2026, 7, 1), recorder)
    e = case(home, "2025-009", DisputeKind.NEIGHBOUR, D(2025, 12, 20), group=world.group_a,
             status=DisputeStatus.MEDIATING)  # fmt: skip
    session(e, D(2026, 1, 5), recorder)
    f = case(world.other_community, "2026-001", DisputeKind.NEIGHBOUR, D(2026, 3, 10),
             status=DisputeStatus.SUCCESS, closed_on=D(2026, 3, 12))  # fmt: skip
    session(f, D(2026, 3, 11), recorder)
    DisputeParty.objects.create(community=home, case=b, role=PartyRole.APPLICANT, name="李四")
    DisputeParty.objects.create(community=home, case=b, role=PartyRole.RESPONDENT, name="王五")
    return {"A": a, "B": b, "C": c, "D": d, "E": e, "F": f}


class TestDisputeFigures:
    def test_first_half_of_2026_at_home(self, world, disputes):
        figures = dispute_figures(community=world.community, start=H1[0], end=H1[1])
        assert (figures.received, figures.mediated, figures.successful) == (4, 2, 1)
        assert figures.mediation_rate == 0.5
        assert figures.success_rate == 0.5
        assert (figures.mediation_rate_display, figures.success_rate_display) == ("50%", "50%")

    def test_by_kind(self, world, disputes):
        figures = dispute_figures(community=world.community, start=H1[0], end=H1[1])
        assert figures.by_kind[DisputeKind.NEIGHBOUR] == DisputeCounts(2, 2, 1)
        assert figures.by_kind[DisputeKind.MARRIAGE] == DisputeCounts(1, 0, 0)
        assert figures.by_kind[DisputeKind.DEBT] == DisputeCounts(1, 0, 0)
        assert figures.by_kind[DisputeKind.LAND] == DisputeCounts(0, 0, 0)
        assert figures.by_kind[DisputeKind.MARRIAGE].mediation_rate == 0
        assert figures.by_kind[DisputeKind.MARRIAGE].success_rate is None
        assert [label for label, _ in figures.kinds()] == ["邻里纠纷", "婚姻家庭纠纷", "债务纠纷"]

    def test_a_later_end_counts_what_happened_by_then(self, world, disputes):
        figures = dispute_figures(community=world.community, start=H1[0], end=D(2026, 7, 31))
        assert (figures.received, figures.mediated, figures.successful) == (4, 3, 2)
        assert format_rate(figures.mediation_rate) == "75%"
        assert format_rate(figures.success_rate) == "66.7%"

    def test_several_communities(self, world, disputes):
        both = dispute_figures(communities=[world.community, world.other_community], start=H1[0], end=H1[1])
        assert (both.received, both.mediated, both.successful) == (5, 3, 2)
        everywhere = dispute_figures(start=D(2025, 1, 1), end=D(2026, 12, 31))
        assert everywhere.received == 6

    def test_a_period_without_disputes_has_no_rates(self, world, disputes):
        figures = dispute_figures(community=world.community, start=D(2025, 1, 1), end=D(2025, 6, 30))
        assert (figures.received, figures.mediated, figures.successful) == (0, 0, 0)
        assert figures.mediation_rate is None
        assert figures.success_rate is None
        assert (figures.mediation_rate_display, figures.success_rate_display) == ("—", "—")

    def test_one_query(self, world, disputes, django_assert_num_queries):
        with django_assert_num_queries(1):
            dispute_figures(community=world.community, start=H1[0], end=H1[1])

    def test_periods(self):
        assert year_period(2026) == (D(2026, 1, 1), D(2026, 12, 31))
        assert month_period(2026, 2) == (D(2026, 2, 1), D(2026, 2, 28))


class TestScreening:
    def test_march_lists_the_cases_received_or_open_in_the_month_by_group(self, world, disputes):
        groups = dispute_screening(community=world.community, start=D(2026, 3, 1), end=D(2026, 3, 31))
        # A closed in February; C and D came later; E (received 2025, still open) and B (received in March).
        assert [(group.name, [row.case.number for row in group.rows]) for group in groups] == [
            ("寨子组", ["2025-009"]),
            ("岔河组", ["2026-002"]),
        ]
        b = groups[1].rows[0]
        assert b.parties == "李四(申请方)、王五(被申请方)"
        assert b.mediators == "普建华"
        assert b.status == "调解不成"
        assert b.outcome == "调解不成(2026-03-09)"
        assert b.measures == "03-02在调解室调解:03-02调解"
        e = groups[0].rows[0]
        assert (e.status, e.outcome, e.measures) == ("调解中", "未结案", "本月未开展调解")

    def test_the_status_is_read_at_the_end_of_the_month(self, world, disputes):
        groups = dispute_screening(community=world.community, start=D(2026, 5, 1), end=D(2026, 5, 31))
        rows = {row.case.number: row for group in groups for row in group.rows}
        assert set(rows) == {"2026-004", "2025-009"}
        assert rows["2026-004"].status == "受理"  # its session and success came in July
        assert groups[-1].name == "未分组"

    def test_a_month_without_disputes_is_empty(self, world, disputes):
        assert dispute_screening(community=world.community, start=D(2025, 6, 1), end=D(2025, 6, 30)) == []

    def test_the_scope_of_the_user_narrows_the_rows(self, world, disputes):
        cases = DisputeCase.objects.visible_to(world.mediator)
        groups = dispute_screening(cases=cases, start=D(2026, 3, 1), end=D(2026, 3, 31))
        numbers = [row.case.number for group in groups for row in group.rows]
        assert numbers == ["2025-009", "2026-002"]  # 朵亩's F is not the mediator's
        both = dispute_screening(start=D(2026, 3, 1), end=D(2026, 3, 31))
        assert [group.name for group in both] == ["箐口居委会 · 寨子组", "箐口居委会 · 岔河组", "朵亩居委会 · 未分组"]


class TestListHeader:
    def test_a_year_without_disputes_shows_dashes(self, client, world):
        client.force_login(world.mediator)
        response = client.get(reverse("safety:disputecase_list"))
        figures = response.context["figures"]
        assert figures.received == 0
        assert figures.mediation_rate is None
        content = response.content.decode()
        assert '<div class="small text-muted">调解率</div><div class="fs-5">—</div>' in content
        assert '<div class="small text-muted">调解成功率</div><div class="fs-5">—</div>' in content
        assert "0%" not in content
