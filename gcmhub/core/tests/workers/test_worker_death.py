"""A worker killed in the middle of a job (SIGKILL: no chance to clean up) leaves a job that
is queued again and finished by another worker, or, after JOB_ATTEMPTS runs, failed with a
retry; never "being made" for ever. Real `manage.py db_worker` processes on the test
database (SQLite in a file, or PostgreSQL); see conftest."""

import uuid

import pytest
from django_tasks_db.models import DBTaskResult

from gcmhub.core import jobs, schedule
from gcmhub.core.models import FileJob, JobStatus, ScheduledRun
from gcmhub.core.permissions import Role
from gcmhub.core.tests.workers.conftest import wait_until
from gcmhub.core.tests.workers.worker_process import GATE_KIND, register_gate_maker
from gcmhub.tests import factories

pytestmark = pytest.mark.worker


@pytest.fixture
def gated(tmp_path):
    """A file job that stays "being made" until its gate (a file) exists."""
    register_gate_maker()
    gate = tmp_path / "gate"
    job = jobs.request_file(GATE_KIND, key=f"test-gate:{uuid.uuid4()}", params={"gate": str(gate)})
    return job, gate


def _state(job):
    job.refresh_from_db()
    return job.status


def _running(job):
    return _state(job) == JobStatus.RUNNING and job.heartbeat_at is not None


def test_a_job_whose_worker_is_killed_is_queued_again_and_another_worker_finishes_it(
    workers, gated
):
    job, gate = gated
    first = workers.start()
    wait_until(lambda: _running(job), workers=workers)
    first_task = job.task_id
    assert jobs.sweep() == 0  # its worker is alive: its heartbeat goes on
    assert _state(job) == JobStatus.RUNNING

    workers.kill(first)
    # Silent for longer than the timeout: the sweep (of the schedule's tick, or of any worker
    # that starts) queues it again, and closes the queue's record of the dead run.
    wait_until(lambda: jobs.sweep() == 1, timeout=10)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.QUEUED, 1)
    assert job.task_id != first_task
    assert DBTaskResult.objects.get(id=first_task).status == "FAILED"

    gate.touch()
    second = workers.start()
    wait_until(lambda: _state(job) == JobStatus.DONE, workers=workers)
    assert job.attempts == 2 and job.progress == 100 and job.error == ""
    with job.file.open("rb") as handle:
        assert handle.read() == b"made once the gate opened"
    workers.kill(second)


def test_a_job_whose_worker_dies_a_third_time_is_failed_and_can_be_tried_again(workers, gated):
    job, gate = gated
    FileJob.objects.filter(pk=job.pk).update(attempts=2)  # its worker died twice before
    worker = workers.start()
    wait_until(lambda: _running(job), workers=workers)
    assert job.attempts == 3
    workers.kill(worker)

    wait_until(lambda: jobs.sweep() == 1, timeout=10)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.is_finished
    assert "stopped 3 times" in job.error

    jobs.retry(job)
    assert (job.status, job.attempts) == (JobStatus.QUEUED, 0)
    gate.touch()
    worker = workers.start()
    wait_until(lambda: _state(job) == JobStatus.DONE, workers=workers)
    assert job.attempts == 1
    workers.kill(worker)


def test_a_worker_makes_an_export_and_runs_the_schedule(workers, coordinator_of_a_cycle):
    """Plain `manage.py db_worker --batch`: the export of a cycle, the schedule's tick (which
    queues the day's reminders and its own next run) and the reminders, then it exits."""
    from gcmhub.exports import services

    cycle, coordinator = coordinator_of_a_cycle
    job = services.export_start(cycle=cycle, by=coordinator, fmt="json", language="tr", hxl=False)
    worker = workers.start("--batch", script=False)
    assert workers.wait(worker) == 0, workers.log()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, workers.log()
    with job.file.open("rb") as handle:
        assert b'"language": "tr"' in handle.read()
    runs = ScheduledRun.objects.all()
    assert {run.name for run in runs} == set(schedule.ENTRIES)
    assert {run.status for run in runs} == {JobStatus.DONE}
    waiting = DBTaskResult.objects.filter(task_path=schedule.tick.module_path, status="READY")
    assert waiting.count() == 1  # the next tick, in a minute


@pytest.fixture
def coordinator_of_a_cycle(workers):
    cycle = factories.CycleFactory()
    membership = factories.MembershipFactory(network=cycle.network, role=Role.COORDINATOR)
    return cycle, membership.user


def test_two_workers_share_the_queue_each_job_runs_once_and_one_tick_waits(
    workers, coordinator_of_a_cycle
):
    from gcmhub.exports import services
    from gcmhub.exports.models import ExportJob

    cycle, coordinator = coordinator_of_a_cycle
    for language in ("en", "tr", "en", "tr"):
        services.export_start(cycle=cycle, by=coordinator, fmt="json", language=language, hxl=False)
    first, second = workers.start(script=False), workers.start(script=False)
    exports = ExportJob.objects.all()
    wait_until(lambda: all(job.status == JobStatus.DONE for job in exports.all()), workers=workers)
    assert [job.attempts for job in exports] == [1, 1, 1, 1]
    tasks = DBTaskResult.objects.filter(id__in=[job.task_id for job in exports])
    assert [len(task.worker_ids) for task in tasks] == [1, 1, 1, 1]
    # Both started a tick if none was waiting; under the lock only one chain goes on.
    wait_until(
        lambda: (
            not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
            .exclude(task_path=schedule.tick.module_path)
            .exists()
        ),
        workers=workers,
    )
    waiting = DBTaskResult.objects.filter(task_path=schedule.tick.module_path, status="READY")
    wait_until(lambda: waiting.count() == 1, timeout=10, workers=workers)
    workers.kill(first)
    workers.kill(second)
