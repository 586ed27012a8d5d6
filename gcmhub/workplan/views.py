from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.access import actor_for
from gcmhub.core.downloads import download
from gcmhub.core.errors import StaleVersion
from gcmhub.core.feedback import report_errors
from gcmhub.core.pages import (
    act_and_back,
    cycle_page,
    cycle_redirect,
    cycle_reverse,
    delete_and_back,
    delete_requested,
    form_errors,
    form_page,
    record_initial,
)
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import Step
from gcmhub.reporting.charts import BRAND, cached_svg, grouped_bar_figure, timeline_svg
from gcmhub.workplan import access, exports, selectors, services
from gcmhub.workplan.forms import (
    ActivityForm,
    ActivityRowForm,
    ActualRowForm,
    BreakdownForm,
    CategoryFormSet,
    IndicatorForm,
    OutputForm,
    PeriodForm,
    ReportForm,
    ReturnForm,
)
from gcmhub.workplan.models import REPORT_POLICY, Activity, ActivityStatus, Indicator

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SECTION = "workplan"
PAGE_SIZE = 50  # indicators or progress reports on a page

# The colour of each activity status on the timeline; its legend follows this order.
TIMELINE_COLOURS = {
    ActivityStatus.PLANNED: "#8a95a1",
    ActivityStatus.ONGOING: BRAND,
    ActivityStatus.COMPLETED: "#2e7d4f",
    ActivityStatus.DELAYED: "#b45309",
    ActivityStatus.CANCELLED: "#c9ced4",
}


def _context(network, cycle, **extra):
    return {"network": network, "cycle": cycle, "section": SECTION, **extra}


@cycle_page(Perm.WORKPLAN_MANAGE)
def period_edit(request, network, cycle, period_pk=None):
    period = access.get_period_for_cycle(cycle, period_pk) if period_pk else None
    initial = record_initial(period, PeriodForm)
    form = PeriodForm(request.POST or None, initial=initial)
    return form_page(
        request,
        network=network,
        cycle=cycle,
        section=SECTION,
        form=form,
        save=lambda data: services.period_save(cycle=cycle, by=request.user, period=period, **data),
        success=_("The reporting period has been saved."),
        title=period.label if period else _("New reporting period"),
        back=cycle_reverse("report-list", cycle),
    )


# The work plan


def _timeline(rows, level: str) -> str:
    titles = {
        "activity": _("Timeline of the activities"),
        "output": _("Timeline of the outputs"),
        "outcome": _("Timeline of the outcomes"),
    }
    return timeline_svg(
        rows,
        title=titles[level],
        status_colours=TIMELINE_COLOURS,
        status_labels=dict(ActivityStatus.choices),
    )


@require_safe
@cycle_page(Perm.WORKPLAN_VIEW)
def workplan(request, network, cycle):
    """The plan at a glance: the roll-up per outcome and the timeline. An outcome's outputs
    and activities open on demand (`?outcome=<pk>&page=<n>`: the fragment for htmx, or the
    page with that outcome open; `?activity=<pk>`: the page showing that activity)."""
    if request.GET.get("format") == "xlsx":
        return download(exports.workplan_xlsx(cycle), XLSX, "work-plan.xlsx")
    outcome, page = _opened_outcome(request, cycle)
    if request.htmx and outcome:
        context = _context(network, cycle, opened=outcome, outcome_page=page)
        return render(request, "workplan/workplan.html#outputs", context)
    summary = selectors.workplan_summary(cycle, timeline=_timeline)
    context = _context(network, cycle, plan=summary, opened=outcome, outcome_page=page)
    return render(request, "workplan/workplan.html", context)


def _opened_outcome(request, cycle):
    """The outcome asked for (`?outcome=`, or that of `?activity=`) and its page of outputs
    and activities; (None, None) when none is."""
    opened, activity = request.GET.get("outcome", ""), request.GET.get("activity", "")
    # ASCII digits only: "²".isdigit() is true, and int("²") fails.
    opened = opened if opened.isascii() else ""
    activity = activity if activity.isascii() else ""
    if activity.isdigit():
        outcome = selectors.activity_outcome(cycle, int(activity))
    else:
        outcome = selectors.outcome_of(cycle, int(opened)) if opened.isdigit() else None
    if outcome is None:
        return None, None
    page = selectors.outcome_plan(
        cycle,
        outcome,
        page=request.GET.get("page"),
        timeline=_timeline,
        activity_pk=int(activity) if activity.isdigit() else None,
    )
    return outcome, page


