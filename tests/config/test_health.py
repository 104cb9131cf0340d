import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_redis_and_worker(client, real_worker):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"] == "ok"
    assert body["checks"]["worker"].startswith("ok")


def test_healthz_is_503_when_redis_is_unreachable(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["redis"] == "error: ConnectionError"
    assert body["checks"]["database"] == "ok"


def test_healthz_is_503_when_no_worker_consumes_our_queue(client, settings, real_worker):
    settings.CELERY_TASK_DEFAULT_QUEUE = "linli-queue-nobody-reads"

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "error: NoWorker"


def test_healthz_in_the_zero_config_demo_needs_only_the_database(client, settings):
    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "not configured", "worker": "in-process"}
