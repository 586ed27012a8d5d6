"""Background jobs on Django's task queue (the django-tasks backport, database backend).

A job is a row of a model inheriting `core.models.Job` (an export, a file being made) that
says what a page shows: waiting, being made with its progress, ready, or failed with why. The
queue's own record only says which task to run: `enqueue(job)` queues `run_job`,
which a worker (`manage.py db_worker`) picks up and hands to `run(job)`.

With the database backend a job queued inside a transaction reaches the workers when the
transaction commits, and not at all when it rolls back: services queue jobs directly.

A worker that dies (killed, out of memory, the machine restarted) leaves its job "being made"
with a heartbeat that stops. `sweep()` (run by every worker when it starts and by the schedule)
and `recover(job)` (run when a page looks at the job) queue it again, up to `JOB_ATTEMPTS`
runs; then it is failed, and `retry(job)` starts it over. Nothing stays "being made" forever.

Files (`FileJob`): an app registers a `Maker` for each kind of file it makes;
`request_file(...)` returns the job making the file, or the one that made it already: a file of
the same key and state of the data is made once.
"""

import logging
import threading

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, OperationalError, close_old_connections, transaction
from django.http import FileResponse, Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from gcmhub.core.makers import Maker, maker_of, register_maker
from gcmhub.core.models import FileJob, Job, JobStatus, job_silent_since

logger = logging.getLogger(__name__)

__all__ = ["Maker", "maker_of", "register_maker"]  # the makers' registry, used through here

silent_since = job_silent_since


def job_models() -> list[type[Job]]:
    return [m for m in apps.get_models() if issubclass(m, Job)]


def enqueue(job: Job) -> None:
    """Queue `job` for a worker (visible to workers once the current transaction commits)."""
    result = run_job.enqueue(job._meta.label, job.pk)
    type(job).objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)


# In the worker -----------------------------------------------------------------------------


@task()
def run_job(model_label: str, pk: int) -> None:
    """The one task of the queue: run one background job (an export, a file being made)."""
    run(apps.get_model(model_label), pk)


def run(model: type[Job], pk: int) -> None:
    """Run job `pk`: mark it running, beat its heartbeat, save its result or its error."""
    rows = model.objects.filter(pk=pk)
    with transaction.atomic():
        job = rows.select_for_update().filter(status=JobStatus.QUEUED).first()
        if job is None:  # done, failed or taken by another worker meanwhile: nothing to do
            return
        now = timezone.now()
        job.attempts += 1
        rows.update(
            status=JobStatus.RUNNING,
            attempts=job.attempts,
            progress=0,
            started_at=now,
            heartbeat_at=now,
            error="",
        )
    job.status = JobStatus.RUNNING

    # This run's own row: a run taken for lost and queued again writes nothing from then on.
    mine = rows.filter(status=JobStatus.RUNNING, attempts=job.attempts)

    def progress(percent: int) -> None:
        mine.update(progress=max(0, min(int(percent), 99)), heartbeat_at=timezone.now())

    beat = _Heartbeat(mine)
    beat.start()
    try:
        updates = job.work(progress)
    except Exception as error:
        beat.stop()
        logger.exception("job %s %s failed", model._meta.label, pk)
        with translation.override(getattr(job, "language", "") or settings.LANGUAGE_CODE):
            message = _failure(error)
        mine.update(status=JobStatus.FAILED, error=message, finished_at=timezone.now())
        raise
    beat.stop()
    if not mine.update(
        status=JobStatus.DONE, progress=100, finished_at=timezone.now(), error="", **updates
    ):
        logger.warning("job %s %s ended after it was taken for lost", model._meta.label, pk)
        return
    logger.info("job %s %s done", model._meta.label, pk)


def _failure(error: Exception) -> str:
    return _(
        "It could not be made (%(error)s). Try again; if it fails again, tell the platform "
        "administrator."
    ) % {"error": f"{type(error).__name__}: {error}"[:500]}


class _Heartbeat:
    """A thread that tells, every JOB_HEARTBEAT_SECONDS, that the job's worker is alive
    while one long step (a PDF's layout) gives no progress, for JOB_MAX_SECONDS at most.
    0 turns it off (tests)."""

    def __init__(self, rows):
        self.rows = rows
        self.every = settings.JOB_HEARTBEAT_SECONDS
        # A job still running after this long is stuck: its heartbeat stops, and `recover`
        # takes it for lost like one whose worker died.
        self.until = timezone.now() + timezone.timedelta(seconds=settings.JOB_MAX_SECONDS)
        self.done = threading.Event()
        self.thread = None

    def start(self):
        if self.every > 0:
            self.thread = threading.Thread(target=self._beat, daemon=True, name="job-heartbeat")
            self.thread.start()

    def _beat(self):
        from django.db import connection

        try:
            while not self.done.wait(self.every) and timezone.now() < self.until:
                try:
                    self.rows.filter(status=JobStatus.RUNNING).update(heartbeat_at=timezone.now())
                except OperationalError:  # SQLite busy with the job's own write: next beat
                    close_old_connections()
        finally:
            connection.close()

    def stop(self):
        self.done.set()
        if self.thread is not None:
            self.thread.join(timeout=5)


# Recovery and retry ------------------------------------------------------------------------


