"""Figures of the meetings (issue 5 item 11; domain.md §3.1 DZ02–DZ04, DZ11, DZ12, BZ03): pure reads.

Definitions:

* **held** (召开): a meeting whose status is 已召开 or 已结束 (one still 筹备 was not held), counted in the
  year of its date;
* **expected** (应到): the meeting's expected attendees (应到人员), each counted once per meeting;
* **attended** (实到) = 出席 + 迟到 + 早退: they came, late or leaving early. 请假 counts as not attending
  (expected, absent with leave), like 缺席; a 特殊情况 does not change attendance, only the fine; a line
  without a status yet counts as not attending;
* **出席率 of a meeting** = attended / expected; ``None`` when nobody is expected (shown "—");
* **出席率 of a year and kind** = Σ attended / Σ expected over the **closed** (已结束) meetings of that kind
  and year: only their attendance is final;
* **居民代表大会 of the year**: the number held, and two rates over its closed ones: of all expected attendees,
  and of the attendees expected as 居民代表 only (居民代表出席率, DZ03);
* **work reports** (向居民代表大会报告工作, DZ11) and **public reviews** (接受群众评议和监督, DZ12): held
  meetings of the year with that flag;
* **党员议事会 per quarter** (BZ03): held 党员议事会 per quarter of the year (1–4), zeros included.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from committee.models.meetings import (
    PRESENT_MARKS,
    AttendanceMark,
    AttendeeCapacity,
    Meeting,
    MeetingAttendance,
    MeetingKind,
    MeetingStatus,
)


def rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def format_rate(value: float | None) -> str:
    """A rate as the reports print it: "100%", "92.3%"; "—" when there is none."""
    if value is None:
        return "—"
    return f"{round(value * 100, 1):g}%"


@dataclass(frozen=True)
class AttendanceFigures:
    """Counts of one meeting's (or a set of meetings') expected attendees by status."""

    expected: int = 0
    present: int = 0
    late: int = 0
    early: int = 0
    leave: int = 0
    absent: int = 0
    unmarked: int = 0
    exempt: int = 0

    @property
    def attended(self) -> int:
        """实到 = 出席 + 迟到 + 早退."""
        return self.present + self.late + self.early

    @property
    def rate(self) -> float | None:
        """出席率 = 实到 / 应到."""
        return rate(self.attended, self.expected)

    @property
    def rate_display(self) -> str:
        return format_rate(self.rate)


def _counts(lines) -> AttendanceFigures:
    row = lines.aggregate(
        expected=Count("pk"),
        present=Count("pk", filter=Q(status=AttendanceMark.PRESENT)),
        late=Count("pk", filter=Q(status=AttendanceMark.LATE)),
        early=Count("pk", filter=Q(status=AttendanceMark.EARLY)),
        leave=Count("pk", filter=Q(status=AttendanceMark.LEAVE)),
        absent=Count("pk", filter=Q(status=AttendanceMark.ABSENT)),
        unmarked=Count("pk", filter=Q(status="")),
        exempt=Count("pk", filter=Q(exempt=True)),
    )
    return AttendanceFigures(**row)


def meeting_attendance(meeting: Meeting) -> AttendanceFigures:
    """The attendance of one meeting (one query)."""
    return _counts(MeetingAttendance.objects.filter(meeting=meeting))


def meetings_by_kind(*, community, year: int) -> dict[str, int]:
    """Meetings held in ``year`` per kind (every kind, in the order of ``MeetingKind``, zeros included)."""
    counted = dict(
        Meeting.objects.filter(community=community)
        .held()
        .in_year(year)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {kind: counted.get(kind, 0) for kind in MeetingKind.values}


@dataclass(frozen=True)
class KindAttendance:
    kind: str
    held: int  # meetings held in the year
    closed: int  # of which closed: their attendance is what the rate counts
    expected: int
    attended: int

    @property
    def label(self) -> str:
        return MeetingKind(self.kind).label

    @property
    def rate(self) -> float | None:
        return rate(self.attended, self.expected)

    @property
    def rate_display(self) -> str:
        return format_rate(self.rate)


def attendance_by_kind(*, community, year: int) -> dict[str, KindAttendance]:
    """Per kind of meeting held in ``year`` (kinds without a meeting left out): meetings held, closed, and the
    attendance of the closed ones (Σ expected, Σ attended, their 出席率). Two queries."""
    held = meetings_by_kind(community=community, year=year)
    lines = (
        MeetingAttendance.objects.filter(
            meeting__community=community, meeting__date__year=year, meeting__status=MeetingStatus.CLOSED
        )
        .values_list("meeting__kind")
        .annotate(
            expected=Count("pk"),
            attended=Count("pk", filter=Q(status__in=PRESENT_MARKS)),
        )
        .order_by()
    )
    closed = {kind: (expected, attended) for kind, expected, attended in lines}
    closed_counts = dict(
        Meeting.objects.filter(community=community, date__year=year, status=MeetingStatus.CLOSED)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        kind: KindAttendance(
            kind=kind,
            held=count,
            closed=closed_counts.get(kind, 0),
            expected=closed.get(kind, (0, 0))[0],
            attended=closed.get(kind, (0, 0))[1],
        )
        for kind, count in held.items()
        if count
    }


@dataclass(frozen=True)
class AssemblyFigures:
    """居民代表大会 of a year (DZ02, DZ03)."""

    held: int
    closed: int
    expected: int
    attended: int
    representatives_expected: int
    representatives_attended: int

    @property
    def rate(self) -> float | None:
        """出席率 of every expected attendee of the closed assemblies."""
        return rate(self.attended, self.expected)

    @property
    def representatives_rate(self) -> float | None:
        """居民代表出席率: the attendees expected as 居民代表 only."""
        return rate(self.representatives_attended, self.representatives_expected)

    @property
    def rate_display(self) -> str:
        return format_rate(self.rate)

    @property
    def representatives_rate_display(self) -> str:
        return format_rate(self.representatives_rate)


def representative_assembly_figures(*, community, year: int) -> AssemblyFigures:
    """How many 居民代表大会 were held in ``year``, and the 出席率 of the closed ones."""
    meetings = Meeting.objects.filter(community=community, kind=MeetingKind.REPRESENTATIVE_ASSEMBLY).in_year(year)
    counts = meetings.aggregate(
        held=Count("pk", filter=Q(status__in=(MeetingStatus.HELD, MeetingStatus.CLOSED))),
        closed=Count("pk", filter=Q(status=MeetingStatus.CLOSED)),
    )
    representative = Q(capacity=AttendeeCapacity.REPRESENTATIVE)
    attended = Q(status__in=PRESENT_MARKS)
    lines = MeetingAttendance.objects.filter(meeting__in=meetings.filter(status=MeetingStatus.CLOSED)).aggregate(
        expected=Count("pk"),
        attended=Count("pk", filter=attended),
        representatives_expected=Count("pk", filter=representative),
        representatives_attended=Count("pk", filter=representative & attended),
    )
    return AssemblyFigures(**counts, **lines)


def work_reports_and_reviews(*, community, year: int) -> tuple[int, int]:
    """(work reports to the 居民代表大会, public reviews): held meetings of ``year`` with each flag."""
    row = (
        Meeting.objects.filter(community=community)
        .held()
        .in_year(year)
        .aggregate(
            reports=Count("pk", filter=Q(is_work_report=True)),
            reviews=Count("pk", filter=Q(is_public_review=True)),
        )
    )
    return row["reports"], row["reviews"]


def party_councils_by_quarter(*, community, year: int) -> dict[int, int]:
    """党员议事会 held per quarter of ``year`` (「党支部每季度召开党员议事会1次」): {1: n, 2: n, 3: n, 4: n}."""
    dates = (
        Meeting.objects.filter(community=community, kind=MeetingKind.PARTY_COUNCIL)
        .held()
        .in_year(year)
        .values_list("date", flat=True)
    )
    quarters = dict.fromkeys(range(1, 5), 0)
    for day in dates:
        quarters[(day.month - 1) // 3 + 1] += 1
    return quarters


@dataclass(frozen=True)
class MeetingYear:
    """Every meeting figure of a community's year, for the figures page and the reports."""

    year: int
    by_kind: dict[str, KindAttendance] = field(default_factory=dict)
    assembly: AssemblyFigures | None = None
    work_reports: int = 0
    public_reviews: int = 0
    party_councils: dict[int, int] = field(default_factory=dict)

    @property
    def held(self) -> int:
        return sum(kind.held for kind in self.by_kind.values())

    @property
    def party_council_quarters_met(self) -> int:
        """Quarters with at least one 党员议事会 (the seed's target is all four)."""
        return sum(1 for count in self.party_councils.values() if count)


def meeting_year(*, community, year: int) -> MeetingYear:
    reports, reviews = work_reports_and_reviews(community=community, year=year)
    return MeetingYear(
        year=year,
        by_kind=attendance_by_kind(community=community, year=year),
        assembly=representative_assembly_figures(community=community, year=year),
        work_reports=reports,
        public_reviews=reviews,
        party_councils=party_councils_by_quarter(community=community, year=year),
    )
