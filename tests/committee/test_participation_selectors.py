"""The figures of residents' participation on hand-counted fixtures: 落实率 and 处理率 per year (as of a day),
the monthly 社情民意汇总表, disclosures per year against the target of four, and the satisfaction of the 班子 and
of each cadre with their sources; a year without rows has rates of None, shown "—"."""

from __future__ import annotations

import datetime

import pytest

from committee.models.participation import (
    Disclosure,
    DisclosureKind,
    Evaluatee,
    Evaluation,
    EvaluationKind,
    Suggestion,
    SuggestionCategory,
    SuggestionSource,
    SuggestionStatus,
)
from committee.selectors.participation import (
    disclosure_year,
    disclosure_years,
    format_rate,
    satisfaction_year,
    suggestion_breakdown,
    suggestion_month_summary,
    suggestion_year,
    suggestion_years,
)
from tests.committee.participation_fixtures import make_staff

pytestmark = pytest.mark.django_db

D = datetime.date
IMPLEMENTED, DECLINED, PROCESSING, RECEIVED = (
    SuggestionStatus.IMPLEMENTED,
    SuggestionStatus.DECLINED,
    SuggestionStatus.PROCESSING,
    SuggestionStatus.RECEIVED,
)


def suggestion(community, number, received_on, status, *, assigned=None, implemented=None, answered=None, **fields):
    return Suggestion.objects.create(
        community=community,
        number=number,
        received_on=received_on,
        source=fields.pop("source", SuggestionSource.BOX),
        category=fields.pop("category", SuggestionCategory.FACILITIES),
        submitter_name="某居民",
        content=f"{number}的意见",
        status=status,
        assigned_on=assigned,
        implemented_on=implemented,
        answered_on=answered,
        decline_reason="无资金" if status == DECLINED else "",
        **fields,
    )


@pytest.fixture
def suggestions(world):
    """Hand-counted, in the home community unless said:

    ====  ==========  ===========  ==========  ===========  ==========  ==================  ============
    row   received    source       category    assigned     settled     status              note
    ====  ==========  ===========  ==========  ===========  ==========  ==================  ============
    A     2025-03-01  收集箱        设施         03-02        03-20 落实   已落实
    B     2025-05-10  居民代表大会  环境卫生     05-11        06-01 落实   已落实
    C     2025-07-01  热线          治安         —            07-05 答复   已答复不予采纳
    D     2025-09-15  收集箱        设施         09-16        —           处理中               open
    E     2025-12-20  网格走访      环境卫生     12-21        2026-01-05  已落实               settled next year
    F     2026-02-01  收集箱        设施         02-02        02-20 落实   已落实
    G     2025-04-01  收集箱        设施         04-02        04-10 落实   已落实 (朵亩)
    H     2025-12-28  热线          政策         —            —           已受理               open
    ====  ==========  ===========  ==========  ===========  ==========  ==================  ============

    2025 at home, as of 2025-12-31: received 6 (A B C D E H), implemented 2 (A B), declined 1 (C)
    → 落实率 2/6 = 33.3%, 处理率 3/6 = 50%. As of 2026-06-30 E is carried out too: 3/6 = 50%, 4/6 = 66.7%.
    """
    home, other = world.community, world.other_community
    return {
        "A": suggestion(
            home, "2025-001", D(2025, 3, 1), IMPLEMENTED, assigned=D(2025, 3, 2), implemented=D(2025, 3, 20)
        ),
        "B": suggestion(
            home,
            "2025-002",
            D(2025, 5, 10),
            IMPLEMENTED,
            assigned=D(2025, 5, 11),
            implemented=D(2025, 6, 1),
            source=SuggestionSource.ASSEMBLY,
            category=SuggestionCategory.SANITATION,
        ),
        "C": suggestion(
            home,
            "2025-003",
            D(2025, 7, 1),
            DECLINED,
            answered=D(2025, 7, 5),
            source=SuggestionSource.HOTLINE,
            category=SuggestionCategory.SECURITY,
        ),
        "D": suggestion(home, "2025-004", D(2025, 9, 15), PROCESSING, assigned=D(2025, 9, 16)),
        "E": suggestion(
            home,
            "2025-005",
            D(2025, 12, 20),
            IMPLEMENTED,
            assigned=D(2025, 12, 21),
            implemented=D(2026, 1, 5),
            source=SuggestionSource.GRID_VISIT,
            category=SuggestionCategory.SANITATION,
        ),
        "F": suggestion(
            home, "2026-001", D(2026, 2, 1), IMPLEMENTED, assigned=D(2026, 2, 2), implemented=D(2026, 2, 20)
        ),
        "G": suggestion(
            other, "2025-001", D(2025, 4, 1), IMPLEMENTED, assigned=D(2025, 4, 2), implemented=D(2025, 4, 10)
        ),
        "H": suggestion(
            home,
            "2025-006",
            D(2025, 12, 28),
            RECEIVED,
            source=SuggestionSource.HOTLINE,
            category=SuggestionCategory.POLICY,
        ),
    }


