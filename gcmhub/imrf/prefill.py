"""The first draft of the national voluntary GCM review, written from the cycle's data.

Each function returns the HTML of one section of the default outline, in the active language
(`section_html` sets it: the same data gives the English and the Turkish edition):
plain sentences and lists the coordinator then edits. Every figure carries a footnote naming
where it comes from (which records, as of which date), so that a reader can check it.
"""

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Count
from django.utils import formats, timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gcmhub.assessments.models import Consultation, Input, Synthesis
from gcmhub.coordination.models import SopKind, WorkingGroup
from gcmhub.core.i18n import current_language, sort_key
from gcmhub.core.text import percent
from gcmhub.core.workflow import State
from gcmhub.documents.models import Endorsement, EndorsementResponse, Version
from gcmhub.editions.texts import prefetch
from gcmhub.framework.models import GuidingPrinciple, Objective
from gcmhub.imrf.quotes import quoted
from gcmhub.priorities.models import Decision, DecisionHorizon
from gcmhub.report.kind import NEEDS_ASSESSMENT
from gcmhub.workplan import rollup
from gcmhub.workplan import selectors as workplan_selectors
from gcmhub.workplan.models import Indicator

EVIDENCE = [State.ACCEPTED, State.SUBMITTED]


def _note(text: str) -> str:
    return format_html('<span class="footnote">{}</span>', text)


def _today() -> str:
    return formats.date_format(timezone.localdate())


def _p(text, note: str = "") -> str:
    return format_html("<p>{}{}</p>", text, note)


def _ul(items) -> str:
    if not items:
        return ""
    return format_html(
        "<ul>{}</ul>", format_html_join("", "<li><p>{}</p></li>", ((i,) for i in items))
    )


def methodology(cycle) -> str:
    inputs = Input.objects.filter(cycle=cycle, state__in=EVIDENCE)
    organisations = inputs.values("organisation").distinct().count()
    consultations = prefetch(
        Consultation.objects.filter(cycle=cycle).prefetch_related("organisations").order_by("date")
    )
    parts = [
        _p(
            _(
                "The review draws on the needs assessment of the cycle “%(cycle)s”: %(inputs)d "
                "inputs from %(organisations)d organisations, one per GCM objective each "
                "organisation was asked about."
            )
            % {
                "cycle": cycle.display_title,
                "inputs": inputs.count(),
                "organisations": organisations,
            },
            _note(
                _("Source: gcmhub, inputs submitted or accepted, as of %(date)s.")
                % {"date": _today()}
            ),
        )
    ]
    if consultations:
        parts.append(
            _p(
                ngettext(
                    "%(count)d consultation was held:",
                    "%(count)d consultations were held:",
                    len(consultations),
                )
                % {"count": len(consultations)},
                _note(_("Source: gcmhub, consultations recorded in the cycle.")),
            )
        )
        parts.append(
            _ul(
                f"{formats.date_format(c.date)}: {quoted(c, 'title', current_language())[0]} "
                f"({c.get_type_display()}; "
                + ngettext(
                    "%(count)d organisation", "%(count)d organisations", len(c.organisations.all())
                )
                % {"count": len(c.organisations.all())}
                + ")"
                for c in consultations
            )
        )
    final = (
        Version.objects.filter(document__cycle=cycle, document__kind=NEEDS_ASSESSMENT, major__gte=1)
        .defer("content")
        .first()
    )
    from gcmhub.meetings.selectors import register_of, validation_meetings

    if final is not None:
        meeting = validation_meetings(final.document).exclude(outcome="").last()
        if meeting is not None:
            present = sum(1 for a in register_of(meeting) if a.presence == "present")
            parts.append(
                _p(
                    _(
                        "The report was validated at “%(title)s” on %(date)s (%(outcome)s), with "
                        "%(present)d participants."
                    )
                    % {
                        "title": meeting.title,
                        "date": formats.date_format(timezone.localtime(meeting.starts_at).date()),
                        "outcome": meeting.get_outcome_display(),
                        "present": present,
                    },
                    _note(_("Source: gcmhub, attendance register of the validation meeting.")),
                )
            )
        endorsed = Endorsement.objects.filter(
            version=final,
            response__in=[EndorsementResponse.ENDORSED, EndorsementResponse.RESERVATION],
        ).count()
        asked = Endorsement.objects.filter(version=final).count()
        parts.append(
            _p(
                _(
                    "Its final version %(number)s was endorsed by %(endorsed)d of the %(asked)d "
                    "organisations asked."
                )
                % {"number": final.number, "endorsed": endorsed, "asked": asked},
                _note(
                    _("Source: gcmhub, endorsements of version %(number)s (hash %(hash)s).")
                    % {"number": final.number, "hash": final.short_hash}
                ),
            )
        )
    parts.append(
        _p(
            _(
                "Describe here the scope and limits of the review, how ministries and levels of "
                "government contributed, and the involvement of parliament, civil society, "
                "migrants and the private sector."
            )
        )
    )
    return "".join(parts)


