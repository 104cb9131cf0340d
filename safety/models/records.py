"""Records of the 平安 work (domain.md §2.5.1, §2.5.2, §2.5.5–§2.5.7): patrol teams and patrols, the
community police officer's visits, legal-education sessions, hazard inspections, incidents with the
year's "none" sign-offs, and petitions (信访).

Derived facts are never stored: patrol hours come from the start and end times, 集体访 from the
headcount, 越级 from the level reached, a minor among the persons of an incident from their age on
its date.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup, ResidentUnit
from governance.querysets import ScopedQuerySet
from households.models import Rental
from residents.models import Person

#
# Choices
#


class PatrolTeamKind(models.TextChoices):
    FULL_TIME = "full_time", "专职巡逻队"
    VOLUNTEER = "volunteer", "义务巡逻队"
    PARTY = "party", "党员巡逻队"
    SECURITY_COMMITTEE = "security_committee", "治保会"
    JOINT_DEFENCE = "joint_defence", "联防队"


class PatrolMemberRole(models.TextChoices):
    LEADER = "leader", "队长"
    DEPUTY = "deputy", "副队长"
    MEMBER = "member", "队员"


class PatrolFinding(models.TextChoices):
    NONE = "none", "无异常"
    SUSPICIOUS = "suspicious", "可疑人员"
    HAZARD = "hazard", "安全隐患"
    DISPUTE = "dispute", "纠纷"
    CASE = "case", "案件"


class PoliceVisitPurpose(models.TextChoices):
    VISIT = "visit", "走访群众、了解情况"
    PATROL = "patrol", "治安巡查"
    DISPUTE = "dispute", "矛盾纠纷调处"
    EDUCATION = "education", "法制宣传"
    REHAB = "rehab", "帮教走访"
    DUTY = "duty", "警务室值班"
    OTHER = "other", "其他"


class LegalEducationFormat(models.TextChoices):
    LECTURE_COURSE = "course", "法律大课"
    TALK = "talk", "讲座"
    BOARD = "board", "宣传栏"
    CLASS = "class", "法制课"
    DOOR_TO_DOOR = "door", "入户宣传"
    CONSULTATION = "consultation", "法律咨询"
    MATERIALS = "materials", "发放资料"


class Audience(models.TextChoices):
    PARTY_MEMBERS = "party", "党员"
    CADRES = "cadres", "干部"
    RESIDENTS = "residents", "居民"
    YOUTH = "youth", "青少年"
    FLOATING = "floating", "流动人口"


class InspectionTargetKind(models.TextChoices):
    HYDRANT = "hydrant", "消防栓"
    KEY_UNIT = "key_unit", "重点单位"
    RENTAL = "rental", "出租房"
    COMPOUND = "compound", "楼院"
    ENTERPRISE = "enterprise", "企业"
    PUBLIC_FACILITY = "facility", "公共设施"
    SMALL_SHOP = "small_shop", "五小门店"


# Seed 002: 「对消防栓、重点单位每月定期检查」.
MONTHLY_KINDS = (InspectionTargetKind.HYDRANT, InspectionTargetKind.KEY_UNIT)


class InspectionSchedule(models.TextChoices):
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    IRREGULAR = "irregular", "不定期"


class InspectionResult(models.TextChoices):
    CLEAR = "clear", "无隐患"
    HAZARD = "hazard", "发现隐患"


class HazardSeverity(models.TextChoices):
    ORDINARY = "ordinary", "一般"
    SERIOUS = "serious", "较大"
    MAJOR = "major", "重大"


class IncidentKind(models.TextChoices):
    PUBLIC_ORDER = "public_order", "治安案件"
    CRIMINAL = "criminal", "刑事案件"
    MAJOR_THEFT = "major_theft", "重大盗窃"
    FIRE = "fire", "火灾"
    MASS = "mass", "群体性事件"
    JUVENILE = "juvenile", "未成年人犯罪"
    DOMESTIC_VIOLENCE = "domestic_violence", "家庭暴力"
    ELDER_ABUSE = "elder_abuse", "虐待/不赡养老人"
    VICE = "vice", "黄赌毒"
    PYRAMID = "pyramid", "传销"
    CULT = "cult", "非法宗教/封建迷信"
    WORK_SAFETY = "work_safety", "安全生产事故"
    OTHER = "other", "其他"


class IncidentSource(models.TextChoices):
    POLICE = "police", "派出所通报"
    PATROL = "patrol", "巡逻发现"
    REPORT = "report", "群众举报"


class IncidentStatus(models.TextChoices):
    OPEN = "open", "处理中"
    CLOSED = "closed", "已办结"


class PetitionChannel(models.TextChoices):
    VISIT = "visit", "来访"
    LETTER = "letter", "来信"
    PHONE = "phone", "电话"
    ONLINE = "online", "网络"
    PROXY = "proxy", "代理转交"


class PetitionSubject(models.TextChoices):
    DEMOLITION = "demolition", "拆迁/城中村改造"
    DISPUTE = "dispute", "纠纷"
    RELIEF = "relief", "救助"
    PROPERTY = "property", "物业"
    ENVIRONMENT = "environment", "环境"
    OTHER = "other", "其他"


class PetitionLevel(models.TextChoices):
    COMMUNITY = "community", "社区"
    STREET = "street", "街道"
    COUNTY = "county", "区县"
    CITY = "city", "市"
    PROVINCE = "province", "省"
    BEIJING = "beijing", "赴京"


# Anything above the street, the first competent level, is 越级.
SKIP_LEVELS = (PetitionLevel.COUNTY, PetitionLevel.CITY, PetitionLevel.PROVINCE, PetitionLevel.BEIJING)
# 集体访: five or more petitioners (domain.md §2.5.7, a suggested threshold).
COLLECTIVE_HEADCOUNT = 5


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", "受理"
    HANDLING = "handling", "办理中"
    CLOSED = "closed", "已办结"
    TRANSFERRED = "transferred", "转交"


PETITION_OPEN = (PetitionStatus.RECEIVED, PetitionStatus.HANDLING)


#
# Patrols (巡逻)
#


class PatrolTeam(models.Model):
    """A patrol or security team (专职巡逻队, 义务巡逻队, 党员巡逻队, 治保会, 联防队)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(verbose_name="队伍类型", max_length=32, choices=PatrolTeamKind)
    name = models.CharField(verbose_name="队伍名称", max_length=100)
    founded_on = models.DateField(verbose_name="成立日期", null=True, blank=True)
    is_active = models.BooleanField(verbose_name="正常活动", default=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "巡逻队伍"
        verbose_name_plural = "巡逻队伍"
        ordering = ["community_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="patrol_team_unique_name_in_community",
                violation_error_message="本社区已有同名队伍。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("safety:patrolteam_detail", kwargs={"pk": self.pk})


class PatrolTeamMember(models.Model):
    """A member of a patrol team: a person of the register, or someone named in free text (a 片警 …)."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(PatrolTeam, verbose_name="队伍", on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, verbose_name="居民", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(verbose_name="姓名", max_length=50, blank=True, help_text="非本社区登记人员填写姓名。")
    role = models.CharField(
        verbose_name="职务", max_length=16, choices=PatrolMemberRole, default=PatrolMemberRole.MEMBER
    )
    phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    joined_on = models.DateField(verbose_name="加入日期", null=True, blank=True)
    is_active = models.BooleanField(verbose_name="在队", default=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "队员"
        verbose_name_plural = "队员"
        ordering = ["team", "role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["team"],
                condition=models.Q(role="leader", is_active=True),
                name="patrol_team_one_leader",
                violation_error_message="该队伍已有队长。",
            ),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(name=""),
                name="patrol_member_person_or_name",
                violation_error_message="请选择居民或填写姓名。",
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return self.team.get_absolute_url()

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else self.name


class PatrolRecord(models.Model):
    """One patrol (巡逻记录): who went, when, where, and what they found.

    The hours are derived from the start and end times; an end not after the start means the patrol
    ran past midnight (a night patrol 22:00–02:00 is four hours).
    """

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(PatrolTeam, verbose_name="队伍", on_delete=models.PROTECT, related_name="records")
    date = models.DateField(verbose_name="巡逻日期", db_index=True)
    start_time = models.TimeField(verbose_name="开始时间")
    end_time = models.TimeField(verbose_name="结束时间", help_text="早于开始时间表示跨过午夜。")
    groups = models.ManyToManyField(ResidentGroup, verbose_name="巡逻区域(居民小组)", blank=True, related_name="+")
    route = models.CharField(verbose_name="巡逻路线", max_length=200, blank=True)
    members_present = models.ManyToManyField(
        PatrolTeamMember, verbose_name="参加队员", blank=True, related_name="patrols"
    )
    findings = models.CharField(
        verbose_name="发现情况", max_length=16, choices=PatrolFinding, default=PatrolFinding.NONE
    )
    finding_note = models.TextField(verbose_name="情况说明", blank=True)
    follow_up = models.TextField(verbose_name="处理情况", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[groups, members_present])

    class Meta:
        verbose_name = "巡逻记录"
        verbose_name_plural = "巡逻记录"
        ordering = ["community_id", "-date", "-start_time"]
        indexes = [models.Index(fields=["community", "date"], name="patrol_record_community_date")]

    def __str__(self):
        return f"{self.team} {self.date:%Y-%m-%d} {self.start_time:%H:%M}"

    def get_absolute_url(self):
        return reverse("safety:patrolrecord_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.start_time is not None and self.start_time == self.end_time:
            raise ValidationError({"end_time": "结束时间不能与开始时间相同。"})
        if self.findings != PatrolFinding.NONE and not self.finding_note.strip():
            raise ValidationError({"finding_note": "发现情况时请说明具体情况。"})

    @property
    def hours(self) -> Decimal:
        return patrol_hours(self.start_time, self.end_time)


def patrol_hours(start: datetime.time, end: datetime.time) -> Decimal:
    """Hours between ``start`` and ``end`` (to two places); an end not after the start crosses midnight."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes <= 0:
        minutes += 24 * 60
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


#
# Police liaison (社区民警)
#


class PoliceOfficer(models.Model):
    """The community police officer (社区民警/片警): not a user and not a person of the register."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(verbose_name="姓名", max_length=50)
    station = models.CharField(verbose_name="所属派出所", max_length=100)
    phone = models.CharField(verbose_name="联系电话", max_length=20, blank=True)
    assigned_from = models.DateField(verbose_name="联系社区起始日期")
    assigned_to = models.DateField(verbose_name="联系社区截止日期", null=True, blank=True, help_text="仍在岗留空。")
    monthly_target_hours = models.DecimalField(
        verbose_name="每月下社区目标时数",
        max_digits=5,
        decimal_places=1,
        default=Decimal(32),
        validators=[MinValueValidator(Decimal(0))],
    )
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "社区民警"
        verbose_name_plural = "社区民警"
        ordering = ["community_id", "-assigned_from", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assigned_to__isnull=True) | models.Q(assigned_to__gte=models.F("assigned_from")),
                name="police_officer_assignment_ends_after_start",
                violation_error_message="截止日期不能早于起始日期。",
            ),
        ]

    def __str__(self):
        return f"{self.name}({self.station})"

    def get_absolute_url(self):
        return reverse("safety:policeofficer_detail", kwargs={"pk": self.pk})


class PoliceVisit(models.Model):
    """A visit of the community police officer (民警下社区), with its hours."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(PoliceOfficer, verbose_name="民警", on_delete=models.PROTECT, related_name="visits")
    date = models.DateField(verbose_name="日期", db_index=True)
    hours = models.DecimalField(
        verbose_name="时数",
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal("0.5"), "时数至少0.5小时。"),
            MaxValueValidator(Decimal(24), "一天不能超过24小时。"),
        ],
    )
    purpose = models.CharField(verbose_name="事由", max_length=16, choices=PoliceVisitPurpose)
    notes = models.TextField(verbose_name="情况记录", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "民警下社区记录"
        verbose_name_plural = "民警下社区记录"
        ordering = ["officer", "-date"]

    def __str__(self):
        return f"{self.officer.name} {self.date:%Y-%m-%d} {self.hours}小时"

    def get_absolute_url(self):
        return self.officer.get_absolute_url()

    def clean(self):
        officer = self.officer if self.officer_id else None
        if officer is None or self.date is None:
            return
        if self.date < officer.assigned_from or (officer.assigned_to and self.date > officer.assigned_to):
            raise ValidationError({"date": "日期不在该民警联系本社区的期间内。"})


#
# Legal education (普法)
#


class LegalEducationSession(models.Model):
    """A legal-education session (法制宣传教育): a 法律大课, a talk, a board, materials handed out …"""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(verbose_name="日期", db_index=True)
    format = models.CharField(verbose_name="形式", max_length=16, choices=LegalEducationFormat)
    topic = models.CharField(verbose_name="主题", max_length=200)
    audiences = models.JSONField(verbose_name="对象", default=list, blank=True)
    audience_count = models.PositiveIntegerField(verbose_name="参加/受教育人数", default=0)
    speaker = models.CharField(verbose_name="主讲人", max_length=100, blank=True)
    materials_distributed = models.PositiveIntegerField(verbose_name="发放资料(份)", default=0)
    campaign = models.CharField(
        verbose_name="所属活动", max_length=100, blank=True, help_text="如:七·五普法、禁毒宣传月。"
    )
    location = models.CharField(verbose_name="地点", max_length=200, blank=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "普法宣传"
        verbose_name_plural = "普法宣传"
        ordering = ["community_id", "-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.topic}"

    def get_absolute_url(self):
        return reverse("safety:legaleducationsession_detail", kwargs={"pk": self.pk})

    def clean(self):
        allowed = set(Audience.values)
        if not isinstance(self.audiences, list) or any(value not in allowed for value in self.audiences):
            raise ValidationError({"audiences": "对象只能从党员、干部、居民、青少年、流动人口中选择。"})
        if self.format in (LegalEducationFormat.LECTURE_COURSE, LegalEducationFormat.TALK) and not self.audience_count:
            raise ValidationError({"audience_count": "法律大课和讲座请填写参加人数。"})

    @property
    def audience_labels(self) -> list[str]:
        return [Audience(value).label for value in self.audiences if value in Audience.values]


#
# Hazard inspections (隐患排查)
#


class InspectionTarget(models.Model):
    """Something inspected on a schedule: a hydrant, a key unit, a rented home, a 楼院, a shop …"""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(verbose_name="类型", max_length=16, choices=InspectionTargetKind)
    name = models.CharField(verbose_name="名称", max_length=100)
    location = models.CharField(verbose_name="位置", max_length=200, blank=True)
    resident_unit = models.ForeignKey(
        ResidentUnit, verbose_name="驻社区单位", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rental = models.ForeignKey(
        Rental, verbose_name="出租房屋", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    schedule = models.CharField(
        verbose_name="检查周期", max_length=16, choices=InspectionSchedule, default=InspectionSchedule.MONTHLY
    )
    is_active = models.BooleanField(verbose_name="在查", default=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "检查对象"
        verbose_name_plural = "检查对象"
        ordering = ["community_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "kind", "name"],
                name="inspection_target_unique_name",
                violation_error_message="本社区已有同类型同名的检查对象。",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.name}"

    def get_absolute_url(self):
        return reverse("safety:inspectiontarget_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.kind in MONTHLY_KINDS and self.schedule != InspectionSchedule.MONTHLY:
            errors["schedule"] = "消防栓和重点单位须每月检查。"
        for field in ("resident_unit", "rental", "group"):
            linked = getattr(self, field)
            if linked is not None and self.community_id and linked.community_id != self.community_id:
                errors[field] = "只能关联本社区的记录。"
        if errors:
            raise ValidationError(errors)


class InspectionQuerySet(ScopedQuerySet):
    def hazards(self) -> InspectionQuerySet:
        return self.filter(result=InspectionResult.HAZARD)

    def open_hazards(self) -> InspectionQuerySet:
        """Hazards found and not yet rectified."""
        return self.hazards().filter(rectified_on__isnull=True)

    def overdue_on(self, day: datetime.date) -> InspectionQuerySet:
        """Hazards still open after their rectification deadline."""
        return self.open_hazards().filter(deadline__lt=day)


class Inspection(models.Model):
    """One inspection of a target; a hazard found carries its deadline, and later its rectification."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    target = models.ForeignKey(
        InspectionTarget, verbose_name="检查对象", on_delete=models.PROTECT, related_name="inspections"
    )
    date = models.DateField(verbose_name="检查日期", db_index=True)
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="检查人员", blank=True, related_name="+")
    other_inspectors = models.CharField(
        verbose_name="其他检查人员", max_length=200, blank=True, help_text="安全员、志愿者、民警等。"
    )
    result = models.CharField(verbose_name="检查结果", max_length=16, choices=InspectionResult)
    hazard_description = models.TextField(verbose_name="隐患描述", blank=True)
    severity = models.CharField(verbose_name="隐患等级", max_length=16, choices=HazardSeverity, blank=True)
    deadline = models.DateField(verbose_name="整改期限", null=True, blank=True)
    rectified_on = models.DateField(verbose_name="整改完成日期", null=True, blank=True)
    rectification_note = models.TextField(verbose_name="整改情况", blank=True)
    escalated_on = models.DateField(verbose_name="上报日期", null=True, blank=True)
    escalated_to = models.CharField(verbose_name="上报单位", max_length=100, blank=True)

    objects = InspectionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[inspectors])

    class Meta:
        verbose_name = "隐患排查记录"
        verbose_name_plural = "隐患排查记录"
        ordering = ["community_id", "-date", "-id"]
        indexes = [models.Index(fields=["community", "date"], name="inspection_community_date")]

    def __str__(self):
        return f"{self.target.name} {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("safety:inspection_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.result == InspectionResult.HAZARD:
            if not self.hazard_description.strip():
                errors["hazard_description"] = "发现隐患时请描述隐患。"
            if not self.severity:
                errors["severity"] = "发现隐患时请选择隐患等级。"
            if self.deadline is None:
                errors["deadline"] = "发现隐患时须规定整改期限。"
            elif self.date and self.deadline < self.date:
                errors["deadline"] = "整改期限不能早于检查日期。"
        elif self.result == InspectionResult.CLEAR and (
            self.hazard_description.strip() or self.severity or self.deadline or self.rectified_on or self.escalated_on
        ):
            errors["result"] = "检查结果为无隐患时不能填写隐患、整改或上报信息。"
        if self.rectified_on and self.date and self.rectified_on < self.date:
            errors["rectified_on"] = "整改完成日期不能早于检查日期。"
        if self.escalated_on and self.date and self.escalated_on < self.date:
            errors["escalated_on"] = "上报日期不能早于检查日期。"
        if self.escalated_on and not self.escalated_to.strip():
            errors["escalated_to"] = "请填写上报单位。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_hazard(self) -> bool:
        return self.result == InspectionResult.HAZARD

    def hazard_state(self, today: datetime.date) -> str:
        """无隐患 / 已整改 / 已逾期 / 整改中 on ``today``."""
        if not self.is_hazard:
            return "无隐患"
        if self.rectified_on:
            return "已整改"
        if self.deadline and self.deadline < today:
            return "已逾期"
        return "整改中"


#
# Incidents (事件登记) and the year's "none" sign-offs
#


class Incident(models.Model):
    """An incident of public order or safety (案件、事件). Persons involved make it a sensitive record;
    whether one of them was a minor is derived from their age on the incident's date."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup, verbose_name="发生小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    date = models.DateField(verbose_name="发生日期", db_index=True)
    kind = models.CharField(verbose_name="类别", max_length=32, choices=IncidentKind)
    is_major = models.BooleanField(verbose_name="重大", default=False)
    location = models.CharField(verbose_name="地点", max_length=200, blank=True)
    source = models.CharField(verbose_name="信息来源", max_length=16, choices=IncidentSource)
    summary = models.TextField(verbose_name="简要情况")
    persons = models.ManyToManyField(Person, verbose_name="涉及人员", blank=True, related_name="+")
    outcome = models.TextField(verbose_name="处理结果", blank=True)
    status = models.CharField(
        verbose_name="状态", max_length=16, choices=IncidentStatus, default=IncidentStatus.OPEN, db_index=True
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[persons])

    class Meta:
        verbose_name = "事件登记"
        verbose_name_plural = "事件登记"
        ordering = ["community_id", "-date", "-id"]
        indexes = [models.Index(fields=["community", "date", "kind"], name="incident_community_date_kind")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("safety:incident_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.status == IncidentStatus.CLOSED and not self.outcome.strip():
            raise ValidationError({"outcome": "办结的事件请填写处理结果。"})

    def minors(self) -> list[Person]:
        """The persons involved who were under 18 on the incident's date (never stored)."""
        return [person for person in self.persons.all() if person.age_on(self.date) < 18]


class IncidentYearConfirmation(models.Model):
    """The head's sign-off that a kind of incident did not happen in a year (经核实,本年度无此类事件),
    so a report can tell "none" from "not recorded"."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(verbose_name="年度")
    kind = models.CharField(verbose_name="类别", max_length=32, choices=IncidentKind)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="确认人", on_delete=models.PROTECT, related_name="+"
    )
    confirmed_on = models.DateField(verbose_name="确认日期")
    note = models.CharField(verbose_name="说明", max_length=200, default="经核实,本年度无此类事件。")

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "年度无事件确认"
        verbose_name_plural = "年度无事件确认"
        ordering = ["community_id", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "year", "kind"],
                name="incident_year_confirmation_unique",
                violation_error_message="该年度此类事件已确认。",
            ),
        ]

    def __str__(self):
        return f"{self.year}年 无{self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("safety:incident_year", kwargs={"year": self.year})


#
# Petitions (信访)
#


class Petition(models.Model):
    """A petition (信访件) received by the committee. 集体访 (≥ 5 petitioners) and 越级 (above the
    street) are derived from the headcount and the level reached."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ResidentGroup, verbose_name="居民小组", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    number = models.CharField(verbose_name="编号", max_length=20, editable=False)
    received_on = models.DateField(verbose_name="受理日期", db_index=True)
    channel = models.CharField(verbose_name="信访方式", max_length=16, choices=PetitionChannel)
    subject = models.CharField(verbose_name="事由类别", max_length=16, choices=PetitionSubject)
    description = models.TextField(verbose_name="信访事项")
    petitioners = models.ManyToManyField(Person, verbose_name="信访人(本社区居民)", blank=True, related_name="+")
    outsider_names = models.CharField(
        verbose_name="其他信访人", max_length=200, blank=True, help_text="非本社区登记人员的姓名,用顿号分隔。"
    )
    headcount = models.PositiveIntegerField(
        verbose_name="人数", default=1, validators=[MinValueValidator(1, "人数至少为1。")]
    )
    level_reached = models.CharField(
        verbose_name="到达层级", max_length=16, choices=PetitionLevel, default=PetitionLevel.COMMUNITY
    )
    caused_by_improper_handling = models.BooleanField(verbose_name="因解决不当越级", default=False)
    receptionist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接待人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    receptionist_other = models.CharField(
        verbose_name="其他接待人", max_length=100, blank=True, help_text="人大代表、街道领导等。"
    )
    dispute_case = models.ForeignKey(
        "safety.DisputeCase",
        verbose_name="关联纠纷案件",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
    )
    result = models.TextField(verbose_name="办理结果", blank=True)
    closed_on = models.DateField(verbose_name="办结日期", null=True, blank=True)
    transferred_to = models.CharField(verbose_name="转交单位", max_length=100, blank=True)
    status = models.CharField(
        verbose_name="状态", max_length=16, choices=PetitionStatus, default=PetitionStatus.RECEIVED, db_index=True
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[petitioners])

    class Meta:
        verbose_name = "信访件"
        verbose_name_plural = "信访台账"
        ordering = ["community_id", "-received_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "number"],
                name="petition_unique_number_in_community",
                violation_error_message="本社区已有此编号的信访件。",
            ),
        ]

    def __str__(self):
        return f"信访件 {self.number}"

    def get_absolute_url(self):
        return reverse("safety:petition_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.caused_by_improper_handling and not self.is_skip_level:
            errors["caused_by_improper_handling"] = "只有越级(区县及以上)的信访才能标记为因解决不当越级。"
        if self.closed_on and self.received_on and self.closed_on < self.received_on:
            errors["closed_on"] = "办结日期不能早于受理日期。"
        if self.dispute_case_id and self.community_id and self.dispute_case.community_id != self.community_id:
            errors["dispute_case"] = "只能关联本社区的纠纷案件。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_collective(self) -> bool:
        return self.headcount >= COLLECTIVE_HEADCOUNT

    @property
    def is_skip_level(self) -> bool:
        return self.level_reached in SKIP_LEVELS

    @property
    def is_open(self) -> bool:
        return self.status in PETITION_OPEN

    @property
    def outsiders(self) -> list[str]:
        return [name.strip() for name in self.outsider_names.replace(",", "、").split("、") if name.strip()]


class PetitionStep(models.Model):
    """One step of the handling of a petition (办理过程): appended, never edited."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    petition = models.ForeignKey(Petition, verbose_name="信访件", on_delete=models.CASCADE, related_name="steps")
    date = models.DateField(verbose_name="日期")
    action = models.TextField(verbose_name="办理情况")
    handler = models.CharField(verbose_name="经办人", max_length=50)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "信访办理过程"
        verbose_name_plural = "信访办理过程"
        ordering = ["petition", "date", "id"]

    def __str__(self):
        return f"{self.petition} {self.date:%Y-%m-%d}"