class TestSuggestionRates:
    def test_a_year_as_of_its_end(self, world, suggestions):
        year = suggestion_year(year=2025, community=world.community)
        assert (year.received, year.implemented, year.declined, year.answered, year.open) == (6, 2, 1, 3, 3)
        assert (year.implementation_rate_display, year.handling_rate_display) == ("33.3%", "50%")
        assert year.as_of == D(2025, 12, 31)

    def test_a_year_as_of_a_later_day(self, world, suggestions):
        year = suggestion_year(year=2025, community=world.community, as_of=D(2026, 6, 30))
        assert (year.implemented, year.declined) == (3, 1)
        assert (year.implementation_rate_display, year.handling_rate_display) == ("50%", "66.7%")

    def test_several_years_and_a_year_without_suggestions(self, world, suggestions):
        years = suggestion_years(years=[2024, 2025, 2026], community=world.community)
        assert [(y.year, y.received, y.implemented, y.declined) for y in years] == [
            (2024, 0, 0, 0),
            (2025, 6, 2, 1),
            (2026, 1, 1, 0),
        ]
        assert years[0].implementation_rate is None
        assert (years[0].implementation_rate_display, years[0].handling_rate_display) == ("—", "—")
        assert years[2].implementation_rate == 1

    def test_a_street_sees_its_communities_together(self, world, suggestions):
        from governance.models import Community

        street = suggestion_year(year=2025, communities=Community.objects.filter(street=world.street))
        assert (street.received, street.implemented) == (7, 3)

    def test_a_page_s_scoped_queryset(self, world, suggestions):
        Suggestion.objects.filter(pk=suggestions["A"].pk).update(group=world.group_a)
        visible = Suggestion.objects.visible_to(world.grid_worker)
        year = suggestion_year(year=2025, suggestions=visible)
        assert (year.received, year.implemented) == (1, 1)

    def test_breakdown_by_category_and_source(self, world, suggestions):
        breakdown = suggestion_breakdown(start=D(2025, 1, 1), end=D(2025, 12, 31), community=world.community)
        sanitation = breakdown.by_category[SuggestionCategory.SANITATION]
        assert (sanitation.received, sanitation.implemented) == (2, 1)  # E was carried out after the year
        assert breakdown.by_source[SuggestionSource.HOTLINE].received == 2
        assert breakdown.by_source[SuggestionSource.HOTLINE].declined == 1
        assert breakdown.by_source[SuggestionSource.VISIT].received == 0
        assert sum(counts.received for _, counts in breakdown.categories()) == 6


class TestMonthSummary:
    def test_december(self, world, suggestions):
        home = Suggestion.objects.filter(community=world.community)
        summary = suggestion_month_summary(suggestions=home, year=2025, month=12, today=D(2026, 11, 22))
        assert (summary.start, summary.end, summary.as_of, summary.received) == (
            D(2025, 12, 1),
            D(2025, 12, 31),
            D(2025, 12, 31),
            2,
        )
        assert summary.matrix[SuggestionCategory.SANITATION][SuggestionSource.GRID_VISIT] == 1
        assert summary.matrix[SuggestionCategory.POLICY][SuggestionSource.HOTLINE] == 1
        assert summary.category_totals[SuggestionCategory.FACILITIES] == 0
        assert summary.source_totals[SuggestionSource.HOTLINE] == 1
        # At the end of December E was in hand (assigned) and H not yet assigned.
        assert summary.status == {RECEIVED: 1, PROCESSING: 1, IMPLEMENTED: 0, DECLINED: 0}
        assert (summary.settled_implemented, summary.settled_declined) == (0, 0)
        # Open at the end of December: D, E and H; D was received more than 30 days before.
        assert (summary.open_at_end, summary.overdue_at_end) == (3, 1)
        assert [row.number for row in summary.rows] == ["2025-005", "2025-006"]
        assert ("环境卫生", [0, 0, 0, 0, 0, 0, 0, 1, 0], 1) in summary.matrix_rows()

    def test_january_settles_a_december_suggestion(self, world, suggestions):
        home = Suggestion.objects.filter(community=world.community)
        summary = suggestion_month_summary(suggestions=home, year=2026, month=1, today=D(2026, 11, 22))
        assert summary.received == 0
        assert (summary.settled_implemented, summary.settled_declined) == (1, 0)
        # D and H still open on 2026-01-31, both more than 30 days old.
        assert (summary.open_at_end, summary.overdue_at_end) == (2, 2)

    def test_the_month_in_course_is_told_as_of_today(self, world, suggestions):
        home = Suggestion.objects.filter(community=world.community)
        summary = suggestion_month_summary(suggestions=home, year=2026, month=2, today=D(2026, 2, 10))
        assert summary.as_of == D(2026, 2, 10)
        assert summary.status[PROCESSING] == 1  # F is carried out only on 02-20
        assert summary.settled_implemented == 0


