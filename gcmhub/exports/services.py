"""Make exports of a whole cycle, always through the task queue.

`export_start` records an `ExportJob` and queues it (the worker sees it once the request's
transaction commits); a worker (`manage.py db_worker`) runs `ExportJob.work` through
`core.jobs.run`, which writes its progress and heartbeat, keeps the file in the default storage
(exports/<cycle>/) and records a readable error if it fails. A job whose worker died is queued
again, or failed with a retry (core.jobs). No export is made inside a web request.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcmhub.core import jobs
from gcmhub.core.access import require
from gcmhub.core.models import JobStatus
from gcmhub.exports.access import EXPORT_PERM
from gcmhub.exports.build import CONTENT_TYPES, ExportFormat, build_export
from gcmhub.exports.models import ExportJob

__all__ = [
    "CONTENT_TYPES",
    "build_export",
    "export_delete",
    "export_retry",
    "export_start",
    "export_watch",
]

logger = logging.getLogger(__name__)

# Jobs ------------------------------------------------------------------------------------


def export_start(*, cycle, by, fmt: str, language: str, hxl: bool) -> ExportJob:
    """Record an export job and queue it for a worker."""
    require(by, EXPORT_PERM, cycle=cycle)
    if fmt not in ExportFormat.values:
        raise ValueError(f"Unknown export format: {fmt!r}")
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language: {language!r}")
    with transaction.atomic():
        job = ExportJob.objects.create(
            cycle=cycle, requested_by=by, format=fmt, language=language, hxl=hxl
        )
        jobs.enqueue(job)
    logger.info("export %s of cycle %s asked for by %s", job.pk, cycle.pk, by)
    return job


def export_retry(*, job: ExportJob, by) -> ExportJob:
    """Make a failed export again (its worker died too often, or the file could not be made)."""
    require(by, EXPORT_PERM, cycle=job.cycle)
    if job.status != JobStatus.FAILED:
        raise ValidationError(_("Only an export that failed can be made again."))
    return jobs.retry(job)


def export_watch(job: ExportJob) -> ExportJob:
    """The job as a page shows it: one whose worker died is queued again first (core.jobs)."""
    return jobs.watch(job)


def export_delete(*, job: ExportJob, by) -> None:
    """Delete a job and its file; a job still waiting or being made is refused (a worker
    would still write it)."""
    require(by, EXPORT_PERM, cycle=job.cycle)
    if job.is_pending:
        raise ValidationError(_("An export being made cannot be deleted: wait until it ends."))
    if job.file:
        job.file.delete(save=False)
    job.delete()
