"""Make exports of a whole cycle, always through the task queue.

`export_start` records an `ExportJob` and queues it (the worker sees it once the request's
transaction commits); a worker (`manage.py db_worker`) runs `ExportJob.work` through
`core.jobs.run`, which writes its progress and heartbeat, keeps the file in the default storage
(exports/<cycle>/) and records a readable error if it fails. A job whose worker died is queued
again, or failed with a retry (core.jobs). No export is made inside a web request.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from gcmhub.core import jobs
from gcmhub.core.access import require
from gcmhub.core.models import JobStatus
from gcmhub.exports import kinds as kinds_module
from gcmhub.exports import writers
from gcmhub.exports.access import EXPORT_PERM
from gcmhub.exports.models import ExportFormat, ExportJob

logger = logging.getLogger(__name__)

EXTENSIONS = {ExportFormat.XLSX: "xlsx", ExportFormat.CSV: "zip", ExportFormat.JSON: "json"}
CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "application/zip",
    ExportFormat.JSON: "application/json",
}


def export_filename(cycle, *, fmt: str, language: str) -> str:
    day = timezone.localdate().isoformat()
    suffix = "-csv" if fmt == ExportFormat.CSV else ""
    return f"gcmhub-{cycle.network.slug}-{cycle.pk}-{day}-{language}{suffix}.{EXTENSIONS[fmt]}"


def build_tables(cycle, *, progress: Callable[[int], None] | None = None, share: int = 90):
    """Read every kind of record of `cycle` (labels in the active language)."""
    tables = []
    for done, kind in enumerate(kinds_module.KINDS, start=1):
        tables.append(
            writers.Table(
                key=kind.key,
                label=str(kind.label),
                keys=kind.column_keys(),
                labels=[str(c.label) for c in kind.columns],
                hashtags=[c.hxl for c in kind.columns],
                widths=[c.width for c in kind.columns],
                rows=list(kind.rows(cycle)),
            )
        )
        if progress:
            progress(share * done // len(kinds_module.KINDS))
    return tables


def build_export(
    cycle, *, fmt: str, language: str, hxl: bool, progress: Callable[[int], None] | None = None
) -> tuple[str, bytes]:
    """Return the file name and content of an export of the whole cycle, in `fmt`."""
    if fmt not in ExportFormat.values:
        raise ValueError(f"Unknown export format: {fmt!r}")
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language: {language!r}")
    with override(language):
        tables = build_tables(cycle, progress=progress)
        if fmt == ExportFormat.XLSX:
            content = writers.tables_xlsx(tables, hxl=hxl)
        elif fmt == ExportFormat.CSV:
            content = writers.tables_csv_zip(tables, hxl=hxl, readme=_readme(cycle, tables))
        else:
            content = writers.tables_json(tables, meta=_meta(cycle, language))
    if progress:
        progress(100)
    return export_filename(cycle, fmt=fmt, language=language), content


def _meta(cycle, language: str) -> dict:
    return {
        "cycle": {
            "id": cycle.pk,
            "title": cycle.display_title,
            "network": cycle.network.slug,
            "network_name": cycle.network.display_name,
            "country": cycle.country.code,
            "start_date": cycle.start_date.isoformat(),
            "end_date": cycle.end_date.isoformat(),
        },
        "language": language,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "generator": "gcmhub",
    }


def _readme(cycle, tables) -> str:
    lines = [f"gcmhub · {cycle.network.display_name} · {cycle.display_title}", ""]
    lines += [f"{t.key}.csv\t{t.label}\t{len(t.rows)}" for t in tables]
    return "\n".join(lines) + "\n"


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
    if job.is_interrupted:
        jobs.recover(job)
    return job


def export_delete(*, job: ExportJob, by) -> None:
    """Delete a job and its file; a job still waiting or being made is refused (a worker
    would still write it)."""
    require(by, EXPORT_PERM, cycle=job.cycle)
    if job.is_pending:
        raise ValidationError(_("An export being made cannot be deleted: wait until it ends."))
    if job.file:
        job.file.delete(save=False)
    job.delete()
