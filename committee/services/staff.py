"""Write workflows of the staff area: staff records, 两委 posts and their terms, training records, working
bodies and their members, residents' representatives, work attendance (考勤) and elections (换届选举).

Every function takes the ``actor`` and saves through ``governance.services.register_save`` (validation,
history with the actor, the post-save scope re-check). The community of a new row is the one of the row
it hangs off (a post's staff member, a member's body, a candidate's election), else the actor's.

Elections: ``election_confirm_elected`` turns the elected candidates into what they were elected to: the
居委会 posts of a 换届 (the terms of the outgoing committee end on the election day), or the 居民代表 /
居民小组长 terms of the groups that elected someone (the outgoing terms of those groups end that day).
A confirmed election is closed: neither it nor its candidates change any more.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from committee.models.staff import (
    ELECTION_REPRESENTATIVE_KIND,
    SINGLE_POSTS,
    Body,
    CommitteePost,
    Election,
    ElectionCandidate,
    ElectionKind,
    ResidentRepresentative,
    Staff,
    TrainingRecord,
    WorkAttendance,
    WorkingBody,
    WorkingBodyMember,
)
from governance.models import Community, User
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save


def _community_of_new(instance, actor: User) -> None:
    if instance.community_id is None:
        instance.community = actor_community(actor)
        if instance.community is None:
            raise ValidationError({"community": "请选择社区。"})


def _overlaps(queryset, start: datetime.date, end: datetime.date | None):
    """Rows of a period queryset ([start_on, end_on), open end = still running) overlapping [start, end)."""
    queryset = queryset.exclude(end_on__isnull=False, end_on__lte=start)
    if end is not None:
        queryset = queryset.filter(start_on__lt=end)
    return queryset


#
# Staff
#


@transaction.atomic
def staff_save(*, actor: User, staff: Staff) -> Staff:
    """Add or edit a staff record. The name follows the person of the register (or the account) when left
    blank; a person or an account can be the staff member of only one serving record at a time."""
    if staff._state.adding:
        _community_of_new(staff, actor)
    if not staff.name.strip():
        if staff.person_id:
            staff.name = staff.person.name
        elif staff.user_id:
            staff.name = staff.user.display_name
    if staff.person_id and staff.joined_on:
        others = Staff.objects.filter(person_id=staff.person_id).exclude(pk=staff.pk)
        others = others.exclude(left_on__isnull=False, left_on__lte=staff.joined_on)
        if staff.left_on is not None:
            others = others.filter(joined_on__lt=staff.left_on)
        if others.exists():
            raise ValidationError({"person": "该居民已有在岗的工作人员记录。"})
    reason = "登记工作人员" if staff._state.adding else ""
    return register_save(actor=actor, instance=staff, reason=reason)


@transaction.atomic
def staff_leave(*, actor: User, staff: Staff, left_on: datetime.date, reason: str = "") -> Staff:
    """A staff member leaves (离岗) on ``left_on``: the 两委 posts and working-body seats still open end then."""
    ensure_visible_to(staff, actor)
    if staff.left_on is not None:
        raise ValidationError({"left_on": "该工作人员已离岗。"})
    if left_on < staff.joined_on:
        raise ValidationError({"left_on": "离岗日期不能早于到岗日期。"})
    staff.left_on = left_on
    for post in staff.posts.filter(end_on__isnull=True):
        committee_post_end(actor=actor, post=post, end_on=max(left_on, post.start_on))
    for seat in staff.body_memberships.filter(end_on__isnull=True):
        seat.end_on = max(left_on, seat.start_on)
        register_save(actor=actor, instance=seat, reason="工作人员离岗")
    return register_save(actor=actor, instance=staff, reason=reason or "离岗")


#
# 两委 posts
#


@transaction.atomic
def committee_post_add(*, actor: User, post: CommitteePost) -> CommitteePost:
    """A term of a 两委 post for a serving staff member. A 书记 or 主任 is held by one person at a time; nobody
    holds the same post of the same body twice at once."""
    if post.staff_id is None:
        raise ValidationError({"staff": "请选择任职人员。"})
    ensure_visible_to(post.staff, actor)
    post.community_id = post.staff.community_id
    post.full_clean()
    staff = post.staff
    if not staff.is_serving_on(post.start_on):
        raise ValidationError({"start_on": f"{staff.name}在{post.start_on:%Y-%m-%d}不在岗,不能任职。"})
    same = CommitteePost.objects.filter(community_id=post.community_id, body=post.body, post=post.post)
    same = _overlaps(same.exclude(pk=post.pk), post.start_on, post.end_on)
    if same.filter(staff=staff).exists():
        raise ValidationError({"post": f"{staff.name}在该期间已任{post.get_body_display()}{post.get_post_display()}。"})
    if post.post in SINGLE_POSTS:
        holder = same.select_related("staff").first()
        if holder is not None:
            raise ValidationError(
                {
                    "post": f"{post.get_body_display()}{post.get_post_display()}在该期间由{holder.staff.name}担任"
                    f"(自{holder.start_on:%Y-%m-%d}),请先结束其任期。"
                }
            )
    return register_save(actor=actor, instance=post, reason="任职" if post._state.adding else "")


@transaction.atomic
def committee_post_end(*, actor: User, post: CommitteePost, end_on: datetime.date, note: str = "") -> CommitteePost:
    """End a term (离任、换届) on ``end_on``."""
    ensure_visible_to(post, actor)
    if post.end_on is not None:
        raise ValidationError({"end_on": "该任期已结束。"})
    if end_on < post.start_on:
        raise ValidationError({"end_on": "任期结束不能早于任期开始。"})
    post.end_on = end_on
    if note:
        post.note = note[:200]
    return register_save(actor=actor, instance=post, reason="任期结束")


#
# Training
#


def training_days(start_on: datetime.date, end_on: datetime.date) -> Decimal:
    """The days of a training from its dates: the calendar span, both ends included."""
    return Decimal((end_on - start_on).days + 1)


@transaction.atomic
def training_record_save(*, actor: User, record: TrainingRecord) -> TrainingRecord:
    """Add or edit a training record; without days, the days are the calendar span of its dates."""
    if record.staff_id is None:
        raise ValidationError({"staff": "请选择参训人员。"})
    ensure_visible_to(record.staff, actor)
    record.community_id = record.staff.community_id
    if record.days is None and record.start_on and record.end_on and record.end_on >= record.start_on:
        record.days = training_days(record.start_on, record.end_on)
    if not record.certificate_obtained:
        record.certificate_number = ""
    return register_save(actor=actor, instance=record, reason="登记培训" if record._state.adding else "")


@transaction.atomic
def training_records_add(
    *, actor: User, staff: Iterable[Staff], template: TrainingRecord, certificates: dict[int, str] | None = None
) -> list[TrainingRecord]:
    """One training attended by several staff members: one record each, as ``template`` says (a certificate
    number per staff pk in ``certificates`` when the training gives them)."""
    staff = list(staff)
    if not staff:
        raise ValidationError({"staff": "请选择参训人员。"})
    records = []
    for member in staff:
        record = TrainingRecord(
            staff=member,
            kind=template.kind,
            topic=template.topic,
            provider=template.provider,
            start_on=template.start_on,
            end_on=template.end_on,
            days=template.days,
            certificate_obtained=template.certificate_obtained,
            certificate_number=(certificates or {}).get(member.pk, template.certificate_number),
            note=template.note,
        )
        try:
            records.append(training_record_save(actor=actor, record=record))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                raise ValidationError(
                    {
                        key: [f"{member.name}:{message}" for message in messages]
                        for key, messages in error.message_dict.items()
                    }
                ) from error
            raise
    return records


#
# Working bodies
#


@transaction.atomic
def working_body_save(*, actor: User, body: WorkingBody) -> WorkingBody:
    if body._state.adding:
        _community_of_new(body, actor)
    return register_save(actor=actor, instance=body, reason="成立工作机构" if body._state.adding else "")


@transaction.atomic
def working_body_member_save(*, actor: User, member: WorkingBodyMember) -> WorkingBodyMember:
    """Add or edit a member of a working body; a body has one 组长 at a time, and nobody sits twice at once."""
    if member.body_id is None:
        raise ValidationError({"body": "请选择工作机构。"})
    ensure_visible_to(member.body, actor)
    member.community_id = member.body.community_id
    if member.staff_id or member.person_id:
        member.name = ""
    member.full_clean()
    seats = _overlaps(
        WorkingBodyMember.objects.filter(body_id=member.body_id).exclude(pk=member.pk), member.start_on, member.end_on
    )
    if member.staff_id and seats.filter(staff_id=member.staff_id).exists():
        raise ValidationError({"staff": "该工作人员在此期间已是本机构成员。"})
    if member.person_id and seats.filter(person_id=member.person_id).exists():
        raise ValidationError({"person": "该居民在此期间已是本机构成员。"})
    if member.role == "leader":
        leader = seats.filter(role="leader").first()
        if leader is not None:
            raise ValidationError({"role": f"本机构在此期间的组长是{leader.display_name},一个机构只有一名组长。"})
    return register_save(actor=actor, instance=member, reason="加入工作机构" if member._state.adding else "")


#
# Residents' representatives
#


@transaction.atomic
def representative_save(*, actor: User, representative: ResidentRepresentative) -> ResidentRepresentative:
    """Add or edit a 居民代表 / 居民小组长 term; the group defaults to the person's. A person holds a kind once at
    a time, and a group has one 居民小组长 at a time."""
    if representative.person_id is None:
        raise ValidationError({"person": "请填写居民身份证号。"})
    ensure_visible_to(representative.person, actor)
    representative.community_id = representative.person.community_id
    if representative.group_id is None:
        representative.group_id = representative.person.group_id
        if representative.group_id is None:
            raise ValidationError({"group": "该居民没有所在居民小组,请选择所代表的小组。"})
    representative.full_clean()
    terms = _overlaps(
        ResidentRepresentative.objects.filter(community_id=representative.community_id, kind=representative.kind),
        representative.start_on,
        representative.end_on,
    ).exclude(pk=representative.pk)
    label = representative.get_kind_display()
    if terms.filter(person_id=representative.person_id).exists():
        raise ValidationError({"person": f"该居民在此期间已是{label}。"})
    if representative.kind == "group_leader":
        leader = terms.filter(group_id=representative.group_id).select_related("person").first()
        if leader is not None:
            raise ValidationError({"group": f"{representative.group}在此期间的居民小组长是{leader.person.name}。"})
    return register_save(actor=actor, instance=representative, reason="登记" if representative._state.adding else "")


@transaction.atomic
def representative_end(
    *, actor: User, representative: ResidentRepresentative, end_on: datetime.date, reason: str = "任期结束"
) -> ResidentRepresentative:
    ensure_visible_to(representative, actor)
    if representative.end_on is not None:
        raise ValidationError({"end_on": "该任期已结束。"})
    if end_on < representative.start_on:
        raise ValidationError({"end_on": "任期结束不能早于任期开始。"})
    representative.end_on = end_on
    return register_save(actor=actor, instance=representative, reason=reason)


#
# Work attendance (考勤)
#


@transaction.atomic
def attendance_save(*, actor: User, attendance: WorkAttendance) -> WorkAttendance:
    """Record or correct one day of a staff member's attendance; the staff member must be serving that day."""
    if attendance.staff_id is None:
        raise ValidationError({"staff": "请选择工作人员。"})
    staff = attendance.staff
    ensure_visible_to(staff, actor)
    attendance.community_id = staff.community_id
    if attendance.date and not staff.is_serving_on(attendance.date):
        raise ValidationError({"date": f"{staff.name}在{attendance.date:%Y-%m-%d}不在岗。"})
    if attendance._state.adding:
        attendance.recorded_by = actor
    return register_save(actor=actor, instance=attendance, reason="登记考勤" if attendance._state.adding else "")


