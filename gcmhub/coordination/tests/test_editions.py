"""SOP texts in two languages (issue 15): a rule's title and task are written in one language
and translated, the translation marked where it is shown and stale when the original changes;
single dates are typed and shown as the reader writes dates."""

import pytest
from django.urls import reverse
from django.utils import translation

from gcmhub.coordination import services
from gcmhub.coordination.models import SopRule
from gcmhub.coordination.tests.conftest import rule_data
from gcmhub.editions.services import translation_save


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def turkish(client):
    client.cookies["django_language"] = "tr"


@pytest.fixture
def rule(cycle, coordinator):
    return services.sop_rule_save(cycle=cycle, by=coordinator, language="en", **rule_data())


def test_a_rule_written_in_turkish_is_a_turkish_original(cycle, coordinator):
    with translation.override("tr"):
        written = services.sop_rule_save(
            cycle=cycle,
            by=coordinator,
            **rule_data(title="İlerleme raporları", task="ilerleme raporunu gönderir"),
        )
    assert written.language == "tr"
    with translation.override("en"):
        assert written.display_title == "İlerleme raporları"  # the original, nothing else


def test_the_new_rule_form_offers_the_readers_language(client, cycle, coordinator):
    client.force_login(coordinator)
    turkish(client)
    page = client.get(url(cycle, "sop-rule-create")).content.decode()
    assert '<option value="tr" selected>' in page


def test_the_turkish_edition_shows_marked_and_turns_stale_when_the_original_changes(
    client, cycle, rule, coordinator, consultant
):
    translation_save(
        obj=rule,
        field="title",
        language="tr",
        text="Çalışma planı ilerleme raporları",
        by=consultant,
        expected_version=0,
    )
    client.force_login(coordinator)
    turkish(client)
    page = client.get(url(cycle, "coordination")).content.decode()
    assert "Çalışma planı ilerleme raporları" in page
    assert f"Çeviren: {consultant.get_full_name()} (asıl dil: İngilizce)" in page

    services.sop_rule_save(
        cycle=cycle,
        by=coordinator,
        rule=SopRule.objects.get(pk=rule.pk),
        **rule_data(title="Half-yearly progress reports"),
    )
    page = client.get(url(cycle, "coordination")).content.decode()
    assert "Çalışma planı ilerleme raporları" in page  # still shown, marked out of date
    assert "Çeviri güncel değil: asıl metin (İngilizce) çeviriden sonra değişti" in page
    edit = client.get(url(cycle, "sop-rule-edit", rule_pk=rule.pk)).content.decode()
    assert "Çeviri güncel değil" in edit
    assert "Half-yearly progress reports" in edit


def test_the_coordinator_is_offered_to_translate_and_a_focal_point_is_not(
    client, cycle, rule, coordinator, focal_a
):
    translate = url(cycle, "translate", label="coordination.soprule", pk=rule.pk)
    client.force_login(coordinator)
    assert translate in client.get(url(cycle, "coordination")).content.decode()
    client.force_login(focal_a)
    assert translate not in client.get(url(cycle, "coordination")).content.decode()
    assert client.get(translate).status_code == 403


def test_the_translation_queue_of_the_cycle_lists_an_untranslated_rule(
    client, cycle, rule, coordinator
):
    client.force_login(coordinator)
    page = client.get(url(cycle, "translations")).content.decode()
    assert "SOP rule “Progress reports on the work plan”" in page


def test_single_dates_are_typed_and_shown_as_the_reader_writes_dates(client, cycle, coordinator):
    client.force_login(coordinator)
    turkish(client)
    data = {
        "kind": "reporting",
        "title": "Ara değerlendirme",
        "task": "ara değerlendirmeyi sunar",
        "language": "tr",
        "responsible": "secretariat",
        "day": "15",
        "dates": "15.06.2022",
        "starts": "2022-01-01",
        "ends": "2022-12-31",
        "remind_before": "7",
        "remind_after": "3",
    }
    client.post(url(cycle, "sop-rule-create"), data)
    rule = SopRule.objects.get(title="Ara değerlendirme")
    assert rule.dates == ["2022-06-15"]
    page = client.get(url(cycle, "sop-rule-edit", rule_pk=rule.pk)).content.decode()
    assert "15.06.2022</textarea>" in page
    assert "2022-06-15" not in page
    wrong = client.post(url(cycle, "sop-rule-create"), {**data, "dates": "31.02.2022"})
    errors = wrong.content.decode().split('id="id_dates_error"', 1)[1][:300]
    assert "31.02.2022" in errors and "15.06.2022" in errors  # the example in the reader's way


def test_the_turkish_terms_of_reference_read_the_turkish_edition_or_say_the_original_language(
    cycle, rule, coordinator, consultant
):
    from types import SimpleNamespace

    from gcmhub.coordination.tor import _sops

    data = SimpleNamespace(cycle=cycle)  # what the document engine hands a data section
    with translation.override("tr"):
        item = _sops(data)["blocks"][0]["items"][0]
    assert item.startswith("Progress reports on the work plan.")
    assert "İngilizce" in item  # the original's language, said
    for field, text in (("title", "İlerleme raporları"), ("task", "ilerleme raporunu gönderir")):
        translation_save(
            obj=rule, field=field, language="tr", text=text, by=consultant, expected_version=0
        )
    rule = SopRule.objects.get(pk=rule.pk)
    with translation.override("tr"):
        item = _sops(data)["blocks"][0]["items"][0]
    assert item.startswith("İlerleme raporları.") and "ilerleme raporunu gönderir" in item
    assert "İngilizce" not in item
