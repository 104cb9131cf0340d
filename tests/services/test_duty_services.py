"""Services of the duty area: rosters, publishing, shifts (one 带班领导, staff of the community, dates inside
the roster), handover notes, absences with their computed duration, responsible leader and fine."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from services.models.duty import DutyAbsence, DutyRoster, DutyShift, RosterStatus, fine_for
from services.services.duty import absence_save, roster_publish, roster_save, shift_save
from tests.services import duty_fixtures
from tests.services.duty_fixtures import add_absence, add_shift, at, t

pytestmark = pytest.mark.django_db

duty = duty_fixtures.duty
D = datetime.date


def messages(error: ValidationError) -> list[str]:
    return [message for messages_ in error.message_dict.values() for message in messages_]


class TestRoster:
    def test_roster_save_sets_community_preparer_and_draft(self, world):
        roster = roster_save(
            actor=world.worker, roster=DutyRoster(title="十一月值班表", start_on=D(2026, 11, 1), end_on=D(2026, 11, 30))
        )
        assert (roster.community, roster.prepared_by, roster.status) == (world.community, world.worker, "draft")
        assert roster.min_cadres == 2
        assert roster.history.first().history_user == world.worker

    def test_roster_end_before_start_is_refused(self, world):
        with pytest.raises(ValidationError) as error:
            roster_save(actor=world.worker, roster=DutyRoster(title="错", start_on=D(2026, 3, 9), end_on=D(2026, 3, 2)))
        assert "结束日期不能早于开始日期。" in messages(error.value)
        assert not DutyRoster.objects.exists()

    def test_roster_longer_than_a_month_is_refused(self, world):
        with pytest.raises(ValidationError) as error:
            roster_save(
                actor=world.worker, roster=DutyRoster(title="长", start_on=D(2026, 3, 1), end_on=D(2026, 4, 15))
            )
        assert "一张值班表最长一个月(31天)。" in messages(error.value)

    def test_shrinking_a_roster_past_its_shifts_is_refused(self, world, duty):
        roster = DutyRoster.objects.get(pk=duty.roster.pk)
        roster.end_on = D(2026, 3, 3)
        with pytest.raises(ValidationError) as error:
            roster_save(actor=world.worker, roster=roster)
        assert "已有班次不在新的起止日期之内,请先调整这些班次。" in messages(error.value)
        assert DutyRoster.objects.get(pk=roster.pk).end_on == D(2026, 3, 4)

    def test_publish_sets_status_and_time(self, world, duty):
        assert duty.roster.status == RosterStatus.PUBLISHED
        assert duty.roster.published_at is not None

    def test_publishing_twice_is_refused(self, world, duty):
        with pytest.raises(ValidationError) as error:
            roster_publish(actor=world.head, roster=duty.roster)
        assert error.value.messages == ["值班表已发布,不能重复发布。"]

    def test_publishing_without_shifts_is_refused(self, world):
        roster = roster_save(
            actor=world.worker, roster=DutyRoster(title="空表", start_on=D(2026, 3, 2), end_on=D(2026, 3, 8))
        )
        with pytest.raises(ValidationError) as error:
            roster_publish(actor=world.head, roster=roster)
        assert error.value.messages == ["值班表还没有班次,不能发布。"]
        assert DutyRoster.objects.get(pk=roster.pk).status == RosterStatus.DRAFT

    def test_a_roster_with_gaps_can_be_published(self, world, duty):
        published = roster_publish(actor=world.head, roster=duty.draft)  # one day shift in a week: gaps everywhere
        assert published.status == RosterStatus.PUBLISHED


class TestShift:
    def test_shift_takes_the_roster_s_community_and_staff(self, world, duty):
        assert duty.s1.community == world.community
        assert set(duty.s1.staff.all()) == {world.worker, world.grid_worker}
        assert duty.s1.leader == world.head

    def test_crossing_midnight(self, duty):
        assert duty.s2.crosses_midnight
        assert (duty.s2.ends_at.date(), duty.s2.ends_at.time()) == (D(2026, 3, 3), t("08:00"))
        assert duty.s2.hours == Decimal("12.0")
        assert duty.s4.hours == Decimal("11.5")
        assert duty.s2.time_display == "20:00–次日08:00"
        assert not duty.s1.crosses_midnight

    def test_a_shift_needs_a_leader(self, world, duty):
        shift = DutyShift(roster=duty.draft, date=D(2026, 3, 10), start=t("08:00"), end=t("20:00"))
        with pytest.raises(ValidationError) as error:
            shift_save(actor=world.worker, shift=shift, staff=[world.worker])
        assert "每个班次必须有一名带班领导。" in messages(error.value)
        assert duty.draft.shifts.count() == 1

    def test_a_shift_needs_staff(self, world, duty):
        shift = DutyShift(roster=duty.draft, date=D(2026, 3, 10), start=t("08:00"), end=t("20:00"), leader=world.head)
        with pytest.raises(ValidationError) as error:
            shift_save(actor=world.worker, shift=shift, staff=[])
        assert "请选择值班人员。" in messages(error.value)

    def test_staff_and_leader_of_another_community_are_refused(self, world, duty):
        shift = DutyShift(
            roster=duty.draft, date=D(2026, 3, 10), start=t("08:00"), end=t("20:00"), leader=world.other_head
        )
        with pytest.raises(ValidationError) as error:
            shift_save(actor=world.worker, shift=shift, staff=[world.other_worker])
        assert "值班人员必须是本社区的工作人员。" in messages(error.value)
        assert "带班领导必须是本社区的工作人员。" in messages(error.value)
        assert duty.draft.shifts.count() == 1

    def test_a_day_outside_the_roster_is_refused(self, world, duty):
        with pytest.raises(ValidationError) as error:
            add_shift(world.worker, duty.draft, D(2026, 3, 16), "08:00", "20:00", [world.worker], world.head)
        assert "日期必须在值班表的起止日期(2026-03-09 至 2026-03-15)之内。" in messages(error.value)

    def test_another_community_s_roster_is_refused(self, world, duty):
        with pytest.raises(PermissionDenied):
            add_shift(world.worker, duty.other_roster, D(2026, 3, 3), "08:00", "20:00", [world.worker], world.head)


class TestAbsence:
    def test_fine_rule(self):
        assert fine_for(60, excused=False) == Decimal("50.00")
        assert fine_for(59, excused=False) == Decimal("0.00")
        assert fine_for(180, excused=True) == Decimal("0.00")

    def test_unexcused_hour_and_a_half_is_fined_and_the_leader_noted(self, world, duty):
        a1 = duty.a1
        assert (a1.duration_minutes, a1.fine_amount, a1.responsible_leader) == (90, Decimal("50.00"), world.head)
        assert a1.recorded_by == world.worker
        assert a1.duration_display == "1小时30分钟"
        assert duty.a4.duration_display == "1小时"

    def test_excused_absence_is_not_fined(self, duty):
        assert (duty.a2.duration_minutes, duty.a2.fine_amount) == (90, Decimal("0.00"))

    def test_exactly_one_hour_is_fined_and_59_minutes_is_not(self, duty):
        assert (duty.a4.duration_minutes, duty.a4.fine_amount) == (60, Decimal("50.00"))
        assert (duty.a3.duration_minutes, duty.a3.fine_amount) == (59, Decimal("0.00"))

    def test_correcting_an_absence_recomputes_the_fine(self, world, duty):
        absence = DutyAbsence.objects.get(pk=duty.a1.pk)
        absence.excused, absence.reason = True, "经批准外出处理紧急纠纷。"
        absence_save(actor=world.head, absence=absence)
        assert DutyAbsence.objects.get(pk=absence.pk).fine_amount == Decimal("0.00")

    def test_someone_not_on_the_shift_is_refused(self, world, duty):
        with pytest.raises(ValidationError) as error:
            add_absence(world.worker, duty.s3, world.worker, at(2026, 3, 3, 10), at(2026, 3, 3, 12))
        assert "脱岗人员必须是该班次的值班人员。" in messages(error.value)
        assert DutyAbsence.objects.filter(shift=duty.s3).count() == 2

    def test_return_before_leaving_is_refused(self, world, duty):
        with pytest.raises(ValidationError) as error:
            add_absence(world.worker, duty.s1, world.worker, at(2026, 3, 2, 12), at(2026, 3, 2, 11))
        assert "返岗时间必须晚于离岗时间。" in messages(error.value)

    def test_outside_the_shift_is_refused(self, world, duty):
        with pytest.raises(ValidationError) as error:
            add_absence(world.worker, duty.s1, world.worker, at(2026, 3, 2, 7), at(2026, 3, 2, 9))
        assert "离岗时间必须在班次时间(2026-03-02 08:00–20:00)之内。" in messages(error.value)
        with pytest.raises(ValidationError) as error:
            add_absence(world.worker, duty.s1, world.worker, at(2026, 3, 2, 19), at(2026, 3, 2, 21))
        assert "返岗时间不能晚于班次结束时间。" in messages(error.value)

    def test_an_excused_absence_needs_a_reason(self, world, duty):
        with pytest.raises(ValidationError) as error:
            add_absence(
                world.worker, duty.s1, world.grid_worker, at(2026, 3, 2, 9), at(2026, 3, 2, 9, 30), excused=True
            )
        assert "有正当理由的脱岗请填写事由。" in messages(error.value)
        assert not DutyAbsence.objects.filter(staff=world.grid_worker, shift=duty.s1).exists()

    def test_the_leader_s_absence_crossing_midnight_is_inside_the_shift(self, world, duty):
        absence = add_absence(world.worker, duty.s2, world.head, at(2026, 3, 3, 1), at(2026, 3, 3, 3))
        assert (absence.duration_minutes, absence.fine_amount, absence.responsible_leader) == (
            120,
            Decimal("50.00"),
            world.head,
        )


def test_handover_is_written_by_the_actor(world, duty):
    assert (duty.handover.written_by, duty.handover.community) == (world.worker, world.community)
