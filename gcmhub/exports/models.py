"""Exports of a whole cycle, made by a worker of the task queue and kept for download."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmhub.core.fields import cycle_fk
from gcmhub.core.models import Job
from gcmhub.exports.build import ExportFormat


def export_upload_to(instance, filename):
    return f"exports/{instance.cycle_id}/{filename}"


class ExportJob(Job):
    """One export of a cycle asked for by a person; its file once made, or why it failed
    (the state, progress, heartbeat and retry are `core.models.Job`'s)."""

    cycle = cycle_fk("export_jobs")
    format = models.CharField(_("format"), max_length=8, choices=ExportFormat.choices)
    language = models.CharField(
        _("language of the labels"), max_length=8, choices=settings.LANGUAGES
    )
    hxl = models.BooleanField(_("HXL hashtag row"), default=False)
    file = models.FileField(_("file"), upload_to=export_upload_to, blank=True, max_length=300)

    class Meta(Job.Meta):
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="export_job_progress_at_most_100"
            ),
        ]

    def __str__(self):
        return f"{self.cycle} · {self.get_format_display()} · {self.get_status_display()}"

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    def work(self, progress) -> dict:
        """Make the file (in the worker, see core.jobs.run): the fields to save once done."""
        from django.core.files.base import ContentFile

        from gcmhub.exports.build import build_export

        filename, content = build_export(
            self.cycle, fmt=self.format, language=self.language, hxl=self.hxl, progress=progress
        )
        self.file.save(filename, ContentFile(content), save=False)
        return {"file": self.file.name}
