import re

import pytest
from django.utils import timezone

from governance.demo import DEMO_PASSWORD, seed_organisation
from tests.factories import make_id_number

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def figure(page, key: str) -> int:
    text = page.locator(f'#population-structure [data-figure="{key}"] .fs-5').inner_text()
    return int(re.match(r"\d+", text).group())


def test_worker_registers_a_household_of_three_records_a_birth_and_sees_the_figures_change(live_server, page, tmp_path):
    import datetime

    seed_organisation()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("gongzuo")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/communities/\d+/$"))
    overview = page.url
    assert figure(page, "people") == 0

    # 立户
    page.get_by_role("link", name="户籍台账").click()
    page.get_by_role("link", name="新建户").click()
    page.fill("#id_number", "0101")
    page.select_option("#id_group", label="寨子")
    page.fill("#id_address", "寨子村18号")
    page.fill("#id_established_on", "2024-01-01")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/households/\d+/$"))
    household_url = page.url

    members = [
        ("杨正华", datetime.date(1970, 4, 12), "M", "户主", "彝族"),
        ("普秀兰", datetime.date(1972, 9, 3), "F", "配偶", "彝族"),
        ("杨春梅", datetime.date(1998, 2, 20), "F", "女", "彝族"),
    ]
    for sequence, (name, birth, sex, relation, ethnicity) in enumerate(members, start=1):
        page.goto(household_url)
        page.get_by_role("link", name="增加成员").click()
        page.fill("#id_on", "2024-01-01")
        page.fill("#id_name", name)
        page.fill("#id_id_number", make_id_number(birth, sex, sequence))
        page.select_option("#id_relation", label=relation)
        page.select_option("#id_ethnicity", label=ethnicity)
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(re.compile(r"/residents/\d+/$"))

    page.goto(household_url)
    assert page.locator("#members tbody tr").count() == 3

    page.get_by_role("link", name="登记出生").click()
    page.fill("#id_name", "杨小雨")
    page.select_option("#id_sex", label="女")
    page.fill("#id_birth_date", timezone.localdate().isoformat())
    page.select_option("#id_ethnicity", label="彝族")
    page.select_option("#id_relation", label="孙子女")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/residents/\d+/$"))

    page.goto(overview)
    assert figure(page, "people") == 4
    assert figure(page, "households") == 1
    assert figure(page, "minority") == 4
    assert figure(page, "under_18") == 1
    assert figure(page, "female") == 3
    page.screenshot(path=tmp_path / "overview.png", full_page=True)
