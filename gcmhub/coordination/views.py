from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from gcmhub.coordination import exports, schedule, selectors, services
from gcmhub.coordination.forms import ObligationFilterForm, SopRuleForm, WorkingGroupForm
from gcmhub.coordination.models import Obligation, SopRule, WorkingGroup
from gcmhub.coordination.sop import sop_sentences
from gcmhub.core.access import cycle_with_perm
from gcmhub.core.downloads import download
from gcmhub.core.feedback import report_errors
from gcmhub.core.permissions import Perm, Role, user_has_perm
from gcmhub.directory.selectors import actor_of
from gcmhub.documents import services as document_services
from gcmhub.documents.models import DocumentKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cycle(request, network_slug, cycle_pk, perm=Perm.SOP_VIEW):
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
        "coordination/form.html",
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
    tor = cycle.documents.filter(kind=DocumentKind.TERMS_OF_REFERENCE).first()
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
    return render(request, "coordination/coordination.html", context)


@require_safe
def terms_of_reference(request, network_slug, cycle_pk):
    network, cycle = _cycle(request, network_slug, cycle_pk, Perm.DOCUMENT_VIEW)
    document = cycle.documents.filter(kind=DocumentKind.TERMS_OF_REFERENCE).first()
    if document is None:
        if not user_has_perm(request.user, Perm.DOCUMENT_OUTLINE, network=network):
            messages.info(request, _("The terms of reference have not been started."))
            return redirect("coordination", network_slug=network.slug, cycle_pk=cycle.pk)
        document = document_services.document_open(
            cycle=cycle, kind=DocumentKind.TERMS_OF_REFERENCE, by=request.user
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
    return render(request, "coordination/obligation_list.html", context)


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
            "coordination/obligation_list.html#row",
            {"network": network, "cycle": cycle, "o": obligation},
        )
    messages.success(
        request, _("The obligation is marked done.") if done else _("The obligation is open again.")
    )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("obligation-list", network_slug=network.slug, cycle_pk=cycle.pk)
