"""Writes of the work plan: reporting periods, outputs, activities, indicators and progress
reports."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import NotRequired, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gcmhub.coordination.models import Obligation
from gcmhub.coordination.services import check_same_network, obligations_refresh
from gcmhub.core.access import actor_for, require
from gcmhub.core.audit import delete_audited, locked, save_audited, save_changed
from gcmhub.core.errors import check_version
from gcmhub.core.models import Cycle, User
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.text import clean_text
from gcmhub.core.workflow import State, Step, can, transition
from gcmhub.directory.models import Organisation, OrganisationType
from gcmhub.directory.selectors import members_with
from gcmhub.framework.models import FrameworkOutcome, Objective, SdgTarget
from gcmhub.notifications.models import Kind
from gcmhub.notifications.selectors import focal_points, holders_of
from gcmhub.notifications.services import Email, notify
from gcmhub.workplan.breakdowns import STANDARD_CATEGORIES, Split, hxl_attributes, reconcile
from gcmhub.workplan.models import (
    REPORT_POLICY,
    Activity,
    ActivityProgress,
    ActivityStatus,
    ActualPart,
    Breakdown,
    BreakdownCategory,
    Indicator,
    IndicatorActual,
    IndicatorKind,
    IndicatorTarget,
    Output,
    ProgressReport,
    ReportingPeriod,
)

# Reporting periods


@transaction.atomic
def period_save(
    *,
    cycle: Cycle,
    by: User,
    label: str,
    starts: dt.date,
    ends: dt.date,
    due_date: dt.date,
    period: ReportingPeriod | None = None,
) -> ReportingPeriod:
    period = locked(period) if period is not None else None
    require(by, Perm.WORKPLAN_MANAGE, cycle=cycle)
    if ends < starts:
        raise ValidationError({"ends": _("A period cannot end before it starts.")})
    if due_date < ends:
        raise ValidationError({"due_date": _("Reports are due after the period ends.")})
    period = period or ReportingPeriod(cycle=cycle)
    period.label = clean_text(label)
    period.starts, period.ends, period.due_date = starts, ends, due_date
    return save_audited(period, by=by)


# The work plan


def activity_leads(cycle: Cycle) -> list[Organisation]:
    """The organisations leading an activity of the cycle's work plan (not a cancelled one)."""
    return list(
        Organisation.objects.filter(led_activities__output__cycle=cycle)
        .exclude(led_activities__status=ActivityStatus.CANCELLED)
        .distinct()
    )


@transaction.atomic
def output_save(
    *,
    cycle: Cycle,
    by: User,
    outcome: FrameworkOutcome,
    code: str,
    title: str,
    title_tr: str = "",
    parent: Output | None = None,
    output: Output | None = None,
) -> Output:
    output = locked(output) if output is not None else None
    require(by, Perm.WORKPLAN_MANAGE, cycle=cycle)
    if outcome.priority.framework.cycle_id != cycle.pk:
        raise ValidationError({"outcome": _("Choose an outcome of this cycle's framework.")})
    if parent is not None:
        if parent.cycle_id != cycle.pk or parent.parent_id is not None:
            raise ValidationError(
                {
                    "parent": _(
                        "A sub-output belongs to an output of this cycle, not to another "
                        "sub-output."
                    )
                }
            )
        if output is not None and parent.pk == output.pk:
            raise ValidationError({"parent": _("An output cannot belong to itself.")})
        outcome = parent.outcome
    if output is not None and parent is not None and output.children.exists():
        raise ValidationError({"parent": _("This output has sub-outputs: it stays an output.")})
    output = output or Output(cycle=cycle)
    output.outcome, output.parent = outcome, parent
    output.code = clean_text(code)
    output.title = clean_text(title)
    output.title_tr = clean_text(title_tr)
    return save_audited(output, by=by)


@transaction.atomic
def output_delete(*, output: Output, by: User) -> None:
    output = locked(output)
    require(by, Perm.WORKPLAN_MANAGE, cycle=output.cycle)
    if output.activities.exists() or output.children.exists() or output.indicators.exists():
        raise ValidationError(
            _("This output has activities, sub-outputs or indicators: move or remove them first.")
        )
    delete_audited(output, by=by)


