"""The committee's people (issue 5 items 1 and 10; domain.md §2.4.1, §2.4.4): community staff and the
posts of the 两委 (党组织委员会 and 居民委员会) they hold for a term, their training (培训记录), the working
bodies (工作机构) they sit on, their work attendance (考勤); the residents' representatives and group
leaders (居民代表、居民小组长) of the person register; and the elections (换届选举) that produce them.

A staff member's rank for the fine rules of seed 000 (``FineRank``) is derived from the posts they
hold on a day and their position, never stored: a 主任 whose term ended is fined as who they are now.

The 人民调解委员会 is a working body too, but ``safety.CommitteeMember`` keeps it (with its cases); the
working bodies here are the others (治保会, 创建领导小组, 财务监审小组 …).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, Grid, ResidentGroup
from governance.querysets import PeriodQuerySet, ScopedQuerySet, period_constraint
from residents.choices import Education


class Position(models.TextChoices):
    """A staff member's main job (职务); posts of the 两委 are ``CommitteePost`` rows with terms."""

    COMMITTEE = "committee", "两委成员"
    WORKER = "worker", "社区工作者(网格员)"
    STATION_HEAD = "station_head", "站长"
    AGENT = "agent", "代理员"
    ASSISTANT = "assistant", "协管员"
    FAMILY_PLANNING = "family_planning", "计生干事"
    LABOUR_OFFICER = "labour_officer", "劳动力保障员"
    ACCOUNTANT = "accountant", "会计"
    CASHIER = "cashier", "出纳"
    GROUP_LEADER = "group_leader", "居民小组长"
    GROUP_CADRE = "group_cadre", "小组干部"
    OTHER = "other", "其他工作人员"


GROUP_CADRE_POSITIONS = (Position.GROUP_LEADER, Position.GROUP_CADRE)

# 「大专以上文化程度」 (seed 000): 大专, 本科, 研究生.
COLLEGE_OR_ABOVE = (Education.COLLEGE, Education.BACHELOR, Education.POSTGRADUATE)


class EmploymentKind(models.TextChoices):
    ELECTED = "elected", "选举产生(居委会干部)"
    ESTABLISHED = "established", "在编"
    CONTRACTED = "contracted", "聘用"
    PUBLIC_WELFARE = "public_welfare", "公益性岗位"
    LABOUR_OFFICER = "labour_officer", "劳动力保障员"
    GRADUATE = "graduate", "大学生村官"
    ASSISTANT = "assistant", "协理员"
    ARMY_SPOUSE = "army_spouse", "军嫂"
    VETERAN = "veteran", "军转干部"
    DISABLED_ASSOCIATION = "disabled_association", "残协委员"
    SECONDED = "seconded", "下沉干部"


class Body(models.TextChoices):
    PARTY = "party", "社区党组织委员会"
    RESIDENTS = "residents", "社区居民委员会"


class Post(models.TextChoices):
    SECRETARY = "secretary", "书记"
    DEPUTY_SECRETARY = "deputy_secretary", "副书记"
    DIRECTOR = "director", "主任"
    DEPUTY_DIRECTOR = "deputy_director", "副主任"
    MEMBER = "member", "委员"


# 「书记、主任、副书记、副主任每天罚款100元」: the posts fined as leaders (seed 000).
LEADER_POSTS = (Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.DIRECTOR, Post.DEPUTY_DIRECTOR)

# The posts each body has, in rank order: a party committee has no 主任, a residents' committee no 书记.
BODY_POSTS = {
    Body.PARTY: (Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.MEMBER),
    Body.RESIDENTS: (Post.DIRECTOR, Post.DEPUTY_DIRECTOR, Post.MEMBER),
}
# Posts held by one person at a time in a body.
SINGLE_POSTS = (Post.SECRETARY, Post.DIRECTOR)


