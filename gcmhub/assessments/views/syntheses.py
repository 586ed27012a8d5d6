"""The reviewers' reading of the inputs: coverage of the objectives, and the synthesis per
objective."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcmhub.assessments import selectors, services
from gcmhub.assessments.exports import coverage_xlsx
from gcmhub.assessments.forms import (
    CoverageFilterForm,
    SynthesisForm,
    language_of,
)
from gcmhub.core.downloads import download
from gcmhub.core.pages import cycle_page, cycle_reverse, form_page
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import State
from gcmhub.editions.texts import edition, language_name, other_languages, prefetch
from gcmhub.framework.models import Objective
from gcmhub.reporting.charts import bar_chart_svg

COVERAGE_COLUMNS = 40  # organisations per page of the coverage matrix
SIDE_BY_SIDE = 30  # inputs per page of the synthesis of an objective
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
@cycle_page(Perm.INPUT_REVIEW)
def coverage(request, network, cycle):
    form = CoverageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    round_table = int(filters["round_table"]) if filters.get("round_table") else None
    organisation_type = filters.get("organisation_type", "")
    columns = selectors.coverage_columns(cycle, organisation_type=organisation_type)
    if request.GET.get("format") == "xlsx":
        matrix = selectors.coverage(
            cycle, organisation_type=organisation_type, round_table=round_table, columns=columns
        )
        content = coverage_xlsx(cycle=cycle, matrix=matrix)
        return download(content, XLSX, f"coverage-{cycle.pk}.xlsx")
    # The screen shows the organisations a page at a time; the totals count them all.
    page = Paginator(columns, COVERAGE_COLUMNS).get_page(request.GET.get("page"))
    matrix = selectors.coverage(
        cycle,
        organisation_type=organisation_type,
        round_table=round_table,
        columns=list(page.object_list),
    )
    context = {
        "network": network,
        "cycle": cycle,
        "form": form,
        "matrix": matrix,
        "page": page,
        "filters": request.GET,
        "states": State.choices,
        "query": request.GET.urlencode(),
        "section": "assessment",
    }
    return render(request, "assessments/coverage.html", context)


@cycle_page(Perm.INPUT_REVIEW)
def objective_synthesis(request, network, cycle, number):
    try:
        objective = Objective.objects.select_related("round_table").get(number=number)
    except Objective.DoesNotExist:
        raise Http404 from None
    synthesis = selectors.synthesis_for(cycle, objective)
    synthesis.cycle = cycle
    form = SynthesisForm(
        request.POST or None,
        initial={
            "version": synthesis.version,
            "language": language_of(bool(synthesis.text), synthesis.language),
            "text": synthesis.text,
        },
    )
    readable = selectors.objective_inputs(request.user, cycle=cycle, objective=objective)
    needs = selectors.needs_by_type(readable)
    # Side by side a page at a time; the needs by type count them all.
    page = Paginator(readable, SIDE_BY_SIDE).get_page(request.GET.get("page"))
    inputs = list(page.object_list)
    for input in inputs:
        input.cycle = cycle  # read for this user: who may translate it asks no query
    cited = [c for input in inputs for c in input.consultations.all()]
    prefetch([synthesis, *inputs, *cited])
    other = other_languages(synthesis.language)[0]
    return form_page(
        request,
        network=network,
        cycle=cycle,
        form=form,
        save=lambda data: services.synthesis_save(
            cycle=cycle,
            objective=objective,
            by=request.user,
            text=data["text"],
            language=data["language"],
            expected_version=data["version"],
        ),
        success=_("The synthesis has been saved."),
        title=objective.title,
        back=cycle_reverse("objective-synthesis", cycle, number=number),
        section="assessment",
        template="assessments/objective_synthesis.html",
        objective=objective,
        inputs=inputs,
        page=page,
        filters=request.GET,
        needs=needs,
        chart=bar_chart_svg(
            [label for _value, label, _count in needs],
            [count for _value, _label, count in needs],
            title=_("Needs by type"),
            value_label=_("Number of needs"),
        ),
        synthesis=synthesis,
        other_edition=edition(synthesis, "text", other) if synthesis.pk else None,
        other_name=language_name(other),
    )
