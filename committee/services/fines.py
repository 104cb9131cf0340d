"""Write workflows of the fine rules (罚款规则) and the fine ledger (罚款台账).

**Rules.** Every community has seed 000's rules (``DEFAULT_FINE_RULES``): a data migration gave them to the
communities that existed, ``finerules_ensure_defaults`` (a ``post_save`` receiver of ``Community``, and
called again by every sync) to the others. Only 书记/主任 change them (``committee.change_finerule``). A
change of amount is a new version from a date (``finerule_revise``): the old version ends the day before,
so the fines dated before keep their amount.

**Ledger.** ``fines_sync(community, month)`` derives the ledger of a month from its sources, idempotently
(a second run writes nothing):

* a **closed** meeting's attendance line of an attendee who is committee staff: 请假 / 迟到 / 缺席 or 早退 →
  the meeting rule of the staff member's rank on the meeting day (``Staff.fine_rank_on``: 居委会干部 M1–M3,
  小组干部 M4–M6); residents (居民代表 …) who are not staff are never fined; a 特殊情况 recognised on the
  line gives the row as 已豁免 with that reason;
* a day of 无故不上班 (``WorkAttendance`` with status ``absent``): A1 for 书记/主任/副书记/副主任, A2 for the
  others, per day;
* an absence from duty (``services.DutyAbsence``) without a good reason and of 60 minutes or more (decision 9:
  「一小时以上」 includes one hour): D1 for the staff member whose account left, and a 0元 D1a row (主要责任) for
  the 带班领导 when they are staff.

A source corrected later re-derives its row: its amount, rule and date follow; a fine no longer due becomes
已撤销 (and comes back as 已记录 if it is due again); an exemption given on the ledger and a payment stay.
The history of each row keeps every earlier state. The sync runs after a meeting is closed
(``meeting_close``), after a ``WorkAttendance`` or a ``DutyAbsence`` is saved (``post_save`` receivers,
connected in ``CommitteeConfig.ready``), and from the ledger page's button (书记/主任).

Exemption (豁免) and payment (已缴纳) are for 书记/主任 only (``committee.exempt_finerecord``), and nobody
exempts their own fine.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from committee.models.fines import (
    DEFAULT_FINE_RULES,
    MARK_RULE_STATUS,
    FineRecord,
    FineRule,
    FineSource,
    FineStatus,
    FineTrigger,
)
from committee.models.meetings import Meeting, MeetingAttendance, MeetingStatus
from committee.models.staff import AttendanceStatus, Staff, WorkAttendance
from governance.models import Community, User
from governance.scoping import ensure_visible_to
from governance.services import register_save
from services.models.duty import FINE_THRESHOLD_MINUTES, DutyAbsence

EXEMPT_PERMISSION = "committee.exempt_finerecord"
RULE_PERMISSION = "committee.change_finerule"
ZERO = Decimal("0.00")


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the month of ``month``."""
    last = calendar.monthrange(month.year, month.month)[1]
    return month.replace(day=1), month.replace(day=last)


#
# Rules
#


def finerules_ensure_defaults(community: Community) -> int:
    """Give ``community`` seed 000's rules if it has none; the number of rules created."""
    if FineRule.objects.filter(community=community).exists():
        return 0
    rules = [FineRule(community=community, **rule) for rule in DEFAULT_FINE_RULES]
    bulk_create_with_history(rules, FineRule, default_change_reason="种子文件000的默认规则")
    return len(rules)


def _community_created(sender, instance: Community, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        finerules_ensure_defaults(instance)


def _require(actor: User, permission: str, message: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(message)


def _check_overlap(rule: FineRule) -> None:
    """No two versions of one rule, nor two rules of the same case (情形, 对象, 出勤情况), in force on one day."""
    start = rule.effective_from or datetime.date.min
    end = rule.effective_to or datetime.date.max
    others = FineRule.objects.filter(community=rule.community_id).exclude(pk=rule.pk)
    others = others.filter(Q(effective_from__isnull=True) | Q(effective_from__lte=end))
    others = others.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=start))
    if others.filter(code=rule.code).exists():
        raise ValidationError({"effective_from": f"规则 {rule.code} 在这段时间已有有效的版本。"})
    same_case = others.filter(trigger=rule.trigger, subject=rule.subject, meeting_status=rule.meeting_status)
    clash = same_case.first()
    if clash is not None:
        raise ValidationError(f"与规则 {clash.code} 的触发情形、适用对象相同且有效期重叠。")