@dataclass
class DayEntry:
    staff: Staff
    status: str
    note: str = ""


@transaction.atomic
def attendance_record_day(
    *, actor: User, community: Community, day: datetime.date, entries: Iterable[DayEntry]
) -> list[WorkAttendance]:
    """Record a day's 考勤 of the community: one row per staff member listed (an existing row of that day is
    corrected, an unchanged one left alone). Returns the rows written."""
    entries = list(entries)
    existing = {
        row.staff_id: row
        for row in WorkAttendance.objects.filter(community=community, date=day, staff__in=[e.staff for e in entries])
    }
    written = []
    for entry in entries:
        if entry.staff.community_id != community.pk:
            raise ValidationError(f"{entry.staff.name}不是本社区的工作人员。")
        row = existing.get(entry.staff.pk)
        if row is None:
            row = WorkAttendance(staff=entry.staff, date=day, status=entry.status, note=entry.note)
        elif row.status == entry.status and row.note == entry.note:
            continue
        else:
            row.status, row.note = entry.status, entry.note
        written.append(attendance_save(actor=actor, attendance=row))
    return written


#
# Elections
#


def _check_open(election: Election) -> None:
    if election.is_confirmed:
        raise ValidationError("本次选举已确认当选结果,不能再修改。")


@transaction.atomic
def election_save(*, actor: User, election: Election) -> Election:
    """Add or edit an election; 参选人数 above 选民数 (参选率 over 100%) is refused, as are candidates' votes
    above the new 参选人数."""
    if election._state.adding:
        _community_of_new(election, actor)
    else:
        ensure_visible_to(election, actor)
        _check_open(Election.objects.get(pk=election.pk))
        most = election.candidates.order_by("-votes").values_list("votes", flat=True).first()
        if most is not None and election.votes_cast is not None and most > election.votes_cast:
            raise ValidationError({"votes_cast": f"已有候选人得票{most}票,参选人数不能少于此数。"})
    return register_save(actor=actor, instance=election, reason="登记选举" if election._state.adding else "")