class FineRank(models.TextChoices):
    """Who a fine rule of seed 000 applies to. Work absence: 班子领导 100元/day, everyone else 50元;
    meetings: 居委会干部 (leaders and members) 20/10/100元, 小组干部 20/10/50元."""

    LEADER = "leader", "班子领导(书记、主任、副书记、副主任)"
    MEMBER = "member", "委员及其他工作人员"
    GROUP_CADRE = "group_cadre", "小组干部"


class StaffQuerySet(ScopedQuerySet):
    def serving_on(self, day):
        """Staff on the payroll on ``day`` (joined by then, not yet left)."""
        return self.filter(joined_on__lte=day).exclude(left_on__lte=day)


class Staff(models.Model):
    """A member of the community's staff (社区工作人员): a 两委 member, a 社区工作者, a 小组长 … usually a
    person of the register and often a user of Linli, but neither is required (a 下沉干部 lives elsewhere)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="staff")
    person = models.ForeignKey(
        "residents.Person",
        verbose_name="对应居民",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_records",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="系统账号",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_record",
        help_text="值班、办件等以账号登记的记录据此对应到本人。",
    )
    name = models.CharField(verbose_name="姓名", max_length=50)
    phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    position = models.CharField(verbose_name="职务", max_length=20, choices=Position, default=Position.WORKER)
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="所在居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text="小组长、小组干部必填。",
    )
    grid = models.ForeignKey(
        Grid, verbose_name="负责网格", on_delete=models.SET_NULL, null=True, blank=True, related_name="staff"
    )
    full_time = models.BooleanField(verbose_name="专职", default=True)
    employment_kind = models.CharField(verbose_name="用工性质", max_length=24, choices=EmploymentKind)
    responsibilities = models.TextField(verbose_name="分工", blank=True, help_text="例如:负责社区全盘工作。")
    education = models.CharField(verbose_name="文化程度", max_length=16, choices=Education, blank=True)
    certified = models.BooleanField(verbose_name="持证上岗", default=False)
    certificate_number = models.CharField(verbose_name="证书编号", max_length=50, blank=True)
    certified_on = models.DateField(verbose_name="取得证书日期", null=True, blank=True)
    social_work_trained = models.BooleanField(verbose_name="接受过社会工作培训", default=False)
    pay_grade = models.CharField(verbose_name="薪酬档次", max_length=20, blank=True)
    joined_on = models.DateField(verbose_name="到岗日期")
    left_on = models.DateField(verbose_name="离岗日期", null=True, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = StaffQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "社区工作人员"
        verbose_name_plural = "社区工作人员"
        ordering = ["community", "left_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="staff_left_after_joining",
                violation_error_message="离岗日期不能早于到岗日期。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("committee:staff_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.position in GROUP_CADRE_POSITIONS and not self.group_id:
            errors["group"] = "小组长、小组干部须填写所在居民小组。"
        if self.community_id:
            if self.group_id and self.group.community_id != self.community_id:
                errors["group"] = "居民小组不属于该社区。"
            if self.grid_id and self.grid.community_id != self.community_id:
                errors["grid"] = "网格不属于该社区。"
            if self.person_id and self.person.community_id != self.community_id:
                errors["person"] = "该居民不是本社区在册人员。"
            if self.user_id and self.user.community_id != self.community_id:
                errors["user"] = "系统账号不属于本社区。"
        if self.certified and not self.certificate_number:
            errors["certificate_number"] = "持证上岗须填写证书编号。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_group_cadre(self) -> bool:
        return self.position in GROUP_CADRE_POSITIONS

    @property
    def has_college_education(self) -> bool:
        """大专以上文化程度: 大专, 本科 or 研究生."""
        return self.education in COLLEGE_OR_ABOVE

    def is_serving_on(self, day) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)

    def fine_rank_on(self, day) -> FineRank:
        """The rank the fine rules apply to on ``day``: a leader post held that day makes a leader."""
        if self.posts.active_on(day).filter(post__in=LEADER_POSTS).exists():
            return FineRank.LEADER
        return FineRank.GROUP_CADRE if self.is_group_cadre else FineRank.MEMBER


class CommitteePost(models.Model):
    """A post of the 两委 held for a term: 「主任一名(负责社区全盘工作)、支部书记一名(兼职)…」."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(Staff, verbose_name="任职人员", on_delete=models.PROTECT, related_name="posts")
    body = models.CharField(verbose_name="班子", max_length=16, choices=Body)
    post = models.CharField(verbose_name="职务", max_length=20, choices=Post)
    start_on = models.DateField(verbose_name="任期开始")
    end_on = models.DateField(verbose_name="任期结束", null=True, blank=True, help_text="连任或在任可不填。")
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = PeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "两委职务"
        verbose_name_plural = "两委职务"
        ordering = ["community", "body", "start_on"]
        constraints = [period_constraint("committee_post_period")]

    def __str__(self):
        return f"{self.get_body_display()}{self.get_post_display()} {self.staff}"

    def get_absolute_url(self):
        return reverse("committee:staff_detail", kwargs={"pk": self.staff_id})

    def clean(self):
        errors = {}
        if self.staff_id and self.community_id and self.staff.community_id != self.community_id:
            errors["staff"] = "任职人员不属于该社区。"
        if self.body and self.post and self.post not in BODY_POSTS.get(self.body, ()):
            allowed = "、".join(Post(post).label for post in BODY_POSTS[self.body])
            errors["post"] = f"{self.get_body_display()}的职务只能是{allowed}。"
        if errors:
            raise ValidationError(errors)

    def is_active_on(self, day) -> bool:
        return self.start_on <= day and (self.end_on is None or self.end_on > day)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "上班"
    LEAVE = "leave", "请假"
    BUSINESS_TRIP = "business_trip", "出差"
    ABSENT = "absent", "无故不上班"


