"""The needs assessment report reads like a report: findings that lead with the synthesis and
the needs, each organisation's position in a line or two, gaps stated, the full texts in an
optional compendium; SDG targets by number; decimals written one way."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document as WordDocument
from pypdf import PdfReader

from gcmhub.assessments.models import Assignment, Input, Synthesis
from gcmhub.core.workflow import State
from gcmhub.documents import services
from gcmhub.documents.content import build_content, decimal_text
from gcmhub.framework.models import Objective, SdgTarget
from gcmhub.report.content import gist
from gcmhub.report.kind import NEEDS_ASSESSMENT
from gcmhub.reporting.docx import render_docx
from gcmhub.reporting.pdf import render_pdf

GAPS_A = (
    "Information reaches partner countries late. Smuggled migrants are not always identified "
    "as possible victims of other crimes."
)


@pytest.fixture
def document(cycle, consultant):
    return services.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=consultant)


def _input(cycle, organisation, number, state, **fields):
    objective = Objective.objects.get(number=number)
    Assignment.objects.get_or_create(cycle=cycle, organisation=organisation, objective=objective)
    return Input.objects.create(
        cycle=cycle, organisation=organisation, objective=objective, state=state, **fields
    )


@pytest.fixture
def evidence(cycle, org_a, org_b):
    a = _input(cycle, org_a, 9, State.SUBMITTED, situation="A law is in place.", gaps=GAPS_A)
    a.needs.create(type="capacity", description="Train the provincial staff.", order=1)
    a.needs.create(type="capacity", description="Equip the border gates.", order=2)
    a.needs.create(type="data", description="Share data on routes.", order=3)
    a.proposed_actions.create(description="Set up a joint unit.", horizon="short", lead=org_b)
    a.proposed_actions.create(description="Review the law. It is old.", horizon="long", lead=org_a)
    b = _input(cycle, org_b, 9, State.ACCEPTED, situation="Referral works in most provinces.")
    b.needs.create(type="capacity", description="Interpreters at first contact.")
    _input(cycle, org_a, 10, State.DRAFT, situation="Not ready yet.")  # no evidence: a gap
    Synthesis.objects.create(
        cycle=cycle, objective=Objective.objects.get(number=9), text="Both see slow exchange."
    )
    return a, b


def _findings(content):
    return next(s for s in content["sections"] if s["kind"] == "findings")


def _docx_text(content) -> str:
    word = WordDocument(io.BytesIO(render_docx(content, version_line="Draft", content_hash="x")))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_findings_lead_with_the_synthesis_then_the_needs_by_type_and_organisation(
    document, evidence
):
    findings = _findings(build_content(document))
    objective = next(o for o in findings["objectives"] if o["number"] == 9)
    assert objective["synthesis"] == "Both see slow exchange."
    assert objective["needs"] == [
        ["Institutional capacity", "AB, MA", 3],  # in the order of their names
        ["Data", "MA", 1],
    ]
    assert objective["needs_caption"] == "Needs raised on objective 9, by type"


def test_each_organisation_s_position_is_compact_and_says_no_workflow_state(document, evidence):
    content = build_content(document)
    objective = next(o for o in _findings(content)["objectives"] if o["number"] == 9)
    assert objective["positions"] == [
        {
            "organisation": "Agency B (AB)",
            "text": "Referral works in most provinces.",
            "proposes": "",
        },
        {
            "organisation": "Ministry A (MA)",
            "text": "Information reaches partner countries late.",
            # The lead is named only when it is another organisation.
            "proposes": "Proposes: Set up a joint unit. (Short term, led by AB); "
            "Review the law. (Long term)",
        },
    ]
    text = _docx_text(content)
    assert "Ministry A (MA): Information reaches partner countries late. Proposes:" in text
    assert "Smuggled migrants are not always identified" not in text  # in the compendium
    for state in ("Submitted", "Accepted", "Draft)", "(Submitted)"):
        assert state not in text.replace("Draft\n", "")


def test_objectives_nobody_spoke_to_are_stated_as_gaps(document, evidence):
    findings = _findings(build_content(document))
    assert 10 not in [o["number"] for o in findings["objectives"]]  # its input is a draft
    assert (
        "10. Strengthen the transnational response to smuggling of migrants"
        not in (findings["gaps"])
    )
    assert any(line.startswith("10. ") for line in findings["gaps"])
    assert len(findings["gaps"]) == 22  # every objective but 9
    assert findings["intro"][0].startswith("No organisation gave an input on objectives 1, 2,")
    text = _docx_text(build_content(document))
    assert "Objectives no organisation spoke to" in text
    assert "10. Prevent, combat and eradicate trafficking" in text


def test_an_objective_with_a_synthesis_but_no_input_keeps_its_heading_and_says_so(
    cycle, document, evidence
):
    Synthesis.objects.create(
        cycle=cycle, objective=Objective.objects.get(number=3), text="Desk review only."
    )
    findings = _findings(build_content(document))
    three = next(o for o in findings["objectives"] if o["number"] == 3)
    assert (three["synthesis"], three["gap"], three["positions"]) == ("Desk review only.", True, [])
    assert "No organisation spoke to this objective." in _docx_text(build_content(document))


def test_the_compendium_is_an_annex_the_coordinator_switches_on(document, evidence, coordinator):
    assert all(s["kind"] != "compendium" for s in build_content(document)["sections"])
    services.document_update(
        document=document, by=coordinator, title=document.title, compendium=True
    )
    document.refresh_from_db()
    content = build_content(document)
    last = content["sections"][-1]
    assert (last["kind"], last["number"], last["title"]) == (
        "compendium",
        str(len(content["sections"])),
        "Annex: compendium of the inputs",
    )
    [objective] = last["objectives"]
    assert [i["organisation"] for i in objective["inputs"]] == ["Agency B (AB)", "Ministry A (MA)"]
    assert objective["inputs"][1]["gaps"] == GAPS_A
    assert "The full texts of the inputs are at the end of the report" in " ".join(
        _findings(content)["intro"]
    )
    text = _docx_text(content)
    assert text.index("Annex: compendium of the inputs") < text.index("Smuggled migrants")
    pdf = PdfReader(io.BytesIO(render_pdf(content, version_line="Draft", content_hash="x")))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Smuggled migrants are not always identified" in pdf_text
    assert "(Submitted)" not in pdf_text


def test_the_compendium_is_switched_on_on_the_outline_page(client, cycle, document, coordinator):
    from gcmhub.tests.roundtrip import page_form, post_form

    client.force_login(coordinator)
    page = reverse(
        "document-edit",
        kwargs={
            "network_slug": cycle.network.slug,
            "cycle_pk": cycle.pk,
            "document_pk": document.pk,
        },
    )
    form = client.get(page)
    assert "Add the full texts of the inputs as an annex (compendium)" in form.content.decode()
    response = post_form(client, page_form(form), changes={"compendium": "on"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.compendium is True


def test_a_version_issued_with_the_old_findings_still_renders_without_states(document):
    content = build_content(document)
    findings = _findings(content)
    findings["objectives"] = [
        {
            "number": 9,
            "title": "Smuggling",
            "synthesis": "",
            "sources": "Sources: Ministry A (MA).",
            "cited": "",
            "inputs": [
                {
                    "organisation": "Ministry A (MA)",
                    "state": "Submitted",
                    "situation": "A law is in place.",
                    "gaps": "",
                    "needs": [],
                    "actions": [],
                }
            ],
        }
    ]
    findings["labels"] = {
        "inputs": "What the organisations said",
        "situation": "Situation and achievements",
        "gaps": "Gaps",
    }
    text = _docx_text(content)
    assert "Situation and achievements: A law is in place." in text
    assert "(Submitted)" not in text


def test_sdg_targets_sort_by_number(cycle, document):
    from gcmhub.priorities.models import Decision

    for number, codes in ((9, ["17.18", "10.7"]), (10, ["3.8"])):
        decision = Decision.objects.create(
            cycle=cycle, objective=Objective.objects.get(number=number), horizon="short"
        )
        decision.sdg_targets.set(SdgTarget.objects.filter(code__in=codes))
    alignment = next(s for s in build_content(document)["sections"] if s["kind"] == "alignment")
    assert [code for code, _numbers in alignment["targets"]] == ["3.8", "10.7", "17.18"]


def test_decimals_are_written_one_way_in_the_document_s_language():
    assert decimal_text(3.2666) == "3.27"
    assert decimal_text(4) == "4.00"
    assert decimal_text(None) == "—"
    with translation.override("tr"):
        assert decimal_text(3.2666) == "3,27"


def test_a_gist_is_the_first_sentence_cut_at_a_word():
    assert gist("One. Two.") == "One."
    assert gist("  No full stop  ") == "No full stop"
    long = "word " * 100
    assert gist(long, 30) == "word word word word word word…"
