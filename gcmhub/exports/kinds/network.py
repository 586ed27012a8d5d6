"""The work plan, indicators with targets and actuals, progress reports, obligations."""

from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from gcmhub.editions.texts import prefetch
from gcmhub.exports.kinds.base import (
    ID,
    ORG,
    ORG_ID,
    SEP,
    C,
    Kind,
    objective_numbers,
    org_label,
    org_names,
)


def output_rows(cycle):
    outputs = cycle.outputs.select_related("outcome__priority", "parent")
    for o in outputs.order_by("code"):
        yield (
            o.pk,
            o.code,
            o.display_title,
            o.parent.code if o.parent else "",
            o.outcome.code if o.outcome else "",
            o.outcome.display_statement if o.outcome else "",
        )


OUTPUTS = Kind(
    "outputs",
    _("Outputs of the work plan"),
    (
        ID,
        C("code", _("Code"), "#output+code", 10),
        C("title", _("Output"), "#output+name", 50),
        C("parent", _("Part of output"), "#output+code+parent", 10),
        C("outcome", _("Outcome code"), "#output+outcome+code", 10),
        C("outcome_statement", _("Outcome"), "#output+outcome+name", 50),
    ),
    output_rows,
    lambda cycle: cycle.outputs.count(),
)


def activity_queryset(cycle) -> QuerySet:
    from gcmhub.workplan.models import Activity

    return Activity.objects.filter(output__cycle=cycle)


def activity_rows(cycle):
    from gcmhub.workplan.selectors import with_sdg_targets

    activities = (
        activity_queryset(cycle)
        .select_related("output")
        .prefetch_related(
            "objectives",
            "lead_organisations",
            "un_entities",
            "partner_organisations",
            "sdg_targets",
        )
    )
    for a in with_sdg_targets(cycle, list(activities.order_by("output__code", "code"))):
        yield (
            a.pk,
            a.code,
            a.display_title,
            a.output.code,
            objective_numbers(a.objectives.all()),
            org_names(a.lead_organisations.all()),
            org_names(a.un_entities.all()),
            org_names(a.partner_organisations.all()),
            SEP.join(t.code for t in a.all_sdg_targets),
            a.gender_marker,
            a.human_rights_marker,
            SEP.join(a.get_lnob_groups_display()),
            a.starts,
            a.ends,
            a.get_status_display(),
            a.currency,
            a.budget_planned,
            a.budget_secured,
        )


ACTIVITIES = Kind(
    "activities",
    _("Activities"),
    (
        ID,
        C("code", _("Code"), "#activity+code", 10),
        C("title", _("Activity"), "#activity+name", 50),
        C("output", _("Output"), "#output+code", 10),
        C("objectives", _("GCM objectives"), "#indicator+gcm+objective+list", 14),
        C("lead_organisations", _("Lead organisations"), "#org+name+lead", 30),
        C("un_entities", _("Contributing UN entities"), "#org+name+un", 30),
        C("partner_organisations", _("Implementing partners"), "#org+name+impl", 30),
        C("sdg_targets", _("SDG targets"), "#indicator+sdg+target+code", 14),
        C("gender_marker", _("Gender equality marker"), "#indicator+marker+gender+code", 8),
        C("human_rights_marker", _("Human rights marker"), "#indicator+marker+rights+code", 8),
        C("lnob_groups", _("Groups left behind"), "#population+lnob+list", 30),
        C("starts", _("Start"), "#date+start", 12),
        C("ends", _("End"), "#date+end", 12),
        C("status", _("Status"), "#status", 12),
        C("currency", _("Currency"), "#currency", 8),
        C("budget_planned", _("Planned budget"), "#value+planned", 14),
        C("budget_secured", _("Secured budget"), "#value+funded", 14),
    ),
    activity_rows,
    lambda cycle: activity_queryset(cycle).count(),
)


def indicator_rows(cycle):
    indicators = cycle.indicators.select_related("output", "outcome", "reported_by")
    for i in indicators.prefetch_related("breakdowns").order_by("code"):
        result = i.output or i.outcome
        yield (
            i.pk,
            i.code,
            i.display_name,
            result.code if result else "",
            i.get_kind_display(),
            i.unit,
            i.baseline_value,
            i.baseline_text,
            i.baseline_year,
            i.source,
            SEP.join(sorted(b.display_name for b in i.breakdowns.all())),
            org_label(i.reported_by),
        )


