"""The demo of the meetings area on the test world (given seed 000's eight groups), after the services duty demo
and the staff demo, as ``seed_demo`` runs them: seed 000's meeting figures for 箐口's 2026, and the November 2026
fine ledger against a hand count from seed 000's rules; a second run changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from committee.demo import meetings as meetings_demo
from committee.demo import staff as staff_demo
from committee.models.fines import FineRecord, FineStatus
from committee.models.meetings import Meeting, MeetingAttendance, MeetingKind, MeetingStatus, Resolution
from committee.models.staff import CommitteePost, Position, Staff
from committee.selectors.fines import fine_statement
from committee.selectors.meetings import meeting_year
from governance.demo import SEED_GROUPS
from services.demo import duty as duty_demo
from tests.factories import ResidentGroupFactory

pytestmark = pytest.mark.django_db

D = datetime.date
NOVEMBER = D(2026, 11, 1)


@pytest.fixture
def demo(world):
    present = set(world.community.resident_groups.values_list("name", flat=True))
    for order, name in enumerate(SEED_GROUPS, start=1):
        if name not in present:
            ResidentGroupFactory(community=world.community, name=name, order=order + 10)
    data = {"admin": world.superuser, "qingkou": world.community, "duomu": world.other_community}
    duty_demo.seed(data)  # services runs before committee: its absences find no staff yet
    staff_demo.seed(data)
    meetings_demo.seed(data)
    return data


def test_qingkou_meets_as_seed_000_says(world, demo):
    figures = meeting_year(community=world.community, year=2026)
    assert figures.assembly.held == 4  # 「居民代表大会每年4次」
    assert figures.assembly.rate_display == "100%"  # 「居民代表出席率100%」
    assert figures.by_kind[MeetingKind.COORDINATION].held == 5  # 「社区协调会次5次」
    assert figures.party_councils == {1: 1, 2: 1, 3: 1, 4: 1}  # 「党支部每季度召开党员议事会1次」
    assert (figures.work_reports, figures.public_reviews) == (2, 2)  # 「报告工作2次、接受群众评议和监督2次」
    assert figures.by_kind[MeetingKind.TWO_COMMITTEES].held == 11
    december = Meeting.objects.get(community=world.community, date=D(2026, 12, 1))
    assert (december.kind, december.status, december.attendance.count()) == (
        MeetingKind.TWO_COMMITTEES,
        MeetingStatus.PREPARING,
        7,
    )
    assert not Meeting.objects.filter(community=world.community, date__year=2026, date__lt=D(2026, 12, 1)).exclude(
        status=MeetingStatus.CLOSED
    )
    assert Resolution.objects.filter(meeting__community=world.community).count() == 4
    duomu = Meeting.objects.filter(community=world.other_community)
    assert sorted(duomu.values_list("status", flat=True)) == ["closed", "closed", "preparing"]


def test_fine_ledger_for_the_demo_month_equals_a_hand_count(world, demo):
    staff = demo["committee_staff"]
    # The 两委 on 2026-11-03 in the order the staff demo registered them: 书记 (shuji), 副书记, 副主任 (zhibao),
    # 副主任, 组织委员, 宣传委员, 妇女主任.
    on = D(2026, 11, 3)
    committee = list(
        Staff.objects.filter(
            pk__in=CommitteePost.objects.active_on(on).filter(community=world.community).values("staff")
        )
        .serving_on(on)
        .order_by("pk")
    )
    assert len(committee) == 7
    assert (committee[0], committee[2]) == (staff["shuji"], staff["zhibao"])
    fushuji, fuzhuren, xuanchuan, funv = committee[1], committee[3], committee[5], committee[6]
    # The staff demo's 无故不上班 days of November: that 副主任 on 11-05, the 妇女主任 on 11-12.
    assert demo["committee_absences"] == [(fuzhuren, D(2026, 11, 5)), (funv, D(2026, 11, 12))]
    group_cadres = list(
        Staff.objects.filter(community=world.community, position__in=(Position.GROUP_LEADER, Position.GROUP_CADRE))
        .serving_on(D(2026, 11, 16))
        .order_by("pk")
    )
    first_leader, second_cadre = group_cadres[0], group_cadres[2]  # 寨子 组长, then 寨子's second 小组干部

    statement = fine_statement(community=world.community, month=NOVEMBER)
    due = {line.staff: line.due for line in statement.lines if line.due}
    assert due == {
        # A1 100 (11-05 无故不上班, 副主任 = 班子领导) + M1 20 (11-03 两委会 请假) = 120
        fuzhuren: Decimal("120.00"),
        # A2 50 (11-12 无故不上班, 委员) + M3 100 (11-03 两委会 缺席) = 150
        funv: Decimal("150.00"),
        # M2 10 (11-03 两委会 迟到)
        xuanchuan: Decimal("10.00"),
        # D1 50 (11-17 值班无故脱岗1小时30分钟; the duty demo's unexcused absence, on the test world gongzuo's)
        staff["gongzuo"]: Decimal("50.00"),
        # M5 10 (11-16 小组干部会议 迟到)
        first_leader: Decimal("10.00"),
        # M4 20 (11-16 小组干部会议 请假)
        second_cadre: Decimal("20.00"),
    }
    assert statement.due == Decimal("360.00")  # 120 + 150 + 10 + 50 + 10 + 20
    # The 副书记's 请假 was a 特殊情况 recognised by the 书记: M1 20, exempted.
    exempted = {line.staff: line.exempted for line in statement.lines if line.exempted}
    assert exempted == {fushuji: Decimal("20.00")}
    # The 带班领导 of 11-17 (zhibao) bears the 主要责任, recorded at 0元.
    responsibility = FineRecord.objects.get(community=world.community, date=D(2026, 11, 17), rule__code="D1a")
    assert (responsibility.staff, responsibility.amount) == (staff["zhibao"], Decimal("0.00"))
    # The 11-10 absence was excused (街道紧急会议): nothing.
    assert not FineRecord.objects.filter(community=world.community, date=D(2026, 11, 10))
    codes = sorted(
        FineRecord.objects.filter(community=world.community).in_month(NOVEMBER).values_list("rule__code", flat=True)
    )
    assert codes == ["A1", "A2", "D1", "D1a", "M1", "M1", "M2", "M3", "M4", "M5"]


def test_august_has_an_exempt_special_case(world, demo):
    [august] = FineRecord.objects.filter(community=world.community, date=D(2026, 8, 4))
    assert (august.rule.code, august.status, august.exempted_by) == ("M1", FineStatus.EXEMPTED, world.head)


def test_seeding_twice_changes_nothing(world, demo):
    counts = (
        Meeting.objects.count(),
        MeetingAttendance.objects.count(),
        FineRecord.objects.count(),
        FineRecord.history.count(),
        Meeting.history.count(),
    )
    meetings_demo.seed(demo)
    assert (
        Meeting.objects.count(),
        MeetingAttendance.objects.count(),
        FineRecord.objects.count(),
        FineRecord.history.count(),
        Meeting.history.count(),
    ) == counts
