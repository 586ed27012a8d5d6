import logging

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.access import cycle_with_perm
from gcmhub.core.downloads import download
from gcmhub.core.permissions import Perm
from gcmhub.exports import selectors, services
from gcmhub.exports.forms import ExportForm
from gcmhub.exports.models import JobStatus

logger = logging.getLogger(__name__)

# Exporting everything is for whoever sees everything of the cycle: the coordinator (README).
EXPORT_PERM = Perm.CYCLE_MANAGE


def _page_url(network, cycle) -> str:
    return reverse("export-page", kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk})


def export_page(request, network_slug, cycle_pk):
    """The export form; a small export downloads at once, a large one becomes a job."""
    network, cycle = cycle_with_perm(request, network_slug, cycle_pk, EXPORT_PERM)
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
            return redirect(_page_url(network, cycle))
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
def export_job(request, network_slug, cycle_pk, job_pk):
    """One job's row: htmx asks for it every second until the job is finished."""
    network, cycle = cycle_with_perm(request, network_slug, cycle_pk, EXPORT_PERM)
    job = selectors.job_of(cycle, job_pk)
    if job is None:
        raise Http404
    if not request.htmx:
        return redirect(_page_url(network, cycle))
    return render(
        request, "exports/export.html#job", {"network": network, "cycle": cycle, "job": job}
    )


@require_safe
def export_download(request, network_slug, cycle_pk, job_pk):
    network, cycle = cycle_with_perm(request, network_slug, cycle_pk, EXPORT_PERM)
    job = selectors.job_of(cycle, job_pk)
    if job is None or job.status != JobStatus.DONE or not job.file:
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
def export_delete(request, network_slug, cycle_pk, job_pk):
    network, cycle = cycle_with_perm(request, network_slug, cycle_pk, EXPORT_PERM)
    job = selectors.job_of(cycle, job_pk)
    if job is None:
        raise Http404
    if job.is_pending:
        messages.error(request, _("An export being made cannot be deleted: wait until it ends."))
    else:
        services.export_delete(job=job)
        messages.success(request, _("The export has been deleted."))
    return redirect(_page_url(network, cycle))