@transaction.atomic
def finerule_save(*, actor: User, rule: FineRule) -> FineRule:
    """Add a rule, or edit a version's wording and end date (书记/主任). Its amount changes only through
    ``finerule_revise``, so fines already recorded keep theirs."""
    _require(actor, RULE_PERMISSION, "只有书记/主任可以修改罚款规则。")
    if not rule._state.adding:
        ensure_visible_to(rule, actor)
        before = FineRule.objects.get(pk=rule.pk)
        changed = [
            name
            for name in ("code", "trigger", "subject", "meeting_status", "amount", "unit", "effective_from")
            if getattr(before, name) != getattr(rule, name)
        ]
        if changed:
            raise ValidationError("规则的编号、情形、对象、金额和生效日期不能直接修改;调整金额请建立新版本。")
    elif rule.community_id is None and actor.community_id:
        rule.community = actor.community
    if rule.community_id is not None:
        _check_overlap(rule)
    return register_save(actor=actor, instance=rule, reason="" if rule.pk else "新增罚款规则")


@transaction.atomic
def finerule_revise(
    *,
    actor: User,
    rule: FineRule,
    amount: Decimal | None,
    unit: str,
    effective_from: datetime.date,
) -> FineRule:
    """A new version of ``rule`` with ``amount`` and ``unit`` from ``effective_from``; the current version ends
    the day before. Fines dated before keep their amount; those dated on or after it are re-derived."""
    _require(actor, RULE_PERMISSION, "只有书记/主任可以修改罚款规则。")
    ensure_visible_to(rule, actor)
    rule = FineRule.objects.select_for_update().get(pk=rule.pk)
    if rule.effective_from is not None and effective_from <= rule.effective_from:
        raise ValidationError(
            {"effective_from": f"新版本的生效日期须晚于本版本的生效日期({rule.effective_from:%Y-%m-%d})。"}
        )
    if rule.effective_to is not None and effective_from > rule.effective_to:
        raise ValidationError({"effective_from": "本版本在该日期前已失效,请从当时有效的版本调整。"})
    if amount is not None and amount < 0:
        raise ValidationError({"amount": "罚款金额不能为负数。"})
    if amount == rule.amount and unit == rule.unit:
        raise ValidationError({"amount": "金额和计罚单位都没有变化。"})
    ends = rule.effective_to
    rule.effective_to = effective_from - datetime.timedelta(days=1)
    register_save(actor=actor, instance=rule, reason=f"自{effective_from:%Y-%m-%d}起由新版本取代")
    revised = FineRule(
        community=rule.community,
        code=rule.code,
        name=rule.name,
        trigger=rule.trigger,
        subject=rule.subject,
        meeting_status=rule.meeting_status,
        amount=amount,
        unit=unit,
        effective_from=effective_from,
        effective_to=ends,
        basis=rule.basis,
    )
    _check_overlap(revised)
    revised = register_save(actor=actor, instance=revised, reason=f"调整金额,自{effective_from:%Y-%m-%d}起执行")
    months = FineRecord.objects.filter(community=rule.community, date__gte=effective_from).dates("date", "month")
    for month in months:
        fines_sync(rule.community, month, actor=actor)
    return revised


class RuleBook:
    """The rules of one community, read once, and the rank of each staff member on a day, asked once."""

    def __init__(self, community: Community):
        self.rules = list(FineRule.objects.filter(community=community))
        self._ranks: dict[tuple[int, datetime.date], str] = {}

    def rank(self, staff: Staff, day: datetime.date) -> str:
        key = (staff.pk, day)
        if key not in self._ranks:
            self._ranks[key] = staff.fine_rank_on(day)
        return self._ranks[key]

    def find(self, trigger: str, rank: str, day: datetime.date, meeting_status: str = "") -> FineRule | None:
        """The version in force on ``day`` of the rule for this case; the most specific one (fewest ranks)
        when several subjects cover the rank."""
        candidates = [
            rule
            for rule in self.rules
            if rule.trigger == trigger
            and rule.meeting_status == meeting_status
            and rank in rule.ranks
            and rule.in_force_on(day)
        ]
        candidates.sort(key=lambda rule: (len(rule.ranks), rule.code, rule.pk))
        return candidates[0] if candidates else None


#
# Ledger: derivation
#


