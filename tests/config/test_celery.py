import time
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from governance.tasks import purge_expired_sessions_task

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["note"] = "登录会话"
    store.set_expiry(timezone.now() + expires_in)
    store.save()
    return store.session_key


def test_real_worker_runs_task_against_the_test_database(real_worker):
    expired = [_session(timedelta(days=-1)), _session(timedelta(minutes=-5))]
    live = _session(timedelta(hours=8))

    result = purge_expired_sessions_task.delay()

    assert result.get(timeout=30) == 2
    remaining = set(Session.objects.values_list("session_key", flat=True))
    assert live in remaining
    assert remaining.isdisjoint(expired)


def test_task_sent_inside_a_transaction_waits_for_the_commit(real_worker):
    queue = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    with transaction.atomic():
        _session(timedelta(days=-1))
        result = purge_expired_sessions_task.delay()
        # Nothing reaches the broker before COMMIT, so the worker cannot miss the row.
        assert queue.llen(settings.CELERY_TASK_DEFAULT_QUEUE) == 0
        assert result.id

    # Sent before the commit, the worker would have found no expired session and returned 0.
    assert result.get(timeout=30) == 1


def test_task_sent_inside_a_rolled_back_transaction_is_never_sent(real_worker):
    class Abort(Exception):
        pass

    def send_then_fail():
        with transaction.atomic():
            send_then_fail.result = purge_expired_sessions_task.delay()
            raise Abort

    with pytest.raises(Abort):
        send_then_fail()
    result = send_then_fail.result

    # Had it been sent, the idle worker would have finished it well within this second.
    time.sleep(1)
    assert result.state == "PENDING"
