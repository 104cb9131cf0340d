"""Fixtures of the party area, written through the services.

Home community (``world.community``; groups 寨子 = group_a, 岔河 = group_b):

* organisations: 中共箐口社区总支部委员会 (总支, 2005) → 寨子党支部 (group_a, 2010) → 寨子第一党小组 (2015);
  总支 → 岔河党支部 (group_b, 2012);
* members (sex, birth, category, kind, joined, organisation):

  ======  ===  ==========  ======  ====  ==========  ============================================
  陈国华   男   1960-05-01  农民     正式  1985-07-01  寨子第一党小组; secretary of 寨子党支部
  李秀兰   女   1950-03-10  离退休   正式  1975-06-01  寨子党支部
  王强     男   1990-08-20  流动     正式  2015-07-01  岔河党支部
  赵敏     女   2000-01-15  大学生   预备  2025-06-01  岔河党支部
  刘军     男   1975-11-11  退伍     正式  1998-07-01  寨子党支部, transferred in 2026-03-01 (介绍信 ZR2026-01)
  孙涛     男   1980-02-02  在职     正式  2005-07-01  岔河党支部, transferred out 2026-04-15 (介绍信 ZC2026-01)
  ======  ===  ==========  ======  ====  ==========  ============================================

  On 2026-06-30 five are on the register (孙涛 has left): 3 men, 2 women, ages 66 + 76 + 35 + 26 + 50 →
  average 50.6; one of each category; 4 正式 and 1 预备; 1 transferred in.
* activities (participants):

  ==========  ====  =======================  ==========================
  2025-10-29  敬老  重阳节敬老 (总支)          陈国华, 王强, 孙涛
  2026-01-20  帮困  春节走访困难户 (总支)      陈国华, 李秀兰, 孙涛
  2026-03-05  敬老  学雷锋敬老 (寨子党支部)    陈国华, 李秀兰, 刘军
  2026-05-10  助残  助残日 (岔河党支部)        陈国华, 赵敏
  2026-06-20  学习  主题党日 (总支)            陈国华, 李秀兰, 赵敏, 刘军 + 郑伟 (报到)
  ==========  ====  =======================  ==========================

  2026: activities per member 陈 4, 李 3, 赵 2, 刘 2, 孙 1, 王 0; of the five on the register at the end
  of 2026, four took part (80%); their 帮困/助残/敬老 participations are 陈 3 + 李 2 + 刘 1 + 赵 1 = 7 →
  1.4 per member. 2025: on the register at year end 陈, 李, 王, 赵, 孙 (刘 came in 2026): 3 of 5 took part.
* 在职党员报到: 郑伟 (a 党员 resident of group_a, 团结街道办事处, from 2025-09-01, open) and 钱丽 (not
  registered here, 箐口完全小学, 2026-02-01 to 2026-05-01).
* a resident who is not a party member: 吴芳 (群众).

The neighbouring community has a branch (中共朵亩社区支部委员会) with one member (周平) and one activity.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from committee.models.party import (
    ActivityKind,
    MemberCategory,
    OrganisationKind,
    PartyActivity,
    PartyCheckIn,
    PartyMember,
    PartyOrganisation,
    PartyTransfer,
)
from committee.services.party import (
    party_activity_save,
    party_checkin_save,
    party_member_create,
    party_organisation_save,
    party_transfer_in,
    party_transfer_out,
)
from residents.choices import PoliticalStatus
from tests.excel.helpers import make_id, register_person

D = datetime.date
PARTY = PoliticalStatus.PARTY_MEMBER


def organisation(actor, name, kind, *, parent=None, founded_on=None, community=None, **fields) -> PartyOrganisation:
    return party_organisation_save(
        actor=actor,
        organisation=PartyOrganisation(
            community=community, name=name, kind=kind, parent=parent, founded_on=founded_on, **fields
        ),
    )


def resident(actor, community, name, birth, *, male=True, group=None, status=PARTY):
    return register_person(
        actor,
        community=community,
        name=name,
        group=group,
        birth_date=birth,
        male=male,
        sex="M" if male else "F",
        political_status=status,
        id_number=make_id(birth, male=male),
    )


def member(actor, person, organisation, category, joined_on, **fields) -> PartyMember:
    return party_member_create(
        actor=actor,
        member=PartyMember(person=person, organisation=organisation, category=category, joined_on=joined_on, **fields),
    )


def activity(actor, organisation, on, kind, title, participants=(), checkins=()) -> PartyActivity:
    return party_activity_save(
        actor=actor,
        activity=PartyActivity(organisation=organisation, date=on, kind=kind, title=title),
        participants=participants,
        checkin_participants=checkins,
    )


@dataclass
class Party:
    general: PartyOrganisation
    branch_a: PartyOrganisation
    cell_a: PartyOrganisation
    branch_b: PartyOrganisation
    chen: PartyMember
    li: PartyMember
    wang: PartyMember
    zhao: PartyMember  # 预备
    liu: PartyMember  # transferred in 2026-03-01
    sun: PartyMember  # transferred out 2026-04-15
    transfer_in: PartyTransfer
    transfer_out: PartyTransfer
    double_ninth: PartyActivity  # 2025-10-29 敬老
    spring: PartyActivity  # 2026-01-20 帮困
    lei_feng: PartyActivity  # 2026-03-05 敬老
    disability_day: PartyActivity  # 2026-05-10 助残
    party_day: PartyActivity  # 2026-06-20 学习教育
    resident_checkin: PartyCheckIn  # 郑伟
    visitor_checkin: PartyCheckIn  # 钱丽, ended
    zheng: object  # the person of the resident check-in
    masses: object  # 吴芳, 群众
    other_branch: PartyOrganisation
    other_member: PartyMember
    other_activity: PartyActivity


@pytest.fixture
def party(world) -> Party:
    head, community = world.head, world.community
    general = organisation(head, "中共箐口社区总支部委员会", OrganisationKind.GENERAL_BRANCH, founded_on=D(2005, 7, 1))
    branch_a = organisation(
        head, "寨子党支部", OrganisationKind.BRANCH, parent=general, founded_on=D(2010, 6, 1), group=world.group_a
    )
    cell_a = organisation(head, "寨子第一党小组", OrganisationKind.CELL, parent=branch_a, founded_on=D(2015, 1, 1))
    branch_b = organisation(
        head, "岔河党支部", OrganisationKind.BRANCH, parent=general, founded_on=D(2012, 6, 1), group=world.group_b
    )

    def person(name, birth, male=True, group=world.group_a, status=PARTY):
        return resident(head, community, name, birth, male=male, group=group, status=status)

    chen = member(head, person("陈国华", D(1960, 5, 1)), cell_a, MemberCategory.FARMER, D(1985, 7, 1),
                  confirmed_on=D(1986, 7, 1))  # fmt: skip
    li = member(head, person("李秀兰", D(1950, 3, 10), male=False), branch_a, MemberCategory.RETIRED, D(1975, 6, 1))
    wang = member(head, person("王强", D(1990, 8, 20), group=world.group_b), branch_b, MemberCategory.FLOATING,
                  D(2015, 7, 1))  # fmt: skip
    zhao = member(
        head,
        person("赵敏", D(2000, 1, 15), male=False, group=world.group_b, status=PoliticalStatus.PROBATIONARY),
        branch_b,
        MemberCategory.GRADUATE,
        D(2025, 6, 1),
    )
    sun = member(head, person("孙涛", D(1980, 2, 2), group=world.group_b), branch_b, MemberCategory.EMPLOYED,
                 D(2005, 7, 1))  # fmt: skip
    transfer_in = party_transfer_in(
        actor=head,
        person=person("刘军", D(1975, 11, 11)),
        organisation=branch_a,
        on=D(2026, 3, 1),
        from_organisation="中共昆明市某部队退役军人服务站支部",
        category=MemberCategory.VETERAN,
        kind="full",
        joined_on=D(1998, 7, 1),
        letter_number="ZR2026-01",
        reason="退役返乡",
    )
    liu = transfer_in.member
    branch_a.secretary = chen
    party_organisation_save(actor=head, organisation=branch_a)
    zheng = person("郑伟", D(1985, 4, 4))
    resident_checkin = party_checkin_save(
        actor=head,
        checkin=PartyCheckIn(
            person=zheng, work_unit="团结街道办事处", reported_on=D(2025, 9, 1), post="政策宣传岗",
            commitment="每月参加一次社区志愿服务。",
        ),
    )  # fmt: skip
    visitor_checkin = party_checkin_save(
        actor=head,
        checkin=PartyCheckIn(
            name="钱丽", id_number=make_id(D(1988, 9, 9), male=False), work_unit="箐口完全小学",
            reported_on=D(2026, 2, 1), ended_on=D(2026, 5, 1),
        ),
    )  # fmt: skip
    double_ninth = activity(head, general, D(2025, 10, 29), ActivityKind.ELDERLY, "重阳节敬老", [chen, wang, sun])
    spring = activity(head, general, D(2026, 1, 20), ActivityKind.POVERTY, "春节走访困难户", [chen, li, sun])
    transfer_out = party_transfer_out(
        actor=head, member=sun, on=D(2026, 4, 15), to_organisation="中共昆明市西山区某公司支部委员会",
        letter_number="ZC2026-01", reason="工作调动",
    )  # fmt: skip
    sun.refresh_from_db()
    lei_feng = activity(head, branch_a, D(2026, 3, 5), ActivityKind.ELDERLY, "学雷锋敬老", [chen, li, liu])
    disability_day = activity(head, branch_b, D(2026, 5, 10), ActivityKind.DISABILITY, "全国助残日", [chen, zhao])
    party_day = activity(
        head, general, D(2026, 6, 20), ActivityKind.STUDY, "主题党日", [chen, li, zhao, liu], [resident_checkin]
    )
    masses = person("吴芳", D(1982, 12, 12), male=False, status=PoliticalStatus.MASSES)

    other_head = world.other_head
    other_branch = organisation(other_head, "中共朵亩社区支部委员会", OrganisationKind.BRANCH, founded_on=D(2008, 1, 1))
    other_member = member(
        other_head,
        resident(other_head, world.other_community, "周平", D(1970, 6, 6), group=world.other_group),
        other_branch,
        MemberCategory.FARMER,
        D(1995, 7, 1),
    )
    other_activity = activity(
        other_head, other_branch, D(2026, 3, 1), ActivityKind.POVERTY, "朵亩走访困难户", [other_member]
    )
    for obj in (chen, li, wang, zhao, liu, general, branch_a):
        obj.refresh_from_db()
    return Party(
        general=general,
        branch_a=branch_a,
        cell_a=cell_a,
        branch_b=branch_b,
        chen=chen,
        li=li,
        wang=wang,
        zhao=zhao,
        liu=liu,
        sun=sun,
        transfer_in=transfer_in,
        transfer_out=transfer_out,
        double_ninth=double_ninth,
        spring=spring,
        lei_feng=lei_feng,
        disability_day=disability_day,
        party_day=party_day,
        resident_checkin=resident_checkin,
        visitor_checkin=visitor_checkin,
        zheng=zheng,
        masses=masses,
        other_branch=other_branch,
        other_member=other_member,
        other_activity=other_activity,
    )
