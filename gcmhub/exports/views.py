import logging

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.downloads import download
from gcmhub.core.pages import cycle_page, cycle_redirect, cycle_reverse, delete_and_back
from gcmhub.exports import selectors, services
from gcmhub.exports.access import EXPORT_PERM, get_job_for_cycle
from gcmhub.exports.forms import ExportForm
from gcmhub.exports.models import JobStatus

logger = logging.getLogger(__name__)


@cycle_page(EXPORT_PERM)
def export_page(request, network, cycle):
    """The export form; a small export downloads at once, a large one becomes a job."""
    form = ExportForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        options = {
            "fmt": form.cleaned_data["format"],
            "language": form.cleaned_data["language"],
            "hxl": form.cleaned_data["hxl"],
        }
        if not services.export_is_small(cycle):
            services.export_start(cycle=cycle, by=request.user, **options)
            messages.info(
                request, _("The export is being made: it will be listed below for download.")
            )
            return cycle_redirect("export-page", cycle)
        try:
            filename, content = services.build_export(cycle, **options)
        except Exception:  # shown as a message, like a failed job, never a 500
            logger.exception("export of cycle %s failed", cycle.pk)
            messages.error(request, _("The export could not be made. Try again later."))
        else:
            return download(content, services.CONTENT_TYPES[options["fmt"]], filename)
    context = {
        "network": network,
        "cycle": cycle,
        "form": form,
        "jobs": selectors.jobs_of(cycle),
        "crumbs": [(cycle.display_title, cycle.get_absolute_url()), (_("Export data"), "")],
    }
    return render(request, "exports/export.html", context)


@require_safe
@cycle_page(EXPORT_PERM)
def export_job(request, network, cycle, job_pk):
    """One job's row: htmx asks for it every second until the job is finished."""
    job = get_job_for_cycle(cycle, job_pk)
    if not request.htmx:
        return cycle_redirect("export-page", cycle)
    return render(
        request, "exports/export.html#job", {"network": network, "cycle": cycle, "job": job}
    )


@require_safe
@cycle_page(EXPORT_PERM)
def export_download(request, network, cycle, job_pk):
    job = get_job_for_cycle(cycle, job_pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=job.filename,
        content_type=services.CONTENT_TYPES[job.format],
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