def recover(job: Job) -> bool:
    """Queue `job` again (or fail it after JOB_ATTEMPTS runs) if its worker died; tell
    whether it was interrupted."""
    model = type(job)
    with transaction.atomic():
        locked = (
            model.objects.select_for_update()
            .filter(pk=job.pk, status=JobStatus.RUNNING)
            .filter(heartbeat_at__lt=silent_since())
            .first()
        )
        if locked is None:
            return False
        _forget_task(locked.task_id)
        if locked.attempts < settings.JOB_ATTEMPTS:
            model.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, progress=0)
            enqueue(locked)
            logger.warning("job %s %s lost its worker: queued again", model._meta.label, job.pk)
        else:
            with translation.override(getattr(locked, "language", "") or settings.LANGUAGE_CODE):
                message = _(
                    "The worker making it stopped %(attempts)d times before it was done. "
                    "Try again; if it stops again, tell the platform administrator."
                ) % {"attempts": locked.attempts}
            model.objects.filter(pk=job.pk).update(
                status=JobStatus.FAILED, finished_at=timezone.now(), error=message
            )
            logger.error(
                "job %s %s lost its worker %d times", model._meta.label, job.pk, locked.attempts
            )
    job.refresh_from_db()
    return True


def watch(job: Job) -> Job:
    """The job as a page shows it: one whose worker died is queued again first. A page only
    looks: when the database is busy (SQLite's lock), the recovery waits for the next look or
    the schedule's sweep rather than failing the page."""
    if job.is_interrupted:
        try:
            recover(job)
        except OperationalError:
            logger.info("job %s %s: recovery left to the next look", job._meta.label, job.pk)
    return job


def sweep() -> int:
    """Recover every job whose worker died; return how many there were."""
    count = 0
    for model in job_models():
        for job in model.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=silent_since()):
            count += recover(job)
        for job in model.objects.filter(status=JobStatus.QUEUED, created_at__lt=silent_since()):
            count += _requeue_lost(job)
    return count


def _requeue_lost(job: Job) -> bool:
    """A job waiting for a task that no longer waits (its queue record was pruned or failed
    before the job started): queue it again."""
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.filter(id=job.task_id or None)
    waiting = tasks.filter(status="READY")
    # Claimed by a worker that died before it started the job: running for too long.
    running = tasks.filter(status="RUNNING", started_at__gte=silent_since())
    if waiting.exists() or running.exists():
        return False
    _forget_task(job.task_id)
    enqueue(job)
    return True


def _forget_task(task_id: str) -> None:
    """The queue's record of a task whose worker died says "running" for ever: close it."""
    from django_tasks_db.models import DBTaskResult

    if task_id:
        DBTaskResult.objects.filter(id=task_id, status="RUNNING").update(
            status="FAILED", finished_at=timezone.now()
        )


def retry(job: Job) -> Job:
    """Start a failed job over (its attempts count again from zero); for a file already being
    made again by a newer request, that job."""
    model = type(job)
    if isinstance(job, FileJob) and (newer := _live_files(job.key, job.fingerprint).first()):
        return newer
    with transaction.atomic():
        updated = model.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
            status=JobStatus.QUEUED, progress=0, error="", attempts=0, finished_at=None
        )
        if updated:
            enqueue(job)
    job.refresh_from_db()
    return job


# Files -------------------------------------------------------------------------------------


def _live_files(key: str, fingerprint: str):
    """The jobs making (or that made) file `key` from that state of the data, not failed."""
    return FileJob.objects.filter(key=key, fingerprint=fingerprint).exclude(status=JobStatus.FAILED)


def request_file(
    kind: str,
    *,
    key: str,
    fingerprint: str = "",
    params: dict | None = None,
    cycle=None,
    language: str = "",
    by=None,
) -> FileJob:
    """The job that makes (or made) the file `key` from the data in state `fingerprint`:
    the existing one unless it failed, otherwise a new one, queued."""
    maker_of(kind)  # an unknown kind fails here, not in the worker
    live = _live_files(key, fingerprint)
    job = live.first()
    if job is not None:
        return watch(job)
    # A file of older data still waiting for a worker is the same file: it is made from the
    # newest data instead (ten endorsements in a minute make the final files once, not ten times).
    waiting = FileJob.objects.filter(key=key, status=JobStatus.QUEUED).first()
    if waiting is not None:
        try:
            with transaction.atomic():
                taken = FileJob.objects.filter(pk=waiting.pk, status=JobStatus.QUEUED).update(
                    fingerprint=fingerprint, params=params or {}
                )
        except IntegrityError:  # the newest data was asked for at the same moment
            return live.get()
        if taken:
            waiting.refresh_from_db()
            return waiting
    try:
        with transaction.atomic():
            job = FileJob.objects.create(
                kind=kind,
                key=key,
                fingerprint=fingerprint,
                params=params or {},
                cycle=cycle,
                language=language,
                requested_by=by if getattr(by, "is_authenticated", False) else None,
            )
            enqueue(job)
    except IntegrityError:  # the same request at the same moment (a double click)
        return live.get()
    return job


def file_for(key: str, fingerprint: str | None = None) -> FileJob | None:
    """The newest file made of `key` (of that state of the data if given), or None."""
    done = FileJob.objects.filter(key=key, status=JobStatus.DONE)
    if fingerprint is not None:
        done = done.filter(fingerprint=fingerprint)
    return done.first()


def may_read(user, job: FileJob) -> bool:
    try:
        return bool(maker_of(job.kind).may_read(user, job))
    except LookupError:
        return False


def serve(job: Job, *, content_type: str | None = None) -> FileResponse:
    """The stored file of a finished job (a FileJob, an export) as a download: no rendering,
    a worker made it."""
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=job.filename,
        content_type=content_type or job.content_type,
    )
