"""The staff figures (issue 5 item 11) on the hand-counted fixtures of ``staff_fixtures``."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from committee.models.staff import AttendanceStatus, ElectionKind, TrainingKind
from committee.selectors.staff import (
    attendance_month,
    attendance_staff,
    committee_composition,
    election_turnout,
    format_rate,
    staff_composition,
    staff_figures,
    training_days_by_staff,
    training_figures,
)
from tests.committee import staff_fixtures
from tests.committee.staff_fixtures import AS_OF

pytestmark = pytest.mark.django_db

staff_world = staff_fixtures.staff_world
D = datetime.date


def test_composition_counts_the_staff_serving_on_the_day(world, staff_world):
    figures = staff_composition(community=world.community, as_of=AS_OF)
    assert (figures.serving, figures.full_time) == (6, 4)
    assert (figures.college, figures.full_time_college) == (4, 3)
    assert figures.college_share == pytest.approx(4 / 6)
    assert figures.full_time_college_share == pytest.approx(3 / 4)
    assert (figures.certified, figures.certified_share) == (2, pytest.approx(2 / 6))
    # head and worker by their flag, deputy by a 社会工作 record; member's record begins after AS_OF.
    assert figures.full_time_social_work_trained == 3
    assert figures.social_work_trained_share_display == "75%"
    assert figures.college_share_display == "66.7%"


def test_composition_on_an_earlier_day_counts_who_served_then(world, staff_world):
    figures = staff_composition(community=world.community, as_of=D(2026, 6, 29))
    assert figures.serving == 7  # 吴网格 had not left yet
    assert figures.full_time == 5
    # On 2026-03-01 李副主任's social-work course had not begun.
    assert staff_composition(community=world.community, as_of=D(2026, 3, 1)).full_time_social_work_trained == 2


def test_a_community_without_staff_has_no_rates(world, staff_world):
    figures = staff_composition(community=world.far_community, as_of=AS_OF)
    assert figures.serving == 0
    assert figures.college_share is None
    assert figures.college_share_display == "—"
    training = training_figures(community=world.far_community, as_of=AS_OF)
    assert training.training_rate is None
    assert training.days_per_trained is None
    assert training.days == 0


def test_training_of_the_year_up_to_the_day(world, staff_world):
    figures = training_figures(community=world.community, as_of=AS_OF)
    assert figures.year == 2026
    assert figures.serving == 6
    assert figures.days == Decimal("15.5")
    assert figures.trained == 3
    assert figures.training_rate == pytest.approx(0.5)
    assert figures.days_per_trained == Decimal("5.2")
    assert figures.days_per_staff == Decimal("2.6")
    assert (figures.it_trained, figures.it_certified) == (2, 1)
    assert figures.it_training_rate_display == "33.3%"
    assert figures.it_certificate_rate_display == "16.7%"
    assert dict(figures.kinds())["办公自动化和信息管理"] == Decimal("10")
    assert dict(figures.kinds())["政治理论"] == Decimal("2.5")
    assert dict(figures.kinds())["其他"] == 0


def test_training_before_the_political_course(world, staff_world):
    figures = training_figures(community=world.community, as_of=D(2026, 9, 21))
    assert figures.days == Decimal("13")
    assert figures.trained == 3


def test_days_per_staff_per_year(world, staff_world):
    rows = {row.staff.name: row for row in training_days_by_staff(community=world.community, year=2026)}
    assert set(rows) == {"王书记", "钱社工", "李副主任", "吴网格", "赵委员"}
    assert rows["钱社工"].total == Decimal("7.5")
    assert rows["钱社工"].records == 2
    assert rows["赵委员"].days_by_kind == {TrainingKind.SOCIAL_WORK: Decimal("2")}
    assert [row.staff.name for row in training_days_by_staff(community=world.community, year=2025)] == ["周干部"]


def test_committee_composition_on_a_day(world, staff_world):
    bodies = {body.body: body for body in committee_composition(community=world.community, on=AS_OF)}
    party = dict(bodies["party"].posts)
    residents = dict(bodies["residents"].posts)
    assert [term.staff.name for term in party["书记"]] == ["王书记"]
    assert party["副书记"] == []
    assert party["委员"] == []
    assert [term.staff.name for term in residents["主任"]] == ["王书记"]
    assert residents["副主任"] == []  # 李副主任's term ended on 2026-06-30
    assert [term.staff.name for term in residents["委员"]] == ["赵委员"]
    assert (bodies["party"].members, bodies["residents"].members) == (1, 2)
    earlier = {
        body.body: dict(body.posts) for body in committee_composition(community=world.community, on=D(2026, 6, 29))
    }
    assert [term.staff.name for term in earlier["residents"]["副主任"]] == ["李副主任"]


def test_turnout_of_the_latest_election(world, staff_world):
    turnout = election_turnout(community=world.community, as_of=AS_OF)
    assert turnout.election == staff_world.election
    assert turnout.rate == pytest.approx(0.96)
    assert turnout.display == "96%"
    assert election_turnout(community=world.community, as_of=AS_OF, kind=ElectionKind.REPRESENTATIVES).display == "100%"
    assert election_turnout(community=world.community, as_of=D(2024, 2, 1)).rate is None


def test_staff_figures_bundle(world, staff_world):
    figures = staff_figures(community=world.community, as_of=AS_OF)
    assert figures.composition.serving == 6
    assert figures.training.trained == 3
    assert figures.turnout.display == "96%"
    assert len(figures.committee) == 2


def test_daily_attendance_list_is_full_time_staff_and_committee_members(world, staff_world):
    names = [member.name for member in attendance_staff(community=world.community, day=AS_OF)]
    assert names == sorted(["王书记", "李副主任", "赵委员", "钱社工"])


def test_attendance_month_table(world, staff_world):
    sheet = attendance_month(community=world.community, year=2026, month=11)
    assert len(sheet.days) == 30
    rows = {row.staff.name: row for row in sheet.rows}
    assert set(rows) == {"王书记", "李副主任", "赵委员", "钱社工"}  # 吴网格 left in June
    assert rows["李副主任"].absent == 1
    assert rows["李副主任"].cells[4].status == AttendanceStatus.ABSENT
    assert rows["钱社工"].counts == {AttendanceStatus.LEAVE: 1}
    assert sheet.absent_days == 1  # 赵委员's absence was in October
    assert attendance_month(community=world.community, year=2026, month=10).absent_days == 1


def test_format_rate():
    assert format_rate(None) == "—"
    assert format_rate(0.22) == "22%"
    assert format_rate(12 / 41) == "29.3%"
