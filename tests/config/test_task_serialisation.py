import pytest
from kombu.exceptions import EncodeError

from config.celery_app import app
from governance.tasks import purge_expired_sessions_task


def test_task_arguments_must_be_json():
    """Tasks are serialised as JSON: a model instance (or anything else) cannot be passed, only ids."""
    app.conf.task_always_eager = False
    try:
        with pytest.raises(EncodeError):
            # No transaction is open here, so the task is sent at once and encoding fails.
            purge_expired_sessions_task.apply_async(args=[object()])
    finally:
        app.conf.task_always_eager = True
