"""Party organisation and members (issue 5 item 2; domain.md §2.4.9): the community's party organisations
as a tree (社区党委/党总支 → 党支部 → 党小组), the party members of the person register, their
organisational transfers (组织关系转接), in-service members reporting to the community (在职党员社区报到)
and the members' activities (帮困、助残、敬老 …), counted per member and year.

Seed 000: 「党员73人」「中共xx社区总支部委员会」「党员每年参与帮困、助残、敬老等活动6次、社区党员参与社区建设
各项活动率90%」. Seed 002: 「在册党员93人,其中流动党员36人,困难企业下岗党员19人,离退休党员22人,大中专院校
毕业生5人,退伍党员3人,无业党员8人,男性党员48人,女性党员45人,平均年龄52岁」.

Party work is community-wide (the 总支 answers for every member, whichever group they live in), so the
registers are scoped by community only: a ``group`` on a member is kept for filters and counts, not to
narrow who sees the row.

A member's time on the community's party register runs from the day their relation came here (the
transfer-in date, else the day they joined the party) until their status changed (转出, 去世, 停止党籍):
``PartyMemberQuerySet.on_register``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup, ResidentUnit
from governance.querysets import ScopedQuerySet
from residents.choices import PersonStatus, PoliticalStatus
from residents.validators import mask_id_number

# The residents' political statuses of a party member (中共党员, 中共预备党员).
PARTY_STATUSES = (PoliticalStatus.PARTY_MEMBER, PoliticalStatus.PROBATIONARY)
# 「年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子……可以申请加入中国共产党」(党章第一条).
MINIMUM_JOINING_AGE = 18


def one_year_after(day: datetime.date) -> datetime.date:
    """The same date a year later (29 February → 1 March): the end of the one-year probation (预备期一年)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return datetime.date(day.year + 1, 3, 1)


#
# Choices
#


class OrganisationKind(models.TextChoices):
    PARTY_COMMITTEE = "committee", "社区党委"
    GENERAL_BRANCH = "general_branch", "社区党总支"
    BRANCH = "branch", "党支部"
    JOINT_BRANCH = "joint_branch", "联合党支部"
    NON_PUBLIC = "non_public", "非公企业党组织"
    UNIT = "unit", "驻区单位党组织"
    CELL = "cell", "党小组"


# The level of each kind in the tree: a parent is always one level up or more (党委/总支 → 支部 → 党小组).
ORGANISATION_LEVELS = {
    OrganisationKind.PARTY_COMMITTEE: 0,
    OrganisationKind.GENERAL_BRANCH: 0,
    OrganisationKind.BRANCH: 1,
    OrganisationKind.JOINT_BRANCH: 1,
    OrganisationKind.NON_PUBLIC: 1,
    OrganisationKind.UNIT: 1,
    OrganisationKind.CELL: 2,
}


class MemberCategory(models.TextChoices):
    """党员类别 (one primary category per member), as seeds 001 and 002 count them; 农民党员 for the rural
    communities of seed 000, where most members farm."""

    EMPLOYED = "employed", "在职党员"
    RETIRED = "retired", "离退休党员"
    FLOATING = "floating", "流动党员"
    LAID_OFF = "laid_off", "下岗党员"
    UNEMPLOYED = "unemployed", "无业党员"
    SELF_EMPLOYED = "self_employed", "个体户党员"
    GRADUATE = "graduate", "大中专院校毕业生党员"
    VETERAN = "veteran", "退伍党员"
    FARMER = "farmer", "农民党员"
    OTHER = "other", "其他"


class MembershipKind(models.TextChoices):
    FULL = "full", "正式党员"
    PROBATIONARY = "probationary", "预备党员"


# The political status on the person register that goes with each kind of membership.
POLITICAL_STATUS_OF_KIND = {
    MembershipKind.FULL: PoliticalStatus.PARTY_MEMBER,
    MembershipKind.PROBATIONARY: PoliticalStatus.PROBATIONARY,
}
KIND_OF_POLITICAL_STATUS = {status: kind for kind, status in POLITICAL_STATUS_OF_KIND.items()}


