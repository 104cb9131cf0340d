"""Write workflows of the organisation registers. Views, imports and the admin call these;
nothing else saves a register row, so every change has an actor, passes validation and is
re-checked against the actor's scope inside the transaction."""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Callable, Iterable
from functools import partial

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, models, transaction
from django.utils import timezone

from governance.models import Community, ImportJob, ImportJobStage, ImportJobStatus, ResidentGroup, User
from governance.roles import COMMUNITY_ROLE_NAMES, GRID_WORKER
from governance.scoping import ensure_visible_to, scope_of


def actor_community(actor: User) -> Community | None:
    """The community a new record of ``actor`` belongs to: theirs, never one taken from POST data."""
    return actor.community if actor.community_id else None


@transaction.atomic
def register_save(
    *,
    actor: User,
    instance: models.Model,
    m2m: dict[str, Iterable] | None = None,
    reason: str = "",
) -> models.Model:
    """Validate and save one register row as ``actor``, recording who changed it and why."""
    if instance._state.adding and hasattr(instance, "community_id") and instance.community_id is None:
        instance.community = actor_community(actor)
    instance.full_clean()
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.save()
    for field_name, values in (m2m or {}).items():
        getattr(instance, field_name).set(values)
    ensure_visible_to(instance, actor)
    return instance