@transaction.atomic
def candidate_save(*, actor: User, candidate: ElectionCandidate) -> ElectionCandidate:
    """Add or edit a candidate of an open election; a person or staff member stands once per election."""
    if candidate.election_id is None:
        raise ValidationError({"election": "请选择选举。"})
    election = candidate.election
    ensure_visible_to(election, actor)
    _check_open(election)
    candidate.community_id = election.community_id
    if candidate.staff_id or candidate.person_id:
        candidate.name = ""
    others = ElectionCandidate.objects.filter(election=election).exclude(pk=candidate.pk)
    if candidate.staff_id and others.filter(staff_id=candidate.staff_id).exists():
        raise ValidationError({"staff": "该工作人员已是本次选举的候选人。"})
    if candidate.person_id and others.filter(person_id=candidate.person_id).exists():
        raise ValidationError({"person": "该居民已是本次选举的候选人。"})
    return register_save(actor=actor, instance=candidate, reason="登记候选人" if candidate._state.adding else "")


@dataclass
class ConfirmResult:
    posts: list[CommitteePost] = field(default_factory=list)
    ended_posts: list[CommitteePost] = field(default_factory=list)
    representatives: list[ResidentRepresentative] = field(default_factory=list)
    ended_representatives: list[ResidentRepresentative] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # elected candidates nothing could be created for, with why

    @property
    def summary(self) -> str:
        parts = []
        if self.posts:
            parts.append(f"新任两委职务{len(self.posts)}项")
        if self.ended_posts:
            parts.append(f"上届职务结束{len(self.ended_posts)}项")
        if self.representatives:
            parts.append(f"登记{len(self.representatives)}人")
        if self.ended_representatives:
            parts.append(f"上届任期结束{len(self.ended_representatives)}人")
        text = "、".join(parts) or "没有新建记录"
        if self.skipped:
            text += ";未建立任职记录:" + ";".join(self.skipped)
        return text


