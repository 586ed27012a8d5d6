from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core import jobs
from gcmhub.core.models import JobStatus
from gcmhub.core.pages import (
    act_and_back,
    cycle_page,
    cycle_redirect,
    cycle_reverse,
    delete_and_back,
)
from gcmhub.exports import selectors, services
from gcmhub.exports.access import EXPORT_PERM, get_job_for_cycle
from gcmhub.exports.forms import ExportForm


@cycle_page(EXPORT_PERM)
def export_page(request, network, cycle):
    """The export form; every export is a job a worker makes, listed below with its progress
    and then its link (htmx polls each job being made)."""
    form = ExportForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        services.export_start(
            cycle=cycle,
            by=request.user,
            fmt=form.cleaned_data["format"],
            language=form.cleaned_data["language"],
            hxl=form.cleaned_data["hxl"],
        )
        messages.info(
            request,
            _("The export is being made: its link appears below as soon as it is ready."),
        )
        return cycle_redirect("export-page", cycle)
    context = {
        "network": network,
        "cycle": cycle,
        "form": form,
        "jobs": [services.export_watch(job) for job in selectors.jobs_of(cycle)],
        "crumbs": [(cycle.display_title, cycle.get_absolute_url()), (_("Export data"), "")],
    }
    return render(request, "exports/export.html", context)


def _row(request, network, cycle, job):
    return render(
        request, "exports/export.html#job", {"network": network, "cycle": cycle, "job": job}
    )


@require_safe
@cycle_page(EXPORT_PERM)
def export_job(request, network, cycle, job_pk):
    """One job's row: htmx asks for it every second until the job is finished."""
    job = services.export_watch(get_job_for_cycle(cycle, job_pk))
    if not request.htmx:
        return cycle_redirect("export-page", cycle)
    return _row(request, network, cycle, job)


@require_safe
@cycle_page(EXPORT_PERM)
def export_download(request, network, cycle, job_pk):
    job = get_job_for_cycle(cycle, job_pk)
    content_type = services.CONTENT_TYPES.get(job.format)
    if content_type is None:  # a job of no known format (an empty one): nothing to serve it as
        messages.error(request, _("This export has no known format: make a new export."))
        return cycle_redirect("export-page", cycle)
    return jobs.serve(job, content_type=content_type)


@require_POST
@cycle_page(EXPORT_PERM)
def export_retry(request, network, cycle, job_pk):
    """Make a failed export again; from htmx, the row comes back polling."""
    job = get_job_for_cycle(cycle, job_pk)
    if request.htmx:
        if job.status == JobStatus.FAILED:
            services.export_retry(job=job, by=request.user)
        return _row(request, network, cycle, job)
    return act_and_back(
        request,
        lambda: services.export_retry(job=job, by=request.user),
        _("The export is being made again."),
        cycle_reverse("export-page", cycle),
    )


@require_POST
@cycle_page(EXPORT_PERM)
def export_delete(request, network, cycle, job_pk):
    job = get_job_for_cycle(cycle, job_pk)
    return delete_and_back(
        request,
        lambda: services.export_delete(job=job, by=request.user),
        _("The export has been deleted."),
        cycle_reverse("export-page", cycle),
    )
