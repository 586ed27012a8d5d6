"""The worker tests start real `manage.py db_worker` processes, which must open the test
database: PostgreSQL's they can; SQLite's is put in a file here when these tests are the ones
that set the database up (`pytest -m worker`, as `.ci/run` runs them). In a run of the whole
suite on SQLite the database is already in memory, out of other processes' reach: the tests
say so and skip."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
WORKER = Path(__file__).with_name("worker_process.py")
# The workers' settings: a heartbeat each second, silent for two it is dead.
HEARTBEAT, TIMEOUT = 1, 2


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path_factory.mktemp("worker-db") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    if connection.vendor == "postgresql":
        user = quote(db["USER"] or "")
        password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
        host = db["HOST"] or "localhost"
        port = f":{db['PORT']}" if db["PORT"] else ""
        return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"
    pytest.skip(f"no worker test on {connection.vendor}")


class Workers:
    """Starts worker processes on the test database and stops (or kills) them."""

    def __init__(self, tmp_path, media_root):
        self.tmp_path = tmp_path
        self.env = {
            **os.environ,
            "DEBUG": "1",
            "DATABASE_URL": _database_url(),
            "MEDIA_ROOT": str(media_root),
            "JOB_HEARTBEAT_SECONDS": str(HEARTBEAT),
            "JOB_TIMEOUT_SECONDS": str(TIMEOUT),
            "PYTHONUNBUFFERED": "1",
        }
        self.started: list[tuple[subprocess.Popen, Path]] = []

    def start(self, *options: str, script: bool = True) -> subprocess.Popen:
        """A worker: the test's one (with the "test-gate" kind) or plain `manage.py db_worker`."""
        log = self.tmp_path / f"worker-{len(self.started) + 1}.log"
        program = [str(WORKER)] if script else [str(ROOT / "manage.py"), "db_worker"]
        process = subprocess.Popen(
            [
                sys.executable,
                *program,
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.1",
                *options,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self.started.append((process, log))
        return process

    def log(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text()}" for _, log in self.started)

    def kill(self, process: subprocess.Popen) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def wait(self, process: subprocess.Popen, timeout: float = 60) -> int:
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the worker did not stop\n{self.log()}") from None

    def stop_all(self) -> None:
        for process, _ in self.started:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=10)


def wait_until(condition, *, timeout: float = 60, workers: Workers | None = None):
    """Ask `condition()` until it is true (and return it), or fail with the workers' logs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    raise AssertionError("waited in vain" + (f"\n{workers.log()}" if workers else ""))


@pytest.fixture
def workers(transactional_db, settings, tmp_path):
    """Workers on the test database; the test's own process judges their jobs with the same
    timeout. Every worker still running at the end is killed."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "the test database is in memory, out of a worker process's reach: run "
            "`pytest -m worker` (as .ci/run does) or the suite on PostgreSQL"
        )
    from gcmhub.framework.reference import ensure_reference_data

    ensure_reference_data()  # a transactional test starts from an empty database
    settings.JOB_TIMEOUT_SECONDS = TIMEOUT
    pool = Workers(tmp_path, settings.MEDIA_ROOT)
    yield pool
    pool.stop_all()
