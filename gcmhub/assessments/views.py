from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.assessments import selectors, services
from gcmhub.assessments.access import (
    get_consultation_for_user,
    get_input_for_user,
    input_facts,
)
from gcmhub.assessments.exports import coverage_xlsx
from gcmhub.assessments.forms import (
    ApplyForm,
    AssignmentForm,
    AttachmentForm,
    CollectionForm,
    ConsultationForm,
    CoverageFilterForm,
    InputForm,
    NeedFormSet,
    ProposedActionFormSet,
    ReasonForm,
    ReferenceFormSet,
    SynthesisForm,
    UploadForm,
    VolunteerForm,
)
from gcmhub.assessments.models import InputState, QuestionnaireUpload
from gcmhub.assessments.questionnaire import MAX_UPLOAD_BYTES, build_questionnaire
from gcmhub.assessments.stages import assessment_facts
from gcmhub.assessments.workflow import Step, can
from gcmhub.core.access import actor_for, cycle_with_perm
from gcmhub.core.downloads import download
from gcmhub.core.feedback import report_errors, report_form_errors
from gcmhub.core.history import records_to_rows
from gcmhub.core.permissions import Perm, Role, user_has_perm
from gcmhub.directory.access import get_organisation_for_network
from gcmhub.framework.models import Objective
from gcmhub.reporting.charts import bar_chart_svg

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cycle(request, network_slug, cycle_pk, perm=Perm.ASSESSMENT_VIEW):
    return cycle_with_perm(request, network_slug, cycle_pk, perm)


def _redirect(name, cycle, **kwargs):
    return redirect(name, network_slug=cycle.network.slug, cycle_pk=cycle.pk, **kwargs)


# The stage page


