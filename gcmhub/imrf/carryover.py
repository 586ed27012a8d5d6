"""Starting a cycle from an earlier one (the IMRF returns every four years): what carries over,
with a record of where each thing came from.

Carried over: the cooperation framework (priorities and outcomes), the assignments of
objectives to organisations, the scoring criteria with their meaning, the open priorities (the
network's decisions for the medium and long term, to be confirmed) and the activities of the work
plan that are neither completed nor cancelled, with their outputs. Organisations, people and
working groups belong to the network and need no copy. Inputs, scores, documents and meetings do
not carry over: they are the new cycle's own work.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from gcmhub.assessments.models import Assignment
from gcmhub.core.access import require
from gcmhub.core.forms import CycleForm
from gcmhub.core.models import Cycle, User
from gcmhub.core.permissions import Perm
from gcmhub.core.services import cycle_create
from gcmhub.editions.services import translation_seed
from gcmhub.editions.texts import edition, other_languages
from gcmhub.framework.models import CooperationFramework, FrameworkOutcome, StrategicPriority
from gcmhub.imrf.models import CarriedOver
from gcmhub.priorities.models import Criterion, Decision, DecisionHorizon
from gcmhub.workplan.models import Activity, ActivityStatus, Output

# What a person sets on a new cycle: the fields of the cycle form, nothing else.
CYCLE_FIELDS = CycleForm.Meta.fields


@transaction.atomic
def cycle_start_from(*, source: Cycle, by: User, start_date, **fields) -> Cycle:
    """Start the network's next cycle on `start_date`, with the other `fields` of the cycle
    form (title, country, end date, horizons...), from `source`."""
    require(by, Perm.CYCLE_MANAGE, cycle=source)
    if start_date <= source.start_date:
        raise ValidationError({"start_date": _("The new cycle starts after the one it continues.")})
    fields["start_date"] = start_date
    cycle = cycle_create(
        network=source.network, by=by, **{k: fields[k] for k in CYCLE_FIELDS if k in fields}
    )
    records: list[CarriedOver] = []

    def record(kind, new, old, label):
        records.append(
            CarriedOver(
                cycle=cycle,
                source_cycle=source,
                kind=kind,
                object_id=new.pk,
                source_object_id=old.pk,
                label=str(label)[:500],
            )
        )

    outcomes = _framework(source, cycle, record)
    assignments = Assignment.objects.filter(cycle=source).select_related(
        "organisation", "objective"
    )
    for assignment in assignments:
        new = Assignment.objects.create(
            cycle=cycle,
            organisation_id=assignment.organisation_id,
            objective_id=assignment.objective_id,
            source=assignment.source,
        )
        record("assignment", new, assignment, f"{assignment.organisation} · {assignment.objective}")
    for criterion in Criterion.objects.filter(cycle=source):
        old_pk = criterion.pk
        criterion.pk = None
        criterion.cycle = cycle
        criterion.save()
        record("criterion", criterion, Criterion(pk=old_pk), criterion.name)
    open_horizons = [DecisionHorizon.MEDIUM, DecisionHorizon.LONG]
    for decision in (
        Decision.objects.filter(cycle=source, horizon__in=open_horizons)
        .select_related("objective")
        .prefetch_related(
            "outcomes", "sdg_targets", "lead_organisations", "supporting_organisations"
        )
    ):
        new = Decision.objects.create(
            cycle=cycle,
            objective_id=decision.objective_id,
            horizon=decision.horizon,
            rationale=_carried_rationale(source, decision.rationale, decision.language),
            language=decision.language,
            decided_by=by,
        )
        _carry_rationale_editions(source, decision, new)
        new.outcomes.set([outcomes[o.pk] for o in decision.outcomes.all() if o.pk in outcomes])
        new.sdg_targets.set(decision.sdg_targets.all())
        new.lead_organisations.set(decision.lead_organisations.all())
        new.supporting_organisations.set(decision.supporting_organisations.all())
        record("decision", new, decision, decision.objective)
    _work_plan(source, cycle, outcomes, record)
    CarriedOver.objects.bulk_create(records)
    return cycle


def _carried_rationale(source: Cycle, rationale: str, language: str) -> str:
    """The rationale of a decision carried over, said in the language it is written in."""
    with translation.override(language):
        return _("Carried over from %(cycle)s: %(rationale)s") % {
            "cycle": source.display_title,
            "rationale": rationale,
        }


def _carry_rationale_editions(source: Cycle, decision: Decision, new: Decision) -> None:
    """The carried-over rationale's other editions: each current one, said in its language
    (an edition out of date is left for a translator: the queue lists it)."""
    for language in other_languages(decision.language):
        found = edition(decision, "rationale", language)
        if found.status == "current":
            text = _carried_rationale(source, found.text, language)
            translation_seed(
                new, "rationale", language, text, illustrative=found.translation.illustrative
            )


def _framework(source: Cycle, cycle: Cycle, record) -> dict[int, FrameworkOutcome]:
    """Copy the cooperation framework; returns the new outcome of each old outcome's id."""
    framework = CooperationFramework.objects.filter(cycle=source).first()
    if framework is None:
        return {}
    new_framework = CooperationFramework.objects.create(
        cycle=cycle,
        title=framework.title,
        start_year=framework.start_year,
        end_year=framework.end_year,
        notes=framework.notes,
    )
    record("framework", new_framework, framework, framework.title)
    outcomes = {}
    for priority in framework.priorities.prefetch_related("outcomes"):
        new_priority = StrategicPriority.objects.create(
            framework=new_framework,
            number=priority.number,
            name=priority.name,
            name_tr=priority.name_tr,
            is_confirmed=priority.is_confirmed,
        )
        for outcome in priority.outcomes.all():
            outcomes[outcome.pk] = FrameworkOutcome.objects.create(
                priority=new_priority,
                code=outcome.code,
                statement=outcome.statement,
                statement_tr=outcome.statement_tr,
                migration_relevant=outcome.migration_relevant,
            )
    return outcomes


