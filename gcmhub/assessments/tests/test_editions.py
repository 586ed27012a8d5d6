"""The needs assessment's texts in two editions: an input keeps its organisation's voice (the
original stays, a translation stands beside it, marked), syntheses, consultations and the
coordinator's note likewise (issue 15)."""

import io

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from gcmhub.assessments import services
from gcmhub.assessments.models import Collection, Consultation, Synthesis
from gcmhub.assessments.questionnaire import build_questionnaire
from gcmhub.assessments.tests.conftest import make_input
from gcmhub.core.workflow import State
from gcmhub.editions import services as editions
from gcmhub.editions.models import Translation
from gcmhub.editions.registry import cycle_texts
from gcmhub.editions.selectors import waiting
from gcmhub.tests.factories import OrganisationFactory
from gcmhub.tests.queries import assert_constant_queries

SITUATION_TR = "Ulusal eylem planı yürürlükte."
SITUATION_EN = "The national action plan is in force."


@pytest.fixture(autouse=True)
def _interface_back_in_english():
    yield
    translation.activate(settings.LANGUAGE_CODE)


def cycle_url(cycle, name, **kwargs):
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    return reverse(name, kwargs=kwargs)


def translate_url(obj, label):
    return cycle_url(obj.cycle, "translate", label=f"assessments.{label}", pk=obj.pk)


def page(client, user, url, language="en") -> str:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def turkish_input(cycle, org_a, objective_10, assignments, collection):
    return make_input(
        cycle, org_a, objective_10, State.SUBMITTED, language="tr", situation=SITUATION_TR
    )


def translate(input, by, text=SITUATION_EN):
    return editions.translation_save(
        obj=input, field="situation", language="en", text=text, by=by, expected_version=0
    )


def test_a_turkish_input_with_an_english_translation_shows_both_marked(
    client, turkish_input, consultant, coordinator
):
    consultant.first_name, consultant.last_name = "Deniz", "Kaya"
    consultant.save()
    translate(turkish_input, consultant)
    html = page(client, coordinator, turkish_input.get_absolute_url())
    assert f'<div class="prose" lang="en"><p>{SITUATION_EN}</p></div>' in html
    assert "Translated by Deniz Kaya from Turkish" in html
    assert f'lang="tr"><p>{SITUATION_TR}</p>' in html  # the original, beside it
    # In Turkish the input reads as its organisation wrote it: no mark, no translation.
    html = page(client, coordinator, turkish_input.get_absolute_url(), "tr")
    assert f'<div class="prose" lang="tr"><p>{SITUATION_TR}</p></div>' in html
    assert SITUATION_EN not in html


def test_an_input_not_yet_translated_shows_its_original_with_its_language(
    client, turkish_input, consultant
):
    html = page(client, consultant, turkish_input.get_absolute_url())
    assert f'<div class="prose" lang="tr"><p>{SITUATION_TR}</p></div>' in html
    assert "Original in Turkish, not yet translated into English" in html
    link = translate_url(turkish_input, "input")
    assert f'href="{link}' in html


def test_the_translation_is_marked_out_of_date_when_the_organisation_changes_its_input(
    client, turkish_input, focal_a, consultant, coordinator
):
    translate(turkish_input, consultant)
    services.input_return(input=turkish_input, by=consultant, reason="Biraz daha ayrıntı.")
    turkish_input.refresh_from_db()
    content = services.input_content(turkish_input)
    content.situation = SITUATION_TR + " Bütçesi ayrıldı."
    services.input_save(
        input=turkish_input, by=focal_a, content=content, expected_version=turkish_input.version
    )
    html = page(client, coordinator, turkish_input.get_absolute_url())
    assert SITUATION_EN in html
    assert "Translation out of date: the Turkish original changed after it" in html
    # The consultant updates it: current again.
    html = page(client, consultant, translate_url(turkish_input, "input"))
    assert "Bütçesi ayrıldı." in html  # what changed in the original is shown
    client.post(
        translate_url(turkish_input, "input"),
        {
            "situation": SITUATION_EN + " Its budget is set.",
            "situation__version": 1,
            "gaps": "",
            "gaps__version": 0,
        },
    )
    html = page(client, coordinator, turkish_input.get_absolute_url())
    assert "Its budget is set." in html
    assert "Translation out of date" not in html


