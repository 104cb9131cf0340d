"""Write workflows of 社会救助·福利 (W7, W8): programmes, enrolments, distribution batches, donations and
assistance pairs.

Enrolments run 申报 → 调查 → 审核 → 公示 → 在保, one step at a time, each on a date no earlier than the
step before; any open enrolment can be stopped (停保) with a reason; an 在保 one is reviewed (复核) every
``review_months`` months.

A distribution batch is prepared as a draft (its list built from the 在保 enrolments of its programme,
from a rule, or person by person; amounts editable), submitted (the list and the amounts are frozen, the
recipients' names, ID numbers and 户号 copied into the lines), then approved by a user other than the one
who prepared or submitted it, holding ``services.approve_distributionbatch``. Only the 签领 of each line
is recorded after that, once. An approved batch never changes: a correction is a new batch that names the
one it corrects.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from governance.models import User
from governance.numbering import next_number
from governance.scoping import ensure_visible_to
from governance.services import actor_community, register_save
from households.models import Household
from residents.models import Category, CategoryMembership, Person
from services.models.welfare import (
    ENROLMENT_STEPS,
    AssistancePair,
    AssistanceVisit,
    BatchSource,
    BatchStatus,
    BeneficiaryUnit,
    DistributionBatch,
    DistributionLine,
    Donation,
    DonationCampaign,
    EnrolmentStatus,
    PaymentMethod,
    WelfareEnrolment,
    WelfareProgramme,
    add_months,
)

APPROVE_PERMISSION = "services.approve_distributionbatch"


#
# Programmes
#


@transaction.atomic
def programme_save(*, actor: User, programme: WelfareProgramme) -> WelfareProgramme:
    """Add or edit a programme of the actor's community."""
    return register_save(actor=actor, instance=programme, reason="" if programme.pk else "新增项目")


#
# Enrolments
#


def _locked_enrolment(actor: User, enrolment: WelfareEnrolment) -> WelfareEnrolment:
    enrolment = WelfareEnrolment.objects.select_for_update().select_related("programme").get(pk=enrolment.pk)
    ensure_visible_to(enrolment, actor)
    return enrolment


def _schedule_review(enrolment: WelfareEnrolment, reviewed_on: datetime.date) -> None:
    enrolment.last_review_on = reviewed_on
    months = enrolment.review_months
    enrolment.next_review_on = add_months(reviewed_on, months) if months else None


@transaction.atomic
def enrolment_apply(*, actor: User, enrolment: WelfareEnrolment) -> WelfareEnrolment:
    """Register an application (申报) of a household or a person to a programme.

    The amount defaults to the programme's standard, the review interval to the programme's, the group to
    the beneficiary's; a beneficiary has at most one open enrolment per programme.
    """
    if not enrolment._state.adding:
        raise ValueError("enrolment_apply takes a new enrolment")
    if enrolment.programme_id is None:
        raise ValidationError({"programme": "请选择救助福利项目。"})
    programme = enrolment.programme
    if enrolment.community_id is None:
        enrolment.community = actor_community(actor) or programme.community
    ensure_visible_to(programme, actor)
    if not programme.is_active:
        raise ValidationError({"programme": f"项目「{programme}」已停用,不能再申报。"})
    for subject in (enrolment.person, enrolment.household):
        if subject is not None:
            ensure_visible_to(subject, actor)
    if enrolment.amount is None:
        enrolment.amount = programme.standard_amount
    enrolment.review_months = programme.review_months
    subject = enrolment.person or enrolment.household
    if subject is not None and enrolment.group_id is None:
        enrolment.group = subject.group
    enrolment.status = EnrolmentStatus.APPLIED
    if enrolment.applied_on is None:
        raise ValidationError({"applied_on": "请填写申报日期。"})
    if enrolment.applied_on > timezone.localdate():
        raise ValidationError({"applied_on": "申报日期不能晚于今天。"})
    return register_save(actor=actor, instance=enrolment, reason="申报")


@transaction.atomic
def enrolment_update(*, actor: User, enrolment: WelfareEnrolment) -> WelfareEnrolment:
    """Edit the facts of an enrolment (amount, review interval, approving body, note)."""
    current = _locked_enrolment(actor, enrolment)
    if current.status == EnrolmentStatus.STOPPED:
        raise ValidationError("已停保的记录不能再修改。")
    return register_save(actor=actor, instance=enrolment)