class MemberStatus(models.TextChoices):
    ACTIVE = "active", "在册"
    TRANSFERRED_OUT = "transferred_out", "已转出"
    DECEASED = "deceased", "已去世"
    STOPPED = "stopped", "停止党籍"


class TransferDirection(models.TextChoices):
    IN = "in", "转入"
    OUT = "out", "转出"


class ActivityKind(models.TextChoices):
    DELIBERATION = "deliberation", "党员议事会"
    POVERTY = "poverty", "帮困"
    DISABILITY = "disability", "助残"
    ELDERLY = "elderly", "敬老"
    VOLUNTEER = "volunteer", "志愿服务"
    DONATION = "donation", "捐款"
    STUDY = "study", "学习教育"
    REVIEW = "review", "民主评议党员"
    EXCELLENCE = "excellence", "创先争优"
    OTHER = "other", "其他"


# 「党员每年参与帮困、助残、敬老等活动6次」: the kinds that indicator BZ04 counts.
ASSISTANCE_KINDS = (ActivityKind.POVERTY, ActivityKind.DISABILITY, ActivityKind.ELDERLY)


#
# Organisations
#


class PartyOrganisationQuerySet(ScopedQuerySet):
    def active_on(self, day: datetime.date):
        """Organisations founded by ``day`` (or with no founding date) and not dissolved by then."""
        return self.filter(models.Q(founded_on__isnull=True) | models.Q(founded_on__lte=day)).exclude(
            dissolved_on__lte=day
        )


