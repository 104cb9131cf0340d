"""The Excel pages of every register: export, import template, upload, preview and confirm (DESIGN §7).

The register is a URL parameter (``persons``, ``households`` …) resolved through
``governance.excel.registry``, so these views know no register app. Each page is login → permission →
scope: exports need ``governance.export_register`` and the model's view permission, imports
``governance.import_register`` and the model's add and change permissions; rows are read and written
only through ``visible_to(user)``, in the user's own community (users without one, such as street
leaders, pick one of the communities they can see).

Between preview and confirm the uploaded file waits in the default file storage under a random token
kept in the session (several web processes serve one user), and is deleted after confirm or cancel.

Files above the web limits (rows or bytes), and any file whose uploader ticks 后台导入, become an
``ImportJob`` instead: Celery runs the preview and, once confirmed, the import, while the job page shows
the progress (htmx polls a partial every 2 s until the job stops).
"""

from __future__ import annotations

import os
import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.generic import FormView, TemplateView, View

from governance.excel import (
    UNCHANGED,
    UPLOAD_DIR,
    WEB_MAX_BYTES,
    WEB_MAX_ROWS,
    ExcelRegister,
    export_register,
    file_name_for,
    registry,
    run_import,
    write_template,
)
from governance.models import Community, ImportJob
from governance.roles import VIEW_FULL_ID
from governance.services import (
    JOB_MAX_BYTES,
    import_job_confirm,
    import_job_create,
    import_job_discard,
    import_job_retry,
)

SESSION_KEY = "excel_imports"
PREVIEW_ROWS = 500
RECENT_JOBS = 10
EXPORT_PERMISSION = "governance.export_register"
IMPORT_PERMISSION = "governance.import_register"


def _temporary_path() -> str:
    import tempfile

    handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="linli-excel-")
    os.close(handle)
    return path


