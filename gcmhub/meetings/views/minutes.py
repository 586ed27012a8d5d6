"""What was said and decided: the agenda, the minutes, outcomes and agreed changes, the
validation outcome, the minutes files and the action tracker."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcmhub.core.access import actor_for
from gcmhub.core.feedback import report_errors, report_form_errors
from gcmhub.core.i18n import search_fold
from gcmhub.core.pages import cycle_page, cycle_redirect, form_errors
from gcmhub.core.permissions import Perm
from gcmhub.documents import files
from gcmhub.documents import selectors as document_selectors
from gcmhub.meetings import services
from gcmhub.meetings.access import get_meeting_for_user
from gcmhub.meetings.files import minutes_file_request
from gcmhub.meetings.forms import (
    AgendaFormSet,
    MinutesForm,
    OutcomeForm,
    ResolveForm,
    ValidationOutcomeForm,
)
from gcmhub.meetings.models import Outcome, OutcomeType
from gcmhub.meetings.views.common import (
    _agenda,
    _context,
    _loose_outcomes,
    _minutes_url,
    _outcome,
    _sections,
)


@cycle_page(Perm.MEETING_SECRETARIAT)
def agenda_edit(request, network, cycle, meeting_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
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


@require_safe
@cycle_page(Perm.MEETING_SECRETARIAT)
def minutes(request, network, cycle, meeting_pk):
    """Minutes per agenda item, and the outcomes: decisions, agreed changes, action points."""
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    sections = _sections(meeting)
    agenda = _agenda(request, network, meeting)
    for item in agenda:
        item.form = MinutesForm(prefix=f"m{item.pk}", initial={"minutes": item.minutes})
    # The form to record an outcome (its lists name every organisation and person of the
    # network) comes when a "Record an outcome" is opened: `outcome_add`.
    context = _context(
        network,
        cycle,
        meeting=meeting,
        agenda=agenda,
        loose_outcomes=_loose_outcomes(request, network, meeting),
        sections={s["key"]: f"{s['number']}. {s['title']}" for s in sections},
    )
    return render(request, "meetings/minutes.html", context)


@require_POST
@cycle_page(Perm.MEETING_SECRETARIAT)
def minutes_save(request, network, cycle, meeting_pk, item_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
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


@require_http_methods(["GET", "HEAD", "POST"])
@cycle_page(Perm.MEETING_SECRETARIAT)
def outcome_add(request, network, cycle, meeting_pk, item_pk):
    """Record an outcome of an agenda item (0: of none). GET: the form, as a page of its own
    or (htmx) the fragment the minutes page opens in place."""
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    item = None
    if item_pk:
        item = meeting.agenda_items.filter(pk=item_pk).first()
        if item is None:
            raise Http404
    form = OutcomeForm(
        request.POST or None, prefix=f"o{item_pk}", sections=_sections(meeting), network=network
    )
    if request.method != "POST":
        template = "meetings/outcome_form.html"
        if request.htmx:
            template += "#outcome-form"
        context = _context(network, cycle, meeting=meeting, item=item, item_pk=item_pk, form=form)
        return render(request, template, context)
    if form.is_valid():
        try:
            services.outcome_save(
                meeting=meeting, by=request.user, **{**form.cleaned_data, "agenda_item": item}
            )
            messages.success(request, _("The outcome is recorded."))
        except ValidationError as error:
            form_errors(form, error)  # on the form's fields, shown as its errors are
            report_form_errors(request, form)
    else:
        report_form_errors(request, form)
    return redirect(_minutes_url(network, cycle, meeting, f"item-{item_pk}"))


@require_POST
@cycle_page(Perm.MEETING_SECRETARIAT)
def outcome_delete(request, network, cycle, meeting_pk, outcome_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    outcome = _outcome(meeting, outcome_pk)
    try:
        services.outcome_delete(outcome=outcome, by=request.user)
        messages.success(request, _("The outcome has been removed."))
    except ValidationError as error:
        report_errors(request, error)
    return redirect(_minutes_url(network, cycle, meeting, f"item-{outcome.agenda_item_id or 0}"))


@require_POST
@cycle_page(Perm.MEETING_SECRETARIAT)
def action_done(request, network, cycle, meeting_pk, outcome_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    outcome = _outcome(meeting, outcome_pk)
    if outcome.type != OutcomeType.ACTION_POINT:
        raise Http404
    services.action_done(outcome=outcome, by=request.user, done=request.POST.get("done") == "1")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(_minutes_url(network, cycle, meeting, f"outcome-{outcome.pk}"))


@cycle_page(Perm.MEETING_SECRETARIAT)
def outcome_resolve(request, network, cycle, meeting_pk, outcome_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
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
        may_waive=actor_for(request.user, network).has(Perm.DOCUMENT_FINALISE),
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
            return cycle_redirect("meeting-list", cycle)
        except ValidationError as error:
            form_errors(form, error)
    return render(
        request,
        "meetings/resolve_form.html",
        _context(network, cycle, meeting=meeting, outcome=outcome, form=form),
    )


@require_POST
@cycle_page(Perm.MEETING_MANAGE)
def validation_record(request, network, cycle, meeting_pk):
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
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
@cycle_page(Perm.MEETING_VIEW)
def minutes_download(request, network, cycle, meeting_pk, fmt):
    """The minutes' file in the reader's language, as stored once made from what the minutes
    say now (asked for the worker here when they changed); never rendered here."""
    meeting = get_meeting_for_user(request.user, cycle, meeting_pk)
    if fmt not in files.FORMATS:
        raise Http404
    job = minutes_file_request(meeting, language=request.LANGUAGE_CODE, fmt=fmt, by=request.user)
    return files.serve_or_wait(request, job)


@require_safe
@cycle_page(Perm.MEETING_VIEW)
def action_list(request, network, cycle):
    """The action tracker: every action point of the cycle's meetings, open ones first."""
    today = timezone.localdate()
    actions = list(
        Outcome.objects.filter(meeting__cycle=cycle, type=OutcomeType.ACTION_POINT)
        .select_related("meeting__cycle__network", "owner_organisation", "owner_person")
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
        actions = [a for a in actions if folded in search_fold(a.owner_label)]
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
