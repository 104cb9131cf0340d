"""Demo 人民调解 for ``seed_demo``: 箐口's 29-member committee and its disputes of 2026, a few for 朵亩.

Seed 000: 「由以社区主任、分管副主任、各居民小组组长,支部书记及村民代表组成的29人的调解委员会」,
「民事纠纷调解率100%;民事纠纷调解成功率90%」,「社区中邻里纠纷5起」. So 箐口's ten disputes received
in 2026 are all mediated (调解率 100%), nine settle and one fails (调解成功率 90%), five of them 邻里纠纷.
Two cases of late 2025 give the register some history. Everything is written through the services as
``demo["admin"]``; members and parties are residents of the demo register (generated names), never the
seeds' real people. Idempotent: a community that already has committee members or disputes is skipped.
"""

from __future__ import annotations

import datetime
from itertools import cycle

from faker import Faker

from governance.models import Community, ResidentGroup, User
from residents.choices import PersonStatus
from residents.models import Person
from safety.models.mediation import (
    CommitteeMember,
    CommitteeRole,
    DisputeCase,
    DisputeKind,
    DisputeLevel,
    DisputeSource,
    DisputeStatus,
    MemberBackground,
    PartyRole,
)
from safety.services.mediation import (
    PartyData,
    committee_member_save,
    dispute_close,
    dispute_judicial_confirmation,
    dispute_open,
    dispute_session_record,
    followup_done,
)

D = datetime.date
TERM_START = D(2024, 3, 1)  # the committee's term (换届)
COMMITTEE_SIZE = 29

# (group index, kind, source, received, [session days after intake], outcome, days to close, risks, summary, terms)
QINGKOU_CASES = [
    (0, DisputeKind.NEIGHBOUR, DisputeSource.INFORMANT, D(2025, 11, 12), [2], DisputeStatus.SUCCESS, 3, (),
     "两户因房前排水沟堵塞、雨水漫入邻家院坝发生争执。", "双方共同出资疏通排水沟,今后每年雨季前共同清理。"),
    (3, DisputeKind.HOUSING, DisputeSource.APPLICATION, D(2025, 12, 3), [], DisputeStatus.TRANSFERRED, 6, (),
     "宅基地四至界线争议,涉及土地确权登记。", "团结街道司法所"),
    (0, DisputeKind.NEIGHBOUR, DisputeSource.INFORMANT, D(2026, 1, 8), [1], DisputeStatus.SUCCESS, 1, (),
     "邻居在公共通道堆放柴草,影响通行并有火灾隐患。", "堆放方三日内清理通道柴草,改堆至自家后院。"),
    (1, DisputeKind.MARRIAGE, DisputeSource.APPLICATION, D(2026, 2, 16), [2, 9], DisputeStatus.SUCCESS, 9,
     ("domestic_violence",), "夫妻因外出务工收入分配争吵,丈夫酒后推搡妻子。",
     "丈夫书面保证不再动手并戒酒;务工收入按月存入共同账户,子女学费优先支出。"),
    (2, DisputeKind.NEIGHBOUR, DisputeSource.GROUP_LEADER, D(2026, 3, 11), [1], DisputeStatus.SUCCESS, 1, (),
     "一户养狗未拴,咬伤邻居家鸡三只。", "养狗方赔偿鸡款150元,今后拴养并办理犬只登记。"),
    (4, DisputeKind.SUPPORT, DisputeSource.SCREENING, D(2026, 4, 7), [3, 10], DisputeStatus.SUCCESS, 10, (),
     "三兄弟对八旬老母赡养分工意见不一,老人无人照料。",
     "三兄弟轮流照料母亲,每人每月另付生活费300元,医药费按三等份分担。"),
    (5, DisputeKind.LAND, DisputeSource.GROUP_LEADER, D(2026, 5, 6), [4, 15], DisputeStatus.FAILED, 20,
     ("criminal",), "两户对林地界桩位置各执一词,双方曾发生推搡。",
     "双方分歧较大,已引导当事人向林业部门申请确权或通过诉讼解决。"),
    (2, DisputeKind.NEIGHBOUR, DisputeSource.INFORMANT, D(2026, 6, 2), [2], DisputeStatus.SUCCESS, 2, (),
     "邻居翻建房屋时脚手架占用对方自留地,损毁蔬菜。", "施工方赔偿青苗损失300元,完工后恢复地块原状。"),
    (6, DisputeKind.DAMAGES, DisputeSource.POLICE, D(2026, 7, 14), [3], DisputeStatus.SUCCESS, 3, (),
     "摩托车与行人刮擦致行人手臂擦伤,派出所移交调解。", "骑车方一次性赔偿医药费、误工费共计1800元。"),
    (7, DisputeKind.NEIGHBOUR, DisputeSource.APPLICATION, D(2026, 8, 20), [1, 5], DisputeStatus.SUCCESS, 5, (),
     "相邻两户因新砌围墙遮挡采光、占用滴水发生口角。", "砌墙方将围墙降低50厘米并退让滴水位置30厘米。"),
    (3, DisputeKind.DEBT, DisputeSource.APPLICATION, D(2026, 9, 22), [4], DisputeStatus.SUCCESS, 4, (),
     "两村民之间借款8000元逾期一年未还。", "借款人于2026年12月31日前分两次还清借款8000元,出借人不再主张利息。"),
    (1, DisputeKind.NEIGHBOUR, DisputeSource.INFORMANT, D(2026, 10, 13), [2], DisputeStatus.SUCCESS, 2, (),
     "两户共用水管漏水,对维修费用分担有争议。", "双方各承担维修费用一半,由小组长联系维修。"),
]  # fmt: skip
JUDICIAL = DisputeKind.DAMAGES  # the case whose agreement was confirmed by the court
FOLLOW_UPS_LEFT_OPEN = 2  # the last settled cases still await their 回访

