from celery import shared_task

from governance.services import excel_uploads_purge, import_jobs_purge_abandoned, sessions_purge_expired


@shared_task
def purge_expired_sessions_task() -> int:
    """Nightly: drop expired sessions, as ``manage.py clearsessions`` would."""
    return sessions_purge_expired()


@shared_task
def purge_excel_uploads_task() -> int:
    """Nightly: drop import files left between preview and confirm for more than a day."""
    return excel_uploads_purge()


@shared_task
def purge_abandoned_import_jobs_task() -> int:
    """Nightly: drop background imports nobody confirmed or retried for a month, with their files."""
    return import_jobs_purge_abandoned()


@shared_task
def preview_import_job_task(job_id: int) -> str | None:
    """Background import, step 1: the dry run of the stored file (the job records progress and result)."""
    from governance.models import ImportJob
    from governance.services import import_job_preview

    job = ImportJob.objects.select_related("community", "requested_by").filter(pk=job_id).first()
    if job is None:  # discarded before the worker got to it
        return None
    return import_job_preview(job=job).status


@shared_task
def commit_import_job_task(job_id: int) -> str | None:
    """Background import, step 2: write every row of the confirmed file in one transaction, or none."""
    from governance.models import ImportJob
    from governance.services import import_job_commit

    job = ImportJob.objects.select_related("community", "requested_by", "confirmed_by").filter(pk=job_id).first()
    if job is None:
        return None
    return import_job_commit(job=job).status
