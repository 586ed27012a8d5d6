"""Exports of a whole cycle made in the background, kept for download."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gcmhub.core.fields import cycle_fk, user_fk


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel workbook (one sheet per kind of record)")
    CSV = "csv", _("CSV files in a zip (one file per kind of record)")
    JSON = "json", _("JSON (one document)")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


# A job still unfinished after this long was cut off (its process stopped): shown as failed.
STALE_AFTER = dt.timedelta(hours=1)


def export_upload_to(instance, filename):
    return f"exports/{instance.cycle_id}/{filename}"


class ExportJob(models.Model):
    """One export of a cycle asked for by a person; its file once made, or why it failed."""

    cycle = cycle_fk("export_jobs")
    requested_by = user_fk(_("asked for by"))
    format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    language = models.CharField(
        _("language of the labels"), max_length=8, choices=settings.LANGUAGES
    )
    hxl = models.BooleanField(_("HXL hashtag row"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to=export_upload_to, blank=True, max_length=300)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="export_job_progress_at_most_100"
            ),
        ]

    def __str__(self):
        return f"{self.cycle} · {self.get_format_display()} · {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    @property
    def is_stale(self) -> bool:
        return not self.is_finished and self.created_at < timezone.now() - STALE_AFTER

    @property
    def is_pending(self) -> bool:
        """Still to watch: waiting or being made, and not cut off."""
        return not self.is_finished and not self.is_stale