def next_step(enrolment: WelfareEnrolment) -> tuple[str, str] | None:
    """(the next status, the date field it fills) of an open enrolment; None once 在保 or 停保."""
    statuses = [status for status, _ in ENROLMENT_STEPS]
    if enrolment.status not in statuses or enrolment.status == EnrolmentStatus.ACTIVE:
        return None
    return ENROLMENT_STEPS[statuses.index(enrolment.status) + 1]


@transaction.atomic
def enrolment_advance(
    *, actor: User, enrolment: WelfareEnrolment, on: datetime.date, note: str = "", approving_body: str = ""
) -> WelfareEnrolment:
    """Move an enrolment one step on (调查, 审核, 公示, 在保), dated ``on``. Reaching 在保 starts the payments
    and schedules the first review."""
    enrolment = _locked_enrolment(actor, enrolment)
    step = next_step(enrolment)
    if step is None:
        raise ValidationError(f"该对象已{enrolment.get_status_display()},没有下一步。")
    status, field_name = step
    previous = max(
        (getattr(enrolment, name) for _, name in ENROLMENT_STEPS if getattr(enrolment, name) is not None),
        default=enrolment.applied_on,
    )
    if on < previous:
        raise ValidationError({"on": f"{status.label}日期不能早于上一步的日期({previous:%Y-%m-%d})。"})
    if on > timezone.localdate():
        raise ValidationError({"on": f"{status.label}日期不能晚于今天。"})
    enrolment.status = status
    setattr(enrolment, field_name, on)
    if status == EnrolmentStatus.ACTIVE:
        _schedule_review(enrolment, on)
        if approving_body.strip():
            enrolment.approving_body = approving_body.strip()
    if note.strip():
        enrolment.note = (
            enrolment.note + "\n" if enrolment.note else ""
        ) + f"{on:%Y-%m-%d} {status.label}:{note.strip()}"
    return register_save(actor=actor, instance=enrolment, reason=status.label)


@transaction.atomic
def enrolment_stop(*, actor: User, enrolment: WelfareEnrolment, on: datetime.date, reason: str) -> WelfareEnrolment:
    """Stop an enrolment (停保 — or 不予批准 while it is still being examined), with the reason."""
    enrolment = _locked_enrolment(actor, enrolment)
    if enrolment.status == EnrolmentStatus.STOPPED:
        raise ValidationError(f"该对象已于{enrolment.stopped_on:%Y-%m-%d}停保。")
    if not reason.strip():
        raise ValidationError({"reason": "请填写停保原因。"})
    latest = max(
        (getattr(enrolment, name) for _, name in ENROLMENT_STEPS if getattr(enrolment, name) is not None),
        default=enrolment.applied_on,
    )
    if on < latest:
        raise ValidationError({"on": f"停保日期不能早于{latest:%Y-%m-%d}。"})
    enrolment.status = EnrolmentStatus.STOPPED
    enrolment.stopped_on = on
    enrolment.stop_reason = reason.strip()
    enrolment.next_review_on = None
    return register_save(actor=actor, instance=enrolment, reason=f"停保:{reason.strip()}")


@transaction.atomic
def enrolment_review(
    *, actor: User, enrolment: WelfareEnrolment, on: datetime.date, note: str = ""
) -> WelfareEnrolment:
    """Record the periodic review (复核) of an 在保 enrolment and schedule the next one."""
    enrolment = _locked_enrolment(actor, enrolment)
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise ValidationError(f"只有在保对象才能复核(当前:{enrolment.get_status_display()})。")
    if on < (enrolment.last_review_on or enrolment.approved_on):
        raise ValidationError({"on": "复核日期不能早于上次复核或在保日期。"})
    if on > timezone.localdate():
        raise ValidationError({"on": "复核日期不能晚于今天。"})
    _schedule_review(enrolment, on)
    if note.strip():
        enrolment.note = (enrolment.note + "\n" if enrolment.note else "") + f"{on:%Y-%m-%d} 复核:{note.strip()}"
    return register_save(actor=actor, instance=enrolment, reason="复核")


#
# Distribution batches
#


def _locked_batch(actor: User, batch: DistributionBatch) -> DistributionBatch:
    batch = DistributionBatch.objects.select_for_update().select_related("programme").get(pk=batch.pk)
    ensure_visible_to(batch, actor)
    return batch


