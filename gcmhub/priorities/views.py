from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from gcmhub.assessments.selectors import inputs_for_user
from gcmhub.core.access import actor_for
from gcmhub.core.downloads import download
from gcmhub.core.feedback import report_errors
from gcmhub.core.history import records_to_rows
from gcmhub.core.pages import (
    act_and_back,
    cycle_page,
    cycle_redirect,
    cycle_reverse,
    form_errors,
    history_page,
)
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.core.workflow import State, Step
from gcmhub.framework.models import Objective
from gcmhub.priorities import selectors, services
from gcmhub.priorities.access import get_own_sheet_for_user, get_sheet_for_user, with_steps
from gcmhub.priorities.exports import priorities_xlsx
from gcmhub.priorities.forms import (
    CriterionForm,
    CriterionFormSet,
    DecisionForm,
    InviteForm,
    OpenForm,
    ScoreRowForm,
)
from gcmhub.priorities.models import Decision, RoundStatus
from gcmhub.reporting import charts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
@cycle_page(Perm.PRIORITY_VIEW)
def priorities_home(request, network, cycle):
    scoring_round = selectors.scoring_round_for(cycle)
    context = {
        "network": network,
        "cycle": cycle,
        "round": scoring_round,
        "criteria": selectors.criteria_for(cycle),
        "section": "priorities",
    }
    if user_has_perm(request.user, Perm.PRIORITY_RESULTS, network=network):
        sheets = selectors.sheets_with_progress(cycle, page=request.GET.get("page"))
        with_steps(request.user, sheets, cycle=cycle, scoring_round=scoring_round)
        context.update(
            sheets=sheets,
            submitted=cycle.score_sheets.filter(state=State.SUBMITTED).count(),
        )
    if user_has_perm(request.user, Perm.PRIORITY_MANAGE, network=network):
        invited = list(cycle.score_sheets.values_list("organisation_id", flat=True))
        initial = invited or list(services.organisations_default_invited(cycle))
        context.update(
            invite_form=InviteForm(network=network, initial={"organisations": initial}),
            open_form=OpenForm(initial={"deadline": scoring_round.deadline}),
        )
    if user_has_perm(request.user, Perm.PRIORITY_SCORE, network=network):
        my_sheet = selectors.sheet_for_organisation(
            cycle, actor_for(request.user, network).organisation_id
        )
        if my_sheet is not None:
            with_steps(request.user, [my_sheet], cycle=cycle, scoring_round=scoring_round)
        context["my_sheet"] = my_sheet
    context["decisions"] = selectors.decisions_by_horizon(cycle)
    return render(request, "priorities/priorities_home.html", context)


@cycle_page(Perm.PRIORITY_VIEW)
def criteria(request, network, cycle):
    if user_has_perm(request.user, Perm.PRIORITY_MANAGE, network=network):
        services.round_prepare(cycle=cycle)
    scoring_round = selectors.scoring_round_for(cycle)
    editable = scoring_round.status == RoundStatus.SETUP and user_has_perm(
        request.user, Perm.PRIORITY_MANAGE, network=network
    )
    current = selectors.criteria_for(cycle)
    for criterion in current:
        criterion.anchor_list = criterion.anchor_texts(request.LANGUAGE_CODE)
    formset = None
    if editable:
        formset = CriterionFormSet(
            request.POST or None,
            prefix="criteria",
            initial=[CriterionForm.initial_for(c) for c in current],
        )
        if request.method == "POST" and formset.is_valid():
            try:
                services.criteria_save(cycle=cycle, by=request.user, rows=formset.rows())
                messages.success(request, _("The criteria have been saved."))
                return cycle_redirect("priority-criteria", cycle)
            except ValidationError as error:
                report_errors(request, error)
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "network": network,
        "cycle": cycle,
        "round": scoring_round,
        "criteria": current,
        "formset": formset,
        "language": request.LANGUAGE_CODE,
        "section": "priorities",
    }
    return render(request, "priorities/criteria.html", context)