class PartyOrganisation(models.Model):
    """A party organisation of the community (党组织): 「中共xx社区总支部委员会」 with its branches (党支部, by
    residents' group or unit) and their party groups (党小组).

    The secretary (书记) is a party member of the community, not a staff member: a branch secretary in a
    village group is usually a farmer off the payroll, while every secretary is a party member. The 两委's
    书记 post of the staff register (``CommitteePost``) and the 总支's secretary name the same person when
    the demo or the staff record it so.
    """

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(verbose_name="组织名称", max_length=100, help_text="例如:中共箐口社区总支部委员会。")
    kind = models.CharField(verbose_name="组织类型", max_length=20, choices=OrganisationKind)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级党组织",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="党支部填所属党委或党总支,党小组填所属支部;社区党委、党总支不填。",
    )
    founded_on = models.DateField(verbose_name="成立日期", null=True, blank=True)
    secretary = models.ForeignKey(
        "PartyMember",
        verbose_name="书记(组长)",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_organisations",
        help_text="本社区在册党员。",
    )
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="覆盖居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="按居民小组建立的支部或党小组填写。",
    )
    unit = models.ForeignKey(
        ResidentUnit,
        verbose_name="所在单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="非公企业、驻区单位党组织填写。",
    )
    dissolved_on = models.DateField(verbose_name="撤销日期", null=True, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = PartyOrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党组织"
        verbose_name_plural = "党组织"
        ordering = ["community_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="party_organisation_unique_name",
                violation_error_message="本社区已有同名党组织。",
            ),
            models.CheckConstraint(
                condition=models.Q(group__isnull=True) | models.Q(unit__isnull=True),
                name="party_organisation_one_scope",
                violation_error_message="覆盖范围只能是一个居民小组或一个单位,不能同时填写。",
            ),
            models.CheckConstraint(
                condition=models.Q(dissolved_on__isnull=True)
                | models.Q(founded_on__isnull=True)
                | models.Q(dissolved_on__gte=models.F("founded_on")),
                name="party_organisation_dissolved_after_founding",
                violation_error_message="撤销日期不能早于成立日期。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("committee:partyorganisation_detail", kwargs={"pk": self.pk})

    @property
    def level(self) -> int:
        return ORGANISATION_LEVELS.get(self.kind, 1)

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None

    def clean(self):
        errors: dict[str, str] = {}
        community_id = self.community_id
        if community_id:
            if self.group_id and self.group.community_id != community_id:
                errors["group"] = "居民小组不属于该社区。"
            if self.unit_id and self.unit.community_id != community_id:
                errors["unit"] = "单位不属于该社区。"
            if self.secretary_id and self.secretary.community_id != community_id:
                errors["secretary"] = "书记须是本社区在册党员。"
        if self.secretary_id and "secretary" not in errors and self.secretary.status != MemberStatus.ACTIVE:
            errors["secretary"] = f"{self.secretary}{self.secretary.status_phrase},不能担任书记。"
        parent_error = self._parent_error()
        if parent_error:
            errors["parent"] = parent_error
        if errors:
            raise ValidationError(errors)

    def _parent_error(self) -> str:
        if self.parent_id is None:
            if self.kind == OrganisationKind.CELL:
                return "党小组须填写所属党支部。"
            return ""
        parent = self.parent
        if self.community_id and parent.community_id != self.community_id:
            return "上级党组织不属于该社区。"
        if self.level == 0:
            return f"{self.get_kind_display()}是社区最高一级党组织,不填上级党组织。"
        if parent.level >= self.level:
            return f"{parent.get_kind_display()}不能作为{self.get_kind_display()}的上级党组织。"
        seen = {self.pk} if self.pk else set()
        node = parent
        while node is not None:
            if node.pk in seen:
                return "上级党组织不能是本组织或其下级组织。"
            seen.add(node.pk)
            node = node.parent
        return ""


#
# Members
#


class PartyMemberQuerySet(ScopedQuerySet):
    def active(self):
        """Members on the register now (在册)."""
        return self.filter(status=MemberStatus.ACTIVE)

    def on_register(self, day: datetime.date):
        """Members on the community's party register on ``day``: their relation was here by then (the
        transfer-in date, else the joining date) and their status had not changed yet (a member who
        transferred out, died or stopped on ``day`` is off the register that day, as a person who
        moves out is off the population register on the day they leave)."""
        return (
            self.alias(register_start=Coalesce("transferred_in_on", "joined_on"))
            .filter(register_start__lte=day)
            .filter(models.Q(status=MemberStatus.ACTIVE) | models.Q(status_on__gt=day))
        )


class PartyMember(models.Model):
    """A party member (党员) of the community: a person of the register whose organisational relation is
    with one of the community's party organisations. One row per membership in a community: a member who
    transfers out keeps the row (已转出), and one who comes back is reactivated on the same row."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="随居民所在小组。",
    )
    person = models.ForeignKey(
        "residents.Person", verbose_name="居民", on_delete=models.PROTECT, related_name="party_memberships"
    )
    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name="所在党组织", on_delete=models.PROTECT, related_name="members"
    )
    category = models.CharField(verbose_name="党员类别", max_length=16, choices=MemberCategory)
    kind = models.CharField(
        verbose_name="正式/预备", max_length=16, choices=MembershipKind, default=MembershipKind.FULL
    )
    joined_on = models.DateField(verbose_name="入党时间")
    confirmed_on = models.DateField(verbose_name="转正时间", null=True, blank=True)
    transferred_in = models.BooleanField(verbose_name="组织关系转入本社区", default=False)
    transferred_in_on = models.DateField(verbose_name="转入日期", null=True, blank=True)
    status = models.CharField(
        verbose_name="党籍状态", max_length=16, choices=MemberStatus, default=MemberStatus.ACTIVE, db_index=True
    )
    status_on = models.DateField(verbose_name="状态变动日期", null=True, blank=True)
    status_note = models.CharField(verbose_name="变动说明", max_length=200, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = PartyMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党员"
        verbose_name_plural = "党员"
        ordering = ["community_id", "status", "organisation_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="active"),
                name="party_member_one_active_membership",
                violation_error_message="该居民已是在册党员。",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="full") | models.Q(confirmed_on__isnull=True),
                name="party_member_probationary_not_confirmed",
                violation_error_message="预备党员没有转正时间。",
            ),
            models.CheckConstraint(
                condition=models.Q(confirmed_on__isnull=True) | models.Q(confirmed_on__gte=models.F("joined_on")),
                name="party_member_confirmed_after_joining",
                violation_error_message="转正时间不能早于入党时间。",
            ),
            models.CheckConstraint(
                condition=models.Q(transferred_in=False, transferred_in_on__isnull=True)
                | models.Q(transferred_in=True, transferred_in_on__isnull=False),
                name="party_member_transfer_in_dated",
                violation_error_message="组织关系转入本社区的须填写转入日期,未转入的不填。",
            ),
            models.CheckConstraint(
                condition=models.Q(transferred_in_on__isnull=True)
                | models.Q(transferred_in_on__gte=models.F("joined_on")),
                name="party_member_transfer_in_after_joining",
                violation_error_message="组织关系转入日期不能早于入党时间。",
            ),
            models.CheckConstraint(
                condition=models.Q(status="active", status_on__isnull=True)
                | (~models.Q(status="active") & models.Q(status_on__isnull=False)),
                name="party_member_status_dated",
                violation_error_message="已转出、已去世或停止党籍的须填写状态变动日期,在册党员不填。",
            ),
        ]
        indexes = [models.Index(fields=["community", "status"], name="party_member_status")]

    def __str__(self):
        return self.person.name if self.person_id else "党员"

    def get_absolute_url(self):
        return reverse("committee:partymember_detail", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status == MemberStatus.ACTIVE

    @property
    def status_phrase(self) -> str:
        """The status as a predicate: 已转出, 已去世, 已停止党籍 (在册 for a member on the register)."""
        label = self.get_status_display()
        return label if self.is_active or label.startswith("已") else f"已{label}"

    @property
    def register_start(self) -> datetime.date | None:
        """The day the member's relation came to the community (see ``PartyMemberQuerySet.on_register``)."""
        return self.transferred_in_on or self.joined_on

    @property
    def probation_ends_on(self) -> datetime.date | None:
        """The earliest day a probationary member can be confirmed (预备期满一年)."""
        if self.kind != MembershipKind.PROBATIONARY or self.joined_on is None:
            return None
        return one_year_after(self.joined_on)

    def on_register_on(self, day: datetime.date) -> bool:
        """Whether the member was on the community's party register on ``day`` (as ``on_register``)."""
        start = self.register_start
        if start is None or start > day:
            return False
        return self.status == MemberStatus.ACTIVE or (self.status_on is not None and self.status_on > day)

    def clean(self):
        errors: dict[str, str] = {}
        person = self.person if self.person_id else None
        if self.community_id:
            if person is not None and person.community_id != self.community_id:
                errors["person"] = "党员须是本社区在册居民。"
            if self.organisation_id and self.organisation.community_id != self.community_id:
                errors["organisation"] = "党组织不属于该社区。"
        if self.status == MemberStatus.ACTIVE:
            if self.organisation_id and "organisation" not in errors and not self.organisation.is_active:
                errors["organisation"] = f"{self.organisation}已撤销,不能再编入党员。"
            if person is not None and "person" not in errors:
                error = self._political_status_error(person)
                if error:
                    errors["person"] = error
        ages_known = person is not None and self.joined_on and person.birth_date
        if ages_known and person.age_on(self.joined_on) < MINIMUM_JOINING_AGE:
            errors["joined_on"] = f"入党时须年满{MINIMUM_JOINING_AGE}岁,{person.name}当时未满。"
        if self.confirmed_on and self.joined_on and self.confirmed_on < one_year_after(self.joined_on):
            errors["confirmed_on"] = f"预备期为一年,转正时间不能早于{one_year_after(self.joined_on):%Y年%m月%d日}。"
        if errors:
            raise ValidationError(errors)

    def _political_status_error(self, person) -> str:
        status = person.political_status
        if status not in PARTY_STATUSES:
            return (
                f"{person.name}的政治面貌是{person.get_political_status_display()},"
                "只有中共党员、中共预备党员才能登记为党员。"
            )
        wanted = POLITICAL_STATUS_OF_KIND.get(self.kind)
        if wanted is not None and status != wanted:
            return (
                f"{person.name}的政治面貌是{person.get_political_status_display()},"
                f"与“{self.get_kind_display()}”不符:预备党员转正请用“转正”登记。"
            )
        return ""


#
# Transfers
#


class PartyTransfer(models.Model):
    """One transfer of a member's organisational relation (组织关系转接) into or out of the community, with
    the introduction letter's number (介绍信编号). Written by ``party_transfer_in`` / ``party_transfer_out``,
    which also change the member."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(PartyMember, verbose_name="党员", on_delete=models.PROTECT, related_name="transfers")
    direction = models.CharField(verbose_name="转接方向", max_length=8, choices=TransferDirection)
    date = models.DateField(verbose_name="转接日期")
    from_organisation = models.CharField(verbose_name="转出党组织", max_length=200)
    to_organisation = models.CharField(verbose_name="转入党组织", max_length=200)
    letter_number = models.CharField(verbose_name="介绍信编号", max_length=50, blank=True)
    reason = models.CharField(
        verbose_name="转接原因", max_length=100, blank=True, help_text="如:工作调动、迁居、外出务工、毕业。"
    )
    note = models.TextField(verbose_name="备注", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "组织关系转接"
        verbose_name_plural = "组织关系转接"
        ordering = ["community_id", "-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "direction", "letter_number"],
                condition=~models.Q(letter_number=""),
                name="party_transfer_unique_letter",
                violation_error_message="本社区已登记过该编号的介绍信。",
            ),
        ]
        indexes = [models.Index(fields=["community", "date"], name="party_transfer_date")]

    def __str__(self):
        return f"{self.member} {self.get_direction_display()} {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("committee:partytransfer_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.member_id and self.community_id and self.member.community_id != self.community_id:
            raise ValidationError({"member": "党员不属于该社区。"})


#
# 在职党员社区报到
#


class PartyCheckInQuerySet(ScopedQuerySet):
    def reporting_on(self, day: datetime.date):
        """Check-ins in force on ``day``: reported by then and not ended (an end on ``day`` is over)."""
        return self.filter(reported_on__lte=day).exclude(ended_on__lte=day)


class PartyCheckIn(models.Model):
    """An in-service party member reporting to the community (在职党员社区报到): their organisational relation
    stays with their employer, and they serve where they live (认领岗位, 服务承诺). Usually a person of the
    register; one living here without being registered is named with their ID number."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="本社区居民随其所在小组。",
    )
    person = models.ForeignKey(
        "residents.Person",
        verbose_name="居民",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="party_checkins",
    )
    name = models.CharField(verbose_name="姓名", max_length=50, blank=True, help_text="非本社区登记居民填写。")
    id_number = models.CharField(verbose_name="身份证号", max_length=30, blank=True)
    phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    work_unit = models.CharField(verbose_name="工作单位", max_length=100)
    unit = models.ForeignKey(
        ResidentUnit,
        verbose_name="驻社区单位",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="工作单位是驻社区单位时选择。",
    )
    unit_organisation = models.CharField(
        verbose_name="组织关系所在党组织", max_length=100, blank=True, help_text="如:中共箐口完全小学支部委员会。"
    )
    reported_on = models.DateField(verbose_name="报到日期")
    post = models.CharField(verbose_name="认领岗位", max_length=100, blank=True)
    commitment = models.TextField(verbose_name="服务承诺", blank=True)
    ended_on = models.DateField(
        verbose_name="结束日期", null=True, blank=True, help_text="迁离、调离或组织关系转入本社区时填写。"
    )
    note = models.TextField(verbose_name="备注", blank=True)

    objects = PartyCheckInQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "在职党员报到"
        verbose_name_plural = "在职党员报到"
        ordering = ["community_id", "-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("reported_on")),
                name="party_checkin_ends_after_report",
                violation_error_message="结束日期不能早于报到日期。",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(name=""),
                name="party_checkin_named",
                violation_error_message="请填写居民身份证号,或非本社区登记居民的姓名。",
            ),
            models.UniqueConstraint(
                fields=["community", "person"],
                condition=models.Q(ended_on__isnull=True, person__isnull=False),
                name="party_checkin_one_open_per_person",
                violation_error_message="该居民已在本社区报到。",
            ),
            models.UniqueConstraint(
                fields=["community", "id_number"],
                condition=models.Q(ended_on__isnull=True) & ~models.Q(id_number=""),
                name="party_checkin_one_open_per_id_number",
                violation_error_message="该身份证号已在本社区报到。",
            ),
        ]

    def __str__(self):
        return f"{self.display_name}({self.work_unit})"

    def get_absolute_url(self):
        return reverse("committee:partycheckin_detail", kwargs={"pk": self.pk})

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else self.name

    def id_number_for(self, user) -> str:
        """The ID number as ``user`` may see it (``{% id_number checkin %}``), masked as a person's is."""
        if self.person_id:
            return self.person.id_number_for(user)
        if not self.id_number:
            return ""
        return self.id_number if user.has_perm("residents.view_full_id_number") else mask_id_number(self.id_number)

    def is_reporting_on(self, day: datetime.date) -> bool:
        return self.reported_on <= day and (self.ended_on is None or self.ended_on > day)

    def clean(self):
        errors: dict[str, str] = {}
        if self.community_id:
            if self.person_id and self.person.community_id != self.community_id:
                errors["person"] = "居民不属于该社区。"
            if self.unit_id and self.unit.community_id != self.community_id:
                errors["unit"] = "单位不属于该社区。"
        if self.person_id and "person" not in errors:
            person = self.person
            if person.political_status not in PARTY_STATUSES:
                errors["person"] = (
                    f"{person.name}的政治面貌是{person.get_political_status_display()},只有党员才能报到。"
                )
            elif self._state.adding and person.status != PersonStatus.ACTIVE:
                errors["person"] = f"{person.name}已{person.get_status_display()},不能报到。"
        if errors:
            raise ValidationError(errors)


