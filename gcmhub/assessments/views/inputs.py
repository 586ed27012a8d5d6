"""Inputs: the list, an input's page, its form and its steps through the workflow, its history
and its files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.assessments import selectors, services
from gcmhub.assessments.access import get_input_for_user
from gcmhub.assessments.forms import (
    InputForm,
    NeedFormSet,
    ProposedActionFormSet,
    ReasonForm,
    ReferenceFormSet,
    language_of,
)
from gcmhub.core.access import actor_for
from gcmhub.core.feedback import report_errors
from gcmhub.core.history import records_to_rows
from gcmhub.core.pages import (
    act_and_back,
    cycle_page,
    cycle_redirect,
    cycle_reverse,
    form_errors,
    history_page,
)
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import State, Step
from gcmhub.directory.access import get_organisation_for_network
from gcmhub.editions.texts import edition, language_name, other_languages, prefetch
from gcmhub.framework.models import Objective


@require_safe
@cycle_page(Perm.ASSESSMENT_VIEW)
def input_list(request, network, cycle):
    inputs = selectors.inputs_for_user(request.user, cycle=cycle)
    state = request.GET.get("state", "")
    objective = request.GET.get("objective", "")
    if state in State.values:
        inputs = inputs.filter(state=state)
    if objective.isdigit():
        inputs = inputs.filter(objective__number=int(objective))
    page = Paginator(inputs.order_by("objective__number", "organisation__name"), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "network": network,
        "cycle": cycle,
        "inputs": page.object_list,
        "page": page,
        "filters": request.GET.copy(),
        "states": State.choices,
        "state": state,
        "objective": objective,
        "objectives": Objective.objects.order_by("number"),
        "section": "assessment",
    }
    return render(request, "assessments/input_list.html", context)


@require_POST
@cycle_page(Perm.INPUT_CONTRIBUTE)
def input_start(request, network, cycle, number):
    actor = actor_for(request.user, network)
    organisation = get_organisation_for_network(network, actor.organisation_id)
    try:
        objective = Objective.objects.get(number=number)
        input = services.input_open(
            cycle=cycle, organisation=organisation, objective=objective, by=request.user
        )
    except Objective.DoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        report_errors(request, error)
        return cycle_redirect("assessment-home", cycle)
    return cycle_redirect("input-edit", cycle, input_pk=input.pk)


def _input(request, cycle, input_pk):
    """The cycle's collection and the input, with the steps the user may take on it."""
    collection = selectors.collection_for_cycle(cycle)
    input = get_input_for_user(
        request.user, cycle=cycle, pk=input_pk, collection_closed=collection.is_closed
    )
    return collection, input


def _shown(input):
    """The input with everything its page shows, and its steps."""
    shown = selectors.input_detail(input)
    shown.steps = input.steps
    shown.cycle = input.cycle  # read for this user: who may translate it asks no query
    prefetch([shown, *shown.consultations.all()])
    return shown


@require_safe
@cycle_page(Perm.ASSESSMENT_VIEW)
def input_detail(request, network, cycle, input_pk):
    collection, input = _input(request, cycle, input_pk)
    deadline, deadline_reason = selectors.input_deadline(input, collection)
    context = {
        "network": network,
        "cycle": cycle,
        "collection": collection,
        "deadline": deadline,
        "deadline_reason": deadline_reason,
        "input": _shown(input),
        "reason_form": ReasonForm(),
        "section": "assessment",
    }
    return render(request, "assessments/input_detail.html", context)


