from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.assessments.services import StaleVersion
from gcmhub.core.access import cycle_with_perm
from gcmhub.core.downloads import download
from gcmhub.core.feedback import report_errors
from gcmhub.core.permissions import Perm, Role, user_has_perm
from gcmhub.directory.selectors import actor_of
from gcmhub.documents import services as document_services
from gcmhub.network import exports, schedule, selectors, services, workflow
from gcmhub.network.forms import (
    ActivityForm,
    ActivityRowForm,
    ActualRowForm,
    IndicatorForm,
    ObligationFilterForm,
    OutputForm,
    PeriodForm,
    ReportForm,
    ReturnForm,
    SopRuleForm,
    WorkingGroupForm,
)
from gcmhub.network.models import (
    Activity,
    Indicator,
    Obligation,
    Output,
    ProgressReport,
    ReportingPeriod,
    SopRule,
    WorkingGroup,
)
from gcmhub.network.sop import sop_sentences
from gcmhub.network.tor import TERMS_OF_REFERENCE
from gcmhub.reporting.charts import timeline_svg

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cycle(request, network_slug, cycle_pk, perm=Perm.WORKPLAN_VIEW):
    return cycle_with_perm(request, network_slug, cycle_pk, perm)


def _initial(record, form_class) -> dict | None:
    """The form's fields filled from the record (its many-to-many ones too), None for a new one."""
    if record is None:
        return None
    return model_to_dict(record, fields=list(form_class.base_fields))


def _get(queryset, pk):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _context(network, cycle, section, **extra):
    return {"network": network, "cycle": cycle, "section": section, **extra}


