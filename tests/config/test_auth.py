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


def test_behind_a_proxy_the_lockout_is_per_client_not_per_proxy(world, client, settings):
    """Regression: every client behind the street's proxy shared the proxy's address, so five
    wrong passwords from anyone locked a username for everybody."""
    settings.TRUSTED_PROXY_COUNT = 1

    def attempt(client_ip, password):
        return client.post(
            reverse("login"),
            {"username": "gongzuo", "password": password},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=client_ip,
        )

    for _ in range(5):
        attempt("203.0.113.7", "wrong-password")
    assert attempt("203.0.113.7", TEST_PASSWORD).status_code == 429
    assert attempt("198.51.100.20", TEST_PASSWORD).status_code == 302


def test_the_admin_is_for_superusers_only(world, client):
    world.head.is_staff = True
    world.head.save()
    client.force_login(world.head)
    assert client.get("/admin/").status_code == 302
    client.force_login(world.superuser)
    assert client.get("/admin/").status_code == 200


def test_password_change_needs_login_and_works(world, client):
    assert client.get(reverse("password_change")).status_code == 302
    client.force_login(world.worker)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "qingkou-new-2026!", "new_password2": "qingkou-new-2026!"},
    )
    assert response.url == reverse("password_change_done")
    world.worker.refresh_from_db()
    assert world.worker.check_password("qingkou-new-2026!")
    assert "密码已修改" in client.get(reverse("password_change_done")).content.decode()
