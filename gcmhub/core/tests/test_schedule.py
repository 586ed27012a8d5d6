"""The schedule: the daily reminders run through the task queue, once per day however many
ticks and workers look; the tick queues its own next run, folds duplicates into one and
sweeps the jobs whose worker died."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gcmhub.core import schedule
from gcmhub.core.models import JobStatus, ScheduledRun

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def waiting_ticks():
    return DBTaskResult.objects.filter(task_path=schedule.tick.module_path, status="READY")


_SENT: list[dt.date] = []


def _send(*, today):
    _SENT.append(today)
    return 2


@pytest.fixture
def sent():
    """A schedule entry of the test's own at 07:00 that records the days it ran for."""
    schedule.register(schedule.Entry(name="test-entry", at=dt.time(7), send=f"{__name__}._send"))
    _SENT.clear()
    yield _SENT
    del schedule.ENTRIES["test-entry"]


def test_the_reminders_of_the_apps_are_on_the_schedule_every_morning():
    entries = schedule.ENTRIES
    assert {"input-reminders", "obligation-reminders"} <= set(entries)
    for name in ("input-reminders", "obligation-reminders"):
        assert entries[name].at == dt.time(7)
    assert entries["input-reminders"].send == "gcmhub.assessments.services.reminders_send"


def test_an_entry_is_due_at_its_hour_today_or_else_yesterday():
    entry = schedule.Entry(name="x", at=dt.time(7), send="")
    day = dt.date(2026, 12, 1)
    assert entry.due_at(at(day, 7)) == at(day, 7)
    assert entry.due_at(at(day, 23, 59)) == at(day, 7)
    assert entry.due_at(at(day, 6, 59)) == at(day - dt.timedelta(days=1), 7)


def test_an_entry_due_runs_once_however_many_ticks_look(sent, run_tasks):
    now = at(dt.date(2026, 12, 1), 7, 1)
    queued = schedule.queue_due(now)
    assert "test-entry" in [run.name for run in queued]
    assert "test-entry" not in [run.name for run in schedule.queue_due(now)]
    assert "test-entry" not in [run.name for run in schedule.queue_due(now + dt.timedelta(hours=3))]
    run_tasks()
    run = ScheduledRun.objects.get(name="test-entry")
    assert (run.status, run.due_at, run.summary) == (
        JobStatus.DONE,
        at(now.date(), 7),
        "2 e-mails sent",
    )
    assert sent == [timezone.localdate()]  # as of the day it runs
    # The next morning it is due again.
    assert "test-entry" in [r.name for r in schedule.queue_due(now + dt.timedelta(days=1))]


def test_the_input_reminders_go_through_the_queue(cycle, org_a, run_tasks, mailoutbox):
    from gcmhub.assessments.models import Assignment, Collection
    from gcmhub.core.permissions import Role
    from gcmhub.framework.models import Objective
    from gcmhub.tests import factories

    focal = factories.MembershipFactory(
        network=cycle.network, role=Role.FOCAL_POINT, organisation=org_a
    ).user
    Collection.objects.create(cycle=cycle, deadline=timezone.localdate() + dt.timedelta(days=6))
    Assignment.objects.create(
        cycle=cycle, organisation=org_a, objective=Objective.objects.get(number=9)
    )
    schedule.queue_due()
    run_tasks()
    assert [message.to for message in mailoutbox] == [[focal.email]]
    run = ScheduledRun.objects.get(name="input-reminders")
    assert (run.status, run.summary) == (JobStatus.DONE, "1 e-mails sent")


def test_a_worker_starting_queues_one_tick_and_the_tick_its_next_run(sent, run_tasks):
    schedule.worker_starting()
    schedule.worker_starting()  # a second worker: still one tick waiting
    assert waiting_ticks().count() == 1
    before = timezone.now()
    run_tasks()  # the tick, then what it queued that is ready
    assert ScheduledRun.objects.filter(name="test-entry", status=JobStatus.DONE).exists()
    (following,) = waiting_ticks()
    delay = following.run_after - before
    assert dt.timedelta(seconds=schedule.TICK_SECONDS - 5) < delay
    assert delay < dt.timedelta(seconds=schedule.TICK_SECONDS + 5)


def test_two_ticks_waiting_fold_into_one(run_tasks):
    schedule.tick.enqueue()
    schedule.tick.enqueue()  # two workers started at the same moment
    assert waiting_ticks().count() == 2
    run_tasks()
    assert waiting_ticks().count() == 1


def test_the_tick_queues_again_a_job_whose_worker_died(settings, cycle, coordinator, run_tasks):
    from gcmhub.exports.models import ExportJob

    long_ago = timezone.now() - dt.timedelta(seconds=settings.JOB_TIMEOUT_SECONDS + 1)
    job = ExportJob.objects.create(
        cycle=cycle,
        requested_by=coordinator,
        format="json",
        language="en",
        status=JobStatus.RUNNING,
        attempts=1,
        heartbeat_at=long_ago,
    )
    schedule.tick.enqueue()
    run_tasks()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)


def test_the_tick_prunes_the_queue_s_records_of_tasks_finished_a_week_ago(run_tasks):
    from django_tasks_db.models import DBTaskResult

    schedule.tick.enqueue()
    run_tasks()
    finished = DBTaskResult.objects.filter(status="SUCCESSFUL")
    assert finished.count() >= 1
    old = finished.first()
    DBTaskResult.objects.filter(pk=old.pk).update(finished_at=timezone.now() - dt.timedelta(days=8))
    assert schedule.prune_task_results() == 1
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    assert waiting_ticks().count() == 1  # what waits is never pruned