def activity_problems(*, starts, ends, budget_planned, budget_secured) -> dict:
    """What an activity's dates and budget break, by field (values a form could not read are
    None and not judged): what `activity_save` refuses and its page shows."""
    problems = {}
    if starts and ends and ends < starts:
        problems["ends"] = _("An activity cannot end before it starts.")
    budget = (budget_planned, budget_secured)
    if None not in budget and budget_secured > budget_planned:
        problems["budget_secured"] = _("Secured funding is more than the planned budget.")
    return problems


@transaction.atomic
def activity_save(
    *,
    cycle: Cycle,
    by: User,
    output: Output,
    code: str,
    title: str,
    starts: dt.date,
    ends: dt.date,
    budget_planned: Decimal,
    budget_secured: Decimal,
    currency: str,
    title_tr: str = "",
    description: str = "",
    status: str = "",
    objectives: Iterable[Objective] = (),
    recommendations: Iterable = (),
    sdg_targets: Iterable[SdgTarget] = (),
    lead_organisations: Iterable[Organisation] = (),
    un_entities: Iterable[Organisation] = (),
    partner_organisations: Iterable[Organisation] = (),
    gender_marker: str = "",
    human_rights_marker: str = "",
    lnob_groups: Iterable[str] = (),
    activity: Activity | None = None,
) -> Activity:
    """Save an activity: who leads it, the UN entities contributing to it and its
    implementing partners (three sets; a lead is in neither of the other two), and its UN INFO
    markers."""
    activity = locked(activity) if activity is not None else None
    require(by, Perm.WORKPLAN_MANAGE, cycle=cycle)
    if output.cycle_id != cycle.pk:
        raise ValidationError({"output": _("Choose an output of this cycle.")})
    leads = list(lead_organisations)
    entities = list(un_entities)
    partners = list(partner_organisations)
    if not leads:
        raise ValidationError({"lead_organisations": _("Name at least one lead organisation.")})
    check_same_network([*leads, *entities, *partners], cycle.network_id, "lead_organisations")
    if any(o.type != OrganisationType.UN_AGENCY for o in entities):
        raise ValidationError(
            {"un_entities": _("Contributing UN entities are UN agencies: name partners below.")}
        )
    problems = activity_problems(
        starts=starts, ends=ends, budget_planned=budget_planned, budget_secured=budget_secured
    )
    if problems:
        raise ValidationError(problems)
    recommendations = [r for r in recommendations if r.document.cycle_id == cycle.pk]
    activity = activity or Activity(output=output)
    activity.output = output
    activity.code = clean_text(code)
    activity.title = clean_text(title)
    activity.title_tr = clean_text(title_tr)
    activity.description = clean_text(description)
    activity.starts, activity.ends = starts, ends
    activity.budget_planned = budget_planned
    activity.budget_secured = budget_secured
    activity.currency = currency
    activity.status = status or activity.status
    activity.gender_marker = gender_marker or ""
    activity.human_rights_marker = human_rights_marker or ""
    activity.lnob_groups = list(lnob_groups)
    save_audited(activity, by=by)
    activity.objectives.set(list(objectives))
    activity.recommendations.set(recommendations)
    activity.sdg_targets.set(list(sdg_targets))
    activity.lead_organisations.set(leads)
    activity.un_entities.set([e for e in entities if e not in leads])
    activity.partner_organisations.set([p for p in partners if p not in leads + entities])
    obligations_refresh(cycle)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by: User) -> None:
    activity = locked(activity)
    cycle = activity.output.cycle
    require(by, Perm.WORKPLAN_MANAGE, cycle=cycle)
    if activity.progress.exists():
        raise ValidationError(
            _("Progress has been reported on this activity: mark it cancelled instead.")
        )
    delete_audited(activity, by=by)
    obligations_refresh(cycle)


# Indicators


def indicator_value_problem(kind: str, value, text: str) -> str | None:
    """A numeric indicator takes numbers only; a qualitative one takes words only: what is
    wrong with a value (a number, words) of an indicator of `kind`, if anything."""
    if kind == IndicatorKind.NUMERIC and text:
        return _("This is a numeric indicator: give a number (or leave it empty).")
    if kind != IndicatorKind.NUMERIC and value is not None:
        return _("This is a qualitative indicator: describe it in words.")
    return None


def indicator_place_problem(*, output, outcome) -> str | None:
    if (outcome is None) == (output is None):
        return _("Attach the indicator to an output or to an outcome.")
    return None


def _indicator_values(kind: str, value, text: str, field: str):
    text = clean_text(text or "")
    problem = indicator_value_problem(kind, value, text)
    if problem:
        raise ValidationError({field: problem})
    return (value, "") if kind == IndicatorKind.NUMERIC else (None, text)


