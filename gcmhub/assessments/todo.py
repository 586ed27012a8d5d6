"""What the needs assessment asks of people (My tasks): inputs to write or fix for the focal
points, inputs waiting for review for the secretariat."""

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.assessments.models import Assignment, Input
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import State
from gcmhub.todo.registry import Item, holding, in_networks, of_organisations, speaking

OPEN = Q(cycle__collection__isnull=True) | Q(cycle__collection__closed_at__isnull=True)


def _title(input_or_assignment) -> str:
    objective = input_or_assignment.objective
    return _("Objective %(number)s: %(title)s") % {
        "number": objective.number,
        "title": objective.title,
    }


def inputs_to_write(user, memberships):
    """The focal point's assignments without a submitted input while the collection is open:
    to write (none yet, or a draft) or to fix (returned, with the reason). Two queries."""
    mine = speaking(memberships, Perm.INPUT_CONTRIBUTE)
    if not mine:
        return []
    assignments = list(
        Assignment.objects.filter(of_organisations(mine), OPEN)
        .select_related("cycle__network", "cycle__collection", "objective")
        .order_by("cycle_id", "objective__number")
    )
    if not assignments:
        return []
    inputs = {
        (i.cycle_id, i.organisation_id, i.objective_id): i
        for i in Input.objects.filter(of_organisations(mine)).only(
            "pk",
            "cycle_id",
            "organisation_id",
            "objective_id",
            "state",
            "return_reason",
            "updated_at",
            "reviewed_at",
        )
    }
    items = []
    for assignment in assignments:
        cycle = assignment.cycle
        collection = getattr(cycle, "collection", None)
        deadline = assignment.deadline_in(collection)
        input = inputs.get((cycle.pk, assignment.organisation_id, assignment.objective_id))
        if input is not None and input.state not in (State.DRAFT, State.RETURNED):
            continue
        if input is None:
            url, label, since = cycle_reverse("assessment-home", cycle), _("Input to write"), None
        else:
            url = cycle_reverse("input-detail", cycle, input_pk=input.pk)
            if input.state == State.RETURNED:
                label, since = _("Input to fix"), input.reviewed_at
            else:
                label, since = _("Input to finish and submit"), input.updated_at
        reason = input.return_reason if input is not None and input.state == State.RETURNED else ""
        if assignment.deadline is not None:
            own = _("Own deadline: %(reason)s") % {"reason": assignment.deadline_reason}
            reason = f"{reason}\n{own}" if reason else own
        items.append(
            Item(
                kind_label=label,
                title=_title(assignment),
                url=url,
                network=cycle.network,
                cycle=cycle,
                deadline=deadline,
                since=since,
                reason=reason,
            )
        )
    return items


# Up to this many submitted inputs of a cycle are listed one by one; more become one row that
# opens the cycle's inputs waiting for review (a whole collection would be thousands of rows).
LISTED = 5


def inputs_to_review(user, memberships):
    """Submitted inputs waiting for the coordinator or the consultant: each one while a cycle
    has few, one row per cycle with their number once it has more than `LISTED`. One query:
    the first `LISTED + 1` of each cycle, with the cycle's count beside each."""
    secretariat = holding(memberships, Perm.INPUT_REVIEW)
    if not secretariat:
        return []
    per_cycle = {"partition_by": [F("cycle_id")]}
    # Numbered on their ids and times alone (every waiting input is read for its place); the
    # few listed are then read with what their rows show.
    placed = {
        pk: (waiting, place)
        for pk, waiting, place in Input.objects.filter(
            in_networks(secretariat), state=State.SUBMITTED
        )
        .annotate(
            waiting=Window(Count("pk"), **per_cycle),
            place=Window(RowNumber(), order_by=[F("submitted_at"), F("pk")], **per_cycle),
        )
        .filter(place__lte=LISTED + 1)
        .order_by()  # not the model's ordering: no join to the organisations and objectives
        .values_list("pk", "waiting", "place")
    }
    if not placed:
        return []
    inputs = (
        Input.objects.filter(pk__in=placed)
        .select_related("cycle__network", "organisation", "objective")
        .defer("situation", "gaps", "return_reason")
        .order_by("submitted_at", "pk")
    )
    items = []
    for i in inputs:
        i.waiting, i.place = placed[i.pk]
        if i.waiting <= LISTED:
            items.append(
                Item(
                    kind_label=_("Input to review"),
                    title=_("%(organisation)s on objective %(number)s")
                    % {"organisation": i.organisation.short_name, "number": i.objective.number},
                    url=cycle_reverse("input-detail", i.cycle, input_pk=i.pk),
                    network=i.cycle.network,
                    cycle=i.cycle,
                    since=i.submitted_at,
                )
            )
        elif i.place == 1:  # the cycle's oldest: one row for all of them
            items.append(
                Item(
                    kind_label=_("Inputs to review"),
                    title=ngettext(
                        "%(count)s submitted input waits for review",
                        "%(count)s submitted inputs wait for review",
                        i.waiting,
                    )
                    % {"count": i.waiting},
                    url=cycle_reverse("input-list", i.cycle) + f"?state={State.SUBMITTED}",
                    network=i.cycle.network,
                    cycle=i.cycle,
                    since=i.submitted_at,
                )
            )
    return items


def register() -> None:
    from gcmhub.todo import registry

    registry.register("assessments.inputs-to-write", inputs_to_write)
    registry.register("assessments.inputs-to-review", inputs_to_review)
