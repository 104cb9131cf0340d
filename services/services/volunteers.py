"""Write workflows of 志愿服务 (W13): register volunteers with their intentions and teams, log activities
and who served how many hours, take hours out of a volunteer's 时间储备, and post party members (设岗定责).

Hours are credited only for an activity that has taken place (its date is not after today), and a
redemption can never take a volunteer's balance below zero.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from governance.models import User
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save
from residents.choices import PersonStatus
from services.models.volunteers import (
    ActivityParticipation,
    HoursRedemption,
    PartyPost,
    Volunteer,
    VolunteerActivity,
    VolunteerTeam,
)


def _community_of(actor: User, obj):
    if obj.community_id is None:
        community = actor_community(actor)
        if community is None:
            raise ValidationError({"community": "请选择社区。"})
        obj.community = community
    return obj.community


def _check_teams(volunteer: Volunteer, teams: Iterable[VolunteerTeam]) -> list[VolunteerTeam]:
    teams = list(teams)
    if any(team.community_id != volunteer.community_id for team in teams):
        raise ValidationError({"teams": "只能加入本社区的志愿者队伍。"})
    return teams


#
# Teams
#


@transaction.atomic
def volunteer_team_save(*, actor: User, team: VolunteerTeam) -> VolunteerTeam:
    """Found or edit a volunteer team (in the actor's community when new)."""
    if team.leader_id:
        ensure_visible_to(team.leader, actor)
    return register_save(actor=actor, instance=team, reason="" if team.pk else "成立队伍")


#
# Volunteers
#


@transaction.atomic
def volunteer_register(*, actor: User, volunteer: Volunteer, teams: Iterable[VolunteerTeam] = ()) -> Volunteer:
    """Register a resident as a volunteer (志愿者登记): one record per person and community, in the
    person's residents' group."""
    if not volunteer._state.adding:
        raise ValueError("volunteer_register takes a new volunteer")
    person = volunteer.person
    ensure_visible_to(person, actor)
    if person.status != PersonStatus.ACTIVE:
        raise ValidationError({"person": f"{person.name}已{person.get_status_display()},不能登记为志愿者。"})
    if volunteer.community_id is None:
        # The actor's community; a superuser or street account registers the person where they live.
        volunteer.community = actor_community(actor) or person.community
    volunteer.group = person.group
    teams = _check_teams(volunteer, teams)
    return register_save(actor=actor, instance=volunteer, m2m={"teams": teams}, reason="志愿者登记")


@transaction.atomic
def volunteer_update(*, actor: User, volunteer: Volunteer, teams: Iterable[VolunteerTeam]) -> Volunteer:
    """Edit a volunteer's intentions, skills, teams and status; the group follows the person's."""
    volunteer.group = volunteer.person.group
    teams = _check_teams(volunteer, teams)
    return register_save(actor=actor, instance=volunteer, m2m={"teams": teams})


#
# Activities and hours
#


@transaction.atomic
def volunteer_activity_save(*, actor: User, activity: VolunteerActivity) -> VolunteerActivity:
    """Log or edit a volunteer activity. An activity that already has participants keeps its date in the
    past: their hours are credited for an activity that took place."""
    _community_of(actor, activity)
    if activity.pk and activity.date > timezone.localdate() and activity.participations.exists():
        raise ValidationError({"date": "已登记服务时长的活动,日期不能改到今天以后。"})
    return register_save(actor=actor, instance=activity, reason="" if activity.pk else "登记活动")


@transaction.atomic
def activity_participants_add(
    *, actor: User, activity: VolunteerActivity, volunteers: Iterable[Volunteer], hours: Decimal
) -> list[ActivityParticipation]:
    """Credit ``hours`` to each of ``volunteers`` for ``activity`` (their 时间储备 grows by as much)."""
    ensure_visible_to(activity, actor)
    volunteers = list(volunteers)
    if not volunteers:
        raise ValidationError({"volunteers": "请选择参加活动的志愿者。"})
    if hours is None or hours <= 0:
        raise ValidationError({"hours": "服务时长必须大于0。"})
    if activity.date > timezone.localdate():
        raise ValidationError("活动尚未开展,不能登记服务时长。")
    already = set(activity.participations.filter(volunteer__in=volunteers).values_list("volunteer_id", flat=True))
    created = []
    for volunteer in volunteers:
        ensure_visible_to(volunteer, actor)
        if volunteer.community_id != activity.community_id:
            raise ValidationError({"volunteers": f"{volunteer}不是本社区的志愿者。"})
        if not volunteer.is_active:
            raise ValidationError({"volunteers": f"{volunteer}已不在册服务,不能登记服务时长。"})
        if volunteer.pk in already:
            raise ValidationError({"volunteers": f"{volunteer}已登记参加本次活动。"})
        participation = ActivityParticipation(
            community=activity.community, activity=activity, volunteer=volunteer, hours=hours
        )
        created.append(register_save(actor=actor, instance=participation, reason="登记服务时长"))
    return created


def _hours(value: Decimal) -> str:
    """Hours as people write them: 3, 3.5 (never 3.0 or 3E+1)."""
    return format(value.normalize(), "f")


def volunteer_balance(volunteer: Volunteer) -> Decimal:
    """Hours earned in activities minus hours redeemed."""
    earned = volunteer.participations.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    spent = volunteer.redemptions.aggregate(total=Sum("hours"))["total"] or Decimal(0)
    return earned - spent


@transaction.atomic
def hours_redeem(
    *, actor: User, volunteer: Volunteer, on: datetime.date, hours: Decimal, reason: str
) -> HoursRedemption:
    """Take ``hours`` out of a volunteer's 时间储备 (兑换服务、表彰奖励 …): never more than the balance."""
    ensure_visible_to(volunteer, actor)
    # One redemption at a time per volunteer: the balance read below cannot be spent twice.
    Volunteer.objects.select_for_update().filter(pk=volunteer.pk).exists()
    if hours is None or hours <= 0:
        raise ValidationError({"hours": "支取时长必须大于0。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "请填写支取事由。"})
    if on > timezone.localdate():
        raise ValidationError({"on": "支取日期不能晚于今天。"})
    balance = volunteer_balance(volunteer)
    if hours > balance:
        raise ValidationError({"hours": f"时间储备不足:现有{_hours(balance)}小时,不能支取{_hours(hours)}小时。"})
    redemption = HoursRedemption(
        community=volunteer.community,
        volunteer=volunteer,
        date=on,
        hours=hours,
        reason=reason.strip(),
        recorded_by=actor,
    )
    redemption.full_clean()
    redemption.save()
    ensure_visible_to(redemption, actor)
    return redemption


#
# 党员设岗定责
#


@transaction.atomic
def party_post_save(*, actor: User, post: PartyPost) -> PartyPost:
    """Post a party member (or edit the post): the member must be a 党员 of the community."""
    if post.member_id:
        ensure_visible_to(post.member, actor)
        if post.community_id is None:
            post.community = actor_community(actor) or post.member.community
    _community_of(actor, post)
    return register_save(actor=actor, instance=post, reason="" if post.pk else "设岗定责")
