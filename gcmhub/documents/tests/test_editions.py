"""A document has an edition in each language: the outline in both from the start, each
edition's texts in its language (the original marked where there is no translation), one
version freezing both under one hash, files and pages per edition, and a warning before a
version goes out with translations missing."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from docx import Document as WordDocument

from gcmhub.assessments.models import Assignment, Input
from gcmhub.core.workflow import State
from gcmhub.documents import files, services
from gcmhub.documents.content import (
    build_content,
    complete_languages,
    content_hash,
    edition_of,
    editions_of,
)
from gcmhub.documents.diff import compare_editions
from gcmhub.framework.models import Objective
from gcmhub.report.kind import NEEDS_ASSESSMENT
from gcmhub.report.outline import OUTLINE
from gcmhub.reporting.docx import render_docx

pytestmark = pytest.mark.django_db


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def _write(document, by, key, body):
    section = document.sections.get(key=key)
    return services.section_save(
        section=section, by=by, body=body, expected_version=section.version
    )


def test_a_document_opened_in_the_turkish_interface_is_written_in_turkish(cycle, consultant):
    with translation.override("tr"):
        document = services.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=consultant)
    assert document.language == "tr"
    assert document.title == "GCM İhtiyaç Analizi Raporu"
    titles = list(document.sections.order_by("order").values_list("title", flat=True))
    assert titles == [title_tr for _key, _kind, _en, title_tr in OUTLINE]


def test_a_document_opened_in_english_keeps_its_english_outline(cycle, consultant):
    document = services.document_open(
        cycle=cycle, kind=NEEDS_ASSESSMENT, by=consultant, language="en"
    )
    assert document.language == "en" and document.title == "GCM Needs Assessment Report"
    assert document.sections.get(key="executive-summary").title == "Executive summary"


def test_each_edition_has_its_labels_and_marks_a_text_not_yet_translated(document, consultant):
    _write(document, consultant, "executive-summary", "<p>The summary in English.</p>")
    english = build_content(document, "en")
    turkish = build_content(document, "tr")
    assert (english["language"], turkish["language"]) == ("en", "tr")
    assert english["labels"]["contents"] == "Contents"
    assert turkish["labels"]["contents"] == "İçindekiler"
    summary = next(s for s in turkish["sections"] if s["key"] == "executive-summary")
    # The English text stands in the Turkish edition as the original, marked as such.
    assert summary["html"] == "<p>The summary in English.</p>"
    assert summary["lang"] == "en" and summary["mark"]
    own = next(s for s in english["sections"] if s["key"] == "executive-summary")
    assert "lang" not in own and "mark" not in own


def test_a_translation_older_than_its_original_is_marked_in_the_edition(document, consultant):
    from gcmhub.editions.services import translation_save

    section = _write(document, consultant, "executive-summary", "<p>The summary.</p>")
    translation_save(obj=section, field="body", language="tr", text="<p>Özet.</p>", by=consultant)
    _write(document, consultant, "executive-summary", "<p>The summary, longer now.</p>")
    with translation.override("tr"):
        turkish = build_content(document, "tr")
    summary = next(s for s in turkish["sections"] if s["key"] == "executive-summary")
    assert summary["html"] == "<p>Özet.</p>"
    assert summary["mark"] == "Çeviri, İngilizce asıl metinden eski"
    assert "lang" not in summary


def test_the_report_quotes_an_input_in_its_original_language_marked(
    cycle, document, org_a, consultant
):
    objective = Objective.objects.get(number=9)
    Assignment.objects.create(cycle=cycle, organisation=org_a, objective=objective)
    Input.objects.create(
        cycle=cycle,
        organisation=org_a,
        objective=objective,
        state=State.SUBMITTED,
        language="tr",
        situation="Kanun yürürlükte.",
        gaps="Bilgi ortak ülkelere geç ulaşıyor.",
    )
    content = build_content(document, "en")
    findings = next(s for s in content["sections"] if s["kind"] == "findings")
    position = next(o for o in findings["objectives"] if o["number"] == 9)["positions"][0]
    assert position["text"] == "Bilgi ortak ülkelere geç ulaşıyor."
    assert position["lang"] == "tr" and position["mark"] == "Original in Turkish"
    # The Word file says so too.
    word = WordDocument(io.BytesIO(render_docx(content, version_line="Draft", content_hash="x")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Bilgi ortak ülkelere geç ulaşıyor. (Original in Turkish)" in text
    # The Turkish edition quotes it as written, unmarked.
    turkish = build_content(document, "tr")
    findings = next(s for s in turkish["sections"] if s["kind"] == "findings")
    position = next(o for o in findings["objectives"] if o["number"] == 9)["positions"][0]
    assert "mark" not in position


def test_a_version_freezes_both_editions_under_one_hash(document, consultant):
    _write(document, consultant, "executive-summary", "<p>The summary in English.</p>")
    version = services.version_issue(document=document, by=consultant, confirmed=True)
    editions = editions_of(version.content)
    assert list(editions) == ["en", "tr"] and files.languages_of(version) == ["en", "tr"]
    # Every reader of the version's sections reads its own edition, as before.
    assert version.content["sections"] == editions["en"]["sections"]
    assert editions["tr"]["labels"]["contents"] == "İçindekiler"
    assert version.content_hash == content_hash(version.content)
    # The hash covers the Turkish edition: a change there is another version.
    changed = {**version.content, "editions": {"tr": {**editions["tr"], "title": "Başka"}}}
    assert content_hash(changed) != version.content_hash
    # The English edition is complete; the Turkish one has the summary untranslated.
    assert complete_languages(version.content) == ["en"]


def test_issuing_with_translations_missing_lists_them_and_asks_first(document, consultant):
    _write(document, consultant, "context", "<p>The context.</p>")
    with pytest.raises(services.NeedsConfirmation) as raised:
        services.version_issue(document=document, by=consultant)
    gaps = raised.value.translations["tr"]
    assert any("Context of migration governance" in gap for gap in gaps)
    assert not document.versions.exists()
    version = services.version_issue(document=document, by=consultant, confirmed=True)
    assert version.number == "0.1"


def test_a_document_in_one_language_has_one_edition_and_asks_for_no_translation(
    document, consultant, coordinator
):
    services.document_update(document=document, by=coordinator, title="Report", bilingual=False)
    _write(document, consultant, "context", "<p>The context.</p>")
    try:
        version = services.version_issue(document=document, by=consultant)
    except services.NeedsConfirmation as warning:  # empty sections, nothing else
        assert warning.translations == {}
        version = services.version_issue(document=document, by=consultant, confirmed=True)
    assert files.languages_of(version) == ["en"]
    assert "editions" not in version.content
    assert complete_languages(version.content) == ["en"]


OLD_CONTENT = {
    "title": "GCM Needs Assessment Report",
    "subtitle": "",
    "network": "UN Network on Migration in Türkiye",
    "cycle": "2021",
    "country": "Türkiye",
    "language": "en",
    "labels": {"contents": "Contents"},
    "sections": [
        {
            "key": "context",
            "number": "1",
            "title": "Context",
            "kind": "narrative",
            "html": "<p>Old.</p>",
        }
    ],
}


def test_a_version_issued_before_the_editions_still_reads(client, cycle, document, consultant):
    old = document.versions.create(
        major=0, minor=1, content=OLD_CONTENT, content_hash=content_hash(OLD_CONTENT)
    )
    assert files.languages_of(old) == ["en"]
    assert edition_of(old.content, "tr")["title"] == "GCM Needs Assessment Report"
    assert complete_languages(old.content) == ["en"]
    _write(document, consultant, "context", "<p>New.</p>")
    new = services.version_issue(document=document, by=consultant, confirmed=True)
    # Each edition of the new version is compared with the old one's only edition.
    compared = dict(compare_editions(old.content, new.content))
    assert list(compared) == ["en", "tr"]
    context = next(s for s in compared["en"] if s["key"] == "context")
    assert context["status"] == "changed" and "<ins>New.</ins>" in context["diff"]
    client.force_login(consultant)
    kwargs = {"document_pk": document.pk, "version_pk": old.pk}
    page = client.get(url(cycle, "version-detail", **kwargs)).content.decode()
    assert "<p>Old.</p>" in page
    compare = client.get(
        url(cycle, "version-compare", document_pk=document.pk), {"a": old.pk, "b": new.pk}
    ).content.decode()
    assert "English edition" in compare and "Turkish edition" in compare
    # The reader is told that the old version had no Turkish edition to compare with.
    assert compare.count("has no Turkish edition") == 1


def test_the_version_page_offers_each_edition_and_its_files(client, cycle, document, consultant):
    _write(document, consultant, "context", "<p>The context.</p>")
    version = services.version_issue(document=document, by=consultant, confirmed=True)
    client.force_login(consultant)
    kwargs = {"document_pk": document.pk, "version_pk": version.pk}
    page = client.get(url(cycle, "version-detail", **kwargs)).content.decode()
    assert "?edition=tr" in page
    turkish = client.get(url(cycle, "version-detail", **kwargs), {"edition": "tr"})
    text = turkish.content.decode()
    assert 'document" lang="tr"' in text and 'aria-current="true">Turkish<' in text
    # A language the version has no edition in is not a file of it.
    missing = url(cycle, "version-download", **kwargs, fmt="pdf", language="fr")
    assert client.get(missing).status_code == 404


def test_the_draft_offers_a_file_of_each_edition(client, cycle, document, consultant, run_tasks):
    client.force_login(consultant)
    make = url(cycle, "document-file", document_pk=document.pk, fmt="docx", language="tr")
    client.post(make, headers={"HX-Request": "true"})
    assert run_tasks() == 1
    docx = client.get(
        url(cycle, "document-download", document_pk=document.pk, fmt="docx", language="tr")
    )
    assert "UNNM-Turkiye_needs-assessment_draft-" in docx["Content-Disposition"]
    assert "_tr.docx" in docx["Content-Disposition"]
    word = WordDocument(io.BytesIO(docx.getvalue()))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert "1. Yönetici özeti" in headings and "7. Öneriler" in headings


def test_an_edition_the_document_does_not_have_is_not_found(
    client, cycle, document, consultant, coordinator
):
    services.document_update(document=document, by=coordinator, title="Report", bilingual=False)
    client.force_login(consultant)
    draft = url(cycle, "document-download", document_pk=document.pk, fmt="docx", language="tr")
    assert client.get(draft).status_code == 404


def test_the_gaps_name_the_section(document, consultant):
    _write(document, consultant, "introduction", "<p>How.</p>")
    with pytest.raises(ValidationError) as raised:
        services.version_issue(document=document, by=consultant)
    assert any("Introduction and methodology" in m for m in raised.value.messages)


def test_the_section_editor_shows_both_editions_and_marks_a_stale_translation(
    client, cycle, document, consultant
):
    section = _write(document, consultant, "context", "<p>Law 6458 set up the agency.</p>")
    client.force_login(consultant)
    edit = url(cycle, "section-edit", document_pk=document.pk, section_pk=section.pk)
    page = client.get(edit).content.decode()
    assert 'lang="tr"' in page and "Save the translation" in page
    # The Turkish title is the outline's; the text is not translated yet.
    assert 'value="Göç yönetişiminin bağlamı"' in page
    response = client.post(
        edit,
        {
            "translate": "",
            "translation-title": "Göç yönetişiminin bağlamı",
            "translation-title__version": 1,
            "translation-body": "<p>6458 sayılı Kanun kurumu kurdu.</p>",
            "translation-body__version": 0,
        },
    )
    assert response.status_code == 302
    turkish = build_content(document, "tr")
    context = next(s for s in turkish["sections"] if s["key"] == "context")
    assert context["html"] == "<p>6458 sayılı Kanun kurumu kurdu.</p>"
    assert context["title"] == "Göç yönetişiminin bağlamı" and "mark" not in context
    # The English changes: the Turkish is marked out of date, with what changed.
    section.refresh_from_db()
    _write(document, consultant, "context", "<p>Law 6458 of 2013 set up the agency.</p>")
    page = client.get(edit).content.decode()
    assert "out of date" in page and "2013</ins>" in page
    assert "The translation is still right" in page
    with pytest.raises(services.NeedsConfirmation) as raised:
        services.version_issue(document=document, by=consultant)
    assert any("older than the original" in gap for gap in raised.value.translations["tr"])
    # Updated, the Turkish edition is complete again.
    client.post(
        edit,
        {
            "translate": "",
            "translation-title": "Göç yönetişiminin bağlamı",
            "translation-title__version": 1,
            "translation-body": "<p>2013 tarihli 6458 sayılı Kanun kurumu kurdu.</p>",
            "translation-body__version": 1,
        },
    )
    version = services.version_issue(document=document, by=consultant, confirmed=True)
    assert complete_languages(version.content) == ["en", "tr"]
    turkish = edition_of(version.content, "tr")
    context = next(s for s in turkish["sections"] if s["key"] == "context")
    assert context["html"] == "<p>2013 tarihli 6458 sayılı Kanun kurumu kurdu.</p>"


def test_the_document_page_lists_what_waits_for_a_translation(
    client, cycle, document, consultant, focal_a
):
    _write(document, consultant, "context", "<p>The context.</p>")
    services.recommendation_save(document=document, by=consultant, text="Share the data.")
    client.force_login(consultant)
    page = client.get(document.get_absolute_url()).content.decode()
    queue = page[page.index('id="queue-heading"') :]
    assert "2 texts not translated yet" in queue
    assert "Context of migration governance" in queue and "recommendation 1" in queue
    assert consultant.get_full_name() in queue  # who last changed the original
    # The outline's titles came in both languages: they wait for nothing.
    assert "Executive summary" not in queue
    # A focal point reads the draft but translates nothing: no queue.
    client.force_login(focal_a)
    assert 'id="queue-heading"' not in client.get(document.get_absolute_url()).content.decode()


def test_switching_the_language_makes_the_translations_the_originals(
    client, cycle, document, consultant, coordinator
):
    from gcmhub.editions.texts import edition
    from gcmhub.tests.roundtrip import page_form, post_form

    _write(document, consultant, "context", "<p>The context, in English only.</p>")
    client.force_login(coordinator)
    page = url(cycle, "document-edit", document_pk=document.pk)
    response = post_form(client, page_form(client.get(page)), changes={"language": "tr"})
    # A text with no Turkish edition would be taken for Turkish: refused, and said why.
    assert response.status_code == 200
    assert "1 text of the document has no edition in that language yet" in (
        response.content.decode()
    )
    document.refresh_from_db()
    assert document.language == "en"
    from gcmhub.editions.services import translation_save

    translation_save(
        obj=document.sections.get(key="context"),
        field="body",
        language="tr",
        text="<p>Bağlam.</p>",
        by=consultant,
    )
    response = post_form(client, page_form(client.get(page)), changes={"language": "tr"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.language == "tr" and document.title == "GCM İhtiyaç Analizi Raporu"
    summary = document.sections.get(key="executive-summary")
    assert summary.title == "Yönetici özeti"
    english = edition(summary, "title", "en")
    assert (english.text, english.status) == ("Executive summary", "current")
    assert edition(document, "title", "en").text == "GCM Needs Assessment Report"
    # The Turkish edition became the original, the English text its translation.
    context = document.sections.get(key="context")
    assert context.body == "<p>Bağlam.</p>"
    assert edition(context, "body", "en").text == "<p>The context, in English only.</p>"
    # The Turkish edition is now the document's own.
    content = build_content(document)
    assert content["language"] == "tr" and content["sections"][0]["title"] == "Yönetici özeti"


def test_the_demo_final_report_carries_both_editions_complete():
    from gcmhub.documents.models import Version
    from gcmhub.tests.demo import load_demo

    load_demo()
    final = Version.objects.get(document__kind=NEEDS_ASSESSMENT, major=1)
    assert files.languages_of(final) == ["en", "tr"]
    assert complete_languages(final.content) == ["en", "tr"]
    turkish = edition_of(final.content, "tr")
    summary = next(s for s in turkish["sections"] if s["key"] == "executive-summary")
    assert summary["title"] == "Yönetici özeti" and "mark" not in summary
    assert "belediyeler" in summary["html"]  # the validation meeting's change, in Turkish too
    recommendations = next(s for s in turkish["sections"] if s["kind"] == "recommendations")
    assert recommendations["items"][0]["text"].startswith("Göçmen kaçakçılığı")
    # The published report's stage offers each edition's files.
    from gcmhub.report.stages import published_state

    links = dict(published_state(final.document.cycle, None).links)
    assert links["Word (Turkish)"].endswith("/download-tr.docx")
    assert links["PDF (English)"].endswith("/download-en.pdf")
    # Version 0.1 went out before the Turkish edition was written: marked incomplete.
    first = Version.objects.get(document__kind=NEEDS_ASSESSMENT, major=0, minor=1)
    assert complete_languages(first.content) == ["en"]


def test_the_recommendations_show_their_other_edition_with_its_mark(
    client, cycle, document, consultant
):
    from gcmhub.editions.services import translation_save

    first = services.recommendation_save(document=document, by=consultant, text="Share data.")
    services.recommendation_save(document=document, by=consultant, text="Train staff.")
    translation_save(obj=first, field="text", language="tr", text="Veri paylaşın.", by=consultant)
    client.force_login(consultant)
    page = client.get(url(cycle, "recommendation-list", document_pk=document.pk)).content.decode()
    assert '<span lang="tr">Veri paylaşın.</span>' in page
    assert "Translated by" in page and "not yet translated into Turkish" in page
    assert "/texts/documents.recommendation/" in page  # the link to translate the second


def test_the_section_editor_refuses_a_translation_of_an_original_changed_meanwhile(
    client, cycle, document, consultant
):
    from gcmhub.editions.models import Translation
    from gcmhub.editions.texts import source_hash

    section = _write(document, consultant, "context", "<p>The context.</p>")
    seen = source_hash(section.body)
    _write(document, consultant, "context", "<p>The context, changed by a colleague.</p>")
    client.force_login(consultant)
    page = url(cycle, "section-edit", document_pk=document.pk, section_pk=section.pk)
    of_section = Translation.objects.filter(content_type__model="section", object_id=section.pk)
    title = of_section.get(field="title", language="tr")
    response = client.post(
        page,
        {
            "translate": "",
            "translation-title": title.text,
            "translation-title__version": title.version,
            "translation-body": "<p>Bağlam.</p>",
            "translation-body__version": 0,
            "translation-body__source": seen,
        },
    )
    assert "The original changed while you were translating it" in response.content.decode()
    assert not of_section.filter(field="body").exists()
