"""The needs assessment report as a kind of document: its key, its kinds of data section and
its registration with the document engine (the outline and title are in `outline`)."""

from django.utils.translation import gettext_lazy as _

from gcmhub.documents.content import COMPENDIUM
from gcmhub.documents.kinds import Kind, Part, register_kind
from gcmhub.report import content
from gcmhub.report.outline import OUTLINE, TITLES

NEEDS_ASSESSMENT = "needs_assessment"
# Its kinds of data section (`Section.kind`).
FINDINGS = "findings"
PRIORITIES = "priorities"
ALIGNMENT = "alignment"
RECOMMENDATIONS = "recommendations"
CONSULTATIONS = "consultations"
SCORING = "scoring"

PARTS = (
    Part(
        FINDINGS,
        _("Findings per GCM objective (from the syntheses and inputs)"),
        build=content.build_findings,
        has_data=lambda s: any(o["positions"] or o["synthesis"] for o in s["objectives"]),
    ),
    Part(
        PRIORITIES,
        _("Priorities by horizon (from the decisions)"),
        build=content.build_priorities,
        has_data=lambda s: any(g["rows"] for g in s["groups"]),
    ),
    Part(
        ALIGNMENT,
        _("Alignment with the cooperation framework and the SDGs"),
        build=content.build_alignment,
    ),
    Part(
        RECOMMENDATIONS,
        _("Recommendations"),
        build=content.build_recommendations,
        has_data=lambda s: bool(s["items"]),
        link="recommendation-list",
    ),
    Part(
        CONSULTATIONS,
        _("Annex: consultations and participants"),
        build=content.build_consultations,
        has_data=lambda s: bool(s["rows"]),
    ),
    Part(
        SCORING,
        _("Annex: scoring method and results"),
        build=content.build_scoring,
        has_data=lambda s: bool(s["ranking"]),
    ),
    # Closes the document when the coordinator switches it on (`Document.compendium`).
    Part(
        COMPENDIUM,
        content.COMPENDIUM_TITLE,
        build=content.build_compendium,
        has_data=lambda s: bool(s["objectives"]),
    ),
)


def register() -> None:
    register_kind(
        Kind(
            key=NEEDS_ASSESSMENT,
            label=_("Needs assessment report"),
            titles=TITLES,
            outline=OUTLINE,
            parts=PARTS,
            section="report",
        )
    )
