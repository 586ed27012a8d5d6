"""The brief for the UN Common Country Assessment: the needs assessment's findings and the
network's priorities, mapped to the cooperation framework outcomes and the SDG targets."""

from django.db.models import Prefetch
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from gcmhub.assessments.models import Synthesis
from gcmhub.core.i18n import current_language
from gcmhub.editions.registry import is_paired
from gcmhub.editions.selectors import summary, waiting
from gcmhub.editions.texts import language_name, languages, prefetch
from gcmhub.framework.models import FrameworkOutcome
from gcmhub.imrf.quotes import quoted
from gcmhub.priorities.models import Decision, DecisionHorizon
from gcmhub.reporting.docx import add_table, plain_document, save

EXCERPT = 600


def cca_texts(cycle) -> list:
    """What the brief quotes of the network's writing: the rationales and syntheses of the
    prioritised objectives (those with editions)."""
    decisions = list(
        Decision.objects.filter(cycle=cycle)
        .exclude(horizon=DecisionHorizon.NOT_NOW)
        .select_related("objective", "cycle__network", "decided_by")
        .order_by("objective__number")
    )
    syntheses = Synthesis.objects.filter(
        cycle=cycle, objective__in=[d.objective_id for d in decisions]
    ).select_related("objective", "cycle__network")
    return [obj for obj in [*decisions, *syntheses] if is_paired(obj)]


def cca_editions(cycle) -> list[dict]:
    """Per language, how many texts the brief quotes have no edition in it, or an edition
    out of date (the brief then quotes them marked): what to translate before sending it."""
    rows = waiting(cca_texts(cycle))
    editions = []
    for language in languages():
        counts = summary([row for row in rows if row.language == language])
        editions.append({"language": language, "name": language_name(language), **counts})
    return editions


def cca_rows(cycle, language: str | None = None) -> list[dict]:
    """The prioritised objectives (short, then medium, then long term) with their mapping,
    quoting the rationales and syntheses in `language` (default: the active one)."""
    language = language or current_language()
    decisions = prefetch(
        Decision.objects.filter(cycle=cycle)
        .exclude(horizon=DecisionHorizon.NOT_NOW)
        .select_related("objective")
        .prefetch_related("outcomes", "sdg_targets", "lead_organisations")
    )
    order = {DecisionHorizon.SHORT: 0, DecisionHorizon.MEDIUM: 1, DecisionHorizon.LONG: 2}
    syntheses = {s.objective_id: s for s in prefetch(Synthesis.objects.filter(cycle=cycle))}
    rows = []
    for decision in sorted(decisions, key=lambda d: (order[d.horizon], d.objective.number)):
        rationale, rationale_mark = quoted(decision, "rationale", language)
        synthesis, synthesis_mark = quoted(syntheses.get(decision.objective_id), "text", language)
        rows.append(
            {
                "objective": f"{decision.objective.number}. {decision.objective.title}",
                "horizon": str(decision.get_horizon_display()),
                "outcomes": ", ".join(o.code for o in decision.outcomes.all()) or "—",
                "targets": ", ".join(t.code for t in decision.sdg_targets.all()) or "—",
                "leads": ", ".join(
                    o.display_acronym or o.display_name for o in decision.lead_organisations.all()
                )
                or "—",
                "rationale": rationale,
                "rationale_mark": rationale_mark,
                "finding": synthesis[:EXCERPT] + ("…" if len(synthesis) > EXCERPT else ""),
                "finding_mark": synthesis_mark,
            }
        )
    return rows


def _quote(doc, text: str, row: dict, key: str) -> None:
    """A quoted text, followed by its mark in italics when it has one."""
    paragraph = doc.add_paragraph(text)
    if row[f"{key}_mark"]:
        paragraph.add_run(f" ({row[f'{key}_mark']})").italic = True


def cca_brief_docx(cycle, *, language: str) -> bytes:
    with translation.override(language):
        rows = cca_rows(cycle, language)
        doc = plain_document(language)
        doc.add_paragraph(cycle.network.display_name)
        doc.add_heading(_("Migration in the Common Country Assessment: brief"), level=0)
        doc.add_paragraph(
            _(
                "From the GCM needs assessment of “%(cycle)s” (%(country)s): the objectives the "
                "network prioritised, mapped to the outcomes of the cooperation framework and to "
                "the SDG targets, with the findings behind them. Produced by gcmhub on %(date)s."
            )
            % {
                "cycle": cycle.display_title,
                "country": cycle.country.name,
                "date": formats.date_format(timezone.localdate()),
            }
        )
        framework = getattr(cycle, "cooperation_framework", None)
        if framework is not None:
            doc.add_paragraph(_("Cooperation framework: %(title)s.") % {"title": framework.title})
        doc.add_heading(_("Priorities mapped to the cooperation framework"), level=1)
        header = [
            _("GCM objective"),
            _("Horizon"),
            _("Framework outcomes"),
            _("SDG targets"),
            _("Lead organisations"),
        ]
        keys = ("objective", "horizon", "outcomes", "targets", "leads")
        add_table(
            doc,
            header,
            [[row[key] for key in keys] for row in rows],
            font_size=9,
        )
        if framework is not None:
            doc.add_heading(_("The outcomes of the cooperation framework"), level=1)
            outcomes = Prefetch("outcomes", FrameworkOutcome.objects.order_by("code"))
            for priority in framework.priorities.prefetch_related(outcomes).order_by("number"):
                for outcome in priority.outcomes.all():
                    doc.add_paragraph(
                        f"{outcome.code} {outcome.display_statement}", style="List Bullet"
                    )
        doc.add_heading(_("Findings behind each priority"), level=1)
        for row in rows:
            doc.add_heading(row["objective"], level=2)
            if row["rationale"]:
                _quote(
                    doc, _("Why: %(rationale)s") % {"rationale": row["rationale"]}, row, "rationale"
                )
            if row["finding"]:
                _quote(doc, row["finding"], row, "finding")
        if not rows:
            doc.add_paragraph(_("The network has not prioritised any objective yet."))
        return save(doc)
