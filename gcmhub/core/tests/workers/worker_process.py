"""A worker process for the worker tests: `manage.py db_worker` (gcmhub's command, the one
production runs) with one more kind of file, "test-gate", which is being made until the file
named in its parameters exists. The test opens the gate, or kills the worker in the middle.

    python gcmhub/core/tests/workers/worker_process.py --no-reload --no-startup-delay
"""

import os
import sys
import time
from pathlib import Path

GATE_KIND = "test-gate"


def make_behind_gate(job, progress):
    progress(10)
    gate = Path(job.params["gate"])
    while not gate.exists():
        time.sleep(0.05)
    return "behind-the-gate.txt", b"made once the gate opened", "text/plain"


def register_gate_maker() -> None:
    from gcmhub.core import jobs

    jobs.register_maker(
        jobs.Maker(kind=GATE_KIND, make=make_behind_gate, may_read=lambda user, job: True)
    )


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    register_gate_maker()
    from django.core.management import call_command

    call_command("db_worker", *sys.argv[1:])