@transaction.atomic
def indicator_save(
    *,
    cycle: Cycle,
    by: User,
    code: str,
    name: str,
    kind: str,
    reported_by: Organisation,
    output: Output | None = None,
    outcome: FrameworkOutcome | None = None,
    name_tr: str = "",
    unit: str = "",
    baseline_value: Decimal | None = None,
    baseline_text: str = "",
    baseline_year: int | None = None,
    source: str = "",
    breakdowns: Iterable[Breakdown] = (),
    parts_add_up: bool = True,
    targets: dict | None = None,
    indicator: Indicator | None = None,
) -> Indicator:
    """Save an indicator and its targets ({period: (value, text)})."""
    indicator = locked(indicator) if indicator is not None else None
    require(by, Perm.WORKPLAN_MANAGE, cycle=cycle)
    problem = indicator_place_problem(output=output, outcome=outcome)
    if problem:
        raise ValidationError({"output": problem})
    if output is not None and output.cycle_id != cycle.pk:
        raise ValidationError({"output": _("Choose an output of this cycle.")})
    if outcome is not None and outcome.priority.framework.cycle_id != cycle.pk:
        raise ValidationError({"outcome": _("Choose an outcome of this cycle's framework.")})
    check_same_network([reported_by], cycle.network_id, "reported_by")
    baseline_value, baseline_text = _indicator_values(
        kind, baseline_value, baseline_text, "baseline_value"
    )
    breakdowns = list(breakdowns)
    if any(b.cycle_id != cycle.pk for b in breakdowns):
        raise ValidationError({"breakdowns": _("Choose breakdowns of this cycle.")})
    if breakdowns and kind != IndicatorKind.NUMERIC:
        raise ValidationError(
            {"breakdowns": _("Only a numeric indicator is broken down by category.")}
        )
    indicator = indicator or Indicator(cycle=cycle)
    indicator.outcome, indicator.output = outcome, output
    indicator.code = clean_text(code)
    indicator.name = clean_text(name)
    indicator.name_tr = clean_text(name_tr)
    indicator.kind = kind
    indicator.unit = clean_text(unit)
    indicator.baseline_value, indicator.baseline_text = baseline_value, baseline_text
    indicator.baseline_year = baseline_year
    indicator.source = clean_text(source)
    indicator.reported_by = reported_by
    indicator.parts_add_up = parts_add_up
    save_audited(indicator, by=by)
    indicator.breakdowns.set(breakdowns)
    for period, (value, text) in (targets or {}).items():
        if period.cycle_id != cycle.pk:
            raise ValidationError(_("Choose reporting periods of this cycle."))
        value, text = _indicator_values(kind, value, text, "targets")
        existing = IndicatorTarget.objects.filter(indicator=indicator, period=period).first()
        if value is None and not text:
            if existing:
                delete_audited(existing, by=by)
            continue
        target = existing or IndicatorTarget(indicator=indicator, period=period)
        target.value, target.text = value, text
        save_audited(target, by=by)
    return indicator


# Breakdowns


class CategoryRow(TypedDict):
    label: str
    label_tr: NotRequired[str]
    hxl: NotRequired[str]
    category: NotRequired[BreakdownCategory | None]