class WorkAttendanceQuerySet(ScopedQuerySet):
    def unexcused(self):
        """Days of 无故不上班: what the daily absence fine of seed 000 counts."""
        return self.filter(status=AttendanceStatus.ABSENT)

    def in_month(self, year: int, month: int):
        return self.filter(date__year=year, date__month=month)


class WorkAttendance(models.Model):
    """A day of a staff member's attendance (考勤) that is not a plain working day, or is recorded anyway:
    「班子成员无故不上班者…每天罚款100元」 counts the 无故不上班 days."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(Staff, verbose_name="工作人员", on_delete=models.PROTECT, related_name="attendance")
    date = models.DateField(verbose_name="日期")
    status = models.CharField(verbose_name="出勤情况", max_length=16, choices=AttendanceStatus)
    note = models.CharField(verbose_name="说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = WorkAttendanceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "考勤记录"
        verbose_name_plural = "考勤记录"
        ordering = ["community", "-date", "staff"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "date"],
                name="work_attendance_one_per_day",
                violation_error_message="该工作人员当天已有考勤记录。",
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.date:%Y-%m-%d} {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("committee:workattendance_detail", kwargs={"pk": self.pk})

    @property
    def is_unexcused(self) -> bool:
        return self.status == AttendanceStatus.ABSENT

    def clean(self):
        if self.staff_id and self.community_id and self.staff.community_id != self.community_id:
            raise ValidationError({"staff": "该工作人员不属于本社区。"})


#
# Training (培训记录)
#


class TrainingKind(models.TextChoices):
    """What a training was about; seed 000 counts 办公自动化和信息管理 and 社会工作 training separately."""

    OFFICE_IT = "office_it", "办公自动化和信息管理"
    SOCIAL_WORK = "social_work", "社会工作"
    BUSINESS_COMPUTER = "business_computer", "业务和微机知识"
    POLITICAL = "political", "政治理论"
    OTHER = "other", "其他"


class TrainingRecordQuerySet(ScopedQuerySet):
    def in_year(self, year: int):
        """Records of trainings that began in ``year`` (a training counts in the year it starts)."""
        return self.filter(start_on__year=year)


class TrainingRecord(models.Model):
    """A staff member's attendance at a training (培训): 「社区工作者每年参加各种培训时间20天」,
    「办公自动化和信息管理方面培训证书22%」 (seed 000). ``days`` is the calendar span unless given."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(Staff, verbose_name="参训人员", on_delete=models.PROTECT, related_name="trainings")
    kind = models.CharField(verbose_name="培训类别", max_length=20, choices=TrainingKind)
    topic = models.CharField(verbose_name="培训内容", max_length=100)
    provider = models.CharField(verbose_name="主办单位", max_length=100, blank=True)
    start_on = models.DateField(verbose_name="开始日期")
    end_on = models.DateField(verbose_name="结束日期")
    days = models.DecimalField(
        verbose_name="培训天数",
        max_digits=5,
        decimal_places=1,
        help_text="不填则按起止日期计算(含首尾两天);半天填0.5。",
    )
    certificate_obtained = models.BooleanField(verbose_name="取得证书", default=False)
    certificate_number = models.CharField(verbose_name="证书编号", max_length=50, blank=True)
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = TrainingRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "培训记录"
        verbose_name_plural = "培训记录"
        ordering = ["community", "-start_on", "staff"]
        indexes = [models.Index(fields=["community", "start_on"], name="training_record_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="training_record_end_after_start",
                violation_error_message="结束日期不能早于开始日期。",
            ),
            models.CheckConstraint(
                condition=models.Q(days__gt=0),
                name="training_record_days_positive",
                violation_error_message="培训天数必须大于0。",
            ),
            models.UniqueConstraint(
                fields=["staff", "start_on", "topic"],
                name="training_record_once",
                violation_error_message="该人员同一天开始的同一培训已登记。",
            ),
        ]

    def __str__(self):
        return f"{self.staff} {self.topic}"

    def get_absolute_url(self):
        return reverse("committee:trainingrecord_detail", kwargs={"pk": self.pk})

    @property
    def span_days(self) -> int | None:
        """Calendar days from start to end, both included."""
        if self.start_on and self.end_on:
            return (self.end_on - self.start_on).days + 1
        return None

    def clean(self):
        errors = {}
        if self.staff_id and self.community_id and self.staff.community_id != self.community_id:
            errors["staff"] = "参训人员不属于本社区。"
        span = self.span_days
        if span is not None and span > 0 and self.days is not None and self.days > span:
            errors["days"] = f"培训天数不能超过起止日期之间的天数({span}天)。"
        if self.certificate_obtained and not self.certificate_number.strip():
            errors["certificate_number"] = "取得证书的请填写证书编号。"
        if errors:
            raise ValidationError(errors)


