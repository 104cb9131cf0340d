import re

import pytest

from governance.demo import DEMO_PASSWORD, SEED_GROUPS, seed_organisation
from governance.models import ResidentGroup

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_worker_logs_in_sees_the_eight_groups_and_cannot_open_the_neighbours(live_server, page, tmp_path):
    seed_organisation()
    neighbours_group = ResidentGroup.objects.get(community__code="duomu", name="朵亩")

    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill("gongzuo")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.wait_for_url(re.compile(r"/communities/\d+/$"))
    assert page.locator("h1").first.inner_text().startswith("箐口居委会")
    rows = page.locator("#groups tbody tr td:nth-child(2)")
    assert rows.all_inner_texts() == SEED_GROUPS
    page.screenshot(path=tmp_path / "overview.png", full_page=True)

    response = page.goto(f"{live_server.url}{neighbours_group.get_absolute_url()}")
    assert response.status == 404
    assert "页面不存在" in page.content()
