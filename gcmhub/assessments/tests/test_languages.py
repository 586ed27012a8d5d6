"""The language a text is written in: offered as the writer's interface language until the
text exists, then kept as the writer chose it."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from gcmhub.assessments import services
from gcmhub.assessments.models import Collection, Consultation, Input, Synthesis
from gcmhub.assessments.questionnaire import build_questionnaire
from gcmhub.assessments.questionnaire.layout import layout, sheet_title
from gcmhub.assessments.tests.conftest import make_input
from gcmhub.framework.models import Objective


@pytest.fixture(autouse=True)
def _interface_back_in_english():
    """A Turkish request leaves Turkish active in the thread: put English back for the next test."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def in_turkish(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "tr"
    return client


def cycle_url(cycle, name, **kwargs):
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    return reverse(name, kwargs=kwargs)


def selected(html: str, name: str) -> str:
    """The value selected in the form's <select name=...> (not the header's language switcher)."""
    select = html.split(f'id="id_{name}"', 1)[1].split("</select>", 1)[0]
    assert " selected" in select, select
    return select.split(" selected", 1)[0].rsplit('value="', 1)[1].split('"', 1)[0]


def test_an_input_started_in_turkish_is_written_in_turkish(
    client, cycle, org_a, focal_a, objective, assignments, collection
):
    client = in_turkish(client, focal_a)
    response = client.post(cycle_url(cycle, "input-start", number=objective.number))
    input = Input.objects.get(cycle=cycle, objective=objective, organisation=org_a)
    assert input.language == "tr"
    page = client.get(response["Location"]).content.decode()
    assert selected(page, "language") == "tr"


def test_an_empty_input_offers_the_interface_language_and_a_written_one_its_own(
    client, cycle, org_a, focal_a, objective, objective_10, assignments, collection
):
    empty = make_input(cycle, org_a, objective, situation="", language="en")
    written = make_input(cycle, org_a, objective_10, situation="A law is in place.")
    client = in_turkish(client, focal_a)
    page = client.get(cycle_url(cycle, "input-edit", input_pk=empty.pk)).content.decode()
    assert selected(page, "language") == "tr"
    page = client.get(cycle_url(cycle, "input-edit", input_pk=written.pk)).content.decode()
    assert selected(page, "language") == "en"


def test_a_synthesis_written_in_turkish_is_turkish_and_stays_so(client, cycle, consultant):
    client = in_turkish(client, consultant)
    target = cycle_url(cycle, "objective-synthesis", number=9)
    assert selected(client.get(target).content.decode(), "language") == "tr"
    client.post(target, {"version": 1, "language": "tr", "text": "Veri eksik."})
    synthesis = Synthesis.objects.get(cycle=cycle, objective__number=9)
    assert (synthesis.text, synthesis.language) == ("Veri eksik.", "tr")
    # Saved again from an English interface: the text keeps its language.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert selected(client.get(target).content.decode(), "language") == "tr"
    client.post(target, {"version": synthesis.version, "text": "Veri çok eksik."})
    synthesis.refresh_from_db()
    assert (synthesis.text, synthesis.language) == ("Veri çok eksik.", "tr")


def test_a_consultation_recorded_in_turkish_is_turkish(client, cycle, consultant, org_a):
    client = in_turkish(client, consultant)
    page = client.get(cycle_url(cycle, "consultation-create")).content.decode()
    assert selected(page, "language") == "tr"
    client.post(
        cycle_url(cycle, "consultation-create"),
        {
            "date": "2021-05-03",
            "type": "workshop",
            "title": "Bulguların doğrulanması",
            "language": "tr",
            "organisations": [org_a.pk],
            "objectives": [Objective.objects.get(number=9).pk],
        },
    )
    consultation = Consultation.objects.get(title="Bulguların doğrulanması")
    assert consultation.language == "tr"
    page = client.get(cycle_url(cycle, "consultation-edit", consultation_pk=consultation.pk))
    assert selected(page.content.decode(), "language") == "tr"


def test_the_coordinators_instructions_take_the_interface_language(client, cycle, coordinator):
    client = in_turkish(client, coordinator)
    page = client.get(cycle_url(cycle, "assessment-home")).content.decode()
    assert selected(page, "language") == "tr"
    client.post(
        cycle_url(cycle, "collection-edit"),
        {"deadline": "", "instructions": "Lütfen 14 Mayıs'a kadar yanıtlayın.", "language": "tr"},
    )
    collection = Collection.objects.get(cycle=cycle)
    assert collection.language == "tr"


@pytest.mark.parametrize("language", ["en", "tr"])
def test_the_services_write_new_texts_in_the_interface_language(
    language, cycle, coordinator, consultant, objective
):
    with translation.override(language):
        synthesis = services.synthesis_save(
            cycle=cycle, objective=objective, by=consultant, text="…", expected_version=1
        )
        consultation = services.consultation_save(
            cycle=cycle, by=consultant, date="2021-05-03", type="interview", title="…"
        )
        collection = services.collection_update(
            cycle=cycle, by=coordinator, deadline=None, instructions="…"
        )
    assert [synthesis.language, consultation.language, collection.language] == [language] * 3


def test_a_turkish_questionnaire_offers_turkish_for_an_objective_not_written_yet(
    cycle, org_a, objective, assignments, collection
):
    data = build_questionnaire(cycle=cycle, organisation=org_a, language="tr")
    with translation.override("tr"):
        ws = load_workbook(io.BytesIO(data))[sheet_title(objective.number)]
    at = layout(objective.actions.count())
    assert ws[f"B{at.language}"].value == "Türkçe"


def test_an_empty_input_read_back_from_a_turkish_questionnaire_is_unchanged(
    cycle, org_a, focal_a, objective, assignments, collection
):
    make_input(cycle, org_a, objective, situation="", language="en")
    data = build_questionnaire(cycle=cycle, organisation=org_a, language="tr")
    received, problems = services.questionnaire_receive(
        cycle=cycle, organisation=org_a, by=focal_a, file_name="q.xlsx", data=data
    )
    assert (received, problems) == (None, [])  # nothing to change: nothing kept