def test_a_focal_point_cannot_translate_another_organisations_input(
    client, turkish_input, focal_b, focal_a
):
    target = translate_url(turkish_input, "input")
    client.force_login(focal_b)
    assert client.get(target).status_code in (403, 404)
    response = client.post(
        target, {"situation": "Hijacked.", "situation__version": 0, "gaps__version": 0}
    )
    assert response.status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        translate(turkish_input, focal_b)
    assert not Translation.objects.exists()
    # Its own focal point reads its input with no link to translate it.
    html = page(client, focal_a, turkish_input.get_absolute_url())
    assert 'href="' + target not in html


def test_a_draft_is_not_translated_by_the_secretariat(
    client, cycle, org_a, objective, assignments, collection, consultant
):
    draft = make_input(cycle, org_a, objective, language="tr", situation=SITUATION_TR)
    with pytest.raises(PermissionDenied):
        translate(draft, consultant)
    assert draft not in cycle_texts(cycle)


def test_the_synthesis_page_shows_its_translation_and_marks_it_out_of_date(
    client, cycle, objective, consultant
):
    synthesis = services.synthesis_save(
        cycle=cycle,
        objective=objective,
        by=consultant,
        text="Data are scattered.",
        expected_version=1,
        language="en",
    )
    target = cycle_url(cycle, "objective-synthesis", number=objective.number)
    html = page(client, consultant, target)
    assert "Translation into Turkish" in html
    assert "Original in English, not yet translated into Turkish" in html
    editions.translation_save(
        obj=synthesis,
        field="text",
        language="tr",
        text="Veriler dağınık.",
        by=consultant,
        expected_version=0,
    )
    html = page(client, consultant, target)
    assert '<div class="prose" lang="tr"><p>Veriler dağınık.</p></div>' in html
    services.synthesis_save(
        cycle=cycle,
        objective=objective,
        by=consultant,
        text="Data are scattered across ministries.",
        expected_version=synthesis.version,
    )
    html = page(client, consultant, target)
    assert "Translation out of date: the English original changed after it" in html


def test_a_consultation_reads_in_the_readers_language(client, cycle, org_a, consultant, focal_a):
    consultation = services.consultation_save(
        cycle=cycle,
        by=consultant,
        date="2021-04-06",
        type="workshop",
        title="Workshop with line ministries",
        notes="Data gaps were discussed.",
        organisations=[org_a],
        language="en",
    )
    turkish = {"title": "Bakanlıklarla çalıştay", "notes": "Veri eksikleri konuşuldu."}
    for field, text in turkish.items():
        editions.translation_save(
            obj=consultation, field=field, language="tr", text=text, by=consultant
        )
    consultation = Consultation.objects.get(pk=consultation.pk)
    detail = page(client, focal_a, consultation.get_absolute_url(), "tr")
    assert '<h1 lang="tr">Bakanlıklarla çalıştay</h1>' in detail
    assert "Veri eksikleri konuşuldu." in detail
    listing = page(client, focal_a, cycle_url(cycle, "consultation-list"), "tr")
    assert "Bakanlıklarla çalıştay" in listing
    assert "Workshop with line ministries" not in listing
    assert "Workshop with line ministries" in page(
        client, focal_a, cycle_url(cycle, "consultation-list")
    )