@cycle_page(Perm.ASSESSMENT_VIEW)
def input_edit(request, network, cycle, input_pk):
    collection, input = _input(request, cycle, input_pk)
    if Step.EDIT not in input.steps:
        if request.method == "POST" and Step.VIEW in input.steps:
            # A second click on "Save and submit": the first one went through.
            messages.info(
                request, _("This input can no longer be edited here: nothing more was saved.")
            )
            return cycle_redirect("input-detail", cycle, input_pk=input.pk)
        raise PermissionDenied
    input = selectors.input_detail(input)
    current = services.input_content(input)
    consultations = list(selectors.consultations_for_user(request.user, cycle=cycle))
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = InputForm(
        data,
        objective=input.objective,
        consultations=consultations,
        initial={
            "version": input.version,
            "language": language_of(current.written, current.language),
            "situation": current.situation,
            "gaps": current.gaps,
            "gcm_actions": current.gcm_actions,
            "principles": current.principles,
            "consultations": [str(pk) for pk in current.consultations],
        },
    )
    organisations = network.organisations.all()
    needs = NeedFormSet(data, prefix="needs", initial=current.needs)
    actions = ProposedActionFormSet(
        data,
        prefix="actions",
        initial=[{**a, "lead": a["lead"]} for a in current.proposed_actions],
        form_kwargs={"organisations": organisations},
    )
    references = ReferenceFormSet(data, files, prefix="references", initial=current.references)
    if request.method == "POST" and all(
        [form.is_valid(), needs.is_valid(), actions.is_valid(), references.is_valid()]
    ):
        content = services.InputContent(
            language=form.cleaned_data["language"],
            situation=form.cleaned_data["situation"],
            gaps=form.cleaned_data["gaps"],
            needs=needs.rows(),
            proposed_actions=[
                {**a, "lead": a["lead"].pk if a["lead"] else None} for a in actions.rows()
            ],
            references=[_reference_row(r) for r in references.rows()],
            gcm_actions=form.cleaned_data["gcm_actions"],
            principles=form.cleaned_data["principles"],
            consultations=[int(pk) for pk in form.cleaned_data.get("consultations", [])]
            if "consultations" in form.fields
            else None,
        )
        try:
            services.input_save(
                input=input,
                by=request.user,
                content=content,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            if "submit" in request.POST:
                return _transition(
                    request,
                    cycle,
                    input,
                    services.input_submit,
                    _("Your input has been submitted."),
                )
            messages.success(
                request, _("Your input has been saved as a draft. Submit it when it is ready.")
            )
            return cycle_redirect("input-detail", cycle, input_pk=input.pk)
    context = {
        "network": network,
        "cycle": cycle,
        "input": input,
        "form": form,
        "needs": needs,
        "actions": actions,
        "references": references,
        "translated_into": _translated_into(input),
        "section": "assessment",
    }
    return render(request, "assessments/input_form.html", context)


def _translated_into(input) -> str:
    """The languages the input has a translation in (told to who changes its text)."""
    found = [
        language_name(language)
        for language in other_languages(input.language)
        if any(edition(input, name, language).translation for name in ("situation", "gaps"))
    ]
    return ", ".join(found)


def _reference_row(row: dict) -> dict:
    """Keep an existing file unless a new one is uploaded."""
    result = {k: row[k] for k in ("id", "kind", "title", "url") if k in row}
    if row.get("file"):
        result["file"] = row["file"]
    return result


def _transition(request, cycle, input, service, success, **kwargs):
    return act_and_back(
        request,
        lambda: service(input=input, by=request.user, **kwargs),
        success,
        cycle_reverse("input-detail", cycle, input_pk=input.pk),
    )


@require_POST
@cycle_page(Perm.ASSESSMENT_VIEW)
def input_submit(request, network, cycle, input_pk):
    collection, input = _input(request, cycle, input_pk)
    return _transition(
        request, cycle, input, services.input_submit, _("Your input has been submitted.")
    )


@require_POST
@cycle_page(Perm.ASSESSMENT_VIEW)
def input_withdraw(request, network, cycle, input_pk):
    collection, input = _input(request, cycle, input_pk)
    return _transition(
        request,
        cycle,
        input,
        services.input_withdraw,
        _("Your input has been withdrawn: it is a draft again, and the secretariat was told."),
    )


@require_POST
@cycle_page(Perm.ASSESSMENT_VIEW)
def input_accept(request, network, cycle, input_pk):
    collection, input = _input(request, cycle, input_pk)
    return _transition(
        request, cycle, input, services.input_accept, _("The input has been accepted.")
    )


def _with_reason(request, network, cycle, input_pk, service, success):
    collection, input = _input(request, cycle, input_pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        return _transition(
            request, cycle, input, service, success, reason=form.cleaned_data["reason"]
        )
    context = {
        "network": network,
        "cycle": cycle,
        "collection": collection,
        "input": _shown(input),
        "reason_form": form,
        "section": "assessment",
    }
    return render(request, "assessments/input_detail.html", context, status=400)


@require_POST
@cycle_page(Perm.ASSESSMENT_VIEW)
def input_return(request, network, cycle, input_pk):
    return _with_reason(
        request,
        network,
        cycle,
        input_pk,
        services.input_return,
        _("The input has been returned; its focal points have been told why."),
    )


@require_POST
@cycle_page(Perm.ASSESSMENT_VIEW)
def input_reopen(request, network, cycle, input_pk):
    return _with_reason(
        request,
        network,
        cycle,
        input_pk,
        services.input_reopen,
        _("The input has been reopened for its organisation."),
    )


@require_safe
@cycle_page(Perm.ASSESSMENT_VIEW)
def input_history(request, network, cycle, input_pk):
    collection, input = _input(request, cycle, input_pk)
    from gcmhub.assessments.models import Need, ProposedAction, Reference

    rows = records_to_rows(
        input.history.all(),
        Need.history.filter(input_id=input.pk),
        ProposedAction.history.filter(input_id=input.pk),
        Reference.history.filter(input_id=input.pk),
    )
    return history_page(
        request,
        input,
        rows,
        back=input.get_absolute_url(),
        section="assessment",
        show_object=True,
    )


@require_safe
@cycle_page(Perm.ASSESSMENT_VIEW)
def reference_file(request, network, cycle, input_pk, reference_pk):
    collection, input = _input(request, cycle, input_pk)
    reference = input.references.filter(pk=reference_pk).exclude(file="").first()
    if reference is None:
        raise Http404
    return FileResponse(
        reference.file.open("rb"),
        as_attachment=True,
        filename=reference.file.name.rsplit("/", 1)[-1],
    )
