"""The stage page of the needs assessment and the collection phase: its deadline and
instructions, closing and reopening it, the requests to the organisations asked."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.assessments import selectors, services
from gcmhub.assessments.forms import (
    CollectionForm,
    UploadForm,
    VolunteerForm,
)
from gcmhub.assessments.stages import assessment_facts
from gcmhub.core.access import actor_for
from gcmhub.core.feedback import report_form_errors
from gcmhub.core.pages import act_and_back, cycle_page, cycle_redirect, cycle_reverse
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.core.workflow import State
from gcmhub.directory.access import get_organisation_for_network

ORGANISATIONS_PER_PAGE = 50  # rows of the table of organisations asked


@require_safe
@cycle_page(Perm.ASSESSMENT_VIEW)
def assessment_home(request, network, cycle):
    actor = actor_for(request.user, network)
    collection = selectors.collection_for_cycle(cycle)
    context = {
        "network": network,
        "cycle": cycle,
        "collection": collection,
        "facts": assessment_facts(cycle),
        "section": "assessment",
    }
    if actor.has(Perm.INPUT_CONTRIBUTE) and actor.speaks_for(actor.organisation_id):
        organisation = get_organisation_for_network(network, actor.organisation_id)
        objectives = selectors.my_objectives(cycle, organisation)
        context.update(
            organisation=organisation,
            objectives=objectives,
            volunteer_form=VolunteerForm(taken=[o["assignment"].objective_id for o in objectives]),
            upload_form=UploadForm(),
        )
    if user_has_perm(request.user, Perm.INPUT_REVIEW, network=network):
        page = Paginator(_organisation_progress(cycle), ORGANISATIONS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context.update(organisations=list(page.object_list), page=page, filters=request.GET)
    if user_has_perm(request.user, Perm.ASSESSMENT_MANAGE, network=network):
        context["collection_form"] = CollectionForm(instance=collection)
    return render(request, "assessments/assessment_home.html", context)


def _organisation_progress(cycle):
    """The organisations asked, each with the number of objectives asked and of inputs in
    each state: counts by subqueries (joined, the two lists would count their product)."""

    def counted(queryset):
        rows = queryset.order_by().values("organisation_id").annotate(n=Count("pk"))
        return Coalesce(Subquery(rows.values("n")), 0)

    asked = cycle.assignments.filter(organisation_id=OuterRef("pk"))
    inputs = cycle.inputs.filter(organisation_id=OuterRef("pk"))
    return (
        cycle.network.organisations.filter(pk__in=cycle.assignments.values("organisation_id"))
        .annotate(asked=counted(asked))
        .annotate(**{f"n_{state}": counted(inputs.filter(state=state)) for state in State.values})
        .order_by("name")
    )


@require_POST
@cycle_page(Perm.ASSESSMENT_MANAGE)
def collection_edit(request, network, cycle):
    form = CollectionForm(request.POST, instance=selectors.collection_for_cycle(cycle))
    if form.is_valid():
        services.collection_update(cycle=cycle, by=request.user, **form.cleaned_data)
        messages.success(request, _("The deadline and instructions have been saved."))
    else:
        report_form_errors(request, form)
    return cycle_redirect("assessment-home", cycle)


@require_POST
@cycle_page(Perm.ASSESSMENT_MANAGE)
def collection_close(request, network, cycle):
    return act_and_back(
        request,
        lambda: services.collection_close(cycle=cycle, by=request.user),
        _("The collection of inputs is closed; inputs are locked."),
        cycle_reverse("assessment-home", cycle),
    )


@require_POST
@cycle_page(Perm.ASSESSMENT_MANAGE)
def collection_reopen(request, network, cycle):
    return act_and_back(
        request,
        lambda: services.collection_reopen(cycle=cycle, by=request.user),
        _("The collection of inputs is open again."),
        cycle_reverse("assessment-home", cycle),
    )


@require_POST
@cycle_page(Perm.ASSESSMENT_MANAGE)
def requests_send(request, network, cycle):
    sent = services.requests_send(cycle=cycle, by=request.user)
    messages.success(
        request,
        _("%(count)d e-mails sent to focal points, each with its questionnaire.") % {"count": sent},
    )
    return cycle_redirect("assessment-home", cycle)
