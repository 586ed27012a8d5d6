from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.access import cycle_with_perm
from gcmhub.core.downloads import download
from gcmhub.core.feedback import report_errors, report_form_errors
from gcmhub.core.i18n import search_fold, sort_key
from gcmhub.core.permissions import Perm, Role
from gcmhub.directory.selectors import actor_of
from gcmhub.documents import selectors as document_selectors
from gcmhub.documents.forms import EndorsementForm, IssueForm
from gcmhub.documents.models import Version
from gcmhub.meetings import selectors, services
from gcmhub.meetings.calendar import meeting_ics
from gcmhub.meetings.exports import minutes_docx, minutes_pdf
from gcmhub.meetings.forms import (
    COMMON_ZONES,
    AgendaFormSet,
    InviteForm,
    MeetingForm,
    MinutesForm,
    OutcomeForm,
    ReplyForm,
    ResolveForm,
    ValidationOutcomeForm,
    WalkInForm,
)
from gcmhub.meetings.models import Meeting, MeetingType, Outcome, OutcomeType, Presence
from gcmhub.network.tor import TERMS_OF_REFERENCE
from gcmhub.report.kind import NEEDS_ASSESSMENT

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _cycle(request, network_slug, cycle_pk, perm=Perm.MEETING_VIEW):
    return cycle_with_perm(request, network_slug, cycle_pk, perm)


def _meeting(cycle, pk) -> Meeting:
    try:
        meeting = selectors.meeting_for_page(cycle, pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    meeting.cycle = cycle
    return meeting


def _context(network, cycle, **extra):
    return {"network": network, "cycle": cycle, "section": "validation", **extra}


def _sections(meeting):
    return meeting.version.content["sections"] if meeting.version_id else []


def _versions(cycle):
    return (
        Version.objects.filter(document__cycle=cycle)
        .select_related("document")
        .defer("content")
        .order_by("document", "-major", "-minor")
    )


@require_safe
def meeting_list(request, network_slug, cycle_pk):
    """The validation stage: the meetings, and the road to the final version of each document
    (the report, the terms of reference)."""
    network, cycle = _cycle(request, network_slug, cycle_pk)
    actor = actor_of(request.user, network.pk)
    documents = cycle.documents.filter(kind__in=[NEEDS_ASSESSMENT, TERMS_OF_REFERENCE]).order_by(
        "kind"
    )
    panels = [_finalisation_panel(request, document, actor) for document in documents]
    context = _context(
        network,
        cycle,
        meetings=selectors.meetings_of(cycle),
        panels=panels,
        finalise_form=IssueForm(),
    )
    return render(request, "meetings/meeting_list.html", context)


def _finalisation_panel(request, document, actor) -> dict:
    final = document_selectors.final_version(document)
    endorsements = sorted(
        final.endorsements.select_related("organisation", "responded_by") if final else [],
        key=lambda e: sort_key(e.organisation.label),
    )
    own = next(
        (
            e
            for e in endorsements
            if actor.role == Role.FOCAL_POINT and e.organisation_id == actor.organisation_id
        ),
        None,
    )
    form = None
    if own is not None:
        form = EndorsementForm(
            initial={"response": own.response, "reservation": own.reservation}
            if own.responded_at
            else None
        )
    return {
        "document": document,
        "final": final,
        "latest": document_selectors.latest_version(document),
        "blockers": [] if final else selectors.finalisation_blockers(document),
        "open_changes": selectors.open_changes(document),
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
            form.add_error(None, error)
    return render(
        request,
        "meetings/meeting_form.html",
        _context(network, cycle, form=form, meeting=meeting, zones=COMMON_ZONES),
    )


def meeting_create(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_MANAGE)
    return _meeting_form(request, network, cycle)


def meeting_edit(request, network_slug, cycle_pk, meeting_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_MANAGE)
    meeting = _meeting(cycle, meeting_pk)
    if request.method == "POST" and "delete" in request.POST:
        try:
            services.meeting_delete(meeting=meeting, by=request.user)
            messages.success(request, _("The meeting has been cancelled and removed."))
            return redirect("meeting-list", network_slug=network.slug, cycle_pk=cycle.pk)
        except ValidationError as error:
            report_errors(request, error)
            return redirect(meeting)
    return _meeting_form(request, network, cycle, meeting)


@require_safe
def meeting_detail(request, network_slug, cycle_pk, meeting_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    meeting = _meeting(cycle, meeting_pk)
    invitations = list(
        meeting.invitations.select_related("organisation", "person").order_by(
            "organisation__name", "person__last_name"
        )
    )
    actor = actor_of(request.user, network.pk)
    mine = [
        i
        for i in invitations
        if i.person_id == request.user.pk
        or (actor.role == Role.FOCAL_POINT and i.organisation_id == actor.organisation_id)
    ]
    register = list(selectors.register_of(meeting))
    counts = {p: sum(1 for a in register if a.presence == p) for p in Presence.values}
    context = _context(
        network,
        cycle,
        meeting=meeting,
        agenda=selectors.agenda_of(meeting),
        loose_outcomes=meeting.outcomes.filter(agenda_item__isnull=True).select_related(
            "resolved_in"
        ),
        invitations=invitations,
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
    )
    return render(request, "meetings/meeting_detail.html", context)


def agenda_edit(request, network_slug, cycle_pk, meeting_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_SECRETARIAT)
    meeting = _meeting(cycle, meeting_pk)
    items = list(meeting.agenda_items.order_by("order", "pk"))
    formset = AgendaFormSet(
        request.POST or None,
        prefix="agenda",
        form_kwargs={"sections": _sections(meeting)},
        initial=[
            {
                "id": item.pk,
                "title": item.title,
                "description": item.description,
                "sections": item.sections,
                "ORDER": n,
            }
            for n, item in enumerate(items, start=1)
        ],
    )
    if request.method == "POST" and formset.is_valid():
        rows = [
            f.cleaned_data
            for f in formset.ordered_forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        services.agenda_save(meeting=meeting, by=request.user, rows=rows)
        messages.success(request, _("The agenda has been saved."))
        return redirect(meeting)
    return render(
        request,
        "meetings/agenda_form.html",
        _context(network, cycle, meeting=meeting, formset=formset),
    )


def invitations(request, network_slug, cycle_pk, meeting_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_MANAGE)
    meeting = _meeting(cycle, meeting_pk)
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
            form.add_error(None, error)
    rows = meeting.invitations.select_related("organisation", "person").order_by(
        "organisation__name", "person__last_name"
    )
    return render(
        request,
        "meetings/invitations.html",
        _context(network, cycle, meeting=meeting, form=form, invitations=rows),
    )


@require_POST
def invitations_send(request, network_slug, cycle_pk, meeting_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_MANAGE)
    meeting = _meeting(cycle, meeting_pk)
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
    return redirect(
        "invitations", network_slug=network.slug, cycle_pk=cycle.pk, meeting_pk=meeting.pk
    )


@require_POST
def invitation_reply(request, network_slug, cycle_pk, meeting_pk, invitation_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    meeting = _meeting(cycle, meeting_pk)
    invitation = meeting.invitations.filter(pk=invitation_pk).first()
    if invitation is None:
        raise Http404
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_reply(invitation=invitation, by=request.user, **form.cleaned_data)
            messages.success(request, _("Your reply has been recorded. Thank you."))
        except ValidationError as error:
            report_errors(request, error)
    else:
        report_form_errors(request, form)
    return redirect(meeting)


def check_in(request, network_slug, cycle_pk, meeting_pk):
    """The secretariat's phone page during the meeting: one tap per person, walk-ins added."""
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_SECRETARIAT)
    meeting = _meeting(cycle, meeting_pk)
    form = WalkInForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            attendee = services.attendee_add(meeting=meeting, by=request.user, **form.cleaned_data)
            messages.success(
                request, _("%(name)s is on the register, present.") % {"name": attendee.name}
            )
            return redirect(request.path)
        except ValidationError as error:
            form.add_error(None, error)
    register = list(selectors.register_of(meeting))
    return render(
        request,
        "meetings/check_in.html",
        _context(
            network,
            cycle,
            meeting=meeting,
            register=register,
            form=form,
            presences=[p for p in Presence.choices if p[0] != Presence.UNKNOWN],
            present=sum(1 for a in register if a.presence == Presence.PRESENT),
        ),
    )


@require_POST
def attendee_mark(request, network_slug, cycle_pk, meeting_pk, attendee_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_SECRETARIAT)
    meeting = _meeting(cycle, meeting_pk)
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
        return render(
            request,
            "meetings/check_in.html#row",
            {
                "network": network,
                "cycle": cycle,
                "meeting": meeting,
                "a": attendee,
                "presences": [p for p in Presence.choices if p[0] != Presence.UNKNOWN],
            },
        )
    return redirect("check-in", network_slug=network.slug, cycle_pk=cycle.pk, meeting_pk=meeting.pk)


@require_safe
def minutes(request, network_slug, cycle_pk, meeting_pk):
    """Minutes per agenda item, and the outcomes: decisions, agreed changes, action points."""
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_SECRETARIAT)
    meeting = _meeting(cycle, meeting_pk)
    sections = _sections(meeting)
    agenda = list(selectors.agenda_of(meeting))
    for item in agenda:
        item.form = MinutesForm(prefix=f"m{item.pk}", initial={"minutes": item.minutes})
        item.outcome_form = OutcomeForm(prefix=f"o{item.pk}", sections=sections)
    context = _context(
        network,
        cycle,
        meeting=meeting,
        agenda=agenda,
        loose_outcomes=meeting.outcomes.filter(agenda_item__isnull=True).select_related(
            "resolved_in"
        ),
        loose_form=OutcomeForm(prefix="o0", sections=sections),
        sections={s["key"]: f"{s['number']}. {s['title']}" for s in sections},
    )
    return render(request, "meetings/minutes.html", context)


def _minutes_url(network, cycle, meeting, anchor=""):
    url = reverse(
        "minutes",
        kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk, "meeting_pk": meeting.pk},
    )
    return f"{url}#{anchor}" if anchor else url


@require_POST
def minutes_save(request, network_slug, cycle_pk, meeting_pk, item_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_SECRETARIAT)
    meeting = _meeting(cycle, meeting_pk)
    item = meeting.agenda_items.filter(pk=item_pk).first()
    if item is None:
        raise Http404
    form = MinutesForm(request.POST, prefix=f"m{item.pk}")
    if form.is_valid():
        services.minutes_save(item=item, by=request.user, minutes=form.cleaned_data["minutes"])
        messages.success(request, _("The minutes of “%(item)s” are saved.") % {"item": item.title})
    else:
        messages.error(request, _("The minutes are too long."))
    return redirect(_minutes_url(network, cycle, meeting, f"item-{item.pk}"))


@require_POST
def outcome_add(request, network_slug, cycle_pk, meeting_pk, item_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_SECRETARIAT)
    meeting = _meeting(cycle, meeting_pk)
    item = None
    if item_pk:
        item = meeting.agenda_items.filter(pk=item_pk).first()
        if item is None:
            raise Http404
    form = OutcomeForm(request.POST, prefix=f"o{item_pk}", sections=_sections(meeting))
    if form.is_valid():
        try:
            services.outcome_save(
                meeting=meeting, by=request.user, **{**form.cleaned_data, "agenda_item": item}
            )
            messages.success(request, _("The outcome is recorded."))
        except ValidationError as error:
            report_errors(request, error)
    else:
        report_form_errors(request, form)
    return redirect(_minutes_url(network, cycle, meeting, f"item-{item_pk}"))


def _outcome(meeting, pk):
    outcome = meeting.outcomes.select_related("resolved_in").filter(pk=pk).first()
    if outcome is None:
        raise Http404
    outcome.meeting = meeting
    return outcome


@require_POST
def outcome_delete(request, network_slug, cycle_pk, meeting_pk, outcome_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_SECRETARIAT)
    meeting = _meeting(cycle, meeting_pk)
    outcome = _outcome(meeting, outcome_pk)
    try:
        services.outcome_delete(outcome=outcome, by=request.user)
        messages.success(request, _("The outcome has been removed."))
    except ValidationError as error:
        report_errors(request, error)
    return redirect(_minutes_url(network, cycle, meeting, f"item-{outcome.agenda_item_id or 0}"))


@require_POST
def action_done(request, network_slug, cycle_pk, meeting_pk, outcome_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_SECRETARIAT)
    meeting = _meeting(cycle, meeting_pk)
    outcome = _outcome(meeting, outcome_pk)
    if outcome.type != OutcomeType.ACTION_POINT:
        raise Http404
    services.action_done(outcome=outcome, by=request.user, done=request.POST.get("done") == "1")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(_minutes_url(network, cycle, meeting, f"outcome-{outcome.pk}"))


def outcome_resolve(request, network_slug, cycle_pk, meeting_pk, outcome_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_SECRETARIAT)
    meeting = _meeting(cycle, meeting_pk)
    outcome = _outcome(meeting, outcome_pk)
    if outcome.type != OutcomeType.AGREED_CHANGE or meeting.version is None:
        raise Http404
    discussed = meeting.version
    later = [
        v
        for v in document_selectors.versions_of(discussed.document)
        if (v.major, v.minor) > (discussed.major, discussed.minor)
    ]
    form = ResolveForm(
        request.POST or None,
        versions=later,
        may_waive=actor_of(request.user, network.pk).role == Role.COORDINATOR,
        initial={
            "resolution": outcome.resolution,
            "version": str(outcome.resolved_in_id) if outcome.resolved_in_id else "next",
            "no_text_change": outcome.no_text_change,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_resolve(outcome=outcome, by=request.user, **form.data_for_service())
            messages.success(request, _("The agreed change is marked resolved."))
            return redirect("meeting-list", network_slug=network.slug, cycle_pk=cycle.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "meetings/resolve_form.html",
        _context(network, cycle, meeting=meeting, outcome=outcome, form=form),
    )


@require_POST
def validation_record(request, network_slug, cycle_pk, meeting_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.MEETING_MANAGE)
    meeting = _meeting(cycle, meeting_pk)
    form = ValidationOutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.validation_record(meeting=meeting, by=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("The outcome is recorded against version %(number)s.")
                % {"number": meeting.version.number},
            )
        except ValidationError as error:
            report_errors(request, error)
    else:
        messages.error(request, _("Choose the outcome of the validation."))
    return redirect(meeting)


@require_safe
def meeting_calendar(request, network_slug, cycle_pk, meeting_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    meeting = _meeting(cycle, meeting_pk)
    return download(meeting_ics(meeting), "text/calendar; charset=utf-8", "meeting.ics")


@require_safe
def minutes_download(request, network_slug, cycle_pk, meeting_pk, fmt):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    meeting = _meeting(cycle, meeting_pk)
    language = request.LANGUAGE_CODE
    if fmt == "docx":
        content, content_type = minutes_docx(meeting, language=language), DOCX
    elif fmt == "pdf":
        content, content_type = minutes_pdf(meeting, language=language), "application/pdf"
    else:
        raise Http404
    day = timezone.localtime(meeting.starts_at, meeting.tz).date()
    return download(content, content_type, f"minutes-{day}.{fmt}")


@require_safe
def action_list(request, network_slug, cycle_pk):
    """The action tracker: every action point of the cycle's meetings, open ones first."""
    network, cycle = _cycle(request, network_slug, cycle_pk)
    today = timezone.localdate()
    actions = list(
        Outcome.objects.filter(meeting__cycle=cycle, type=OutcomeType.ACTION_POINT)
        .select_related("meeting__cycle__network")
        .order_by("done", "due_date", "pk")
    )
    for action in actions:
        action.status = (
            "done" if action.done else ("overdue" if action.due_date < today else "open")
        )
    status = request.GET.get("status", "")
    owner = request.GET.get("owner", "").strip()
    if status in {"open", "overdue", "done"}:
        actions = [a for a in actions if a.status == status]
    if owner:
        folded = search_fold(owner)
        actions = [a for a in actions if folded in search_fold(a.owner)]
    context = _context(
        network,
        cycle,
        actions=actions,
        status=status,
        owner=owner,
        overdue=sum(1 for a in actions if a.status == "overdue"),
    )
    context["section"] = "coordination"
    return render(request, "meetings/action_list.html", context)
