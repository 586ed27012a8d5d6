"""The meetings of a cycle and the road to the final version: the list with the finalisation
panels, scheduling, the overview of a meeting and its calendar file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.coordination.tor import TERMS_OF_REFERENCE
from gcmhub.core.access import actor_for
from gcmhub.core.downloads import download
from gcmhub.core.feedback import report_errors
from gcmhub.core.i18n import sort_key
from gcmhub.core.pages import act_and_back, cycle_page, cycle_redirect, form_errors
from gcmhub.core.permissions import Perm
from gcmhub.documents import selectors as document_selectors
from gcmhub.documents.forms import EndorsementForm, IssueForm
from gcmhub.meetings import selectors, services
from gcmhub.meetings.access import finalisation_steps, get_meeting_for_user, with_steps
from gcmhub.meetings.calendar import meeting_ics
from gcmhub.meetings.forms import (
    COMMON_ZONES,
    CancelForm,
    MeetingForm,
    ReplyForm,
    ValidationOutcomeForm,
)
from gcmhub.meetings.models import MeetingType
from gcmhub.meetings.views.common import (
    _agenda,
    _context,
    _loose_outcomes,
    _sections,
    _versions,
)
from gcmhub.report.kind import NEEDS_ASSESSMENT


@require_safe
@cycle_page(Perm.MEETING_VIEW)
def meeting_list(request, network, cycle):
    """The validation stage: the meetings, and the road to the final version of each document
    (the report, the terms of reference)."""
    actor = actor_for(request.user, network)
    documents = cycle.documents.filter(kind__in=[NEEDS_ASSESSMENT, TERMS_OF_REFERENCE]).order_by(
        "kind"
    )
    panels = [_finalisation_panel(request, network, document, actor) for document in documents]
    context = _context(
        network,
        cycle,
        meetings=selectors.meetings_of(cycle),
        panels=panels,
        finalise_form=IssueForm(),
    )
    return render(request, "meetings/meeting_list.html", context)


def _finalisation_panel(request, network, document, actor) -> dict:
    final = document_selectors.final_version(document)
    endorsements = sorted(
        final.endorsements.select_related("organisation", "responded_by") if final else [],
        key=lambda e: sort_key(e.organisation.label),
    )
    own = next(
        (e for e in endorsements if actor.speaks_for(e.organisation_id)),
        None,
    )
    form = None
    if own is not None:
        form = EndorsementForm(
            initial={"response": own.response, "reservation": own.reservation}
            if own.responded_at
            else None
        )
    blockers = [] if final else selectors.finalisation_blockers(document)
    return {
        "document": document,
        "final": final,
        "steps": finalisation_steps(actor, final=final, blockers=blockers, own_endorsement=own),
        "latest": document_selectors.latest_version(document),
        "blockers": blockers,
        # Each with its steps: the link to record a resolution only for who may record it.
        "open_changes": with_steps(request.user, network, selectors.open_changes(document)),
        "validation": selectors.validation_meetings(document).exclude(outcome="").last(),
        "endorsements": endorsements,
        "own_endorsement": own,
        "endorsement_form": form,
        "public_url": request.build_absolute_uri(
            reverse("public-report", kwargs={"token": document.public_token})
        ),
    }


def _meeting_form(request, network, cycle, meeting=None):
    initial = {"time_zone": "Europe/Istanbul", "type": MeetingType.VALIDATION}
    if meeting is not None:
        starts = timezone.localtime(meeting.starts_at, meeting.tz)
        ends = timezone.localtime(meeting.ends_at, meeting.tz)
        initial = {
            "title": meeting.title,
            "type": meeting.type,
            "date": starts.date(),
            "start_time": starts.time(),
            "end_time": ends.time(),
            "time_zone": meeting.time_zone,
            "venue": meeting.venue,
            "online_link": meeting.online_link,
            "version": meeting.version,
            "working_group": meeting.working_group,
        }
    else:
        document = cycle.documents.filter(kind=NEEDS_ASSESSMENT).first()
        latest = document_selectors.latest_version(document) if document else None
        initial["version"] = latest
    form = MeetingForm(
        request.POST or None, versions=_versions(cycle), network=network, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(
                cycle=cycle, by=request.user, **form.cleaned_data, meeting=meeting
            )
            messages.success(request, _("The meeting has been saved."))
            return redirect(meeting)
        except ValidationError as error:
            form_errors(form, error)
    return render(
        request,
        "meetings/meeting_form.html",
        _context(network, cycle, form=form, meeting=meeting, zones=COMMON_ZONES),
    )


@cycle_page(Perm.MEETING_MANAGE)
def meeting_create(request, network, cycle):
    return _meeting_form(request, network, cycle)


@cycle_page(Perm.MEETING_MANAGE)
def meeting_edit(request, network, cycle, meeting_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    if request.method == "POST" and "delete" in request.POST:
        try:
            services.meeting_delete(meeting=meeting, by=request.user)
            messages.success(request, _("The meeting has been cancelled and removed."))
            return cycle_redirect("meeting-list", cycle)
        except ValidationError as error:
            report_errors(request, error)
            return redirect(meeting)
    return _meeting_form(request, network, cycle, meeting)


@require_safe
@cycle_page(Perm.MEETING_VIEW)
def meeting_detail(request, network, cycle, meeting_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    actor = actor_for(request.user, network)
    mine = meeting.invitations.filter(person=request.user)
    if actor.speaks_for(actor.organisation_id):
        mine = mine | meeting.invitations.filter(organisation_id=actor.organisation_id)
    mine = list(
        mine.select_related("organisation").order_by("organisation__name", "person__last_name")[:1]
    )
    # The register and the list of invitations (every attendee, every organisation) are read
    # when asked for: `?register=1`, `?invited=1`, which the page's details fetch when opened
    # (htmx), or links without JavaScript.
    register = list(selectors.register_of(meeting)) if request.GET.get("register") else None
    invitations = None
    if request.GET.get("invited"):
        invitations = meeting.invitations.select_related("organisation", "person").order_by(
            "organisation__name", "person__last_name"
        )
    if request.htmx and (register is not None or invitations is not None):
        fragment = "register" if register is not None else "invited"
        return render(
            request,
            f"meetings/meeting_detail.html#{fragment}",
            {"register": register, "invitations": invitations},
        )
    counts = selectors.presence_counts(meeting)
    context = _context(
        network,
        cycle,
        meeting=meeting,
        agenda=_agenda(request, network, meeting),
        loose_outcomes=_loose_outcomes(request, network, meeting),
        invitations=invitations,
        replies=selectors.reply_counts(meeting),
        my_invitation=mine[0] if mine else None,
        reply_form=ReplyForm(
            initial={"reply": mine[0].reply, "delegate": mine[0].delegate} if mine else None
        ),
        register=register,
        counts=counts,
        outcome_form=ValidationOutcomeForm(
            initial={"outcome": meeting.outcome, "note": meeting.outcome_note}
        ),
        sections={s["key"]: f"{s['number']}. {s['title']}" for s in _sections(meeting)},
        cancel_form=CancelForm(),
    )
    return render(request, "meetings/meeting_detail.html", context)


@require_POST
@cycle_page(Perm.MEETING_MANAGE)
def meeting_cancel(request, network, cycle, meeting_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    form = CancelForm(request.POST)
    form.is_valid()
    return act_and_back(
        request,
        lambda: services.meeting_cancel(
            meeting=meeting, by=request.user, reason=form.cleaned_data.get("reason", "")
        ),
        _("The meeting is cancelled; the invitees have been told."),
        meeting.get_absolute_url(),
    )


@require_safe
@cycle_page(Perm.MEETING_VIEW)
def meeting_calendar(request, network, cycle, meeting_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    return download(meeting_ics(meeting), "text/calendar; charset=utf-8", "meeting.ics")
