"""Background imports (后台导入): the ``ImportJob`` services, its tasks, its pages, and one run on a real worker.

Celery is eager in tests, and tasks are sent only after the surrounding transaction commits, so the
service tests run them with ``django_capture_on_commit_callbacks(execute=True)``.
"""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from governance import excel, excel_views
from governance.models import DataExchangeLog, ImportJob, ImportJobStage, ImportJobStatus
from governance.services import (
    import_job_confirm,
    import_job_create,
    import_job_discard,
    import_job_retry,
    import_jobs_purge_abandoned,
)
from governance.tasks import commit_import_job_task, preview_import_job_task
from residents.models import Person
from tests.excel.conftest import sheet_for
from tests.excel.helpers import make_id, workbook_bytes, wrong_check_digit

pytestmark = pytest.mark.django_db

HEADERS = ["姓名", "证件号码", "民族", "政治面貌", "居民小组", "居住类别", "登记日期"]


def person_row(name: str, number: str | None = None) -> list:
    return [name, number or make_id(), "汉族", "群众", "寨子", "常住", "2024-01-01"]


def xlsx(rows: list[list], name: str = "人口.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, workbook_bytes(HEADERS, rows).getvalue())


def after_commit(*, execute: bool = True):
    """Run (or just collect) what is sent on commit, as ``django_capture_on_commit_callbacks`` does."""
    return TestCase.captureOnCommitCallbacks(execute=execute)


def start_job(actor, community, rows, *, run: bool = True) -> ImportJob:
    """Upload ``rows`` as a background import; with ``run`` the preview task runs (eagerly) after the commit."""
    with after_commit(execute=run):
        job = import_job_create(actor=actor, register="persons", community=community, uploaded_file=xlsx(rows))
    job.refresh_from_db()
    return job


def confirm(actor, job) -> ImportJob:
    with after_commit():
        import_job_confirm(actor=actor, job=job)
    job.refresh_from_db()
    return job


class TestServices:
    def test_a_clean_file_waits_for_confirm_then_imports_every_row(self, world):
        first, second = make_id(datetime.date(1991, 1, 1)), make_id(datetime.date(1992, 2, 2))

        job = start_job(world.worker, world.community, [person_row("孙悟", first), person_row("猪八", second)])

        assert job.status == ImportJobStatus.READY
        assert job.stage == ImportJobStage.PREVIEW
        assert (job.new_rows, job.changed_rows, job.error_rows, job.error_total) == (2, 0, 0, 0)
        assert job.errors == []
        assert [row["row"] for row in job.preview["rows"]] == [2, 3]
        assert job.can_confirm
        assert job.started_at is not None
        assert job.finished_at is not None
        assert not Person.objects.filter(id_number__in=[first, second]).exists()

        job = confirm(world.head, job)

        assert job.status == ImportJobStatus.DONE
        assert job.confirmed_by == world.head
        assert (job.rows_done, job.rows_total, job.percent) == (2, 2, 100)
        written = Person.objects.filter(id_number__in=[first, second], community=world.community)
        assert written.count() == 2
        # Written as whoever confirmed, as the web flow writes as whoever presses 确认导入.
        assert {person.history.get().history_user for person in written} == {world.head}
        assert DataExchangeLog.objects.filter(register="persons", direction="import", rows=2).exists()
        assert not default_storage.exists(job.file_path)

    def test_a_bad_row_stops_the_job_with_the_error_located_and_nothing_written(self, world):
        rows = [person_row("好人"), person_row("坏人", wrong_check_digit(make_id()))]

        job = start_job(world.worker, world.community, rows)

        assert job.status == ImportJobStatus.READY
        assert job.has_errors
        assert not job.can_confirm
        assert job.can_discard
        assert job.error_rows == 1
        assert {error["row"] for error in job.errors} == {3}
        [error] = [error for error in job.errors if error["column"] == "证件号码"]
        assert "校验位" in error["message"]
        with pytest.raises(ValidationError):
            import_job_confirm(actor=world.worker, job=job)
        assert not Person.objects.filter(name__in=["好人", "坏人"]).exists()

    def test_a_file_level_error_is_listed_without_a_row(self, world):
        job = start_job(world.worker, world.community, [])

        assert job.status == ImportJobStatus.READY
        assert job.errors == [{"row": None, "column": "", "message": "文件中没有数据行。"}]

    def test_a_missing_file_fails_with_a_reason_and_a_retry_after_restoring_it_completes(self, world):
        number = make_id(datetime.date(1993, 3, 3))
        job = start_job(world.worker, world.community, [person_row("沙僧", number)], run=False)
        assert job.status == ImportJobStatus.QUEUED
        with default_storage.open(job.file_path, "rb") as handle:
            content = handle.read()
        default_storage.delete(job.file_path)

        assert preview_import_job_task(job.pk) == ImportJobStatus.FAILED

        job.refresh_from_db()
        assert job.status == ImportJobStatus.FAILED
        assert "找不到上传的文件" in job.failure_reason
        assert "FileNotFoundError" in job.failure_reason
        assert job.can_retry
        assert job.finished_at is not None
        with pytest.raises(ValidationError, match="文件已不存在"):
            import_job_retry(actor=world.worker, job=job)

        assert default_storage.save(job.file_path, ContentFile(content)) == job.file_path
        with after_commit():
            import_job_retry(actor=world.worker, job=job)
        job.refresh_from_db()
        assert job.status == ImportJobStatus.READY
        assert job.failure_reason == ""

        job = confirm(world.worker, job)

        assert job.status == ImportJobStatus.DONE
        assert Person.objects.filter(id_number=number).exists()

    def test_a_failed_import_is_retried_from_the_import_stage(self, world, monkeypatch):
        number = make_id(datetime.date(1994, 4, 4))
        job = start_job(world.worker, world.community, [person_row("唐僧", number)])

        def broken(*args, **kwargs):
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(excel, "run_import", broken)
        job = confirm(world.worker, job)
        assert job.status == ImportJobStatus.FAILED
        assert job.stage == ImportJobStage.COMMIT
        assert job.failure_reason.startswith("导入失败,未写入任何数据")
        assert "RuntimeError" in job.failure_reason
        assert "disk on fire" not in job.failure_reason  # no internals on the page
        monkeypatch.undo()

        with after_commit():
            import_job_retry(actor=world.head, job=job)
        job.refresh_from_db()

        assert job.status == ImportJobStatus.DONE
        assert job.confirmed_by == world.head
        assert Person.objects.get(id_number=number).history.get().history_user == world.head

    def test_a_run_whose_worker_died_can_be_retried_after_the_time_limit(self, world, settings):
        job = start_job(world.worker, world.community, [person_row("红孩")], run=False)
        settings.CELERY_TASK_TIME_LIMIT = 60
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.PREVIEWING, started_at=timezone.now())
        job.refresh_from_db()
        assert not job.can_retry
        with pytest.raises(ValidationError):
            import_job_retry(actor=world.worker, job=job)

        started = timezone.now() - datetime.timedelta(minutes=3)
        ImportJob.objects.filter(pk=job.pk).update(started_at=started)
        job.refresh_from_db()
        assert job.is_stale
        assert job.can_retry
        assert not job.is_running
        with after_commit():
            import_job_retry(actor=world.worker, job=job)

        job.refresh_from_db()
        assert job.status == ImportJobStatus.READY

    def test_a_second_delivery_of_a_finished_task_does_nothing(self, world):
        job = confirm(world.worker, start_job(world.worker, world.community, [person_row("白龙")]))
        finished_at = job.finished_at

        assert commit_import_job_task(job.pk) == ImportJobStatus.DONE
        assert preview_import_job_task(job.pk) == ImportJobStatus.DONE

        job.refresh_from_db()
        assert job.finished_at == finished_at
        assert DataExchangeLog.objects.filter(register="persons", direction="import").count() == 1

    def test_a_discarded_job_and_its_file_are_gone_and_its_queued_task_does_nothing(self, world):
        job = start_job(world.worker, world.community, [person_row("悟能")], run=False)
        path = job.file_path

        with after_commit():
            import_job_discard(actor=world.worker, job=job)

        assert not ImportJob.objects.filter(pk=job.pk).exists()
        assert not default_storage.exists(path)
        assert preview_import_job_task(job.pk) is None

    def test_jobs_abandoned_for_a_month_are_purged_with_their_files_and_others_kept(self, world):
        now = timezone.now()
        ready_long_ago = start_job(world.worker, world.community, [person_row("八戒")])
        queued_long_ago = start_job(world.worker, world.community, [person_row("沙僧")], run=False)
        ready_recently = start_job(world.worker, world.community, [person_row("白龙")])
        done_long_ago = confirm(world.head, start_job(world.worker, world.community, [person_row("唐僧")]))
        assert (ready_long_ago.status, done_long_ago.status) == (ImportJobStatus.READY, ImportJobStatus.DONE)
        ImportJob.objects.filter(pk__in=[ready_long_ago.pk, done_long_ago.pk]).update(
            finished_at=now - datetime.timedelta(days=31)
        )
        ImportJob.objects.filter(pk=queued_long_ago.pk).update(created_at=now - datetime.timedelta(days=40))
        ImportJob.objects.filter(pk=ready_recently.pk).update(finished_at=now - datetime.timedelta(days=29))

        with after_commit():
            assert import_jobs_purge_abandoned() == 2

        assert set(ImportJob.objects.values_list("pk", flat=True)) == {ready_recently.pk, done_long_ago.pk}
        assert not default_storage.exists(ready_long_ago.file_path)
        assert not default_storage.exists(queued_long_ago.file_path)
        assert default_storage.exists(ready_recently.file_path)

    def test_only_importers_of_the_community_can_start_or_act_on_a_job(self, world):
        with pytest.raises(PermissionDenied):
            import_job_create(
                actor=world.grid_worker, register="persons", community=world.community, uploaded_file=xlsx([])
            )
        with pytest.raises(PermissionDenied):
            import_job_create(
                actor=world.worker, register="persons", community=world.other_community, uploaded_file=xlsx([])
            )
        job = start_job(world.worker, world.community, [person_row("悟净")])
        with pytest.raises(PermissionDenied):
            import_job_confirm(actor=world.other_head, job=job)

    def test_the_engine_reports_progress_every_n_rows(self, world, monkeypatch):
        monkeypatch.setattr(excel, "PROGRESS_EVERY", 2)
        file = workbook_bytes(HEADERS, [person_row(f"人{index}") for index in range(5)])
        calls = []

        report = excel.run_import(
            sheet_for("persons", community=world.community, user=world.worker),
            file,
            commit=False,
            progress=lambda done, total: calls.append((done, total)),
        )

        assert report.counts["new"] == 5
        assert calls == [(0, 5), (2, 5), (4, 5), (5, 5)]


