"""Demo duty rosters (值班表) for ``seed_demo``.

Seed 000: 「严格24小时值班制度…对于无故脱岗一小时以上的值班人员进行50元的处罚,带班领导负有主要责任」; seed 003:
「每天有2个以上社区干部…值班」. 箐口 gets the weekly rosters of November 2026 (2–8, 9–15, 16–22 published,
23–29 a draft): each day a day shift 08:00–20:00 at the 为民服务站 (two cadres) and a night shift 20:00–次日08:00
in the 值班室 (one cadre), each with one 带班领导 (书记 or 治保主任, alternating) — 24 hours covered by five people a
day from the demo's eight staff accounts (enough: no account is added; a smaller set rotates the same way).
The first week opens with a 00:00–08:00 shift (the night carried over from October); on 11-12 the day
shift starts at 08:30, the one gap (08:00–08:30) the roster page flags. A few handover notes, and two
absences: 11-10 excused (1 h, 街道紧急会议), 11-17 unexcused 1.5 h → 50元. 朵亩, with one worker account,
gets a draft week of day shifts only (flagged short of cadres).

Rosters are prepared by the community's 书记 (朵亩: its worker), absences recorded by the 社区工作者, as on a real
day. Idempotent: a community that already has a roster is skipped.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from governance.models import Community, User
from services.models.duty import DutyAbsence, DutyHandover, DutyLocation, DutyRoster, DutyShift, PeriodKind
from services.models.windows import ServiceWindow
from services.services.duty import absence_save, handover_add, roster_publish, roster_save, shift_save

TZ = ZoneInfo("Asia/Shanghai")
D = datetime.date
WEEKS = [(D(2026, 11, 2), True), (D(2026, 11, 9), True), (D(2026, 11, 16), True), (D(2026, 11, 23), False)]
LEADERS = ("shuji", "zhibao")
DAY_STAFF = ("gongzuo", "wangge", "wangge2", "wangge3", "wangge4", "shenji")
NIGHT_STAFF = ("wangge4", "gongzuo", "wangge3", "wangge", "shenji", "wangge2")
LATE_START_DAY = D(2026, 11, 12)
HANDOVERS = {
    D(2026, 11, 16): ("接待来访群众4人,2件当场答复,1件低保咨询已转社会事务窗口,1件邻里噪音纠纷已登记。", ""),
    D(2026, 11, 17): (
        "夜间巡查两遍,各组路灯正常;凌晨1时接群众电话反映三组水管漏水,已通知水管员。",
        "三组水管漏水待明日修复。",
    ),
    D(2026, 11, 18): ("三组水管已修复;值班室已打扫卫生。", ""),
    D(2026, 11, 19): ("接待办事群众6人,均已办结。值班期间无异常情况。", ""),
}


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _t(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)


def _seed_qingkou(community: Community) -> None:
    staff = {user.username: user for user in User.objects.filter(community=community, is_active=True)}
    leaders = [staff[name] for name in LEADERS if name in staff]
    day_staff = [staff[name] for name in DAY_STAFF if name in staff]
    night_staff = [staff[name] for name in NIGHT_STAFF if name in staff]
    if not leaders or len(day_staff) < 2 or "shuji" not in staff or "gongzuo" not in staff:
        return
    head, worker = staff["shuji"], staff["gongzuo"]
    window = ServiceWindow.objects.filter(community=community, is_active=True).order_by("order").first()
    shifts_by_day: dict[datetime.date, tuple[DutyShift, DutyShift]] = {}
    n = 0
    for week, (monday, publish) in enumerate(WEEKS, start=1):
        roster = roster_save(
            actor=head,
            roster=DutyRoster(
                community=community,
                title=f"2026年11月第{week}周值班表",
                period_kind=PeriodKind.WEEK,
                start_on=monday,
                end_on=monday + datetime.timedelta(days=6),
                note="严格执行24小时值班制度,交接班须填写记录。",
            ),
        )
        for offset in range(7):
            day = monday + datetime.timedelta(days=offset)
            if week == 1 and offset == 0:
                shift_save(
                    actor=head,
                    shift=DutyShift(
                        roster=roster, date=day, start=_t(0), end=_t(8), location=DutyLocation.DUTY_ROOM,
                        leader=leaders[-1], note="接十月最后一班夜班。",
                    ),
                    staff=[night_staff[-1]],
                )  # fmt: skip
            day_leader = leaders[n % len(leaders)]
            night_leader = leaders[(n + 1) % len(leaders)]
            pair = [day_staff[n % len(day_staff)], day_staff[(n + 1) % len(day_staff)]]
            day_shift = shift_save(
                actor=head,
                shift=DutyShift(
                    roster=roster,
                    date=day,
                    start=_t(8, 30) if day == LATE_START_DAY else _t(8),
                    end=_t(20),
                    location=DutyLocation.SERVICE_STATION,
                    window=window,
                    leader=day_leader,
                    cleaning_done=day < D(2026, 11, 20),
                ),
                staff=pair,
            )
            night_shift = shift_save(
                actor=head,
                shift=DutyShift(
                    roster=roster, date=day, start=_t(20), end=_t(8), location=DutyLocation.DUTY_ROOM,
                    leader=night_leader,
                ),
                staff=[night_staff[n % len(night_staff)]],
            )  # fmt: skip
            shifts_by_day[day] = (day_shift, night_shift)
            n += 1
        if publish:
            # Published on the Friday afternoon before its week.
            roster_publish(actor=head, roster=roster, at=_at(monday - datetime.timedelta(days=3), 17))

    for day, (content, issues) in HANDOVERS.items():
        day_shift = shifts_by_day[day][0]
        writer = day_shift.staff.order_by("pk").first()
        handover_add(
            actor=worker,
            handover=DutyHandover(
                shift=day_shift, written_by=writer, at=_at(day, 20), content=content, open_issues=issues
            ),
        )

    excused_shift = shifts_by_day[D(2026, 11, 10)][0]
    absence_save(
        actor=worker,
        absence=DutyAbsence(
            shift=excused_shift,
            staff=excused_shift.staff.order_by("pk").first(),
            left_at=_at(D(2026, 11, 10), 9, 30),
            returned_at=_at(D(2026, 11, 10), 10, 30),
            excused=True,
            reason="经带班领导同意,参加街道紧急会议。",
        ),
    )
    fined_shift = shifts_by_day[D(2026, 11, 17)][0]
    absence_save(
        actor=worker,
        absence=DutyAbsence(
            shift=fined_shift,
            staff=fined_shift.staff.order_by("-pk").first(),
            left_at=_at(D(2026, 11, 17), 14),
            returned_at=_at(D(2026, 11, 17), 15, 30),
            excused=False,
            note="未请假离开服务站处理私事,经查属无故脱岗。",
        ),
    )


def _seed_duomu(community: Community) -> None:
    worker = User.objects.filter(community=community, username="duomu").first()
    if worker is None:
        return
    monday = D(2026, 11, 16)
    roster = roster_save(
        actor=worker,
        roster=DutyRoster(
            community=community,
            title="2026年11月第3周值班表",
            start_on=monday,
            end_on=monday + datetime.timedelta(days=6),
            note="夜间值班人员待定。",
        ),
    )
    for offset in range(5):
        shift_save(
            actor=worker,
            shift=DutyShift(
                roster=roster,
                date=monday + datetime.timedelta(days=offset),
                start=_t(8, 30),
                end=_t(18),
                location=DutyLocation.SERVICE_STATION,
                leader=worker,
            ),
            staff=[worker],
        )


def seed(demo: dict) -> None:
    qingkou = demo["qingkou"]
    if not DutyRoster.objects.filter(community=qingkou).exists():
        _seed_qingkou(qingkou)
    duomu = demo.get("duomu")
    if duomu is not None and not DutyRoster.objects.filter(community=duomu).exists():
        _seed_duomu(duomu)
