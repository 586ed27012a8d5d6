"""`manage.py db_worker`: django-tasks-db's worker, which first recovers the jobs whose worker
died (core.jobs.sweep) and makes sure the schedule's tick is waiting (core.schedule).

gcmhub.core comes before django_tasks_db in INSTALLED_APPS, so this command is the one run."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from gcmhub.core import schedule


class Command(DatabaseWorkerCommand):
    help = (
        "Run a worker of the task queue (documents, exports, the daily reminders): it first "
        "queues again the jobs whose worker died and makes sure the schedule's tick is waiting. "
        "Run one or more per machine (PostgreSQL: on several machines)."
    )

    def handle(self, *args, **options):
        # With --reload (the default under DEBUG) this process only watches the files; its
        # child, which runs the tasks, does the start-up work.
        watching = options.get("reload") and not options.get("batch")
        if not watching or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            schedule.worker_starting()
        return super().handle(*args, **options)
