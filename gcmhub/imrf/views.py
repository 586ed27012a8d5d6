from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from gcmhub.core.forms import CycleForm
from gcmhub.core.pages import cycle_page, cycle_redirect, form_errors
from gcmhub.core.permissions import Perm
from gcmhub.documents import files
from gcmhub.documents.access import get_document
from gcmhub.documents.selectors import latest_version
from gcmhub.imrf import services
from gcmhub.imrf.carryover import cycle_start_from
from gcmhub.imrf.cca import cca_editions
from gcmhub.imrf.comparison import comparison
from gcmhub.imrf.files import cca_file_request
from gcmhub.imrf.kind import VOLUNTARY_REVIEW
from gcmhub.imrf.selectors import carried_over_groups
from gcmhub.priorities.models import DecisionHorizon
from gcmhub.reporting.charts import cached_svg, grouped_bar_figure


def _context(network, cycle, **extra):
    return {"network": network, "cycle": cycle, "section": "imrf", **extra}


@require_safe
@cycle_page(Perm.DOCUMENT_VIEW)
def imrf(request, network, cycle):
    """The stage page: the voluntary review, the CCA brief, the comparison of cycles."""
    document = cycle.documents.filter(kind=VOLUNTARY_REVIEW).first()
    context = _context(
        network,
        cycle,
        document=document,
        latest=latest_version(document) if document else None,
        prioritised=cycle.decisions.exclude(horizon=DecisionHorizon.NOT_NOW).count(),
        editions=cca_editions(cycle),
    )
    return render(request, "imrf/imrf.html", context)


@require_POST
@cycle_page(Perm.DOCUMENT_EDIT)
def review_start(request, network, cycle):
    document = services.voluntary_review_open(cycle=cycle, by=request.user)
    messages.success(
        request,
        _("The voluntary review is drafted from the data: read each section and complete it."),
    )
    return redirect(document)


@require_POST
@cycle_page(Perm.DOCUMENT_EDIT)
def review_refresh(request, network, cycle, document_pk):
    document = get_document(cycle, document_pk)
    count = services.voluntary_review_prefill(
        document=document, by=request.user, overwrite=request.POST.get("overwrite") == "1"
    )
    messages.success(
        request,
        ngettext(
            "%(count)d section written again from the data (the earlier text is in its history).",
            "%(count)d sections written again from the data (the earlier text is in their "
            "history).",
            count,
        )
        % {"count": count},
    )
    return redirect(document)


@require_safe
@cycle_page(Perm.DOCUMENT_VIEW)
def cca_brief(request, network, cycle):
    language = request.GET.get("language") or request.LANGUAGE_CODE
    if language not in ("en", "tr"):
        language = "en"
    job = cca_file_request(cycle, language=language, by=request.user)
    return files.serve_or_wait(request, job)  # made by the worker, never here


def _series_name(cycle, means) -> str:
    if all(mean is None for mean in means):
        return _("%(cycle)s (no scores yet)") % {"cycle": cycle.display_title}
    return cycle.display_title


@require_safe
@cycle_page(Perm.PRIORITY_VIEW)
def compare(request, network, cycle):
    """Each objective across the network's cycles, with a chart of the mean scores."""
    data = comparison(network)
    chart = ""
    scored = [r for r in data["rows"] if any(c.mean is not None for c in r["cells"])]
    if scored:
        chart = cached_svg(
            grouped_bar_figure,
            [f"{r['objective'].number}. {r['objective'].short_label}" for r in scored],
            [
                (
                    _series_name(c, [r["cells"][i].mean for r in scored]),
                    [r["cells"][i].mean for r in scored],
                )
                for i, c in enumerate(data["cycles"])
            ],
            value_label=_("Mean weighted score (1 to 5)"),
            max_value=5,
            title=_("Mean score per objective and cycle"),
            chart_id="compare",
        )
    return render(
        request, "imrf/compare.html", _context(network, cycle, chart=chart, scored=scored, **data)
    )


@cycle_page(Perm.CYCLE_MANAGE)
def next_cycle(request, network, cycle):
    """Start the network's next cycle from this one."""
    years = 4  # the IMRF returns every four years
    initial = {
        "country": cycle.country,
        "start_date": _shift(cycle.start_date, years),
        "end_date": _shift(cycle.end_date, years),
        "short_term_until": _shift(cycle.short_term_until, years),
        "medium_term_until": max(cycle.medium_term_until, _shift(cycle.short_term_until, years)),
        "long_term_until": max(cycle.long_term_until, _shift(cycle.short_term_until, years)),
        "short_term_note": cycle.short_term_note,
        "medium_term_note": cycle.medium_term_note,
        "long_term_note": cycle.long_term_note,
    }
    form = CycleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new = cycle_start_from(source=cycle, by=request.user, **form.cleaned_data)
            messages.success(
                request,
                ngettext(
                    "The cycle has been created from %(source)s: %(count)d record carried over.",
                    "The cycle has been created from %(source)s: %(count)d records carried over.",
                    new.carried_over.count(),
                )
                % {"source": cycle.display_title, "count": new.carried_over.count()},
            )
            return cycle_redirect("carried-over", new)
        except ValidationError as error:
            form_errors(form, error)
    return render(request, "imrf/next_cycle.html", _context(network, cycle, form=form))


def _shift(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@require_safe
@cycle_page(Perm.CYCLE_VIEW)
def carried_over(request, network, cycle):
    source, groups = carried_over_groups(cycle)
    return render(
        request, "imrf/carried_over.html", _context(network, cycle, groups=groups, source=source)
    )
