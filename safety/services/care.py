"""Write workflows of 帮教, 社区矫正 and the key persons' visit tasks (issue 6 items 5–7).

Every function is keyword-only, takes the ``actor``, runs in one transaction, validates with
``full_clean()`` and re-checks the scope after saving (``register_save``). The status machines live
here: a closed case cannot be closed again, visited or re-opened, and the Chinese message says why.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from governance.models import Community, User
from governance.numbering import next_number
from governance.scoping import ensure_visible_to
from governance.services import register_save
from residents.choices import PersonStatus
from residents.models import Category, CategoryMembership, Person
from residents.services import membership_add
from safety.models.care import (
    CORRECTION_CATEGORY,
    RELEASED_CATEGORY,
    CareRule,
    CareTask,
    CorrectionCase,
    CorrectionCheckIn,
    CorrectionStatus,
    CorrectionViolation,
    RehabCase,
    RehabStatus,
    RehabTeamMember,
    RehabVisit,
    add_years,
)

# 帮教 lasts five years after release unless the case says otherwise (domain.md §2.5.4, 「五年期」).
REHAB_YEARS = 5

REHAB_ENDINGS = (RehabStatus.COMPLETED, RehabStatus.MOVED, RehabStatus.DIED)
CORRECTION_ENDINGS = (CorrectionStatus.RELEASED, CorrectionStatus.IMPRISONED, CorrectionStatus.DIED)


def _not_in_future(on: datetime.date, field: str, what: str) -> None:
    if on > timezone.localdate():
        raise ValidationError({field: f"{what}不能晚于今天。"})


def _ensure_membership(*, actor: User, person: Person, code: str, start_on: datetime.date, document: str) -> None:
    """Give ``person`` the sensitive category ``code`` from ``start_on`` unless they already hold it."""
    category = Category.objects.get(code=code)
    if CategoryMembership.objects.filter(person=person, category=category, end_on__isnull=True).exists():
        return
    membership_add(
        actor=actor,
        person=person,
        category=category,
        start_on=max(start_on, person.birth_date),
        source_document=document,
    )


def _check_person(*, actor: User, person: Person) -> None:
    ensure_visible_to(person, actor)
    if person.status != PersonStatus.ACTIVE:
        raise ValidationError({"person": f"{person.name}已不在册({person.get_status_display()}),不能建立台账。"})


#
# 帮教 of released persons
#


@transaction.atomic
def rehab_case_open(*, actor: User, case: RehabCase) -> RehabCase:
    """Open a 帮教台账 for ``case.person``: numbered per community and year, 帮教期 ending five years after
    release unless given, and the person entered in the 刑释/解教 category when they are not yet in it."""
    person = case.person
    _check_person(actor=actor, person=person)
    if RehabCase.objects.filter(person=person, status=RehabStatus.ACTIVE).exists():
        raise ValidationError({"person": f"{person.name}已有帮教中的台账。"})
    if case.released_on and case.released_on > timezone.localdate():
        raise ValidationError({"released_on": "释放日期不能晚于今天。"})
    case.community = person.community
    case.group = person.group
    case.status = RehabStatus.ACTIVE
    case.started_on = case.started_on or case.released_on
    if case.period_end is None and case.released_on:
        case.period_end = add_years(case.released_on, REHAB_YEARS)
    case.full_clean(exclude=["number"])
    case.number = next_number(RehabCase.objects, community=case.community, year=case.started_on.year)
    _ensure_membership(
        actor=actor, person=person, code=RELEASED_CATEGORY, start_on=case.released_on, document="帮教台账"
    )
    return register_save(actor=actor, instance=case, reason="建立帮教台账")


def _require_active_rehab(case: RehabCase) -> None:
    if case.status != RehabStatus.ACTIVE:
        raise ValidationError(f"该帮教台账已{case.get_status_display()},不能再办理。")


@transaction.atomic
def rehab_team_member_add(*, actor: User, case: RehabCase, member: RehabTeamMember) -> RehabTeamMember:
    """Add a member to the case's 帮教小组; a staff account or a resident, when linked, names the member."""
    ensure_visible_to(case, actor)
    _require_active_rehab(case)
    if member.user_id:
        ensure_visible_to(member.user, actor)
        member.name = member.name or member.user.display_name
    if member.person_id:
        ensure_visible_to(member.person, actor)
        member.name = member.name or member.person.name
    if not member.name:
        raise ValidationError({"name": "请填写姓名,或选择工作人员账号。"})
    member.case = case
    member.community = case.community
    return register_save(actor=actor, instance=member, reason="帮教小组增加成员")