def test_the_coordinators_note_reaches_a_turkish_questionnaire_in_turkish(
    client, cycle, org_a, assignments, coordinator, consultant, focal_a
):
    services.collection_update(
        cycle=cycle,
        by=coordinator,
        deadline=None,
        instructions="Please answer by 14 May.",
        language="en",
    )
    collection = Collection.objects.get(cycle=cycle)

    def note(language):
        data = build_questionnaire(cycle=cycle, organisation=org_a, language=language)
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        return [row[0].value for row in sheet.iter_rows() if row[0].value]

    with translation.override("tr"):
        assert "Please answer by 14 May." in note("tr")
        assert "Asıl metin (İngilizce); henüz çevrilmedi (Türkçe)" in note("tr")
    editions.translation_save(
        obj=collection,
        field="instructions",
        language="tr",
        text="Lütfen 14 Mayıs'a kadar yanıtlayın.",
        by=consultant,
    )
    lines = note("tr")
    assert "Lütfen 14 Mayıs'a kadar yanıtlayın." in lines
    assert "Please answer by 14 May." not in lines
    assert "Please answer by 14 May." in note("en")
    html = page(client, focal_a, cycle_url(cycle, "assessment-home"), "tr")
    assert "Lütfen 14 Mayıs&#x27;a kadar yanıtlayın." in html


def test_the_cycles_queue_lists_the_assessments_texts_waiting(
    client, cycle, turkish_input, submitted_b, consultant, objective
):
    synthesis = Synthesis.objects.create(
        cycle=cycle, objective=objective, text="Data are scattered.", updated_by=consultant
    )
    translate(turkish_input, consultant)
    rows = waiting(cycle_texts(cycle))
    waiting_for = {(row.obj, row.field, row.language) for row in rows}
    assert (synthesis, "text", "tr") in waiting_for
    assert (submitted_b, "situation", "tr") in waiting_for
    assert (turkish_input, "situation", "en") not in waiting_for  # translated
    html = page(client, consultant, cycle_url(cycle, "translations"))
    assert "Synthesis on objective 9" in html
    assert f"Input of {submitted_b.organisation.short_name} on objective 9" in html
    assert f"Input of {turkish_input.organisation.short_name} on objective 10" not in html


def test_pages_with_editions_keep_a_constant_number_of_queries(
    client, cycle, org_a, org_b, turkish_input, consultant, django_assert_max_num_queries
):
    def consultation(n):
        consultation = services.consultation_save(
            cycle=cycle, by=consultant, date="2021-04-06", type="interview", title=f"Talk {n}"
        )
        editions.translation_save(
            obj=consultation, field="title", language="tr", text=f"Görüşme {n}", by=consultant
        )
        return consultation

    turkish_input.consultations.set([consultation(0)])
    translate(turkish_input, consultant)
    client.force_login(consultant)
    pages = [
        turkish_input.get_absolute_url(),
        cycle_url(cycle, "objective-synthesis", number=10),
        cycle_url(cycle, "consultation-list"),
    ]

    def grow():
        turkish_input.consultations.add(*[consultation(n) for n in range(1, 5)])
        for organisation in OrganisationFactory.create_batch(4, network=cycle.network):
            other = make_input(
                cycle, organisation, turkish_input.objective, State.SUBMITTED, language="tr"
            )
            translate(other, consultant)
            other.consultations.set(turkish_input.consultations.all())

    assert_constant_queries(client, pages, grow, django_assert_max_num_queries, most=40)


def test_who_changes_a_translated_input_is_told_its_translation_will_be_out_of_date(
    client, cycle, org_a, objective, assignments, collection, focal_a, consultant
):
    input = make_input(cycle, org_a, objective, State.RETURNED, language="tr")
    target = cycle_url(cycle, "input-edit", input_pk=input.pk)
    note = "If you change the text, the translation is marked out of date"
    assert note not in page(client, focal_a, target)
    Translation.objects.create(
        content_type_id=ContentType.objects.get_for_model(input).pk,
        object_id=input.pk,
        field="situation",
        language="en",
        text=SITUATION_EN,
        source_hash="",
    )
    html = page(client, focal_a, target)
    assert "This text has a translation into English." in html
    assert note in html
