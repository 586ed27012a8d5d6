"""The national voluntary review drafted from the data, the CCA brief, the next cycle started
from this one, and the comparison of cycles; checked on the demo data of the case."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from gcmhub.core.models import Cycle, User
from gcmhub.documents.tests.downloads import fetched
from gcmhub.imrf import services
from gcmhub.imrf.kind import VOLUNTARY_REVIEW
from gcmhub.imrf.models import CarriedOver
from gcmhub.priorities.models import Decision
from gcmhub.tests.demo import load_demo
from gcmhub.tests.matrix import assert_page_matrix
from gcmhub.workplan.models import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(db):
    load_demo()
    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    users = {u.username: u for u in User.objects.all()}
    return cycle, users


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def _docx_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_the_demo_review_is_drafted_from_the_data_with_its_sources(case, client):
    cycle, users = case
    document = cycle.documents.get(kind=VOLUNTARY_REVIEW)
    sections = {s.key: s.body for s in document.sections.all()}
    assert list(sections) == ["methodology", "policy", "progress", "means", "next-steps"]
    assert "7 consultations were held" in sections["methodology"]
    assert (
        "validated at “Validation meeting of the needs assessment report”"
        in sections["methodology"]
    )
    assert "endorsed by 10 of the 13 organisations asked" in sections["methodology"]
    assert "IMRF round table 2" in sections["progress"]
    assert "USD 1,500,000" in sections["means"] and "gap is USD 700,000" in sections["means"]
    assert "9. Counter smuggling" in sections["next-steps"]
    assert sections["methodology"].count('class="footnote"') >= 3
    client.force_login(users["consultant"])
    docx = fetched(
        client,
        url(cycle, "document-download", document_pk=document.pk, fmt="docx"),
        make=url(cycle, "document-file", document_pk=document.pk, fmt="docx"),
    )
    text = _docx_text(docx.getvalue())
    for heading in [
        "1. Methodology and process for preparing the review",
        "2. Policy and enabling environment",
        "3. Progress on the GCM objectives and the guiding principles",
        "4. Means of implementation",
        "5. Next steps",
    ]:
        assert heading in text
    assert "the work plan's 7 activities need USD 1,500,000" in text
    assert "Source: gcmhub, budgets of the work plan's activities" in text


def test_refreshing_keeps_edits_unless_asked_and_history_keeps_them(case):
    cycle, users = case
    document = cycle.documents.get(kind=VOLUNTARY_REVIEW)
    section = document.sections.get(key="policy")
    from gcmhub.documents import services as documents

    documents.section_save(
        section=section,
        by=users["consultant"],
        body="<p>Our text.</p>",
        expected_version=section.version,
    )
    assert services.voluntary_review_prefill(document=document, by=users["consultant"]) == 0
    assert document.sections.get(key="policy").body == "<p>Our text.</p>"
    assert (
        services.voluntary_review_prefill(document=document, by=users["consultant"], overwrite=True)
        == 5
    )
    section = document.sections.get(key="policy")
    assert "Institutional mechanism" in section.body
    assert section.history.filter(body="<p>Our text.</p>").exists()


def test_the_cca_brief_maps_priorities_to_outcomes_and_targets(case, client):
    cycle, users = case
    client.force_login(users["coordinator"])
    response = fetched(client, url(cycle, "cca-brief") + "?language=en")
    assert "UNNM-Turkiye_cca-brief_2021_en.docx" in response["Content-Disposition"]
    data = response.getvalue()
    text = _docx_text(data)
    assert "Migration in the Common Country Assessment: brief" in text
    assert "Priorities mapped to the cooperation framework" in text
    from gcmhub.framework.models import Objective

    assert f"9. {Objective.objects.get(number=9).title_en}" in text
    word = WordDocument(io.BytesIO(data))
    rows = [[c.text for c in row.cells] for row in word.tables[0].rows]
    assert rows[0] == [
        "GCM objective",
        "Horizon",
        "Framework outcomes",
        "SDG targets",
        "Lead organisations",
    ]
    short = [r for r in rows[1:] if r[1] == "Short term"]
    assert len(short) == 4 and all(r[2] == "4.2" for r in short)
    turkish = fetched(client, url(cycle, "cca-brief") + "?language=tr")
    assert "UNNM-Turkiye_cca-brief_2021_tr.docx" in turkish["Content-Disposition"]
    text = _docx_text(turkish.getvalue())
    assert "Kısa vade" in text
    assert f"9. {Objective.objects.get(number=9).title_tr}" in text
    # The demo's rationales have Turkish editions (illustrative): the Turkish brief quotes them.
    assert "Gerekçe: Veriler diğer tüm önceliklerin temelidir" in text
    assert "Data underpin" not in text


def test_the_next_cycle_carries_what_is_open_with_its_provenance(case):
    cycle, users = case
    second = Cycle.objects.get(title__startswith="GCM Review 2025-2026")
    carried = CarriedOver.objects.filter(cycle=second)
    kinds = {
        kind: carried.filter(kind=kind).count() for kind in ("criterion", "decision", "activity")
    }
    assert kinds == {"criterion": 5, "decision": 4, "activity": 7}
    assert set(Decision.objects.filter(cycle=second).values_list("horizon", flat=True)) == {
        "medium",
        "long",
    }
    assert Activity.objects.filter(output__cycle=second).count() == 7
    activity = Activity.objects.filter(output__cycle=second).first()
    origin = carried.get(kind="activity", object_id=activity.pk)
    assert Activity.objects.get(pk=origin.source_object_id).code == activity.code
    assert activity.output.outcome.priority.framework.cycle == second


def test_a_cycle_cannot_start_before_the_one_it_continues(case):
    from django.core.exceptions import ValidationError

    from gcmhub.imrf.carryover import cycle_start_from

    cycle, users = case
    with pytest.raises(ValidationError, match="starts after"):
        cycle_start_from(
            source=cycle,
            by=users["coordinator"],
            title="Too early",
            country="TR",
            start_date=dt.date(2020, 1, 1),
            end_date=dt.date(2020, 12, 31),
            short_term_until=dt.date(2020, 12, 31),
            medium_term_until=dt.date(2020, 12, 31),
            long_term_until=dt.date(2020, 12, 31),
        )


def test_the_comparison_page_shows_both_cycles(case, client):
    cycle, users = case
    client.force_login(users["coordinator"])
    content = client.get(url(cycle, "cycle-compare")).content.decode()
    assert "GCM Needs Assessment 2021" in content
    assert "GCM Review 2025-2026" in content
    assert 'id="compare-title"' in content  # the chart, with its title
    assert "4.53 (0.09)" in content  # objective 10's mean and spread in 2021


def test_pages_by_persona(case, client):
    cycle, users = case
    expected = {
        "imrf": {"coordinator": 200, "consultant": 200, "focal": 200, "observer": 403},
        "cycle-compare": {"coordinator": 200, "consultant": 200, "focal": 200, "observer": 403},
        "next-cycle": {"coordinator": 200, "consultant": 403, "focal": 403, "observer": 403},
        "carried-over": {"coordinator": 200, "consultant": 200, "focal": 200, "observer": 200},
    }
    for name, statuses in expected.items():
        assert_page_matrix(client, users, url(cycle, name), statuses)
    client.force_login(users["focal"])
    assert client.post(url(cycle, "review-start")).status_code == 403


def test_the_review_is_written_from_the_same_data_in_turkish(case):
    from gcmhub.framework.models import Objective
    from gcmhub.imrf.prefill import section_html

    cycle, _users = case
    methodology = section_html("methodology", cycle, language="tr")
    assert "7 istişare yapıldı" in methodology
    assert "Kaynak: gcmhub" in methodology and "Source:" not in methodology
    progress = section_html("progress", cycle, language="tr")
    assert f"9. {Objective.objects.get(number=9).title_tr}" in progress
    assert "IMRF yuvarlak masa 2" in progress and "Öncelik: Kısa vade." in progress
    means = section_html("means", cycle, language="tr")
    assert "USD 1.500.000" in means  # Turkish grouping of the same figure
    assert "Göç İdaresi Genel Müdürlüğü (GİGM)" in means  # the organisation's Turkish name
    next_steps = section_html("next-steps", cycle, language="tr")
    assert "<strong>Kısa vade</strong>" in next_steps
    assert f"9. {Objective.objects.get(number=9).short_label_tr}" in next_steps
    assert section_html("unknown", cycle, language="tr") is None


def test_the_carried_over_page_names_records_in_the_readers_language(case, client):
    from django.conf import settings

    from gcmhub.framework.models import Objective

    cycle, users = case
    second = Cycle.objects.get(title__startswith="GCM Review 2025-2026")
    client.force_login(users["focal"])
    objective = Objective.objects.get(number=22)
    for language, title, criterion in [
        ("tr", objective.title_tr, "İhtiyacın aciliyeti"),
        ("en", objective.title_en, "Urgency of the need"),
    ]:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(url(second, "carried-over")).content.decode()
        assert f"<li>22. {title}</li>" in page  # an open priority
        assert f"<li>{criterion}</li>" in page


def test_a_carried_over_rationale_keeps_its_language(case):
    cycle, users = case
    second = Cycle.objects.get(title__startswith="GCM Review 2025-2026")
    decision = Decision.objects.get(cycle=second, objective__number=22)
    assert decision.language == "en"
    assert decision.rationale.startswith("Carried over from GCM Needs Assessment 2021: ")


def _speaking(language, text):
    from django.utils import translation

    with translation.override(language):
        return str(text)


def test_the_turkish_cca_brief_quotes_the_turkish_rationale_or_marks_the_english(case, client):
    from django.utils.translation import gettext_lazy

    from gcmhub.editions.models import Translation
    from gcmhub.editions.services import translation_save

    cycle, users = case
    Translation.objects.all().delete()  # the demo's Turkish editions
    nine = Decision.objects.get(cycle=cycle, objective__number=9)
    translation_save(
        obj=nine,
        field="rationale",
        language="tr",
        text="İlgili daireler en üst sıraya koydu.",
        by=users["consultant"],
    )
    client.force_login(users["coordinator"])
    text = _docx_text(fetched(client, url(cycle, "cca-brief") + "?language=tr").getvalue())
    why = _speaking("tr", gettext_lazy("Why: %(rationale)s"))
    assert why % {"rationale": "İlgili daireler en üst sıraya koydu."} in text
    assert "Ranked at the top by the departments concerned" not in text
    # Objective 1's rationale has no Turkish edition: quoted in English, and said so.
    mark = _speaking(
        "tr", gettext_lazy("Original in %(language)s, not yet translated into %(wanted)s")
    ) % {"language": _speaking("tr", "İngilizce"), "wanted": "Türkçe"}
    english = Decision.objects.get(cycle=cycle, objective__number=1).rationale
    assert f"{why % {'rationale': english}} ({mark})" in text
    # The English brief quotes the English original, unmarked.
    text = _docx_text(fetched(client, url(cycle, "cca-brief") + "?language=en").getvalue())
    assert f"Why: {english}\n" in text and "Ranked at the top by the departments" in text


def test_a_rationale_edited_after_its_translation_is_marked_out_of_date(case, client):
    from django.conf import settings

    from gcmhub.editions.services import translation_save
    from gcmhub.priorities import services as priorities

    cycle, users = case
    nine = Decision.objects.get(cycle=cycle, objective__number=9)
    translation_save(
        obj=nine, field="rationale", language="tr", text="Eski gerekçe.", by=users["consultant"]
    )
    priorities.decision_save(
        cycle=cycle,
        objective=nine.objective,
        by=users["coordinator"],
        expected_version=nine.version,
        horizon=nine.horizon,
        rationale="A new rationale.",
        language="en",
        outcomes=nine.outcomes.all(),
        lead_organisations=nine.lead_organisations.all(),
    )
    client.force_login(users["coordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "tr"
    page = client.get(url(cycle, "objective-priority", number=9)).content.decode()
    assert '<p lang="tr">Eski gerekçe.</p>' in page
    assert 'class="edition-mark stale"' in page
    listing = client.get(url(cycle, "decision-list")).content.decode()
    assert '<span lang="tr">Eski gerekçe.</span>' in listing and "edition-mark stale" in listing


def test_a_carried_over_rationale_keeps_its_current_translation(case):
    from gcmhub.editions.models import Translation
    from gcmhub.editions.services import translation_save
    from gcmhub.editions.texts import edition
    from gcmhub.imrf.carryover import cycle_start_from

    cycle, users = case
    Translation.objects.all().delete()  # the demo's Turkish editions
    six = Decision.objects.get(cycle=cycle, objective__number=6)  # medium term: carried over
    translation_save(
        obj=six, field="rationale", language="tr", text="İnsana yakışır iş.", by=users["consultant"]
    )
    third = cycle_start_from(
        source=cycle,
        by=users["coordinator"],
        title="Third",
        country="TR",
        start_date=dt.date(2029, 1, 1),
        end_date=dt.date(2030, 5, 31),
        short_term_until=dt.date(2030, 5, 31),
        medium_term_until=dt.date(2032, 12, 31),
        long_term_until=dt.date(2034, 12, 31),
    )
    carried = Decision.objects.get(cycle=third, objective__number=6)
    turkish = edition(carried, "rationale", "tr")
    assert turkish.status == "current"
    assert turkish.text.endswith(": İnsana yakışır iş.") and turkish.text != "İnsana yakışır iş."
    assert carried.rationale.startswith("Carried over from GCM Needs Assessment 2021: ")
    # Objective 22's rationale had no Turkish edition: none is made up.
    assert edition(
        Decision.objects.get(cycle=third, objective__number=22), "rationale", "tr"
    ).missing


def test_the_demo_loads_turkish_rationales_from_its_data_file(case, tmp_path):
    from gcmhub.editions.texts import edition
    from gcmhub.priorities.editions import load_demo_rationales

    cycle, _users = case
    data = tmp_path / "rationales_tr.json"
    data.write_text(
        '{"rationales": {"9": "Kaçakçılık hükümetin önceliği.", "99": "yok"}}', encoding="utf-8"
    )
    assert load_demo_rationales(cycle, data) == 1
    assert load_demo_rationales(cycle, data) == 1  # again: nothing changes
    turkish = edition(Decision.objects.get(cycle=cycle, objective__number=9), "rationale", "tr")
    assert (turkish.text, turkish.status, turkish.translation.illustrative) == (
        "Kaçakçılık hükümetin önceliği.",
        "current",
        True,
    )
    assert load_demo_rationales(cycle, tmp_path / "none.json") == 0


@pytest.fixture
def paired_sections():
    """Sections with editions, as the document engine registers them (put back after)."""
    from gcmhub.documents.models import Section
    from gcmhub.editions import registry
    from gcmhub.editions.access import may_translate_in

    before = registry.paired_by_key("documents.section")
    if before is None:
        registry.register(
            registry.Paired(
                model=Section,
                fields=("body",),
                language=lambda s: s.document.language,
                cycle=lambda s: s.document.cycle,
                may_translate=lambda user, s: may_translate_in(user, s.document.cycle),
                rich=("body",),
            )
        )
    yield
    if before is None:
        registry._PAIRED.pop("documents.section")


def test_the_review_is_drafted_in_both_editions_from_the_same_data(case, paired_sections):
    from gcmhub.editions.texts import edition

    cycle, users = case
    document = cycle.documents.get(kind=VOLUNTARY_REVIEW)
    assert document.language == "en"
    assert services.voluntary_review_prefill(document=document, by=users["consultant"]) == 0
    assert (
        services.voluntary_review_prefill(document=document, by=users["consultant"], overwrite=True)
        == 5
    )
    methodology = document.sections.get(key="methodology")
    assert "7 consultations were held" in methodology.body
    turkish = edition(methodology, "body", "tr")
    assert turkish.status == "current" and "7 istişare yapıldı" in turkish.text
    assert "Kaynak: gcmhub" in turkish.text and "Source:" not in turkish.text
    # A section a person wrote gets no generated translation.
    from gcmhub.documents import services as documents

    policy = document.sections.get(key="policy")
    documents.section_save(
        section=policy, by=users["consultant"], body="<p>Ours.</p>", expected_version=policy.version
    )
    assert services.voluntary_review_prefill(document=document, by=users["consultant"]) == 0
    assert edition(document.sections.get(key="policy"), "body", "tr").stale
    # Drafting again over everything keeps the Turkish a person wrote.
    from gcmhub.editions.services import translation_save

    translation_save(
        obj=methodology,
        field="body",
        language="tr",
        text="<p>Bizim çevirimiz.</p>",
        by=users["consultant"],
    )
    services.voluntary_review_prefill(document=document, by=users["consultant"], overwrite=True)
    assert edition(document.sections.get(key="methodology"), "body", "tr").text == (
        "<p>Bizim çevirimiz.</p>"
    )


def test_the_imrf_page_says_what_the_turkish_brief_quotes_untranslated(case, client):
    from gcmhub.editions.models import Translation
    from gcmhub.editions.services import translation_save
    from gcmhub.imrf.cca import cca_texts

    cycle, users = case
    Translation.objects.all().delete()  # whatever Turkish editions the demo gives
    quoted = [obj for obj in cca_texts(cycle) if obj.language == "en"]
    assert len(quoted) >= 8  # the rationales of the eight prioritised objectives at least
    client.force_login(users["consultant"])
    turkish = next(
        e for e in client.get(url(cycle, "imrf")).context["editions"] if e["language"] == "tr"
    )
    assert (turkish["missing"], turkish["stale"]) == (len(quoted), 0)
    nine = Decision.objects.get(cycle=cycle, objective__number=9)
    translation_save(
        obj=nine, field="rationale", language="tr", text="Öncelik.", by=users["consultant"]
    )
    page = client.get(url(cycle, "imrf")).content.decode()
    count = len(quoted) - 1
    assert f"Turkish edition: {count} rationales or syntheses are quoted in their original" in page
    assert url(cycle, "translations") + "?language=tr" in page
    client.force_login(users["focal"])
    assert url(cycle, "translations") not in client.get(url(cycle, "imrf")).content.decode()


def test_the_comparison_is_computed_once_until_the_network_changes_it(case, client):
    from unittest import mock

    from gcmhub.imrf import comparison
    from gcmhub.workplan.models import ActivityStatus

    cycle, users = case
    client.force_login(users["coordinator"])
    page = url(cycle, "cycle-compare")
    with mock.patch.object(comparison, "_cycle_cells", wraps=comparison._cycle_cells) as cells:
        first = client.get(page).context["rows"]
        client.get(page)
        assert cells.call_count == 2  # once for each of the two cycles, on the first request
        decision = Decision.objects.get(cycle=cycle, objective__number=10)
        decision.horizon = "long"
        decision.save()
        activity = Activity.objects.filter(output__cycle=cycle, objectives__number=10).first()
        activity.status = ActivityStatus.CANCELLED
        activity.save()
        again = client.get(page).context["rows"]
        assert cells.call_count == 4
    before = next(r for r in first if r["objective"].number == 10)["cells"][0]
    after = next(r for r in again if r["objective"].number == 10)["cells"][0]
    assert after.horizon == "Long term" != before.horizon
    assert after.activities == before.activities - 1
