"""Issue 4's acceptance in a browser (its first half): a worker opens a 代办 case for a resident named by ID
number, logs two steps and closes it with a satisfaction rating; the case then shows as 已办结 and is no
longer in 我的办件's open list."""

import datetime
import re

import pytest

from governance.demo import DEMO_PASSWORD, seed_organisation
from governance.models import Community, User
from households.models import Household
from households.services import household_create
from residents.choices import EventKind, Relation
from residents.models import Person
from residents.services import person_register
from services.models.windows import CaseStatus, Satisfaction, ServiceCase, ServiceItem, ServiceWindow
from services.services.windows import item_save, window_save
from tests.factories import make_id_number

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


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
    return person_register(actor=actor, person=person, on=datetime.date(2020, 1, 1), kind=EventKind.REGISTER)


def test_worker_handles_a_proxy_case_from_receipt_to_a_rated_close(live_server, page, tmp_path):
    seed_organisation()
    admin = User.objects.get(username="admin")
    qingkou = Community.objects.get(code="qingkou")
    group = qingkou.resident_groups.order_by("order").first()
    applicant = resident(admin, qingkou, group, "0401", "李桂芬", datetime.date(1958, 6, 9), "F", 41)
    window = window_save(
        actor=admin,
        window=ServiceWindow(community=qingkou, name="社会事务综合服务窗口", order=3),
        staff=[User.objects.get(username="gongzuo")],
    )
    item_save(
        actor=admin,
        item=ServiceItem(
            window=window,
            name="残疾证办理",
            time_limit_days=20,
            process_steps="窗口受理\n入户核实\n报送区残联\n领证送达",
            required_documents="户口簿\n身份证\n近期免冠照片2张",
        ),
    )

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("gongzuo")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/communities/\d+/$"))

    # 受理: a 代办 case for the resident, named by her ID number.
    page.get_by_role("link", name="办件台账").click()
    page.get_by_role("link", name="新建办件").click()
    page.fill("#id_applicant_person", applicant.id_number)
    page.select_option("#id_item", label="社会事务综合服务窗口 · 残疾证办理(20日内办结)")
    page.fill("#id_summary", "因病致残,申请办理残疾证,由社区代办。")
    page.select_option("#id_channel", label="窗口")
    page.select_option("#id_mode", label="代办")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/services/cases/\d+/$"))
    case_url = page.url
    assert page.locator("#case-status").inner_text() == "已受理"
    assert page.locator("#applicant").get_by_text("李桂芬").is_visible()

    # Two steps of the handling.
    for action, note in (
        ("入户核实", "入户核实残疾情况属实,材料齐全。"),
        ("报送区残联", "代理员将材料报送区残联审核。"),
    ):
        page.get_by_role("link", name="登记办理过程").first.click()
        page.fill("#id_action", action)
        page.fill("#id_note", note)
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(case_url)
    assert page.locator("#case-status").inner_text() == "办理中"
    steps = page.locator("#steps tbody tr")
    assert steps.count() == 3  # 受理 and the two steps
    assert "入户核实" in steps.nth(1).inner_text()
    assert "报送区残联" in steps.nth(2).inner_text()

    # It is on the worker's list of open cases.
    page.get_by_role("link", name="我的办件").click()
    case = ServiceCase.objects.get()
    assert page.locator("#my-open-cases").get_by_role("link", name=case.number).is_visible()

    # 办结 with the applicant's rating.
    page.locator("#my-open-cases").get_by_role("link", name=case.number).click()
    page.wait_for_url(case_url)
    page.get_by_role("link", name="办结").click()
    page.select_option("#id_satisfaction", label="满意")
    page.fill("#id_note", "残疾证已领取并送达本人。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(case_url)
    assert page.locator("#case-status").inner_text() == "已办结"
    assert page.locator("#satisfaction").inner_text() == "满意"
    case.refresh_from_db()
    assert (case.status, case.satisfaction, case.agent.username) == (
        CaseStatus.CLOSED,
        Satisfaction.SATISFIED,
        "gongzuo",
    )

    # No longer among the open cases; listed among the finished ones.
    page.get_by_role("link", name="我的办件").click()
    assert page.locator("#my-open-cases").get_by_role("link", name=case.number).count() == 0
    assert "您名下没有在办的办件。" in page.locator("#my-open-cases").inner_text()
    assert page.locator("#my-finished-cases").get_by_role("link", name=case.number).is_visible()
    page.screenshot(path=tmp_path / "my-cases.png", full_page=True)