@transaction.atomic
def rehab_visit_record(*, actor: User, case: RehabCase, visit: RehabVisit) -> RehabVisit:
    """Record a 谈话走访 of an active case; it moves the case's next due date."""
    ensure_visible_to(case, actor)
    _require_active_rehab(case)
    _not_in_future(visit.visited_on, "visited_on", "走访日期")
    if visit.visited_on < case.released_on:
        raise ValidationError({"visited_on": "走访日期不能早于释放日期。"})
    visit.case = case
    visit.community = case.community
    visit.recorded_by = actor
    return register_save(actor=actor, instance=visit)


@transaction.atomic
def rehab_case_end(*, actor: User, case: RehabCase, status: str, on: datetime.date, note: str = "") -> RehabCase:
    """End 帮教: 期满解除 (not before the period ends), 迁出 or 死亡. A re-offence has its own service."""
    ensure_visible_to(case, actor)
    _require_active_rehab(case)
    if status not in REHAB_ENDINGS:
        raise ValidationError({"status": "请选择期满解除、迁出或死亡;重新犯罪请登记重新犯罪。"})
    _not_in_future(on, "on", "结束日期")
    if on < case.started_on:
        raise ValidationError({"on": "结束日期不能早于帮教开始日期。"})
    if status == RehabStatus.COMPLETED and on < case.period_end:
        raise ValidationError({"status": f"帮教期至{case.period_end:%Y-%m-%d},未满不能期满解除。"})
    case.status = status
    case.ended_on = on
    case.end_note = note
    return register_save(actor=actor, instance=case, reason=f"帮教结束:{case.get_status_display()}")


@transaction.atomic
def rehab_reoffence_record(*, actor: User, case: RehabCase, on: datetime.date, note: str) -> RehabCase:
    """Record that the person offended again (重新犯罪): the case ends with that status on that date."""
    ensure_visible_to(case, actor)
    _require_active_rehab(case)
    _not_in_future(on, "on", "重新犯罪日期")
    if on < case.released_on:
        raise ValidationError({"on": "重新犯罪日期不能早于释放日期。"})
    if not note.strip():
        raise ValidationError({"note": "请填写重新犯罪情况。"})
    case.status = RehabStatus.REOFFENDED
    case.reoffended_on = on
    case.reoffence_note = note.strip()
    case.ended_on = on
    return register_save(actor=actor, instance=case, reason="登记重新犯罪")


#
# 社区矫正
#


@transaction.atomic
def correction_case_open(*, actor: User, case: CorrectionCase) -> CorrectionCase:
    """Receive a person into community correction; they are entered in the 社区矫正 category if needed."""
    person = case.person
    _check_person(actor=actor, person=person)
    if CorrectionCase.objects.filter(person=person, status=CorrectionStatus.ACTIVE).exists():
        raise ValidationError({"person": f"{person.name}已在矫正中。"})
    case.community = person.community
    case.group = person.group
    case.status = CorrectionStatus.ACTIVE
    case.full_clean(exclude=["number"])
    case.number = next_number(CorrectionCase.objects, community=case.community, year=case.start_on.year)
    _ensure_membership(
        actor=actor, person=person, code=CORRECTION_CATEGORY, start_on=case.start_on, document="社区矫正执行通知书"
    )
    return register_save(actor=actor, instance=case, reason="接收社区矫正对象")


def _require_active_correction(case: CorrectionCase) -> None:
    if case.status != CorrectionStatus.ACTIVE:
        raise ValidationError(f"该矫正记录已{case.get_status_display()},不能再办理。")


@transaction.atomic
def correction_checkin_record(*, actor: User, case: CorrectionCase, checkin: CorrectionCheckIn) -> CorrectionCheckIn:
    ensure_visible_to(case, actor)
    _require_active_correction(case)
    _not_in_future(checkin.checked_on, "checked_on", "报到日期")
    if checkin.checked_on < case.start_on:
        raise ValidationError({"checked_on": "报到日期不能早于矫正开始日期。"})
    checkin.case = case
    checkin.community = case.community
    checkin.recorded_by = actor
    return register_save(actor=actor, instance=checkin)


@transaction.atomic
def correction_violation_record(
    *, actor: User, case: CorrectionCase, violation: CorrectionViolation
) -> CorrectionViolation:
    ensure_visible_to(case, actor)
    _require_active_correction(case)
    _not_in_future(violation.occurred_on, "occurred_on", "违规日期")
    if violation.occurred_on < case.start_on:
        raise ValidationError({"occurred_on": "违规日期不能早于矫正开始日期。"})
    violation.case = case
    violation.community = case.community
    violation.recorded_by = actor
    return register_save(actor=actor, instance=violation)