def _require_draft(batch: DistributionBatch) -> None:
    if batch.status == BatchStatus.APPROVED:
        raise ValidationError("批次已审批,不能再修改;如需更正,请新建更正批次。")
    if batch.status != BatchStatus.DRAFT:
        raise ValidationError("批次已提交,名单和金额已锁定;如需修改,请审批人先退回。")


def _refresh_totals(batch: DistributionBatch) -> None:
    totals = batch.lines.aggregate(total=Sum("amount"))
    batch.total_amount = totals["total"] or Decimal("0")
    batch.recipient_count = batch.lines.count()


@transaction.atomic
def batch_create(*, actor: User, batch: DistributionBatch) -> DistributionBatch:
    """Open a draft batch (编号 per community and year), prepared by ``actor``."""
    if not batch._state.adding:
        raise ValueError("batch_create takes a new batch")
    if batch.programme_id is None:
        raise ValidationError({"programme": "请选择救助福利项目。"})
    ensure_visible_to(batch.programme, actor)
    if batch.community_id is None:
        batch.community = actor_community(actor) or batch.programme.community
    if not batch.funding_source:
        batch.funding_source = batch.programme.funding_source
    if batch.period is None:
        raise ValidationError({"period": "请填写发放月份。"})
    batch.period = batch.period.replace(day=1)
    if batch.corrects_id:
        ensure_visible_to(batch.corrects, actor)
        if batch.corrects.status != BatchStatus.APPROVED:
            raise ValidationError({"corrects": "只能更正已审批的批次。"})
    batch.status = BatchStatus.DRAFT
    batch.prepared_by = actor
    batch.number = next_number(DistributionBatch.objects.all(), community=batch.community, year=batch.period.year)
    return register_save(actor=actor, instance=batch, reason="新建批次")


@transaction.atomic
def batch_update(*, actor: User, batch: DistributionBatch) -> DistributionBatch:
    """Edit the title, month, source of funds or note of a draft batch."""
    current = _locked_batch(actor, batch)
    _require_draft(current)
    if batch.programme_id != current.programme_id:
        raise ValidationError({"programme": "批次的项目不能修改,请新建批次。"})
    return register_save(actor=actor, instance=batch)


def _line(batch: DistributionBatch, *, person=None, household=None, enrolment=None, amount=None) -> DistributionLine:
    line = DistributionLine(
        community=batch.community,
        batch=batch,
        person=person,
        household=household,
        enrolment=enrolment,
        amount=batch.programme.standard_amount if amount is None else amount,
    )
    line.refresh_snapshot()
    return line


def _replace_lines(actor: User, batch: DistributionBatch, lines: list[DistributionLine], reason: str) -> None:
    batch.lines.all().delete()
    for line in lines:
        line.full_clean()
        line._history_user = actor
        line.save()
    _refresh_totals(batch)
    register_save(actor=actor, instance=batch, reason=reason)


@transaction.atomic
def batch_build_from_enrolments(*, actor: User, batch: DistributionBatch) -> DistributionBatch:
    """Replace the list of a draft batch with the programme's enrolments 在保 during the batch's month
    (approved by its last day, not stopped before its first), each with its amount."""
    batch = _locked_batch(actor, batch)
    _require_draft(batch)
    month_end = add_months(batch.period, 1) - datetime.timedelta(days=1)
    enrolments = (
        WelfareEnrolment.objects.filter(
            community=batch.community,
            programme=batch.programme,
            status__in=(EnrolmentStatus.ACTIVE, EnrolmentStatus.STOPPED),
            approved_on__lte=month_end,
        )
        .exclude(stopped_on__lt=batch.period)
        .select_related("person__household", "household")
        .order_by("household__number", "person__household__number", "pk")
    )
    lines = [_line(batch, person=e.person, household=e.household, enrolment=e, amount=e.amount) for e in enrolments]
    if not lines:
        raise ValidationError(f"项目「{batch.programme}」在{batch.period:%Y年%m月}没有在保对象。")
    batch.source = BatchSource.ENROLMENTS
    batch.rule_category = None
    batch.rule_min_age = None
    batch.rule_on = None
    _replace_lines(actor, batch, lines, f"按在保对象生成名单({len(lines)}人/户)")
    return batch


