"""The committee's people (issue 5 item 1; domain.md §2.4.1): community staff and the posts of the
两委 (党组织委员会 and 居民委员会) they hold for a term.

A staff member's rank for the fine rules of seed 000 (``FineRank``) is derived from the posts they
hold on a day and their position, never stored: a 主任 whose term ended is fined as who they are now.
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
        if self.position in GROUP_CADRE_POSITIONS and not self.group_id:
            raise ValidationError({"group": "小组长、小组干部须填写所在居民小组。"})
        if self.group_id and self.community_id and self.group.community_id != self.community_id:
            raise ValidationError({"group": "居民小组不属于该社区。"})
        if self.certified and not self.certificate_number:
            raise ValidationError({"certificate_number": "持证上岗须填写证书编号。"})

    @property
    def is_group_cadre(self) -> bool:
        return self.position in GROUP_CADRE_POSITIONS

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

    def clean(self):
        if self.staff_id and self.community_id and self.staff.community_id != self.community_id:
            raise ValidationError({"staff": "任职人员不属于该社区。"})


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "上班"
    LEAVE = "leave", "请假"
    BUSINESS_TRIP = "business_trip", "出差"
    ABSENT = "absent", "无故不上班"


class WorkAttendanceQuerySet(ScopedQuerySet):
    def unexcused(self):
        """Days of 无故不上班: what the daily absence fine of seed 000 counts."""
        return self.filter(status=AttendanceStatus.ABSENT)


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

    def clean(self):
        if self.staff_id and self.community_id and self.staff.community_id != self.community_id:
            raise ValidationError({"staff": "该工作人员不属于本社区。"})