INDICATORS = Kind(
    "indicators",
    _("Indicators"),
    (
        ID,
        C("code", _("Code"), "#indicator+code", 10),
        C("name", _("Indicator"), "#indicator+name", 50),
        C("result", _("Result"), "#output+code", 10),
        C("kind", _("Kind"), "#indicator+type", 12),
        C("unit", _("Unit"), "#indicator+unit", 10),
        C("baseline_value", _("Baseline"), "#indicator+baseline+num", 10),
        C(
            "baseline_text",
            _("Baseline (in words, qualitative only)"),
            "#indicator+baseline+text",
            24,
        ),
        C("baseline_year", _("Baseline year"), "#date+year+baseline", 8),
        C("source", _("Data source"), "#meta+source", 24),
        C("breakdowns", _("Broken down by"), "#meta+breakdown+list", 20),
        C("reported_by", _("Reported by"), "#org+name+reporting", 30),
    ),
    indicator_rows,
    lambda cycle: cycle.indicators.count(),
)


def _targets(cycle) -> QuerySet:
    from gcmhub.workplan.models import IndicatorTarget

    return IndicatorTarget.objects.filter(indicator__cycle=cycle)


def _actuals(cycle) -> QuerySet:
    from gcmhub.core.workflow import State
    from gcmhub.workplan.models import IndicatorActual

    return IndicatorActual.objects.filter(indicator__cycle=cycle, report__state=State.ACCEPTED)


def _categories(cycle) -> list:
    from gcmhub.workplan.models import BreakdownCategory

    return list(
        BreakdownCategory.objects.filter(breakdown__cycle=cycle)
        .select_related("breakdown")
        .order_by("breakdown__name", "order", "pk")
    )


def _hxl_attributes(category) -> str:
    """The category's HXL attributes (`+f`), or one made of its name (`+istanbul`)."""
    if category.hxl:
        return category.hxl
    return "+" + slugify(category.label).replace("-", "_")


def category_columns(cycle) -> list:
    """A column per category of the cycle's breakdowns: the actual value in that category,
    its hashtag the value's with the category's attributes (`#indicator+value+num+f`)."""
    return [
        C(
            f"part_{c.pk}",
            _("%(breakdown)s: %(category)s")
            % {"breakdown": c.breakdown.display_name, "category": c.display_label},
            f"#indicator+value+num{_hxl_attributes(c)}",
            10,
        )
        for c in _categories(cycle)
    ]


def indicator_value_rows(cycle):
    """Targets and accepted actuals, one per row (long format), so figures stay numbers; an
    actual's values by category follow in a column per category (empty where not given)."""
    target, actual = _("Target"), _("Actual")
    categories = [c.pk for c in _categories(cycle)]
    none = ("",) * len(categories)
    for t in (
        _targets(cycle)
        .select_related("indicator", "period")
        .order_by("indicator__code", "period__starts")
    ):
        yield (t.indicator.code, t.period.label, str(target), t.value, t.text, "", "", *none)
    for a in (
        _actuals(cycle)
        .select_related("indicator", "report__period", "report__organisation")
        .prefetch_related("parts")
        .order_by("indicator__code", "report__period__starts", "report__organisation__name")
    ):
        period = a.report.period.label
        organisation = org_label(a.report.organisation)
        parts = {p.category_id: p.value for p in a.parts.all()}
        yield (
            a.indicator.code,
            period,
            str(actual),
            a.value,
            a.text,
            organisation,
            a.narrative,
            *(parts.get(pk, "") for pk in categories),
        )


INDICATOR_VALUES = Kind(
    "indicator_values",
    _("Indicator targets and actuals"),
    (
        C("indicator", _("Indicator"), "#indicator+code", 10),
        C("period", _("Period"), "#date+period", 10),
        C("measure", _("Target or actual"), "#indicator+measure", 10),
        C("value", _("Value"), "#indicator+value+num", 10),
        C("text", _("Value (qualitative)"), "#indicator+value+text", 30),
        ORG,
        C("narrative", _("Narrative"), "#description", 40),
    ),
    indicator_value_rows,
    lambda cycle: _targets(cycle).count() + _actuals(cycle).count(),
    more_columns=category_columns,
)


