"""Issue 5's acceptance in a browser: a worker records a 居民代表大会, adds its attendees (the 两委 and other staff,
and every 居民代表 in office), marks two 请假 and one 迟到 (the rest 出席), enters the minutes and closes it; the
meeting page then shows the attendance rate and the fines of the attendees who are cadres, which the ledger lists
(a 居民代表 who is not staff is never fined)."""

import datetime
import re

import pytest

from committee.models.fines import FineRecord
from committee.models.meetings import Meeting, MeetingStatus
from committee.models.staff import (
    Body,
    CommitteePost,
    EmploymentKind,
    Position,
    Post,
    RepresentativeKind,
    ResidentRepresentative,
    Staff,
)
from committee.services.staff import committee_post_add, representative_save, staff_save
from governance.demo import DEMO_PASSWORD, seed_organisation
from governance.models import Community, User
from households.models import Household
from households.services import household_create
from residents.choices import EventKind, Relation
from residents.models import Person
from residents.services import person_register
from tests.factories import make_id_number

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

D = datetime.date


def resident(actor, community, group, number, name, birth, sex, sequence):
    home = household_create(
        actor=actor,
        household=Household(
            community=community, group=group, number=number, address=f"{group.name}村{number}号", established_on=birth
        ),
    )
    person = Person(
        name=name,
        id_number=make_id_number(birth, sex, sequence),
        household=home,
        relation=Relation.HEAD,
        current_address=home.address,
    )
    return person_register(actor=actor, person=person, on=D(2020, 1, 1), kind=EventKind.REGISTER)


def staff(actor, community, name, *, user=None, position=Position.OTHER, posts=()):
    member = staff_save(
        actor=actor,
        staff=Staff(
            community=community,
            name=name,
            user=user,
            position=position,
            employment_kind=EmploymentKind.ELECTED,
            joined_on=D(2020, 1, 1),
        ),
    )
    for body, post in posts:
        committee_post_add(actor=actor, post=CommitteePost(staff=member, body=body, post=post, start_on=D(2024, 3, 1)))
    return member


def test_worker_holds_a_representatives_assembly_closes_it_and_sees_fines_and_attendance(live_server, page, tmp_path):
    seed_organisation()
    admin = User.objects.get(username="admin")
    qingkou = Community.objects.get(code="qingkou")
    group = qingkou.resident_groups.order_by("order").first()
    staff(
        admin, qingkou, "杨建华", user=User.objects.get(username="shuji"),
        posts=[(Body.PARTY, Post.SECRETARY), (Body.RESIDENTS, Post.DIRECTOR)],
    )  # fmt: skip
    staff(admin, qingkou, "李春梅", posts=[(Body.RESIDENTS, Post.DEPUTY_DIRECTOR)])
    staff(admin, qingkou, "王丽", user=User.objects.get(username="gongzuo"), posts=[(Body.RESIDENTS, Post.MEMBER)])
    staff(admin, qingkou, "赵刚", position=Position.WORKER)
    for number, name, sex, sequence in (("0501", "张德明", "M", 51), ("0502", "刘桂英", "F", 52)):
        person = resident(admin, qingkou, group, number, name, D(1965, 3, 8), sex, sequence)
        representative_save(
            actor=admin,
            representative=ResidentRepresentative(
                person=person, kind=RepresentativeKind.REPRESENTATIVE, start_on=D(2024, 3, 8)
            ),
        )

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("gongzuo")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/communities/\d+/$"))

    # Record the meeting.
    page.locator("#sidebar").get_by_role("link", name="会议").click()  # the icon glyph is part of the name
    page.get_by_role("link", name="新建会议").click()
    page.select_option("#id_kind", label="居民代表大会")
    page.fill("#id_title", "2026年第五次居民代表大会")
    page.fill("#id_date", "2026-11-20")
    page.fill("#id_start_time", "09:00")
    page.fill("#id_end_time", "11:30")
    page.fill("#id_venue", "社区党群服务中心会议室")
    page.select_option("#id_chair", label="杨建华(其他工作人员)")
    page.fill("#id_agenda", "一、居委会工作报告\n二、讨论年底慰问困难群众名单")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/committee/meetings/\d+/$"))
    meeting_url = page.url
    assert page.locator("#meeting-status").inner_text().strip() == "筹备"

    # Its expected attendees: the four staff, and every 居民代表 in office.
    page.get_by_role("link", name="添加应到人员").first.click()
    for box in page.locator("input[name=staff]").all():
        box.check()
    page.get_by_label("添加全体在任居民代表").check()
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(meeting_url)
    assert page.locator("#attendance tbody tr").count() == 6

    # Attendance: two 请假, one 迟到, the rest 出席.
    page.get_by_role("link", name="登记出勤").first.click()
    page.get_by_label("李春梅", exact=True).select_option(label="请假")
    page.get_by_label("张德明", exact=True).select_option(label="请假")
    page.get_by_label("王丽", exact=True).select_option(label="迟到")
    page.get_by_role("button", name="未登记的全部记为出席").click()
    assert page.get_by_label("赵刚", exact=True).input_value() == "present"
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(meeting_url)
    assert page.locator("#meeting-status").inner_text().strip() == "已召开"

    # The minutes, then close.
    page.get_by_role("link", name="编辑 / 会议记录").click()
    page.fill("#id_minutes", "听取居委会工作报告;讨论通过年底慰问困难群众名单。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(meeting_url)
    page.get_by_role("link", name="结束会议").click()
    assert "应到6人,实到4人,出席率66.7%" in page.content()
    page.get_by_label("确认结束会议").check()
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(meeting_url)

    # The meeting page: closed, locked, its attendance rate and the fines of the cadres.
    assert "已结束" in page.locator("#meeting-status").inner_text()
    assert page.locator("#attendance-rate").inner_text() == "66.7%"
    assert page.get_by_role("link", name="编辑 / 会议记录").count() == 0
    fines = page.locator("#meeting-fines tbody")
    assert "李春梅" in fines.inner_text()
    assert "20.00" in fines.inner_text()
    assert "王丽" in fines.inner_text()
    assert "10.00" in fines.inner_text()
    assert "张德明" not in fines.inner_text()
    page.screenshot(path=tmp_path / "meeting.png", full_page=True)

    # The ledger lists them.
    page.locator("#sidebar").get_by_role("link", name="罚款台账").click()
    ledger = page.locator("table tbody")
    assert ledger.locator("tr").count() == 2
    text = ledger.inner_text()
    assert "李春梅" in text
    assert "M1 居委会干部开会请假" in text
    assert "20.00" in text
    assert "王丽" in text
    assert "M2 居委会干部开会迟到" in text
    assert "10.00" in text
    assert "张德明" not in text
    assert "当前条件下应缴合计 30.00 元" in page.content()

    meeting = Meeting.objects.get(title="2026年第五次居民代表大会")
    assert (meeting.status, meeting.recorded_by.username, meeting.closed_by.username) == (
        MeetingStatus.CLOSED,
        "gongzuo",
        "gongzuo",
    )
    assert sorted((r.staff.name, str(r.amount)) for r in FineRecord.objects.all()) == [
        ("李春梅", "20.00"),
        ("王丽", "10.00"),
    ]
