"""Who looked at which sensitive record, when, and why (issue 6 item 7; domain.md §6.3 rule 2)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from governance.models import Community
from governance.querysets import ScopedQuerySet


class SensitiveAccess(models.Model):
    """One view of a sensitive record (帮教, 矫正, 重点人员, 纠纷, 信访 …) with the purpose stated.

    Written only by ``safety.services.access.sensitive_access_record``; never edited, so it keeps no
    history of its own.
    """

    community = models.ForeignKey(
        Community, verbose_name="所属社区", on_delete=models.PROTECT, related_name="sensitive_accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="查阅人", on_delete=models.PROTECT, related_name="sensitive_accesses"
    )
    viewed_at = models.DateTimeField(verbose_name="查阅时间", auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(ContentType, verbose_name="记录类型", on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(verbose_name="记录编号")
    record = models.CharField(verbose_name="记录", max_length=200)
    purpose = models.CharField(verbose_name="查阅事由", max_length=200)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "敏感信息查阅记录"
        verbose_name_plural = "敏感信息查阅记录"
        ordering = ["-viewed_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="sensitive_access_record")]

    def __str__(self):
        return f"{self.user} {self.viewed_at:%Y-%m-%d %H:%M} {self.record}"
