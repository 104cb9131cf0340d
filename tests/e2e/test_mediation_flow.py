"""Issue 6's acceptance in a browser: a mediator opens a 邻里纠纷 between two residents (named by ID
number), records a session, closes it as 调解成功, downloads the agreement PDF (its Chinese text
renders: extracted with pypdf) and finds the case in the month's 矛盾纠纷排查 table."""

import datetime
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from governance.demo import DEMO_PASSWORD, seed_organisation
from governance.models import Community, User
from households.models import Household
from households.services import household_create
from residents.choices import EventKind, Relation
from residents.models import Person
from residents.services import person_register
from safety.models.mediation import CommitteeMember, CommitteeRole, DisputeCase, DisputeStatus
from safety.services.mediation import committee_member_save
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


def test_mediator_settles_a_neighbour_dispute_downloads_the_agreement_and_sees_it_in_the_month_s_table(
    live_server, page, tmp_path
):
    seed_organisation()
    admin = User.objects.get(username="admin")
    qingkou = Community.objects.get(code="qingkou")
    group = qingkou.resident_groups.order_by("order").first()
    applicant = resident(admin, qingkou, group, "0301", "杨正华", datetime.date(1970, 4, 12), "M", 31)
    respondent = resident(admin, qingkou, group, "0302", "普秀兰", datetime.date(1972, 9, 3), "F", 32)
    committee_member_save(
        actor=admin,
        member=CommitteeMember(
            community=qingkou,
            user=User.objects.get(username="zhibao"),
            role=CommitteeRole.DIRECTOR,
            start_on=datetime.date(2024, 3, 1),
        ),
    )
    today = timezone.localdate()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("zhibao")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/communities/\d+/$"))

    # 受理: the parties are named by their ID numbers.
    page.get_by_role("link", name="矛盾纠纷调解").click()
    page.get_by_role("link", name="新建纠纷案件").click()
    page.select_option("#id_kind", label="邻里纠纷")
    page.select_option("#id_group", label=group.name)
    page.select_option("#id_source", label="当事人申请")
    page.fill("#id_received_on", today.isoformat())
    page.fill("#id_summary", "两户因院墙滴水、排水沟堵塞发生争执。")
    page.fill("#id_applicant_person", applicant.id_number)
    page.fill("#id_respondent_person", respondent.id_number)
    page.select_option("#id_mediators", index=0)
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/mediation/disputes/\d+/$"))
    case_url = page.url

    # A sensitive record: the purpose first, once.
    page.fill("#id_purpose", "调解工作")
    page.get_by_role("button", name="继续查阅").click()
    assert page.locator("#case-status").inner_text() == "受理"
    assert page.locator("#parties").get_by_text("杨正华").is_visible()

    # 调解
    page.get_by_role("link", name="登记调解").click()
    page.fill("#id_held_on", today.isoformat())
    page.fill("#id_summary", "分别听取双方陈述,讲解相邻关系的法律规定,双方同意协商解决。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(case_url)
    assert page.locator("#case-status").inner_text() == "调解中"

    # 结案: 调解成功 with the agreed terms.
    page.get_by_role("link", name="结案").click()
    page.select_option("#id_outcome", label="调解成功")
    page.fill("#id_closed_on", today.isoformat())
    page.fill("#id_agreement_terms", "被申请方于一周内加装雨水槽,双方共同疏通排水沟。")
    page.fill("#id_performance", "自行施工,一周内完成。")
    page.fill("#id_signed_on", today.isoformat())
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(case_url)
    assert page.locator("#case-status").inner_text() == "调解成功"
    case = DisputeCase.objects.get()
    assert case.status == DisputeStatus.SUCCESS

    # The agreement: a PDF whose Chinese text is there.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="调解协议书").click()
    download = download_info.value
    path = tmp_path / "agreement.pdf"
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    text = "".join(pdf_page.extract_text() for pdf_page in PdfReader(path).pages)
    for expected in ("人民调解协议书", "杨正华", "普秀兰", "雨水槽", "箐口居委会人民调解委员会"):
        assert expected in text, expected

    # The month's 排查 table includes the case.
    page.get_by_role("link", name="矛盾纠纷排查表").click()
    table = page.locator("#screening")
    assert table.get_by_role("link", name=case.number).is_visible()
    assert "杨正华(申请方)、普秀兰(被申请方)" in table.inner_text()
    assert "调解成功" in table.inner_text()
    page.screenshot(path=tmp_path / "screening.png", full_page=True)
