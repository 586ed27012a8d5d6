"""The national voluntary GCM review as a kind of document: its title and default outline,
registered with the document engine (its draft is written from the data, see prefill)."""

from django.utils.translation import gettext_lazy as _

from gcmhub.documents.kinds import Kind, register_kind

VOLUNTARY_REVIEW = "voluntary_review"

# The five parts of the national voluntary GCM review (see ../shared/data: modelled on the UN
# guidelines for SDG voluntary national reviews; the coordinator edits the list per cycle).
OUTLINE = [
    (
        "methodology",
        "narrative",
        "Methodology and process for preparing the review",
        "Gözden geçirmenin hazırlanma yöntemi ve süreci",
    ),
    ("policy", "narrative", "Policy and enabling environment", "Politika ve elverişli ortam"),
    (
        "progress",
        "narrative",
        "Progress on the GCM objectives and the guiding principles",
        "GCM hedefleri ve yol gösterici ilkeler konusunda ilerleme",
    ),
    ("means", "narrative", "Means of implementation", "Uygulama araçları"),
    ("next-steps", "narrative", "Next steps", "Sonraki adımlar"),
]


def register() -> None:
    register_kind(
        Kind(
            key=VOLUNTARY_REVIEW,
            label=_("National voluntary GCM review"),
            titles=("National Voluntary GCM Review", "Ulusal Gönüllü GCM Gözden Geçirmesi"),
            outline=OUTLINE,
            section="imrf",
        )
    )
