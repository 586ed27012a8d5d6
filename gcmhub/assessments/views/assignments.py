"""Who is asked about which objective: the coordinator's choice, an organisation's own."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.assessments import selectors, services
from gcmhub.assessments.forms import (
    AssignmentForm,
    VolunteerForm,
)
from gcmhub.assessments.models import AssignmentSource
from gcmhub.core.access import actor_for
from gcmhub.core.feedback import report_errors
from gcmhub.core.pages import cycle_page, cycle_redirect, cycle_reverse, form_page
from gcmhub.core.permissions import Perm
from gcmhub.directory.access import get_organisation_for_network

ORGANISATIONS_PER_PAGE = 50  # rows of the list of who is asked what


@cycle_page(Perm.ASSESSMENT_MANAGE)
def assignment_edit(request, network, cycle, organisation_pk):
    organisation = get_organisation_for_network(network, organisation_pk)
    assignments = selectors.assignments_for_organisation(cycle, organisation)
    initial = [a.objective for a in assignments]
    own = {(a.deadline, a.deadline_reason) for a in assignments} or {(None, "")}
    deadline, reason = own.pop() if len(own) == 1 else (None, "")
    form = AssignmentForm(
        request.POST or None,
        initial={"objectives": initial, "deadline": deadline, "deadline_reason": reason},
    )

    def save(data):
        services.assignments_set(
            cycle=cycle, organisation=organisation, objectives=data["objectives"], by=request.user
        )
        wanted = (data["deadline"], data["deadline_reason"].strip())
        if data["deadline"] or wanted != (deadline, reason):
            services.assignment_deadline_set(
                cycle=cycle,
                organisation=organisation,
                deadline=data["deadline"],
                reason=data["deadline_reason"],
                by=request.user,
            )

    return form_page(
        request,
        network=network,
        cycle=cycle,
        form=form,
        save=save,
        success=_("The objectives of %(name)s have been saved.")
        % {"name": organisation.short_name},
        title=organisation.label,
        back=cycle_reverse("assignment-list", cycle),
        section="assessment",
        template="assessments/assignment_form.html",
        organisation=organisation,
        volunteered=[a for a in assignments if a.source == AssignmentSource.VOLUNTEERED],
    )


@require_safe
@cycle_page(Perm.ASSESSMENT_MANAGE)
def assignment_list(request, network, cycle):
    from gcmhub.directory.selectors import organisation_tree

    # The tree a page of organisations at a time, with the assignments of that page.
    tree = organisation_tree(list(network.organisations.all()))
    page = Paginator(tree, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    organisations = list(page.object_list)
    by_organisation = {}
    for assignment in cycle.assignments.filter(
        organisation__in=[o.pk for o in organisations]
    ).select_related("objective"):
        by_organisation.setdefault(assignment.organisation_id, []).append(assignment)
    for organisation in organisations:
        organisation.cycle_assignments = sorted(
            by_organisation.get(organisation.pk, []), key=lambda a: a.objective.number
        )
    context = {
        "network": network,
        "cycle": cycle,
        "organisations": organisations,
        "page": page,
        "filters": request.GET,
        "section": "assessment",
    }
    return render(request, "assessments/assignment_list.html", context)


@require_POST
@cycle_page(Perm.INPUT_CONTRIBUTE)
def assignment_volunteer(request, network, cycle):
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
    return cycle_redirect("assessment-home", cycle)
