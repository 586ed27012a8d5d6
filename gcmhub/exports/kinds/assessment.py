"""The needs assessment: inputs, their needs and proposed actions, consultations."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gcmhub.exports.kinds.base import (
    ID,
    OBJ,
    OBJ_TITLE,
    ORG,
    ORG_ID,
    SEP,
    C,
    Kind,
    objective_numbers,
    org_label,
    org_names,
)


def input_queryset(cycle) -> QuerySet:
    from gcmhub.core.workflow import State

    return cycle.inputs.exclude(state=State.DRAFT)


def input_rows(cycle):
    inputs = input_queryset(cycle).select_related("organisation", "objective")
    for i in inputs.prefetch_related("principles", "gcm_actions__objective"):
        yield (
            i.pk,
            org_label(i.organisation),
            i.organisation_id,
            i.objective.number,
            i.objective.title,
            i.get_state_display(),
            i.language,
            i.situation,
            i.gaps,
            SEP.join(f"{a.objective.number}{a.letter}" for a in i.gcm_actions.all()),
            SEP.join(p.name for p in i.principles.all()),
            i.submitted_at,
            i.reviewed_at,
        )


INPUTS = Kind(
    "inputs",
    _("Inputs"),
    (
        ID,
        ORG,
        ORG_ID,
        OBJ,
        OBJ_TITLE,
        C("state", _("State"), "#status", 12),
        C("language", _("Language of the text"), "#meta+lang", 8),
        C("situation", _("Situation and achievements"), "#description+situation", 60),
        C("gaps", _("Gaps and challenges"), "#description+gaps", 60),
        C("gcm_actions", _("Related GCM actions"), "#indicator+gcm+action+code", 20),
        C(
            "principles",
            _("Guiding principles this input reflects"),
            "#indicator+gcm+principle+name",
            30,
        ),
        C("submitted", _("Submitted"), "#date+submitted", 18),
        C("reviewed", _("Reviewed"), "#date+reviewed", 18),
    ),
    input_rows,
    lambda cycle: input_queryset(cycle).count(),
)


def need_queryset(cycle) -> QuerySet:
    from gcmhub.assessments.models import Need

    return Need.objects.filter(input__in=input_queryset(cycle))


def need_rows(cycle):
    for n in (
        need_queryset(cycle)
        .select_related("input__organisation", "input__objective")
        .order_by("input__objective__number", "input__organisation__name", "order", "pk")
    ):
        yield (
            n.pk,
            n.input_id,
            org_label(n.input.organisation),
            n.input.objective.number,
            n.get_type_display(),
            n.description,
        )


NEEDS = Kind(
    "needs",
    _("Needs"),
    (
        ID,
        C("input_id", _("Input number"), "#meta+id+input", 10),
        ORG,
        OBJ,
        C("type", _("Type of need"), "#sector+need", 24),
        C("description", _("Description"), "#description", 60),
    ),
    need_rows,
    lambda cycle: need_queryset(cycle).count(),
)


def proposed_action_queryset(cycle) -> QuerySet:
    from gcmhub.assessments.models import ProposedAction

    return ProposedAction.objects.filter(input__in=input_queryset(cycle))


def proposed_action_rows(cycle):
    actions = proposed_action_queryset(cycle).select_related(
        "input__organisation", "input__objective", "lead"
    )
    for a in actions.order_by("input__objective__number", "input__organisation__name", "order"):
        yield (
            a.pk,
            a.input_id,
            org_label(a.input.organisation),
            a.input.objective.number,
            a.description,
            a.get_horizon_display(),
            org_label(a.lead),
        )


PROPOSED_ACTIONS = Kind(
    "proposed_actions",
    _("Proposed actions"),
    (
        ID,
        C("input_id", _("Input number"), "#meta+id+input", 10),
        ORG,
        OBJ,
        C("description", _("Proposed action"), "#activity+description", 60),
        C("horizon", _("Suggested horizon"), "#date+horizon", 14),
        C("lead", _("Suggested lead organisation"), "#org+name+lead", 40),
    ),
    proposed_action_rows,
    lambda cycle: proposed_action_queryset(cycle).count(),
)


def consultation_rows(cycle):
    consultations = cycle.consultations.prefetch_related("organisations", "objectives")
    for c in consultations.order_by("date", "pk"):
        yield (
            c.pk,
            c.date,
            c.get_type_display(),
            c.title,
            org_names(c.organisations.all()),
            objective_numbers(c.objectives.all()),
            len(c.participant_lines()),
            c.notes,
        )


CONSULTATIONS = Kind(
    "consultations",
    _("Consultations"),
    (
        ID,
        C("date", _("Date"), "#date", 12),
        C("type", _("Type"), "#activity+type", 16),
        C("title", _("Title"), "#activity+name", 40),
        C("organisations", _("Organisations taking part"), "#org+name+list", 40),
        C("objectives", _("Objectives discussed"), "#indicator+gcm+objective+list", 16),
        C("participants", _("People taking part"), "#reached+num", 10),
        C("notes", _("Notes"), "#description", 60),
    ),
    consultation_rows,
    lambda cycle: cycle.consultations.count(),
)