class TestPages:
    def test_another_communitys_job_is_404(self, client, world):
        job = start_job(world.other_worker, world.other_community, [person_row("外人")])
        client.force_login(world.worker)

        assert client.get(reverse("excel:job_detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("excel:job_progress", args=[job.pk])).status_code == 404
        assert client.post(reverse("excel:job_detail", args=[job.pk]), {"action": "discard"}).status_code == 404
        assert ImportJob.objects.filter(pk=job.pk).exists()

    @pytest.mark.parametrize(("user", "status"), [("norole", 403), ("grid_worker", 403), ("worker", 200)])
    def test_the_job_page_needs_the_import_permissions(self, client, world, user, status):
        job = start_job(world.worker, world.community, [person_row("甲")])
        client.force_login(getattr(world, user))

        assert client.get(reverse("excel:job_detail", args=[job.pk])).status_code == status

    def test_the_progress_partial_polls_while_running_and_stops_when_finished(self, client, world):
        job = start_job(world.worker, world.community, [person_row("乙")], run=False)
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.PREVIEWING, rows_done=250, rows_total=1000)
        client.force_login(world.worker)
        url = reverse("excel:job_progress", args=[job.pk])

        running = client.get(url, headers={"HX-Request": "true"})

        assert running.status_code == 200
        page = running.content.decode()
        assert 'hx-trigger="every 2s"' in page
        assert f'hx-get="{url}"' in page
        assert 'aria-valuenow="25"' in page
        assert "250 / 1000" in page
        assert "<html" not in page  # a fragment, not the whole page

        ImportJob.objects.filter(pk=job.pk).update(status=ImportJobStatus.QUEUED)
        preview_import_job_task(job.pk)
        finished = client.get(url).content.decode()

        assert "hx-trigger" not in finished
        assert 'aria-valuenow="100"' in finished
        assert 'value="confirm"' in finished

    def test_the_job_page_lists_the_errors_and_offers_only_discard(self, client, world):
        job = start_job(world.worker, world.community, [person_row("丙", wrong_check_digit(make_id()))])
        client.force_login(world.worker)

        page = client.get(reverse("excel:job_detail", args=[job.pk])).content.decode()

        assert "第2行" in page
        assert "证件号码" in page
        assert "校验位" in page
        assert 'value="confirm"' not in page
        assert 'value="discard"' in page
        assert 'id="job-status"' in page
        assert "hx-trigger" not in page

    def test_a_failed_job_shows_its_reason_and_a_retry_button(self, client, world):
        job = start_job(world.worker, world.community, [person_row("丁")], run=False)
        default_storage.delete(job.file_path)
        preview_import_job_task(job.pk)
        client.force_login(world.worker)

        page = client.get(reverse("excel:job_detail", args=[job.pk])).content.decode()

        assert "找不到上传的文件" in page
        assert 'value="retry"' in page

    def test_upload_with_the_background_box_then_confirm_on_the_job_page(
        self, client, world, django_capture_on_commit_callbacks
    ):
        number = make_id(datetime.date(1995, 5, 5))
        client.force_login(world.worker)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("excel:import", args=["persons"]),
                {"file": xlsx([person_row("戊", number)]), "background": "on"},
            )

        job = ImportJob.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("excel:job_detail", args=[job.pk])
        page = client.get(response.url).content.decode()
        assert "待确认" in page
        assert 'value="confirm"' in page

        with django_capture_on_commit_callbacks(execute=True):
            done = client.post(response.url, {"action": "confirm"})

        assert done.status_code == 302
        job.refresh_from_db()
        assert job.status == ImportJobStatus.DONE
        assert Person.objects.filter(id_number=number, community=world.community).exists()
        assert "已完成" in client.get(reverse("excel:job_detail", args=[job.pk])).content.decode()

    def test_a_file_above_the_web_row_limit_becomes_a_job_instead_of_being_refused(
        self, client, world, monkeypatch, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr(excel_views, "WEB_MAX_ROWS", 2)
        client.force_login(world.worker)

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("excel:import", args=["persons"]), {"file": xlsx([person_row(f"己{i}") for i in range(3)])}
            )

        job = ImportJob.objects.get()
        assert response.url == job.get_absolute_url()
        assert job.status == ImportJobStatus.READY
        assert job.new_rows == 3

    def test_a_small_file_without_the_box_stays_in_the_web_flow(self, client, world):
        client.force_login(world.worker)

        response = client.post(reverse("excel:import", args=["persons"]), {"file": xlsx([person_row("庚")])})

        assert "/excel/persons/import/" in response.url
        assert not ImportJob.objects.exists()

    def test_the_index_lists_the_communitys_recent_jobs_only(self, client, world):
        mine = start_job(world.worker, world.community, [person_row("辛")])
        theirs = start_job(world.other_worker, world.other_community, [person_row("壬")])
        client.force_login(world.head)

        page = client.get(reverse("excel:index")).content.decode()

        assert mine.get_absolute_url() in page
        assert theirs.get_absolute_url() not in page

    def test_row_labels_with_full_id_numbers_are_shown_only_to_who_may_see_them(self, client, world):
        number = make_id(datetime.date(1996, 6, 6))
        job = start_job(world.head, world.community, [person_row("癸", number)])  # 书记 sees full numbers

        client.force_login(world.head)
        assert number in client.get(job.get_absolute_url()).content.decode()
        client.force_login(world.worker)
        page = client.get(job.get_absolute_url()).content.decode()
        assert number not in page
        assert "仅对有" in page


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_previews_and_imports_a_job(real_worker, world):
    numbers = [make_id(datetime.date(1997, 7, 7)), make_id(datetime.date(1998, 8, 8))]
    job = import_job_create(
        actor=world.worker,
        register="persons",
        community=world.community,
        uploaded_file=xlsx([person_row("张", numbers[0]), person_row("王", numbers[1])]),
    )

    job = wait_for(job, ImportJobStatus.READY)
    assert job.new_rows == 2
    assert not job.has_errors
    import_job_confirm(actor=world.worker, job=job)
    job = wait_for(job, ImportJobStatus.DONE)

    assert job.percent == 100
    assert Person.objects.filter(id_number__in=numbers, community=world.community).count() == 2


def wait_for(job: ImportJob, status: str, timeout: float = 30) -> ImportJob:
    deadline = time.monotonic() + timeout
    while True:
        job.refresh_from_db()
        if job.status == status:
            return job
        assert job.status != ImportJobStatus.FAILED, job.failure_reason
        assert time.monotonic() < deadline, f"job still {job.get_status_display()} after {timeout} s"
        time.sleep(0.2)
