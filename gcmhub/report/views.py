"""The report's stage pages: the cycle's needs assessment report and its published version."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from gcmhub.core.pages import cycle_page, cycle_redirect
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.documents import selectors, services
from gcmhub.report.kind import NEEDS_ASSESSMENT


def _context(network, cycle):
    return {"network": network, "cycle": cycle, "section": "report"}


@require_safe
@cycle_page(Perm.DOCUMENT_VIEW)
def report(request, network, cycle):
    """The stage page: the cycle's needs assessment report (started by an editor's first visit)."""
    document = cycle.documents.filter(kind=NEEDS_ASSESSMENT).first()
    if document is None and user_has_perm(request.user, Perm.DOCUMENT_EDIT, network=network):
        document = services.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=request.user)
    if document is not None:
        return redirect(document)
    return render(request, "report/not_started.html", _context(network, cycle))


@require_safe
@cycle_page(Perm.CYCLE_VIEW)
def published(request, network, cycle):
    """The published report of the cycle: its final version, for every member of the network."""
    document = cycle.documents.filter(kind=NEEDS_ASSESSMENT).first()
    final = selectors.final_version(document) if document else None
    if final is None:
        return render(request, "report/not_published.html", _context(network, cycle))
    return cycle_redirect("version-detail", cycle, document_pk=document.pk, version_pk=final.pk)