@transaction.atomic
def election_confirm_elected(*, actor: User, election: Election) -> ConfirmResult:
    """Confirm the result of an election (确认当选) and record what the elected were elected to.

    * 居委会换届: every 居委会 post still open on the election day ends that day (换届), and each elected
      candidate who is a staff member starts the post sought that day. An elected candidate who is not (yet)
      a staff member is listed in ``skipped``: add them as staff, then their post, from the staff page.
    * 居民代表 / 居民小组长: in each group that elected someone, the open terms of that kind end on the election
      day, and each elected candidate (a person of the register, directly or through their staff record)
      starts a term there, elected that day. An elected candidate who is no person of the register is refused.

    Refused when already confirmed, when nobody is marked elected, or when the turnout is impossible.
    """
    ensure_visible_to(election, actor)
    election = Election.objects.select_for_update().get(pk=election.pk)
    _check_open(election)
    election.full_clean()
    elected = list(
        election.candidates.filter(elected=True).select_related("staff__person", "person", "group").order_by("pk")
    )
    if not elected:
        raise ValidationError("还没有标记当选的候选人。")
    day = election.date
    result = ConfirmResult()
    if election.kind == ElectionKind.COMMITTEE:
        _confirm_committee(actor, election, elected, day, result)
    else:
        _confirm_representatives(actor, election, elected, day, result)
    election.confirmed_at = timezone.now()
    election.confirmed_by = actor
    register_save(actor=actor, instance=election, reason="确认当选")
    return result