@transaction.atomic
def breakdown_save(
    *,
    cycle: Cycle,
    by: User,
    dimension: str,
    name: str,
    name_tr: str = "",
    categories: list[CategoryRow] | None = None,
    breakdown: Breakdown | None = None,
) -> Breakdown:
    """Save a breakdown and its categories, in their order; a new breakdown of a standard
    dimension (sex, age group, ...) given no categories starts with the standard ones. A
    category that values were reported in cannot be removed."""
    breakdown = locked(breakdown) if breakdown is not None else None
    require(by, Perm.WORKPLAN_MANAGE, cycle=cycle)
    name = clean_text(name)
    if (
        Breakdown.objects.filter(cycle=cycle, name=name)
        .exclude(pk=getattr(breakdown, "pk", None))
        .exists()
    ):
        raise ValidationError({"name": _("The cycle has a breakdown of this name already.")})
    rows = [r for r in (categories or []) if clean_text(r.get("label", ""))]
    if breakdown is None and not rows:
        rows = [
            {"label": en, "label_tr": tr, "hxl": hxl}
            for en, tr, hxl in STANDARD_CATEGORIES.get(dimension, [])
        ]
    labels = [clean_text(r["label"]) for r in rows]
    if len(set(labels)) != len(labels):
        raise ValidationError(_("Two categories have the same name."))
    breakdown = breakdown or Breakdown(cycle=cycle)
    breakdown.dimension, breakdown.name = dimension, name
    breakdown.name_tr = clean_text(name_tr)
    kept = {r["category"].pk for r in rows if r.get("category")}
    if breakdown.pk:
        removed = breakdown.categories.exclude(pk__in=kept)
        if ActualPart.objects.filter(category__in=removed).exists():
            raise ValidationError(
                _("Values were reported in a category you removed: keep it, or rename it.")
            )
        for category in removed:
            delete_audited(category, by=by)
    save_changed(breakdown, by=by)
    for order, (row, label) in enumerate(zip(rows, labels, strict=True)):
        category = row.get("category")
        if category is not None and category.breakdown_id != breakdown.pk:
            raise ValidationError(_("Choose categories of this breakdown."))
        category = category or BreakdownCategory(breakdown=breakdown)
        category.order, category.label = order, label
        category.label_tr = clean_text(row.get("label_tr", ""))
        category.hxl = hxl_attributes(row.get("hxl", ""))
        save_changed(category, by=by)
    return breakdown


@transaction.atomic
def breakdown_delete(*, breakdown: Breakdown, by: User) -> None:
    breakdown = locked(breakdown)
    require(by, Perm.WORKPLAN_MANAGE, cycle=breakdown.cycle)
    if breakdown.indicators.exists():
        raise ValidationError(_("Indicators are broken down by it: take it off them first."))
    delete_audited(breakdown, by=by)


# Progress reports


class ActivityRow(TypedDict):
    """What an organisation reports on one activity."""

    activity: Activity
    status: str
    percent_complete: int
    narrative: NotRequired[str]


class ActualRow(TypedDict):
    """What an organisation reports on one indicator: a value or a text, by its kind."""

    indicator: Indicator
    value: NotRequired[Decimal | None]
    text: NotRequired[str]
    narrative: NotRequired[str]
    # The values by category (BreakdownCategory pk: value or None); left out, the values by
    # category already recorded stay and are checked against the total.
    parts: NotRequired[dict[int, Decimal | None]]


def _actor(by: User, report: ProgressReport):
    return actor_for(by, report.period.cycle.network)


def _check(by: User, report: ProgressReport, step: Step) -> None:
    if not can(REPORT_POLICY, _actor(by, report), step, report.facts):
        raise PermissionDenied


def reportable_activities(period: ReportingPeriod, organisation: Organisation):
    """The activities an organisation reports on: those it leads, contributes to or
    implements, running in the period and not cancelled."""
    return (
        Activity.objects.filter(
            output__cycle=period.cycle, starts__lte=period.ends, ends__gte=period.starts
        )
        .filter(
            pk__in=Activity.objects.filter(
                Q(lead_organisations=organisation)
                | Q(un_entities=organisation)
                | Q(partner_organisations=organisation)
            ).values("pk")
        )
        .exclude(status=ActivityStatus.CANCELLED)
        .select_related("output")
        .order_by("output__code", "code")
    )


@transaction.atomic
def progress_report_open(*, period: ReportingPeriod, by: User) -> ProgressReport:
    """The focal point's organisation's report for the period, started the first time."""
    require(by, REPORT_POLICY.author, cycle=period.cycle)
    organisation_id = actor_for(by, period.cycle.network).organisation_id
    if not organisation_id:
        raise PermissionDenied
    report = ProgressReport.objects.filter(period=period, organisation_id=organisation_id).first()
    if report is None:  # saved with its author in the history, from the API too
        report = save_audited(ProgressReport(period=period, organisation_id=organisation_id), by=by)
    return report


