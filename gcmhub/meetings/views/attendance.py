"""Who comes: invitations and replies, the check-in on the day, walk-ins."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gcmhub.core.feedback import report_errors, report_form_errors
from gcmhub.core.pages import cycle_page, cycle_redirect, cycle_reverse, form_errors, with_query
from gcmhub.core.permissions import Perm
from gcmhub.meetings import selectors, services
from gcmhub.meetings.access import get_meeting_for_user
from gcmhub.meetings.forms import (
    InviteForm,
    ReplyForm,
    WalkInForm,
)
from gcmhub.meetings.models import Presence
from gcmhub.meetings.views.common import (
    _context,
)

CHECK_IN_ROWS = 100  # people per page of the check-in


@cycle_page(Perm.MEETING_MANAGE)
def invitations(request, network, cycle, meeting_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    invited = meeting.invitations.values_list("organisation", flat=True)
    form = InviteForm(request.POST or None, network=network, invited=invited)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.invitations_set(
                meeting=meeting, by=request.user, organisations=form.cleaned_data["organisations"]
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d invitation added. Send the invitations when the list is complete.",
                    "%(count)d invitations added. Send the invitations when the list is complete.",
                    count,
                )
                % {"count": count},
            )
            return redirect(request.path)
        except ValidationError as error:
            form_errors(form, error)
    rows = meeting.invitations.select_related("organisation", "person").order_by(
        "organisation__name", "person__last_name", "pk"
    )
    page = Paginator(rows, CHECK_IN_ROWS).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/invitations.html",
        _context(
            network,
            cycle,
            meeting=meeting,
            form=form,
            invitations=page.object_list,
            page=page,
            filters=request.GET.copy(),
            counts=selectors.invitation_counts(meeting),
        ),
    )


@require_POST
@cycle_page(Perm.MEETING_MANAGE)
def invitations_send(request, network, cycle, meeting_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    count = services.invitations_send(meeting=meeting, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d invitation sent by e-mail with the calendar file.",
            "%(count)d invitations sent by e-mail with the calendar file.",
            count,
        )
        % {"count": count},
    )
    return cycle_redirect("invitations", cycle, meeting_pk=meeting.pk)


@require_POST
@cycle_page(Perm.MEETING_VIEW)
def invitation_reply(request, network, cycle, meeting_pk, invitation_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    invitation = meeting.invitations.filter(pk=invitation_pk).first()
    if invitation is None:
        raise Http404
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_reply(invitation=invitation, by=request.user, **form.cleaned_data)
            messages.success(request, _("Your reply has been recorded. Thank you."))
        except ValidationError as error:
            form_errors(form, error)  # on the form's fields, shown as its errors are
            report_form_errors(request, form)
    else:
        report_form_errors(request, form)
    return redirect(meeting)


@cycle_page(Perm.MEETING_SECRETARIAT)
def check_in(request, network, cycle, meeting_pk):
    """The secretariat's phone page during the meeting: one tap per person, walk-ins added."""
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    form = WalkInForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            attendee = services.attendee_add(meeting=meeting, by=request.user, **form.cleaned_data)
            messages.success(
                request, _("%(name)s is on the register, present.") % {"name": attendee.name}
            )
            return redirect(request.path)
        except ValidationError as error:
            form_errors(form, error)
    # The register a page at a time (a large meeting's is long); the headcount counts all.
    page = Paginator(selectors.register_of(meeting), CHECK_IN_ROWS).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "meetings/check_in.html",
        _context(
            network,
            cycle,
            meeting=meeting,
            register=page.object_list,
            page=page,
            filters=request.GET,
            query=request.GET.urlencode(),  # each mark returns to this page (and its filters)
            form=form,
            presences=[p for p in Presence.choices if p[0] != Presence.UNKNOWN],
            **selectors.headcount(meeting),
        ),
    )


@require_POST
@cycle_page(Perm.MEETING_SECRETARIAT)
def attendee_mark(request, network, cycle, meeting_pk, attendee_pk):
    """Mark one person: with htmx, their row and the headcount; without, back to the page of
    the register (and its filters) the mark was made on, at that person."""
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    attendee = meeting.attendees.select_related("organisation").filter(pk=attendee_pk).first()
    if attendee is None:
        raise Http404
    try:
        attendee = services.attendee_mark(
            attendee=attendee, by=request.user, presence=request.POST.get("presence", "")
        )
    except ValidationError as error:
        if not request.htmx:
            report_errors(request, error)
    if request.htmx:
        # The row, and the headcount above the list (out of band): it moves with each mark.
        context = {
            "network": network,
            "cycle": cycle,
            "meeting": meeting,
            "a": attendee,
            "presences": [p for p in Presence.choices if p[0] != Presence.UNKNOWN],
            "query": request.POST.get("back", ""),
            **selectors.headcount(meeting),
            "oob": True,
        }
        row = render_to_string("meetings/check_in.html#row", context, request=request)
        count = render_to_string("meetings/check_in.html#headcount", context, request=request)
        return HttpResponse(row + count)
    back = cycle_reverse("check-in", cycle, meeting_pk=meeting.pk)
    query = request.POST.get("back", "")
    return redirect(with_query(back, query, anchor=f"attendee-{attendee.pk}"))
