"""Load the GCM reference framework shipped in gcmhub/framework/data/.

gcm_framework.json is a copy of the project's checked reference data; gcm_framework_tr.json
holds our (unofficial) Turkish translations; round_tables.json the IMRF 2022 round-table themes.
"""

import json
import re
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"

# SDG targets that name migration (Migration Data Portal) and 10.c, cited in the GCM text.
# A link is "published" only when its source publishes it and the target is one of these.
PUBLISHED_TARGETS = {"10.7", "8.7", "8.8", "4.b", "5.2", "16.2", "10.c", "17.18"}
PUBLISHED_BASES = ("published_link", "explicit_gcm_text")


# Curation notes at the end of some principle summaries, e.g. "(Paraphrase; (e) text not
# captured.)": they describe the data, not the principle, and are not shown to users.
CURATION_NOTE = re.compile(r"\s*\((?:Full|Paraphrase)\b.*\)$")


def target_sort_key(code):
    goal, target = code.split(".")
    part = f"{int(target):03d}" if target.isdigit() else f"x{target}"
    return f"{int(goal):02d}.{part}"


def load(apps, schema_editor):
    data = json.loads((DATA / "gcm_framework.json").read_text(encoding="utf-8"))
    tr = json.loads((DATA / "gcm_framework_tr.json").read_text(encoding="utf-8"))
    themes = json.loads((DATA / "round_tables.json").read_text(encoding="utf-8"))

    RoundTable = apps.get_model("framework", "RoundTable")
    Objective = apps.get_model("framework", "Objective")
    Action = apps.get_model("framework", "Action")
    GuidingPrinciple = apps.get_model("framework", "GuidingPrinciple")
    SdgGoal = apps.get_model("framework", "SdgGoal")
    SdgTarget = apps.get_model("framework", "SdgTarget")
    ObjectiveTarget = apps.get_model("framework", "ObjectiveTarget")
    MgiDomain = apps.get_model("framework", "MgiDomain")

    round_table_of = {
        objective: int(number)
        for number, objectives in data["imrf_2022_round_tables"].items()
        for objective in objectives
    }
    tables = {
        t["number"]: RoundTable.objects.create(
            number=t["number"], theme_en=t["theme_en"], theme_tr=t["theme_tr"]
        )
        for t in themes["round_tables"]
    }
    objectives = {}
    actions = []
    for o in data["objectives"]:
        o_tr = tr["objectives"][str(o["number"])]
        objective = Objective.objects.create(
            number=o["number"],
            title_en=o["title"],
            title_tr=o_tr["title"],
            short_label_en=o["short_label"],
            short_label_tr=o_tr["short_label"],
            gcm_paragraph=o["gcm_paragraph"],
            round_table=tables[round_table_of[o["number"]]],
        )
        objectives[o["number"]] = objective
        actions += [
            Action(
                objective=objective,
                letter=a["letter"],
                gist_en=a["gist"],
                gist_tr=o_tr["actions"][a["letter"]],
            )
            for a in o["actions"]
        ]
    Action.objects.bulk_create(actions)

    GuidingPrinciple.objects.bulk_create(
        GuidingPrinciple(
            key=p["key"],
            order=order,
            gcm_ref=p["gcm_ref"],
            name_en=p["name"],
            name_tr=tr["guiding_principles"][p["key"]]["name"],
            summary_en=CURATION_NOTE.sub("", p["summary"]),
            summary_tr=tr["guiding_principles"][p["key"]]["summary"],
        )
        for order, p in enumerate(data["guiding_principles"], start=1)
    )
    MgiDomain.objects.bulk_create(
        MgiDomain(number=number, name_en=name, name_tr=name_tr)
        for number, (name, name_tr) in enumerate(
            zip(data["mgi_dimensions"], tr["mgi_dimensions"], strict=True), start=1
        )
    )
    goals = {
        int(number): SdgGoal.objects.create(number=int(number), name_en=g["en"], name_tr=g["tr"])
        for number, g in tr["sdg_goals"].items()
    }
    targets = {}
    links = []
    for link in data["sdg_links"]:
        published_basis = link["basis"].startswith(PUBLISHED_BASES)
        for code in link["sdg_targets"]:
            if code not in targets:
                targets[code] = SdgTarget.objects.create(
                    code=code, goal=goals[int(code.split(".")[0])], sort_key=target_sort_key(code)
                )
            indicators = [i for i in link["indicators"] if i.startswith(f"{code}.")]
            links.append(
                ObjectiveTarget(
                    objective=objectives[link["objective"]],
                    target=targets[code],
                    status="published"
                    if published_basis and code in PUBLISHED_TARGETS
                    else "inferred",
                    confidence=link["confidence"],
                    basis=link["basis"],
                    source=link["source"],
                    indicators="; ".join(indicators),
                )
            )
    ObjectiveTarget.objects.bulk_create(links)


def unload(apps, schema_editor):
    for name in ["ObjectiveTarget", "SdgTarget", "SdgGoal", "Action", "Objective", "RoundTable",
                 "GuidingPrinciple", "MgiDomain"]:
        apps.get_model("framework", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("framework", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
