import pytest
from kombu.exceptions import EncodeError
from kombu.serialization import dumps

from config.celery_app import app


def test_tasks_are_sent_as_json_only():
    """Task arguments are ids and plain values: the configured serializer refuses a model instance."""
    assert app.conf.accept_content == ["json"]
    with pytest.raises(EncodeError):
        dumps(object(), serializer=app.conf.task_serializer)
    assert dumps({"actor_id": 7}, serializer=app.conf.task_serializer)[0] == "application/json"
