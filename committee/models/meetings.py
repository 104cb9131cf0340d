"""Meetings (会议) with their expected attendees, attendance and decisions (issue 5 item 3; domain.md §2.4.4,
workflow W10).

Seed 000: 「居民代表大会每年4次、居民代表出席率100%;社区协调会次5次」「党支部每季度召开党员议事会1次」
「居委会每年定期向居民代表大会报告工作2次、接受群众评议和监督2次」. A meeting is prepared (筹备: its expected
attendees 应到人员 are added — staff of the committee, persons of the register such as the 居民代表, or a plain
name), held (已召开: each attendee gets a status 出席/请假/迟到/缺席/早退, a 请假/迟到/缺席/早退 may be recognised
as a 特殊情况 by the head), and closed (已结束) by ``committee.services.meetings.meeting_close`` once its minutes
and every attendee's status are in: from then on the meeting, its attendance and its decisions are locked, and
the fine ledger (``committee.models.fines``) reads the attendance of the attendees who are staff.

Attendance rates are read by ``committee.selectors.meetings`` (definitions there).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from committee.models.staff import Staff
from governance.models import Community
from governance.querysets import ScopedQuerySet


class MeetingKind(models.TextChoices):
    """会议类型 (domain.md §2.4.4): the issue's eight kinds first, then the others the seeds name."""

    REPRESENTATIVE_ASSEMBLY = "representative_assembly", "居民代表大会"
    RESIDENTS_MEETING = "residents_meeting", "居民会议"
    COORDINATION = "coordination", "社区协调会"
    PARTY_COUNCIL = "party_council", "党员议事会"
    TWO_COMMITTEES = "two_committees", "两委会"
    COUNCIL = "council", "议事会"
    HEARING = "hearing", "听证会"
    DEMOCRATIC_REVIEW = "democratic_review", "民主评议会"
    COMMITTEE_CADRES = "committee_cadres", "居委会干部会议"
    GROUP_CADRES = "group_cadres", "小组干部会议"
    CONSULTATION = "consultation", "征询会"
    DEMOCRATIC_EVALUATION = "democratic_evaluation", "民主测评会"
    DUTY_REPORT = "duty_report", "述职报告会"
    WORK_DISPATCH = "work_dispatch", "工作调度会"
    PARTY_CADRES_REGULAR = "party_cadres_regular", "党员干部例会"
    SAFETY_MEDIATION_REGULAR = "safety_mediation_regular", "治保民调委员会例会"
    INFORMANTS_REGULAR = "informants_regular", "信息员例会"
    PARTY_JOINT = "party_joint", "党建联席会议"
    VILLAGERS_ASSEMBLY = "villagers_assembly", "村民代表大会"
    OTHER = "other", "其他会议"


class MeetingStatus(models.TextChoices):
    PREPARING = "preparing", "筹备"
    HELD = "held", "已召开"
    CLOSED = "closed", "已结束"


class AttendanceMark(models.TextChoices):
    """An attendee's status at a meeting (出勤情况)."""

    PRESENT = "present", "出席"
    LEAVE = "leave", "请假"
    LATE = "late", "迟到"
    ABSENT = "absent", "缺席"
    EARLY = "early", "早退"


# Who was there, for the attendance rate: 出席, 迟到 and 早退 (they came); 请假 and 缺席 did not.
PRESENT_MARKS = (AttendanceMark.PRESENT, AttendanceMark.LATE, AttendanceMark.EARLY)
# What a 特殊情况 can excuse (「除特殊情况外请假一次罚款20元」): every status but 出席.
EXEMPTABLE_MARKS = (AttendanceMark.LEAVE, AttendanceMark.LATE, AttendanceMark.ABSENT, AttendanceMark.EARLY)


class AttendeeCapacity(models.TextChoices):
    """In which capacity someone is expected (身份): staff are fined by the rules, the others are not."""

    STAFF = "staff", "社区工作人员"
    REPRESENTATIVE = "representative", "居民代表"
    PARTY_MEMBER = "party_member", "党员"
    RESIDENT = "resident", "居民"
    GUEST = "guest", "列席人员"


class ResolutionStatus(models.TextChoices):
    PENDING = "pending", "待落实"
    IN_PROGRESS = "in_progress", "落实中"
    DONE = "done", "已落实"
    DROPPED = "dropped", "未落实"


class MeetingQuerySet(ScopedQuerySet):
    def held(self):
        """Meetings that took place: 已召开 or 已结束 (not those still in preparation)."""
        return self.filter(status__in=(MeetingStatus.HELD, MeetingStatus.CLOSED))

    def closed(self):
        return self.filter(status=MeetingStatus.CLOSED)

    def in_year(self, year: int):
        return self.filter(date__year=year)

    def with_attendance_counts(self):
        """Each meeting annotated with ``expected_count`` (应到) and ``present_count`` (出席+迟到+早退)."""
        return self.annotate(
            expected_count=Count("attendance", distinct=True),
            present_count=Count("attendance", filter=Q(attendance__status__in=PRESENT_MARKS), distinct=True),
        )


