from celery import shared_task

from governance.services import sessions_purge_expired


@shared_task
def purge_expired_sessions_task() -> int:
    """Nightly: drop expired sessions, as ``manage.py clearsessions`` would."""
    return sessions_purge_expired()