@require_safe
def assessment_home(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    actor = actor_for(request.user, network)
    collection = selectors.collection_for_cycle(cycle)
    context = {
        "network": network,
        "cycle": cycle,
        "collection": collection,
        "facts": assessment_facts(cycle),
        "section": "assessment",
    }
    if actor.role == Role.FOCAL_POINT and actor.organisation_id:
        organisation = get_organisation_for_network(network, actor.organisation_id)
        objectives = selectors.my_objectives(cycle, organisation)
        context.update(
            organisation=organisation,
            objectives=objectives,
            volunteer_form=VolunteerForm(taken=[o["assignment"].objective_id for o in objectives]),
            upload_form=UploadForm(),
        )
    if user_has_perm(request.user, Perm.INPUT_REVIEW, network=network):
        context["organisations"] = _organisation_progress(cycle)
    if user_has_perm(request.user, Perm.ASSESSMENT_MANAGE, network=network):
        context["collection_form"] = CollectionForm(instance=collection)
    return render(request, "assessments/assessment_home.html", context)


def _organisation_progress(cycle):
    counts = {
        f"n_{state}": Count("inputs", filter=Q(inputs__cycle=cycle, inputs__state=state))
        for state in InputState.values
    }
    return (
        cycle.network.organisations.filter(assignments__cycle=cycle)
        .annotate(asked=Count("assignments", filter=Q(assignments__cycle=cycle), distinct=True))
        .annotate(**{k: Count("inputs", filter=v.filter, distinct=True) for k, v in counts.items()})
        .order_by("name")
    )


@require_POST
def collection_edit(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.ASSESSMENT_MANAGE)
    form = CollectionForm(request.POST, instance=selectors.collection_for_cycle(cycle))
    if form.is_valid():
        services.collection_update(cycle=cycle, by=request.user, data=form.cleaned_data)
        messages.success(request, _("The deadline and instructions have been saved."))
    else:
        report_form_errors(request, form)
    return _redirect("assessment-home", cycle)


@require_POST
def collection_close(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.ASSESSMENT_MANAGE)
    try:
        services.collection_close(cycle=cycle, by=request.user)
        messages.success(request, _("The collection of inputs is closed; inputs are locked."))
    except ValidationError as error:
        report_errors(request, error)
    return _redirect("assessment-home", cycle)


@require_POST
def collection_reopen(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.ASSESSMENT_MANAGE)
    try:
        services.collection_reopen(cycle=cycle, by=request.user)
        messages.success(request, _("The collection of inputs is open again."))
    except ValidationError as error:
        report_errors(request, error)
    return _redirect("assessment-home", cycle)


@require_POST
def requests_send(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.ASSESSMENT_MANAGE)
    sent = services.requests_send(cycle=cycle, by=request.user)
    messages.success(
        request,
        _("%(count)d e-mails sent to focal points, each with its questionnaire.") % {"count": sent},
    )
    return _redirect("assessment-home", cycle)


# Assignments


def assignment_edit(request, network_slug, cycle_pk, organisation_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.ASSESSMENT_MANAGE)
    organisation = get_organisation_for_network(network, organisation_pk)
    assignments = selectors.assignments_for_organisation(cycle, organisation)
    initial = [a.objective for a in assignments]
    form = AssignmentForm(request.POST or None, initial={"objectives": initial})
    if request.method == "POST" and form.is_valid():
        try:
            services.assignments_set(
                cycle=cycle,
                organisation=organisation,
                objectives=form.cleaned_data["objectives"],
                by=request.user,
            )
            messages.success(
                request,
                _("The objectives of %(name)s have been saved.")
                % {"name": organisation.short_name},
            )
            return _redirect("assignment-list", cycle)
        except ValidationError as error:
            form.add_error(None, error)
    context = {
        "network": network,
        "cycle": cycle,
        "organisation": organisation,
        "form": form,
        "volunteered": [a for a in assignments if a.source == "volunteered"],
        "section": "assessment",
    }
    return render(request, "assessments/assignment_form.html", context)


@require_safe
def assignment_list(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.ASSESSMENT_MANAGE)
    from gcmhub.directory.selectors import organisation_tree

    by_organisation = {}
    for assignment in cycle.assignments.select_related("objective"):
        by_organisation.setdefault(assignment.organisation_id, []).append(assignment)
    organisations = organisation_tree(list(network.organisations.all()))
    for organisation in organisations:
        organisation.cycle_assignments = sorted(
            by_organisation.get(organisation.pk, []), key=lambda a: a.objective.number
        )
    context = {
        "network": network,
        "cycle": cycle,
        "organisations": organisations,
        "section": "assessment",
    }
    return render(request, "assessments/assignment_list.html", context)


@require_POST
def assignment_volunteer(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.INPUT_CONTRIBUTE)
    actor = actor_for(request.user, network)
    taken = cycle.assignments.filter(organisation_id=actor.organisation_id).values_list(
        "objective_id", flat=True
    )
    form = VolunteerForm(request.POST, taken=list(taken))
    if form.is_valid():
        try:
            services.assignment_volunteer(
                cycle=cycle, objective=form.cleaned_data["objective"], by=request.user
            )
            messages.success(
                request, _("The objective has been added to your organisation's objectives.")
            )
        except ValidationError as error:
            report_errors(request, error)
    else:
        messages.error(request, _("Choose an objective that is not yet among your organisation's."))
    return _redirect("assessment-home", cycle)


# Inputs


@require_safe
def input_list(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    inputs = selectors.inputs_for_user(request.user, cycle=cycle)
    state = request.GET.get("state", "")
    objective = request.GET.get("objective", "")
    if state in InputState.values:
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
        "states": InputState.choices,
        "state": state,
        "objective": objective,
        "objectives": Objective.objects.order_by("number"),
        "section": "assessment",
    }
    return render(request, "assessments/input_list.html", context)


@require_POST
def input_start(request, network_slug, cycle_pk, number):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.INPUT_CONTRIBUTE)
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
        return _redirect("assessment-home", cycle)
    return _redirect("input-edit", cycle, input_pk=input.pk)


def _input(request, network_slug, cycle_pk, input_pk, perm=Perm.ASSESSMENT_VIEW):
    network, cycle = _cycle(request, network_slug, cycle_pk, perm)
    collection = selectors.collection_for_cycle(cycle)
    input = get_input_for_user(
        request.user, cycle=cycle, pk=input_pk, collection_closed=collection.is_closed
    )
    return network, cycle, collection, input


def _steps(request, network, input, collection) -> dict:
    actor = actor_for(request.user, network)
    facts = input_facts(input, collection_closed=collection.is_closed)
    return {step.value: can(actor, step, facts) for step in Step}


