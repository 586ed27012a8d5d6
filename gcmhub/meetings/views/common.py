"""What the meeting pages share: their layout, the meeting's sections and versions, the
outcomes with the steps the user may take."""

from django.http import Http404

from gcmhub.core.pages import cycle_reverse
from gcmhub.documents.models import Version
from gcmhub.documents.selectors import version_outline
from gcmhub.meetings import selectors
from gcmhub.meetings.access import with_steps


def _context(network, cycle, **extra):
    return {"network": network, "cycle": cycle, "section": "validation", **extra}


def _sections(meeting):
    """The sections of the meeting's version ({"key", "number", "title", "kind"}), without
    reading its frozen content (megabytes for a large report)."""
    return version_outline(meeting.version) if meeting.version_id else []


def _versions(cycle):
    return (
        Version.objects.filter(document__cycle=cycle)
        .select_related("document")
        .defer("content")
        .order_by("document", "-major", "-minor")
    )


def _minutes_url(network, cycle, meeting, anchor=""):
    url = cycle_reverse("minutes", cycle, meeting_pk=meeting.pk)
    return f"{url}#{anchor}" if anchor else url


def _outcome(meeting, pk):
    outcome = meeting.outcomes.select_related("resolved_in").filter(pk=pk).first()
    if outcome is None:
        raise Http404
    outcome.meeting = meeting
    return outcome


def _agenda(request, network, meeting) -> list:
    """The agenda items, each with its outcomes and the steps the user may take on them."""
    agenda = list(selectors.agenda_of(meeting))
    for item in agenda:
        item.outcome_rows = with_steps(request.user, network, item.outcomes.all())
    return agenda


def _loose_outcomes(request, network, meeting) -> list:
    outcomes = meeting.outcomes.filter(agenda_item__isnull=True).select_related(
        "resolved_in", "owner_organisation", "owner_person"
    )
    return with_steps(request.user, network, outcomes)
