"""志愿服务 (issue 4 item 5; domain.md §2.3.5, workflow W13): volunteer teams, volunteers of the person
register with their service intentions and skills, activities with participants and hours, each
volunteer's hours ledger (时间储备) and the party members' posts (党员设岗定责).

The hours ledger is not stored twice: a volunteer's credits are the hours of the activities they took
part in (``ActivityParticipation``), the debits are the redemptions (``HoursRedemption``); the balance is
one minus the other (``services.selectors.volunteers.hours_ledger``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from governance.models import Community, ResidentGroup
from governance.querysets import ScopedQuerySet
from residents.choices import PoliticalStatus
from residents.models import Person


class TeamKind(models.TextChoices):
    PARTY = "party", "党员志愿者服务队"
    LEFT_BEHIND = "left_behind", "关爱留守儿童志愿者服务队"
    YOUTH = "youth", "青年志愿者服务队"
    WOMEN = "women", "巾帼志愿者服务队"
    ELDERLY = "elderly", "助老志愿者服务队"
    LEGAL = "legal", "法律志愿者服务队"
    PATROL = "patrol", "治安巡逻志愿者服务队"
    GENERAL = "general", "综合志愿者服务队"


class VolunteerBackground(models.TextChoices):
    """身份, as seed 000 lists them: 「由党员、团员、低保对象、居民志愿者45余人组成」."""

    PARTY = "party", "党员"
    LEAGUE = "league", "团员"
    DIBAO = "dibao", "低保对象"
    RESIDENT = "resident", "居民"


class ServiceIntention(models.TextChoices):
    """服务意向 (several per volunteer)."""

    ELDERLY = "elderly", "助老"
    DISABLED = "disabled", "助残"
    CHILDREN = "children", "关爱留守儿童"
    ENVIRONMENT = "environment", "环境"
    SECURITY = "security", "治安"
    CULTURE = "culture", "文体"
    LEGAL = "legal", "法律"
    MEDICAL = "medical", "医疗"
    EDUCATION = "education", "教育"
    REPAIR = "repair", "家电维修"
    OTHER = "other", "其他"


INTENTION_SEPARATOR = ","
PARTY_STATUSES = (PoliticalStatus.PARTY_MEMBER, PoliticalStatus.PROBATIONARY)


def intention_codes(value: str) -> list[str]:
    """The codes stored in an ``intentions`` column (``",elderly,legal,"``)."""
    return [code for code in (value or "").split(INTENTION_SEPARATOR) if code]


def intentions_value(codes) -> str:
    """The column value of a list of codes, in the order of ``ServiceIntention``; wrapped in separators so
    that one intention is found with ``intentions__contains=",legal,"``."""
    chosen = set(codes)
    ordered = [code for code in ServiceIntention.values if code in chosen]
    return f"{INTENTION_SEPARATOR}{INTENTION_SEPARATOR.join(ordered)}{INTENTION_SEPARATOR}" if ordered else ""


class VolunteerTeam(models.Model):
    """A volunteer team (志愿者队伍) of the community: 「社区志愿者队伍3支」[000]."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="volunteer_teams"
    )
    name = models.CharField(verbose_name="队伍名称", max_length=100)
    kind = models.CharField(verbose_name="队伍类型", max_length=16, choices=TeamKind)
    leader = models.ForeignKey(
        Person,
        verbose_name="队长",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_volunteer_teams",
    )
    founded_on = models.DateField(verbose_name="成立日期")
    description = models.TextField(verbose_name="服务内容", blank=True)
    is_active = models.BooleanField(verbose_name="在运行", default=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "志愿者队伍"
        verbose_name_plural = "志愿者队伍"
        ordering = ["community_id", "founded_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"],
                name="volunteer_team_unique_name",
                violation_error_message="本社区已有同名志愿者队伍。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:volunteerteam_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.leader_id and self.community_id and self.leader.community_id != self.community_id:
            raise ValidationError({"leader": "队长必须是本社区在册居民。"})


class VolunteerQuerySet(ScopedQuerySet):
    scope_group = "group"

    def active(self):
        return self.filter(is_active=True)


class Volunteer(models.Model):
    """A registered volunteer (志愿者): a person of the register, at most once per community."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="volunteers"
    )
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="居民小组",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteers",
        help_text="随居民所在小组。",
    )
    person = models.ForeignKey(Person, verbose_name="居民", on_delete=models.PROTECT, related_name="volunteer_records")
    background = models.CharField(
        verbose_name="身份", max_length=16, choices=VolunteerBackground, default=VolunteerBackground.RESIDENT
    )
    intentions = models.CharField(verbose_name="服务意向", max_length=200, blank=True)
    skills = models.CharField(verbose_name="特长技能", max_length=200, blank=True)
    teams = models.ManyToManyField(VolunteerTeam, verbose_name="所在队伍", blank=True, related_name="members")
    registered_on = models.DateField(verbose_name="登记日期")
    is_active = models.BooleanField(verbose_name="在册服务", default=True)
    note = models.TextField(verbose_name="备注", blank=True)

    objects = VolunteerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "志愿者"
        verbose_name_plural = "志愿者"
        ordering = ["community_id", "registered_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "person"],
                name="volunteer_one_per_person",
                violation_error_message="该居民已登记为本社区志愿者。",
            ),
        ]

    def __str__(self):
        return self.person.name if self.person_id else "志愿者"

    def get_absolute_url(self):
        return reverse("services:volunteer_detail", kwargs={"pk": self.pk})

    @property
    def intention_list(self) -> list[str]:
        return intention_codes(self.intentions)

    @property
    def intention_labels(self) -> list[str]:
        labels = dict(ServiceIntention.choices)
        return [labels.get(code, code) for code in self.intention_list]

    def clean(self):
        errors = {}
        unknown = [code for code in self.intention_list if code not in ServiceIntention.values]
        if unknown:
            errors["intentions"] = f"未知的服务意向:{'、'.join(unknown)}。"
        if self.person_id and self.community_id and self.person.community_id != self.community_id:
            errors["person"] = "志愿者必须是本社区在册居民。"
        if self.group_id and self.community_id and self.group.community_id != self.community_id:
            errors["group"] = "居民小组必须属于本社区。"
        if errors:
            raise ValidationError(errors)


class VolunteerActivity(models.Model):
    """A volunteer service activity (志愿服务活动) with its participants and their hours."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="volunteer_activities"
    )
    date = models.DateField(verbose_name="活动日期")
    title = models.CharField(verbose_name="活动名称", max_length=100)
    team = models.ForeignKey(
        VolunteerTeam,
        verbose_name="组织队伍",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    place = models.CharField(verbose_name="活动地点", max_length=100, blank=True)
    beneficiaries = models.PositiveIntegerField(verbose_name="服务对象(人次)", default=0)
    description = models.TextField(verbose_name="活动内容", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "志愿服务活动"
        verbose_name_plural = "志愿服务活动"
        ordering = ["community_id", "-date", "-id"]
        indexes = [models.Index(fields=["community", "date"], name="volunteer_activity_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("services:volunteeractivity_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.team_id and self.community_id and self.team.community_id != self.community_id:
            raise ValidationError({"team": "组织队伍必须是本社区的志愿者队伍。"})


class ParticipationQuerySet(ScopedQuerySet):
    scope_group = "volunteer__group"


HOURS = {"max_digits": 6, "decimal_places": 1}


class ActivityParticipation(models.Model):
    """One volunteer at one activity, with the hours credited to their 时间储备."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="volunteer_participations"
    )
    activity = models.ForeignKey(
        VolunteerActivity, verbose_name="活动", on_delete=models.PROTECT, related_name="participations"
    )
    volunteer = models.ForeignKey(
        Volunteer, verbose_name="志愿者", on_delete=models.PROTECT, related_name="participations"
    )
    hours = models.DecimalField(verbose_name="服务时长(小时)", validators=[MinValueValidator(0)], **HOURS)

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "活动参与"
        verbose_name_plural = "活动参与"
        ordering = ["community_id", "activity_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "volunteer"],
                name="participation_once_per_activity",
                violation_error_message="该志愿者已登记参加本次活动。",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gt=0),
                name="participation_hours_positive",
                violation_error_message="服务时长必须大于0。",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.activity}"

    def get_absolute_url(self):
        return self.activity.get_absolute_url()


class RedemptionQuerySet(ScopedQuerySet):
    scope_group = "volunteer__group"


class HoursRedemption(models.Model):
    """Hours taken out of a volunteer's 时间储备 (兑换服务、表彰奖励 …): append-only, with its reason."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="hours_redemptions"
    )
    volunteer = models.ForeignKey(
        Volunteer, verbose_name="志愿者", on_delete=models.PROTECT, related_name="redemptions"
    )
    date = models.DateField(verbose_name="支取日期")
    hours = models.DecimalField(verbose_name="支取时长(小时)", **HOURS)
    reason = models.CharField(verbose_name="支取事由", max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(verbose_name="登记时间", auto_now_add=True)

    objects = RedemptionQuerySet.as_manager()

    class Meta:
        verbose_name = "时间储备支取"
        verbose_name_plural = "时间储备支取"
        ordering = ["community_id", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0),
                name="redemption_hours_positive",
                violation_error_message="支取时长必须大于0。",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} 支取{self.hours}小时"

    def get_absolute_url(self):
        return reverse("services:volunteer_ledger", kwargs={"pk": self.volunteer_id})


class PartyPostQuerySet(ScopedQuerySet):
    scope_group = "group"

    def current(self, day):
        return self.filter(start_on__lte=day).exclude(end_on__lt=day)


class PartyPost(models.Model):
    """A party member's post (党员设岗定责): 「设立了家电维修、义务巡逻、法律咨询、为老服务等岗位」,
    「包路段、包责任落实到人」[002]."""

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="party_posts"
    )
    group = models.ForeignKey(
        ResidentGroup,
        verbose_name="责任片区(居民小组)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="party_posts",
    )
    name = models.CharField(verbose_name="岗位名称", max_length=100)
    duty = models.TextField(verbose_name="岗位职责")
    member = models.ForeignKey(Person, verbose_name="党员", on_delete=models.PROTECT, related_name="party_posts")
    start_on = models.DateField(verbose_name="上岗日期")
    end_on = models.DateField(verbose_name="离岗日期", null=True, blank=True)
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = PartyPostQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "党员岗位"
        verbose_name_plural = "党员设岗定责"
        ordering = ["community_id", "name", "start_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("start_on")),
                name="party_post_ends_after_start",
                violation_error_message="离岗日期不能早于上岗日期。",
            ),
        ]

    def __str__(self):
        return f"{self.name}({self.member})" if self.member_id else self.name

    def get_absolute_url(self):
        return reverse("services:partypost_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.member_id:
            if self.member.political_status not in PARTY_STATUSES:
                errors["member"] = (
                    f"{self.member.name}的政治面貌是{self.member.get_political_status_display()},只能为党员设岗。"
                )
            elif self.community_id and self.member.community_id != self.community_id:
                errors["member"] = "党员必须是本社区在册居民。"
        if self.group_id and self.community_id and self.group.community_id != self.community_id:
            errors["group"] = "居民小组必须属于本社区。"
        if errors:
            raise ValidationError(errors)