def policy(cycle) -> str:
    network = cycle.network
    groups = list(
        WorkingGroup.objects.filter(network=network).select_related("chair").order_by("name")
    )
    organisations = network.organisations.count()
    parts = [
        _p(
            _(
                "Institutional mechanism: the %(network)s brings together %(count)d "
                "organisations, coordinated by the network coordinator."
            )
            % {"network": network.display_name, "count": organisations},
            _note(
                _("Source: gcmhub, organisations of the network, as of %(date)s.")
                % {"date": _today()}
            ),
        )
    ]
    if groups:
        parts.append(_p(_("Its working groups:")))
        parts.append(
            _ul(g.display_name + (f" ({g.chair.label})" if g.chair_id else "") for g in groups)
        )
    rules = cycle.sop_rules.count()
    if rules:
        parts.append(
            _p(
                ngettext(
                    "%(count)d standard operating procedure governs coordination, reporting, "
                    "and monitoring and evaluation.",
                    "%(count)d standard operating procedures govern coordination, reporting, "
                    "and monitoring and evaluation.",
                    rules,
                )
                % {"count": rules},
                _note(_("Source: gcmhub, SOP rules of the cycle.")),
            )
        )
    parts.append(
        _p(
            _(
                "Describe here how the GCM is integrated into national plans and strategies, "
                "policy coherence, and how no one is left behind."
            )
        )
    )
    return "".join(parts)


def progress(cycle) -> str:
    objectives = list(Objective.objects.select_related("round_table").order_by("number"))
    decisions = {
        d.objective_id: d
        for d in Decision.objects.filter(cycle=cycle).exclude(horizon=DecisionHorizon.NOT_NOW)
    }
    syntheses = {
        s.objective_id: quoted(s, "text", current_language())
        for s in prefetch(Synthesis.objects.filter(cycle=cycle))
    }
    inputs = Counter(
        Input.objects.filter(cycle=cycle, state__in=EVIDENCE).values_list("objective", flat=True)
    )
    activities = list(workplan_selectors.activities_of(cycle))
    facts = {a.pk: workplan_selectors.facts(a) for a in activities}
    by_objective = defaultdict(list)
    for activity in activities:
        for objective in activity.objectives.all():
            by_objective[objective.pk].append(facts[activity.pk])
    parts = [
        _p(
            _(
                "For each objective with data, grouped by the round tables of the IMRF: its "
                "priority, the inputs of the organisations, the activities of the work plan and "
                "the consultant's synthesis."
            ),
            _note(
                _(
                    "Source: gcmhub, decisions of the network, inputs, syntheses and accepted "
                    "progress reports, as of %(date)s."
                )
                % {"date": _today()}
            ),
        )
    ]
    clusters = defaultdict(list)
    for objective in objectives:
        if objective.pk in decisions or inputs.get(objective.pk) or by_objective.get(objective.pk):
            clusters[objective.round_table.number if objective.round_table else 0].append(objective)
    for number in sorted(clusters):
        table = clusters[number][0].round_table
        if table is not None:
            parts.append(
                format_html(
                    "<h3>{}</h3>",
                    _("IMRF round table %(number)d: %(theme)s")
                    % {"number": table.number, "theme": table.theme},
                )
            )
        for objective in clusters[number]:
            parts.append(format_html("<h4>{}</h4>", f"{objective.number}. {objective.title}"))
            lines = []
            decision = decisions.get(objective.pk)
            if decision is not None:
                lines.append(
                    _("Priority: %(horizon)s.") % {"horizon": decision.get_horizon_display()}
                )
            if inputs.get(objective.pk):
                lines.append(
                    ngettext(
                        "%(count)d input of the organisations.",
                        "%(count)d inputs of the organisations.",
                        inputs[objective.pk],
                    )
                    % {"count": inputs[objective.pk]}
                )
            group = by_objective.get(objective.pk)
            if group:
                total = rollup.rollup(group, lambda f: ["all"])["all"]
                lines.append(
                    ngettext(
                        "%(count)d activity of the work plan, %(completion)s complete on average.",
                        "%(count)d activities of the work plan, %(completion)s complete on "
                        "average.",
                        total.activities,
                    )
                    % {
                        "count": total.activities,
                        "completion": percent(total.completion or 0),
                    }
                )
            parts.append(_p(" ".join(lines)))
            text, mark = syntheses.get(objective.pk, ("", ""))
            if text:
                parts.append(_p(text, _note(mark) if mark else ""))
    principles = Counter(
        Input.principles.through.objects.filter(
            input__cycle=cycle, input__state__in=EVIDENCE
        ).values_list("guidingprinciple_id", flat=True)
    )
    if principles:
        parts.append(format_html("<h3>{}</h3>", _("Guiding principles")))
        parts.append(
            _p(
                _("How often the inputs say they apply each guiding principle:"),
                _note(_("Source: gcmhub, guiding principles named in the inputs.")),
            )
        )
        parts.append(
            _ul(
                f"{p.name}: {principles.get(p.pk, 0)}"
                for p in GuidingPrinciple.objects.order_by("order")
            )
        )
    indicators = workplan_selectors.indicators_of(cycle, workplan_selectors.periods_of(cycle))
    reported = [
        (i, cell)
        for i in indicators
        for cell in i.cells
        if cell["actual"] is not None and cell["progress"] is not None
    ]
    if reported:
        parts.append(format_html("<h3>{}</h3>", _("Indicators")))
        parts.append(
            _p(
                _("Progress towards the targets, as reported:"),
                _note(_("Source: gcmhub, indicator values of accepted progress reports.")),
            )
        )
        parts.append(
            _ul(
                _("%(indicator)s, %(period)s: %(progress)s of the target")
                % {
                    "indicator": i.display_name,
                    "period": cell["period"].label,
                    "progress": percent(cell["progress"] * 100),
                }
                for i, cell in reported
            )
        )
    return "".join(parts) or _p(_("No objective has data yet in this cycle."))


