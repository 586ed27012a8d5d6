"""Make exports of a whole cycle: straight away when small, in a background thread otherwise.

A background export runs in a thread of the web process started once the request's
transaction commits (`transaction.on_commit`), writes its progress to its `ExportJob` row
and keeps the file in MEDIA_ROOT/exports/ for download. `EXPORTS_RUN_INLINE` (tests) runs
it at once in the request instead. A job that fails records a readable error, never a 500.
"""

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from gcmhub.core.access import require
from gcmhub.exports import kinds as kinds_module
from gcmhub.exports import writers
from gcmhub.exports.access import EXPORT_PERM
from gcmhub.exports.models import ExportFormat, ExportJob, JobStatus

logger = logging.getLogger(__name__)

# Above this many records an export goes to the background (the bench's cycle has ~20,000
# and takes several seconds; the demo's few hundred take well under one).
INLINE_LIMIT = 5_000

EXTENSIONS = {ExportFormat.XLSX: "xlsx", ExportFormat.CSV: "zip", ExportFormat.JSON: "json"}
CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "application/zip",
    ExportFormat.JSON: "application/json",
}


def inline_limit() -> int:
    return getattr(settings, "EXPORTS_INLINE_LIMIT", INLINE_LIMIT)


def export_is_small(cycle) -> bool:
    """Tell whether an export of `cycle` is quick enough to serve in the request."""
    return kinds_module.record_count(cycle) <= inline_limit()


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


# Background jobs -------------------------------------------------------------------------


@transaction.atomic
def export_start(*, cycle, by, fmt: str, language: str, hxl: bool) -> ExportJob:
    """Record an export job and run it once the transaction commits (at once if inline)."""
    require(by, EXPORT_PERM, cycle=cycle)
    job = ExportJob.objects.create(
        cycle=cycle, requested_by=by, format=fmt, language=language, hxl=hxl
    )
    logger.info("export %s of cycle %s asked for by %s", job.pk, cycle.pk, by)
    if getattr(settings, "EXPORTS_RUN_INLINE", False):
        export_run(job_pk=job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: _start_thread(job.pk))
    return job


def _start_thread(job_pk: int) -> None:
    threading.Thread(
        target=_run_in_thread, args=(job_pk,), name=f"export-{job_pk}", daemon=True
    ).start()


def _run_in_thread(job_pk: int) -> None:
    close_old_connections()
    try:
        export_run(job_pk=job_pk)
    finally:
        connection.close()  # the thread's own connection: nobody else will close it


def export_run(*, job_pk: int) -> None:
    """Make the file of job `job_pk`, writing its progress; record the error if it fails."""
    job = ExportJob.objects.select_related("cycle__network").get(pk=job_pk)
    jobs = ExportJob.objects.filter(pk=job.pk)
    jobs.update(status=JobStatus.RUNNING, progress=0)

    def progress(percent: int) -> None:
        jobs.update(progress=min(percent, 99))  # 100 once the file is saved

    try:
        filename, content = build_export(
            job.cycle, fmt=job.format, language=job.language, hxl=job.hxl, progress=progress
        )
        job.file.save(filename, ContentFile(content), save=False)
        jobs.update(
            file=job.file.name,
            status=JobStatus.DONE,
            progress=100,
            finished_at=timezone.now(),
            error="",
        )
        logger.info("export %s done: %s (%d bytes)", job.pk, job.file.name, len(content))
    except Exception as error:  # any failure is the job's, shown to the person who asked
        logger.exception("export %s failed", job.pk)
        with override(job.language):
            message = _(
                "The export could not be made (%(error)s). Try again; if it fails again, "
                "tell the platform administrator."
            ) % {"error": f"{type(error).__name__}: {error}"[:500]}
        jobs.update(status=JobStatus.FAILED, error=message, finished_at=timezone.now())


def export_delete(*, job: ExportJob, by) -> None:
    """Delete a job and its file; a job being made is refused (its thread still writes it)."""
    require(by, EXPORT_PERM, cycle=job.cycle)
    if job.is_pending:
        raise ValidationError(_("An export being made cannot be deleted: wait until it ends."))
    if job.file:
        job.file.delete(save=False)
    job.delete()