@dataclass
class Due:
    """A fine a source gives: who, by which rule, when, why, how much, and a 特殊情况 recognised on the source."""

    staff: Staff
    rule: FineRule
    date: datetime.date
    description: str
    amount: Decimal
    exemption_reason: str = ""
    exempted_by: User | None = None

    @property
    def trigger(self) -> str:
        return self.rule.trigger


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    records: list[FineRecord] = field(default_factory=list)

    def __str__(self) -> str:
        return f"新增{self.created}条,更新{self.updated}条,撤销{self.cancelled}条。"


def _dues_of_attendance(line: MeetingAttendance, book: RuleBook) -> list[Due]:
    meeting = line.meeting
    if meeting.status != MeetingStatus.CLOSED or line.staff is None or line.status not in MARK_RULE_STATUS:
        return []
    rank = book.rank(line.staff, meeting.date)
    rule = book.find(FineTrigger.MEETING, rank, meeting.date, MARK_RULE_STATUS[line.status])
    if rule is None or rule.amount is None:
        return []
    return [
        Due(
            staff=line.staff,
            rule=rule,
            date=meeting.date,
            description=f"{meeting.title}({meeting.get_kind_display()}){line.get_status_display()}",
            amount=rule.amount,
            exemption_reason=line.exempt_reason if line.exempt else "",
            exempted_by=line.exempt_approved_by if line.exempt else None,
        )
    ]


def _dues_of_work(row: WorkAttendance, book: RuleBook) -> list[Due]:
    if row.status != AttendanceStatus.ABSENT:
        return []
    rule = book.find(FineTrigger.WORK_ABSENCE, book.rank(row.staff, row.date), row.date)
    if rule is None or rule.amount is None:
        return []
    return [Due(staff=row.staff, rule=rule, date=row.date, description="无故不上班1天", amount=rule.amount)]


def _dues_of_duty(absence: DutyAbsence, book: RuleBook, staff_by_user: dict[int, Staff]) -> list[Due]:
    if absence.excused or absence.duration_minutes < FINE_THRESHOLD_MINUTES:
        return []
    day = timezone.localtime(absence.left_at).date()
    dues = []
    absentee = staff_by_user.get(absence.staff_id)
    if absentee is not None:
        rule = book.find(FineTrigger.DUTY_ABSENCE, book.rank(absentee, day), day)
        if rule is not None and rule.amount is not None:
            dues.append(
                Due(
                    staff=absentee,
                    rule=rule,
                    date=day,
                    description=f"值班无故脱岗{absence.duration_display}",
                    amount=rule.amount,
                )
            )
    leader = staff_by_user.get(absence.responsible_leader_id)
    if leader is not None:
        rule = book.find(FineTrigger.DUTY_RESPONSIBILITY, book.rank(leader, day), day)
        if rule is not None:
            who = absentee.name if absentee is not None else "值班人员"
            dues.append(
                Due(
                    staff=leader,
                    rule=rule,
                    date=day,
                    description=f"带班期间{who}无故脱岗{absence.duration_display},负主要责任",
                    amount=ZERO,
                )
            )
    return dues


#
# Ledger: writing
#


def _save(record: FineRecord, actor: User | None, reason: str) -> None:
    record.full_clean()
    record._history_user = actor
    record._change_reason = reason
    record.save()


def _reconcile(record: FineRecord | None, due: Due, source: dict, actor: User | None, result: SyncResult) -> FineRecord:
    derived = {
        "community_id": due.staff.community_id,
        "staff_id": due.staff.pk,
        "rule_id": due.rule.pk,
        "trigger": due.trigger,
        "date": due.date,
        "description": due.description[:200],
        "amount": due.amount,
    }
    if record is None:
        record = FineRecord(**derived, **source)
        if due.exemption_reason:
            record.status = FineStatus.EXEMPTED
            record.exemption_reason = due.exemption_reason[:200]
            record.exempted_by = due.exempted_by
            record.exempted_on_source = True
        _save(record, actor, "系统计算")
        result.created += 1
        result.records.append(record)
        return record
    changes = {name: value for name, value in derived.items() if getattr(record, name) != value}
    if due.exemption_reason:
        if (
            record.status != FineStatus.EXEMPTED
            or record.exemption_reason != due.exemption_reason[:200]
            or record.exempted_by_id != getattr(due.exempted_by, "pk", None)
        ) and record.status != FineStatus.PAID:
            changes.update(
                status=FineStatus.EXEMPTED,
                exemption_reason=due.exemption_reason[:200],
                exempted_by_id=getattr(due.exempted_by, "pk", None),
                exempted_on_source=True,
            )
    elif record.status == FineStatus.CANCELLED or (record.status == FineStatus.EXEMPTED and record.exempted_on_source):
        changes.update(status=FineStatus.RECORDED, exemption_reason="", exempted_by_id=None, exempted_on_source=False)
    if changes:
        for name, value in changes.items():
            setattr(record, name, value)
        _save(record, actor, "来源更正,重新计算")
        result.updated += 1
    result.records.append(record)
    return record