def rule_recipients(
    *, community, on: datetime.date, category: Category | None = None, min_age: int | None = None
) -> list[Person]:
    """The people of ``community`` on the register on ``on`` who are in ``category`` then and/or aged at
    least ``min_age`` full years then."""
    people = Person.objects.filter(community=community).on_register(on)
    if min_age is not None:
        people = people.aged_between(on, minimum=min_age)
    if category is not None:
        members = CategoryMembership.objects.filter(category=category).active_on(on).values("person_id")
        people = people.filter(pk__in=members)
    return list(people.select_related("household").order_by("household__number", "birth_date", "pk"))


@transaction.atomic
def batch_build_from_rule(
    *,
    actor: User,
    batch: DistributionBatch,
    on: datetime.date,
    category: Category | None = None,
    min_age: int | None = None,
) -> DistributionBatch:
    """Replace the list of a draft batch with everyone matching the rule on ``on`` (a category and/or an
    age: everyone aged 80 or more for 高龄补贴), each at the programme's standard amount. For a programme
    paid per household, one line per household of the people found."""
    batch = _locked_batch(actor, batch)
    _require_draft(batch)
    if category is None and min_age is None:
        raise ValidationError("请至少选择一个条件:人群类别或年龄。")
    people = rule_recipients(community=batch.community, on=on, category=category, min_age=min_age)
    if batch.programme.unit == BeneficiaryUnit.HOUSEHOLD:
        households = {person.household_id: person.household for person in people if person.household_id}
        lines = [_line(batch, household=household) for household in households.values()]
    else:
        lines = [_line(batch, person=person) for person in people]
    if not lines:
        raise ValidationError("没有符合条件的对象。")
    batch.source = BatchSource.RULE
    batch.rule_category = category
    batch.rule_min_age = min_age
    batch.rule_on = on
    _replace_lines(actor, batch, lines, f"按条件生成名单({len(lines)}人/户)")
    return batch


@transaction.atomic
def line_add(
    *,
    actor: User,
    batch: DistributionBatch,
    person: Person | None = None,
    household: Household | None = None,
    amount: Decimal | None = None,
) -> DistributionLine:
    """Add one recipient to a draft batch (at the standard amount unless told)."""
    batch = _locked_batch(actor, batch)
    _require_draft(batch)
    if (person is None) == (household is None):
        raise ValidationError("请填写一位发放对象:居民或户,只填一项。")
    subject = person or household
    ensure_visible_to(subject, actor)
    if subject.community_id != batch.community_id:
        raise ValidationError("发放对象必须是本社区的。")
    if person is not None and batch.lines.filter(person=person).exists():
        raise ValidationError({"person": f"{person.name}已在本批次名单中。"})
    if household is not None and batch.lines.filter(household=household, person__isnull=True).exists():
        raise ValidationError({"household": f"{household}已在本批次名单中。"})
    line = _line(batch, person=person, household=household, amount=amount)
    line = register_save(actor=actor, instance=line, reason="加入名单")
    _refresh_totals(batch)
    register_save(actor=actor, instance=batch, reason=f"加入{line.display_name}")
    return line


@transaction.atomic
def line_set_amount(*, actor: User, line: DistributionLine, amount: Decimal) -> DistributionLine:
    """Change the amount of one line of a draft batch."""
    batch = _locked_batch(actor, line.batch)
    _require_draft(batch)
    line = DistributionLine.objects.get(pk=line.pk, batch=batch)
    if amount is None or amount < 0:
        raise ValidationError({"amount": "金额不能为负数。"})
    line.amount = amount
    register_save(actor=actor, instance=line, reason="修改金额")
    _refresh_totals(batch)
    register_save(actor=actor, instance=batch, reason=f"修改{line.display_name}的金额")
    return line


@transaction.atomic
def line_remove(*, actor: User, line: DistributionLine) -> DistributionBatch:
    """Take one recipient off a draft batch's list."""
    batch = _locked_batch(actor, line.batch)
    _require_draft(batch)
    line = DistributionLine.objects.get(pk=line.pk, batch=batch)
    name = line.display_name
    line._history_user = actor
    line.delete()
    _refresh_totals(batch)
    register_save(actor=actor, instance=batch, reason=f"移出{name}")
    return batch


