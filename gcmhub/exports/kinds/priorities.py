"""Prioritisation: submitted scores (one row per criterion) and decisions."""

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
    org_label,
    org_names,
)


def score_queryset(cycle) -> QuerySet:
    from gcmhub.core.workflow import State
    from gcmhub.priorities.models import ScoreRow

    return ScoreRow.objects.filter(sheet__cycle=cycle, sheet__state=State.SUBMITTED)


def score_rows(cycle):
    criteria = list(cycle.criteria.all())
    rows = score_queryset(cycle).select_related("sheet__organisation", "objective")
    for row in rows.order_by("sheet__organisation__name", "objective__number"):
        for criterion in criteria:
            yield (
                row.pk,
                org_label(row.sheet.organisation),
                row.sheet.organisation_id,
                row.objective.number,
                row.objective.title,
                criterion.key,
                criterion.display_name,
                criterion.weight,
                row.values.get(criterion.key),
                row.outside_mandate,
                row.comment,
            )


SCORES = Kind(
    "scores",
    _("Scores"),
    (
        C("id", _("Score row number"), "#meta+id", 10),
        ORG,
        ORG_ID,
        OBJ,
        OBJ_TITLE,
        C("criterion", _("Criterion key"), "#indicator+criterion+code", 14),
        C("criterion_name", _("Criterion"), "#indicator+criterion+name", 24),
        C("weight", _("Weight"), "#indicator+weight+num", 8),
        C("score", _("Score"), "#indicator+value+num", 8),
        C("outside_mandate", _("Outside our mandate"), "#indicator+outside_mandate", 10),
        C("comment", _("Comment"), "#description", 40),
    ),
    score_rows,
    lambda cycle: score_queryset(cycle).count() * max(cycle.criteria.count(), 1),
)


def decision_rows(cycle):
    decisions = cycle.decisions.select_related("objective").prefetch_related(
        "outcomes", "sdg_targets", "lead_organisations", "supporting_organisations"
    )
    for d in decisions.order_by("objective__number"):
        yield (
            d.pk,
            d.objective.number,
            d.objective.title,
            d.get_horizon_display(),
            d.computed_rank,
            d.get_suggested_horizon_display() if d.suggested_horizon else "",
            d.departs_from_rank,
            org_names(d.lead_organisations.all()),
            org_names(d.supporting_organisations.all()),
            SEP.join(o.code for o in d.outcomes.all()),
            SEP.join(t.code for t in d.sdg_targets.all()),
            d.rationale,
            d.decided_at,
        )


DECISIONS = Kind(
    "decisions",
    _("Decisions"),
    (
        ID,
        OBJ,
        OBJ_TITLE,
        C("horizon", _("Horizon"), "#priority+horizon", 16),
        C("computed_rank", _("Computed rank"), "#priority+rank+num", 10),
        C("suggested_horizon", _("Horizon the rank suggests"), "#priority+horizon+suggested", 16),
        C("departs_from_rank", _("Departs from the computed rank"), "#priority+departs", 10),
        C("lead_organisations", _("Lead organisations"), "#org+name+lead", 30),
        C("supporting_organisations", _("Supporting organisations"), "#org+name+support", 30),
        C("outcomes", _("Cooperation framework outcomes"), "#output+outcome+code", 16),
        C("sdg_targets", _("SDG targets"), "#indicator+sdg+target+code", 16),
        C("rationale", _("Rationale"), "#description+rationale", 60),
        C("decided", _("Decided"), "#date+decided", 18),
    ),
    decision_rows,
    lambda cycle: cycle.decisions.count(),
)