@pytest.fixture
def disclosures(world):
    """Hand-counted (published in 2026 at home unless said):

    ====  ================  ==========  ==========  ==============================
    row   kind              period      published   counts for 2026's target
    ====  ================  ==========  ==========  ==============================
    1     居务财务           2025 Q4     2026-01-10  yes (published in 2026)
    2     居务               2026 Q1     2026-04-05  yes
    3     财务               2026 Q1     2026-04-06  no: the same quarter as row 2
    4     居务财务           2026 Q2     2026-07-07  yes
    5     党务               上半年      2026-07-01  no: 党务
    6     居务               专项        2026-08-01  no: no quarter
    7     居务财务 (朵亩)    2026 Q3     2026-10-08  other community
    8     居务财务           2025 Q3     2025-10-09  counts for 2025
    ====  ================  ==========  ==========  ==============================

    2026 at home: 6 published (居务 2, 财务 1, 居务财务 2, 党务 1), 3 regular → the target of 4 not met.
    """

    def disclosure(community, kind, year, quarter, published_on, period_text=""):
        return Disclosure.objects.create(
            community=community,
            kind=kind,
            title=f"{year}-{quarter or period_text}",
            year=year,
            quarter=quarter,
            period_text=period_text,
            published_on=published_on,
            channel="board",
            reviewed_by="财务监审小组",
        )

    home = world.community
    disclosure(home, DisclosureKind.AFFAIRS_FINANCE, 2025, 4, D(2026, 1, 10))
    disclosure(home, DisclosureKind.AFFAIRS, 2026, 1, D(2026, 4, 5))
    disclosure(home, DisclosureKind.FINANCE, 2026, 1, D(2026, 4, 6))
    disclosure(home, DisclosureKind.AFFAIRS_FINANCE, 2026, 2, D(2026, 7, 7))
    disclosure(home, DisclosureKind.PARTY, 2026, None, D(2026, 7, 1), "2026年上半年")
    disclosure(home, DisclosureKind.AFFAIRS, 2026, None, D(2026, 8, 1), "万寿菊补贴专项")
    disclosure(world.other_community, DisclosureKind.AFFAIRS_FINANCE, 2026, 3, D(2026, 10, 8))
    disclosure(home, DisclosureKind.AFFAIRS_FINANCE, 2025, 3, D(2025, 10, 9))


class TestDisclosureYears:
    def test_2026(self, world, disclosures):
        year = disclosure_year(year=2026, community=world.community)
        assert year.by_kind == {"affairs": 2, "finance": 1, "affairs_finance": 2, "party": 1}
        assert (year.total, year.regular, year.target, year.met) == (6, 3, 4, False)
        assert year.kinds()[0] == ("居务公开", 2)

    def test_a_fourth_quarter_makes_the_target(self, world, disclosures):
        Disclosure.objects.create(
            community=world.community,
            kind=DisclosureKind.AFFAIRS_FINANCE,
            title="三季度",
            year=2026,
            quarter=3,
            published_on=D(2026, 10, 9),
            channel="board",
            reviewed_by="财务监审小组",
        )
        assert disclosure_year(year=2026, community=world.community).met is True

    def test_years_and_the_street(self, world, disclosures):
        from governance.models import Community

        years = disclosure_years(years=[2024, 2025, 2026], community=world.community)
        assert [(y.year, y.total, y.regular) for y in years] == [(2024, 0, 0), (2025, 1, 1), (2026, 6, 3)]
        street = disclosure_year(year=2026, communities=Community.objects.filter(street=world.street))
        # Each community's quarters count apart: 3 at home and 1 at 朵亩.
        assert (street.total, street.regular) == (7, 4)