@transaction.atomic
def batch_submit(*, actor: User, batch: DistributionBatch, on: datetime.date | None = None) -> DistributionBatch:
    """Submit a draft batch for approval: the list and the amounts are frozen, each recipient's name, ID
    number and 户号 copied into its line. ``on`` records a submission made on paper earlier (default: now)."""
    batch = _locked_batch(actor, batch)
    _require_draft(batch)
    if on is not None and on > timezone.localdate():
        raise ValidationError({"on": "提交日期不能晚于今天。"})
    lines = list(batch.lines.select_related("person__household", "household"))
    if not lines:
        raise ValidationError("名单为空,不能提交。")
    for line in lines:
        line.refresh_snapshot()
        line._history_user = actor
        line._change_reason = "提交时锁定"
        line.save(update_fields=["name", "id_number", "household_number"])
    _refresh_totals(batch)
    batch.status = BatchStatus.SUBMITTED
    batch.submitted_by = actor
    batch.submitted_at = (
        timezone.now() if on is None else timezone.make_aware(datetime.datetime.combine(on, datetime.time(9, 0)))
    )
    return register_save(actor=actor, instance=batch, reason="提交审批")


def _check_approver(actor: User, batch: DistributionBatch) -> None:
    if not actor.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied("您没有审批发放批次的权限。")
    if actor.pk in (batch.prepared_by_id, batch.submitted_by_id):
        raise PermissionDenied("制表人或提交人不能审批自己的批次,须由另一位有审批权限的人员审批。")


@transaction.atomic
def batch_return(*, actor: User, batch: DistributionBatch, reason: str) -> DistributionBatch:
    """Send a submitted batch back to its preparer as a draft (退回), with the reason."""
    batch = _locked_batch(actor, batch)
    if batch.status != BatchStatus.SUBMITTED:
        raise ValidationError(f"只有待审批的批次才能退回(当前:{batch.get_status_display()})。")
    _check_approver(actor, batch)
    if not reason.strip():
        raise ValidationError({"reason": "请填写退回原因。"})
    batch.status = BatchStatus.DRAFT
    batch.submitted_by = None
    batch.submitted_at = None
    return register_save(actor=actor, instance=batch, reason=f"退回:{reason.strip()}")


@transaction.atomic
def batch_approve(*, actor: User, batch: DistributionBatch, on: datetime.date) -> DistributionBatch:
    """Approve a submitted batch (审批). Four eyes: never by whoever prepared or submitted it, and only with
    ``services.approve_distributionbatch``."""
    batch = _locked_batch(actor, batch)
    if batch.status != BatchStatus.SUBMITTED:
        if batch.status == BatchStatus.APPROVED:
            raise ValidationError("批次已审批,不能再修改;如需更正,请新建更正批次。")
        raise ValidationError("批次尚未提交,不能审批。")
    _check_approver(actor, batch)
    if on > timezone.localdate():
        raise ValidationError({"on": "审批日期不能晚于今天。"})
    if batch.submitted_at and on < timezone.localtime(batch.submitted_at).date():
        raise ValidationError({"on": "审批日期不能早于提交日期。"})
    batch.status = BatchStatus.APPROVED
    batch.approved_by = actor
    batch.approved_on = on
    return register_save(actor=actor, instance=batch, reason="审批通过")


def _check_payment(batch: DistributionBatch, paid_on: datetime.date, method: str) -> None:
    if batch.status != BatchStatus.APPROVED:
        raise ValidationError("批次审批通过后才能登记签领。")
    if method not in PaymentMethod.values:
        raise ValidationError({"method": "请选择发放方式。"})
    if paid_on is None:
        raise ValidationError({"paid_on": "请填写签领日期。"})
    if batch.approved_on and paid_on < batch.approved_on:
        raise ValidationError({"paid_on": f"签领日期不能早于审批日期({batch.approved_on:%Y-%m-%d})。"})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "签领日期不能晚于今天。"})


@transaction.atomic
def line_mark_paid(*, actor: User, line: DistributionLine, paid_on: datetime.date, method: str) -> DistributionLine:
    """Record that one recipient of an approved batch signed for the money (签领), once."""
    batch = _locked_batch(actor, line.batch)
    _check_payment(batch, paid_on, method)
    line = DistributionLine.objects.select_for_update().get(pk=line.pk, batch=batch)
    if line.paid_on is not None:
        raise ValidationError(f"{line.display_name}已于{line.paid_on:%Y-%m-%d}签领,不能重复登记。")
    line.paid_on = paid_on
    line.method = method
    line.paid_recorded_by = actor
    return register_save(actor=actor, instance=line, reason="签领")


