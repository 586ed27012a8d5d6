"""The pages of a file made by a worker: its state (polled by htmx until it is ready), its
download and its retry. Who may see a file is its maker's rule (`core.jobs.Maker.may_read`)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core import jobs
from gcmhub.core.models import FileJob


def _job_for(request, pk) -> FileJob:
    job = get_object_or_404(FileJob, pk=pk)
    if not jobs.may_read(request.user, job):
        raise Http404  # the same answer as for a file that does not exist
    return jobs.watch(job)


@require_safe
def file_job(request, pk):
    """The job's state: a fragment for htmx (every second while it is being made), or a page."""
    job = _job_for(request, pk)
    if request.htmx:
        return render(request, "core/file_job.html", {"job": job})
    if job.status == "done" and request.GET.get("download"):
        return redirect("file-download", pk=job.pk)
    return render(request, "core/file_job_page.html", {"job": job})


@require_safe
def file_download(request, pk):
    job = _job_for(request, pk)
    if job.status != "done":
        return redirect("file-job", pk=job.pk)
    return jobs.serve(job)


@require_POST
def file_retry(request, pk):
    job = _job_for(request, pk)
    if job.status == "failed":
        job = jobs.retry(job)  # or the newer job already making the same file
        if not request.htmx:
            messages.info(request, _("The file is being made again."))
    if request.htmx:
        return render(request, "core/file_job.html", {"job": job})
    return redirect(reverse("file-job", kwargs={"pk": job.pk}))