@require_safe
def input_detail(request, network_slug, cycle_pk, input_pk):
    network, cycle, collection, input = _input(request, network_slug, cycle_pk, input_pk)
    context = {
        "network": network,
        "cycle": cycle,
        "collection": collection,
        "input": selectors.input_detail(input),
        "steps": _steps(request, network, input, collection),
        "reason_form": ReasonForm(),
        "section": "assessment",
    }
    return render(request, "assessments/input_detail.html", context)


def input_edit(request, network_slug, cycle_pk, input_pk):
    network, cycle, collection, input = _input(request, network_slug, cycle_pk, input_pk)
    steps = _steps(request, network, input, collection)
    if not steps[Step.EDIT]:
        if request.method == "POST" and steps[Step.VIEW]:
            # A second click on "Save and submit": the first one went through.
            messages.info(
                request, _("This input can no longer be edited here: nothing more was saved.")
            )
            return _redirect("input-detail", cycle, input_pk=input.pk)
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
            "language": current.language,
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
            form.add_error(None, error)
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
            return _redirect("input-detail", cycle, input_pk=input.pk)
    context = {
        "network": network,
        "cycle": cycle,
        "input": input,
        "form": form,
        "needs": needs,
        "actions": actions,
        "references": references,
        "section": "assessment",
    }
    return render(request, "assessments/input_form.html", context)


def _reference_row(row: dict) -> dict:
    """Keep an existing file unless a new one is uploaded."""
    result = {k: row[k] for k in ("id", "kind", "title", "url") if k in row}
    if row.get("file"):
        result["file"] = row["file"]
    return result


def _transition(request, cycle, input, service, success, **kwargs):
    try:
        service(input=input, by=request.user, **kwargs)
        messages.success(request, success)
    except ValidationError as error:
        report_errors(request, error)
    return _redirect("input-detail", cycle, input_pk=input.pk)


@require_POST
def input_submit(request, network_slug, cycle_pk, input_pk):
    network, cycle, collection, input = _input(request, network_slug, cycle_pk, input_pk)
    return _transition(
        request, cycle, input, services.input_submit, _("Your input has been submitted.")
    )


@require_POST
def input_accept(request, network_slug, cycle_pk, input_pk):
    network, cycle, collection, input = _input(request, network_slug, cycle_pk, input_pk)
    return _transition(
        request, cycle, input, services.input_accept, _("The input has been accepted.")
    )


