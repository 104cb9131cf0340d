"""Services of 志愿服务: registering volunteers, hours for activities, the 时间储备 ledger and its
redemptions, party posts; every refusal with its Chinese message and nothing written."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from residents.choices import PersonStatus
from services.models.volunteers import (
    ActivityParticipation,
    HoursRedemption,
    PartyPost,
    Volunteer,
    VolunteerActivity,
)
from services.selectors.volunteers import hours_ledger
from services.services.volunteers import (
    activity_participants_add,
    hours_redeem,
    party_post_save,
    volunteer_activity_save,
    volunteer_balance,
    volunteer_update,
)
from tests.services import volunteers_fixtures
from tests.services.volunteers_fixtures import activity, register, team

pytestmark = pytest.mark.django_db

volunteers = volunteers_fixtures.volunteers
D = datetime.date


def messages(error: ValidationError) -> list[str]:
    return [message for messages in error.message_dict.values() for message in messages]


class TestRegister:
    def test_a_worker_registers_a_resident_in_their_community_and_group(self, world, population):
        volunteer = register(world.worker, population.son)

        assert volunteer.community == world.community
        assert volunteer.group == world.group_a
        assert volunteer.history.get().history_user == world.worker
        assert volunteer.history.get().history_change_reason == "志愿者登记"

    def test_a_person_is_registered_once_per_community(self, world, population, volunteers):
        with pytest.raises(ValidationError) as error:
            register(world.worker, population.householder)
        assert "该居民已登记为本社区志愿者。" in error.value.messages
        assert Volunteer.objects.filter(person=population.householder).count() == 1

    def test_a_person_no_longer_on_the_register_is_refused(self, world, population):
        population.son.status = PersonStatus.DECEASED
        population.son.save()
        with pytest.raises(ValidationError) as error:
            register(world.worker, population.son)
        assert messages(error.value) == ["张伟已死亡,不能登记为志愿者。"]
        assert not Volunteer.objects.exists()

    def test_a_person_of_another_community_is_out_of_scope(self, world, population):
        with pytest.raises(PermissionDenied):
            register(world.worker, population.outsider)
        assert not Volunteer.objects.exists()

    def test_a_team_of_another_community_is_refused(self, world, population):
        theirs = team(world.other_head, "朵亩服务队")
        with pytest.raises(ValidationError) as error:
            register(world.worker, population.son, teams=[theirs])
        assert messages(error.value) == ["只能加入本社区的志愿者队伍。"]
        assert not Volunteer.objects.exists()

    def test_an_unknown_intention_is_refused(self, world, population):
        with pytest.raises(ValidationError) as error:
            register(world.worker, population.son, intentions=",elderly,flying,")
        assert messages(error.value) == ["未知的服务意向:flying。"]

    def test_update_changes_the_teams(self, world, volunteers):
        li = volunteers.li
        li.skills = "理发"
        volunteer_update(actor=world.worker, volunteer=li, teams=[volunteers.elderly])

        li.refresh_from_db()
        assert list(li.teams.all()) == [volunteers.elderly]
        assert li.skills == "理发"


class TestHours:
    def test_participants_are_credited_their_hours(self, world, volunteers):
        assert volunteer_balance(volunteers.zhang) == Decimal("3.5")  # 3 + 2.5 − 2
        assert volunteer_balance(volunteers.li) == Decimal("3")
        assert volunteer_balance(volunteers.wang) == Decimal("2.5")

    def test_a_volunteer_is_credited_once_per_activity(self, world, volunteers):
        with pytest.raises(ValidationError) as error:
            activity_participants_add(
                actor=world.worker, activity=volunteers.spring, volunteers=[volunteers.zhang], hours=Decimal(1)
            )
        assert messages(error.value) == ["张建国已登记参加本次活动。"]
        assert volunteers.spring.participations.count() == 2

    def test_no_hours_for_an_activity_that_has_not_taken_place(self, world, volunteers):
        planned = activity(world.worker, "明年植树", D(2099, 3, 12))
        with pytest.raises(ValidationError) as error:
            activity_participants_add(
                actor=world.worker, activity=planned, volunteers=[volunteers.li], hours=Decimal(2)
            )
        assert error.value.messages == ["活动尚未开展,不能登记服务时长。"]
        assert not planned.participations.exists()

    def test_hours_must_be_positive(self, world, volunteers):
        new = activity(world.worker, "清扫", D(2026, 5, 1))
        with pytest.raises(ValidationError) as error:
            activity_participants_add(actor=world.worker, activity=new, volunteers=[volunteers.li], hours=Decimal(0))
        assert messages(error.value) == ["服务时长必须大于0。"]

    def test_an_inactive_volunteer_gets_no_hours_and_nothing_is_written(self, world, volunteers):
        volunteers.wang.is_active = False
        volunteer_update(actor=world.head, volunteer=volunteers.wang, teams=[])
        new = activity(world.worker, "清扫", D(2026, 5, 1))
        with pytest.raises(ValidationError) as error:
            activity_participants_add(
                actor=world.worker, activity=new, volunteers=[volunteers.li, volunteers.wang], hours=Decimal(2)
            )
        assert messages(error.value) == ["王芳已不在册服务,不能登记服务时长。"]
        assert not ActivityParticipation.objects.filter(activity=new).exists()  # 李秀英's row rolled back too

    def test_a_volunteer_of_another_community_is_out_of_scope(self, world, volunteers):
        with pytest.raises(PermissionDenied):
            activity_participants_add(
                actor=world.worker, activity=volunteers.spring, volunteers=[volunteers.outsider], hours=Decimal(1)
            )

    def test_an_activity_with_hours_keeps_its_date_in_the_past(self, world, volunteers):
        spring = volunteers.spring
        spring.date = D(2099, 1, 1)
        with pytest.raises(ValidationError) as error:
            volunteer_activity_save(actor=world.worker, activity=spring)
        assert messages(error.value) == ["已登记服务时长的活动,日期不能改到今天以后。"]
        assert VolunteerActivity.objects.get(pk=spring.pk).date == D(2026, 3, 5)


class TestRedeem:
    def test_redeeming_lowers_the_balance_and_is_recorded_with_its_reason(self, world, volunteers):
        redemption = hours_redeem(
            actor=world.worker, volunteer=volunteers.li, on=D(2026, 11, 1), hours=Decimal("1.5"), reason="兑换理发"
        )
        assert (redemption.recorded_by, redemption.community) == (world.worker, world.community)
        assert volunteer_balance(volunteers.li) == Decimal("1.5")

    def test_no_more_than_the_balance(self, world, volunteers):
        with pytest.raises(ValidationError) as error:
            hours_redeem(
                actor=world.worker, volunteer=volunteers.zhang, on=D(2026, 11, 1), hours=Decimal(4), reason="兑换"
            )
        assert messages(error.value) == ["时间储备不足:现有3.5小时,不能支取4小时。"]
        assert HoursRedemption.objects.filter(volunteer=volunteers.zhang).count() == 1

    @pytest.mark.parametrize(
        ("hours", "reason", "on", "expected"),
        [
            (Decimal(0), "兑换", D(2026, 11, 1), "支取时长必须大于0。"),
            (Decimal(1), "  ", D(2026, 11, 1), "请填写支取事由。"),
            (Decimal(1), "兑换", D(2099, 1, 1), "支取日期不能晚于今天。"),
        ],
    )
    def test_refusals(self, world, volunteers, hours, reason, on, expected):
        with pytest.raises(ValidationError) as error:
            hours_redeem(actor=world.worker, volunteer=volunteers.li, on=on, hours=hours, reason=reason)
        assert messages(error.value) == [expected]
        assert not HoursRedemption.objects.filter(volunteer=volunteers.li).exists()

    def test_a_grid_worker_cannot_touch_a_volunteer_outside_their_groups(self, world, volunteers):
        with pytest.raises(PermissionDenied):
            hours_redeem(
                actor=world.grid_worker, volunteer=volunteers.wang, on=D(2026, 11, 1), hours=Decimal(1), reason="兑换"
            )

    def test_the_ledger_runs_in_date_order_with_its_balance(self, volunteers):
        ledger = hours_ledger(volunteers.zhang)

        assert [(entry.date, entry.hours, entry.balance) for entry in ledger.entries] == [
            (D(2026, 3, 5), Decimal("3"), Decimal("3")),
            (D(2026, 10, 18), Decimal("2.5"), Decimal("5.5")),
            (D(2026, 10, 20), Decimal("-2"), Decimal("3.5")),
        ]
        assert ledger.entries[-1].what == "支取:兑换上门助老服务"
        assert (ledger.earned, ledger.redeemed, ledger.balance) == (Decimal("5.5"), Decimal("2"), Decimal("3.5"))

    def test_an_empty_ledger(self, world, population):
        ledger = hours_ledger(register(world.worker, population.son))
        assert (ledger.entries, ledger.balance) == ([], Decimal(0))


class TestPartyPost:
    def test_a_post_for_a_party_member(self, world, volunteers):
        post = volunteers.post
        assert (post.community, post.member.name) == (world.community, "陈党员")
        assert post.history.get().history_change_reason == "设岗定责"

    def test_only_party_members_are_posted(self, world, population):
        with pytest.raises(ValidationError) as error:
            party_post_save(
                actor=world.worker,
                post=PartyPost(name="法律咨询岗", duty="解答法律问题。", member=population.son, start_on=D(2026, 1, 1)),
            )
        assert messages(error.value) == ["张伟的政治面貌是群众,只能为党员设岗。"]
        assert not PartyPost.objects.exists()

    def test_a_post_ends_after_it_starts(self, world, volunteers):
        post = volunteers.post
        post.end_on = D(2024, 1, 1)
        with pytest.raises(ValidationError) as error:
            party_post_save(actor=world.worker, post=post)
        assert "离岗日期不能早于上岗日期。" in error.value.messages
        assert PartyPost.objects.get(pk=post.pk).end_on is None
