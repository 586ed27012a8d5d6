"""Reads of the work plan, each with a bounded number of queries."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from gcmhub.core.memo import history_stamp, remembered
from gcmhub.core.permissions import Actor
from gcmhub.core.workflow import State, visible_states
from gcmhub.framework.models import (
    FrameworkOutcome,
    LinkStatus,
    Objective,
    ObjectiveTarget,
    SdgTarget,
)
from gcmhub.priorities.models import Decision, DecisionHorizon
from gcmhub.workplan import rollup
from gcmhub.workplan.models import (
    REPORT_POLICY,
    Activity,
    ActivityProgress,
    ActualPart,
    Breakdown,
    BreakdownCategory,
    Indicator,
    IndicatorActual,
    Output,
    ProgressReport,
    ReportingPeriod,
)

# The work plan


def activities_of(cycle) -> QuerySet[Activity]:
    accepted = ActivityProgress.objects.filter(report__state=State.ACCEPTED).select_related(
        "report__period"
    )
    return (
        Activity.objects.filter(output__cycle=cycle)
        .select_related("output__parent", "output__outcome__priority")
        .prefetch_related(
            "objectives",
            "lead_organisations",
            "un_entities",
            "partner_organisations",
            "sdg_targets",
            "recommendations",
            Prefetch("progress", queryset=accepted, to_attr="accepted_progress"),
        )
        .order_by("output__code", "code")
    )


def with_sdg_targets(cycle, activities: list[Activity]) -> list[Activity]:
    """Set `activity.all_sdg_targets` on each: the SDG targets it names, those the network's
    decisions on its objectives serve, and those a published source links its objectives to
    (not the links we inferred), in the SDGs' order. Two queries, whatever the number of
    activities (the activities come with their objectives and targets prefetched)."""
    decided: dict[int, set] = defaultdict(set)
    for decision in Decision.objects.filter(cycle=cycle).prefetch_related("sdg_targets"):
        decided[decision.objective_id].update(decision.sdg_targets.all())
    published: dict[int, set] = defaultdict(set)
    for link in ObjectiveTarget.objects.filter(status=LinkStatus.PUBLISHED).select_related(
        "target"
    ):
        published[link.objective_id].add(link.target)
    for activity in activities:
        targets: set[SdgTarget] = set(activity.sdg_targets.all())
        for objective in activity.objectives.all():
            targets |= decided[objective.pk] | published[objective.pk]
        activity.all_sdg_targets = sorted(targets, key=lambda t: t.sort_key)
    return activities


def facts(activity: Activity) -> rollup.ActivityFacts:
    return rollup.ActivityFacts(
        id=activity.pk,
        status=activity.status,
        planned=activity.budget_planned,
        secured=activity.budget_secured,
        currency=activity.currency,
        reported=tuple(
            (p.report.period.starts, p.percent_complete) for p in activity.accepted_progress
        ),
    )


@dataclass
class OutputNode:
    output: Output
    activities: list = field(default_factory=list)
    children: list = field(default_factory=list)
    total: rollup.Rollup | None = None


@dataclass(frozen=True)
class PlanActivity:
    """What the summary of the plan reads of an activity."""

    facts: rollup.ActivityFacts
    code: str
    starts: dt.date
    ends: dt.date
    output_code: str
    output_ids: tuple[int, ...]  # its output's, and that output's output's for a sub-output
    outcome_id: int
    outcome_code: str


def plan_activities(cycle) -> tuple[list[PlanActivity], dict[int, int]]:
    """The cycle's activities as the summary reads them (three queries, no model instances),
    and the number of outputs of each outcome. An output counts under its outcome, a
    sub-output under its output's."""
    outputs = {
        o["pk"]: o
        for o in Output.objects.filter(cycle=cycle).values(
            "pk", "code", "outcome_id", "outcome__code", "parent_id"
        )
    }
    for output in outputs.values():
        home = outputs.get(output["parent_id"], output)
        output["home"] = (home["outcome_id"], home["outcome__code"])
    reported = defaultdict(list)
    for activity_id, starts, percent in ActivityProgress.objects.filter(
        activity__output__cycle=cycle, report__state=State.ACCEPTED
    ).values_list("activity_id", "report__period__starts", "percent_complete"):
        reported[activity_id].append((starts, percent))
    rows = (
        Activity.objects.filter(output__cycle=cycle)
        .order_by("output__code", "code")
        .values_list(
            "pk",
            "code",
            "output_id",
            "starts",
            "ends",
            "status",
            "budget_planned",
            "budget_secured",
            "currency",
        )
    )
    activities = []
    for pk, code, output_id, starts, ends, status, planned, secured, currency in rows:
        outcome_id, outcome_code = outputs[output_id]["home"]
        activities.append(
            PlanActivity(
                facts=rollup.ActivityFacts(
                    id=pk,
                    status=status,
                    planned=planned,
                    secured=secured,
                    currency=currency,
                    reported=tuple(reported[pk]),
                ),
                code=code,
                starts=starts,
                ends=ends,
                output_code=outputs[output_id]["code"],
                output_ids=tuple(
                    pk for pk in (output_id, outputs[output_id]["parent_id"]) if pk is not None
                ),
                outcome_id=outcome_id,
                outcome_code=outcome_code,
            )
        )
    counts: dict[int, int] = defaultdict(int)
    for output in outputs.values():
        counts[output["home"][0]] += 1
    return activities, dict(counts)