def _file_response(path: str, file_name: str) -> FileResponse:
    """Stream ``path`` from disk and delete it: the open handle keeps the data until the response ends."""
    handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    os.unlink(path)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=file_name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Excel 文件",
        help_text="本台账的 .xlsx 文件:第1行为列标题(可先下载导入模板);导入前会先预览,确认后才写入。",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    community = forms.ModelChoiceField(label="导入到社区", queryset=Community.objects.none())
    background = forms.BooleanField(
        label="后台导入(大文件)",
        required=False,
        help_text=(
            f"在后台预检和导入,可离开本页,稍后在「Excel 导入导出」页查看进度。超过 {WEB_MAX_ROWS} 行或 "
            f"{WEB_MAX_BYTES // (1024 * 1024)} MB 的文件自动后台导入。"
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.community_id:
            del self.fields["community"]
        else:
            self.fields["community"].queryset = Community.objects.visible_to(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的 Excel 文件(旧版 .xls 请先另存为 .xlsx)。")
        if upload.size > JOB_MAX_BYTES:
            raise forms.ValidationError(f"文件超过 {JOB_MAX_BYTES // (1024 * 1024)} MB,请拆分后分批导入。")
        head = upload.read(2)
        upload.seek(0)
        if head != b"PK":
            raise forms.ValidationError("该文件不是有效的 .xlsx 文件。")
        return upload

    def is_large(self) -> bool:
        """Whether the file is above what the web flow reads inside a request."""
        upload = self.cleaned_data["file"]
        return upload.size > WEB_MAX_BYTES or _data_rows_above(upload, WEB_MAX_ROWS)


def _data_rows_above(upload, limit: int) -> bool:
    """Whether the first sheet has more than ``limit`` rows below its header: read from the sheet's
    dimension when the writer recorded it (Excel, WPS, openpyxl and XlsxWriter do), else counted."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # an unreadable file: the preview says so, in Chinese
        upload.seek(0)
        return False
    try:
        sheet = workbook.worksheets[0]
        if sheet.max_row is not None:
            return sheet.max_row - 1 > limit
        return any(number > limit for number, _ in enumerate(sheet.iter_rows(values_only=True)))
    finally:
        workbook.close()
        upload.seek(0)


class ExcelRegisterMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Resolves the register of the URL (404 if unknown) and checks its permissions after the login."""

    need = "export"  # or "import"

    def get_register_class(self) -> type[ExcelRegister]:
        if not hasattr(self, "_register_class"):
            try:
                self._register_class = registry.get(self.kwargs["register"])
            except KeyError:
                raise Http404("没有这个台账。") from None
            if self.need == "import" and not self._register_class.importable:
                raise Http404("该台账只能导出。")
        return self._register_class

    def get_permission_required(self):
        register_class = self.get_register_class()
        if self.need == "import":
            return register_class.import_permissions()
        return register_class.export_permissions()

    def get_community(self) -> Community | None:
        """The user's community; a user without one names a community they can see (``?community=code``)."""
        user = self.request.user
        if user.community_id:
            return user.community
        code = self.request.GET.get("community")
        if not code:
            return None
        return get_object_or_404(Community.objects.visible_to(user), code=code)

    def make_register(self, community) -> ExcelRegister:
        return self.get_register_class()(community=community, user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["register"] = self.get_register_class()
        return context


def _can(user, register_class: type[ExcelRegister], need: str) -> bool:
    if need == "import" and not register_class.importable:
        return False
    permissions = register_class.import_permissions() if need == "import" else register_class.export_permissions()
    return user.has_perms(permissions)


class ExcelIndexView(LoginRequiredMixin, TemplateView):
    """The registers the user may export or import, with their buttons."""

    template_name = "excel/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        registers = [
            {
                "register": register_class,
                "can_export": _can(user, register_class, "export"),
                "can_import": _can(user, register_class, "import"),
            }
            for register_class in registry.all()
        ]
        registers = [entry for entry in registers if entry["can_export"] or entry["can_import"]]
        if not registers:
            raise PermissionDenied("您没有导入或导出台账的权限。")
        context["registers"] = registers
        context["communities"] = None if user.community_id else Community.objects.visible_to(user)
        if user.has_perm(IMPORT_PERMISSION):
            jobs = ImportJob.objects.visible_to(user).select_related("community", "requested_by")
            context["jobs"] = jobs[:RECENT_JOBS]
        return context


class ExcelExportView(ExcelRegisterMixin, View):
    """GET → the register of the user's community as .xlsx, ID numbers masked as the user must see them."""

    need = "export"

    def get(self, request, *args, **kwargs):
        community = self.get_community()
        if community is None:
            return render(
                request,
                "excel/choose_community.html",
                {"register": self.get_register_class(), "communities": Community.objects.visible_to(request.user)},
            )
        register = self.make_register(community)
        reason = request.GET.get("reason", "").strip()
        if register.export_needs_reason and not reason:
            return render(
                request,
                "excel/export_reason.html",
                {"register": self.get_register_class(), "community": community, "asked": "reason" in request.GET},
            )
        file_name = file_name_for(register, "导出")
        path = _temporary_path()
        try:
            export_register(register, path, file_name=file_name, reason=reason)
        except BaseException:
            os.unlink(path)
            raise
        return _file_response(path, file_name)


class ExcelTemplateView(ExcelRegisterMixin, View):
    """GET → the empty import template: header row, instruction row and drop-down lists."""

    def has_permission(self):
        register_class = self.get_register_class()
        opts = register_class.model._meta
        user = self.request.user
        return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") and (
            user.has_perm(EXPORT_PERMISSION) or user.has_perm(IMPORT_PERMISSION)
        )

    def get(self, request, *args, **kwargs):
        register = self.make_register(None)
        path = _temporary_path()
        try:
            write_template(register, path)
        except BaseException:
            os.unlink(path)
            raise
        return _file_response(path, f"{register.title}-导入模板.xlsx")


def _pending(request) -> dict:
    return dict(request.session.get(SESSION_KEY, {}))


def _discard(request, token: str) -> None:
    pending = _pending(request)
    entry = pending.pop(token, None)
    if entry is not None:
        default_storage.delete(entry["path"])
    request.session[SESSION_KEY] = pending


class ExcelImportView(ExcelRegisterMixin, FormView):
    """Upload a file: it is stored, then the preview shows what importing it would do."""

    need = "import"
    template_name = "excel/import_form.html"
    form_class = UploadForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["max_rows"] = WEB_MAX_ROWS
        return context

    def form_valid(self, form):
        request = self.request
        community = form.cleaned_data.get("community") or request.user.community
        code = self.kwargs["register"]
        large = form.is_large()
        if large or form.cleaned_data.get("background"):
            job = import_job_create(
                actor=request.user, register=code, community=community, uploaded_file=form.cleaned_data["file"]
            )
            if large:
                limit = f"{WEB_MAX_ROWS} 行或 {WEB_MAX_BYTES // (1024 * 1024)} MB"
                messages.info(request, f"文件超过网页导入的上限({limit}),已转为后台导入。")
            return redirect(job)
        # One file waiting per register and session: an earlier upload of the same register goes.
        for token, entry in _pending(request).items():
            if entry["register"] == code:
                _discard(request, token)
        token = secrets.token_urlsafe(24)
        upload = form.cleaned_data["file"]
        path = default_storage.save(f"{UPLOAD_DIR}/{token}.xlsx", upload)
        pending = _pending(request)
        pending[token] = {"register": code, "path": path, "file_name": upload.name, "community": community.pk}
        request.session[SESSION_KEY] = pending
        return redirect("excel:preview", register=code, token=token)


class ExcelPreviewView(ExcelRegisterMixin, TemplateView):
    """GET: the preview (every row's status and every error); POST ``confirm``: import all rows in one
    transaction, or nothing if any row has an error; POST ``cancel``: drop the file."""

    need = "import"
    template_name = "excel/preview.html"

    def get_entry(self) -> dict:
        entry = _pending(self.request).get(self.kwargs["token"])
        if entry is None or entry["register"] != self.kwargs["register"]:
            raise Http404("该导入文件不存在或已处理。")
        if not default_storage.exists(entry["path"]):
            _discard(self.request, self.kwargs["token"])
            raise Http404("该导入文件已过期,请重新上传。")
        return entry

    def run(self, entry: dict, *, commit: bool):
        community = get_object_or_404(Community.objects.visible_to(self.request.user), pk=entry["community"])
        register = self.make_register(community)
        with default_storage.open(entry["path"], "rb") as handle:
            report = run_import(register, handle, commit=commit, file_name=entry["file_name"], max_rows=WEB_MAX_ROWS)
        return register, report

    def get(self, request, *args, **kwargs):
        entry = self.get_entry()
        register, report = self.run(entry, commit=False)
        return self.render_to_response(self.get_context_data(report=report, entry=entry, community=register.community))

    def post(self, request, *args, **kwargs):
        entry = self.get_entry()
        token = self.kwargs["token"]
        if request.POST.get("action") == "cancel":
            _discard(request, token)
            messages.info(request, "已取消导入,上传的文件已删除。")
            return redirect("excel:import", register=self.kwargs["register"])
        try:
            register, report = self.run(entry, commit=True)
        except (PermissionDenied, DatabaseError):
            messages.error(request, "导入失败:数据在预览后被他人修改或超出您的管辖范围,未写入任何数据。请重新预览。")
            return redirect("excel:preview", register=self.kwargs["register"], token=token)
        if not report.committed:
            messages.error(request, "文件中有错误,未导入任何数据。请修改后重新上传。")
            context = self.get_context_data(report=report, entry=entry, community=register.community)
            return self.render_to_response(context)
        _discard(request, token)
        messages.success(request, f"{register.title}已导入:{report.summary()}")
        return redirect(self.success_url(register))

    def success_url(self, register) -> str:
        opts = register.model._meta
        try:
            return reverse(f"{opts.app_label}:{opts.model_name}_list")
        except NoReverseMatch:
            return reverse("excel:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = context.get("report")
        if report is not None:
            listed = [row for row in report.rows if row.status != UNCHANGED]
            context["listed_rows"] = listed[:PREVIEW_ROWS]
            context["more_rows"] = max(0, len(listed) - PREVIEW_ROWS)
            context["token"] = self.kwargs["token"]
        return context


#
# Background imports (后台导入)
#


class ImportJobMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Login → ``governance.import_register`` → the job in the user's scope (404 otherwise) → the add and
    change permissions of the job's register, as for the web import."""

    permission_required = IMPORT_PERMISSION

    def get_job(self) -> ImportJob:
        if not hasattr(self, "_job"):
            user = self.request.user
            queryset = ImportJob.objects.visible_to(user).select_related("community", "requested_by", "confirmed_by")
            job = get_object_or_404(queryset, pk=self.kwargs["pk"])
            try:
                register_class = registry.get(job.register)
            except KeyError:
                raise Http404("没有这个台账。") from None
            if not user.has_perms(register_class.import_permissions()):
                raise PermissionDenied("您没有导入该台账的权限。")
            self._job, self._register_class = job, register_class
        return self._job

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.get_job()
        context["job"] = job
        context["register"] = self._register_class
        preview = job.preview or {}
        # Labels carry ID numbers as the uploader may see them.
        context["show_rows"] = not preview.get("full_ids") or self.request.user.has_perm(VIEW_FULL_ID)
        context["preview_rows"] = preview.get("rows", [])
        context["more_rows"] = preview.get("more", 0)
        context["more_errors"] = max(0, job.error_total - len(job.errors))
        return context


class ImportJobDetailView(ImportJobMixin, TemplateView):
    """GET: the job, its progress bar (refreshed by htmx) and result; POST ``confirm`` / ``retry`` /
    ``discard``."""

    template_name = "excel/job_detail.html"

    def get(self, request, *args, **kwargs):
        self.get_job()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        job = self.get_job()
        action = request.POST.get("action")
        try:
            if action == "confirm":
                import_job_confirm(actor=request.user, job=job)
                messages.success(request, "已确认,正在后台导入。")
            elif action == "retry":
                import_job_retry(actor=request.user, job=job)
                messages.info(request, "已重新排队。")
            elif action == "discard":
                import_job_discard(actor=request.user, job=job)
                messages.info(request, "已删除该导入任务及上传的文件。")
                return redirect("excel:index")
            else:
                return redirect(job)
        except ValidationError as error:
            messages.error(request, "".join(error.messages))
        return redirect(job)


class ImportJobProgressView(ImportJobMixin, TemplateView):
    """The part of the job page that changes while it runs; htmx fetches it every 2 s until it stops."""

    template_name = "excel/_job_status.html"

    def get(self, request, *args, **kwargs):
        self.get_job()
        return super().get(request, *args, **kwargs)
