"""人民调解: the mediation committee, dispute cases, their parties, sessions, agreements and follow-ups
(issue 6 item 1; domain.md §2.5.3).

A dispute case runs through a status machine kept by ``safety.services.mediation``:
受理 → 调解中 (first session) → 调解成功 / 调解不成 / 转交 / 当事人撤回. 调解率 and 调解成功率 are read by
``safety.selectors.mediation``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup
from governance.querysets import PeriodQuerySet, ScopedQuerySet, period_constraint
from residents.models import Person


class CommitteeRole(models.TextChoices):
    DIRECTOR = "director", "主任"
    DEPUTY = "deputy", "副主任"
    MEMBER = "member", "委员"
    INFORMANT = "informant", "民调信息员"


class MemberBackground(models.TextChoices):
    COMMUNITY_DIRECTOR = "community_director", "社区主任"
    DEPUTY_DIRECTOR = "deputy_director", "分管副主任"
    GROUP_LEADER = "group_leader", "居民小组组长"
    BRANCH_SECRETARY = "branch_secretary", "支部书记"
    RESIDENT_REPRESENTATIVE = "representative", "居民代表"
    CENTRAL_HOUSEHOLD = "central_household", "中心户长"
    POLICE = "police", "社区民警"
    OTHER = "other", "其他"


class DisputeKind(models.TextChoices):
    NEIGHBOUR = "neighbour", "邻里纠纷"
    MARRIAGE = "marriage", "婚姻家庭纠纷"
    SUPPORT = "support", "赡养继承纠纷"
    HOUSING = "housing", "房屋宅基地纠纷"
    LAND = "land", "山林土地纠纷"
    DAMAGES = "damages", "损害赔偿纠纷"
    LABOUR = "labour", "劳动纠纷"
    PROPERTY = "property", "物业纠纷"
    DEBT = "debt", "债务纠纷"
    OTHER = "other", "其他纠纷"


class DisputeSource(models.TextChoices):
    APPLICATION = "application", "当事人申请"
    SCREENING = "screening", "排查发现"
    POLICE = "police", "派出所移交"
    INFORMANT = "informant", "信息员报告"
    GROUP_LEADER = "group_leader", "小组长报告"


class DisputeLevel(models.TextChoices):
    GROUP = "group", "组内"
    COMMITTEE = "committee", "社区调委会"
    STREET = "street", "街道"
    JUDICIAL = "judicial", "司法程序"


class DisputeStatus(models.TextChoices):
    RECEIVED = "received", "受理"
    MEDIATING = "mediating", "调解中"
    SUCCESS = "success", "调解成功"
    FAILED = "failed", "调解不成"
    TRANSFERRED = "transferred", "转交"
    WITHDRAWN = "withdrawn", "当事人撤回"


OPEN_STATUSES = (DisputeStatus.RECEIVED, DisputeStatus.MEDIATING)
CLOSING_STATUSES = (DisputeStatus.SUCCESS, DisputeStatus.FAILED, DisputeStatus.TRANSFERRED, DisputeStatus.WITHDRAWN)


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", "申请方"
    RESPONDENT = "respondent", "被申请方"


class CommitteeMemberQuerySet(PeriodQuerySet):
    def current(self, day):
        """Members serving on ``day`` (started by then, not yet ended)."""
        return self.filter(start_on__lte=day).exclude(end_on__lt=day)


class CommitteeMember(models.Model):
    """A member of the community's 人民调解委员会: a staff user, a person of the register, or an
    outsider named in free text (a retired judge, the 片警 …)."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="committee_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="工作人员",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_memberships",
    )
    person = models.ForeignKey(
        Person,
        verbose_name="居民",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_memberships",
    )
    name = models.CharField(
        verbose_name="姓名", max_length=50, blank=True, help_text="非本社区工作人员、非在册居民时填写。"
    )
    role = models.CharField(
        verbose_name="调委会职务", max_length=16, choices=CommitteeRole, default=CommitteeRole.MEMBER
    )
    background = models.CharField(verbose_name="身份", max_length=24, choices=MemberBackground, blank=True)
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="联系居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_members",
    )
    phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    start_on = models.DateField(verbose_name="任职日期")
    end_on = models.DateField(verbose_name="离任日期", null=True, blank=True)
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = CommitteeMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "调委会成员"
        verbose_name_plural = "人民调解委员会"
        ordering = ["community_id", "role", "start_on", "id"]
        constraints = [
            period_constraint("committee_member_ends_after_start"),
            models.CheckConstraint(
                condition=~(models.Q(user__isnull=False) & models.Q(person__isnull=False)),
                name="committee_member_one_identity",
                violation_error_message="成员只能是工作人员或在册居民之一。",
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("safety:committeemember_detail", kwargs={"pk": self.pk})

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.display_name
        if self.person_id:
            return self.person.name
        return self.name

    def clean(self):
        errors = {}
        if not (self.user_id or self.person_id or self.name.strip()):
            errors["name"] = "请选择工作人员、填写居民身份证号,或填写姓名。"
        if self.user_id and self.person_id:
            errors["person"] = "成员只能是工作人员或在册居民之一。"
        if self.community_id:
            if self.group_id and self.group.community_id != self.community_id:
                errors["group"] = "居民小组必须属于本社区。"
            if self.user_id and self.user.community_id != self.community_id:
                errors["user"] = "工作人员必须是本社区的。"
            if self.person_id and self.person.community_id != self.community_id:
                errors["person"] = "居民必须是本社区在册人员。"
        if errors:
            raise ValidationError(errors)


class DisputeCaseQuerySet(ScopedQuerySet):
    scope_group = "group"


class DisputeCase(models.Model):
    """A dispute (纠纷案件) received by the committee, from intake to its outcome. Sensitive (L3)."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="dispute_cases"
    )
    number = models.CharField(verbose_name="编号", max_length=20, editable=False)
    kind = models.CharField(verbose_name="纠纷类型", max_length=16, choices=DisputeKind)
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="发生小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispute_cases",
    )
    source = models.CharField(verbose_name="纠纷来源", max_length=16, choices=DisputeSource)
    received_on = models.DateField(verbose_name="受理日期", db_index=True)
    level = models.CharField(
        verbose_name="调处层级", max_length=16, choices=DisputeLevel, default=DisputeLevel.COMMITTEE
    )
    summary = models.TextField(verbose_name="纠纷简要情况")
    investigation = models.TextField(verbose_name="调查摸底记录", blank=True)
    mediators = models.ManyToManyField(
        CommitteeMember, verbose_name="调解人员", blank=True, related_name="dispute_cases"
    )
    risk_criminal = models.BooleanField(verbose_name="民转刑风险", default=False)
    risk_petition = models.BooleanField(verbose_name="可能引发越级上访", default=False)
    risk_domestic_violence = models.BooleanField(verbose_name="涉家庭暴力", default=False)
    status = models.CharField(
        verbose_name="状态", max_length=16, choices=DisputeStatus, default=DisputeStatus.RECEIVED, db_index=True
    )
    closed_on = models.DateField(verbose_name="结案日期", null=True, blank=True)
    outcome_note = models.TextField(verbose_name="结果说明", blank=True)
    transferred_to = models.CharField(verbose_name="转交单位", max_length=100, blank=True)
    agreement_terms = models.TextField(verbose_name="协议内容", blank=True)
    performance = models.CharField(verbose_name="履行方式及期限", max_length=200, blank=True)
    agreement_signed_on = models.DateField(verbose_name="协议签订日期", null=True, blank=True)
    judicial_applied_on = models.DateField(verbose_name="申请司法确认日期", null=True, blank=True)
    judicial_confirmed_on = models.DateField(verbose_name="司法确认日期", null=True, blank=True)
    court = models.CharField(verbose_name="确认法院", max_length=100, blank=True)

    objects = DisputeCaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "纠纷案件"
        verbose_name_plural = "矛盾纠纷台账"
        ordering = ["community_id", "-received_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"],
                name="dispute_case_unique_number_in_community",
                violation_error_message="本社区已有此编号的纠纷案件。",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("received_on")),
                name="dispute_case_closed_after_received",
                violation_error_message="结案日期不能早于受理日期。",
            ),
        ]
        indexes = [models.Index(fields=["community", "received_on"], name="dispute_case_received")]

    def __str__(self):
        return f"{self.number} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("safety:disputecase_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.group_id and self.community_id and self.group.community_id != self.community_id:
            raise ValidationError({"group": "居民小组必须属于本社区。"})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def risk_labels(self) -> list[str]:
        flags = (
            (self.risk_criminal, "民转刑风险"),
            (self.risk_petition, "可能引发越级上访"),
            (self.risk_domestic_violence, "涉家庭暴力"),
        )
        return [label for flag, label in flags if flag]


class CaseChildQuerySet(ScopedQuerySet):
    """Rows of a dispute case: seen by whoever sees the case."""

    scope_group = "case__group"


class DisputeParty(models.Model):
    """A party (当事人) of a dispute: a person of the register, or an outsider named in free text."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(DisputeCase, verbose_name="纠纷案件", on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(verbose_name="当事人类别", max_length=16, choices=PartyRole)
    person = models.ForeignKey(
        Person, verbose_name="居民", on_delete=models.PROTECT, null=True, blank=True, related_name="dispute_parties"
    )
    name = models.CharField(verbose_name="姓名", max_length=50, blank=True)
    id_number = models.CharField(verbose_name="证件号码", max_length=30, blank=True)
    phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    address = models.CharField(verbose_name="住址", max_length=200, blank=True)

    objects = CaseChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["case", "role", "id"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return self.case.get_absolute_url()

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else self.name

    def id_number_for(self, user) -> str:
        """The ID number as ``user`` may see it (masked without ``view_full_id_number``)."""
        from residents.models import VIEW_FULL_ID
        from residents.validators import mask_id_number

        if self.person_id:
            return self.person.id_number_for(user)
        if not self.id_number:
            return ""
        return self.id_number if user.has_perm(VIEW_FULL_ID) else mask_id_number(self.id_number)

    @property
    def contact_phone(self) -> str:
        return self.person.phone if self.person_id else self.phone

    @property
    def contact_address(self) -> str:
        return self.person.current_address if self.person_id else self.address

    def clean(self):
        if not self.person_id and not self.name.strip():
            raise ValidationError({"name": "请填写当事人身份证号(在册居民)或姓名。"})


class MediationSession(models.Model):
    """One mediation session (调解记录) of a case: date, place, mediators, what was said and agreed.
    An append-only log: written once by ``dispute_session_record``, so it keeps no history."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(DisputeCase, verbose_name="纠纷案件", on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(verbose_name="调解日期")
    place = models.CharField(verbose_name="调解地点", max_length=100)
    mediators = models.ManyToManyField(CommitteeMember, verbose_name="调解人员", related_name="sessions")
    summary = models.TextField(verbose_name="调解情况")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(verbose_name="记录时间", auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = "调解记录"
        verbose_name_plural = "调解记录"
        ordering = ["case", "held_on", "id"]

    def __str__(self):
        return f"{self.case.number} {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return self.case.get_absolute_url()


class FollowUpQuerySet(CaseChildQuerySet):
    def pending(self):
        return self.filter(done_on__isnull=True)

    def overdue_on(self, day):
        return self.pending().filter(due_on__lt=day)


class FollowUp(models.Model):
    """A follow-up visit (回访) after a case closed: is the agreement being kept?"""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(DisputeCase, verbose_name="纠纷案件", on_delete=models.CASCADE, related_name="followups")
    due_on = models.DateField(verbose_name="应回访日期", db_index=True)
    done_on = models.DateField(verbose_name="回访日期", null=True, blank=True)
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="回访人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(verbose_name="回访情况", blank=True)

    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "回访"
        verbose_name_plural = "纠纷回访"
        ordering = ["community_id", "due_on", "id"]

    def __str__(self):
        return f"{self.case.number} 回访({self.due_on:%Y-%m-%d})"

    def get_absolute_url(self):
        return self.case.get_absolute_url()
