"""Services of the fine rules and the ledger: seed 000's defaults for every community, rule versions, the ledger
derived from meetings, 考勤 and 脱岗 (idempotent, re-derived on corrections), exemption and payment."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from committee.models.fines import DEFAULT_FINE_RULES, FineRecord, FineRule, FineStatus, FineTrigger
from committee.models.meetings import MeetingKind
from committee.models.staff import AttendanceStatus, WorkAttendance
from committee.services.fines import (
    finerecord_exempt,
    finerecord_mark_paid,
    finerule_revise,
    finerule_save,
    fines_sync,
    fines_sync_by,
)
from committee.services.meetings import attendees_add, meeting_close, meeting_save
from committee.services.staff import attendance_save
from services.models.duty import DutyAbsence, DutyRoster, DutyShift
from services.services.duty import absence_save, roster_save, shift_save
from tests.committee import meetings_fixtures
from tests.committee.meetings_fixtures import add_meeting, mark
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db

meetings = meetings_fixtures.meetings
D = datetime.date
TZ = ZoneInfo("Asia/Shanghai")
OCTOBER, NOVEMBER = D(2026, 10, 1), D(2026, 11, 1)


def ledger(community, month=None):
    records = FineRecord.objects.filter(community=community)
    if month is not None:
        records = records.in_month(month)
    return sorted((r.staff.name, r.rule.code, str(r.amount), r.status) for r in records.select_related("staff", "rule"))


def history_rows():
    return FineRecord.history.count()


def absent_day(actor, staff, day, status=AttendanceStatus.ABSENT):
    return attendance_save(actor=actor, attendance=WorkAttendance(staff=staff, date=day, status=status))


#
# Rules
#


def test_every_new_community_gets_seed_000s_rules():
    community = CommunityFactory()
    rules = {rule.code: rule for rule in FineRule.objects.filter(community=community)}
    assert sorted(rules) == sorted(rule["code"] for rule in DEFAULT_FINE_RULES)
    amounts = {code: rule.amount for code, rule in rules.items()}
    assert amounts == {
        "D1": Decimal("50.00"),
        "D1a": None,
        "A1": Decimal("100.00"),
        "A2": Decimal("50.00"),
        "M1": Decimal("20.00"),
        "M2": Decimal("10.00"),
        "M3": Decimal("100.00"),
        "M4": Decimal("20.00"),
        "M5": Decimal("10.00"),
        "M6": Decimal("50.00"),
    }
    assert rules["A1"].get_unit_display() == "天"
    assert rules["M1"].get_unit_display() == "次"
    assert all(rule.history.count() == 1 for rule in rules.values())


def test_only_a_head_changes_rules_and_an_amount_only_by_a_new_version(world):
    rule = FineRule.objects.get(community=world.community, code="M1")
    rule.name = "居委会干部开会请假(除特殊情况)"
    with pytest.raises(PermissionDenied):
        finerule_save(actor=world.worker, rule=rule)
    finerule_save(actor=world.head, rule=rule)
    rule.amount = Decimal("30.00")
    with pytest.raises(ValidationError, match="调整金额请建立新版本"):
        finerule_save(actor=world.head, rule=rule)


def test_a_rule_of_the_same_case_cannot_overlap(world):
    rule = FineRule(
        community=world.community, code="M9", name="开会请假", trigger=FineTrigger.MEETING,
        subject="committee_cadre", meeting_status="leave", amount=Decimal("5"), unit="occurrence",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="与规则 M1 的触发情形、适用对象相同且有效期重叠。"):
        finerule_save(actor=world.head, rule=rule)


def test_a_new_amount_applies_from_its_date_and_earlier_fines_keep_theirs(world, meetings):
    m1 = FineRule.objects.get(community=world.community, code="M1")
    revised = finerule_revise(
        actor=world.head, rule=m1, amount=Decimal("30.00"), unit="occurrence", effective_from=NOVEMBER
    )
    m1.refresh_from_db()
    assert (m1.effective_to, revised.effective_from, revised.effective_to) == (D(2026, 10, 31), NOVEMBER, None)

    mark(world.worker, meetings.open, {"杨建华": "出席", "李春梅": "请假", "王丽": "出席"})
    meetings.open.minutes = "研究冬季防火工作。"
    meeting_save(actor=world.worker, meeting=meetings.open)
    meeting_close(meetings.open, world.worker)

    li = FineRecord.objects.filter(staff=meetings.li).order_by("date")
    assert [(r.date, r.rule.code, str(r.amount)) for r in li] == [
        (D(2026, 10, 15), "M1", "20.00"),  # the October meeting: the old version
        (D(2026, 11, 5), "M1", "30.00"),
    ]
    assert [r.rule_id for r in li] == [m1.pk, revised.pk]
    fines_sync(world.community, OCTOBER)
    assert str(FineRecord.objects.get(staff=meetings.li, date=D(2026, 10, 15)).amount) == "20.00"


def test_a_back_dated_version_re_derives_the_fines_it_covers(world, meetings):
    m2 = FineRule.objects.get(community=world.community, code="M2")
    finerule_revise(
        actor=world.head, rule=m2, amount=Decimal("15.00"), unit="occurrence", effective_from=D(2026, 10, 1)
    )
    record = FineRecord.objects.get(staff=meetings.wang)
    assert str(record.amount) == "15.00"
    assert record.history.first().history_change_reason == "来源更正,重新计算"


#
# Ledger from meetings
#


def test_meeting_fines_follow_rank_and_skip_representatives(world, meetings):
    assert ledger(world.community) == [
        ("何明", "M6", "50.00", "recorded"),
        ("李春梅", "M1", "20.00", "recorded"),
        ("王丽", "M2", "10.00", "recorded"),
        ("赵刚", "M3", "100.00", "exempted"),
    ]
    zhao = FineRecord.objects.get(staff=meetings.zhao)
    assert (zhao.exemption_reason, zhao.exempted_by, zhao.exempted_on_source) == (
        "住院治疗(特殊情况)",
        world.head,
        True,
    )
    assert not FineRecord.objects.filter(attendance__person=meetings.zhang_rep).exists()


def test_an_unclosed_meeting_draws_no_fine(world, meetings):
    mark(world.worker, meetings.open, {"杨建华": "缺席", "李春梅": "缺席", "王丽": "缺席"})
    fines_sync(world.community, NOVEMBER)
    assert ledger(world.community, NOVEMBER) == []


def test_the_sync_is_idempotent(world, meetings):
    before = (FineRecord.objects.count(), history_rows())
    result = fines_sync(world.community, OCTOBER)
    assert (result.created, result.updated, result.cancelled) == (0, 0, 0)
    assert (FineRecord.objects.count(), history_rows()) == before


def test_a_group_cadre_meeting_uses_the_group_rules(world, meetings):
    meeting = add_meeting(
        world.worker, None, "11月小组干部会议", MeetingKind.GROUP_CADRES, D(2026, 11, 9), minutes="布置年底工作。"
    )
    attendees_add(actor=world.worker, meeting=meeting, staff=[meetings.he, meetings.zhao])
    mark(world.worker, meeting, {"何明": "缺席", "赵刚": "请假"})
    meeting_close(meeting, world.worker)
    assert ledger(world.community, NOVEMBER) == [
        ("何明", "M6", "50.00", "recorded"),
        ("赵刚", "M1", "20.00", "recorded"),
    ]


#
# Ledger from 考勤
#


def test_a_day_of_unexcused_absence_is_fined_by_rank(world, meetings):
    absent_day(world.head, meetings.li, D(2026, 11, 3))
    absent_day(world.head, meetings.wang, D(2026, 11, 3))
    absent_day(world.head, meetings.he, D(2026, 11, 4))
    absent_day(world.head, meetings.zhao, D(2026, 11, 4), status=AttendanceStatus.LEAVE)
    assert ledger(world.community, NOVEMBER) == [
        ("何明", "A2", "50.00", "recorded"),
        ("李春梅", "A1", "100.00", "recorded"),
        ("王丽", "A2", "50.00", "recorded"),
    ]


def test_a_corrected_day_cancels_and_restores_its_fine_keeping_history(world, meetings):
    day = absent_day(world.head, meetings.wang, D(2026, 11, 3))
    day.status = AttendanceStatus.LEAVE
    day.note = "补办请假手续"
    attendance_save(actor=world.head, attendance=day)
    record = FineRecord.objects.get(work_attendance=day)
    assert record.status == FineStatus.CANCELLED
    day.status = AttendanceStatus.ABSENT
    attendance_save(actor=world.head, attendance=day)
    record.refresh_from_db()
    assert record.status == FineStatus.RECORDED
    assert [h.status for h in record.history.order_by("history_date")] == ["recorded", "cancelled", "recorded"]


def test_a_day_moved_to_another_month_moves_its_fine(world, meetings):
    day = absent_day(world.head, meetings.wang, D(2026, 11, 30))
    day.date = D(2026, 12, 1)
    attendance_save(actor=world.head, attendance=day)
    assert ledger(world.community, NOVEMBER) == []
    assert ledger(world.community, D(2026, 12, 1)) == [("王丽", "A2", "50.00", "recorded")]


def test_an_exemption_given_on_the_ledger_survives_a_re_derivation(world, meetings):
    day = absent_day(world.head, meetings.wang, D(2026, 11, 3))
    record = FineRecord.objects.get(work_attendance=day)
    finerecord_exempt(actor=world.head, record=record, reason="抗洪抢险(特殊情况)")
    day.note = "补充说明"
    attendance_save(actor=world.head, attendance=day)
    fines_sync(world.community, NOVEMBER)
    record.refresh_from_db()
    assert (record.status, record.exemption_reason, record.exempted_by) == (
        FineStatus.EXEMPTED,
        "抗洪抢险(特殊情况)",
        world.head,
    )


#
# Ledger from 脱岗
#


@pytest.fixture
def shift(world, meetings):
    roster = roster_save(
        actor=world.head, roster=DutyRoster(title="11月第3周", start_on=D(2026, 11, 16), end_on=D(2026, 11, 22))
    )
    return shift_save(
        actor=world.head,
        shift=DutyShift(
            roster=roster,
            date=D(2026, 11, 17),
            start=datetime.time(8),
            end=datetime.time(20),
            leader=world.head,
        ),
        staff=[world.worker, world.auditor],
    )


def absence(actor, shift, user, start, minutes, *, excused=False):
    left = datetime.datetime(2026, 11, 17, start, tzinfo=TZ)
    return absence_save(
        actor=actor,
        absence=DutyAbsence(
            shift=shift,
            staff=user,
            left_at=left,
            returned_at=left + datetime.timedelta(minutes=minutes),
            excused=excused,
            reason="家中急事" if excused else "",
        ),
    )


def test_an_unexcused_hour_away_from_duty_fines_the_staff_and_notes_the_leader(world, meetings, shift):
    absence(world.worker, shift, world.worker, 10, 90)
    assert ledger(world.community, NOVEMBER) == [
        ("杨建华", "D1a", "0.00", "recorded"),
        ("王丽", "D1", "50.00", "recorded"),
    ]
    leader = FineRecord.objects.get(trigger=FineTrigger.DUTY_RESPONSIBILITY)
    assert (leader.amount_display, leader.description) == (
        "主要责任(不计金额)",
        "带班期间王丽无故脱岗1小时30分钟,负主要责任",
    )


def test_exactly_one_hour_counts_less_does_not_and_an_account_without_staff_is_not_fined(world, meetings, shift):
    absence(world.worker, shift, world.worker, 9, 59)
    assert ledger(world.community, NOVEMBER) == []
    absence(world.worker, shift, world.worker, 14, 60)
    absence(world.worker, shift, world.auditor, 16, 120)  # 审计 has no staff record: only the leader's row
    assert ledger(world.community, NOVEMBER) == [
        ("杨建华", "D1a", "0.00", "recorded"),
        ("杨建华", "D1a", "0.00", "recorded"),
        ("王丽", "D1", "50.00", "recorded"),
    ]


def test_an_absence_excused_later_cancels_both_rows(world, meetings, shift):
    row = absence(world.worker, shift, world.worker, 10, 90)
    row.excused, row.reason = True, "经领导同意处理家中急事"
    absence_save(actor=world.worker, absence=row)
    assert {r.status for r in FineRecord.objects.filter(duty_absence=row)} == {FineStatus.CANCELLED}


def test_absences_recorded_before_the_staff_existed_are_caught_by_the_monthly_sync(world, meetings, shift):
    row = absence(world.worker, shift, world.worker, 10, 90)
    FineRecord.objects.filter(duty_absence=row).delete()
    result = fines_sync(world.community, NOVEMBER)
    assert result.created == 2
    assert ledger(world.community, NOVEMBER) == [
        ("杨建华", "D1a", "0.00", "recorded"),
        ("王丽", "D1", "50.00", "recorded"),
    ]


#
# Exemption and payment
#


def test_only_a_head_exempts_and_never_their_own_fine(world, meetings, shift):
    absence(world.worker, shift, world.head, 10, 90)  # the head themself left the shift
    own = FineRecord.objects.get(staff=meetings.yang, trigger=FineTrigger.DUTY_ABSENCE)
    li = FineRecord.objects.get(staff=meetings.li)
    with pytest.raises(PermissionDenied):
        finerecord_exempt(actor=world.worker, record=li, reason="特殊情况")
    with pytest.raises(ValidationError, match="不能豁免本人的罚款"):
        finerecord_exempt(actor=world.head, record=own, reason="特殊情况")
    with pytest.raises(ValidationError, match="请填写豁免理由"):
        finerecord_exempt(actor=world.head, record=li, reason="  ")
    finerecord_exempt(actor=world.head, record=li, reason="母亲住院(特殊情况)")
    li.refresh_from_db()
    assert (li.status, li.exempted_by) == (FineStatus.EXEMPTED, world.head)
    with pytest.raises(ValidationError, match="只有“已记录”的罚款可以办理"):
        finerecord_mark_paid(actor=world.head, record=li, paid_on=D(2026, 11, 20))


def test_a_head_records_a_payment(world, meetings, shift):
    wang = FineRecord.objects.get(staff=meetings.wang)
    with pytest.raises(PermissionDenied):
        finerecord_mark_paid(actor=world.worker, record=wang, paid_on=D(2026, 11, 20))
    with pytest.raises(ValidationError, match="缴纳日期不能早于罚款日期"):
        finerecord_mark_paid(actor=world.head, record=wang, paid_on=D(2026, 10, 1))
    finerecord_mark_paid(actor=world.head, record=wang, paid_on=D(2026, 11, 20))
    wang.refresh_from_db()
    assert (wang.status, wang.paid_on, wang.paid_recorded_by) == (FineStatus.PAID, D(2026, 11, 20), world.head)
    fines_sync(world.community, OCTOBER)
    wang.refresh_from_db()
    assert wang.status == FineStatus.PAID


def test_a_responsibility_is_neither_exempted_nor_paid(world, meetings, shift):
    absence(world.worker, shift, world.worker, 10, 90)
    leader = FineRecord.objects.get(trigger=FineTrigger.DUTY_RESPONSIBILITY)
    with pytest.raises(ValidationError, match="主要责任不计金额"):
        finerecord_mark_paid(actor=world.head, record=leader, paid_on=D(2026, 11, 20))


def test_the_sync_button_is_for_heads(world, meetings):
    with pytest.raises(PermissionDenied):
        fines_sync_by(actor=world.worker, community=world.community, month=OCTOBER)
    with pytest.raises(PermissionDenied):
        fines_sync_by(actor=world.other_head, community=world.community, month=OCTOBER)
    assert str(fines_sync_by(actor=world.head, community=world.community, month=OCTOBER)) == "新增0条,更新0条,撤销0条。"