def _keep(saved: list, record):
    saved.append(record)
    return record


def _plan_url(cycle, record) -> str:
    """The work plan with the outcome of `record` (an output or an activity) open, at it."""
    plan = cycle_reverse("workplan", cycle)
    if isinstance(record, Activity):
        return f"{plan}?activity={record.pk}#activity-{record.pk}"
    home = record.parent or record
    return f"{plan}?outcome={home.outcome_id}#output-{record.pk}"


@require_safe
@cycle_page(Perm.WORKPLAN_VIEW)
def gap_view(request, network, cycle):
    context = _context(network, cycle, gaps=selectors.gaps(cycle))
    return render(request, "workplan/gaps.html", context)


@cycle_page(Perm.WORKPLAN_MANAGE)
def output_edit(request, network, cycle, output_pk=None):
    output = access.get_output_for_cycle(cycle, output_pk) if output_pk else None
    back = cycle_reverse("workplan", cycle)
    if delete_requested(request, output):
        return delete_and_back(
            request,
            lambda: services.output_delete(output=output, by=request.user),
            _("The output has been removed."),
            back,
        )
    initial = record_initial(output, OutputForm)
    form = OutputForm(request.POST or None, cycle=cycle, initial=initial)
    if not form.fields["outcome"].queryset.exists():
        messages.info(
            request,
            _("Record the cooperation framework's outcomes first: outputs serve them."),
        )
    saved = []
    response = form_page(
        request,
        network=network,
        cycle=cycle,
        section=SECTION,
        form=form,
        save=lambda data: _keep(
            saved, services.output_save(cycle=cycle, by=request.user, output=output, **data)
        ),
        success=_("The output has been saved."),
        title=str(output) if output else _("New output"),
        back=back,
        can_delete=output is not None,
    )
    return redirect(_plan_url(cycle, saved[0])) if saved else response


@cycle_page(Perm.WORKPLAN_MANAGE)
def activity_edit(request, network, cycle, activity_pk=None):
    activity = access.get_activity_for_cycle(cycle, activity_pk) if activity_pk else None
    back = cycle_reverse("workplan", cycle)
    if delete_requested(request, activity):
        return delete_and_back(
            request,
            lambda: services.activity_delete(activity=activity, by=request.user),
            _("The activity has been removed."),
            back,
        )
    initial = record_initial(activity, ActivityForm) or {
        "output": request.GET.get("output"),
        "starts": cycle.start_date,
        "ends": cycle.end_date,
    }
    form = ActivityForm(request.POST or None, cycle=cycle, initial=initial)
    saved = []
    response = form_page(
        request,
        network=network,
        cycle=cycle,
        section=SECTION,
        form=form,
        save=lambda data: _keep(
            saved,
            services.activity_save(cycle=cycle, by=request.user, activity=activity, **data),
        ),
        success=_("The activity has been saved."),
        title=str(activity) if activity else _("New activity"),
        back=back,
        can_delete=activity is not None,
    )
    return redirect(_plan_url(cycle, saved[0])) if saved else response


# Indicators


@require_safe
@cycle_page(Perm.WORKPLAN_VIEW)
def indicator_list(request, network, cycle):
    periods = selectors.periods_of(cycle)
    if request.GET.get("format") == "xlsx":
        indicators = selectors.indicators_of(cycle, periods)
        return download(
            exports.indicators_xlsx(cycle, indicators, periods), XLSX, "indicators.xlsx"
        )
    page = Paginator(selectors.indicator_rows(cycle), PAGE_SIZE).get_page(request.GET.get("page"))
    indicators = selectors.indicators_of(cycle, periods, page.object_list)
    context = _context(
        network,
        cycle,
        indicators=indicators,
        page=page,
        filters=request.GET.copy(),
        periods=periods,
        breakdowns=selectors.breakdowns_of(cycle),
        charts=selectors.indicator_charts(cycle, periods, draw=breakdown_charts),
    )
    return render(request, "workplan/indicator_list.html", context)