@pytest.fixture
def evaluations(world):
    """Hand-counted (2026 at home unless said):

    ====  ==========  ======  ============  ====  ==========  ======
    row   date        of      participants  满意  基本满意    不满意
    ====  ==========  ======  ============  ====  ==========  ======
    1     2026-06-28  班子     52            40    8           2
    2     2026-11-18  班子     50            41    7           2
    3     2026-06-28  张主任   45            30    10          5
    4     2026-11-18  张主任   40            35    5           0
    5     2026-11-18  王干事   30            0     0           0   (nobody voted)
    6     2025-12-01  班子     20            10    0           10  (2025)
    7     2026-06-20  班子     20            20    0           0   (朵亩)
    ====  ==========  ======  ============  ====  ==========  ======

    2026 班子: 81 + 15 of 100 votes → 满意率 96%, 满意票率 81%, from rows 1 and 2.
    张主任: 65 + 15 of 85 → 94.1%; 王干事: no votes → None.
    """
    zhang = make_staff(world.head, world.community, "张主任")
    wang = make_staff(world.head, world.community, "王干事")

    def evaluation(community, date, participants, satisfied, basic, unsatisfied, staff=None, **fields):
        return Evaluation.objects.create(
            community=community,
            date=date,
            kind=fields.pop("kind", EvaluationKind.DEMOCRATIC),
            evaluatee=Evaluatee.STAFF if staff else Evaluatee.COMMITTEE,
            staff=staff,
            participants=participants,
            satisfied=satisfied,
            basic=basic,
            unsatisfied=unsatisfied,
            source=fields.pop("source", "无记名民主测评表"),
        )

    home = world.community
    evaluation(home, D(2026, 6, 28), 52, 40, 8, 2, kind=EvaluationKind.REPORT)
    evaluation(home, D(2026, 11, 18), 50, 41, 7, 2)
    evaluation(home, D(2026, 6, 28), 45, 30, 10, 5, staff=zhang, kind=EvaluationKind.REPORT)
    evaluation(home, D(2026, 11, 18), 40, 35, 5, 0, staff=zhang)
    evaluation(home, D(2026, 11, 18), 30, 0, 0, 0, staff=wang)
    evaluation(home, D(2025, 12, 1), 20, 10, 0, 10)
    evaluation(world.other_community, D(2026, 6, 20), 20, 20, 0, 0, source="问卷")
    return {"zhang": zhang, "wang": wang}


class TestSatisfaction:
    def test_the_committee(self, world, evaluations):
        year = satisfaction_year(year=2026, community=world.community)
        committee = year.committee
        assert (committee.evaluations, committee.participants, committee.responses) == (2, 102, 100)
        assert (committee.satisfied, committee.basic, committee.unsatisfied) == (81, 15, 4)
        assert (committee.satisfaction_rate_display, committee.satisfied_rate_display) == ("96%", "81%")
        assert committee.sources == (
            "2026-06-28述职报告会(无记名民主测评表,参评52人)",
            "2026-11-18民主测评会(无记名民主测评表,参评50人)",
        )

    def test_each_cadre(self, world, evaluations):
        year = satisfaction_year(year=2026, community=world.community)
        assert [staff.name for staff, _ in year.cadres] == sorted(["张主任", "王干事"])
        zhang = year.cadre(evaluations["zhang"])
        assert (zhang.evaluations, zhang.satisfied, zhang.basic, zhang.unsatisfied) == (2, 65, 15, 5)
        assert zhang.satisfaction_rate_display == "94.1%"
        wang = year.cadre(evaluations["wang"])
        assert (wang.responses, wang.satisfaction_rate, wang.satisfaction_rate_display) == (0, None, "—")

    def test_a_year_without_evaluations(self, world, evaluations):
        year = satisfaction_year(year=2024, community=world.community)
        assert (year.committee.evaluations, year.committee.satisfaction_rate, year.cadres) == (0, None, [])
        assert year.committee.source_display == ""


def test_format_rate():
    assert [format_rate(None), format_rate(0), format_rate(0.96), format_rate(0.985), format_rate(2 / 3)] == [
        "—",
        "0%",
        "96%",
        "98.5%",
        "66.7%",
    ]