def _with_reason(request, network_slug, cycle_pk, input_pk, service, success):
    network, cycle, collection, input = _input(request, network_slug, cycle_pk, input_pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        return _transition(
            request, cycle, input, service, success, reason=form.cleaned_data["reason"]
        )
    context = {
        "network": network,
        "cycle": cycle,
        "collection": collection,
        "input": selectors.input_detail(input),
        "steps": _steps(request, network, input, collection),
        "reason_form": form,
        "section": "assessment",
    }
    return render(request, "assessments/input_detail.html", context, status=400)


@require_POST
def input_return(request, network_slug, cycle_pk, input_pk):
    return _with_reason(
        request,
        network_slug,
        cycle_pk,
        input_pk,
        services.input_return,
        _("The input has been returned; its focal points have been told why."),
    )


@require_POST
def input_reopen(request, network_slug, cycle_pk, input_pk):
    return _with_reason(
        request,
        network_slug,
        cycle_pk,
        input_pk,
        services.input_reopen,
        _("The input has been reopened for its organisation."),
    )


@require_safe
def input_history(request, network_slug, cycle_pk, input_pk):
    network, cycle, collection, input = _input(request, network_slug, cycle_pk, input_pk)
    from gcmhub.assessments.models import Need, ProposedAction, Reference

    rows = records_to_rows(
        input.history.all(),
        Need.history.filter(input_id=input.pk),
        ProposedAction.history.filter(input_id=input.pk),
        Reference.history.filter(input_id=input.pk),
    )
    context = {
        "object": input,
        "rows": rows,
        "show_object": True,
        "back_url": input.get_absolute_url(),
        "section": "assessment",
    }
    return render(request, "core/history.html", context)


@require_safe
def reference_file(request, network_slug, cycle_pk, input_pk, reference_pk):
    network, cycle, collection, input = _input(request, network_slug, cycle_pk, input_pk)
    reference = input.references.filter(pk=reference_pk).exclude(file="").first()
    if reference is None:
        raise Http404
    return FileResponse(
        reference.file.open("rb"),
        as_attachment=True,
        filename=reference.file.name.rsplit("/", 1)[-1],
    )


# Questionnaires


@require_safe
def questionnaire_download(request, network_slug, cycle_pk, organisation_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    organisation = get_organisation_for_network(network, organisation_pk)
    actor = actor_for(request.user, network)
    reviewer = user_has_perm(request.user, Perm.INPUT_REVIEW, network=network)
    if not reviewer and not (
        actor.role == Role.FOCAL_POINT and actor.organisation_id == organisation.pk
    ):
        raise PermissionDenied
    content = build_questionnaire(
        cycle=cycle, organisation=organisation, language=request.LANGUAGE_CODE
    )
    name = f"gcmhub-{cycle.pk}-{organisation.short_name}.xlsx".replace(" ", "-")
    return download(content, XLSX, name)


def questionnaire_upload(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.INPUT_CONTRIBUTE)
    actor = actor_for(request.user, network)
    organisation = get_organisation_for_network(network, actor.organisation_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        data = file.read(MAX_UPLOAD_BYTES + 1)
        upload, problems = services.questionnaire_receive(
            cycle=cycle, organisation=organisation, by=request.user, file_name=file.name, data=data
        )
        if upload is not None:
            return _redirect("questionnaire-preview", cycle, upload_pk=upload.pk)
        if not problems:
            messages.info(
                request,
                _(
                    "The questionnaire says what your inputs already say: nothing to change, "
                    "nothing was saved."
                ),
            )
            return _redirect("assessment-home", cycle)
    context = {
        "network": network,
        "cycle": cycle,
        "organisation": organisation,
        "form": form,
        "problems": problems,
        "section": "assessment",
    }
    return render(
        request, "assessments/questionnaire_upload.html", context, status=400 if problems else 200
    )


def questionnaire_preview(request, network_slug, cycle_pk, upload_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.INPUT_CONTRIBUTE)
    upload = (
        QuestionnaireUpload.objects.filter(cycle=cycle, pk=upload_pk, uploaded_by=request.user)
        .select_related("organisation")
        .first()
    )
    if upload is None:
        raise Http404
    if request.method == "POST" and "cancel" in request.POST:
        services.questionnaire_cancel(upload=upload, by=request.user)
        messages.info(request, _("The upload has been cancelled; nothing was changed."))
        return _redirect("assessment-home", cycle)
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.questionnaire_apply(
                upload=upload, by=request.user, submit=form.cleaned_data["submit"]
            )
            messages.success(request, _("The questionnaire has been applied to your inputs."))
            return _redirect("assessment-home", cycle)
        except ValidationError as error:
            report_errors(request, error)
    plan = services.questionnaire_plan(
        cycle=cycle, organisation=upload.organisation, payload=upload.payload, by=request.user
    )
    context = {
        "network": network,
        "cycle": cycle,
        "upload": upload,
        "plan": plan,
        "problems": services.plan_problems(plan),
        "form": form,
        "changes": sum(1 for c in plan if c.status in ("new", "changed")),
        "section": "assessment",
    }
    return render(request, "assessments/questionnaire_preview.html", context)


# Consultations


@require_safe
def consultation_list(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.CONSULTATION_VIEW)
    consultations = (
        selectors.consultations_for_user(request.user, cycle=cycle)
        .prefetch_related("organisations", "objectives")
        .annotate(attachment_count=Count("attachments", distinct=True))
    )
    context = {
        "network": network,
        "cycle": cycle,
        "consultations": consultations,
        "section": "assessment",
    }
    return render(request, "assessments/consultation_list.html", context)


@require_safe
def consultation_detail(request, network_slug, cycle_pk, consultation_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.CONSULTATION_VIEW)
    consultation = get_consultation_for_user(request.user, cycle=cycle, pk=consultation_pk)
    context = {
        "network": network,
        "cycle": cycle,
        "consultation": consultation,
        "organisations": consultation.organisations.order_by("name"),
        "objectives": consultation.objectives.order_by("number"),
        "attachments": consultation.attachments.all(),
        "cited_by": selectors.inputs_for_user(request.user, cycle=cycle).filter(
            consultations=consultation
        ),
        "attachment_form": AttachmentForm(),
        "section": "assessment",
    }
    return render(request, "assessments/consultation_detail.html", context)


def consultation_edit(request, network_slug, cycle_pk, consultation_pk=None):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.CONSULTATION_MANAGE)
    consultation = (
        get_consultation_for_user(request.user, cycle=cycle, pk=consultation_pk)
        if consultation_pk
        else None
    )
    form = ConsultationForm(request.POST or None, instance=consultation, network=network)
    if request.method == "POST" and form.is_valid():
        saved = services.consultation_save(
            cycle=cycle, by=request.user, data=form.cleaned_data, consultation=consultation
        )
        messages.success(request, _("The consultation has been saved."))
        return redirect(saved)
    context = {
        "network": network,
        "cycle": cycle,
        "consultation": consultation,
        "form": form,
        "section": "assessment",
    }
    return render(request, "assessments/consultation_form.html", context)


@require_POST
def attachment_add(request, network_slug, cycle_pk, consultation_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.CONSULTATION_MANAGE)
    consultation = get_consultation_for_user(request.user, cycle=cycle, pk=consultation_pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(consultation=consultation, by=request.user, **form.cleaned_data)
        messages.success(request, _("The attachment has been added."))
    else:
        report_form_errors(request, form)
    return redirect(consultation)


@require_POST
def attachment_delete(request, network_slug, cycle_pk, consultation_pk, attachment_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.CONSULTATION_MANAGE)
    consultation = get_consultation_for_user(request.user, cycle=cycle, pk=consultation_pk)
    attachment = consultation.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    services.attachment_delete(attachment=attachment, by=request.user)
    messages.success(request, _("The attachment has been removed."))
    return redirect(consultation)


@require_safe
def attachment_file(request, network_slug, cycle_pk, consultation_pk, attachment_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.CONSULTATION_VIEW)
    consultation = get_consultation_for_user(request.user, cycle=cycle, pk=consultation_pk)
    attachment = consultation.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )


# Coverage and synthesis


@require_safe
def coverage(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.INPUT_REVIEW)
    form = CoverageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    round_table = int(filters["round_table"]) if filters.get("round_table") else None
    matrix = selectors.coverage(
        cycle, organisation_type=filters.get("organisation_type", ""), round_table=round_table
    )
    if request.GET.get("format") == "xlsx":
        content = coverage_xlsx(cycle=cycle, matrix=matrix)
        return download(content, XLSX, f"coverage-{cycle.pk}.xlsx")
    context = {
        "network": network,
        "cycle": cycle,
        "form": form,
        "matrix": matrix,
        "states": InputState.choices,
        "query": request.GET.urlencode(),
        "section": "assessment",
    }
    return render(request, "assessments/coverage.html", context)


def objective_synthesis(request, network_slug, cycle_pk, number):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.INPUT_REVIEW)
    try:
        objective = Objective.objects.select_related("round_table").get(number=number)
    except Objective.DoesNotExist:
        raise Http404 from None
    synthesis = selectors.synthesis_for(cycle, objective)
    form = SynthesisForm(
        request.POST or None, initial={"version": synthesis.version, "text": synthesis.text}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.synthesis_save(
                cycle=cycle,
                objective=objective,
                by=request.user,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
            )
            messages.success(request, _("The synthesis has been saved."))
            return _redirect("objective-synthesis", cycle, number=number)
        except ValidationError as error:
            form.add_error(None, error)
    inputs = selectors.objective_inputs(cycle, objective)
    needs = selectors.needs_by_type(inputs)
    context = {
        "network": network,
        "cycle": cycle,
        "objective": objective,
        "inputs": inputs,
        "needs": needs,
        "chart": bar_chart_svg(
            [label for _value, label, _count in needs],
            [count for _value, _label, count in needs],
            title=_("Needs by type"),
            value_label=_("Number of needs"),
        ),
        "synthesis": synthesis,
        "form": form,
        "section": "assessment",
    }
    return render(request, "assessments/objective_synthesis.html", context)