@transaction.atomic
def batch_mark_all_paid(*, actor: User, batch: DistributionBatch, paid_on: datetime.date, method: str) -> int:
    """Record the 签领 of every line of an approved batch not yet paid; the number of lines marked."""
    batch = _locked_batch(actor, batch)
    _check_payment(batch, paid_on, method)
    lines = list(batch.lines.select_for_update().filter(paid_on__isnull=True))
    if not lines:
        raise ValidationError("该批次已全部签领。")
    for line in lines:
        line.paid_on = paid_on
        line.method = method
        line.paid_recorded_by = actor
        register_save(actor=actor, instance=line, reason="签领(全部)")
    return len(lines)


@transaction.atomic
def batch_correct(*, actor: User, batch: DistributionBatch, title: str = "") -> DistributionBatch:
    """Open a correction (更正批次) of an approved batch: a new draft of the same programme and month whose
    list starts as a copy of the approved one, to be edited, submitted and approved in its turn."""
    original = DistributionBatch.objects.select_related("programme").get(pk=batch.pk)
    ensure_visible_to(original, actor)
    if original.status != BatchStatus.APPROVED:
        raise ValidationError("只有已审批的批次需要更正;未审批的批次可直接修改或退回。")
    correction = batch_create(
        actor=actor,
        batch=DistributionBatch(
            community=original.community,
            title=title.strip() or f"{original.title}(更正)",
            programme=original.programme,
            period=original.period,
            funding_source=original.funding_source,
            source=BatchSource.MANUAL,
            corrects=original,
        ),
    )
    for line in original.lines.select_related("person__household", "household"):
        copy = _line(
            correction, person=line.person, household=line.household, enrolment=line.enrolment, amount=line.amount
        )
        copy.full_clean()
        copy._history_user = actor
        copy.save()
    _refresh_totals(correction)
    return register_save(actor=actor, instance=correction, reason=f"更正批次{original.number}")


#
# Donations
#


@transaction.atomic
def campaign_save(*, actor: User, campaign: DonationCampaign) -> DonationCampaign:
    """Add or edit a fund-raising campaign."""
    return register_save(actor=actor, instance=campaign, reason="" if campaign.pk else "发起募捐")


@transaction.atomic
def donation_add(*, actor: User, campaign: DonationCampaign, donation: Donation) -> Donation:
    """Record a donation to a campaign."""
    ensure_visible_to(campaign, actor)
    donation.campaign = campaign
    donation.community = campaign.community
    for donor in (donation.donor_person, donation.donor_unit):
        if donor is not None:
            ensure_visible_to(donor, actor)
    if donation.donated_on and donation.donated_on < campaign.start_on:
        raise ValidationError({"donated_on": f"捐赠日期不能早于活动开始日期({campaign.start_on:%Y-%m-%d})。"})
    return register_save(actor=actor, instance=donation, reason="登记捐赠")


#
# Assistance pairs
#


@transaction.atomic
def pair_save(*, actor: User, pair: AssistancePair) -> AssistancePair:
    """Add or edit an assistance pair; its group follows the helped household or person."""
    for related in (pair.helped_person, pair.helped_household, pair.helper_person):
        if related is not None:
            ensure_visible_to(related, actor)
    helped = pair.helped_person or pair.helped_household
    if helped is not None:
        pair.group = helped.group
    return register_save(actor=actor, instance=pair, reason="" if pair.pk else "结对")


@transaction.atomic
def visit_add(
    *, actor: User, pair: AssistancePair, visited_on: datetime.date, content: str, aid: str = "", aid_value=None
) -> AssistanceVisit:
    """Log a visit of a pair (帮扶走访)."""
    ensure_visible_to(pair, actor)
    if visited_on < pair.started_on:
        raise ValidationError({"visited_on": f"走访日期不能早于结对日期({pair.started_on:%Y-%m-%d})。"})
    if pair.ended_on and visited_on > pair.ended_on:
        raise ValidationError({"visited_on": "结对已结束,走访日期不能晚于结束日期。"})
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": "走访日期不能晚于今天。"})
    if not content.strip():
        raise ValidationError({"content": "请填写走访内容。"})
    visit = AssistanceVisit(
        community=pair.community,
        pair=pair,
        visited_on=visited_on,
        content=content.strip(),
        aid=aid.strip(),
        aid_value=aid_value,
        recorded_by=actor,
    )
    visit.full_clean()
    visit.save()
    ensure_visible_to(visit, actor)
    return visit