#
# Working bodies (工作机构)
#


class WorkingBodyKind(models.TextChoices):
    SECURITY = "security", "治保会"
    CAMPAIGN = "campaign", "创建领导小组"
    FINANCE_AUDIT = "finance_audit", "财务监审小组"
    SUPERVISION = "supervision", "村务监督委员会"
    DELIBERATION = "deliberation", "议事会/议事园"
    CEREMONY = "ceremony", "红白理事会"
    OTHER = "other", "其他"


class MemberRole(models.TextChoices):
    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"


class WorkingBody(models.Model):
    """A working body (工作机构) of the community: 治保会, 创建文明社区领导小组, 财务监审小组 (「以社区成员代表
    组成财务监审小组实行跟踪监督」, seed 003), 村务监督委员会, 议事园 … (not the 人民调解委员会: see safety)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(verbose_name="类别", max_length=20, choices=WorkingBodyKind)
    name = models.CharField(verbose_name="名称", max_length=100)
    established_on = models.DateField(verbose_name="成立日期", null=True, blank=True)
    dissolved_on = models.DateField(verbose_name="撤销日期", null=True, blank=True)
    duties = models.TextField(verbose_name="工作职责", blank=True)
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "工作机构"
        verbose_name_plural = "工作机构"
        ordering = ["community", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="working_body_name_unique",
                violation_error_message="本社区已有同名的工作机构。",
            ),
            models.CheckConstraint(
                condition=models.Q(dissolved_on__isnull=True)
                | models.Q(established_on__isnull=True)
                | models.Q(dissolved_on__gte=models.F("established_on")),
                name="working_body_dissolved_after_established",
                violation_error_message="撤销日期不能早于成立日期。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("committee:workingbody_detail", kwargs={"pk": self.pk})

    def is_active_on(self, day) -> bool:
        return (self.established_on is None or self.established_on <= day) and (
            self.dissolved_on is None or self.dissolved_on > day
        )


class WorkingBodyMemberQuerySet(PeriodQuerySet):
    pass


class WorkingBodyMember(models.Model):
    """A member of a working body: a staff member, a person of the register, or someone named in free text
    (the 片警, a retired teacher …), with a role and a period."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey(WorkingBody, verbose_name="工作机构", on_delete=models.PROTECT, related_name="members")
    staff = models.ForeignKey(
        Staff,
        verbose_name="工作人员",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_memberships",
    )
    person = models.ForeignKey(
        "residents.Person",
        verbose_name="居民",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_body_memberships",
    )
    name = models.CharField(
        verbose_name="姓名", max_length=50, blank=True, help_text="非本社区工作人员、非在册居民时填写。"
    )
    role = models.CharField(verbose_name="职务", max_length=12, choices=MemberRole, default=MemberRole.MEMBER)
    start_on = models.DateField(verbose_name="任职日期")
    end_on = models.DateField(verbose_name="离任日期", null=True, blank=True)
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = WorkingBodyMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "工作机构成员"
        verbose_name_plural = "工作机构成员"
        ordering = ["community", "body", "role", "start_on", "id"]
        constraints = [
            period_constraint("working_body_member_period"),
            models.CheckConstraint(
                condition=~(models.Q(staff__isnull=False) & models.Q(person__isnull=False)),
                name="working_body_member_one_identity",
                violation_error_message="成员只能是工作人员或在册居民之一。",
            ),
        ]

    def __str__(self):
        return f"{self.body} {self.display_name}"

    def get_absolute_url(self):
        return reverse("committee:workingbody_detail", kwargs={"pk": self.body_id})

    @property
    def display_name(self) -> str:
        if self.staff_id:
            return self.staff.name
        if self.person_id:
            return self.person.name
        return self.name

    def is_active_on(self, day) -> bool:
        return self.start_on <= day and (self.end_on is None or self.end_on > day)

    def clean(self):
        errors = {}
        if not (self.staff_id or self.person_id or self.name.strip()):
            errors["name"] = "请选择工作人员、填写居民身份证号,或填写姓名。"
        if self.staff_id and self.person_id:
            errors["person"] = "成员只能是工作人员或在册居民之一。"
        if self.community_id:
            if self.body_id and self.body.community_id != self.community_id:
                errors["body"] = "工作机构不属于本社区。"
            if self.staff_id and self.staff.community_id != self.community_id:
                errors["staff"] = "工作人员不属于本社区。"
            if self.person_id and self.person.community_id != self.community_id:
                errors["person"] = "该居民不是本社区在册人员。"
        if errors:
            raise ValidationError(errors)


