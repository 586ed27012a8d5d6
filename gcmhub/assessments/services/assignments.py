"""Which organisation is asked about which objective: set by the coordinator, or added by an
organisation itself."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcmhub.assessments.models import Assignment, AssignmentSource
from gcmhub.assessments.services.collection import collection_of
from gcmhub.core.access import actor_for, require
from gcmhub.core.audit import delete_audited, save_audited
from gcmhub.core.models import Cycle, User
from gcmhub.core.permissions import Perm
from gcmhub.directory.models import Organisation
from gcmhub.framework.models import Objective


@transaction.atomic
def assignments_set(*, cycle: Cycle, organisation: Organisation, objectives, by: User) -> None:
    """Make `objectives` the ones the coordinator asks `organisation` about.

    Objectives the organisation added itself stay; an objective on which the organisation
    has already written an input cannot be taken away.
    """
    require(by, Perm.ASSESSMENT_MANAGE, cycle=cycle)
    if organisation.network_id != cycle.network_id:
        raise ValidationError(_("Choose an organisation of this network."))
    wanted = {o.pk for o in objectives}
    current = {a.objective_id: a for a in cycle.assignments.filter(organisation=organisation)}
    with_input = set(
        cycle.inputs.filter(organisation=organisation).values_list("objective_id", flat=True)
    )
    for objective_id, assignment in current.items():
        if objective_id in wanted or assignment.source == AssignmentSource.VOLUNTEERED:
            continue
        if objective_id in with_input:
            raise ValidationError(
                _(
                    "Objective %(number)s cannot be taken away: the organisation has already "
                    "written an input on it."
                )
                % {"number": assignment.objective.number}
            )
        delete_audited(assignment, by=by)
    for objective in objectives:
        if objective.pk not in current:
            save_audited(
                Assignment(cycle=cycle, organisation=organisation, objective=objective), by=by
            )


@transaction.atomic
def assignment_volunteer(*, cycle: Cycle, objective: Objective, by: User) -> Assignment:
    """A focal point adds an objective their organisation wants to speak to."""
    require(by, Perm.INPUT_CONTRIBUTE, cycle=cycle)
    actor = actor_for(by, cycle.network)
    if not actor.organisation_id:
        raise PermissionDenied
    if collection_of(cycle).is_closed:
        raise ValidationError(_("The collection of inputs is closed."))
    assignment = Assignment(
        cycle=cycle,
        organisation_id=actor.organisation_id,
        objective=objective,
        source=AssignmentSource.VOLUNTEERED,
    )
    return save_audited(assignment, by=by)


@transaction.atomic
def assignment_deadline_set(
    *, cycle: Cycle, organisation: Organisation, deadline, reason: str, by: User, objectives=None
) -> int:
    """Give `organisation` its own deadline (an extension) on its objectives in `cycle`, or
    on `objectives` only; `deadline=None` takes it back to the collection's. The reason is
    required with a deadline and kept in the assignments' history. Returns how many changed."""
    require(by, Perm.ASSESSMENT_MANAGE, cycle=cycle)
    reason = (reason or "").strip()
    if deadline is not None and not reason:
        raise ValidationError(_("Give the reason for the organisation's own deadline."))
    if deadline is None:
        reason = ""
    assignments = cycle.assignments.filter(organisation=organisation).select_for_update()
    if objectives is not None:
        assignments = assignments.filter(objective__in=objectives)
    changed = 0
    for assignment in assignments:
        if (assignment.deadline, assignment.deadline_reason) == (deadline, reason):
            continue
        assignment.deadline, assignment.deadline_reason = deadline, reason
        save_audited(assignment, by=by, update_fields=["deadline", "deadline_reason"])
        changed += 1
    return changed
