"""Reads of the needs assessment, filtered by what the user may see."""

from collections import Counter

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from gcmhub.assessments.models import (
    INPUT_POLICY,
    Assignment,
    Collection,
    Consultation,
    Input,
    Need,
    NeedType,
    ProposedAction,
    Reference,
    Synthesis,
)
from gcmhub.core import workflow
from gcmhub.core.access import actor_for
from gcmhub.core.models import Cycle
from gcmhub.core.permissions import Perm
from gcmhub.framework.models import Objective


def collection_for_cycle(cycle: Cycle) -> Collection:
    """The cycle's collection settings (an unsaved default if none were recorded)."""
    collection = Collection.objects.filter(cycle=cycle).first() or Collection(cycle=cycle)
    collection.cycle = cycle
    return collection


def inputs_for_user(user, *, cycle: Cycle) -> QuerySet[Input]:
    """Inputs the user may read: their organisation's (any state) for focal points; every
    input that has been submitted at least once for the coordinator and the consultant."""
    actor = actor_for(user, cycle.network)
    inputs = cycle.inputs.select_related("organisation", "objective")
    seen = Q(pk__in=[])
    if actor.has(INPUT_POLICY.author) and actor.speaks_for(actor.organisation_id):
        seen |= Q(organisation_id=actor.organisation_id)
    states = workflow.visible_states(INPUT_POLICY, actor)
    if states:
        seen |= Q(state__in=states)
    return inputs.filter(seen)


def _input_contents() -> list:
    """What an input says beyond its text, prefetched in the order it is shown."""
    return [
        Prefetch("needs", queryset=Need.objects.order_by("order", "pk")),
        Prefetch(
            "proposed_actions",
            queryset=ProposedAction.objects.select_related("lead").order_by("order", "pk"),
        ),
        Prefetch("references", queryset=Reference.objects.order_by("order", "pk")),
        "gcm_actions",
        "principles",
        # Their links name the cycle and its network.
        Prefetch("consultations", queryset=Consultation.objects.select_related("cycle__network")),
    ]


def input_detail(input: Input) -> Input:
    """Load what the input page shows, in a fixed number of queries."""
    return (
        Input.objects.select_related(
            "organisation", "objective", "submitted_by", "reviewed_by", "updated_by"
        )
        .prefetch_related(
            *_input_contents(),
        )
        .get(pk=input.pk)
    )


def input_deadline(input: Input, collection: Collection) -> tuple:
    """The deadline that holds for an input (its assignment's own, else the collection's)
    and the reason of an own deadline ("" when it is the collection's)."""
    assignment = Assignment.objects.filter(
        cycle_id=input.cycle_id,
        organisation_id=input.organisation_id,
        objective_id=input.objective_id,
    ).first()
    if assignment is None:
        return collection.deadline, ""
    return assignment.deadline_in(collection), assignment.deadline_reason


def assignments_for_organisation(cycle: Cycle, organisation) -> QuerySet[Assignment]:
    return cycle.assignments.filter(organisation=organisation).select_related("objective")


def my_objectives(cycle: Cycle, organisation) -> list[dict]:
    """The objectives an organisation speaks to, each with its input (or None)."""
    assignments = list(
        assignments_for_organisation(cycle, organisation).order_by("objective__number")
    )
    inputs = {i.objective_id: i for i in cycle.inputs.filter(organisation=organisation)}
    return [{"assignment": a, "input": inputs.get(a.objective_id)} for a in assignments]


def consultations_for_user(user, *, cycle: Cycle) -> QuerySet[Consultation]:
    """All consultations for coordinator and consultant; a focal point sees those their
    organisation took part in; observers none."""
    actor = actor_for(user, cycle.network)
    consultations = cycle.consultations.all()
    if actor.has(Perm.CONSULTATION_MANAGE):
        return consultations
    if actor.has(Perm.INPUT_CONTRIBUTE) and actor.speaks_for(actor.organisation_id):
        return consultations.filter(organisations__id=actor.organisation_id).distinct()
    return consultations.none()


def coverage_columns(cycle: Cycle, *, organisation_type: str = "") -> list:
    """The organisations asked about at least one objective, the columns of the coverage
    matrix, by short name (one query of their names only)."""
    from gcmhub.directory.models import Organisation

    asked = cycle.assignments.all()
    if organisation_type:
        asked = asked.filter(organisation__type=organisation_type)
    organisations = Organisation.objects.filter(pk__in=asked.values("organisation_id")).only(
        "pk", "network_id", "name", "name_tr", "acronym", "acronym_tr"
    )
    return sorted(organisations, key=lambda o: o.short_name)