#
# Activities
#


class PartyActivity(models.Model):
    """A party members' activity (党员活动): 帮困、助残、敬老、志愿服务、学习教育 …, organised by one of the
    community's party organisations, with the members who took part. Participation is counted per member
    and year (``committee.selectors.party``): 「党员每年参与帮困、助残、敬老等活动6次」."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name="组织单位", on_delete=models.PROTECT, related_name="activities"
    )
    date = models.DateField(verbose_name="活动日期")
    kind = models.CharField(verbose_name="活动类型", max_length=16, choices=ActivityKind)
    title = models.CharField(verbose_name="活动名称", max_length=100)
    place = models.CharField(verbose_name="活动地点", max_length=100, blank=True)
    description = models.TextField(verbose_name="活动内容", blank=True)
    beneficiaries = models.PositiveIntegerField(
        verbose_name="服务对象(户/人次)", default=0, help_text="帮困、助残、敬老等活动惠及的户数或人次。"
    )
    participants = models.ManyToManyField(PartyMember, verbose_name="参加党员", blank=True, related_name="activities")
    checkin_participants = models.ManyToManyField(
        PartyCheckIn, verbose_name="参加的报到在职党员", blank=True, related_name="activities"
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[participants, checkin_participants])

    class Meta:
        verbose_name = "党员活动"
        verbose_name_plural = "党员活动"
        ordering = ["community_id", "-date", "-id"]
        indexes = [models.Index(fields=["community", "date"], name="party_activity_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("committee:partyactivity_detail", kwargs={"pk": self.pk})

    @property
    def is_assistance(self) -> bool:
        return self.kind in ASSISTANCE_KINDS

    def clean(self):
        if self.organisation_id and self.community_id and self.organisation.community_id != self.community_id:
            raise ValidationError({"organisation": "组织单位不属于该社区。"})
