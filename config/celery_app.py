import os
from uuid import uuid4

from celery import Celery
from celery.contrib.django.task import DjangoTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


class AfterCommitTask(DjangoTask):
    """A task that is sent only when the surrounding database transaction commits.

    A task sent inside a transaction would reach the worker before the rows it needs exist
    (or after they were rolled back). Deferring here, once for every task, means no caller
    can forget; unlike Celery's ``delay_on_commit`` the caller still gets a result handle.
    """

    abstract = True

    def apply_async(self, args=None, kwargs=None, task_id=None, producer=None, link=None, link_error=None, **options):
        from django.db import transaction

        if not transaction.get_connection().in_atomic_block:
            return super().apply_async(args, kwargs, task_id, producer, link, link_error, **options)
        task_id = task_id or str(uuid4())
        transaction.on_commit(
            lambda: super(AfterCommitTask, self).apply_async(
                args, kwargs, task_id, producer, link, link_error, **options
            )
        )
        return self.AsyncResult(task_id)


app = Celery("linli", task_cls=AfterCommitTask)
# All Celery settings live in Django settings under the CELERY_ prefix.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
