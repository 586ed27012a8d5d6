from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.coordination import access, exports, schedule, selectors, services
from gcmhub.coordination.forms import ObligationFilterForm, SopRuleForm, WorkingGroupForm
from gcmhub.coordination.models import WorkingGroup
from gcmhub.coordination.sop import sop_sentences
from gcmhub.coordination.tor import TERMS_OF_REFERENCE
from gcmhub.core.access import actor_for
from gcmhub.core.downloads import download
from gcmhub.core.i18n import current_language
from gcmhub.core.pages import (
    cycle_page,
    cycle_redirect,
    cycle_reverse,
    delete_and_back,
    delete_requested,
    form_page,
    record_initial,
)
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.documents import services as document_services
from gcmhub.editions.texts import other_languages

SECTION = "coordination"


@require_safe
@cycle_page(Perm.SOP_VIEW)
def coordination(request, network, cycle):
    """The coordination stage: terms of reference, working groups, SOPs and obligations."""
    obligations = selectors.obligations_of(cycle)
    late = selectors.with_states(
        obligations.filter(done_at__isnull=True, due_date__lt=timezone.localdate())[:10]
    )
    tor = cycle.documents.filter(kind=TERMS_OF_REFERENCE).first()
    context = {
        "network": network,
        "cycle": cycle,
        "section": SECTION,
        "tor": tor,
        "groups": WorkingGroup.objects.filter(network=network)
        .select_related("chair", "round_table")
        .prefetch_related("members"),
        "rules": [
            (rule, sop_sentences(rule, list(rule.organisations.all())))
            for rule in selectors.rules_of(cycle)
        ],
        "completeness": selectors.completeness(obligations, _("Network coordinator (secretariat)")),
        "late": late,
    }
    return render(request, "coordination/coordination.html", context)


@require_safe
@cycle_page(Perm.DOCUMENT_VIEW)
def terms_of_reference(request, network, cycle):
    document = cycle.documents.filter(kind=TERMS_OF_REFERENCE).first()
    if document is None:
        if not user_has_perm(request.user, Perm.DOCUMENT_OUTLINE, network=network):
            messages.info(request, _("The terms of reference have not been started."))
            return cycle_redirect("coordination", cycle)
        document = document_services.document_open(
            cycle=cycle, kind=TERMS_OF_REFERENCE, by=request.user
        )
    return redirect(document)


@cycle_page(Perm.SOP_MANAGE)
def working_group_edit(request, network, cycle, group_pk=None):
    group = access.get_working_group_for_network(network, group_pk) if group_pk else None
    initial = record_initial(group, WorkingGroupForm)
    form = WorkingGroupForm(request.POST or None, network=network, initial=initial)
    return form_page(
        request,
        network=network,
        cycle=cycle,
        section=SECTION,
        form=form,
        save=lambda data: services.working_group_save(
            network=network, by=request.user, group=group, **data
        ),
        success=_("The working group has been saved."),
        title=group.display_name if group else _("New working group"),
        back=cycle_reverse("coordination", cycle),
    )


@cycle_page(Perm.SOP_MANAGE)
def sop_rule_edit(request, network, cycle, rule_pk=None):
    rule = access.get_rule_for_cycle(cycle, rule_pk) if rule_pk else None
    back = cycle_reverse("coordination", cycle)
    if delete_requested(request, rule):
        return delete_and_back(
            request,
            lambda: services.sop_rule_delete(rule=rule, by=request.user),
            _("The SOP rule and its open obligations are removed."),
            back,
        )
    initial = record_initial(rule, SopRuleForm) or {
        "starts": cycle.start_date,
        "ends": cycle.end_date,
        "language": current_language(),  # people write in the language they work in
    }
    form = SopRuleForm(request.POST or None, network=network, initial=initial)
    return form_page(
        request,
        network=network,
        cycle=cycle,
        section=SECTION,
        form=form,
        save=lambda data: services.sop_rule_save(cycle=cycle, by=request.user, rule=rule, **data),
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
        template="coordination/sop_rule_form.html",
        rule=rule,
        other_languages=other_languages(rule.language) if rule else [],
    )


@require_safe
@cycle_page(Perm.SOP_VIEW)
def obligation_list(request, network, cycle):
    """The calendar of obligations (a page at a time), with the completeness per organisation."""
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
    rows = access.with_marks(
        selectors.with_states(page.object_list), actor_for(request.user, network)
    )
    months = {}
    for obligation in rows:
        months.setdefault(obligation.due_date.replace(day=1), []).append(obligation)
    context = {
        "network": network,
        "cycle": cycle,
        "section": SECTION,
        "form": form,
        "months": sorted(months.items()),
        "page": page,
        "filters": request.GET.copy(),
        "completeness": selectors.completeness(obligations, _("Network coordinator (secretariat)")),
        "query": request.GET.urlencode(),
    }
    return render(request, "coordination/obligation_list.html", context)


@require_POST
@cycle_page(Perm.OBLIGATION_COMPLETE)
def obligation_mark(request, network, cycle, obligation_pk):
    obligation = access.get_obligation_for_cycle(cycle, obligation_pk)
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
            "coordination/obligation_list.html#row",
            {"network": network, "cycle": cycle, "o": obligation},
        )
    messages.success(
        request, _("The obligation is marked done.") if done else _("The obligation is open again.")
    )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return cycle_redirect("obligation-list", cycle)