def _with_state(assignments: QuerySet[Assignment], cycle: Cycle) -> QuerySet[Assignment]:
    """Each assignment with the state of its input as `input_state` ("missing" if none)."""
    state = Input.objects.filter(
        cycle=cycle,
        organisation_id=OuterRef("organisation_id"),
        objective_id=OuterRef("objective_id"),
    ).order_by()  # one input per pair at most: no sort, no join
    return assignments.annotate(
        input_state=Coalesce(Subquery(state.values("state")[:1]), Value("missing"))
    )


def _states_by_objective(cycle: Cycle, assignments: QuerySet[Assignment]) -> dict:
    """{(objective id, state): how many of `assignments` have an input in that state, or
    "missing" none}, in two aggregate queries: the inputs asked for (a semi-join PostgreSQL
    and SQLite make with an index, not a subquery per assignment) and the assignments."""
    asked = assignments.filter(
        organisation_id=OuterRef("organisation_id"), objective_id=OuterRef("objective_id")
    )
    found = Counter()
    for objective_id, state, n in (
        Input.objects.filter(cycle=cycle)
        .filter(Exists(asked.order_by()))
        .order_by()
        .values("objective_id", "state")
        .annotate(n=Count("pk"))
        .values_list("objective_id", "state", "n")
    ):
        found[(objective_id, state)] = n
    for objective_id, n in (
        assignments.order_by()
        .values("objective_id")
        .annotate(n=Count("pk"))
        .values_list("objective_id", "n")
    ):
        answered = sum(v for (pk, _state), v in found.items() if pk == objective_id)
        if n > answered:
            found[(objective_id, "missing")] = n - answered
    return dict(found)


def coverage(
    cycle: Cycle,
    *,
    organisation_type: str = "",
    round_table: int | None = None,
    columns: list | None = None,
) -> dict:
    """The matrix of objectives x organisations asked, with the state of each input.

    `columns` (default: every organisation asked, `coverage_columns`) are the organisations
    whose cells are read, a page of them; the totals per objective and overall count every
    organisation asked, by aggregate queries. A fixed number of queries whatever the size.
    """
    objectives = list(Objective.objects.select_related("round_table").order_by("number"))
    if round_table:
        objectives = [o for o in objectives if o.round_table.number == round_table]
    if columns is None:
        columns = coverage_columns(cycle, organisation_type=organisation_type)
    assignments = cycle.assignments.filter(objective__in=[o.pk for o in objectives])
    if organisation_type:
        assignments = assignments.filter(organisation__type=organisation_type)
    with_state = _with_state(assignments, cycle)
    by_objective = _states_by_objective(cycle, assignments)
    cells = {
        (organisation_id, objective_id): state
        for organisation_id, objective_id, state in with_state.filter(
            organisation_id__in=[o.pk for o in columns]
        ).values_list("organisation_id", "objective_id", "input_state")
    }
    rows = []
    totals = Counter()
    column_totals = {o.pk: Counter() for o in columns}
    for objective in objectives:
        row_totals = Counter(
            {state: n for (pk, state), n in by_objective.items() if pk == objective.pk}
        )
        totals.update(row_totals)
        row = []
        for organisation in columns:
            state = cells.get((organisation.pk, objective.pk))
            row.append(state)
            if state is not None:
                column_totals[organisation.pk][state] += 1
        rows.append(
            {
                "objective": objective,
                "cells": row,
                "totals": row_totals,
                "asked": sum(row_totals.values()),
            }
        )
    return {
        "columns": columns,
        "rows": rows,
        "column_totals": [column_totals[o.pk] for o in columns],
        "column_asked": [sum(column_totals[o.pk].values()) for o in columns],
        "totals": totals,
        "asked": sum(totals.values()),
    }


def objective_inputs(user, *, cycle: Cycle, objective: Objective) -> QuerySet[Input]:
    """Every input on an objective the user may read, with its details (fixed queries)."""
    return (
        inputs_for_user(user, cycle=cycle)
        .filter(objective=objective)
        .select_related("organisation")
        .prefetch_related(
            *_input_contents(),
        )
        .order_by("organisation__name", "pk")
    )


def needs_by_type(inputs: QuerySet[Input]) -> list[tuple[str, str, int]]:
    """Count the needs of `inputs` per type, in one aggregate query: (type, label, count),
    every type listed."""
    counts = dict(
        Need.objects.filter(input__in=inputs.values("pk"))
        .order_by()
        .values_list("type")
        .annotate(n=Count("pk"))
    )
    return [(value, label, counts.get(value, 0)) for value, label in NeedType.choices]


def synthesis_for(cycle: Cycle, objective: Objective) -> Synthesis:
    return Synthesis.objects.filter(cycle=cycle, objective=objective).select_related(
        "updated_by"
    ).first() or Synthesis(cycle=cycle, objective=objective)