class Meeting(models.Model):
    """A meeting of the community (会议): 居民代表大会, 两委会, 党员议事会 … with its agenda, minutes, flags for the
    work report (向居民代表大会报告工作) and the public review (接受群众评议和监督), attendees and decisions."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(verbose_name="会议类型", max_length=32, choices=MeetingKind)
    title = models.CharField(verbose_name="会议名称", max_length=100, help_text="如:2026年第一次居民代表大会")
    date = models.DateField(verbose_name="日期")
    start_time = models.TimeField(verbose_name="开始时间", null=True, blank=True)
    end_time = models.TimeField(verbose_name="结束时间", null=True, blank=True)
    venue = models.CharField(verbose_name="地点", max_length=100, blank=True)
    convenor = models.ForeignKey(
        Staff, verbose_name="召集人", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    chair = models.ForeignKey(
        Staff, verbose_name="主持人", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agenda = models.TextField(verbose_name="议程", blank=True)
    minutes = models.TextField(verbose_name="会议记录", blank=True, help_text="会议结束前必须填写。")
    is_work_report = models.BooleanField(
        verbose_name="向居民代表大会报告工作",
        default=False,
        help_text="居委会每年定期向居民代表大会报告工作2次。",
    )
    is_public_review = models.BooleanField(
        verbose_name="接受群众评议和监督",
        default=False,
        help_text="居委会每年接受群众评议和监督2次。",
    )
    status = models.CharField(
        verbose_name="状态", max_length=12, choices=MeetingStatus, default=MeetingStatus.PREPARING, editable=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+", editable=False
    )
    closed_at = models.DateTimeField(verbose_name="结束时间(锁定)", null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="结束人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    note = models.TextField(verbose_name="备注", blank=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ["community_id", "-date", "-start_time", "-id"]
        indexes = [models.Index(fields=["community", "date"], name="meeting_community_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message="结束时间必须晚于开始时间。",
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.CLOSED) | ~Q(minutes=""),
                name="meeting_closed_has_minutes",
                violation_error_message="已结束的会议必须有会议记录。",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committee:meeting_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        for name in ("convenor", "chair"):
            staff = getattr(self, name)
            if staff is not None and self.community_id and staff.community_id != self.community_id:
                errors[name] = "必须是本社区的工作人员。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED

    @property
    def time_display(self) -> str:
        if self.start_time and self.end_time:
            return f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"
        return f"{self.start_time:%H:%M}" if self.start_time else ""


class MeetingAttendance(models.Model):
    """One expected attendee of a meeting (应到人员) and, once held, their status (出勤): a staff member, a person
    of the register, or only a name. A 请假/迟到/缺席/早退 recognised as a 特殊情况 (``exempt``, by 书记/主任)
    draws no fine."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="attendance")
    staff = models.ForeignKey(
        Staff,
        verbose_name="工作人员",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendance",
    )
    person = models.ForeignKey(
        "residents.Person",
        verbose_name="居民",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendance",
    )
    name = models.CharField(verbose_name="姓名", max_length=50)
    capacity = models.CharField(verbose_name="身份", max_length=16, choices=AttendeeCapacity)
    status = models.CharField(verbose_name="出勤情况", max_length=8, choices=AttendanceMark, blank=True)
    exempt = models.BooleanField(verbose_name="特殊情况", default=False, help_text="经书记/主任认定,不予处罚。")
    exempt_reason = models.CharField(verbose_name="特殊情况说明", max_length=200, blank=True)
    exempt_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="特殊情况认定人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    note = models.CharField(verbose_name="备注", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议出勤"
        verbose_name_plural = "会议出勤"
        ordering = ["meeting_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "staff"],
                condition=Q(staff__isnull=False),
                name="meeting_attendance_staff_once",
                violation_error_message="该工作人员已在应到名单中。",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="meeting_attendance_person_once",
                violation_error_message="该居民已在应到名单中。",
            ),
            models.CheckConstraint(
                condition=Q(exempt=False) | Q(status__in=EXEMPTABLE_MARKS),
                name="meeting_attendance_exempt_status",
                violation_error_message="只有请假、迟到、缺席、早退可以认定为特殊情况。",
            ),
            models.CheckConstraint(
                condition=Q(exempt=False) | ~Q(exempt_reason=""),
                name="meeting_attendance_exempt_reason",
                violation_error_message="认定特殊情况须填写说明。",
            ),
        ]

    def __str__(self):
        mark = f" {self.get_status_display()}" if self.status else ""
        return f"{self.meeting} · {self.name}{mark}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    def clean(self):
        errors = {}
        if self.staff_id and self.community_id and self.staff.community_id != self.community_id:
            errors["staff"] = "该工作人员不属于本社区。"
        if self.exempt and self.status not in EXEMPTABLE_MARKS:
            errors["exempt"] = "只有请假、迟到、缺席、早退可以认定为特殊情况。"
        elif self.exempt and not self.exempt_reason.strip():
            errors["exempt_reason"] = "认定特殊情况须填写说明。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_present(self) -> bool:
        return self.status in PRESENT_MARKS


class Resolution(models.Model):
    """A decision of a meeting (决议): what was decided, who answers for it, by when, and its follow-up."""

    community = models.ForeignKey(Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="resolutions")
    text = models.TextField(verbose_name="决议内容")
    responsible = models.ForeignKey(
        Staff, verbose_name="责任人", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(verbose_name="完成时限", null=True, blank=True)
    status = models.CharField(
        verbose_name="落实情况", max_length=12, choices=ResolutionStatus, default=ResolutionStatus.PENDING
    )
    done_on = models.DateField(verbose_name="落实日期", null=True, blank=True)
    follow_up = models.TextField(verbose_name="跟进情况", blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议决议"
        verbose_name_plural = "会议决议"
        ordering = ["meeting_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ResolutionStatus.DONE) | Q(done_on__isnull=False),
                name="resolution_done_has_date",
                violation_error_message="已落实的决议须填写落实日期。",
            ),
        ]

    def __str__(self):
        return self.text[:30]

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    def clean(self):
        if self.responsible_id and self.community_id and self.responsible.community_id != self.community_id:
            raise ValidationError({"responsible": "责任人必须是本社区的工作人员。"})
        if self.status == ResolutionStatus.DONE and self.done_on is None:
            raise ValidationError({"done_on": "已落实的决议须填写落实日期。"})
