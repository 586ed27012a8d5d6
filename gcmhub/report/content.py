"""The data sections of the needs assessment report: findings per objective, priorities by
horizon, alignment, recommendations, the consultations and the scoring annexes.

Each builder takes the engine's `Data` (see `documents.content`) and returns plain data for
the renderers; each kind of data is read once per document, whatever the size of the cycle.
"""

import re

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gcmhub.assessments.models import (
    Consultation,
    Input,
    Need,
    NeedType,
    ProposedAction,
    Synthesis,
)
from gcmhub.core.models import Horizon
from gcmhub.core.workflow import State
from gcmhub.documents.bilingual import prefetch
from gcmhub.documents.content import decimal_text, original_mark
from gcmhub.framework.models import FrameworkOutcome, Objective

EVIDENCE_STATES = [State.ACCEPTED, State.SUBMITTED]


def _objectives(data) -> dict[int, Objective]:
    return data.cached(
        "objectives", lambda: {o.pk: o for o in Objective.objects.order_by("number")}
    )


def _inputs(data) -> list[Input]:
    def load():
        inputs = prefetch(
            data.cycle.inputs.filter(state__in=EVIDENCE_STATES)
            .select_related("organisation")
            .prefetch_related(
                Prefetch("needs", queryset=Need.objects.order_by("order", "pk")),
                Prefetch(
                    "proposed_actions",
                    queryset=ProposedAction.objects.select_related("lead").order_by("order", "pk"),
                ),
                Prefetch("consultations", queryset=Consultation.objects.order_by("date")),
            )
            .order_by("organisation__name")
        )
        # The translations of the consultations they cite, read at once.
        prefetch(c for i in inputs for c in i.consultations.all())
        return inputs

    return data.cached("inputs", load)


def _syntheses(data) -> dict[int, Synthesis]:
    return data.cached(
        "syntheses",
        lambda: {s.objective_id: s for s in prefetch(Synthesis.objects.filter(cycle=data.cycle))},
    )


def _decisions(data):
    return data.cached(
        "decisions",
        lambda: prefetch(
            data.cycle.decisions.select_related("objective")
            .prefetch_related("outcomes", "sdg_targets", "lead_organisations")
            .order_by("objective__number")
        ),
    )


def _priority_results(data):
    from gcmhub.priorities.selectors import priority_results

    return data.cached("results", lambda: priority_results(data.cycle, with_sensitivity=False))


def build_findings(data) -> dict:
    """Per GCM objective, in the order of the Compact: the consultant's synthesis, the needs
    raised by type and organisation, and each organisation's position in a line or two.

    Objectives no organisation spoke to are stated as gaps. The full texts of the inputs are
    not here: they go to the compendium, an annex the coordinator switches on.
    """
    by_objective = _inputs_by_objective(data)
    types = dict(NeedType.choices)
    objectives, gaps = [], []
    for objective in _objectives(data).values():
        inputs = by_objective.get(objective.pk, [])
        synthesis = _syntheses(data).get(objective.pk)
        if not inputs:
            gaps.append(objective)
            if not (synthesis and synthesis.text):
                continue  # listed with the other gaps at the end of the chapter
        consultations = {}
        needs: dict[str, list] = {}
        for input in inputs:
            for consultation in input.consultations.all():
                consultations[consultation.pk] = _consultation_label(data, consultation)
            for need in input.needs.all():
                needs.setdefault(need.type, []).append(input.organisation.short_name)
        quoted = data.quote(synthesis, "text") if synthesis else {"text": ""}
        objectives.append(
            {
                "number": objective.number,
                "title": objective.title,
                "synthesis": quoted["text"],
                "synthesis_lang": quoted.get("lang", ""),
                "synthesis_mark": quoted.get("mark", ""),
                "gap": not inputs,
                "needs_caption": _("Needs raised on objective %(number)d, by type")
                % {"number": objective.number},
                "needs": [
                    [str(label), ", ".join(dict.fromkeys(needs[value])), len(needs[value])]
                    for value, label in types.items()
                    if value in needs
                ],
                "positions": [_position(data, i) for i in inputs],
                "cited": _("Consultations: %(consultations)s.")
                % {"consultations": "; ".join(consultations.values())}
                if consultations
                else "",
            }
        )
    intro = []
    if gaps:
        intro.append(
            ngettext(
                "No organisation gave an input on objective %(numbers)s: the evidence has a "
                "gap there.",
                "No organisation gave an input on objectives %(numbers)s: the evidence has "
                "gaps there.",
                len(gaps),
            )
            % {"numbers": ", ".join(str(o.number) for o in gaps)}
        )
    if data.document.compendium:
        intro.append(
            _("The full texts of the inputs are at the end of the report: %(annex)s.")
            % {"annex": COMPENDIUM_TITLE}
        )
    return {
        "objectives": objectives,
        "intro": intro,
        "gaps": [f"{o.number}. {o.title}" for o in gaps],
        "labels": {
            "synthesis": _("Synthesis"),
            "gap": _("No organisation spoke to this objective."),
            "gaps": _("Objectives no organisation spoke to"),
            "positions": _("Positions of the organisations"),
            "need_type": _("Type of need"),
            "organisations": _("Organisations"),
            "count": _("Needs"),
        },
    }