DUOMU_CASES = [
    (0, DisputeKind.PROPERTY, DisputeSource.APPLICATION, D(2026, 4, 9), [2], DisputeStatus.SUCCESS, 2, (),
     "蔬菜基地租用村民土地,租金支付时间有争议。", "基地于每年3月底前一次性支付当年租金。"),
    (1, DisputeKind.NEIGHBOUR, DisputeSource.INFORMANT, D(2026, 10, 28), [3], None, 0, (),
     "两户因宅旁竹林遮挡、落叶堵塞水沟发生争执。", ""),
]  # fmt: skip


def _people(community: Community) -> list[Person]:
    """Adults of the register (18 to 70 on the demo's as-of date) in a fixed order."""
    return list(
        Person.objects.filter(
            community=community,
            status=PersonStatus.ACTIVE,
            birth_date__lte=D(2008, 11, 20),
            birth_date__gte=D(1956, 11, 20),
        ).order_by("group__order", "household_id", "birth_date", "pk")
    )


class _Picker:
    """Hands out residents one at a time, per group where possible, never the same person twice."""

    def __init__(self, community: Community, faker: Faker):
        self.by_group: dict[int | None, list[Person]] = {}
        for person in _people(community):
            self.by_group.setdefault(person.group_id, []).append(person)
        self.used: set[int] = set(
            CommitteeMember.objects.filter(community=community, person__isnull=False).values_list("person", flat=True)
        )
        self.faker = faker

    def person(self, group: ResidentGroup | None, *, not_household=None) -> Person | None:
        pools = [self.by_group.get(group.pk if group else None, []), *self.by_group.values()]
        for pool in pools:
            for person in pool:
                if person.pk in self.used or (not_household and person.household_id == not_household):
                    continue
                self.used.add(person.pk)
                return person
        return None

    def name(self) -> str:
        return self.faker.name()


def _member(actor, community, picker, *, role, background, group=None, user: User | None = None) -> CommitteeMember:
    member = CommitteeMember(community=community, role=role, background=background, group=group, start_on=TERM_START)
    if user is not None:
        member.user, member.phone = user, user.phone
    else:
        person = picker.person(group)
        if person is not None:
            member.person, member.phone = person, person.phone
        else:
            member.name = picker.name()
    return committee_member_save(actor=actor, member=member)


def seed_committee(actor, community: Community, picker: _Picker) -> list[CommitteeMember]:
    """箐口's 29: the director and deputy (staff), the branch secretary, a leader and an informant from
    each of the eight groups, and ten 居民代表 (the two largest groups send two)."""
    groups = list(community.resident_groups.order_by("order"))
    staff = {user.username: user for user in User.objects.filter(community=community)}
    members = [
        _member(actor, community, picker, role=CommitteeRole.DIRECTOR, background=MemberBackground.COMMUNITY_DIRECTOR,
                user=staff.get("shuji")),
        _member(actor, community, picker, role=CommitteeRole.DEPUTY, background=MemberBackground.DEPUTY_DIRECTOR,
                user=staff.get("zhibao")),
        _member(actor, community, picker, role=CommitteeRole.DEPUTY, background=MemberBackground.BRANCH_SECRETARY,
                group=groups[0]),
    ]  # fmt: skip
    for group in groups:
        members.append(_member(actor, community, picker, role=CommitteeRole.MEMBER,
                               background=MemberBackground.GROUP_LEADER, group=group))  # fmt: skip
    # 居民代表 make up the rest of the 29, spread over the groups in turn.
    representatives = COMMITTEE_SIZE - len(members) - len(groups)  # the informants come last
    for group, _ in zip(cycle(groups or [None]), range(representatives), strict=False):
        members.append(_member(actor, community, picker, role=CommitteeRole.MEMBER,
                               background=MemberBackground.RESIDENT_REPRESENTATIVE, group=group))  # fmt: skip
    for group in groups:
        members.append(_member(actor, community, picker, role=CommitteeRole.INFORMANT,
                               background=MemberBackground.RESIDENT_REPRESENTATIVE, group=group))  # fmt: skip
    return members


