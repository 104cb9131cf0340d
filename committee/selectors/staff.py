"""Figures of the staff area (issue 5 item 11; domain.md §3.1 GL03, GL04, BZ07, BZ08, BZ10, BZ11, DZ01): pure reads
for one community, the date they are read on passed in (never ``now()``).

Definitions, for a community and a day ``as_of``:

* **serving staff** (在岗工作人员): staff records with 到岗日期 ≤ ``as_of`` and no 离岗日期 on or before it: every
  kind of staff, 两委 members, 社区工作者, 小组长 and 小组干部 alike (「社区工作人员总数」);
* **full-time** (专职): serving staff marked 专职;
* **大专以上文化程度占比** = serving staff whose 文化程度 is 大专, 本科 or 研究生 / serving staff (seed 000:
  「社区专职工作者大专以上文化程度占社区工作人员总数的百分比29%」; the full-time share among full-time staff is
  given beside it, ``full_time_college_share``);
* **持证上岗** = serving staff marked 持证上岗 (a count, 「社区工作者持证上岗9人」), and its share of serving staff;
* **社会工作培训率** = full-time serving staff who have had social-work training (marked 接受过社会工作培训, or with
  a 社会工作 training record begun on or before ``as_of``) / full-time serving staff (「接受社会工作培训率93%」);
* **training of the year** (the year of ``as_of``): training records begun from 1 January to ``as_of`` by staff
  serving on ``as_of`` (a training counts in the year it begins);

  * **培训天数** = the sum of their days; by kind as well;
  * **参训人数** = serving staff with at least one such record; **培训率** = 参训人数 / serving staff;
  * **人均培训天数** = 培训天数 / 参训人数 (「社区工作者每年参加各种培训时间20天」: the days a worker who trains
    spends in training), and **每名工作人员培训天数** = 培训天数 / serving staff;
  * **办公自动化和信息管理培训率** = serving staff with a 办公自动化和信息管理 record of the year / serving staff, and
    **培训证书率** = those of them who obtained its certificate / serving staff (「…培训率22%,…培训证书22%」);

* **两委班子** on a day: the posts whose term covers it (开始 ≤ day < 结束), by body and post rank;
* **参选率** of an election = 参选人数 / 选民数; the figure of a community is its latest election of a kind on or
  before ``as_of`` (「农村社区居民参选率100%」: the latest 居委会换届).

Every rate is ``None`` when its denominator is 0 (pages show "—").
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from committee.models.staff import (
    BODY_POSTS,
    COLLEGE_OR_ABOVE,
    AttendanceStatus,
    Body,
    CommitteePost,
    Election,
    ElectionKind,
    Staff,
    TrainingKind,
    TrainingRecord,
    WorkAttendance,
)


def _count(condition: Q | None = None) -> Count:
    return Count("pk", filter=condition) if condition is not None else Count("pk")


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def format_rate(rate: float | None) -> str:
    """A rate as the pages print it: "22%", "29.3%"; "—" when there is none."""
    if rate is None:
        return "—"
    return f"{round(rate * 100, 1):g}%"


def serving_staff(*, community, as_of: datetime.date) -> QuerySet:
    """Staff of ``community`` serving on ``as_of``."""
    return Staff.objects.filter(community=community).serving_on(as_of)


def _social_work_trained_q(as_of: datetime.date) -> Q:
    trained = TrainingRecord.objects.filter(staff=OuterRef("pk"), kind=TrainingKind.SOCIAL_WORK, start_on__lte=as_of)
    return Q(social_work_trained=True) | Q(Exists(trained))


@dataclass(frozen=True)
class StaffComposition:
    """Who the serving staff are, and the shares of seed 000 section 三(七)."""

    as_of: datetime.date
    serving: int = 0
    full_time: int = 0
    college: int = 0  # 大专以上, all serving staff
    full_time_college: int = 0
    certified: int = 0  # 持证上岗
    full_time_social_work_trained: int = 0

    @property
    def college_share(self) -> float | None:
        """大专以上文化程度占比 = 大专以上 / serving staff."""
        return _rate(self.college, self.serving)

    @property
    def full_time_college_share(self) -> float | None:
        """大专以上 among full-time staff / full-time staff."""
        return _rate(self.full_time_college, self.full_time)

    @property
    def certified_share(self) -> float | None:
        return _rate(self.certified, self.serving)

    @property
    def social_work_trained_share(self) -> float | None:
        """社会工作培训率 = full-time staff trained in social work / full-time staff."""
        return _rate(self.full_time_social_work_trained, self.full_time)

    @property
    def college_share_display(self) -> str:
        return format_rate(self.college_share)

    @property
    def full_time_college_share_display(self) -> str:
        return format_rate(self.full_time_college_share)

    @property
    def certified_share_display(self) -> str:
        return format_rate(self.certified_share)

    @property
    def social_work_trained_share_display(self) -> str:
        return format_rate(self.social_work_trained_share)


def staff_composition(*, community, as_of: datetime.date) -> StaffComposition:
    """Counts of the serving staff (one query): 大专以上, 持证上岗, 专职 and their social-work training."""
    college = Q(education__in=COLLEGE_OR_ABOVE)
    full_time = Q(full_time=True)
    counts = (
        serving_staff(community=community, as_of=as_of)
        .annotate(trained=_social_work_trained_q(as_of))
        .aggregate(
            n_serving=_count(),
            n_full_time=_count(full_time),
            n_college=_count(college),
            n_full_time_college=_count(full_time & college),
            n_certified=_count(Q(certified=True)),
            n_full_time_social_work_trained=_count(full_time & Q(trained=True)),
        )
    )
    return StaffComposition(as_of=as_of, **{key[2:]: value for key, value in counts.items()})


@dataclass(frozen=True)
class TrainingFigures:
    """Training of the year of ``as_of`` by the staff serving on ``as_of`` (see the module's definitions)."""

    year: int
    as_of: datetime.date
    serving: int = 0
    days: Decimal = Decimal("0")
    trained: int = 0  # 参训人数
    it_trained: int = 0  # 办公自动化和信息管理
    it_certified: int = 0
    days_by_kind: dict[str, Decimal] = field(default_factory=dict)

    @property
    def training_rate(self) -> float | None:
        """培训率 = 参训人数 / serving staff."""
        return _rate(self.trained, self.serving)

    @property
    def days_per_trained(self) -> Decimal | None:
        """人均培训天数 = 培训天数 / 参训人数 (one decimal)."""
        return (self.days / self.trained).quantize(Decimal("0.1")) if self.trained else None

    @property
    def days_per_staff(self) -> Decimal | None:
        """每名工作人员培训天数 = 培训天数 / serving staff (one decimal)."""
        return (self.days / self.serving).quantize(Decimal("0.1")) if self.serving else None

    @property
    def it_training_rate(self) -> float | None:
        """办公自动化和信息管理培训率."""
        return _rate(self.it_trained, self.serving)

    @property
    def it_certificate_rate(self) -> float | None:
        """办公自动化和信息管理方面培训证书(率)."""
        return _rate(self.it_certified, self.serving)

    @property
    def training_rate_display(self) -> str:
        return format_rate(self.training_rate)

    @property
    def it_training_rate_display(self) -> str:
        return format_rate(self.it_training_rate)

    @property
    def it_certificate_rate_display(self) -> str:
        return format_rate(self.it_certificate_rate)

    def kinds(self) -> list[tuple[str, Decimal]]:
        """(label, days) of every kind, in the order of ``TrainingKind``."""
        return [(TrainingKind(kind).label, self.days_by_kind.get(kind, Decimal("0"))) for kind in TrainingKind.values]


def _year_records(*, community, as_of: datetime.date) -> QuerySet:
    staff = serving_staff(community=community, as_of=as_of)
    return TrainingRecord.objects.filter(
        community=community,
        start_on__gte=datetime.date(as_of.year, 1, 1),
        start_on__lte=as_of,
        staff__in=staff,
    )


def training_figures(*, community, as_of: datetime.date) -> TrainingFigures:
    """The training of the year of ``as_of`` up to ``as_of``: days, 参训人数, 培训率, IT training and certificates."""
    records = _year_records(community=community, as_of=as_of)
    by_kind = {
        row["kind"]: row["days"] or Decimal("0") for row in records.order_by().values("kind").annotate(days=Sum("days"))
    }
    trained = records.values("staff").distinct().count()
    it = records.filter(kind=TrainingKind.OFFICE_IT)
    return TrainingFigures(
        year=as_of.year,
        as_of=as_of,
        serving=serving_staff(community=community, as_of=as_of).count(),
        days=sum(by_kind.values(), Decimal("0")),
        trained=trained,
        it_trained=it.values("staff").distinct().count(),
        it_certified=it.filter(certificate_obtained=True).values("staff").distinct().count(),
        days_by_kind=by_kind,
    )


@dataclass(frozen=True)
class StaffTrainingRow:
    staff: Staff
    days_by_kind: dict[str, Decimal]
    records: int

    @property
    def total(self) -> Decimal:
        return sum(self.days_by_kind.values(), Decimal("0"))

    def kinds(self) -> list[Decimal]:
        return [self.days_by_kind.get(kind, Decimal("0")) for kind in TrainingKind.values]


def training_days_by_staff(*, community, year: int, staff_ids=None) -> list[StaffTrainingRow]:
    """培训天数 per staff member in ``year`` (records begun that year), by kind, for everyone who trained; in the
    order of the staff list. ``staff_ids`` narrows it to those staff."""
    records = TrainingRecord.objects.filter(community=community, start_on__year=year)
    if staff_ids is not None:
        records = records.filter(staff_id__in=staff_ids)
    days: dict[int, dict[str, Decimal]] = defaultdict(dict)
    counts: dict[int, int] = defaultdict(int)
    for row in records.order_by().values("staff", "kind").annotate(days=Sum("days"), n=_count()):
        days[row["staff"]][row["kind"]] = row["days"]
        counts[row["staff"]] += row["n"]
    staff = Staff.objects.filter(pk__in=days).order_by("left_on", "name", "pk")
    return [StaffTrainingRow(member, days[member.pk], counts[member.pk]) for member in staff]


@dataclass(frozen=True)
class BodyComposition:
    body: str  # Body value
    label: str
    posts: list[tuple[str, list[CommitteePost]]]  # (post label, terms), in rank order, empty posts included

    @property
    def members(self) -> int:
        return len({term.staff_id for _, terms in self.posts for term in terms})


def committee_composition(*, community, on: datetime.date) -> list[BodyComposition]:
    """The 两委 on ``on``: for the party committee and the residents' committee, each post in rank order with
    the terms that cover ``on`` (who, since when, until when)."""
    terms = list(
        CommitteePost.objects.filter(community=community)
        .active_on(on)
        .select_related("staff")
        .order_by("start_on", "staff__name", "pk")
    )
    result = []
    for body in Body:
        posts = [
            (post.label, [term for term in terms if term.body == body and term.post == post])
            for post in BODY_POSTS[body]
        ]
        result.append(BodyComposition(body=body.value, label=body.label, posts=posts))
    return result


@dataclass(frozen=True)
class Turnout:
    election: Election | None

    @property
    def rate(self) -> float | None:
        return self.election.turnout if self.election is not None else None

    @property
    def display(self) -> str:
        return format_rate(self.rate)


def election_turnout(*, community, as_of: datetime.date, kind: str = ElectionKind.COMMITTEE) -> Turnout:
    """参选率 of the latest election of ``kind`` held on or before ``as_of`` (default: the 居委会换届)."""
    election = Election.objects.filter(community=community, kind=kind, date__lte=as_of).order_by("-date", "-pk").first()
    return Turnout(election)


@dataclass(frozen=True)
class StaffFigures:
    """Everything the reports read of the staff area for one community on one day."""

    composition: StaffComposition
    training: TrainingFigures
    committee: list[BodyComposition]
    turnout: Turnout


def staff_figures(*, community, as_of: datetime.date) -> StaffFigures:
    return StaffFigures(
        composition=staff_composition(community=community, as_of=as_of),
        training=training_figures(community=community, as_of=as_of),
        committee=committee_composition(community=community, on=as_of),
        turnout=election_turnout(community=community, as_of=as_of),
    )


#
# Work attendance (考勤)
#


def attendance_staff(*, community, day: datetime.date) -> QuerySet:
    """The staff a day's 考勤 lists: serving that day and full-time or holding a 两委 post then (part-time
    小组长 and 小组干部 keep no office hours)."""
    posts = CommitteePost.objects.filter(staff=OuterRef("pk")).active_on(day)
    return (
        serving_staff(community=community, as_of=day)
        .filter(Q(full_time=True) | Q(Exists(posts)))
        .order_by("name", "pk")
    )


@dataclass(frozen=True)
class AttendanceRow:
    staff: Staff
    cells: list  # one per day of the month: the WorkAttendance of that day, or None (not recorded)
    counts: dict[str, int]

    @property
    def absent(self) -> int:
        """无故不上班 days."""
        return self.counts.get(AttendanceStatus.ABSENT, 0)


@dataclass(frozen=True)
class AttendanceMonth:
    year: int
    month: int
    days: list[datetime.date]
    rows: list[AttendanceRow]

    @property
    def absent_days(self) -> int:
        return sum(row.absent for row in self.rows)


def attendance_month(*, community, year: int, month: int, records: QuerySet | None = None) -> AttendanceMonth:
    """The 考勤 of a month as a table: a row per staff member who was on the daily list on some day of the month or
    has a record in it, a cell per day. ``records`` (already scoped) narrows the records shown."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    if records is None:
        records = WorkAttendance.objects.filter(community=community)
    records = list(records.filter(community=community).in_month(year, month).select_related("staff"))
    posts = CommitteePost.objects.filter(staff=OuterRef("pk"), start_on__lte=last).exclude(end_on__lte=first)
    listed = (
        Staff.objects.filter(community=community, joined_on__lte=last)
        .exclude(left_on__lte=first)
        .filter(Q(full_time=True) | Q(Exists(posts)))
    )
    staff = {member.pk: member for member in listed}
    for record in records:
        staff.setdefault(record.staff_id, record.staff)
    by_cell = {(record.staff_id, record.date): record for record in records}
    rows = []
    for member in sorted(staff.values(), key=lambda member: (member.name, member.pk)):
        cells = [by_cell.get((member.pk, day)) for day in days]
        counts: dict[str, int] = defaultdict(int)
        for cell in cells:
            if cell is not None:
                counts[cell.status] += 1
        rows.append(AttendanceRow(member, cells, dict(counts)))
    return AttendanceMonth(year, month, days, rows)
