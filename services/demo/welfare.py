"""Demo 社会救助·福利 for ``seed_demo``: 箐口's programmes, its 低保 households and 五保 people enrolled, the
monthly 低保 batches of 2026, the October payments of seed 000, one 高龄补贴 batch, a campaign with
donations and assistance pairs with visits; a little for 朵亩.

Seed 000 section 四(三): 「以10月份为例,共发放抗旱救灾贫困户资金50000元,残疾人中秋慰问资金3750元;发放低保
中秋慰问金3800元;发放五保中秋慰问金1000元,各党支部目前正在开展为贫困老人捐献一元钱活动」. October 2026
therefore holds four approved batches with exactly those totals (the amount per recipient is the total
shared among the demo's 贫困户, 残疾人, 低保户 and 五保 people, in steps of 10 元), and the campaign
「为贫困老人捐献一元钱」 runs from October. 高龄补贴 is 50 元 a month for everyone aged 80 or more ([002]).

Batches are prepared by ``gongzuo`` (社区工作者) and approved by ``shuji`` (书记) — four eyes; 朵亩's by its
worker ``duomu`` and approved by ``admin``. Everything else is written as ``demo["admin"]``. A community
that already has welfare programmes is left alone.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from governance.models import Community, ResidentUnit, User
from households.models import Household, HouseholdTag
from residents.choices import PersonStatus, PoliticalStatus
from residents.models import Category, CategoryMembership, Person
from services.models.welfare import (
    AssistancePair,
    BeneficiaryUnit,
    DistributionBatch,
    Donation,
    DonationCampaign,
    DonationKind,
    Frequency,
    FundingSource,
    PairKind,
    PaymentMethod,
    ProgrammeKind,
    WelfareEnrolment,
    WelfareProgramme,
)
from services.services.welfare import (
    batch_approve,
    batch_build_from_enrolments,
    batch_build_from_rule,
    batch_create,
    batch_mark_all_paid,
    batch_submit,
    campaign_save,
    donation_add,
    enrolment_advance,
    enrolment_apply,
    enrolment_review,
    line_add,
    line_set_amount,
    pair_save,
    programme_save,
    rule_recipients,
    visit_add,
)

D = datetime.date
YEAR = 2026

# (name, kind, unit, standard, frequency, source, review months, eligibility)
PROGRAMMES = [
    ("农村最低生活保障", ProgrammeKind.DIBAO, BeneficiaryUnit.HOUSEHOLD, "450", Frequency.MONTHLY,
     FundingSource.CIVIL_AFFAIRS, 6, "家庭人均收入低于当地农村低保标准的农业户口家庭,应保尽保。"),
    ("农村五保供养", ProgrammeKind.WUBAO, BeneficiaryUnit.PERSON, "600", Frequency.MONTHLY,
     FundingSource.CIVIL_AFFAIRS, 12, "无劳动能力、无生活来源、无法定赡养抚养扶养义务人的老年人、残疾人和未成年人。"),
    ("高龄补贴", ProgrammeKind.ELDERLY, BeneficiaryUnit.PERSON, "50", Frequency.MONTHLY,
     FundingSource.AGEING, 0, "本社区户籍年满80周岁的老人,每月50元。"),
    ("残疾人生活补贴", ProgrammeKind.DISABILITY_LIVING, BeneficiaryUnit.PERSON, "100", Frequency.MONTHLY,
     FundingSource.DISABLED_FEDERATION, 12, "持证困难残疾人。"),
    ("抗旱救灾贫困户资金", ProgrammeKind.TEMPORARY, BeneficiaryUnit.HOUSEHOLD, "3500", Frequency.ONCE,
     FundingSource.HIGHER_LEVEL, 0, "受旱灾影响的建档立卡贫困户。"),
    ("残疾人中秋慰问", ProgrammeKind.FESTIVAL, BeneficiaryUnit.PERSON, "150", Frequency.ONCE,
     FundingSource.DISABLED_FEDERATION, 0, "本社区残疾人。"),
    ("低保户中秋慰问金", ProgrammeKind.FESTIVAL, BeneficiaryUnit.HOUSEHOLD, "200", Frequency.ONCE,
     FundingSource.CIVIL_AFFAIRS, 0, "在保低保户。"),
    ("五保中秋慰问金", ProgrammeKind.FESTIVAL, BeneficiaryUnit.PERSON, "200", Frequency.ONCE,
     FundingSource.CIVIL_AFFAIRS, 0, "五保供养对象。"),
]  # fmt: skip

# Seed 000's October figures: programme → total paid.
OCTOBER_TOTALS = {
    "抗旱救灾贫困户资金": Decimal("50000"),
    "残疾人中秋慰问": Decimal("3750"),
    "低保户中秋慰问金": Decimal("3800"),
    "五保中秋慰问金": Decimal("1000"),
}


def split(total: Decimal, count: int, step: Decimal = Decimal("10")) -> list[Decimal]:
    """``total`` shared among ``count`` recipients in multiples of ``step``, the first ones taking the rest."""
    base = (total / count // step) * step
    amounts = [base] * count
    rest = total - base * count
    index = 0
    while rest > 0:
        bump = min(step, rest)
        amounts[index % count] += bump
        rest -= bump
        index += 1
    return amounts


def _tagged_households(community: Community, kind: str, on: datetime.date) -> list[Household]:
    tags = HouseholdTag.objects.filter(community=community, kind=kind).active_on(on).select_related("household")
    households = {tag.household for tag in tags if tag.household.status == "active"}
    return sorted(households, key=lambda household: household.number)


def _members(community: Community, code: str, on: datetime.date) -> list[Person]:
    memberships = CategoryMembership.objects.filter(community=community, category__code=code).active_on(on)
    people = Person.objects.filter(pk__in=memberships.values("person_id"), status=PersonStatus.ACTIVE)
    return list(people.order_by("household__number", "birth_date", "pk"))


def _enrol_active(actor, programme, *, approved_on, person=None, household=None, review_on=None):
    """An enrolment walked through 申报 → 调查 → 审核 → 公示 → 在保 before ``approved_on``."""
    enrolment = enrolment_apply(
        actor=actor,
        enrolment=WelfareEnrolment(
            programme=programme,
            person=person,
            household=household,
            applied_on=approved_on - datetime.timedelta(days=42),
        ),
    )
    for days_before in (35, 24, 14, 0):
        enrolment = enrolment_advance(
            actor=actor,
            enrolment=enrolment,
            on=approved_on - datetime.timedelta(days=days_before),
            approving_body="团结街道办事处" if days_before == 0 else "",
        )
    if review_on is not None and review_on > approved_on:
        enrolment = enrolment_review(
            actor=actor, enrolment=enrolment, on=review_on, note="家庭收入和人口无变化,继续保障。"
        )
    return enrolment


def _approve(preparer: User, approver: User, batch: DistributionBatch, period: datetime.date, *, paid: str | None):
    batch = batch_submit(actor=preparer, batch=batch, on=period.replace(day=8))
    batch = batch_approve(actor=approver, batch=batch, on=period.replace(day=10))
    if paid:
        batch_mark_all_paid(actor=preparer, batch=batch, paid_on=period.replace(day=15), method=paid)
    return batch


def _batch(preparer: User, programme: WelfareProgramme, period: datetime.date, title: str) -> DistributionBatch:
    return batch_create(actor=preparer, batch=DistributionBatch(title=title, programme=programme, period=period))


def _share(preparer: User, batch: DistributionBatch, total: Decimal) -> None:
    lines = list(batch.lines.order_by("household_number", "pk"))
    for line, amount in zip(lines, split(total, len(lines)), strict=True):
        if line.amount != amount:
            line_set_amount(actor=preparer, line=line, amount=amount)


def _category(code: str) -> Category:
    return Category.objects.get(code=code)


def _paid_batch(
    preparer: User,
    approver: User,
    programme: WelfareProgramme,
    period: datetime.date,
    title: str,
    *,
    enrolments: bool = False,
    rule: dict | None = None,
    households=(),
    total: Decimal | None = None,
    method: str = PaymentMethod.BANK,
) -> DistributionBatch | None:
    """A batch built from the programme's 在保 enrolments, a rule or a list of households, its amounts shared
    out of ``total`` when given, approved and paid; None (nothing written) when it would have no recipient."""
    community = programme.community
    if enrolments and not WelfareEnrolment.objects.filter(programme=programme, approved_on__lte=period).exists():
        return None
    if rule is not None and not rule_recipients(community=community, **rule):
        return None
    if not enrolments and rule is None and not households:
        return None
    batch = _batch(preparer, programme, period, title)
    if enrolments:
        batch = batch_build_from_enrolments(actor=preparer, batch=batch)
    elif rule is not None:
        batch = batch_build_from_rule(actor=preparer, batch=batch, **rule)
    else:
        for household in households:
            line_add(actor=preparer, batch=batch, household=household)
    if total is not None:
        _share(preparer, batch, total)
    return _approve(preparer, approver, batch, period, paid=method)


def seed(demo: dict) -> None:
    actor = demo["admin"]
    as_of = demo.get("as_of", D(YEAR, 11, 20))
    _seed_qingkou(actor, demo["qingkou"], as_of)
    _seed_duomu(actor, demo["duomu"], as_of)


def _programmes(actor, community) -> dict[str, WelfareProgramme]:
    result = {}
    for name, kind, unit, amount, frequency, source, review, eligibility in PROGRAMMES:
        result[name] = programme_save(
            actor=actor,
            programme=WelfareProgramme(
                community=community,
                name=name,
                kind=kind,
                unit=unit,
                standard_amount=Decimal(amount),
                frequency=frequency,
                funding_source=source,
                review_months=review,
                eligibility=eligibility,
            ),
        )
    return result


def _seed_qingkou(actor: User, community: Community, as_of: datetime.date) -> None:
    if WelfareProgramme.objects.filter(community=community).exists():
        return
    rng = random.Random(20261120)
    worker = User.objects.get(username="gongzuo")
    head = User.objects.get(username="shuji")
    programmes = _programmes(actor, community)

    # 低保 households and 五保 people, 在保 since their tag or category began; most reviewed in June, a few overdue.
    dibao_households = _tagged_households(community, "dibao", as_of)
    for index, household in enumerate(dibao_households):
        tag = household.tags.filter(kind="dibao").order_by("-start_on").first()
        approved_on = max(tag.start_on, D(2016, 3, 1))
        review_on = D(YEAR, 3, 12) if index % 7 == 3 else D(YEAR, 6, 10) + datetime.timedelta(days=index % 20)
        _enrol_active(
            actor, programmes["农村最低生活保障"], household=household, approved_on=approved_on, review_on=review_on
        )
    wubao_people = _members(community, "wubao", as_of)
    for person in wubao_people:
        membership = person.memberships.filter(category__code="wubao").order_by("-start_on").first()
        _enrol_active(
            actor,
            programmes["农村五保供养"],
            person=person,
            approved_on=max(membership.start_on, D(2016, 3, 1)),
            review_on=D(YEAR, 5, 20),
        )
    # Two applications still being examined.
    waiting = [h for h in _tagged_households(community, "poor", as_of) if h not in dibao_households][:2]
    for household, steps in zip(waiting, (1, 3), strict=False):
        enrolment = enrolment_apply(
            actor=actor,
            enrolment=WelfareEnrolment(
                programme=programmes["农村最低生活保障"], household=household, applied_on=D(YEAR, 10, 12)
            ),
        )
        for day in range(steps):
            enrolment = enrolment_advance(
                actor=actor, enrolment=enrolment, on=D(YEAR, 10, 19) + datetime.timedelta(days=7 * day)
            )

    # Monthly 低保 batches of 2026 (bank transfers), prepared by gongzuo, approved by shuji.
    dibao = programmes["农村最低生活保障"]
    for month in range(1, as_of.month + 1):
        period = D(YEAR, month, 1)
        if period.replace(day=15) > as_of:
            break
        _paid_batch(worker, head, dibao, period, f"{YEAR}年{month}月农村低保金", enrolments=True)
    for month in (9, 10):
        title = f"{YEAR}年{month}月五保供养金"
        _paid_batch(worker, head, programmes["农村五保供养"], D(YEAR, month, 1), title, enrolments=True)

    # October: seed 000's four payments, with its exact totals.
    october, mid_autumn = D(YEAR, 10, 1), D(YEAR, 9, 25)
    for name, title, recipients in [
        ("抗旱救灾贫困户资金", "抗旱救灾贫困户资金", {"households": _tagged_households(community, "poor", october)}),
        ("残疾人中秋慰问", "残疾人中秋慰问资金", {"rule": {"on": mid_autumn, "category": _category("disabled")}}),
        ("低保户中秋慰问金", "低保中秋慰问金", {"households": dibao_households}),
        ("五保中秋慰问金", "五保中秋慰问金", {"rule": {"on": mid_autumn, "category": _category("wubao")}}),
    ]:
        _paid_batch(
            worker, head, programmes[name], october, title, total=OCTOBER_TOTALS[name], method=PaymentMethod.CASH,
            **recipients,
        )  # fmt: skip

    # 高龄补贴: everyone aged 80 or more on 1 October (cash); November's list awaits approval.
    elderly = programmes["高龄补贴"]
    _paid_batch(
        worker, head, elderly, october, f"{YEAR}年10月高龄补贴", rule={"on": october, "min_age": 80},
        method=PaymentMethod.CASH,
    )  # fmt: skip
    november = D(YEAR, 11, 1)
    if rule_recipients(community=community, on=november, min_age=80):
        pending = batch_build_from_rule(
            actor=worker, batch=_batch(worker, elderly, november, f"{YEAR}年11月高龄补贴"), on=november, min_age=80
        )
        batch_submit(actor=worker, batch=pending, on=D(YEAR, 11, 18))

    _seed_donations(actor, community, rng)
    _seed_pairs(actor, community, worker, head, dibao_households, wubao_people, rng)


def _seed_donations(actor: User, community: Community, rng: random.Random) -> None:
    campaign = campaign_save(
        actor=actor,
        campaign=DonationCampaign(
            community=community,
            name="为贫困老人捐献一元钱",
            purpose="各党支部发动党员群众为辖区贫困老人捐献一元钱,所得善款用于重阳节慰问贫困老人。",
            start_on=D(YEAR, 10, 8),
            end_on=D(YEAR, 11, 15),
            organiser="社区党总支",
            note="善款用于重阳节为辖区贫困、高龄老人购买米、油等慰问品。",
        ),
    )
    members = list(
        Person.objects.filter(
            community=community,
            status=PersonStatus.ACTIVE,
            political_status__in=[PoliticalStatus.PARTY_MEMBER, PoliticalStatus.PROBATIONARY],
        ).order_by("pk")
    )
    for index, person in enumerate(members):
        donation_add(
            actor=actor,
            campaign=campaign,
            donation=Donation(
                donor_person=person,
                amount=Decimal(rng.choice([1, 1, 1, 2, 5, 10])),
                donated_on=D(YEAR, 10, 8) + datetime.timedelta(days=index % 30),
            ),
        )
    units = list(ResidentUnit.objects.filter(community=community).order_by("pk"))
    for index, unit in enumerate(units):
        goods = index % 2 == 1
        donation_add(
            actor=actor,
            campaign=campaign,
            donation=Donation(
                donor_unit=unit,
                kind=DonationKind.GOODS if goods else DonationKind.MONEY,
                amount=Decimal("300") if goods else Decimal(rng.choice([200, 500, 1000])),
                goods="大米10袋、食用油10桶" if goods else "",
                donated_on=D(YEAR, 10, 20) + datetime.timedelta(days=index),
            ),
        )
    donation_add(
        actor=actor,
        campaign=campaign,
        donation=Donation(donor_name="在外务工青年(匿名)", amount=Decimal("600"), donated_on=D(YEAR, 10, 26)),
    )


def _seed_pairs(actor, community, worker, head, dibao_households, wubao_people, rng) -> None:
    party_members = list(
        Person.objects.filter(
            community=community, status=PersonStatus.ACTIVE, political_status=PoliticalStatus.PARTY_MEMBER
        ).order_by("birth_date")[:3]
    )
    helped = [("household", household) for household in dibao_households[:3]] + [
        ("person", person) for person in wubao_people[:2]
    ]
    helpers = [("user", head), ("user", worker)] + [("person", person) for person in party_members]
    visits = [
        ("入户了解家庭收入和就医情况,宣传医疗救助政策。", "大米一袋、食用油一桶", Decimal("120")),
        ("帮助联系春耕种子化肥,查看房屋漏雨情况。", "化肥两袋", Decimal("260")),
        ("中秋走访慰问,拉家常,了解子女外出务工情况。", "月饼、慰问金200元", Decimal("260")),
    ]
    for index, ((helped_kind, subject), (helper_kind, helper)) in enumerate(zip(helped, helpers, strict=False)):
        pair = pair_save(
            actor=actor,
            pair=AssistancePair(
                community=community,
                kind=PairKind.CADRE if helper_kind == "user" else PairKind.PARTY_MEMBER,
                helper_user=helper if helper_kind == "user" else None,
                helper_person=helper if helper_kind == "person" else None,
                helped_household=subject if helped_kind == "household" else None,
                helped_person=subject if helped_kind == "person" else None,
                started_on=D(YEAR, 2, 20) + datetime.timedelta(days=index * 3),
                note="每季度至少走访一次,帮助解决生产生活困难。",
            ),
        )
        for month, (content, aid, value) in zip((4, 7, 9), visits, strict=True):
            visit_add(
                actor=actor,
                pair=pair,
                visited_on=D(YEAR, month, 10 + index),
                content=content,
                aid=aid,
                aid_value=value,
            )


def _seed_duomu(actor: User, community: Community, as_of: datetime.date) -> None:
    if WelfareProgramme.objects.filter(community=community).exists():
        return
    worker = User.objects.filter(username="duomu").first()
    programme = programme_save(
        actor=actor,
        programme=WelfareProgramme(
            community=community,
            name="农村最低生活保障",
            kind=ProgrammeKind.DIBAO,
            unit=BeneficiaryUnit.HOUSEHOLD,
            standard_amount=Decimal("450"),
            funding_source=FundingSource.CIVIL_AFFAIRS,
            review_months=6,
        ),
    )
    households = _tagged_households(community, "dibao", as_of)
    for household in households:
        tag = household.tags.filter(kind="dibao").order_by("-start_on").first()
        _enrol_active(
            actor, programme, household=household, approved_on=max(tag.start_on, D(2016, 3, 1)), review_on=D(YEAR, 7, 1)
        )
    if worker is None or not households:
        return
    for month in (9, 10):
        _paid_batch(worker, actor, programme, D(YEAR, month, 1), f"{YEAR}年{month}月农村低保金", enrolments=True)
