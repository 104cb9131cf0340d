"""/healthz: is the portal able to serve? Database, Redis and a Celery worker, as JSON."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_redis() -> str:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


class NoWorker(RuntimeError):
    """No Celery worker consumes the queue Linli sends its tasks to."""


def _check_worker() -> str:
    """At least one worker consumes the queue our tasks are sent to."""
    from config.celery_app import app

    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    with app.connection_for_write() as connection:
        # Fail fast when the broker is down instead of retrying inside the request.
        connection.ensure_connection(max_retries=1, timeout=1)
        replies = app.control.inspect(timeout=1.0, connection=connection).active_queues() or {}
    workers = [node for node, queues in replies.items() if any(q["name"] == queue for q in queues)]
    if not workers:
        raise NoWorker(queue)
    return f"ok ({len(workers)})"


@never_cache
@require_GET
def healthz(request):
    """200 when every configured dependency answers, 503 otherwise, with the reason per check."""
    checks: dict[str, str] = {}
    healthy = True
    probes = {"database": _check_database}
    if settings.REDIS_URL and not settings.CELERY_TASK_ALWAYS_EAGER:
        probes |= {"redis": _check_redis, "worker": _check_worker}
    else:
        # The zero-config demo has no Redis; tasks run inside the web process.
        checks |= {"redis": "not configured", "worker": "in-process"}
    for name, probe in probes.items():
        try:
            checks[name] = probe()
        except Exception as error:  # any failure of a dependency makes the service unhealthy
            healthy = False
            # The endpoint is public: name the failure, keep hosts and addresses in the log.
            logger.warning("health check %s failed: %s", name, error)
            checks[name] = f"error: {error.__class__.__name__}"
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)