#
# Residents' representatives and group leaders (居民代表、居民小组长)
#


class RepresentativeKind(models.TextChoices):
    REPRESENTATIVE = "representative", "居民代表"
    GROUP_LEADER = "group_leader", "居民小组长"


class ResidentRepresentativeQuerySet(PeriodQuerySet):
    scope_group = "group"


class ResidentRepresentative(models.Model):
    """A resident elected 居民代表 or 居民小组长 for a term: 「按法定程序产生居民代表和居民小组长」 (seed 002).
    Always a person of the register; the group is the one they represent."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "residents.Person", verbose_name="居民", on_delete=models.PROTECT, related_name="representative_terms"
    )
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, related_name="representatives"
    )
    kind = models.CharField(
        verbose_name="类别", max_length=16, choices=RepresentativeKind, default=RepresentativeKind.REPRESENTATIVE
    )
    start_on = models.DateField(verbose_name="任期开始")
    end_on = models.DateField(verbose_name="任期结束", null=True, blank=True)
    elected_on = models.DateField(verbose_name="当选日期", null=True, blank=True)
    election = models.ForeignKey(
        "Election",
        verbose_name="选举",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="representatives",
    )
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = ResidentRepresentativeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "居民代表"
        verbose_name_plural = "居民代表和居民小组长"
        ordering = ["community", "kind", "group", "start_on", "id"]
        constraints = [
            period_constraint("resident_representative_period"),
            models.UniqueConstraint(
                fields=["person", "kind", "start_on"],
                name="resident_representative_once",
                violation_error_message="该居民同一任期的此项身份已登记。",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.person.name}" if self.person_id else self.get_kind_display()

    def get_absolute_url(self):
        return reverse("committee:residentrepresentative_detail", kwargs={"pk": self.pk})

    def is_active_on(self, day) -> bool:
        return self.start_on <= day and (self.end_on is None or self.end_on > day)

    def clean(self):
        errors = {}
        if self.community_id:
            if self.person_id and self.person.community_id != self.community_id:
                errors["person"] = "该居民不是本社区在册人员。"
            if self.group_id and self.group.community_id != self.community_id:
                errors["group"] = "居民小组不属于本社区。"
            if self.election_id and self.election.community_id != self.community_id:
                errors["election"] = "选举不属于本社区。"
        if self.elected_on and self.start_on and self.elected_on > self.start_on:
            errors["elected_on"] = "当选日期不能晚于任期开始。"
        if errors:
            raise ValidationError(errors)


#
# Elections (换届选举)
#


def percent(rate: float | None) -> str:
    """A rate as pages print it: "100%", "93.3%"; "—" when there is none."""
    return "—" if rate is None else f"{round(rate * 100, 1):g}%"


class ElectionKind(models.TextChoices):
    COMMITTEE = "committee", "居委会换届"
    REPRESENTATIVES = "representatives", "居民代表"
    GROUP_LEADERS = "group_leaders", "居民小组长"


# The representative kind each election of residents' representatives produces.
ELECTION_REPRESENTATIVE_KIND = {
    ElectionKind.REPRESENTATIVES: RepresentativeKind.REPRESENTATIVE,
    ElectionKind.GROUP_LEADERS: RepresentativeKind.GROUP_LEADER,
}


class Election(models.Model):
    """An election (选举): 居委会换届, or of 居民代表 / 居民小组长. 参选率 = 参选人数 / 选民数, derived
    (「农村社区居民参选率100%」, seed 000). Once the elected are confirmed the election is closed."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(verbose_name="选举类别", max_length=20, choices=ElectionKind)
    term_label = models.CharField(verbose_name="届次", max_length=20, help_text="如:第十届")
    date = models.DateField(verbose_name="选举日期")
    registered_voters = models.PositiveIntegerField(verbose_name="选民数")
    votes_cast = models.PositiveIntegerField(verbose_name="参选人数")
    note = models.TextField(verbose_name="备注", blank=True)
    confirmed_at = models.DateTimeField(verbose_name="确认当选时间", null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "选举"
        verbose_name_plural = "选举"
        ordering = ["community", "-date", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(votes_cast__lte=models.F("registered_voters")),
                name="election_turnout_at_most_all",
                violation_error_message="参选人数不能超过选民数(参选率不能超过100%)。",
            ),
        ]

    def __str__(self):
        return f"{self.term_label}{self.get_kind_display()}选举"

    def get_absolute_url(self):
        return reverse("committee:election_detail", kwargs={"pk": self.pk})

    @property
    def turnout(self) -> float | None:
        """参选率 = 参选人数 / 选民数; None without voters."""
        return self.votes_cast / self.registered_voters if self.registered_voters else None

    @property
    def turnout_display(self) -> str:
        return percent(self.turnout)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def clean(self):
        if (
            self.votes_cast is not None
            and self.registered_voters is not None
            and self.votes_cast > self.registered_voters
        ):
            raise ValidationError(
                {
                    "votes_cast": f"参选人数({self.votes_cast}人)不能超过选民数({self.registered_voters}人),"
                    "参选率不能超过100%。"
                }
            )


