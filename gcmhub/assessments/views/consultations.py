"""Consultations and their attachments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.assessments import selectors, services
from gcmhub.assessments.access import get_consultation_for_user
from gcmhub.assessments.forms import (
    AttachmentForm,
    ConsultationForm,
)
from gcmhub.core.feedback import report_form_errors
from gcmhub.core.pages import cycle_page, form_errors
from gcmhub.core.permissions import Perm
from gcmhub.editions.texts import prefetch

CONSULTATIONS_PAGE = 50  # consultations a page, newest first


@require_safe
@cycle_page(Perm.CONSULTATION_VIEW)
def consultation_list(request, network, cycle):
    consultations = (
        selectors.consultations_for_user(request.user, cycle=cycle)
        .prefetch_related("organisations", "objectives")
        .annotate(attachment_count=Count("attachments", distinct=True))
        .order_by("-date", "-pk")
    )
    page = Paginator(consultations, CONSULTATIONS_PAGE).get_page(request.GET.get("page"))
    context = {
        "network": network,
        "cycle": cycle,
        "consultations": prefetch(page.object_list),
        "page": page,
        "filters": request.GET,
        "section": "assessment",
    }
    return render(request, "assessments/consultation_list.html", context)


@require_safe
@cycle_page(Perm.CONSULTATION_VIEW)
def consultation_detail(request, network, cycle, consultation_pk):
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


@cycle_page(Perm.CONSULTATION_MANAGE)
def consultation_edit(request, network, cycle, consultation_pk=None):
    consultation = (
        get_consultation_for_user(request.user, cycle=cycle, pk=consultation_pk)
        if consultation_pk
        else None
    )
    form = ConsultationForm(request.POST or None, instance=consultation, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.consultation_save(
                cycle=cycle, by=request.user, consultation=consultation, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
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
@cycle_page(Perm.CONSULTATION_MANAGE)
def attachment_add(request, network, cycle, consultation_pk):
    consultation = get_consultation_for_user(request.user, cycle=cycle, pk=consultation_pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(consultation=consultation, by=request.user, **form.cleaned_data)
        messages.success(request, _("The attachment has been added."))
    else:
        report_form_errors(request, form)
    return redirect(consultation)


@require_POST
@cycle_page(Perm.CONSULTATION_MANAGE)
def attachment_delete(request, network, cycle, consultation_pk, attachment_pk):
    consultation = get_consultation_for_user(request.user, cycle=cycle, pk=consultation_pk)
    attachment = consultation.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    services.attachment_delete(attachment=attachment, by=request.user)
    messages.success(request, _("The attachment has been removed."))
    return redirect(consultation)


@require_safe
@cycle_page(Perm.CONSULTATION_VIEW)
def attachment_file(request, network, cycle, consultation_pk, attachment_pk):
    consultation = get_consultation_for_user(request.user, cycle=cycle, pk=consultation_pk)
    attachment = consultation.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )
