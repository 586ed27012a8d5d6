"""Demo data of the reporting out: the draft national voluntary review of the 2021 cycle,
written from the demo data (see prefill), and the network's next cycle, 2025-2026, started
from it."""

import datetime as dt

from gcmhub.imrf import services
from gcmhub.imrf.carryover import cycle_start_from
from gcmhub.imrf.kind import VOLUNTARY_REVIEW
from gcmhub.priorities.editions import load_demo_rationales


def load(cycle, users) -> None:
    load_demo_rationales(cycle)  # the Turkish editions the review and the CCA brief quote
    if cycle.documents.filter(kind=VOLUNTARY_REVIEW).exists():
        return
    services.voluntary_review_open(cycle=cycle, by=users["consultant"])


NEXT_CYCLE = {
    "title": "GCM Review 2025-2026 (towards the IMRF 2026)",
    "title_tr": "GCM Gözden Geçirmesi 2025-2026 (IMRF 2026'ya doğru)",
    "country": "TR",
    "start_date": dt.date(2025, 1, 1),
    "end_date": dt.date(2026, 5, 31),
    "short_term_until": dt.date(2026, 5, 31),
    "short_term_note": "IMRF 2026",
    "short_term_note_tr": "IMRF 2026",
    "medium_term_until": dt.date(2028, 12, 31),
    "medium_term_note": "Mid-term of the next cooperation framework",
    "medium_term_note_tr": "Bir sonraki iş birliği çerçevesinin ortası",
    "long_term_until": dt.date(2030, 12, 31),
    "long_term_note": "2030 Agenda for Sustainable Development",
    "long_term_note_tr": "2030 Sürdürülebilir Kalkınma Gündemi",
}


def load_next_cycle(cycle, users):
    """The second cycle of the demo network, started from the first (see carryover)."""
    existing = cycle.network.cycles.filter(title=NEXT_CYCLE["title"]).first()
    if existing is not None:
        return existing
    return cycle_start_from(source=cycle, by=users["coordinator"], **NEXT_CYCLE)