@require_POST
@cycle_page(Perm.PRIORITY_MANAGE)
def invite(request, network, cycle):
    form = InviteForm(request.POST, network=network)
    if form.is_valid():
        try:
            services.sheets_invite(
                cycle=cycle, organisations=form.cleaned_data["organisations"], by=request.user
            )
            messages.success(request, _("The invited organisations have been saved."))
        except ValidationError as error:
            report_errors(request, error)
    return cycle_redirect("priorities-home", cycle)


@require_POST
@cycle_page(Perm.PRIORITY_MANAGE)
def round_open(request, network, cycle):
    form = OpenForm(request.POST)
    if form.is_valid():
        try:
            services.round_open(
                cycle=cycle, by=request.user, deadline=form.cleaned_data["deadline"]
            )
            messages.success(
                request,
                _("Scoring is open; the invited organisations' focal points have been told."),
            )
        except ValidationError as error:
            report_errors(request, error)
    return cycle_redirect("priorities-home", cycle)


@require_POST
@cycle_page(Perm.PRIORITY_MANAGE)
def round_close(request, network, cycle):
    return act_and_back(
        request,
        lambda: services.round_close(cycle=cycle, by=request.user),
        _("Scoring is closed."),
        cycle_reverse("priorities-home", cycle),
    )


@require_POST
@cycle_page(Perm.PRIORITY_MANAGE)
def remind(request, network, cycle):
    return act_and_back(
        request,
        lambda: services.scores_remind(cycle=cycle, by=request.user),
        lambda sent: _("%(count)d reminders sent.") % {"count": sent},
        cycle_reverse("priorities-home", cycle),
    )


@require_POST
@cycle_page(Perm.PRIORITY_MANAGE)
def sheet_reopen(request, network, cycle, sheet_pk):
    sheet = get_sheet_for_user(
        request.user, cycle=cycle, pk=sheet_pk, scoring_round=selectors.scoring_round_for(cycle)
    )
    return act_and_back(
        request,
        lambda: services.sheet_reopen(sheet=sheet, by=request.user),
        _("The scores are back with the organisation."),
        cycle_reverse("priorities-home", cycle),
    )


@require_POST
@cycle_page(Perm.PRIORITY_SCORE)
def sheet_withdraw(request, network, cycle):
    sheet = get_own_sheet_for_user(
        request.user, cycle=cycle, scoring_round=selectors.scoring_round_for(cycle)
    )
    return act_and_back(
        request,
        lambda: services.sheet_withdraw(sheet=sheet, by=request.user),
        _(
            "Your scores have been withdrawn: they are a draft again, and the coordinators "
            "were told."
        ),
        cycle_reverse("scoring-sheet", cycle),
    )


@cycle_page(Perm.PRIORITY_SCORE)
def scoring_sheet(request, network, cycle):
    scoring_round = selectors.scoring_round_for(cycle)
    sheet = get_own_sheet_for_user(request.user, cycle=cycle, scoring_round=scoring_round)
    criteria_list = selectors.criteria_for(cycle)
    for criterion in criteria_list:
        criterion.anchor_list = criterion.anchor_texts(request.LANGUAGE_CODE)
    objectives = list(Objective.objects.select_related("round_table").order_by("number"))
    existing = {r.objective_id: r for r in sheet.rows.all()}
    editable = Step.EDIT in sheet.steps
    data = request.POST if request.method == "POST" and editable else None
    forms = [
        ScoreRowForm(
            data,
            prefix=f"o{o.number}",
            objective=o,
            criteria=criteria_list,
            initial=_row_initial(existing.get(o.pk)),
        )
        for o in objectives
    ]
    if data is not None and all(f.is_valid() for f in forms):
        try:
            services.sheet_save(
                sheet=sheet,
                by=request.user,
                rows={f.objective.number: f.row() for f in forms},
                expected_version=int(request.POST.get("version", 0)),
            )
            if "submit" in request.POST:
                services.sheet_submit(sheet=sheet, by=request.user)
                messages.success(request, _("Your organisation's scores have been submitted."))
            else:
                messages.success(
                    request, _("Your scores have been saved. Submit them when they are complete.")
                )
            return cycle_redirect("scoring-sheet", cycle)
        except ValidationError as error:
            report_errors(request, error)
    context = {
        "network": network,
        "cycle": cycle,
        "sheet": sheet,
        "round": scoring_round,
        "criteria": criteria_list,
        "forms": forms,
        "editable": editable,
        "missing": services.sheet_missing(sheet),
        "language": request.LANGUAGE_CODE,
        "section": "priorities",
    }
    return render(request, "priorities/scoring_sheet.html", context)