@transaction.atomic
def progress_report_save(
    *,
    report: ProgressReport,
    by: User,
    summary: str,
    activity_rows: list[ActivityRow],
    actual_rows: list[ActualRow],
    expected_version: int,
) -> ProgressReport:
    """Save the draft: a row per activity (status, % complete, narrative) and per indicator
    (value or text, narrative). Rows left empty are not reported."""
    report = (
        ProgressReport.objects.select_for_update().select_related("period__cycle").get(pk=report.pk)
    )
    _check(by, report, Step.EDIT)
    check_version(
        report,
        expected_version,
        _("Someone else saved this report after you opened it; open it again to see it."),
    )
    allowed = {a.pk for a in reportable_activities(report.period, report.organisation)}
    changed = False
    for row in activity_rows:
        activity = row["activity"]
        if activity.pk not in allowed:
            raise ValidationError(_("Report only on your organisation's activities."))
        if not 0 <= row["percent_complete"] <= 100:
            raise ValidationError({"percent_complete": _("Completion is a number from 0 to 100.")})
        progress = ActivityProgress.objects.filter(report=report, activity=activity).first()
        progress = progress or ActivityProgress(report=report, activity=activity)
        progress.status = row["status"]
        progress.percent_complete = row["percent_complete"]
        progress.narrative = clean_text(row.get("narrative", ""))
        changed |= save_changed(progress, by=by)
    for row in actual_rows:
        indicator = row["indicator"]
        if (
            indicator.reported_by_id != report.organisation_id
            or indicator.cycle_id != report.period.cycle_id
        ):
            raise ValidationError(_("Report only on the indicators your organisation reports."))
        value, text = _indicator_values(
            indicator.kind, row.get("value"), row.get("text", ""), f"indicator {indicator.code}"
        )
        actual = IndicatorActual.objects.filter(report=report, indicator=indicator).first()
        parts = _parts(indicator, actual, row.get("parts"))
        value = _reconciled(indicator, value, parts)
        if value is None and not text:
            if actual:
                delete_audited(actual, by=by)
                changed = True
            continue
        actual = actual or IndicatorActual(report=report, indicator=indicator)
        actual.value, actual.text = value, text
        actual.narrative = clean_text(row.get("narrative", ""))
        changed |= save_changed(actual, by=by)
        if "parts" in row:
            changed |= _save_parts(actual, parts, by=by)
    report.summary = clean_text(summary)
    save_changed(report, by=by, related_changed=changed)
    return report


def indicator_categories(indicator: Indicator) -> list[tuple[Breakdown, list[BreakdownCategory]]]:
    """The indicator's breakdowns with their categories, in order (from the prefetch cache
    when the caller prefetched `breakdowns__categories`)."""
    if not indicator.is_numeric:
        return []
    return [
        (b, list(b.categories.all()))
        for b in sorted(indicator.breakdowns.all(), key=lambda b: b.display_name)
    ]


def _parts(indicator, actual, given) -> dict[int, Decimal | None]:
    allowed = {c.pk for _b, categories in indicator_categories(indicator) for c in categories}
    if given is None:
        stored = actual.parts.all() if actual is not None else []
        return {p.category_id: p.value for p in stored}
    unknown = {pk for pk, v in given.items() if v is not None} - allowed
    if unknown:
        raise ValidationError(_("Report values only in the categories of the indicator."))
    return {pk: given.get(pk) for pk in allowed}


def _reconciled(indicator, value, parts) -> Decimal | None:
    splits = [
        Split(b.display_name, [parts.get(c.pk) for c in categories])
        for b, categories in indicator_categories(indicator)
        if categories
    ]
    value, problems = reconcile(value, splits, adds_up=indicator.parts_add_up)
    if problems:
        raise ValidationError({f"indicator {indicator.code}": problems})
    return value


def _save_parts(actual: IndicatorActual, parts: dict, *, by: User) -> bool:
    changed = False
    stored = {p.category_id: p for p in actual.parts.all()}
    for pk, value in parts.items():
        part = stored.get(pk)
        if value is None:
            if part is not None:
                delete_audited(part, by=by)
                changed = True
            continue
        part = part or ActualPart(actual=actual, category_id=pk)
        part.value = value
        changed |= save_changed(part, by=by)
    return changed


@transaction.atomic
def progress_report_submit(*, report: ProgressReport, by: User) -> ProgressReport:
    report = locked(report)
    state = transition(REPORT_POLICY, Step.SUBMIT, actor=_actor(by, report), facts=report.facts)
    if not report.activity_rows.exists() and not report.actuals.exists():
        raise ValidationError(_("Report on at least one activity or indicator before submitting."))
    report.state = state
    report.submitted_at = timezone.now()
    save_audited(report, by=by)
    # Submitting the report meets the reporting obligations of the period.
    Obligation.objects.filter(
        rule__cycle=report.period.cycle,
        rule__met_by_progress_report=True,
        organisation=report.organisation,
        due_date=report.period.due_date,
        done_at__isnull=True,
    ).update(done_at=report.submitted_at, done_by=by)
    _notify_report(report, by, Kind.SUBMITTED)
    return report