def _inputs_by_objective(data) -> dict[int, list[Input]]:
    def load():
        by_objective = {}
        for input in _inputs(data):
            by_objective.setdefault(input.objective_id, []).append(input)
        return by_objective

    return data.cached("inputs_by_objective", load)


# The longest gist of a text in the findings; the full text is in the compendium.
GIST_LIMIT = 300


def gist(text: str, limit: int = GIST_LIMIT) -> str:
    """The first sentence of `text`, cut at a word (with "…") if it is longer than `limit`."""
    text = " ".join((text or "").split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    first = match.group(1) if match else text
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def _position(data, input: Input) -> dict:
    """An organisation's position on an objective in a line or two: the gist of the gaps it
    sees (or of the situation), then what it proposes, with horizons and leads. The gist is
    of the input's edition in the document's language, or of its original, marked."""
    horizons = dict(Horizon.choices)
    actions = []
    for action in input.proposed_actions.all():
        detail = str(horizons[action.horizon])
        if action.lead and action.lead_id != input.organisation_id:
            detail = _("%(horizon)s, led by %(lead)s") % {
                "horizon": detail,
                "lead": action.lead.short_name,
            }
        actions.append(f"{gist(action.description, 160)} ({detail})")
    quoted = data.quote(input, "gaps" if input.gaps else "situation")
    position = {
        "organisation": input.organisation.label,
        "text": gist(quoted["text"]),
        "proposes": _("Proposes: %(actions)s") % {"actions": "; ".join(actions)} if actions else "",
    }
    # The original in another language than the document's, or a translation: marked.
    position.update({key: quoted[key] for key in ("lang", "mark") if key in quoted})
    return position


COMPENDIUM_TITLE = gettext_lazy("Annex: compendium of the inputs")


def build_compendium(data) -> dict:
    """The annex of the full texts: every input, objective by objective, as written."""
    horizons = dict(Horizon.choices)
    by_objective = _inputs_by_objective(data)
    return {
        "objectives": [
            {
                "number": objective.number,
                "title": objective.title,
                "inputs": [
                    {
                        "organisation": i.organisation.label,
                        **_quoted(data, i, "situation"),
                        **_quoted(data, i, "gaps"),
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
                    for i in by_objective[objective.pk]
                ],
            }
            for objective in _objectives(data).values()
            if objective.pk in by_objective
        ],
        "labels": {
            "intro": _(
                "The inputs of the organisations on each GCM objective, as they wrote them."
            ),
            "situation": _("Situation and achievements"),
            "gaps": _("Gaps and challenges"),
            "needs": _("Needs"),
            "actions": _("Proposed actions"),
        },
    }


def _quoted(data, obj, field: str) -> dict:
    """{field: text, field_lang: language if not the edition's, field_mark: its mark}."""
    quoted = data.quote(obj, field)
    return {
        field: quoted["text"],
        f"{field}_lang": quoted.get("lang", ""),
        f"{field}_mark": quoted.get("mark", ""),
    }


def _consultation_label(data, consultation) -> str:
    title = data.quote(consultation, "title")["text"]
    return f"{title} ({formats.date_format(consultation.date)})"


def build_priorities(data) -> dict:
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
                "rationale": data.quote(d, "rationale")["text"],
            }
            for d in _decisions(data)
            if d.horizon == value
        ]
        title = str(label)
        if value in until:
            title = _("%(horizon)s (until %(date)s)") % {
                "horizon": label,
                "date": formats.date_format(until[value]),
            }
        groups.append({"horizon": value, "title": title, "rows": rows})
    results = _priority_results(data)
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


