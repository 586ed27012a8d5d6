"""The offline questionnaire: downloaded, uploaded, previewed and applied."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcmhub.assessments import services
from gcmhub.assessments.forms import (
    ApplyForm,
    UploadForm,
)
from gcmhub.assessments.models import QuestionnaireUpload
from gcmhub.assessments.questionnaire import MAX_UPLOAD_BYTES, build_questionnaire
from gcmhub.core.access import actor_for
from gcmhub.core.downloads import download
from gcmhub.core.feedback import report_errors
from gcmhub.core.pages import cycle_page, cycle_redirect
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.directory.access import get_organisation_for_network

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
@cycle_page(Perm.ASSESSMENT_VIEW)
def questionnaire_download(request, network, cycle, organisation_pk):
    organisation = get_organisation_for_network(network, organisation_pk)
    reviewer = user_has_perm(request.user, Perm.INPUT_REVIEW, network=network)
    if not reviewer and not actor_for(request.user, network).speaks_for(organisation.pk):
        raise PermissionDenied
    content = build_questionnaire(
        cycle=cycle, organisation=organisation, language=request.LANGUAGE_CODE
    )
    name = f"gcmhub-{cycle.pk}-{organisation.short_name}.xlsx".replace(" ", "-")
    return download(content, XLSX, name)


@cycle_page(Perm.INPUT_CONTRIBUTE)
def questionnaire_upload(request, network, cycle):
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
            return cycle_redirect("questionnaire-preview", cycle, upload_pk=upload.pk)
        if not problems:
            messages.info(
                request,
                _(
                    "The questionnaire says what your inputs already say: nothing to change, "
                    "nothing was saved."
                ),
            )
            return cycle_redirect("assessment-home", cycle)
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


@cycle_page(Perm.INPUT_CONTRIBUTE)
def questionnaire_preview(request, network, cycle, upload_pk):
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
        return cycle_redirect("assessment-home", cycle)
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.questionnaire_apply(
                upload=upload, by=request.user, submit=form.cleaned_data["submit"]
            )
            messages.success(request, _("The questionnaire has been applied to your inputs."))
            return cycle_redirect("assessment-home", cycle)
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
