from celery import shared_task

from governance.services import excel_uploads_purge, sessions_purge_expired


@shared_task
def purge_expired_sessions_task() -> int:
    """Nightly: drop expired sessions, as ``manage.py clearsessions`` would."""
    return sessions_purge_expired()


@shared_task
def purge_excel_uploads_task() -> int:
    """Nightly: drop import files left between preview and confirm for more than a day."""
    return excel_uploads_purge()