def _row_initial(row) -> dict:
    if row is None:
        return {}
    return {
        **{k: str(v) for k, v in row.values.items()},
        "outside_mandate": row.outside_mandate,
        "comment": row.comment,
    }


QUADRANTS = {
    "top_right": gettext_lazy("Important and feasible: act now"),
    "top_left": gettext_lazy("Important, less feasible: prepare"),
    "bottom_right": gettext_lazy("Feasible, less important"),
    "bottom_left": gettext_lazy("Later"),
}


def _matrix(results) -> dict:
    """What the priority matrix is drawn from (`charts.priority_matrix_figure`'s arguments)."""
    points = [
        (r.objective, r.feasibility, r.importance, r.contested)
        for r in results.results.objectives
        if r.rank is not None
    ]
    return {
        "points": points,
        "x_label": _("Feasibility (mean score, 1 to 5)"),
        "y_label": _("Importance (mean score, 1 to 5)"),
        "quadrants": {k: str(v) for k, v in QUADRANTS.items()},
    }


@require_safe
@cycle_page(Perm.PRIORITY_RESULTS)
def results(request, network, cycle):
    priority = selectors.priority_results(cycle)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        content = priorities_xlsx(cycle=cycle, priority=priority)
        return download(content, XLSX, f"priorities-{cycle.pk}.xlsx")
    matrix = _matrix(priority)
    title = _("Priority matrix: importance against feasibility")
    if fmt == "png":
        return download(
            charts.cached_png(charts.priority_matrix_figure, **matrix),
            "image/png",
            f"priority-matrix-{cycle.pk}.png",
        )
    if fmt == "svg":
        return download(
            str(charts.cached_svg(charts.priority_matrix_figure, **matrix, title=title)),
            "image/svg+xml",
            f"priority-matrix-{cycle.pk}.svg",
        )
    criteria_names = {c.key: c.display_name for c in priority.criteria}
    context = {
        "network": network,
        "cycle": cycle,
        "priority": priority,
        "rows": priority.rows(),
        "matrix": charts.cached_svg(
            charts.priority_matrix_figure, **matrix, title=title, chart_id="matrix"
        ),
        "sensitivity": [
            {**s, "name": criteria_names.get(s["criterion"], s["criterion"]), "up": s["factor"] > 1}
            for s in priority.results.sensitivity
            if s["changes"]
        ],
        "section": "priorities",
    }
    return render(request, "priorities/results.html", context)


# Up to this many organisations, the chart of an objective's scores names each with its dot; a
# larger network gets the number of organisations per score (the table names them all).
SPREAD_NAMED = 40