def _cancel(record: FineRecord, actor: User | None, result: SyncResult) -> None:
    if record.status == FineStatus.CANCELLED:
        return
    record.status = FineStatus.CANCELLED
    _save(record, actor, "来源已更正,不再处罚")
    result.cancelled += 1


def _source_key(record: FineRecord) -> tuple[str, int]:
    if record.attendance_id:
        return ("attendance", record.attendance_id)
    if record.work_attendance_id:
        return ("work_attendance", record.work_attendance_id)
    return ("duty_absence", record.duty_absence_id)


def _sync(
    community: Community,
    *,
    lines: Iterable[MeetingAttendance] = (),
    work: Iterable[WorkAttendance] = (),
    absences: Iterable[DutyAbsence] = (),
    records: Iterable[FineRecord] = (),
    actor: User | None = None,
) -> SyncResult:
    """Re-derive the rows of the given sources (and of the sources of ``records``)."""
    finerules_ensure_defaults(community)
    book = RuleBook(community)
    lines, work, absences = list(lines), list(work), list(absences)
    existing: dict[tuple[str, int], dict[str, FineRecord]] = defaultdict(dict)
    query = Q(pk__in=[record.pk for record in records])
    if lines:
        query |= Q(attendance__in=[line.pk for line in lines])
    if work:
        query |= Q(work_attendance__in=[row.pk for row in work])
    if absences:
        query |= Q(duty_absence__in=[absence.pk for absence in absences])
    for record in FineRecord.objects.filter(query).select_for_update():
        existing[_source_key(record)][record.trigger] = record
    # Sources known only through their rows (a day of 考勤 moved to another month …).
    known = {("attendance", line.pk) for line in lines} | {("work_attendance", row.pk) for row in work}
    known |= {("duty_absence", absence.pk) for absence in absences}
    missing = [key for key in existing if key not in known]
    if missing:
        lines += MeetingAttendance.objects.filter(pk__in=[pk for kind, pk in missing if kind == "attendance"])
        work += WorkAttendance.objects.filter(pk__in=[pk for kind, pk in missing if kind == "work_attendance"])
        absences += DutyAbsence.objects.filter(pk__in=[pk for kind, pk in missing if kind == "duty_absence"])

    result = SyncResult()
    staff_by_user = {}
    if absences:
        users = {a.staff_id for a in absences} | {a.responsible_leader_id for a in absences}
        staff_by_user = {s.user_id: s for s in Staff.objects.filter(community=community, user__in=users)}
    sources = [
        *(("attendance", line.pk, {"source": FineSource.MEETING, "attendance": line}, _dues_of_attendance(line, book))
          for line in lines),
        *(("work_attendance", row.pk, {"source": FineSource.WORK, "work_attendance": row}, _dues_of_work(row, book))
          for row in work),
        *(("duty_absence", a.pk, {"source": FineSource.DUTY, "duty_absence": a}, _dues_of_duty(a, book, staff_by_user))
          for a in absences),
    ]  # fmt: skip
    for kind, pk, source, dues in sources:
        rows = existing.pop((kind, pk), {})
        for due in dues:
            _reconcile(rows.pop(due.trigger, None), due, source, actor, result)
        for record in rows.values():
            _cancel(record, actor, result)
    return result


def _lines_of(meetings) -> list[MeetingAttendance]:
    return list(
        MeetingAttendance.objects.filter(meeting__in=meetings, staff__isnull=False).select_related(
            "meeting", "staff", "exempt_approved_by"
        )
    )


