"""Running the task queue inside a test: what `db_worker --batch` does, in the test's own
database connection and transaction (the worker's loop closes connections, which a test's
transaction does not survive)."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_tasks(limit: int = 100, *, only: str | None = None) -> int:
    """Run every task that is ready (and those they queue), oldest first; return how many.
    `only`: the tasks of that dotted path alone (e.g. the e-mails, not the files)."""
    count = 0
    while count < limit:
        if not run_next_task(only=only):
            return count
        count += 1
    raise AssertionError(f"more than {limit} tasks: one queues itself again and again?")


def run_next_task(*, only: str | None = None) -> bool:
    """Run the oldest ready task (of that dotted path alone, with `only`); whether there was
    one."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ready = DBTaskResult.objects.ready()
    if only is not None:
        ready = ready.filter(task_path=only)
    result = ready.order_by("-priority", "enqueued_at").first()
    if result is None:
        return False
    result.claim(worker.worker_id)
    worker.run_task(result)
    return True