def _require_perm(actor: User, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDenied("您没有管理工作人员账号的权限。")


def _check_staff_assignment(*, actor: User, community: Community | None, roles: list[Group], groups: list) -> None:
    """What a head may hand out: community roles, and groups of that community that they can see."""
    if community is None:
        if actor.is_superuser:
            return  # a street-level account, managed by superusers only
        raise ValidationError({"community": "请选择账号所属社区。"})
    scope = scope_of(actor)
    if not scope.unrestricted and community.pk not in scope.community_ids:
        raise PermissionDenied("只能管理本社区的工作人员账号。")
    if not actor.is_superuser and any(role.name not in COMMUNITY_ROLE_NAMES for role in roles):
        raise PermissionDenied("社区只能分配社区级角色。")
    visible_groups = set(ResidentGroup.objects.visible_to(actor).filter(community=community))
    if any(group not in visible_groups for group in groups):
        raise ValidationError({"resident_groups": "负责的居民小组必须是本社区、您所管辖的小组。"})
    if any(role.name == GRID_WORKER for role in roles) and not groups:
        raise ValidationError({"resident_groups": "网格员/小组长至少要负责一个居民小组。"})


def _check_manageable(*, actor: User, user: User) -> None:
    """A head manages only accounts no stronger than a community role (never superusers or extra rights)."""
    ensure_visible_to(user, actor)
    if actor.is_superuser:
        return
    stronger = user.user_permissions.exists() or user.groups.exclude(name__in=COMMUNITY_ROLE_NAMES).exists()
    if stronger:
        raise PermissionDenied("该账号的权限超出社区角色,只能由系统管理员管理。")


@transaction.atomic
def staff_account_create(
    *,
    actor: User,
    username: str,
    password: str,
    name: str,
    phone: str = "",
    post: str = "",
    community: Community | None = None,
    roles: Iterable[Group] = (),
    resident_groups: Iterable[ResidentGroup] = (),
) -> User:
    """Create a staff account inside the actor's community (书记/主任 manage their own staff)."""
    _require_perm(actor, "governance.add_user")
    community = actor_community(actor) or community
    roles, resident_groups = list(roles), list(resident_groups)
    _check_staff_assignment(actor=actor, community=community, roles=roles, groups=resident_groups)
    user = User(username=username, name=name, phone=phone, post=post, community=community)
    user.set_password(password)
    return register_save(actor=actor, instance=user, m2m={"groups": roles, "resident_groups": resident_groups})


@transaction.atomic
def staff_account_update(
    *,
    actor: User,
    user: User,
    roles: Iterable[Group],
    resident_groups: Iterable[ResidentGroup],
) -> User:
    """Save the edited fields of ``user`` with its roles and groups; its community never changes here."""
    _require_perm(actor, "governance.change_user")
    _check_manageable(actor=actor, user=user)
    roles, resident_groups = list(roles), list(resident_groups)
    _check_staff_assignment(actor=actor, community=user.community, roles=roles, groups=resident_groups)
    if user.pk == actor.pk and not user.is_active:
        raise ValidationError({"is_active": "不能停用自己的账号。"})
    return register_save(actor=actor, instance=user, m2m={"groups": roles, "resident_groups": resident_groups})


@transaction.atomic
def staff_account_set_password(*, actor: User, user: User, password: str) -> User:
    """Set a new password for a staff account of the actor's community."""
    _require_perm(actor, "governance.change_user")
    _check_manageable(actor=actor, user=user)
    user.set_password(password)
    user._history_user = actor
    user._change_reason = "重置密码"
    user.save(update_fields=["password"])
    return user


def sessions_purge_expired(*, now=None) -> int:
    """Delete expired login sessions (they pile up in the database); returns how many went."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    deleted, _ = Session.objects.filter(expire_date__lt=now or timezone.now()).delete()
    return deleted


def excel_uploads_purge(*, older_than: datetime.timedelta = datetime.timedelta(days=1), now=None) -> int:
    """Delete uploaded import files nobody confirmed or cancelled; returns how many went."""
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from governance.excel import UPLOAD_DIR

    cutoff = (now or timezone.now()) - older_than
    if not default_storage.exists(UPLOAD_DIR):
        return 0
    deleted = 0
    for name in default_storage.listdir(UPLOAD_DIR)[1]:
        path = f"{UPLOAD_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            deleted += 1
    return deleted


#
# Background imports (后台导入): an Excel import run by Celery, with progress (DESIGN §7)
#

logger = logging.getLogger(__name__)

# Job files live under their own folder: ``excel_uploads_purge`` clears only the web flow's files, and a
# job keeps its file until it is done or discarded, so that it can be confirmed or retried days later.
JOB_UPLOAD_DIR = "excel-imports/jobs"
# A worker holds every row of the file in memory (about 4 KB a row for the persons sheet).
JOB_MAX_ROWS = 50_000
JOB_MAX_BYTES = 30 * 1024 * 1024
# What the job keeps to show on its page; the counts are always complete.
JOB_STORED_ERRORS = 1000
JOB_PREVIEW_ROWS = 500


def _import_job_check_actor(*, actor: User, register: str, community: Community) -> type:
    """The register class of ``register`` if ``actor`` may import it into ``community``; else raises."""
    from governance.excel import registry

    try:
        register_class = registry.get(register)
    except KeyError:
        raise ValidationError({"register": "没有这个台账。"}) from None
    if not register_class.importable:
        raise ValidationError({"register": f"{register_class.title}只能导出,不能导入。"})
    if not actor.is_active or not actor.has_perms(register_class.import_permissions()):
        raise PermissionDenied(f"{actor}没有导入{register_class.title}的权限。")
    if not Community.objects.visible_to(actor).filter(pk=community.pk).exists():
        raise PermissionDenied(f"社区「{community}」不在{actor}的管辖范围内。")
    return register_class


def _import_job_check_access(*, actor: User, job: ImportJob) -> None:
    """Whoever acts on a job must see it (same community) and may import its register."""
    if not ImportJob.objects.visible_to(actor).filter(pk=job.pk).exists():
        raise PermissionDenied("该导入任务不在您的管辖范围内。")
    _import_job_check_actor(actor=actor, register=job.register, community=job.community)


def _import_job_set(job: ImportJob, **fields) -> bool:
    """Write ``fields`` to the job's row (an UPDATE, never an INSERT: a discarded job stays deleted)."""
    for name, value in fields.items():
        setattr(job, name, value)
    return ImportJob.objects.filter(pk=job.pk).update(**fields) == 1


def _import_job_enqueue(job: ImportJob) -> None:
    """Send the task of the job's stage once the surrounding transaction commits."""
    from governance.tasks import commit_import_job_task, preview_import_job_task

    task = preview_import_job_task if job.stage == ImportJobStage.PREVIEW else commit_import_job_task
    transaction.on_commit(partial(task.delay, job.pk))


@transaction.atomic
def import_job_create(*, actor: User, register: str, community: Community, uploaded_file) -> ImportJob:
    """Store ``uploaded_file`` and queue its preview as a background import into ``community``."""
    _import_job_check_actor(actor=actor, register=register, community=community)
    if not isinstance(uploaded_file, File):
        uploaded_file = File(uploaded_file, name=getattr(uploaded_file, "name", "") or "import.xlsx")
    file_name = (uploaded_file.name or "").rsplit("/", 1)[-1]
    path = default_storage.save(f"{JOB_UPLOAD_DIR}/{secrets.token_urlsafe(24)}.xlsx", uploaded_file)
    job = ImportJob(
        register=register,
        community=community,
        requested_by=actor,
        file_path=path,
        file_name=file_name[:200],
    )
    try:
        job.full_clean()
        job.save()
    except BaseException:
        default_storage.delete(path)
        raise
    _import_job_enqueue(job)
    return job


def _import_job_claim(job: ImportJob, *, stage: str, running: str) -> bool:
    """Take the job for this run: only a job queued for ``stage`` is taken, so a second delivery of the task
    (the broker redelivers unacknowledged tasks) or a task of a discarded job does nothing. A run whose
    worker died stays 预检中/导入中 until Celery's time limit has passed; then it can be retried."""
    fields = {"status": running, "started_at": timezone.now(), "finished_at": None, "rows_done": 0, "rows_total": 0}
    claimed = ImportJob.objects.filter(pk=job.pk, stage=stage, status=ImportJobStatus.QUEUED).update(**fields)
    if claimed:
        for name, value in fields.items():
            setattr(job, name, value)
    return bool(claimed)


def _import_job_failure(job: ImportJob, error: BaseException) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(error, FileNotFoundError):
        what = "找不到上传的文件(可能已被清理),请恢复文件后重试,或删除本任务后重新上传"
    elif isinstance(error, PermissionDenied):
        what = f"权限不足:{error}" if str(error) else "权限不足或超出管辖范围"
    elif isinstance(error, SoftTimeLimitExceeded):
        what = "运行超时,文件可能太大,请拆分后分批导入"
    elif isinstance(error, DatabaseError):
        what = "数据库出错(数据可能在预检后被他人修改),请重试"
    elif isinstance(error, MemoryError):
        what = "内存不足,请拆分文件后分批导入"
    else:
        what = "系统内部错误,请重试;如仍失败请联系管理员"
    written = ",未写入任何数据" if job.stage == ImportJobStage.COMMIT else ""
    return f"{job.get_stage_display()}失败{written}:{what}。({type(error).__name__})"


def _import_job_progress(job: ImportJob) -> Callable[[int, int], None]:
    def progress(done: int, total: int) -> None:
        _import_job_set(job, rows_done=done, rows_total=total)

    return progress


def _import_job_record(job: ImportJob, report, **fields) -> None:
    """Keep what the job page shows of ``report``: counts, errors by row and column, the rows it changes."""
    from governance.excel import CHANGED, ERROR, NEW, UNCHANGED
    from governance.roles import VIEW_FULL_ID

    errors = [{"row": None, "column": "", "message": message} for message in report.file_errors]
    errors += [{"row": error.row, "column": error.column, "message": error.message} for error in report.errors]
    listed = [row for row in report.rows if row.status in (NEW, CHANGED)]
    counts = report.counts
    fields.setdefault(
        "preview",
        {
            "rows": [
                {
                    "row": row.number,
                    "status": row.status,
                    "label": row.label,
                    "changes": [[change.column, change.old, change.new] for change in row.changes],
                }
                for row in listed[:JOB_PREVIEW_ROWS]
            ],
            "more": max(0, len(listed) - JOB_PREVIEW_ROWS),
            # Labels name people as the actor may see them; viewers without full ID numbers get no labels.
            "full_ids": job.requested_by.has_perm(VIEW_FULL_ID),
        },
    )
    _import_job_set(
        job,
        rows_total=len(report.rows),
        rows_done=len(report.rows),
        new_rows=counts[NEW],
        changed_rows=counts[CHANGED],
        unchanged_rows=counts[UNCHANGED],
        error_rows=counts[ERROR],
        error_total=report.error_count,
        errors=errors[:JOB_STORED_ERRORS],
        warnings=list(report.warnings),
        finished_at=timezone.now(),
        **fields,
    )


def _import_job_run(job: ImportJob, *, actor: User, commit: bool):
    from governance.excel import run_import

    register_class = _import_job_check_actor(actor=actor, register=job.register, community=job.community)
    register = register_class(community=job.community, user=actor)
    with default_storage.open(job.file_path, "rb") as handle:
        return run_import(
            register,
            handle,
            commit=commit,
            actor=actor,
            file_name=job.file_name,
            max_rows=JOB_MAX_ROWS,
            progress=_import_job_progress(job),
        )


def import_job_preview(*, job: ImportJob) -> ImportJob:
    """The dry run of a queued job, as its uploader: 预检中 → 待确认 (with or without errors) or 失败.

    Not atomic on purpose: progress is written as the rows are checked, for the job page to read."""
    if not _import_job_claim(job, stage=ImportJobStage.PREVIEW, running=ImportJobStatus.PREVIEWING):
        return job
    try:
        report = _import_job_run(job, actor=job.requested_by, commit=False)
    except Exception as error:
        logger.exception("import job %s: preview failed", job.pk)
        _import_job_set(
            job,
            status=ImportJobStatus.FAILED,
            failure_reason=_import_job_failure(job, error),
            finished_at=timezone.now(),
        )
        return job
    _import_job_record(job, report, status=ImportJobStatus.READY, failure_reason="")
    return job


def import_job_commit(*, job: ImportJob) -> ImportJob:
    """The import of a confirmed job, as whoever confirmed it: 导入中 → 已完成, or 失败.

    The engine checks every row again against the current data and writes all of them in one
    transaction, or none: if rows went bad since the preview the job stops at 待确认 with those errors."""
    if not _import_job_claim(job, stage=ImportJobStage.COMMIT, running=ImportJobStatus.IMPORTING):
        return job
    try:
        report = _import_job_run(job, actor=job.confirmed_by or job.requested_by, commit=True)
    except Exception as error:
        logger.exception("import job %s: import failed", job.pk)
        _import_job_set(
            job,
            status=ImportJobStatus.FAILED,
            failure_reason=_import_job_failure(job, error),
            finished_at=timezone.now(),
        )
        return job
    if not report.committed:
        _import_job_record(job, report, status=ImportJobStatus.READY, failure_reason="", preview=job.preview)
        return job
    _import_job_record(job, report, status=ImportJobStatus.DONE, failure_reason="", preview=job.preview)
    default_storage.delete(job.file_path)
    return job


@transaction.atomic
def import_job_confirm(*, actor: User, job: ImportJob) -> ImportJob:
    """Confirm a job whose preview found no error: its import is queued, to run as ``actor``."""
    _import_job_check_access(actor=actor, job=job)
    confirmed = ImportJob.objects.filter(
        pk=job.pk, stage=ImportJobStage.PREVIEW, status=ImportJobStatus.READY, error_total=0
    ).update(stage=ImportJobStage.COMMIT, status=ImportJobStatus.QUEUED, confirmed_by=actor, rows_done=0)
    if not confirmed:
        raise ValidationError("只有预检无误、等待确认的导入任务才能确认导入。")
    job.refresh_from_db()
    _import_job_enqueue(job)
    return job


def _import_job_stale() -> models.Q:
    return models.Q(
        status__in=[ImportJobStatus.PREVIEWING, ImportJobStatus.IMPORTING], started_at__lt=ImportJob.stale_before()
    )


@transaction.atomic
def import_job_retry(*, actor: User, job: ImportJob) -> ImportJob:
    """Queue a failed job again from the stage it failed in (a failed import runs as ``actor`` now); also a
    job whose worker died mid-run (``ImportJob.is_stale``)."""
    _import_job_check_access(actor=actor, job=job)
    if not default_storage.exists(job.file_path):
        raise ValidationError("上传的文件已不存在,无法重试;请删除本任务后重新上传。")
    fields = {"status": ImportJobStatus.QUEUED, "failure_reason": "", "rows_done": 0, "finished_at": None}
    if job.stage == ImportJobStage.COMMIT:
        fields["confirmed_by"] = actor
    retryable = models.Q(status=ImportJobStatus.FAILED) | _import_job_stale()
    if not ImportJob.objects.filter(retryable, pk=job.pk).update(**fields):
        raise ValidationError("只有失败的导入任务才能重试。")
    job.refresh_from_db()
    _import_job_enqueue(job)
    return job


# A preview nobody confirmed or a failure nobody retried is given up after this long: its file is the
# register's data (names, ID numbers) and must not stay on the disk forever.
JOB_ABANDONED_AFTER = datetime.timedelta(days=30)


def import_jobs_purge_abandoned(*, now=None) -> int:
    """Delete jobs left 待确认 or 失败 (or never started) for ``JOB_ABANDONED_AFTER`` and their files;
    returns how many went. Finished jobs stay: they are the record of what was imported."""
    from django.utils import timezone

    cutoff = (now or timezone.now()) - JOB_ABANDONED_AFTER
    idle = [ImportJobStatus.QUEUED, ImportJobStatus.READY, ImportJobStatus.FAILED]
    abandoned = ImportJob.objects.filter(status__in=idle).filter(
        models.Q(finished_at__lt=cutoff) | models.Q(finished_at__isnull=True, created_at__lt=cutoff)
    )
    with transaction.atomic():
        paths = list(abandoned.select_for_update().values_list("file_path", flat=True))
        deleted, _ = abandoned.delete()
        transaction.on_commit(lambda: [default_storage.delete(path) for path in paths])
    return deleted


@transaction.atomic
def import_job_discard(*, actor: User, job: ImportJob) -> None:
    """Delete a job that is not running (a preview with errors, a failure, or one nobody will confirm)
    and its file."""
    _import_job_check_access(actor=actor, job=job)
    idle = [ImportJobStatus.QUEUED, ImportJobStatus.READY, ImportJobStatus.FAILED]
    deleted, _ = ImportJob.objects.filter(models.Q(status__in=idle) | _import_job_stale(), pk=job.pk).delete()
    if not deleted:
        raise ValidationError("正在运行或已完成的导入任务不能删除。")
    path = job.file_path
    transaction.on_commit(lambda: default_storage.delete(path))