@transaction.atomic
def progress_report_withdraw(*, report: ProgressReport, by: User) -> ProgressReport:
    """Take a submitted report back to draft until the coordinator returns or accepts it; the
    obligations its submission met are open again and the coordinators are told. The row is
    locked first, so a review landing at the same moment is seen."""
    report = locked(report)
    if report.state in (State.RETURNED, State.ACCEPTED):
        raise ValidationError(
            _("The coordinator has already reviewed this report: it can no longer be withdrawn.")
        )
    if report.state == State.DRAFT:
        raise ValidationError(_("This report is not submitted: there is nothing to withdraw."))
    report.state = transition(
        REPORT_POLICY, Step.WITHDRAW, actor=_actor(by, report), facts=report.facts
    )
    submitted_at, report.submitted_at = report.submitted_at, None
    save_audited(report, by=by)
    Obligation.objects.filter(
        rule__cycle=report.period.cycle,
        rule__met_by_progress_report=True,
        organisation=report.organisation,
        due_date=report.period.due_date,
        done_at=submitted_at,
    ).update(done_at=None, done_by=None)
    cycle = report.period.cycle
    notify(
        members_with(cycle.network_id, Perm.PROGRESS_REVIEW),
        Kind.WITHDRAWN,
        message=gettext_noop(
            "%(organisation)s withdrew its progress report for %(period)s: it is a draft again."
        ),
        params={
            "organisation": lambda: report.organisation.label,
            "period": report.period.label,
        },
        url=cycle_reverse("report-list", cycle),  # a draft again: not theirs to open
        cycle=cycle,
        actor=by,
    )
    return report


@transaction.atomic
def progress_report_return(*, report: ProgressReport, by: User, reason: str) -> ProgressReport:
    report = locked(report)
    state = transition(REPORT_POLICY, Step.RETURN, actor=_actor(by, report), facts=report.facts)
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the report is returned.")})
    report.state = state
    report.return_reason = reason
    report.reviewed_at, report.reviewed_by = timezone.now(), by
    save_audited(report, by=by)
    _notify_report(report, by, Kind.RETURNED)
    return report


_REPORT_NOTICES = {
    Kind.SUBMITTED: gettext_noop("%(organisation)s submitted its progress report for %(period)s."),
    Kind.RETURNED: gettext_noop(
        "The progress report of %(organisation)s for %(period)s was returned: %(reason)s"
    ),
    Kind.ACCEPTED: gettext_noop(
        "The progress report of %(organisation)s for %(period)s was accepted."
    ),
    Kind.WITHDRAWN: gettext_noop(
        "%(organisation)s withdrew its progress report for %(period)s to change it."
    ),
}


def _notify_report(report: ProgressReport, by: User, kind: Kind) -> None:
    """A submitted (or withdrawn) report goes to who reviews it; a returned or accepted one to
    its organisation's focal points."""
    cycle = report.period.cycle
    if kind in (Kind.SUBMITTED, Kind.WITHDRAWN):
        recipients = holders_of(Perm.PROGRESS_REVIEW, cycle.network_id)
    else:
        recipients = focal_points(report.organisation_id, cycle.network_id)
    notify(
        recipients,
        kind,
        message=_REPORT_NOTICES[kind],
        params={
            "organisation": lambda: report.organisation.label,
            "period": report.period.label,
            "reason": report.return_reason,
        },
        url=cycle_reverse("report-detail", cycle, report_pk=report.pk),
        cycle=cycle,
        actor=by,
        email=Email("workplan/email/report_returned", {"report": report})
        if kind == Kind.RETURNED
        else None,
    )


@transaction.atomic
def progress_report_accept(*, report: ProgressReport, by: User) -> ProgressReport:
    """Accept the report: its activities take the status the organisation reported."""
    report = locked(report)
    report.state = transition(
        REPORT_POLICY, Step.ACCEPT, actor=_actor(by, report), facts=report.facts
    )
    report.return_reason = ""
    report.reviewed_at, report.reviewed_by = timezone.now(), by
    save_audited(report, by=by)
    for row in report.activity_rows.select_related("activity"):
        if row.activity.status != row.status:
            row.activity.status = row.status
            save_audited(row.activity, by=by, update_fields=["status"])
    _notify_report(report, by, Kind.ACCEPTED)
    return report
