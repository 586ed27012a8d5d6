"""A decision's rationale has an edition in each language (see `gcmhub.editions`): written in
`Decision.language`, translated by the network's secretariat; the cycle's translation queue
lists the rationales. The demo's Turkish editions come from a data file."""

import json
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from gcmhub.core.pages import cycle_reverse
from gcmhub.priorities.models import Decision

DEMO_RATIONALES = Path(settings.BASE_DIR) / "gcmhub" / "demo" / "data" / "rationales_tr.json"


def _label(decision: Decision) -> str:
    return _("Rationale of the decision on objective %(number)d") % {
        "number": decision.objective.number
    }


def _url(decision: Decision) -> str:
    return cycle_reverse("objective-priority", decision.cycle, number=decision.objective.number)


def cycle_rationales(cycle):
    return (
        Decision.objects.filter(cycle=cycle)
        .exclude(rationale="")
        .select_related("objective", "cycle__network", "decided_by")
        .order_by("objective__number")
    )


def register() -> None:
    from gcmhub.editions.access import may_translate_in
    from gcmhub.editions.registry import Paired, register, register_cycle_texts

    register(
        Paired(
            model=Decision,
            fields=("rationale",),
            language=lambda decision: decision.language,
            cycle=lambda decision: decision.cycle,
            may_translate=lambda user, decision: may_translate_in(user, decision.cycle),
            label=_label,
            url=_url,
            changed=lambda decision: (decision.decided_by, decision.decided_at),
            select_related=("objective", "cycle__network", "decided_by"),
        )
    )
    register_cycle_texts(cycle_rationales)


def load_demo_rationales(cycle, path: Path = DEMO_RATIONALES) -> int:
    """Give the cycle's English rationales, and the consultant's syntheses of the same
    objectives once syntheses have editions, their Turkish editions from `path`: a JSON
    object {"rationales": {objective number: text}, "syntheses": {...}}, marked illustrative.
    A missing file or objective gives none. Returns how many texts have one."""
    from gcmhub.assessments.models import Synthesis
    from gcmhub.editions.registry import is_paired
    from gcmhub.editions.services import translation_seed
    from gcmhub.editions.texts import original_language

    if not path.exists():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    texts = [
        (decision, "rationale", data.get("rationales", {})) for decision in cycle_rationales(cycle)
    ]
    texts += [
        (synthesis, "text", data.get("syntheses", {}))
        for synthesis in Synthesis.objects.filter(cycle=cycle).select_related("objective")
    ]
    written = 0
    for obj, field, editions in texts:
        text = editions.get(str(obj.objective.number))
        if text and is_paired(obj) and original_language(obj) == "en":
            translation_seed(obj, field, "tr", text, illustrative=True)
            written += 1
    return written