def rollup_stamp(cycle) -> str:
    """The stamp (core.memo) of what the work plan's roll-ups are made from: its outputs,
    activities (their objectives included), periods, progress reports and their rows, and the
    cooperation framework's outcomes (the summary keeps their codes: the outcomes' timeline)."""
    return history_stamp(
        Output.history.filter(cycle_id=cycle.pk),
        Activity.history.filter(output__cycle_id=cycle.pk),
        ReportingPeriod.history.filter(cycle_id=cycle.pk),
        ProgressReport.history.filter(period__cycle_id=cycle.pk),
        ActivityProgress.history.filter(report__period__cycle_id=cycle.pk),
        FrameworkOutcome.history.filter(priority__framework__cycle_id=cycle.pk),
    )


def _summarise(cycle, timeline) -> dict:
    activities, outputs = plan_activities(cycle)
    facts_ = [a.facts for a in activities]
    outcome_of = {a.facts.id: a.outcome_id for a in activities}
    totals = rollup.rollup(facts_, lambda f: [outcome_of[f.id]])
    outputs_of = {a.facts.id: a.output_ids for a in activities}
    counts: dict[int, int] = defaultdict(int)
    for activity in activities:
        counts[activity.outcome_id] += 1
    rows, level = timeline_rows(activities)
    return {
        "total": rollup.rollup(facts_, lambda f: ["all"]).get("all"),
        "outcomes": {
            pk: {"total": totals.get(pk), "outputs": n, "activities": counts[pk]}
            for pk, n in outputs.items()
        },
        "output_totals": rollup.rollup(facts_, lambda f: outputs_of[f.id]),
        "timeline": str(timeline(rows, level)) if rows else "",
        "timeline_level": level,
    }


@dataclass
class OutcomeSummary:
    outcome: FrameworkOutcome
    total: rollup.Rollup | None
    outputs: int
    activities: int


SUMMARY_SHAPE = 1


def _summary(cycle, timeline) -> dict:
    stamp = rollup_stamp(cycle) + ":" + timezone.localdate().isoformat()  # today's line
    # The name carries the summary's shape: a release that changes it does not read the old.
    return remembered(
        f"workplan:summary:{SUMMARY_SHAPE}:{cycle.pk}",
        stamp=stamp,
        compute=lambda: _summarise(cycle, timeline),
    )


def workplan_summary(cycle, *, timeline) -> dict:
    """The work plan at a glance, computed once per change of its data (core.memo): the
    roll-up of the whole plan and of each outcome (strategic priority → outcome, with its
    numbers of outputs and activities), and the timeline chart (`timeline(rows, level)`
    draws it). Its queries do not depend on the plan's size once remembered."""
    summary = _summary(cycle, timeline)
    outcomes = FrameworkOutcome.objects.filter(pk__in=summary["outcomes"]).select_related(
        "priority"
    )
    priorities: dict[int, dict] = {}
    for outcome in sorted(outcomes, key=lambda o: o.code):
        entry = priorities.setdefault(
            outcome.priority_id, {"priority": outcome.priority, "outcomes": []}
        )
        entry["outcomes"].append(OutcomeSummary(outcome=outcome, **summary["outcomes"][outcome.pk]))
    return {
        **summary,
        "priorities": sorted(priorities.values(), key=lambda p: p["priority"].number),
    }