def _party(picker: _Picker, role: str, group, *, not_household=None) -> PartyData:
    person = picker.person(group, not_household=not_household)
    if person is None:
        return PartyData(role=role, name=picker.name(), address=f"{group.name if group else ''}组")
    return PartyData(role=role, person=person)


def seed_cases(actor, community: Community, picker: _Picker, plan, members: list[CommitteeMember]) -> None:
    groups = list(community.resident_groups.order_by("order"))
    leaders = {member.group_id: member for member in members if member.background == MemberBackground.GROUP_LEADER}
    deputy = next((member for member in members if member.role == CommitteeRole.DEPUTY), members[0])
    settled = []
    for index, kind, source, received, session_days, outcome, close_after, risks, summary, terms in plan:
        group = groups[index % len(groups)] if groups else None
        level = (
            DisputeLevel.GROUP if kind == DisputeKind.NEIGHBOUR and len(session_days) == 1 else DisputeLevel.COMMITTEE
        )
        mediators = [member for member in (leaders.get(group.pk if group else None), deputy) if member is not None]
        applicant = _party(picker, PartyRole.APPLICANT, group)
        respondent = _party(
            picker,
            PartyRole.RESPONDENT,
            group,
            not_household=applicant.person.household_id if applicant.person else None,
        )
        case = dispute_open(
            actor=actor,
            case=DisputeCase(
                community=community,
                kind=kind,
                group=group,
                source=source,
                received_on=received,
                level=level,
                summary=summary,
                investigation="调委会成员下组走访双方及邻居,了解纠纷起因和经过,做好记录。",
                risk_criminal="criminal" in risks,
                risk_domestic_violence="domestic_violence" in risks,
            ),
            parties=[applicant, respondent],
            mediators=mediators,
        )
        for number, days in enumerate(session_days, start=1):
            dispute_session_record(
                actor=actor,
                case=case,
                held_on=received + datetime.timedelta(days=days),
                place=f"{group.name}组活动室" if group and number == 1 else "社区调解室",
                mediators=mediators,
                summary="分别听取双方陈述,讲解相关法律法规和村规民约,引导双方互谅互让。"
                if number == 1
                else "再次组织双方面对面协商,就协议条款逐条确认。",
            )
        if outcome is None:
            continue
        closed_on = received + datetime.timedelta(days=close_after)
        if outcome == DisputeStatus.SUCCESS:
            case = dispute_close(
                actor=actor,
                case=case,
                outcome=outcome,
                closed_on=closed_on,
                agreement_terms=terms,
                performance="协议签订之日起自觉履行,由小组长监督落实。",
                signed_on=closed_on,
            )
            settled.append(case)
        elif outcome == DisputeStatus.TRANSFERRED:
            dispute_close(actor=actor, case=case, outcome=outcome, closed_on=closed_on, transferred_to=terms)
        else:
            dispute_close(actor=actor, case=case, outcome=outcome, closed_on=closed_on, note=terms)
        if kind == JUDICIAL and outcome == DisputeStatus.SUCCESS:
            dispute_judicial_confirmation(
                actor=actor,
                case=case,
                applied_on=closed_on + datetime.timedelta(days=5),
                confirmed_on=closed_on + datetime.timedelta(days=19),
                court="西山区人民法院",
            )
    notes = cycle(["协议已履行完毕,双方关系恢复正常。", "已按协议履行,当事人表示满意。"])
    for case in settled[: max(0, len(settled) - FOLLOW_UPS_LEFT_OPEN)]:
        followup = case.followups.get()
        followup_done(actor=actor, followup=followup, done_on=followup.due_on, note=next(notes))


def _seed_community(actor, community: Community, plan, *, committee) -> None:
    faker = Faker("zh_CN")
    faker.seed_instance(f"mediation-{community.code}")
    picker = _Picker(community, faker)
    members = list(CommitteeMember.objects.filter(community=community))
    if not members:
        members = committee(actor, community, picker)
    if not DisputeCase.objects.filter(community=community).exists():
        seed_cases(actor, community, picker, plan, members)


def seed_small_committee(actor, community: Community, picker: _Picker) -> list[CommitteeMember]:
    groups = list(community.resident_groups.order_by("order"))
    members = [
        _member(actor, community, picker, role=CommitteeRole.DIRECTOR, background=MemberBackground.COMMUNITY_DIRECTOR),
    ]
    for group in groups:
        members.append(_member(actor, community, picker, role=CommitteeRole.MEMBER,
                               background=MemberBackground.GROUP_LEADER, group=group))  # fmt: skip
    return members


def seed(demo: dict) -> None:
    actor = demo["admin"]
    _seed_community(actor, demo["qingkou"], QINGKOU_CASES, committee=seed_committee)
    if "duomu" in demo:
        _seed_community(actor, demo["duomu"], DUOMU_CASES, committee=seed_small_committee)
