"""The engine knows no kind of document: each registers itself from its own app."""

import pytest

from gcmhub.documents.kinds import document_kinds, get_kind, section_kinds


def test_each_kind_registers_itself_in_the_order_of_the_apps():
    assert [key for key, _label in document_kinds()] == [
        "needs_assessment",
        "terms_of_reference",
        "voluntary_review",
    ]
    assert [key for key, _label in section_kinds()] == [
        "narrative",
        "findings",
        "priorities",
        "alignment",
        "recommendations",
        "consultations",
        "scoring",
        "compendium",
        "membership",
        "working_groups",
        "sops",
    ]


def test_each_kind_brings_its_title_outline_and_navigation_section():
    report = get_kind("needs_assessment")
    assert report.titles[0] == "GCM Needs Assessment Report"
    assert report.outline[0][0] == "executive-summary"
    assert (report.section, get_kind("terms_of_reference").section) == ("report", "coordination")
    assert get_kind("voluntary_review").section == "imrf"
    with pytest.raises(LookupError):
        get_kind("minutes")
