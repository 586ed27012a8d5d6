"""Build a document's content as plain data: the live draft and every issued version.

The same structure feeds the screen, the Word and the PDF renderers, and is what a version
freezes (JSON, hashed). Labels are written in the document's language, not the reader's.
Queries are bounded: each kind of data is read once, whatever the size of the cycle.
"""

import hashlib
import json
import re

from django.db.models import Prefetch
from django.utils import formats, translation
from django.utils.translation import gettext as _

from gcmhub.assessments.models import (
    Consultation,
    Input,
    Need,
    ProposedAction,
    Synthesis,
)
from gcmhub.core.models import Horizon
from gcmhub.core.workflow import State
from gcmhub.documents.models import Document, SectionKind
from gcmhub.framework.models import FrameworkOutcome, Objective

EVIDENCE_STATES = [State.ACCEPTED, State.SUBMITTED]


def content_hash(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _is_blank(html: str) -> bool:
    return not re.sub(r"<[^>]*>|&nbsp;|\s", "", html or "")


_HAS_DATA = {
    SectionKind.FINDINGS: lambda s: any(o["inputs"] or o["synthesis"] for o in s["objectives"]),
    SectionKind.PRIORITIES: lambda s: any(g["rows"] for g in s["groups"]),
    SectionKind.RECOMMENDATIONS: lambda s: bool(s["items"]),
    SectionKind.CONSULTATIONS: lambda s: bool(s["rows"]),
    SectionKind.SCORING: lambda s: bool(s["ranking"]),
}


def content_warnings(content: dict) -> list[str]:
    """What a reader would find missing in `content`: empty sections, figures with nothing to
    draw. Issuing a version with any of these asks for a confirmation first."""
    warnings = []
    for section in content["sections"]:
        names = {"number": section["number"], "title": section["title"]}
        has_data = _HAS_DATA.get(section["kind"])
        empty_data = section["kind"] == SectionKind.NARRATIVE or (
            has_data is not None and not has_data(section)
        )
        if empty_data and _is_blank(section["html"]):
            warnings.append(_("Section %(number)s “%(title)s” is empty.") % names)
        chart = section.get("chart")
        if chart is not None and not chart.get("points"):
            warnings.append(
                _(
                    "The figure of section %(number)s “%(title)s” has nothing to draw yet: "
                    "no objective has a mean score."
                )
                % names
            )
    return warnings


def build_content(document: Document) -> dict:
    with translation.override(document.language):
        cycle = document.cycle
        sections = list(document.sections.order_by("order", "pk"))
        data = _Data(document)
        built = []
        for number, section in enumerate(sections, start=1):
            item = {
                "key": section.key,
                "number": str(number),
                "title": section.title,
                "kind": section.kind,
                "html": section.body or "",
            }
            builder = BUILDERS.get(section.kind)
            if builder is not None:
                item.update(builder(data))
            built.append(item)
        return {
            "title": document.title,
            "subtitle": document.subtitle,
            "network": cycle.network.display_name,
            "cycle": cycle.display_title,
            "country": str(cycle.country.name),
            "language": document.language,
            "labels": _labels(),
            "sections": built,
        }


def _labels() -> dict:
    return {
        "contents": _("Contents"),
        "version": _("Version"),
        "draft": _("Draft"),
        "table": _("Table"),
        "figure": _("Figure"),
        "notes": _("Notes"),
        "page": _("Page"),
        "hash": _("Content hash"),
    }


class _Data:
    """The cycle's data, each kind read once when a section first needs it."""

    def __init__(self, document: Document):
        self.document = document
        self.cycle = document.cycle
        self._cache = {}

    def _get(self, key, load):
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    @property
    def objectives(self):
        return self._get(
            "objectives", lambda: {o.pk: o for o in Objective.objects.order_by("number")}
        )

    @property
    def inputs(self) -> list[Input]:
        return self._get(
            "inputs",
            lambda: list(
                self.cycle.inputs.filter(state__in=EVIDENCE_STATES)
                .select_related("organisation")
                .prefetch_related(
                    Prefetch("needs", queryset=Need.objects.order_by("order", "pk")),
                    Prefetch(
                        "proposed_actions",
                        queryset=ProposedAction.objects.select_related("lead").order_by(
                            "order", "pk"
                        ),
                    ),
                    Prefetch("consultations", queryset=Consultation.objects.order_by("date")),
                )
                .order_by("organisation__name")
            ),
        )

    @property
    def syntheses(self) -> dict[int, Synthesis]:
        return self._get(
            "syntheses",
            lambda: {s.objective_id: s for s in Synthesis.objects.filter(cycle=self.cycle)},
        )

    @property
    def decisions(self):
        return self._get(
            "decisions",
            lambda: list(
                self.cycle.decisions.select_related("objective")
                .prefetch_related("outcomes", "sdg_targets", "lead_organisations")
                .order_by("objective__number")
            ),
        )

    @property
    def priority_results(self):
        from gcmhub.priorities.selectors import priority_results

        return self._get("results", lambda: priority_results(self.cycle, with_sensitivity=False))


def _findings(data: _Data) -> dict:
    horizons = dict(Horizon.choices)
    by_objective = {}
    for input in data.inputs:
        by_objective.setdefault(input.objective_id, []).append(input)
    objectives = []
    for objective in data.objectives.values():
        inputs = by_objective.get(objective.pk, [])
        synthesis = data.syntheses.get(objective.pk)
        if not inputs and not (synthesis and synthesis.text):
            continue
        consultations = {}
        for input in inputs:
            for consultation in input.consultations.all():
                consultations[consultation.pk] = _consultation_label(consultation)
        objectives.append(
            {
                "number": objective.number,
                "title": objective.title,
                "synthesis": synthesis.text if synthesis else "",
                "sources": _("Sources: %(organisations)s.")
                % {"organisations": ", ".join(i.organisation.label for i in inputs)}
                if inputs
                else "",
                "cited": _("Consultations: %(consultations)s.")
                % {"consultations": "; ".join(consultations.values())}
                if consultations
                else "",
                "inputs": [
                    {
                        "organisation": i.organisation.label,
                        "state": str(i.get_state_display()),
                        "situation": i.situation,
                        "gaps": i.gaps,
                        "needs": [
                            [str(n.get_type_display()), n.description] for n in i.needs.all()
                        ],
                        "actions": [
                            [
                                a.description,
                                str(horizons[a.horizon]),
                                a.lead.label if a.lead else "",
                            ]
                            for a in i.proposed_actions.all()
                        ],
                    }
                    for i in inputs
                ],
            }
        )
    return {
        "objectives": objectives,
        "labels": {
            "synthesis": _("Synthesis"),
            "inputs": _("What the organisations said"),
            "situation": _("Situation and achievements"),
            "gaps": _("Gaps and challenges"),
            "needs": _("Needs"),
            "actions": _("Proposed actions"),
        },
    }


def _consultation_label(consultation) -> str:
    return f"{consultation.title} ({formats.date_format(consultation.date)})"


def _priorities(data: _Data) -> dict:
    from gcmhub.priorities.models import DecisionHorizon

    cycle = data.cycle
    until = {
        "short": cycle.short_term_until,
        "medium": cycle.medium_term_until,
        "long": cycle.long_term_until,
    }
    groups = []
    for value, label in DecisionHorizon.choices:
        rows = [
            {
                "objective": f"{d.objective.number}. {d.objective.title}",
                "rank": d.computed_rank,
                "outcomes": [o.code for o in d.outcomes.all()],
                "lead": [o.short_name for o in d.lead_organisations.all()],
                "rationale": d.rationale,
            }
            for d in data.decisions
            if d.horizon == value
        ]
        title = str(label)
        if value in until:
            title = _("%(horizon)s (until %(date)s)") % {
                "horizon": label,
                "date": formats.date_format(until[value]),
            }
        groups.append({"horizon": value, "title": title, "rows": rows})
    results = data.priority_results
    points = [
        [r.objective, r.feasibility, r.importance, r.contested]
        for r in results.results.objectives
        if r.rank is not None
    ]
    return {
        "groups": groups,
        "chart": {
            "points": points,
            "title": _("Priority matrix: importance against feasibility"),
            "x_label": _("Feasibility (mean score, 1 to 5)"),
            "y_label": _("Importance (mean score, 1 to 5)"),
            "quadrants": {
                "top_right": _("Important and feasible: act now"),
                "top_left": _("Important, less feasible: prepare"),
                "bottom_right": _("Feasible, less important"),
                "bottom_left": _("Later"),
            },
        },
        "labels": {
            "objective": _("GCM objective"),
            "rank": _("Computed rank"),
            "outcomes": _("Cooperation framework outcomes"),
            "lead": _("Lead"),
            "rationale": _("Rationale"),
            "none": _("No objective in this horizon."),
        },
    }


def _alignment(data: _Data) -> dict:
    outcomes = list(
        FrameworkOutcome.objects.filter(priority__framework__cycle=data.cycle).order_by("code")
    )
    by_outcome, by_target = {}, {}
    for decision in data.decisions:
        if decision.horizon == "not_now":
            continue
        for outcome in decision.outcomes.all():
            by_outcome.setdefault(outcome.pk, []).append(decision.objective.number)
        for target in decision.sdg_targets.all():
            by_target.setdefault(target.code, []).append(decision.objective.number)
    return {
        "outcomes": [
            [o.code, o.display_statement, sorted(by_outcome.get(o.pk, []))] for o in outcomes
        ],
        "targets": [[code, sorted(numbers)] for code, numbers in sorted(by_target.items())],
        "labels": {
            "outcome": _("Outcome"),
            "objectives": _("Prioritised GCM objectives"),
            "target": _("SDG target"),
            "outcomes_caption": _("Prioritised objectives by cooperation framework outcome"),
            "targets_caption": _("Prioritised objectives by SDG target"),
        },
    }


def _recommendations(data: _Data) -> dict:
    """Each recommendation with what it rests on, written out as one sentence."""
    items = []
    recommendations = data.document.recommendations.prefetch_related(
        "objectives", "inputs__organisation", "consultations"
    ).order_by("order", "pk")
    for number, recommendation in enumerate(recommendations, start=1):
        organisations = sorted({i.organisation.label for i in recommendation.inputs.all()})
        consultations = [
            _consultation_label(c)
            for c in sorted(recommendation.consultations.all(), key=lambda c: c.date)
        ]
        objectives = sorted(recommendation.objectives.all(), key=lambda o: o.number)
        basis = []
        if objectives:
            basis.append(
                _("Objectives: %(objectives)s.")
                % {"objectives": ", ".join(f"{o.number}. {o.short_label}" for o in objectives)}
            )
        if organisations:
            basis.append(
                _("Rests on the inputs of %(organisations)s.")
                % {"organisations": ", ".join(organisations)}
            )
        if consultations:
            basis.append(
                _("Draws on the consultations: %(consultations)s.")
                % {"consultations": "; ".join(consultations)}
            )
        items.append({"number": number, "text": recommendation.text, "basis": " ".join(basis)})
    return {"items": items}


def _consultations(data: _Data) -> dict:
    consultations = data.cycle.consultations.prefetch_related("organisations").order_by("date")
    return {
        "rows": [
            [
                formats.date_format(c.date),
                str(c.get_type_display()),
                c.title,
                ", ".join(o.short_name for o in c.organisations.all()),
                c.participant_lines(),
            ]
            for c in consultations
        ],
        "labels": {
            "caption": _("Consultations of the needs assessment"),
            "date": _("Date"),
            "type": _("Type"),
            "title": _("Consultation"),
            "organisations": _("Organisations"),
            "participants": _("People taking part"),
        },
    }


def _scoring(data: _Data) -> dict:
    results = data.priority_results
    criteria = [
        [
            c.display_name,
            float(c.weight),
            c.display_question,
            c.anchor_texts(data.document.language),
        ]
        for c in results.criteria
    ]
    ranking = [
        [
            r.rank,
            f"{r.objective}. {results.objectives[r.objective].short_label}",
            _r(r.mean),
            _r(r.spread),
            r.organisations,
        ]
        for r in results.results.objectives
        if r.rank is not None
    ]
    w = results.results.kendall_w
    return {
        "criteria": criteria,
        "ranking": ranking,
        "method": [
            _(
                "Each organisation invited scored each GCM objective from 1 to 5 on every "
                "criterion, or marked it outside its mandate. Its score for an objective is the "
                "weighted mean of its criteria."
            ),
            _(
                "An objective's rank follows the mean of the organisations' scores; "
                "organisations that marked it outside their mandate are left out, and equal "
                "means share a rank."
            ),
            _(
                "Agreement across organisations is measured by Kendall's W (0: none, 1: full): "
                "%(w)s, over %(count)d organisations."
            )
            % {"w": f"{w:.2f}" if w is not None else "—", "count": results.submitted},
        ],
        "labels": {
            "criteria_caption": _("Criteria and weights"),
            "criterion": _("Criterion"),
            "weight": _("Weight"),
            "question": _("Question"),
            "scale": _("1 to 5"),
            "ranking_caption": _("Ranking of the objectives"),
            "rank": _("Rank"),
            "objective": _("GCM objective"),
            "mean": _("Weighted mean"),
            "spread": _("Spread"),
            "organisations": _("Organisations"),
        },
    }


def _r(value):
    return round(value, 2) if value is not None else None


BUILDERS = {
    SectionKind.FINDINGS: _findings,
    SectionKind.PRIORITIES: _priorities,
    SectionKind.ALIGNMENT: _alignment,
    SectionKind.RECOMMENDATIONS: _recommendations,
    SectionKind.CONSULTATIONS: _consultations,
    SectionKind.SCORING: _scoring,
}


def register_builder(kind: str, builder) -> None:
    """Let another app build a kind of data section (from its AppConfig.ready).

    `builder(data)` returns {"blocks": [...]}, each block with any of "heading",
    "paragraphs" (list of text), "items" (a bulleted list) and "table" (caption, header,
    rows): every renderer draws blocks without knowing the app.
    """
    BUILDERS[kind] = builder
