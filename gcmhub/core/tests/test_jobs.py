"""Background jobs: a file is made once by the worker, its page shows the progress and then the
link, a failure says why and offers a retry, and a job whose worker died is queued again (then
failed and retryable), never left "being made"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gcmhub.core import jobs
from gcmhub.core.models import FileJob, JobStatus

pytestmark = pytest.mark.django_db

MADE = []


def _make(job, progress):
    if job.params.get("fail"):
        raise ValueError("the data cannot be drawn")
    progress(50)
    MADE.append(job.key)
    return f"note-{job.params['n']}.txt", f"note {job.params['n']}".encode(), "text/plain"


def _may_read(user, job):
    return user.is_authenticated and user.username != "stranger"


@pytest.fixture(autouse=True)
def maker():
    MADE.clear()
    jobs.register_maker(jobs.Maker(kind="test-note", make=_make, may_read=_may_read))


def _request(n=1, fingerprint="a", **params):
    return jobs.request_file(
        "test-note", key=f"note:{n}", fingerprint=fingerprint, params={"n": n, **params}
    )


def test_a_file_is_made_once_by_the_worker_and_then_served(run_tasks):
    job = _request()
    assert job.status == JobStatus.QUEUED and job.task_id
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"

    assert run_tasks() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100 and job.attempts == 1
    assert job.filename == "note-1.txt" and job.size == 6
    assert job.file.read() == b"note 1"
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"

    # The same file of the same data is not made again; new data makes a new file.
    assert _request().pk == job.pk and run_tasks() == 0
    assert jobs.file_for("note:1").pk == job.pk
    newer = _request(fingerprint="b")
    assert newer.pk != job.pk
    run_tasks()
    assert MADE == ["note:1", "note:1"]
    assert jobs.file_for("note:1").pk == newer.pk
    assert jobs.file_for("note:1", "a").pk == job.pk


def test_newer_data_asked_for_while_the_file_waits_is_made_once_from_the_newest(run_tasks):
    first = _request(fingerprint="a")
    second = jobs.request_file("test-note", key="note:1", fingerprint="b", params={"n": 2})
    assert second.pk == first.pk and second.fingerprint == "b"
    assert run_tasks() == 1
    second.refresh_from_db()
    assert second.file.read() == b"note 2"
    # Once a file is being made, newer data makes another one after it.
    FileJob.objects.filter(pk=first.pk).update(status=JobStatus.RUNNING)
    assert _request(fingerprint="c").pk != first.pk


def test_two_requests_at_once_make_one_file(run_tasks):
    first, second = _request(), _request()
    assert first.pk == second.pk
    assert FileJob.objects.count() == 1


def test_a_failure_is_recorded_with_its_reason_and_can_be_retried(run_tasks):
    job = _request(fail=True)
    run_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "ValueError: the data cannot be drawn" in job.error
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"

    FileJob.objects.filter(pk=job.pk).update(params={"n": 1})
    job.refresh_from_db()
    assert jobs.retry(job).pk == job.pk
    assert job.status == JobStatus.QUEUED and job.error == "" and job.attempts == 0
    run_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.file.read() == b"note 1"


def test_a_new_request_after_a_failure_makes_a_new_job_which_a_retry_then_follows(run_tasks):
    failed = _request(fail=True)
    run_tasks()
    again = _request(fail=True)
    assert again.pk != failed.pk and again.status == JobStatus.QUEUED
    failed.refresh_from_db()
    assert jobs.retry(failed).pk == again.pk


def _die_while_running(job):
    """What a killed worker leaves: the job running, the heartbeat stopped, the task running."""
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING")
    FileJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        attempts=job.attempts + 1,
        heartbeat_at=timezone.now() - dt.timedelta(minutes=5),
    )
    job.refresh_from_db()


def test_a_job_whose_worker_died_is_queued_again_then_failed_and_retryable(run_tasks, settings):
    settings.JOB_ATTEMPTS = 3
    job = _request()
    for attempt in (1, 2):
        _die_while_running(job)
        assert job.is_interrupted
        assert jobs.sweep() == 1
        job.refresh_from_db()
        assert job.status == JobStatus.QUEUED, attempt
        assert job.attempts == attempt
    lost_task = DBTaskResult.objects.filter(status="FAILED").count()
    assert lost_task == 2  # the dead workers' tasks are closed, not "running" for ever

    _die_while_running(job)  # the third run dies too: failed, with a retry
    assert jobs.sweep() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "stopped 3 times" in job.error
    assert jobs.sweep() == 0

    jobs.retry(job)
    run_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1


def test_a_running_job_with_a_live_heartbeat_is_left_alone(run_tasks):
    job = _request()
    FileJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, heartbeat_at=timezone.now())
    assert jobs.sweep() == 0
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and not job.is_interrupted


def test_a_queued_job_whose_task_is_gone_is_queued_again(run_tasks):
    job = _request()
    DBTaskResult.objects.all().delete()
    FileJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    assert jobs.sweep() == 1
    assert run_tasks() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


def test_the_page_of_a_file_shows_progress_then_the_link_and_retry(client, coordinator, run_tasks):
    client.force_login(coordinator)
    job = _request()
    url = reverse("file-job", kwargs={"pk": job.pk})

    page = client.get(url).content.decode()
    assert "Your file is being made" in page
    assert "Waiting for a worker" in page and 'hx-trigger="every 1s"' in page

    run_tasks()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "hx-trigger" not in fragment
    assert "Download note-1.txt (6" in fragment
    download = client.get(reverse("file-download", kwargs={"pk": job.pk}))
    assert download["Content-Disposition"] == 'attachment; filename="note-1.txt"'
    assert b"".join(download.streaming_content) == b"note 1"


def test_a_failed_file_offers_a_retry_that_works(client, coordinator, run_tasks):
    client.force_login(coordinator)
    job = _request(fail=True)
    run_tasks()
    fragment = client.get(
        reverse("file-job", kwargs={"pk": job.pk}), headers={"HX-Request": "true"}
    ).content.decode()
    assert "the data cannot be drawn" in fragment and "Try again" in fragment

    FileJob.objects.filter(pk=job.pk).update(params={"n": 1})
    retried = client.post(
        reverse("file-retry", kwargs={"pk": job.pk}), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Waiting for a worker" in retried
    run_tasks()
    # Downloading before it is ready leads to the page of its progress.
    assert client.get(reverse("file-download", kwargs={"pk": job.pk})).status_code == 200


def test_a_file_is_hidden_from_who_may_not_read_it(client, run_tasks):
    from gcmhub.tests import factories

    job = _request()
    run_tasks()
    client.force_login(factories.UserFactory(username="stranger"))
    for name in ("file-job", "file-download"):
        assert client.get(reverse(name, kwargs={"pk": job.pk})).status_code == 404
    assert client.post(reverse("file-retry", kwargs={"pk": job.pk})).status_code == 404
    client.logout()
    response = client.get(reverse("file-download", kwargs={"pk": job.pk}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_run_taken_for_lost_writes_nothing_when_it_ends_after_all(run_tasks):
    job = _request()
    original = _make

    def slow_make(job_, progress):
        # While this run works, it is taken for lost and queued again (a late heartbeat).
        FileJob.objects.filter(pk=job_.pk).update(status=JobStatus.QUEUED, attempts=5)
        return original(job_, progress)

    jobs.register_maker(jobs.Maker(kind="test-note", make=slow_make, may_read=_may_read))
    run_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and not job.file  # the newer run will make it


def test_a_queued_job_whose_task_a_dead_worker_claimed_is_queued_again(run_tasks):
    job = _request()
    long_ago = timezone.now() - dt.timedelta(hours=1)
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=long_ago)
    FileJob.objects.filter(pk=job.pk).update(created_at=long_ago)
    old_task = job.task_id
    assert jobs.sweep() == 1
    assert DBTaskResult.objects.get(id=old_task).status == "FAILED"
    assert run_tasks() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


def test_a_failure_is_told_in_the_language_of_the_file(run_tasks):
    job = jobs.request_file(
        "test-note", key="note:tr", params={"n": 1, "fail": True}, language="tr"
    )
    run_tasks()
    job.refresh_from_db()
    assert job.error.startswith("Hazırlanamadı (ValueError: the data cannot be drawn)")


def test_a_stuck_job_stops_its_heartbeat_and_is_taken_for_lost(settings):
    settings.JOB_HEARTBEAT_SECONDS = 1
    settings.JOB_MAX_SECONDS = 0
    beat = jobs._Heartbeat(FileJob.objects.none())
    beat.start()
    beat.thread.join(timeout=3)
    assert not beat.thread.is_alive()  # past JOB_MAX_SECONDS: no more signs of life


def test_a_page_looking_at_a_lost_job_while_the_database_is_busy_still_answers(
    client, coordinator, monkeypatch
):
    from django.db import OperationalError

    job = _request()
    _die_while_running(job)

    def busy(job_):
        raise OperationalError("database table is locked")

    monkeypatch.setattr(jobs, "recover", busy)
    client.force_login(coordinator)
    response = client.get(reverse("file-job", kwargs={"pk": job.pk}), headers={"HX-Request": "1"})
    assert response.status_code == 200 and "Being made" in response.content.decode()
    monkeypatch.undo()
    assert jobs.watch(job).status == JobStatus.QUEUED  # the next look recovers it
