import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.8")


def test_login_page_is_in_chinese(client):
    page = client.get(reverse("login")).content.decode()
    assert "用户名" in page
    assert "密码" in page


def test_staff_logs_in_and_lands_on_their_community(world, client):
    response = login(client, "gongzuo", TEST_PASSWORD)
    assert response.status_code == 302
    assert client.get(response.url, follow=True).request["PATH_INFO"] == world.community.get_absolute_url()


def test_five_failed_logins_lock_the_account_for_fifteen_minutes(world, client):
    for _ in range(4):
        assert login(client, "gongzuo", "wrong-password").status_code == 200
    assert login(client, "gongzuo", "wrong-password").status_code == 429  # the fifth failure locks

    response = login(client, "gongzuo", TEST_PASSWORD)

    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_failure_below_the_limit_still_lets_the_right_password_in(world, client):
    for _ in range(4):
        login(client, "gongzuo", "wrong-password")
    assert login(client, "gongzuo", TEST_PASSWORD).status_code == 302


def test_sessions_expire_after_eight_idle_hours(world, client):
    login(client, "gongzuo", TEST_PASSWORD)
    assert client.session.get_expiry_age() == 8 * 60 * 60
    # Every request pushes the expiry forward, so it is idle time that counts.
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    response = client.get(world.community.get_absolute_url())
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60


def test_logout_needs_a_post_and_ends_the_session(world, client):
    login(client, "gongzuo", TEST_PASSWORD)
    client.post(reverse("logout"))
    assert client.get(reverse("governance:home")).status_code == 302
    assert "_auth_user_id" not in client.session
