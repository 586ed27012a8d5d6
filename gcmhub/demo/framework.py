"""Demo data: Türkiye's UN Sustainable Development Cooperation Framework 2021-2025.

Outcome statements as quoted on UNECE's Türkiye page; the names of strategic priorities
2 to 4 are not confirmed (see gcmhub/framework/data/gcm_framework.json).
"""

import json
from pathlib import Path

import gcmhub.framework
from gcmhub.core.models import Cycle
from gcmhub.framework.models import CooperationFramework, FrameworkOutcome, StrategicPriority

# The reference data ships with the framework app (its migration loads the GCM part).
DATA = Path(gcmhub.framework.__file__).resolve().parent / "data"

PRIORITY_NAMES = {
    1: ("Inclusive and Equitable Social Development", True),
    2: ("Competitive Production (rest of the name not confirmed)", False),
    3: ("Climate change, environment and disaster risk (inferred theme)", False),
    4: ("Governance, international protection and migration management (inferred theme)", False),
}


def load(cycle: Cycle) -> CooperationFramework:
    source = json.loads((DATA / "gcm_framework.json").read_text(encoding="utf-8"))
    turkish = json.loads((DATA / "gcm_framework_tr.json").read_text(encoding="utf-8"))
    unsdcf = source["unsdcf_turkey_2021_2025"]
    framework, _ = CooperationFramework.objects.update_or_create(
        cycle=cycle,
        defaults={
            "title": "UNSDCF Türkiye 2021-2025",
            "start_year": 2021,
            "end_year": 2025,
            "notes": unsdcf["outcomes_note"],
        },
    )
    priorities = {}
    for number, (name, confirmed) in PRIORITY_NAMES.items():
        priorities[number], _ = StrategicPriority.objects.update_or_create(
            framework=framework,
            number=number,
            defaults={
                "name": name,
                "name_tr": turkish["unsdcf_strategic_priorities"][str(number)],
                "is_confirmed": confirmed,
            },
        )
    for outcome in unsdcf["outcomes"]:
        FrameworkOutcome.objects.update_or_create(
            priority=priorities[int(outcome["id"].split(".")[0])],
            code=outcome["id"],
            defaults={
                "statement": outcome["text"],
                "statement_tr": turkish["unsdcf_outcomes"][outcome["id"]],
                "migration_relevant": bool(outcome.get("migration_relevant")),
            },
        )
    return framework