def _work_plan(source: Cycle, cycle: Cycle, outcomes: dict, record) -> None:
    """Copy the activities still to do, with the outputs they sit under."""
    activities = (
        Activity.objects.filter(output__cycle=source)
        .exclude(status__in=[ActivityStatus.COMPLETED, ActivityStatus.CANCELLED])
        .select_related("output__parent")
        .prefetch_related(
            "objectives",
            "sdg_targets",
            "lead_organisations",
            "un_entities",
            "partner_organisations",
        )
    )
    outputs: dict[int, Output] = {}

    def copy_output(output: Output) -> Output:
        if output.pk in outputs:
            return outputs[output.pk]
        parent = copy_output(output.parent) if output.parent_id else None
        if output.outcome_id not in outcomes:
            raise ValidationError(_("The earlier cycle's work plan has no cooperation framework."))
        new = Output.objects.create(
            cycle=cycle,
            outcome=outcomes[output.outcome_id],
            parent=parent,
            code=output.code,
            title=output.title,
            title_tr=output.title_tr,
        )
        record("output", new, output, output)
        outputs[output.pk] = new
        return new

    for activity in activities:
        new = Activity.objects.create(
            output=copy_output(activity.output),
            code=activity.code,
            title=activity.title,
            title_tr=activity.title_tr,
            description=activity.description,
            starts=max(activity.starts, cycle.start_date),
            ends=max(activity.ends, cycle.start_date),
            budget_planned=activity.budget_planned,
            budget_secured=activity.budget_secured,
            currency=activity.currency,
            status=activity.status,
            gender_marker=activity.gender_marker,
            human_rights_marker=activity.human_rights_marker,
            lnob_groups=activity.lnob_groups,
        )
        new.objectives.set(activity.objectives.all())
        new.sdg_targets.set(activity.sdg_targets.all())
        new.lead_organisations.set(activity.lead_organisations.all())
        new.un_entities.set(activity.un_entities.all())
        new.partner_organisations.set(activity.partner_organisations.all())
        record("activity", new, activity, activity)