def _form_page(request, *, network, cycle, section, form, save, success, title, back, **extra):
    """The edit pages' shared flow: on a valid POST call `save(cleaned_data)` (a service) and
    go back with `success` (a text, or a function of what was saved); otherwise show the form
    with the service's refusal."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(back)
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "network/form.html",
        _context(network, cycle, section, form=form, title=title, back=back, **extra),
    )


def _delete(request, delete, success: str, back: str):
    try:
        delete()
        messages.success(request, success)
    except ValidationError as error:
        report_errors(request, error)
    return redirect(back)


# Coordination


@require_safe
def coordination(request, network_slug, cycle_pk):
    """The coordination stage: terms of reference, working groups, SOPs and obligations."""
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.SOP_VIEW)
    obligations = selectors.obligations_of(cycle)
    late = selectors.with_states(
        obligations.filter(done_at__isnull=True, due_date__lt=timezone.localdate())[:10]
    )
    tor = cycle.documents.filter(kind=TERMS_OF_REFERENCE).first()
    context = _context(
        network,
        cycle,
        "coordination",
        tor=tor,
        groups=WorkingGroup.objects.filter(network=network)
        .select_related("chair", "round_table")
        .prefetch_related("members"),
        rules=[
            (rule, sop_sentences(rule, list(rule.organisations.all())))
            for rule in selectors.rules_of(cycle)
        ],
        completeness=selectors.completeness(obligations, _("Network coordinator (secretariat)")),
        late=late,
    )
    return render(request, "network/coordination.html", context)


@require_safe
def terms_of_reference(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.DOCUMENT_VIEW)
    document = cycle.documents.filter(kind=TERMS_OF_REFERENCE).first()
    if document is None:
        if not user_has_perm(request.user, Perm.DOCUMENT_OUTLINE, network=network):
            messages.info(request, _("The terms of reference have not been started."))
            return redirect("coordination", network_slug=network.slug, cycle_pk=cycle.pk)
        document = document_services.document_open(
            cycle=cycle, kind=TERMS_OF_REFERENCE, by=request.user
        )
    return redirect(document)


def working_group_edit(request, network_slug, cycle_pk, group_pk=None):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.SOP_MANAGE)
    group = _get(WorkingGroup.objects.filter(network=network), group_pk) if group_pk else None
    initial = _initial(group, WorkingGroupForm)
    form = WorkingGroupForm(request.POST or None, network=network, initial=initial)
    return _form_page(
        request,
        network=network,
        cycle=cycle,
        section="coordination",
        form=form,
        save=lambda data: services.working_group_save(
            network=network, by=request.user, data=data, group=group
        ),
        success=_("The working group has been saved."),
        title=group.display_name if group else _("New working group"),
        back=reverse("coordination", kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk}),
    )


def sop_rule_edit(request, network_slug, cycle_pk, rule_pk=None):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.SOP_MANAGE)
    rule = _get(SopRule.objects.filter(cycle=cycle), rule_pk) if rule_pk else None
    back = reverse("coordination", kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk})
    if rule is not None and request.method == "POST" and "delete" in request.POST:
        return _delete(
            request,
            lambda: services.sop_rule_delete(rule=rule, by=request.user),
            _("The SOP rule and its open obligations are removed."),
            back,
        )
    initial = _initial(rule, SopRuleForm) or {"starts": cycle.start_date, "ends": cycle.end_date}
    form = SopRuleForm(request.POST or None, network=network, initial=initial)
    return _form_page(
        request,
        network=network,
        cycle=cycle,
        section="coordination",
        form=form,
        save=lambda data: services.sop_rule_save(
            cycle=cycle, by=request.user, data=data, rule=rule
        ),
        success=lambda saved: (
            _("The rule has been saved: %(count)d obligations are on the calendar.")
            % {"count": saved.obligations.count()}
        ),
        title=rule.display_title if rule else _("New SOP rule"),
        intro=_(
            "Write the procedure as a rule: gcmhub makes the calendar of obligations from it, "
            "reminds the organisations, and writes the SOP text of the terms of reference."
        ),
        back=back,
        can_delete=rule is not None,
    )


@require_safe
def obligation_list(request, network_slug, cycle_pk):
    """The calendar of obligations (a page at a time), with the completeness per organisation."""
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.SOP_VIEW)
    form = ObligationFilterForm(request.GET or None, network=network)
    filters = form.cleaned_data if form.is_valid() else {}
    obligations = selectors.obligations_of(
        cycle,
        organisation=filters.get("organisation"),
        kind=filters.get("kind"),
        state=filters.get("state"),
    )
    if request.GET.get("format") == "ics":
        return download(
            exports.obligations_ics(cycle, obligations), "text/calendar", "obligations.ics"
        )
    page = Paginator(obligations, 100).get_page(request.GET.get("page"))
    rows = selectors.with_states(page.object_list)
    actor = actor_of(request.user, network.pk)
    for obligation in rows:
        obligation.can_mark = (
            actor.is_admin
            or actor.role == Role.COORDINATOR
            or (
                actor.role == Role.FOCAL_POINT
                and obligation.organisation_id is not None
                and obligation.organisation_id == actor.organisation_id
            )
        )
    months = {}
    for obligation in rows:
        months.setdefault(obligation.due_date.replace(day=1), []).append(obligation)
    context = _context(
        network,
        cycle,
        "coordination",
        form=form,
        months=sorted(months.items()),
        page=page,
        filters=request.GET.copy(),
        completeness=selectors.completeness(obligations, _("Network coordinator (secretariat)")),
        query=request.GET.urlencode(),
    )
    return render(request, "network/obligation_list.html", context)


@require_POST
def obligation_mark(request, network_slug, cycle_pk, obligation_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.OBLIGATION_COMPLETE)
    obligation = _get(
        Obligation.objects.filter(rule__cycle=cycle).select_related("rule__cycle", "organisation"),
        obligation_pk,
    )
    done = request.POST.get("done") == "1"
    obligation = services.obligation_mark(
        obligation=obligation, by=request.user, done=done, note=request.POST.get("note", "")
    )
    if request.htmx:
        obligation.state = schedule.state(
            due=obligation.due_date, done=done, today=timezone.localdate()
        )
        obligation.can_mark = True
        return render(
            request,
            "network/obligation_list.html#row",
            {"network": network, "cycle": cycle, "o": obligation},
        )
    messages.success(
        request, _("The obligation is marked done.") if done else _("The obligation is open again.")
    )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("obligation-list", network_slug=network.slug, cycle_pk=cycle.pk)


def period_edit(request, network_slug, cycle_pk, period_pk=None):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.WORKPLAN_MANAGE)
    period = _get(ReportingPeriod.objects.filter(cycle=cycle), period_pk) if period_pk else None
    initial = _initial(period, PeriodForm)
    form = PeriodForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        network=network,
        cycle=cycle,
        section="workplan",
        form=form,
        save=lambda data: services.period_save(
            cycle=cycle, by=request.user, data=data, period=period
        ),
        success=_("The reporting period has been saved."),
        title=period.label if period else _("New reporting period"),
        back=reverse("report-list", kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk}),
    )


# The work plan


@require_safe
def workplan(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    if request.GET.get("format") == "xlsx":
        return download(exports.workplan_xlsx(cycle), XLSX, "work-plan.xlsx")
    plan = selectors.workplan(cycle)
    rows, by_output = selectors.timeline_rows(plan["activities"])
    title = _("Timeline of the outputs") if by_output else _("Timeline of the activities")
    context = _context(
        network,
        cycle,
        "workplan",
        plan=plan,
        timeline=timeline_svg(rows, title=title) if rows else "",
        timeline_by_output=by_output,
    )
    return render(request, "network/workplan.html", context)


@require_safe
def gap_view(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    context = _context(network, cycle, "workplan", gaps=selectors.gaps(cycle))
    return render(request, "network/gaps.html", context)


def output_edit(request, network_slug, cycle_pk, output_pk=None):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.WORKPLAN_MANAGE)
    output = _get(Output.objects.filter(cycle=cycle), output_pk) if output_pk else None
    back = reverse("workplan", kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk})
    if output is not None and request.method == "POST" and "delete" in request.POST:
        return _delete(
            request,
            lambda: services.output_delete(output=output, by=request.user),
            _("The output has been removed."),
            back,
        )
    initial = _initial(output, OutputForm)
    form = OutputForm(request.POST or None, cycle=cycle, initial=initial)
    if not form.fields["outcome"].queryset.exists():
        messages.info(
            request,
            _("Record the cooperation framework's outcomes first: outputs serve them."),
        )
    return _form_page(
        request,
        network=network,
        cycle=cycle,
        section="workplan",
        form=form,
        save=lambda data: services.output_save(
            cycle=cycle, by=request.user, data=data, output=output
        ),
        success=_("The output has been saved."),
        title=str(output) if output else _("New output"),
        back=back,
        can_delete=output is not None,
    )


def activity_edit(request, network_slug, cycle_pk, activity_pk=None):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.WORKPLAN_MANAGE)
    activity = (
        _get(Activity.objects.filter(output__cycle=cycle), activity_pk) if activity_pk else None
    )
    back = reverse("workplan", kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk})
    if activity is not None and request.method == "POST" and "delete" in request.POST:
        return _delete(
            request,
            lambda: services.activity_delete(activity=activity, by=request.user),
            _("The activity has been removed."),
            back,
        )
    initial = _initial(activity, ActivityForm) or {
        "output": request.GET.get("output"),
        "starts": cycle.start_date,
        "ends": cycle.end_date,
    }
    form = ActivityForm(request.POST or None, cycle=cycle, initial=initial)
    return _form_page(
        request,
        network=network,
        cycle=cycle,
        section="workplan",
        form=form,
        save=lambda data: services.activity_save(
            cycle=cycle, by=request.user, data=data, activity=activity
        ),
        success=_("The activity has been saved."),
        title=str(activity) if activity else _("New activity"),
        back=back,
        can_delete=activity is not None,
    )


# Indicators


@require_safe
def indicator_list(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk)
    periods = selectors.periods_of(cycle)
    indicators = selectors.indicators_of(cycle, periods)
    if request.GET.get("format") == "xlsx":
        return download(
            exports.indicators_xlsx(cycle, indicators, periods), XLSX, "indicators.xlsx"
        )
    return render(
        request,
        "network/indicator_list.html",
        _context(network, cycle, "workplan", indicators=indicators, periods=periods),
    )


def indicator_edit(request, network_slug, cycle_pk, indicator_pk=None):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.WORKPLAN_MANAGE)
    indicator = _get(Indicator.objects.filter(cycle=cycle), indicator_pk) if indicator_pk else None
    periods = selectors.periods_of(cycle)
    initial = _initial(indicator, IndicatorForm)
    if indicator is not None:
        for target in indicator.targets.all():
            initial[f"target_{target.period_id}"] = target.value
            initial[f"target_text_{target.period_id}"] = target.text
    form = IndicatorForm(request.POST or None, cycle=cycle, periods=periods, initial=initial)
    return _form_page(
        request,
        network=network,
        cycle=cycle,
        section="workplan",
        form=form,
        save=lambda data: services.indicator_save(
            cycle=cycle,
            by=request.user,
            data={k: v for k, v in data.items() if not k.startswith("target")},
            targets=form.targets(),
            indicator=indicator,
        ),
        success=_("The indicator has been saved."),
        title=str(indicator) if indicator else _("New indicator"),
        back=reverse("indicator-list", kwargs={"network_slug": network.slug, "cycle_pk": cycle.pk}),
    )


# Progress reports


@require_safe
def report_list(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.PROGRESS_VIEW)
    actor = actor_of(request.user, network.pk)
    periods = selectors.periods_of(cycle)
    own = actor.role == Role.FOCAL_POINT
    reports = selectors.reports_of(cycle, organisation_id=actor.organisation_id if own else None)
    if not own:
        reports = reports.exclude(state="draft")
    context = _context(
        network,
        cycle,
        "workplan",
        periods=periods,
        reports=reports,
        own=own,
        current=selectors.current_period(periods),
    )
    return render(request, "network/report_list.html", context)


@require_POST
def report_start(request, network_slug, cycle_pk, period_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.PROGRESS_REPORT)
    period = _get(ReportingPeriod.objects.filter(cycle=cycle), period_pk)
    report = services.report_open(period=period, by=request.user)
    return redirect(
        "report-detail", network_slug=network.slug, cycle_pk=cycle.pk, report_pk=report.pk
    )


def _report(cycle, pk) -> ProgressReport:
    report = _get(
        ProgressReport.objects.filter(period__cycle=cycle).select_related("period", "organisation"),
        pk,
    )
    report.period.cycle = cycle
    return report


def _save_report(request, report, form, activities, indicators) -> bool:
    """Save the draft from the page, and submit it if asked; True once submitted."""
    services.report_save(
        report=report,
        by=request.user,
        summary=form.cleaned_data["summary"],
        activity_rows=[
            {"activity": a, **a.form.cleaned_data}
            for a in activities
            if a.form.has_changed() or a.row
        ],
        actual_rows=[{"indicator": i, **i.form.cleaned_data} for i in indicators],
        expected_version=form.cleaned_data["version"],
    )
    if "submit" in request.POST:
        services.report_submit(report=report, by=request.user)
        return True
    return False


def report_detail(request, network_slug, cycle_pk, report_pk):
    """The report: editable by its organisation while a draft or returned; reviewed by the
    coordinator once submitted."""
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.PROGRESS_VIEW)
    report = _report(cycle, report_pk)
    actor = actor_of(request.user, network.pk)
    facts = workflow.ReportFacts(state=report.state, organisation_id=report.organisation_id)
    if not workflow.can(actor, workflow.Step.VIEW, facts):
        raise PermissionDenied
    editable = workflow.can(actor, workflow.Step.EDIT, facts)
    activities = list(services.reportable_activities(report.period, report.organisation))
    indicators = list(
        Indicator.objects.filter(cycle=cycle, reported_by=report.organisation).order_by("code")
    )
    rows = {r.activity_id: r for r in report.activity_rows.all()}
    actuals = {a.indicator_id: a for a in report.actuals.all()}
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
                form.add_error(None, error)
            except ValidationError as error:
                form.add_error(None, error)
                form.add_error(None, _("Nothing was saved: correct the report and save it again."))
    context = _context(
        network,
        cycle,
        "workplan",
        report=report,
        form=form,
        activities=activities,
        indicators=indicators,
        editable=editable,
        can_review=workflow.can(actor, workflow.Step.ACCEPT, facts),
        return_form=ReturnForm(),
    )
    return render(request, "network/report_detail.html", context)


@require_POST
def report_review(request, network_slug, cycle_pk, report_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.PROGRESS_REVIEW)
    report = _report(cycle, report_pk)
    try:
        if "accept" in request.POST:
            services.report_accept(report=report, by=request.user)
            messages.success(
                request, _("The report is accepted: its progress counts in the work plan.")
            )
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Say why the report is returned."))
                return redirect(
                    "report-detail",
                    network_slug=network.slug,
                    cycle_pk=cycle.pk,
                    report_pk=report.pk,
                )
            services.report_return(
                report=report, by=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(
                request, _("The report is returned to its organisation with your reason.")
            )
    except ValidationError as error:
        report_errors(request, error)
    return redirect(
        "report-detail", network_slug=network.slug, cycle_pk=cycle.pk, report_pk=report.pk
    )
