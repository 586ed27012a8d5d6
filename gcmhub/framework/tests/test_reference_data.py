"""The GCM reference data shipped in the data migration is complete and keeps its provenance."""

import json
from pathlib import Path

import pytest

from gcmhub.framework.models import (
    Action,
    GuidingPrinciple,
    LinkStatus,
    MgiDomain,
    Objective,
    ObjectiveTarget,
    RoundTable,
)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "gcm_framework.json"

# From ../shared/data/README.md
ACTIONS_PER_OBJECTIVE = [
    11,
    12,
    5,
    7,
    10,
    12,
    12,
    6,
    6,
    10,
    7,
    5,
    8,
    6,
    6,
    9,
    7,
    12,
    10,
    9,
    9,
    3,
    5,
]


def test_there_are_23_objectives_numbered_1_to_23():
    assert list(Objective.objects.values_list("number", flat=True)) == list(range(1, 24))


def test_objective_n_is_paragraph_16_plus_n():
    for number, paragraph in Objective.objects.values_list("number", "gcm_paragraph"):
        assert paragraph == 16 + number


def test_each_objective_has_its_number_of_actions():
    counts = [o.actions.count() for o in Objective.objects.order_by("number")]
    assert counts == ACTIONS_PER_OBJECTIVE
    assert Action.objects.count() == 187


def test_actions_are_lettered_from_a_without_gaps():
    for objective in Objective.objects.prefetch_related("actions"):
        letters = [a.letter for a in objective.actions.all()]
        assert letters == [chr(ord("a") + i) for i in range(len(letters))]


def test_titles_are_the_official_english_titles():
    assert Objective.objects.get(number=10).title_en == (
        "Prevent, combat and eradicate trafficking in persons in the context of "
        "international migration"
    )
    assert Objective.objects.get(number=23).title_en.startswith(
        "Strengthen international cooperation and global partnerships"
    )


def test_every_objective_action_and_principle_has_a_turkish_text():
    assert not Objective.objects.filter(title_tr="").exists()
    assert not Objective.objects.filter(short_label_tr="").exists()
    assert not Action.objects.filter(gist_tr="").exists()
    assert not GuidingPrinciple.objects.filter(name_tr="").exists()
    assert Objective.objects.get(number=10).title_tr.startswith(
        "Uluslararası göç bağlamında insan ticaretinin"
    )


def test_there_are_ten_guiding_principles_in_the_gcm_order():
    keys = list(GuidingPrinciple.objects.values_list("key", flat=True))
    assert len(keys) == 10
    assert keys[0] == "people_centred"
    assert keys[-1] == "whole_of_society"


def test_principle_summaries_carry_no_curation_notes():
    for summary in GuidingPrinciple.objects.values_list("summary_en", flat=True):
        assert "Paraphrase" not in summary
        assert "not captured" not in summary


def test_round_tables_cover_every_objective_once():
    assert RoundTable.objects.count() == 4
    clusters = {
        rt.number: sorted(rt.objectives.values_list("number", flat=True))
        for rt in RoundTable.objects.all()
    }
    assert clusters == {
        1: [2, 5, 6, 12, 18],
        2: [4, 8, 9, 10, 11, 13, 21],
        3: [14, 15, 16, 19, 20, 22],
        4: [1, 3, 7, 17, 23],
    }


def test_there_are_six_mgi_domains():
    assert MgiDomain.objects.count() == 6
    assert MgiDomain.objects.get(number=1).name_en == "Migrants' rights"


def test_sdg_links_keep_basis_confidence_and_source():
    assert not ObjectiveTarget.objects.filter(basis="").exists()
    assert not ObjectiveTarget.objects.filter(source="").exists()
    assert set(ObjectiveTarget.objects.values_list("confidence", flat=True)) <= {
        "high",
        "medium",
        "low",
    }


def test_only_published_links_to_migration_targets_are_marked_published():
    published = set(
        ObjectiveTarget.objects.filter(status=LinkStatus.PUBLISHED).values_list(
            "objective__number", "target__code"
        )
    )
    assert (20, "10.c") in published
    assert (10, "16.2") in published
    assert (20, "8.10") not in published  # inferred in the source
    assert not {link for link in published if link[0] == 2}  # objective 2: all indicative
    migration_targets = {"10.7", "8.7", "8.8", "4.b", "5.2", "16.2", "10.c", "17.18"}
    assert {code for _, code in published} <= migration_targets


def test_indicators_are_attached_to_their_target():
    link = ObjectiveTarget.objects.get(objective__number=10, target__code="16.2")
    assert link.indicators == "16.2.2"


def test_shipped_data_is_the_checked_reference_data():
    if not SHARED.exists():
        pytest.skip("../shared is not beside this checkout")
    shipped = json.loads((DATA / "gcm_framework.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(SHARED.read_text(encoding="utf-8"))


def test_turkish_translations_cover_every_action_letter():
    source = json.loads((DATA / "gcm_framework.json").read_text(encoding="utf-8"))
    turkish = json.loads((DATA / "gcm_framework_tr.json").read_text(encoding="utf-8"))
    for objective in source["objectives"]:
        letters = [a["letter"] for a in objective["actions"]]
        assert list(turkish["objectives"][str(objective["number"])]["actions"]) == letters