@transaction.atomic
def correction_case_end(
    *, actor: User, case: CorrectionCase, status: str, on: datetime.date, note: str = ""
) -> CorrectionCase:
    """End correction: 解除矫正 (not before the period ends), 收监执行 (after a recorded violation) or 死亡."""
    ensure_visible_to(case, actor)
    _require_active_correction(case)
    if status not in CORRECTION_ENDINGS:
        raise ValidationError({"status": "请选择解除矫正、收监执行或死亡。"})
    _not_in_future(on, "on", "结束日期")
    if on < case.start_on:
        raise ValidationError({"on": "结束日期不能早于矫正开始日期。"})
    if status == CorrectionStatus.RELEASED and on < case.end_on:
        raise ValidationError({"status": f"矫正期至{case.end_on:%Y-%m-%d},未满不能解除矫正。"})
    if status == CorrectionStatus.IMPRISONED and not case.violations.exists():
        raise ValidationError({"status": "收监执行前请先登记违规情况和处理措施。"})
    case.status = status
    case.ended_on = on
    case.end_note = note
    return register_save(actor=actor, instance=case, reason=f"矫正结束:{case.get_status_display()}")


#
# Key persons: care rules and visit tasks
#


def _new_task(*, rule: CareRule, person: Person, on: datetime.date) -> CareTask:
    interval = datetime.timedelta(days=rule.interval_days)
    return CareTask(
        community=rule.community,
        group=person.group,
        person=person,
        category=rule.category,
        rule=rule,
        responsible=rule.responsible,
        created_on=on,
        due_on=on + interval,
        escalate_on=on + 2 * interval,
    )


def care_tasks_generate(*, community: Community, on: datetime.date, actor: User | None = None) -> list[CareTask]:
    """Create a visit task, due one interval after ``on``, for every person on the register who is an
    active member (on ``on``) of a category that has an active rule in ``community`` and has no open task
    for that category. Idempotent: a second run the same day creates nothing. Returns the new tasks."""
    with transaction.atomic():
        created: list[CareTask] = []
        rules = CareRule.objects.filter(community=community, is_active=True).select_related("category", "community")
        for rule in rules:
            memberships = (
                CategoryMembership.objects.active_on(on)
                .filter(community=community, category=rule.category, person__status=PersonStatus.ACTIVE)
                .exclude(person__in=CareTask.objects.open().filter(category=rule.category).values("person"))
                .select_related("person")
                .order_by("person_id")
            )
            people = {membership.person_id: membership.person for membership in memberships}
            tasks = [_new_task(rule=rule, person=person, on=on) for person in people.values()]
            if tasks:
                created += bulk_create_with_history(
                    tasks, CareTask, default_user=actor, default_change_reason="生成走访任务"
                )
        return created


def care_tasks_generate_all(*, on: datetime.date) -> int:
    """``care_tasks_generate`` for every community that has an active rule (the nightly beat task)."""
    community_ids = CareRule.objects.filter(is_active=True).values_list("community_id", flat=True).distinct()
    total = 0
    for community in Community.objects.filter(pk__in=community_ids):
        total += len(care_tasks_generate(community=community, on=on))
    return total


@transaction.atomic
def care_rule_save(*, actor: User, rule: CareRule) -> CareRule:
    """Create or edit a rule; its default responsible worker must be a user the actor can see."""
    if rule.responsible_id:
        ensure_visible_to(rule.responsible, actor)
    return register_save(actor=actor, instance=rule)


@transaction.atomic
def care_task_complete(
    *, actor: User, task: CareTask, done_on: datetime.date, note: str
) -> tuple[CareTask, CareTask | None]:
    """Record the visit that closes ``task``, and open the next one (due one interval after the visit)
    while the rule is active and the person still belongs to the category. Returns (task, next task)."""
    ensure_visible_to(task, actor)
    if task.done_on is not None:
        raise ValidationError(f"该任务已于{task.done_on:%Y-%m-%d}完成。")
    _not_in_future(done_on, "done_on", "走访日期")
    if done_on < task.created_on:
        raise ValidationError({"done_on": "走访日期不能早于任务生成日期。"})
    if not note.strip():
        raise ValidationError({"note": "请填写走访情况。"})
    task.done_on = done_on
    task.done_by = actor
    task.visit_note = note.strip()
    register_save(actor=actor, instance=task, reason="记录走访")
    rule = task.rule
    still_member = (
        CategoryMembership.objects.active_on(done_on).filter(person=task.person, category=task.category).exists()
    )
    if rule is None or not rule.is_active or not still_member or task.person.status != PersonStatus.ACTIVE:
        return task, None
    following = _new_task(rule=rule, person=task.person, on=done_on)
    following.responsible = task.responsible or rule.responsible
    return task, register_save(actor=actor, instance=following, reason="生成下次走访任务")
