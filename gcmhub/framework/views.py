from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcmhub.core.pages import cycle_page, cycle_redirect, cycle_reverse, history_page
from gcmhub.core.permissions import Perm
from gcmhub.framework import selectors, services
from gcmhub.framework.access import get_cooperation_framework_for_user
from gcmhub.framework.filters import ObjectiveFilter
from gcmhub.framework.forms import CooperationFrameworkForm, OutcomeFormSet, PriorityFormSet
from gcmhub.framework.models import (
    GCM_RESOLUTION_URL,
    FrameworkOutcome,
    Objective,
    StrategicPriority,
)


@require_safe
def objective_list(request):
    filterset = ObjectiveFilter(request.GET or None, queryset=selectors.objectives_list())
    context = {
        "filter": filterset,
        "objectives": filterset.qs,
        "resolution_url": GCM_RESOLUTION_URL,
        "section": "framework",
    }
    template = "framework/objective_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@require_safe
def objective_detail(request, number):
    try:
        objective = selectors.objective_detail(number)
    except Objective.DoesNotExist:
        raise Http404 from None
    context = {
        "objective": objective,
        "principles": selectors.principles(),
        "previous_number": number - 1 if number > 1 else None,
        "next_number": number + 1 if number < 23 else None,
        "resolution_url": GCM_RESOLUTION_URL,
        "section": "framework",
    }
    return render(request, "framework/objective_detail.html", context)


@require_safe
def principle_list(request):
    context = {
        "principles": selectors.principles(),
        "round_tables": selectors.round_tables().prefetch_related("objectives"),
        "mgi_domains": selectors.mgi_domains(),
        "resolution_url": GCM_RESOLUTION_URL,
        "section": "framework",
    }
    return render(request, "framework/principle_list.html", context)


@require_safe
@cycle_page(Perm.CYCLE_VIEW)
def cooperation_framework_detail(request, network, cycle):
    context = {
        "network": network,
        "cycle": cycle,
        "framework": get_cooperation_framework_for_user(request.user, cycle=cycle),
        "section": "setup",
    }
    return render(request, "framework/cooperation_framework_detail.html", context)


@cycle_page(Perm.CYCLE_MANAGE)
def cooperation_framework_edit(request, network, cycle):
    framework = get_cooperation_framework_for_user(request.user, cycle=cycle)
    data = request.POST or None
    form = CooperationFrameworkForm(data, instance=framework, prefix="framework")
    priorities = PriorityFormSet(
        data,
        prefix="priorities",
        queryset=StrategicPriority.objects.filter(framework=framework).order_by("number"),
    )
    outcomes = OutcomeFormSet(
        data,
        prefix="outcomes",
        queryset=FrameworkOutcome.objects.filter(priority__framework=framework)
        .select_related("priority")
        .order_by("code"),
    )
    if request.method == "POST" and _all_valid(form, priorities, outcomes):
        services.cooperation_framework_save(
            cycle=cycle,
            by=request.user,
            framework=form.cleaned_data,
            priorities=_rows(priorities),
            outcomes=_rows(outcomes),
        )
        messages.success(request, _("The cooperation framework has been saved."))
        return cycle_redirect("cooperation-framework", cycle)
    context = {
        "network": network,
        "cycle": cycle,
        "form": form,
        "priorities": priorities,
        "outcomes": outcomes,
        "section": "setup",
    }
    return render(request, "framework/cooperation_framework_form.html", context)


def _all_valid(form, priorities, outcomes) -> bool:
    valid = all([form.is_valid(), priorities.is_valid(), outcomes.is_valid()])
    return valid and outcomes.check_priorities(priorities.kept_numbers())


def _rows(formset):
    """Turn a validated formset into (object or None, data, delete) triples, skipping blanks."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"id", "DELETE"}}
        rows.append(
            (
                form.instance if form.instance.pk else None,
                data,
                bool(form.cleaned_data.get("DELETE")),
            )
        )
    return rows


@require_safe
@cycle_page(Perm.HISTORY_VIEW)
def cooperation_framework_history(request, network, cycle):
    framework = get_cooperation_framework_for_user(request.user, cycle=cycle)
    if framework is None:
        raise Http404
    return history_page(
        request,
        framework,
        selectors.cooperation_framework_history(framework),
        back=cycle_reverse("cooperation-framework", cycle),
        section="setup",
        show_object=True,
    )
