"""The brief for the UN Common Country Assessment: the needs assessment's findings and the
network's priorities, mapped to the cooperation framework outcomes and the SDG targets."""

from django.db.models import Prefetch
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from gcmhub.assessments.models import Synthesis
from gcmhub.framework.models import FrameworkOutcome
from gcmhub.priorities.models import Decision, DecisionHorizon
from gcmhub.reporting.docx import add_table, plain_document, save

EXCERPT = 600


def cca_rows(cycle) -> list[dict]:
    """The prioritised objectives (short, then medium, then long term) with their mapping."""
    decisions = (
        Decision.objects.filter(cycle=cycle)
        .exclude(horizon=DecisionHorizon.NOT_NOW)
        .select_related("objective")
        .prefetch_related("outcomes", "sdg_targets", "lead_organisations")
    )
    order = {DecisionHorizon.SHORT: 0, DecisionHorizon.MEDIUM: 1, DecisionHorizon.LONG: 2}
    syntheses = {s.objective_id: s.text for s in Synthesis.objects.filter(cycle=cycle)}
    rows = []
    for decision in sorted(decisions, key=lambda d: (order[d.horizon], d.objective.number)):
        synthesis = syntheses.get(decision.objective_id, "")
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
                "rationale": decision.rationale,
                "finding": synthesis[:EXCERPT] + ("…" if len(synthesis) > EXCERPT else ""),
            }
        )
    return rows


def cca_brief_docx(cycle, *, language: str) -> bytes:
    with translation.override(language):
        rows = cca_rows(cycle)
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
                doc.add_paragraph(_("Why: %(rationale)s") % {"rationale": row["rationale"]})
            if row["finding"]:
                doc.add_paragraph(row["finding"])
        if not rows:
            doc.add_paragraph(_("The network has not prioritised any objective yet."))
        return save(doc)