def _confirm_committee(actor, election, elected, day, result: ConfirmResult) -> None:
    missing_post = [candidate.display_name for candidate in elected if not candidate.post_sought]
    if missing_post:
        raise ValidationError(f"当选人{'、'.join(missing_post)}没有填写竞选职务。")
    outgoing = CommitteePost.objects.filter(
        community=election.community, body=Body.RESIDENTS, start_on__lt=day
    ).exclude(end_on__lte=day)
    for post in outgoing.order_by("pk"):
        post.end_on = day
        post.note = f"{election}换届"[:200]
        result.ended_posts.append(register_save(actor=actor, instance=post, reason="换届,任期结束"))
    for candidate in elected:
        if candidate.staff_id is None:
            result.skipped.append(f"{candidate.display_name}(不是本社区工作人员)")
            continue
        if not candidate.staff.is_serving_on(day):
            result.skipped.append(f"{candidate.display_name}(选举日不在岗)")
            continue
        post = CommitteePost(
            staff=candidate.staff,
            body=Body.RESIDENTS,
            post=candidate.post_sought,
            start_on=day,
            note=f"{election}当选,得票{candidate.votes}",
        )
        result.posts.append(committee_post_add(actor=actor, post=post))


def _confirm_representatives(actor, election, elected, day, result: ConfirmResult) -> None:
    kind = ELECTION_REPRESENTATIVE_KIND[ElectionKind(election.kind)]
    not_residents = [candidate.display_name for candidate in elected if candidate.resident is None]
    if not_residents:
        raise ValidationError(f"当选人{'、'.join(not_residents)}不是在册居民,不能登记为{kind.label}。")
    groups = {(candidate.group_id or candidate.resident.group_id) for candidate in elected}
    if None in groups:
        names = [c.display_name for c in elected if not (c.group_id or c.resident.group_id)]
        raise ValidationError(f"当选人{'、'.join(names)}没有所在居民小组,请填写所代表的小组。")
    outgoing = ResidentRepresentative.objects.filter(
        community=election.community, kind=kind, group_id__in=groups, start_on__lt=day
    ).exclude(end_on__lte=day)
    for term in outgoing.order_by("pk"):
        term.end_on = day
        result.ended_representatives.append(register_save(actor=actor, instance=term, reason=f"{election}换届"))
    for candidate in elected:
        person = candidate.resident
        representative = ResidentRepresentative(
            person=person,
            group_id=candidate.group_id or person.group_id,
            kind=kind,
            start_on=day,
            elected_on=day,
            election=election,
            note=f"得票{candidate.votes}",
        )
        result.representatives.append(representative_save(actor=actor, representative=representative))