class ElectionCandidate(models.Model):
    """A candidate (候选人) of an election: a staff member, a person of the register or a name, the post sought
    (居委会换届) or the group represented (居民代表、居民小组长), the votes won and whether elected."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    election = models.ForeignKey(Election, verbose_name="选举", on_delete=models.CASCADE, related_name="candidates")
    staff = models.ForeignKey(
        Staff, verbose_name="工作人员", on_delete=models.PROTECT, null=True, blank=True, related_name="candidacies"
    )
    person = models.ForeignKey(
        "residents.Person",
        verbose_name="居民",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies",
    )
    name = models.CharField(verbose_name="姓名", max_length=50, blank=True, help_text="非工作人员、非在册居民时填写。")
    post_sought = models.CharField(
        verbose_name="竞选职务",
        max_length=20,
        choices=[(post.value, post.label) for post in BODY_POSTS[Body.RESIDENTS]],
        blank=True,
        help_text="居委会换届必填。",
    )
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="居民代表、居民小组长选举填写所代表的小组;不填则随居民所在小组。",
    )
    votes = models.PositiveIntegerField(verbose_name="得票数", default=0)
    elected = models.BooleanField(verbose_name="当选", default=False)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "候选人"
        verbose_name_plural = "候选人"
        ordering = ["election", "post_sought", "-votes", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(staff__isnull=False) & models.Q(person__isnull=False)),
                name="election_candidate_one_identity",
                violation_error_message="候选人只能是工作人员或在册居民之一。",
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("committee:election_detail", kwargs={"pk": self.election_id})

    @property
    def display_name(self) -> str:
        if self.staff_id:
            return self.staff.name
        if self.person_id:
            return self.person.name
        return self.name

    @property
    def resident(self):
        """The person of the register the candidate is: theirs, or their staff record's."""
        if self.person_id:
            return self.person
        return self.staff.person if self.staff_id and self.staff.person_id else None

    @property
    def vote_share(self) -> float | None:
        """得票率 = votes / 参选人数."""
        cast = self.election.votes_cast if self.election_id else 0
        return self.votes / cast if cast else None

    @property
    def vote_share_display(self) -> str:
        return percent(self.vote_share)

    def clean(self):
        errors = {}
        if not (self.staff_id or self.person_id or self.name.strip()):
            errors["name"] = "请选择工作人员、填写居民身份证号,或填写姓名。"
        if self.staff_id and self.person_id:
            errors["person"] = "候选人只能是工作人员或在册居民之一。"
        if self.community_id:
            if self.staff_id and self.staff.community_id != self.community_id:
                errors["staff"] = "工作人员不属于本社区。"
            if self.person_id and self.person.community_id != self.community_id:
                errors["person"] = "该居民不是本社区在册人员。"
            if self.group_id and self.group.community_id != self.community_id:
                errors["group"] = "居民小组不属于本社区。"
        if self.election_id:
            election = self.election
            if election.kind == ElectionKind.COMMITTEE and not self.post_sought:
                errors["post_sought"] = "居委会换届请填写竞选职务。"
            if self.votes is not None and self.votes > election.votes_cast:
                errors["votes"] = f"得票数({self.votes}票)不能超过参选人数({election.votes_cast}人)。"
        if errors:
            raise ValidationError(errors)