@cycle_page(Perm.PRIORITY_RESULTS)
def objective_priority(request, network, cycle, number):
    try:
        objective = Objective.objects.select_related("round_table").get(number=number)
    except Objective.DoesNotExist:
        raise Http404 from None
    priority = selectors.priority_results(cycle, with_sensitivity=False)
    result = priority.results.by_objective()[number]
    rows = list(selectors.objective_scores(cycle, objective))
    scored = [
        r
        for r in rows
        if not r.outside_mandate and str(r.sheet.organisation_id) in result.organisation_scores
    ]
    values = [result.organisation_scores[str(r.sheet.organisation_id)] for r in scored]
    if len(scored) <= SPREAD_NAMED:  # a dot per organisation, each named
        figure = charts.spread_figure
        spread = {"names": [r.sheet.organisation.short_name for r in scored], "values": values}
        title = _("Scores of objective %(number)d by organisation") % {"number": number}
    else:  # too many to name: how many gave each score; the table below names them
        figure = charts.distribution_figure
        spread = {"values": values, "count_label": _("Organisations")}
        title = _("Scores of objective %(number)d: organisations per score") % {"number": number}
    spread.update(value_label=_("Weighted score (1 to 5)"), mean=result.mean)
    fmt = request.GET.get("format")
    if fmt == "png":
        return download(
            charts.cached_png(figure, **spread),
            "image/png",
            f"objective-{number}-scores.png",
        )
    if fmt == "svg":
        return download(
            str(charts.cached_svg(figure, **spread, title=title)),
            "image/svg+xml",
            f"objective-{number}-scores.svg",
        )
    decision = priority.decisions.get(number)
    manage = user_has_perm(request.user, Perm.PRIORITY_MANAGE, network=network)
    # The decision's form (every organisation and input of the objective to tick) is made
    # when it is opened: `?edit=1`, loaded into the page by htmx or as the whole page.
    editing = manage and (request.method == "POST" or request.GET.get("edit") == "1")
    form = None
    if editing:
        form = _decision_form(request, cycle, objective, decision)
        if request.method == "POST" and form.is_valid():
            try:
                fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
                services.decision_save(
                    cycle=cycle,
                    objective=objective,
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                    **fields,
                )
                messages.success(request, _("The decision has been recorded."))
                return cycle_redirect("objective-priority", cycle, number=number)
            except ValidationError as error:
                form_errors(form, error)
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "network": network,
        "cycle": cycle,
        "objective": objective,
        "result": result,
        "ranked_count": priority.ranked_count,
        "suggested": _suggested(result.rank, priority.ranked_count),
        "rows": Paginator(rows, 50).get_page(request.GET.get("page")),
        "criteria": priority.criteria,
        "chart": charts.cached_svg(figure, **spread, title=title, chart_id="spread"),
        "chart_named": figure is charts.spread_figure,
        "decision": decision,
        "manage": manage,
        "form": form,
        "section": "priorities",
    }
    template = "priorities/objective_priority.html"
    if request.htmx and form is not None and request.method == "GET":
        template += "#decision-form"
    return render(request, template, context)


def _suggested(rank, count):
    from gcmhub.priorities.aggregation import suggested_horizon
    from gcmhub.priorities.models import DecisionHorizon

    value = suggested_horizon(rank, count)
    return dict(DecisionHorizon.choices).get(value) if value else None


def _decision_form(request, cycle, objective, decision: Decision | None):
    initial = {
        "version": decision.version if decision else 1,
        "language": decision.language if decision else request.LANGUAGE_CODE,
    }
    if decision is not None:
        initial.update(
            horizon=decision.horizon,
            outcomes=list(decision.outcomes.all()),
            sdg_targets=list(decision.sdg_targets.all()),
            lead_organisations=list(decision.lead_organisations.all()),
            supporting_organisations=list(decision.supporting_organisations.all()),
            inputs=list(decision.inputs.all()),
            rationale=decision.rationale,
        )
    return DecisionForm(
        request.POST or None,
        cycle=cycle,
        objective=objective,
        inputs=inputs_for_user(request.user, cycle=cycle).filter(objective=objective),
        initial=initial,
    )


@require_safe
@cycle_page(Perm.PRIORITY_VIEW)
def decision_list(request, network, cycle):
    context = {
        "network": network,
        "cycle": cycle,
        "groups": selectors.decisions_by_horizon(cycle),
        "section": "priorities",
    }
    return render(request, "priorities/decision_list.html", context)


@require_safe
@cycle_page(Perm.PRIORITY_RESULTS)
def decision_history(request, network, cycle, number):
    decision = cycle.decisions.filter(objective__number=number).select_related("objective").first()
    if decision is None:
        raise Http404
    return history_page(
        request,
        decision,
        records_to_rows(decision.history.all()),
        back=cycle_reverse("objective-priority", cycle, number=number),
        section="priorities",
    )