@transaction.atomic
def fines_sync(community: Community, month: datetime.date, *, actor: User | None = None) -> SyncResult:
    """Derive the fine ledger of ``community`` for the month of ``month`` from its sources (see the module
    docstring); idempotent: run again on unchanged sources it writes nothing."""
    start, end = month_bounds(month)
    meetings = Meeting.objects.filter(community=community, date__range=(start, end))
    work = WorkAttendance.objects.filter(community=community, date__range=(start, end)).select_related("staff")
    absences = DutyAbsence.objects.filter(community=community, left_at__date__range=(start, end))
    records = FineRecord.objects.filter(community=community, date__range=(start, end))
    return _sync(
        community,
        lines=_lines_of(meetings),
        work=work.filter(Q(status=AttendanceStatus.ABSENT) | Q(pk__in=records.values("work_attendance"))),
        absences=absences,
        records=records,
        actor=actor,
    )


@transaction.atomic
def fines_sync_meeting(meeting: Meeting, *, actor: User | None = None) -> SyncResult:
    """The rows of one meeting's attendance (after it is closed)."""
    return _sync(meeting.community, lines=_lines_of([meeting]), actor=actor)


@transaction.atomic
def fines_sync_work_attendance(row: WorkAttendance, *, actor: User | None = None) -> SyncResult:
    return _sync(row.community, work=[row], actor=actor)


@transaction.atomic
def fines_sync_duty_absence(absence: DutyAbsence, *, actor: User | None = None) -> SyncResult:
    return _sync(absence.community, absences=[absence], actor=actor)


def _work_attendance_saved(sender, instance: WorkAttendance, raw: bool = False, **kwargs) -> None:
    if not raw:
        fines_sync_work_attendance(instance, actor=getattr(instance, "_history_user", None))


def _duty_absence_saved(sender, instance: DutyAbsence, raw: bool = False, **kwargs) -> None:
    if not raw:
        fines_sync_duty_absence(instance, actor=getattr(instance, "_history_user", None))


def connect_signals() -> None:
    """Called from ``CommitteeConfig.ready``: rules for new communities, the ledger after 考勤 and 脱岗."""
    post_save.connect(_community_created, sender=Community, dispatch_uid="committee-fine-rules-defaults")
    post_save.connect(_work_attendance_saved, sender=WorkAttendance, dispatch_uid="committee-fines-work")
    post_save.connect(_duty_absence_saved, sender=DutyAbsence, dispatch_uid="committee-fines-duty")


#
# Ledger: what people do to a row
#


def _head_action(actor: User, record: FineRecord) -> FineRecord:
    _require(actor, EXEMPT_PERMISSION, "只有书记/主任可以豁免罚款或登记缴纳。")
    ensure_visible_to(record, actor)
    record = FineRecord.objects.select_for_update().select_related("staff").get(pk=record.pk)
    if record.is_responsibility:
        raise ValidationError("带班领导的主要责任不计金额,无需豁免或缴纳。")
    if record.status != FineStatus.RECORDED:
        raise ValidationError(f"该罚款已是“{record.get_status_display()}”,只有“已记录”的罚款可以办理。")
    return record


@transaction.atomic
def finerecord_exempt(*, actor: User, record: FineRecord, reason: str) -> FineRecord:
    """豁免 a fine with a reason (书记/主任; never their own fine)."""
    record = _head_action(actor, record)
    if record.staff.user_id is not None and record.staff.user_id == actor.pk:
        raise ValidationError("不能豁免本人的罚款,请由其他书记/主任办理。")
    if not reason.strip():
        raise ValidationError({"reason": "请填写豁免理由。"})
    record.status = FineStatus.EXEMPTED
    record.exemption_reason = reason.strip()[:200]
    record.exempted_by = actor
    record.exempted_on_source = False
    _save(record, actor, "豁免")
    return record


@transaction.atomic
def finerecord_mark_paid(*, actor: User, record: FineRecord, paid_on: datetime.date) -> FineRecord:
    """Record that a fine was paid (已缴纳), by 书记/主任."""
    record = _head_action(actor, record)
    if paid_on is None:
        raise ValidationError({"paid_on": "请填写缴纳日期。"})
    if paid_on < record.date:
        raise ValidationError({"paid_on": "缴纳日期不能早于罚款日期。"})
    record.status = FineStatus.PAID
    record.paid_on = paid_on
    record.paid_recorded_by = actor
    _save(record, actor, "登记缴纳")
    return record


@transaction.atomic
def fines_sync_by(*, actor: User, community: Community, month: datetime.date) -> SyncResult:
    """The ledger page's 重新计算 button (书记/主任)."""
    _require(actor, EXEMPT_PERMISSION, "只有书记/主任可以重新计算罚款台账。")
    ensure_visible_to(community, actor)
    return fines_sync(community, month, actor=actor)