def outcome_of(cycle, pk: int) -> FrameworkOutcome | None:
    """The outcome `pk` of the cycle's cooperation framework, or None."""
    return FrameworkOutcome.objects.filter(priority__framework__cycle=cycle, pk=pk).first()


def activity_outcome(cycle, pk: int) -> FrameworkOutcome | None:
    """The outcome under which the plan shows activity `pk` of the cycle, or None."""
    found = (
        Activity.objects.filter(output__cycle=cycle, pk=pk)
        .values_list("output__outcome_id", "output__parent__outcome_id")
        .first()
    )
    return outcome_of(cycle, found[1] or found[0]) if found else None


OUTCOME_PAGE = 50  # activities of an outcome on a page


def outcome_plan(cycle, outcome, *, page: str | None, timeline, activity_pk=None) -> Page:
    """A page of the outputs of `outcome` (each followed by its sub-outputs) with their
    activities, `OUTCOME_PAGE` activities at a time: the page's `object_list` is its outputs
    as `OutputNode`s (an output whose activities run over two pages is on both), each with
    its roll-up (from the plan's summary) and its activities with their completion. With
    `activity_pk`, the page that shows that activity."""
    # An output under its outcome, a sub-output under its output's.
    of_outcome = Q(parent__isnull=True, outcome=outcome) | Q(parent__outcome=outcome)
    outputs = list(Output.objects.filter(of_outcome, cycle=cycle).order_by("code"))
    children = defaultdict(list)
    for output in outputs:
        if output.parent_id:
            children[output.parent_id].append(output)
    order = [
        o for top in outputs if not top.parent_id for o in [top, *children[top.pk]]
    ]  # each output, then its sub-outputs
    of_output = defaultdict(list)
    for pk, output_id in (
        Activity.objects.filter(output__in=outputs).order_by("code").values_list("pk", "output_id")
    ):
        of_output[output_id].append(pk)
    # One entry per activity, and one for each output without any.
    entries = [(o, pk) for o in order for pk in of_output[o.pk] or [None]]
    if activity_pk is not None:
        position = next((i for i, (_o, pk) in enumerate(entries) if pk == activity_pk), 0)
        page = str(position // OUTCOME_PAGE + 1)
    result = Paginator(entries, OUTCOME_PAGE).get_page(page)
    shown = {pk for _output, pk in result.object_list if pk}
    activities = {a.pk: a for a in activities_of(cycle).filter(pk__in=shown)}
    totals = _summary(cycle, timeline)["output_totals"]
    nodes: list[OutputNode] = []
    for output, pk in result.object_list:
        if not nodes or nodes[-1].output.pk != output.pk:
            nodes.append(OutputNode(output=output, total=totals.get(output.pk)))
        if pk:
            activity = activities[pk]
            activity.facts = facts(activity)
            activity.completion = rollup.completion(activity.facts)
            nodes[-1].activities.append(activity)
    result.object_list = nodes
    return result


@dataclass
class ObjectiveGap:
    objective: Objective
    horizon: str
    horizon_label: str
    activities: int
    total: rollup.Rollup | None


def gaps(cycle) -> dict:
    """The prioritised objectives (short, medium, long term) with their activities and funding
    gap, and those with no activity at all; the totals per objective are computed once per
    change of the plan (core.memo)."""
    totals = remembered(
        f"workplan:objectives:{cycle.pk}",
        stamp=rollup_stamp(cycle),
        compute=lambda: _objective_totals(cycle),
        per_language=False,
    )
    decisions = (
        Decision.objects.filter(cycle=cycle)
        .exclude(horizon=DecisionHorizon.NOT_NOW)
        .select_related("objective")
        .order_by("objective__number")
    )
    order = {DecisionHorizon.SHORT: 0, DecisionHorizon.MEDIUM: 1, DecisionHorizon.LONG: 2}
    rows = [
        ObjectiveGap(
            objective=d.objective,
            horizon=d.horizon,
            horizon_label=d.get_horizon_display(),
            activities=totals[d.objective_id].activities if d.objective_id in totals else 0,
            total=totals.get(d.objective_id),
        )
        for d in decisions
    ]
    rows.sort(key=lambda r: (order.get(r.horizon, 9), r.objective.number))
    return {
        "rows": rows,
        "uncovered": [r for r in rows if not r.activities],
    }


def _objective_totals(cycle) -> dict[int, rollup.Rollup]:
    """The roll-up of the activities under each GCM objective they serve."""
    activities, _outputs = plan_activities(cycle)
    objectives_of = defaultdict(list)
    for activity_id, objective_id in Activity.objectives.through.objects.filter(
        activity__output__cycle=cycle
    ).values_list("activity_id", "objective_id"):
        objectives_of[activity_id].append(objective_id)
    return rollup.rollup([a.facts for a in activities], lambda f: objectives_of[f.id])


# Indicators and reports


def periods_of(cycle) -> list[ReportingPeriod]:
    return list(ReportingPeriod.objects.filter(cycle=cycle).order_by("starts"))


def breakdowns_of(cycle) -> list[Breakdown]:
    """The cycle's breakdowns with their categories and the codes of the indicators using them."""
    return list(
        Breakdown.objects.filter(cycle=cycle)
        .prefetch_related(
            "categories", Prefetch("indicators", Indicator.objects.only("code").order_by("code"))
        )
        .order_by("name")
    )


def indicator_rows(cycle) -> QuerySet[Indicator]:
    """The cycle's indicators in the order of their codes, ready for `indicators_of`."""
    return (
        Indicator.objects.filter(cycle=cycle)
        .select_related("output", "outcome", "reported_by")
        .prefetch_related("targets", "breakdowns__categories")
        .order_by("code")
    )


def indicators_of(cycle, periods: list[ReportingPeriod], indicators=None) -> list[Indicator]:
    """Indicators with their targets and accepted actuals per period (`cells`), in period
    order, and the progress towards the target where both are numbers. Each cell's `parts`
    are its values by category, breakdown by breakdown ([(breakdown, [(category, value)])]),
    and `breakdown_series` the same per breakdown across the periods, for a chart."""
    indicators = list(indicator_rows(cycle) if indicators is None else indicators)
    accepted = IndicatorActual.objects.filter(indicator__cycle=cycle, report__state=State.ACCEPTED)
    if indicators is not None:  # a page of them
        accepted = accepted.filter(indicator__in=[i.pk for i in indicators])
    actuals = defaultdict(dict)
    for actual in accepted.select_related("report").prefetch_related("parts"):
        actuals[actual.indicator_id][actual.report.period_id] = actual
    for indicator in indicators:
        targets = {t.period_id: t for t in indicator.targets.all()}
        breakdowns = sorted(indicator.breakdowns.all(), key=lambda b: b.display_name)
        indicator.sorted_breakdowns = breakdowns
        indicator.cells = []
        for period in periods:
            target, actual = targets.get(period.pk), actuals[indicator.pk].get(period.pk)
            progress = None
            if indicator.is_numeric and target and actual:
                progress = rollup.indicator_progress(
                    baseline=indicator.baseline_value, target=target.value, actual=actual.value
                )
            values = {p.category_id: p.value for p in actual.parts.all()} if actual else {}
            parts = [
                (b, [(c, values.get(c.pk)) for c in b.categories.all()])
                for b in breakdowns
                if any(c.pk in values for c in b.categories.all())
            ]
            indicator.cells.append(
                {
                    "period": period,
                    "target": target,
                    "actual": actual,
                    "progress": progress,
                    "parts": parts,
                }
            )
        indicator.breakdown_series = _series(indicator, breakdowns)
    return indicators


def indicator_charts_stamp(cycle) -> str:
    """The stamp (core.memo) of what the charts of the indicators are drawn from: the
    indicators (their breakdowns included), the breakdowns and their categories, the periods,
    the progress reports (accepted or not) and their actual values and values by category."""
    return history_stamp(
        Indicator.history.filter(cycle_id=cycle.pk),
        Breakdown.history.filter(cycle_id=cycle.pk),
        BreakdownCategory.history.filter(breakdown__cycle_id=cycle.pk),
        ReportingPeriod.history.filter(cycle_id=cycle.pk),
        ProgressReport.history.filter(period__cycle_id=cycle.pk),
        IndicatorActual.history.filter(indicator__cycle_id=cycle.pk),
        ActualPart.history.filter(actual__indicator__cycle_id=cycle.pk),
    )


CHARTS_SHAPE = 1


def indicator_charts(cycle, periods: list[ReportingPeriod], *, draw) -> list:
    """The charts of every indicator of the cycle with accepted values by category, whatever
    the page of indicators shown (`draw(indicators, periods)` draws them, each with what it
    shows), drawn once per change of their data (core.memo)."""

    def compute():
        broken_down = Indicator.breakdowns.through.objects.filter(indicator__cycle_id=cycle.pk)
        rows = indicator_rows(cycle).filter(pk__in=broken_down.values("indicator_id"))
        return draw(indicators_of(cycle, periods, rows), periods)

    # The name carries the charts' shape: a release that changes it does not read the old.
    return remembered(
        f"workplan:indicator-charts:{CHARTS_SHAPE}:{cycle.pk}",
        stamp=indicator_charts_stamp(cycle),
        compute=compute,
    )


def _series(indicator, breakdowns) -> list[tuple]:
    """(breakdown, [(category label, [value or None per period])]) of the breakdowns with a
    value in some period."""
    result = []
    for breakdown in breakdowns:
        per_period = [
            {c.pk: v for c, v in next((v for b, v in cell["parts"] if b.pk == breakdown.pk), [])}
            for cell in indicator.cells
        ]
        if not any(v is not None for values in per_period for v in values.values()):
            continue
        series = [
            (
                str(category.display_label),
                [
                    float(values[category.pk]) if values.get(category.pk) is not None else None
                    for values in per_period
                ],
            )
            for category in breakdown.categories.all()
        ]
        result.append((breakdown, series))
    return result


def progress_reports_of(cycle) -> QuerySet[ProgressReport]:
    """Every progress report of the cycle, the latest period first."""
    return (
        ProgressReport.objects.filter(period__cycle=cycle)
        .select_related("period", "organisation")
        .order_by("-period__starts", "organisation__name")
    )


def visible_progress_reports(cycle, actor: Actor) -> QuerySet[ProgressReport]:
    """The progress reports `actor` may read, by `REPORT_POLICY`: their own organisation's in
    any state, and, with the reader permission, the others' once they leave draft. The one
    place this rule is written: the pages and the API ask it."""
    visible = []
    if actor.has(REPORT_POLICY.author) and actor.speaks_for(actor.organisation_id):
        visible.append(Q(organisation_id=actor.organisation_id))
    states = visible_states(REPORT_POLICY, actor)
    if states:
        visible.append(Q(state__in=sorted(states)))
    if not visible:
        return ProgressReport.objects.none()
    return progress_reports_of(cycle).filter(reduce(or_, visible))


def current_period(periods: list[ReportingPeriod], today: dt.date | None = None):
    """The period whose reports are due next (or the last one)."""
    today = today or timezone.localdate()
    upcoming = [p for p in periods if p.due_date >= today]
    return upcoming[0] if upcoming else (periods[-1] if periods else None)


TIMELINE_BARS = 40


def timeline_rows(activities: list[PlanActivity]) -> tuple[list[tuple], str]:
    """(label, start, end, status) per activity; for a large plan, one bar per output (from its
    first start to its last end), or per outcome for a very large one, so that the chart stays
    readable. Returns (rows, "activity", "output" or "outcome")."""
    if len(activities) <= TIMELINE_BARS:
        return [(a.code, a.starts, a.ends, a.facts.status) for a in activities], "activity"
    live = [a for a in activities if a.facts.status != "cancelled"]
    level = "output" if len({a.output_code for a in live}) <= TIMELINE_BARS else "outcome"
    groups: dict[str, list[PlanActivity]] = defaultdict(list)
    for activity in live:
        groups[activity.output_code if level == "output" else activity.outcome_code].append(
            activity
        )
    rows = []
    for label, members in groups.items():
        statuses = {a.facts.status for a in members}
        status = next(
            (s for s in ("delayed", "ongoing") if s in statuses),
            "completed" if statuses == {"completed"} else "planned",
        )
        rows.append((label, min(a.starts for a in members), max(a.ends for a in members), status))
    return sorted(rows), level