def build_alignment(data) -> dict:
    outcomes = data.cached(
        "outcomes",
        lambda: list(
            FrameworkOutcome.objects.filter(priority__framework__cycle=data.cycle).order_by("code")
        ),
    )
    by_outcome, by_target, sort_keys = {}, {}, {}
    for decision in _decisions(data):
        if decision.horizon == "not_now":
            continue
        for outcome in decision.outcomes.all():
            by_outcome.setdefault(outcome.pk, []).append(decision.objective.number)
        for target in decision.sdg_targets.all():
            by_target.setdefault(target.code, []).append(decision.objective.number)
            sort_keys[target.code] = target.sort_key
    return {
        "outcomes": [
            [o.code, o.display_statement, sorted(by_outcome.get(o.pk, []))] for o in outcomes
        ],
        # By the number of the target, as the SDGs number them: 3.8 before 17.18.
        "targets": [
            [code, sorted(by_target[code])] for code in sorted(by_target, key=sort_keys.get)
        ],
        "labels": {
            "outcome": _("Outcome"),
            "objectives": _("Prioritised GCM objectives"),
            "target": _("SDG target"),
            "outcomes_caption": _("Prioritised objectives by cooperation framework outcome"),
            "targets_caption": _("Prioritised objectives by SDG target"),
        },
    }


def build_recommendations(data) -> dict:
    """Each recommendation with what it rests on, written out as one sentence."""
    items = []

    def load():
        recommendations = prefetch(
            data.document.recommendations.prefetch_related(
                "objectives", "inputs__organisation", "consultations"
            ).order_by("order", "pk")
        )
        prefetch(c for r in recommendations for c in r.consultations.all())
        return recommendations

    recommendations = data.cached("recommendations", load)
    for number, recommendation in enumerate(recommendations, start=1):
        organisations = sorted({i.organisation.label for i in recommendation.inputs.all()})
        consultations = [
            _consultation_label(data, c)
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
        text = data.text(recommendation, "text")
        items.append(
            {
                "number": number,
                "text": text.text,
                "lang": text.language if text.language != data.language else "",
                "mark": original_mark(text.language) if text.language != data.language else "",
                "basis": " ".join(basis),
            }
        )
    return {"items": items}


def build_consultations(data) -> dict:
    consultations = data.cached(
        "consultations",
        lambda: prefetch(
            data.cycle.consultations.prefetch_related("organisations").order_by("date")
        ),
    )
    return {
        "rows": [
            [
                formats.date_format(c.date),
                str(c.get_type_display()),
                data.quote(c, "title")["text"],
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


def build_scoring(data) -> dict:
    results = _priority_results(data)
    criteria = [
        [
            c.display_name,
            decimal_text(c.weight),
            c.display_question,
            c.anchor_texts(data.language),
        ]
        for c in results.criteria
    ]
    ranking = [
        [
            r.rank,
            f"{r.objective}. {results.objectives[r.objective].short_label}",
            decimal_text(r.mean),
            decimal_text(r.spread),
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
            % {"w": decimal_text(w), "count": results.submitted},
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
