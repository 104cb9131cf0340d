"""Issue 4's acceptance in a browser (welfare half): a leader (书记) builds a 高龄补贴 batch for everyone aged
80 or more by rule and submits it; another user holding the approval permission (a second head, 主任)
approves it; the Excel signature sheet of that batch lists exactly those people (read with openpyxl)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from openpyxl import load_workbook

from governance import roles
from governance.demo import DEMO_PASSWORD, seed_organisation
from governance.models import Community, User
from households.models import Household
from households.services import household_create
from residents.choices import EventKind, Relation
from residents.models import Person, years_before
from residents.services import person_register
from services.models.welfare import BatchStatus, DistributionBatch, FundingSource, ProgrammeKind, WelfareProgramme
from services.services.welfare import programme_save
from tests.factories import make_id_number

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The approval button, not 提交审批 (an icon glyph may precede the text).
APPROVE = re.compile(r"(^|\s)审批$")


def resident(actor, community, group, number, name, birth, sex, sequence):
    home = household_create(
        actor=actor,
        household=Household(
            community=community,
            group=group,
            number=number,
            address=f"{group.name}村{number}号",
            established_on=datetime.date(2000, 1, 1),
        ),
    )
    person = Person(
        name=name,
        id_number=make_id_number(birth, sex, sequence),
        household=home,
        relation=Relation.HEAD,
        current_address=home.address,
    )
    return person_register(actor=actor, person=person, on=datetime.date(2020, 1, 1), kind=EventKind.REGISTER)


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/communities/\d+/$"))


def test_a_head_builds_an_80_plus_batch_another_head_approves_and_the_sheet_lists_exactly_them(
    live_server, browser, page, tmp_path
):
    seed_organisation()
    admin = User.objects.get(username="admin")
    qingkou = Community.objects.get(code="qingkou")
    group = qingkou.resident_groups.order_by("order").first()
    today = timezone.localdate()
    eighty_today = years_before(today, 80)
    people = [
        ("李春华", datetime.date(1938, 4, 2), "F", 61),
        ("杨德顺", datetime.date(1944, 12, 9), "M", 62),
        ("普正清", eighty_today, "M", 63),  # 80 today
        ("罗桂芬", eighty_today + datetime.timedelta(days=1), "F", 64),  # 80 tomorrow
        ("何永明", datetime.date(1970, 5, 5), "M", 65),
    ]
    for index, (name, birth, sex, sequence) in enumerate(people):
        resident(admin, qingkou, group, f"05{index:02d}", name, birth, sex, sequence)
    expected = {"李春华", "杨德顺", "普正清"}
    programme_save(
        actor=admin,
        programme=WelfareProgramme(
            community=qingkou,
            name="高龄补贴",
            kind=ProgrammeKind.ELDERLY,
            standard_amount=Decimal("50"),
            funding_source=FundingSource.AGEING,
            review_months=0,
        ),
    )
    # A second leader holding the approval permission.
    zhuren = User.objects.create_user(username="zhuren", password=DEMO_PASSWORD, name="主任甲", community=qingkou)
    zhuren.groups.add(Group.objects.get(name=roles.COMMUNITY_HEAD))

    # 书记 builds the batch by rule and submits it.
    log_in(page, live_server, "shuji")
    page.get_by_role("link", name=re.compile(r"(^|\s)发放批次$")).click()  # icons add a glyph to the name
    page.get_by_role("link", name="新建发放批次").click()
    page.fill("#id_title", f"{today:%Y年%m月}高龄补贴")
    page.select_option("#id_programme", label="高龄补贴")
    page.fill("#id_period", f"{today:%Y-%m}")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/welfare/batches/\d+/$"))
    batch_url = page.url
    page.get_by_role("link", name="生成名单").click()
    page.check('input[name="source"][value="rule"]')
    page.fill("#id_min_age", "80")
    page.fill("#id_on", today.isoformat())
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(batch_url)
    assert page.locator("#lines tbody tr").count() == 3
    assert page.locator("#total-amount").inner_text() == "150.00 元"
    page.get_by_role("link", name="提交审批").click()
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(batch_url)
    assert page.locator("#batch-status").inner_text() == "已提交待审批"
    # The preparer is offered no approval.
    assert page.get_by_role("link", name=APPROVE).count() == 0
    page.screenshot(path=tmp_path / "submitted.png", full_page=True)

    # Another leader approves it.
    other = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    approver = other.new_page()
    approver.set_default_timeout(15_000)
    log_in(approver, live_server, "zhuren")
    approver.goto(batch_url)
    approver.get_by_role("link", name=APPROVE).click()
    approver.fill("#id_on", today.isoformat())
    approver.get_by_role("button", name="保存").click()
    approver.wait_for_url(batch_url)
    assert approver.locator("#batch-status").inner_text() == "已审批"
    assert "主任甲" in approver.locator("#approved-by").inner_text()

    # The signature sheet of that batch lists exactly those people.
    with approver.expect_download() as download_info:
        approver.locator("#sheet-download").click()
    path = tmp_path / "sheet.xlsx"
    download_info.value.save_as(path)
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    names_column = rows[0].index("户主/姓名")
    assert {row[names_column] for row in rows[1:]} == expected
    assert len(rows) == 1 + len(expected)
    other.close()

    batch = DistributionBatch.objects.get()
    assert (batch.status, batch.prepared_by.username, batch.approved_by.username) == (
        BatchStatus.APPROVED,
        "shuji",
        "zhuren",
    )