def report_queryset(cycle) -> QuerySet:
    from gcmhub.core.workflow import State
    from gcmhub.workplan.models import ProgressReport

    return ProgressReport.objects.filter(period__cycle=cycle).exclude(state=State.DRAFT)


def report_rows(cycle):
    reports = report_queryset(cycle).select_related("period", "organisation")
    for r in reports.order_by("period__starts", "organisation__name"):
        yield (
            r.pk,
            r.period.label,
            org_label(r.organisation),
            r.organisation_id,
            r.get_state_display(),
            r.summary,
            r.submitted_at,
            r.reviewed_at,
        )


PROGRESS_REPORTS = Kind(
    "progress_reports",
    _("Progress reports"),
    (
        ID,
        C("period", _("Period"), "#date+period", 10),
        ORG,
        ORG_ID,
        C("state", _("State"), "#status", 12),
        C("summary", _("Summary of the period"), "#description", 60),
        C("submitted", _("Submitted"), "#date+submitted", 18),
        C("reviewed", _("Reviewed"), "#date+reviewed", 18),
    ),
    report_rows,
    lambda cycle: report_queryset(cycle).count(),
)


def activity_progress_queryset(cycle) -> QuerySet:
    from gcmhub.workplan.models import ActivityProgress

    return ActivityProgress.objects.filter(report__in=report_queryset(cycle))


def activity_progress_rows(cycle):
    rows = activity_progress_queryset(cycle).select_related(
        "report__period", "report__organisation", "activity"
    )
    for p in rows.order_by("report__period__starts", "report__organisation__name", "activity"):
        yield (
            p.pk,
            p.report_id,
            p.report.period.label,
            org_label(p.report.organisation),
            p.activity.code,
            p.get_status_display(),
            p.percent_complete,
            p.narrative,
        )


ACTIVITY_PROGRESS = Kind(
    "activity_progress",
    _("Progress of activities"),
    (
        ID,
        C("report_id", _("Progress report number"), "#meta+id+report", 10),
        C("period", _("Period"), "#date+period", 10),
        ORG,
        C("activity", _("Activity"), "#activity+code", 10),
        C("status", _("Status"), "#status", 12),
        C("percent_complete", _("Completion (%)"), "#indicator+pct+complete", 10),
        C("narrative", _("What was done"), "#description", 60),
    ),
    activity_progress_rows,
    lambda cycle: activity_progress_queryset(cycle).count(),
)


def obligation_queryset(cycle) -> QuerySet:
    from gcmhub.coordination.models import Obligation

    return Obligation.objects.filter(rule__cycle=cycle)


def obligation_rows(cycle):
    secretariat = _("Network secretariat")
    obligations = obligation_queryset(cycle).select_related("rule", "organisation")
    obligations = list(obligations.order_by("due_date", "rule__title", "organisation__name", "pk"))
    prefetch([o.rule for o in obligations])  # the SOP rules' editions (issue 15), one query
    for o in obligations:
        yield (
            o.pk,
            o.rule.get_kind_display(),
            o.rule.display_title,
            o.rule.display_task,
            org_label(o.organisation) if o.organisation else str(secretariat),
            o.organisation_id,
            o.due_date,
            o.done_at,
            o.note,
        )


OBLIGATIONS = Kind(
    "obligations",
    _("Obligations"),
    (
        ID,
        C("kind", _("Kind"), "#sector+sop", 16),
        C("rule", _("SOP rule"), "#meta+rule", 30),
        C("task", _("Task"), "#activity+task", 40),
        ORG,
        ORG_ID,
        C("due_date", _("Due"), "#date+due", 12),
        C("done", _("Done"), "#date+done", 18),
        C("note", _("Note"), "#description", 30),
    ),
    obligation_rows,
    lambda cycle: obligation_queryset(cycle).count(),
)