def means(cycle) -> str:
    activities = list(workplan_selectors.activities_of(cycle))
    facts = [workplan_selectors.facts(a) for a in activities]
    parts = []
    if facts:
        total = rollup.rollup(facts, lambda f: ["all"])["all"]

        def money(amounts):
            return (
                "; ".join(
                    f"{currency} {formats.number_format(value, 0, force_grouping=True)}"
                    for currency, value in sorted(amounts.items())
                )
                or "0"
            )

        parts.append(
            _p(
                _(
                    "Financing: the work plan's %(count)d activities need %(planned)s, of which "
                    "%(secured)s is secured; the gap is %(gap)s."
                )
                % {
                    "count": total.activities,
                    "planned": money(total.planned),
                    "secured": money(total.secured),
                    "gap": money(total.gap),
                },
                _note(
                    _("Source: gcmhub, budgets of the work plan's activities, as of %(date)s.")
                    % {"date": _today()}
                ),
            )
        )
        partners = Counter()
        for activity in activities:
            for organisation in activity.lead_organisations.all():
                partners[organisation.label] += 1
        parts.append(
            _p(_("Partnerships: organisations leading activities (number of activities):"))
        )
        parts.append(
            _ul(
                f"{label}: {count}"
                for label, count in sorted(partners.items(), key=lambda kv: sort_key(kv[0]))
            )
        )
    indicators = Indicator.objects.filter(cycle=cycle).aggregate(count=Count("pk"))["count"]
    parts.append(
        _p(
            _(
                "Data systems: %(count)d indicators are followed, each with a baseline and a data "
                "source."
            )
            % {"count": indicators},
            _note(_("Source: gcmhub, indicators of the work plan.")),
        )
    )
    parts.append(
        _p(_("Describe here capacity building, international cooperation and other resources."))
    )
    return "".join(parts)


def next_steps(cycle) -> str:
    decisions = Decision.objects.filter(cycle=cycle).select_related("objective")
    parts = [
        _p(
            _("Priorities going forward, as the network decided them:"),
            _note(_("Source: gcmhub, decisions of the network.")),
        )
    ]
    for horizon, label in DecisionHorizon.choices:
        if horizon == DecisionHorizon.NOT_NOW:
            continue
        numbers = sorted(d.objective.number for d in decisions if d.horizon == horizon)
        if numbers:
            parts.append(
                _p(
                    format_html(
                        "<strong>{}</strong>: {}",
                        label,
                        ", ".join(
                            f"{d.objective.number}. {d.objective.short_label}"
                            for d in sorted(decisions, key=lambda d: d.objective.number)
                            if d.horizon == horizon
                        ),
                    )
                )
            )
    reviews = cycle.sop_rules.filter(kind=SopKind.MONITORING).exclude(dates=[])
    if reviews:
        parts.append(_p(_("Planned reviews:")))
        parts.append(
            _ul(
                f"{rule.display_title}: "
                + ", ".join(formats.date_format(_date(d)) for d in rule.dates)
                for rule in reviews
            )
        )
    parts.append(_p(_("Add here the pledges of the government and its partners.")))
    return "".join(parts)


def _date(value):
    return dt.date.fromisoformat(value)


BUILDERS = {
    "methodology": methodology,
    "policy": policy,
    "progress": progress,
    "means": means,
    "next-steps": next_steps,
}


def section_html(key: str, cycle, *, language: str) -> str | None:
    """The HTML of section `key` written from the data in `language` (None: the data does
    not write that section)."""
    builder = BUILDERS.get(key)
    if builder is None:
        return None
    with translation.override(language):
        return builder(cycle)