def breakdown_charts(indicators, periods) -> list[dict]:
    """A chart for each breakdown of an indicator with accepted values by category: a bar per
    period stacked by category (side by side for shares); with its title, its categories and
    its values per period, the chart's text alternative (the indicator may be on another page
    of the table)."""
    charts = []
    for indicator in indicators:
        for breakdown, series in indicator.breakdown_series:
            title = _("%(indicator)s by %(breakdown)s") % {
                "indicator": indicator.code,
                "breakdown": breakdown.display_name,
            }
            chart = cached_svg(
                grouped_bar_figure,
                [p.label for p in periods],
                series,
                value_label=indicator.unit or _("Value"),
                stacked=indicator.parts_add_up,  # shares side by side: they do not add up
                title=title,
                chart_id=f"breakdown-{indicator.pk}-{breakdown.pk}",
            )
            charts.append(
                {
                    "title": title,
                    "svg": str(chart),
                    "categories": [label for label, _values in series],
                    "rows": [
                        (period.label, [values[n] for _label, values in series])
                        for n, period in enumerate(periods)
                    ],
                }
            )
    return charts


@cycle_page(Perm.WORKPLAN_MANAGE)
def breakdown_edit(request, network, cycle, breakdown_pk=None):
    breakdown = access.get_breakdown_for_cycle(cycle, breakdown_pk) if breakdown_pk else None
    back = cycle_reverse("indicator-list", cycle) + "#breakdowns"
    if delete_requested(request, breakdown):
        return delete_and_back(
            request,
            lambda: services.breakdown_delete(breakdown=breakdown, by=request.user),
            _("The breakdown has been removed."),
            back,
        )
    categories = list(breakdown.categories.all()) if breakdown else []
    data = request.POST or None
    form = BreakdownForm(data, initial=record_initial(breakdown, BreakdownForm))
    formset = CategoryFormSet(
        data,
        prefix="categories",
        initial=[{"label": c.label, "label_tr": c.label_tr, "hxl": c.hxl} for c in categories],
    )
    if data is not None and form.is_valid() and formset.is_valid():
        rows = [
            {**f.cleaned_data, "category": categories[i] if i < len(categories) else None}
            for i, f in enumerate(formset.forms)
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.breakdown_save(
                cycle=cycle,
                by=request.user,
                breakdown=breakdown,
                categories=rows,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, _("The breakdown has been saved."))
            return redirect(back)
    context = _context(
        network,
        cycle,
        form=form,
        formset=formset,
        breakdown=breakdown,
        title=str(breakdown) if breakdown else _("New breakdown"),
        back=back,
    )
    return render(request, "workplan/breakdown_form.html", context)


@cycle_page(Perm.WORKPLAN_MANAGE)
def indicator_edit(request, network, cycle, indicator_pk=None):
    indicator = access.get_indicator_for_cycle(cycle, indicator_pk) if indicator_pk else None
    periods = selectors.periods_of(cycle)
    initial = record_initial(indicator, IndicatorForm)
    if indicator is not None:
        for target in indicator.targets.all():
            initial[f"target_{target.period_id}"] = target.value
            initial[f"target_text_{target.period_id}"] = target.text
    form = IndicatorForm(request.POST or None, cycle=cycle, periods=periods, initial=initial)
    return form_page(
        request,
        network=network,
        cycle=cycle,
        section=SECTION,
        form=form,
        save=lambda data: services.indicator_save(
            cycle=cycle,
            by=request.user,
            targets=form.targets(),
            indicator=indicator,
            **{k: v for k, v in data.items() if not k.startswith("target")},
        ),
        success=_("The indicator has been saved."),
        title=str(indicator) if indicator else _("New indicator"),
        back=cycle_reverse("indicator-list", cycle),
    )


# Progress reports


@require_safe
@cycle_page(Perm.PROGRESS_VIEW)
def report_list(request, network, cycle):
    actor = actor_for(request.user, network)
    periods = selectors.periods_of(cycle)
    reports = selectors.visible_progress_reports(cycle, actor)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    context = _context(
        network,
        cycle,
        periods=periods,
        reports=page.object_list,
        page=page,
        filters=request.GET.copy(),
        own=actor.has(REPORT_POLICY.author),
        current=selectors.current_period(periods),
    )
    return render(request, "workplan/report_list.html", context)


@require_POST
@cycle_page(Perm.PROGRESS_REPORT)
def report_start(request, network, cycle, period_pk):
    period = access.get_period_for_cycle(cycle, period_pk)
    report = services.progress_report_open(period=period, by=request.user)
    return cycle_redirect("report-detail", cycle, report_pk=report.pk)


def _save_report(request, report, form, activities, indicators) -> bool:
    """Save the draft from the page, and submit it if asked; True once submitted."""
    services.progress_report_save(
        report=report,
        by=request.user,
        summary=form.cleaned_data["summary"],
        activity_rows=[
            {"activity": a, **a.form.cleaned_data}
            for a in activities
            if a.form.has_changed() or a.row
        ],
        actual_rows=[i.form.row() for i in indicators],
        expected_version=form.cleaned_data["version"],
    )
    if "submit" in request.POST:
        services.progress_report_submit(report=report, by=request.user)
        return True
    return False


@cycle_page(Perm.PROGRESS_VIEW)
def report_detail(request, network, cycle, report_pk):
    """The report: editable by its organisation while a draft or returned; reviewed by the
    coordinator once submitted."""
    report = access.get_report_for_user(request.user, cycle, report_pk)
    editable = Step.EDIT in report.steps
    activities = list(services.reportable_activities(report.period, report.organisation))
    indicators = list(
        Indicator.objects.filter(cycle=cycle, reported_by=report.organisation)
        .prefetch_related("breakdowns__categories")
        .order_by("code")
    )
    rows = {r.activity_id: r for r in report.activity_rows.all()}
    actuals = {
        a.indicator_id: a for a in report.actuals.prefetch_related("parts__category__breakdown")
    }
    if request.method == "POST" and not editable:
        # A second click on "Save and submit" (the first one went through), or a reader's post.
        messages.info(request, _("This report can no longer be edited here: nothing was saved."))
        return redirect(request.path)
    data = request.POST if request.method == "POST" else None
    form = ReportForm(data, initial={"version": report.version, "summary": report.summary})
    for activity in activities:
        row = rows.get(activity.pk)
        activity.form = ActivityRowForm(
            data,
            prefix=f"a{activity.pk}",
            initial={
                "status": row.status if row else activity.status,
                "percent_complete": row.percent_complete if row else 0,
                "narrative": row.narrative if row else "",
            },
        )
        activity.row = row
    for indicator in indicators:
        actual = actuals.get(indicator.pk)
        indicator.form = ActualRowForm(
            data,
            prefix=f"i{indicator.pk}",
            indicator=indicator,
            initial={
                "value": actual.value if actual else None,
                "text": actual.text if actual else "",
                "narrative": actual.narrative if actual else "",
                **{
                    f"part_{p.category_id}": p.value for p in (actual.parts.all() if actual else [])
                },
            },
        )
        indicator.actual = actual
    if data is not None:
        forms_valid = form.is_valid() and all(x.form.is_valid() for x in [*activities, *indicators])
        if forms_valid:
            try:
                with transaction.atomic():
                    submitted = _save_report(request, report, form, activities, indicators)
                if submitted:
                    messages.success(
                        request, _("The report is submitted; the coordinator will review it.")
                    )
                else:
                    messages.success(request, _("The draft is saved."))
                return redirect(request.path)
            except StaleVersion as error:
                form_errors(form, error)
            except ValidationError as error:
                form_errors(form, error)
                form.add_error(None, _("Nothing was saved: correct the report and save it again."))
    context = _context(
        network,
        cycle,
        report=report,
        form=form,
        activities=activities,
        indicators=indicators,
        return_form=ReturnForm(),
    )
    return render(request, "workplan/report_detail.html", context)


@require_POST
@cycle_page(Perm.PROGRESS_REPORT)
def report_withdraw(request, network, cycle, report_pk):
    report = access.get_report_for_user(request.user, cycle, report_pk)
    return act_and_back(
        request,
        lambda: services.progress_report_withdraw(report=report, by=request.user),
        _("Your report has been withdrawn: it is a draft again, and the coordinators were told."),
        cycle_reverse("report-detail", cycle, report_pk=report.pk),
    )


@require_POST
@cycle_page(Perm.PROGRESS_REVIEW)
def report_review(request, network, cycle, report_pk):
    report = access.get_report_for_user(request.user, cycle, report_pk)
    try:
        if "accept" in request.POST:
            services.progress_report_accept(report=report, by=request.user)
            messages.success(
                request, _("The report is accepted: its progress counts in the work plan.")
            )
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Say why the report is returned."))
                return cycle_redirect("report-detail", cycle, report_pk=report.pk)
            services.progress_report_return(
                report=report, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request, _("The report is returned to its organisation with your reason.")
            )
    except ValidationError as error:
        report_errors(request, error)
    return cycle_redirect("report-detail", cycle, report_pk=report.pk)
