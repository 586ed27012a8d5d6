"""Work the platform does on its own, on a schedule, through the task queue: the daily
reminders the apps register (and, each minute, the sweep of jobs whose worker died).

A periodic task, `tick`, runs every `TICK_SECONDS` on whichever worker is free: it queues its
own next run first (`run_after`), so that a worker dying in the middle does not end the chain,
then sweeps lost jobs (`core.jobs.sweep`) and queues each registered entry that is due. Each
worker makes sure a tick is waiting when it starts (`ensure_tick`, from `manage.py db_worker`).

A run of an entry is a row, `ScheduledRun` (a `core.models.Job`), unique per entry and time it
was due: however many workers and ticks look at the same moment, one of them creates the row
and queues it, the others find it there. A run whose worker dies is queued again like any
job; the reminders themselves go once each (their services remember what was sent), so a run
repeated or caught up later does no harm.

The commands `send_input_reminders` and `send_obligation_reminders` stay, for cron: they call
the same services, whose e-mails (notifications) a worker sends.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# How often the tick runs (seconds): how late a daily entry may start, and how soon a job whose
# worker died is queued again when no worker restarts.
TICK_SECONDS = 60


@dataclass(frozen=True)
class Entry:
    """Something done every day at `at` (local time, settings.TIME_ZONE): `send` is the
    dotted path of a service `send(*, today) -> int` that returns how many e-mails it sent."""

    name: str
    at: dt.time
    send: str

    def due_at(self, now: dt.datetime) -> dt.datetime:
        """The latest time this entry was due at or before `now`."""
        local = timezone.localtime(now)
        today = timezone.make_aware(dt.datetime.combine(local.date(), self.at))
        return today if today <= local else today - dt.timedelta(days=1)


# The entries, by name: each app registers its own from its AppConfig.ready() (core knows no
# feature app).
ENTRIES: dict[str, Entry] = {}


def register(item: Entry) -> None:
    ENTRIES[item.name] = item


def queue_due(now: dt.datetime | None = None) -> list:
    """Queue a run of every entry due and not yet run (or queued) for that time; return the
    runs queued here."""
    from gcmhub.core import jobs
    from gcmhub.core.models import ScheduledRun

    now = now or timezone.now()
    queued = []
    for item in ENTRIES.values():
        due = item.due_at(now)
        if ScheduledRun.objects.filter(name=item.name, due_at=due).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=item.name, send=item.send, due_at=due)
                jobs.enqueue(run)
        except IntegrityError:  # another worker's tick made it at the same moment
            continue
        logger.info("schedule: %s due at %s queued", item.name, due.isoformat())
        queued.append(run)
    return queued


# The tick ----------------------------------------------------------------------------------


# Whoever queues a tick holds this lock (PostgreSQL's advisory lock; on SQLite a write
# transaction already holds the database's, `transaction_mode` IMMEDIATE), so two workers
# looking at the same moment queue one tick between them.
TICK_LOCK = 0x67636D68  # "gcmh"


def _lock_ticks() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TICK_LOCK])


def _waiting_ticks():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=tick.module_path, status="READY")


def _queue_tick_unless_waiting(after: dt.timedelta | None = None) -> bool:
    """Queue a tick (in `after`, or now) unless one is waiting; tell whether it was queued."""
    with transaction.atomic():
        _lock_ticks()
        if _waiting_ticks().exists():
            return False
        task = tick.using(run_after=timezone.now() + after) if after else tick
        task.enqueue()
    return True


def ensure_tick() -> bool:
    """Queue a tick now unless one is waiting (a worker starting); tell whether it was."""
    return _queue_tick_unless_waiting()


@task()
def tick() -> dict:
    """Queue the next tick (first: a worker dying below does not end the chain), sweep the
    jobs whose worker died, queue the entries due. Two ticks waiting (queued by hand, or
    before the lock) fold into one: the second finds the first's next tick waiting."""
    from gcmhub.core import jobs

    _queue_tick_unless_waiting(after=dt.timedelta(seconds=TICK_SECONDS))
    swept = jobs.sweep()
    queued = queue_due()
    pruned = prune_task_results()
    return {"swept": swept, "queued": [run.name for run in queued], "pruned": pruned}


# The queue's records of finished tasks are kept this long (the jobs' own rows stay): the tick
# alone leaves one a minute.
KEEP_TASK_RESULTS = dt.timedelta(days=7)


def prune_task_results(now: dt.datetime | None = None) -> int:
    """Delete the queue's records of tasks finished more than KEEP_TASK_RESULTS ago."""
    from django_tasks_db.models import DBTaskResult

    before = (now or timezone.now()) - KEEP_TASK_RESULTS
    finished = DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=before
    )
    return finished.delete()[0]


def worker_starting() -> None:
    """What a worker does before it takes its first task (`manage.py db_worker`)."""
    from gcmhub.core import jobs

    swept = jobs.sweep()
    if swept:
        logger.warning("%d jobs had lost their worker: queued again or failed", swept)
    ensure_tick()
