"""Editions in two languages: the original stays, the translation stands beside it and says
when it is out of date (issue 15)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gcmhub.assessments.models import Synthesis
from gcmhub.core.errors import StaleVersion
from gcmhub.editions import registry, services
from gcmhub.editions.access import may_translate_in
from gcmhub.editions.models import Translation
from gcmhub.editions.registry import Paired
from gcmhub.editions.selectors import waiting
from gcmhub.editions.texts import edition, prefetch, source_hash
from gcmhub.framework.models import Objective
from gcmhub.tests.matrix import A, F, N, assert_page_matrix


@pytest.fixture
def paired(cycle):
    """Syntheses with editions, as an app registers them (the registration is put back after)."""
    before = registry.paired_by_key("assessments.synthesis")
    registry.register(
        Paired(
            model=Synthesis,
            fields=("text",),
            language=lambda s: getattr(s, "language", "en"),
            cycle=lambda s: s.cycle,
            may_translate=lambda user, s: may_translate_in(user, s.cycle),
            label=lambda s: f"Synthesis of objective {s.objective.number}",
            changed=lambda s: (s.updated_by, s.updated_at),
            select_related=("cycle", "objective"),
        )
    )

    def texts(cycle):
        return Synthesis.objects.filter(cycle=cycle).select_related("objective", "updated_by")

    saved_texts = list(registry._CYCLE_TEXTS)
    registry._CYCLE_TEXTS[:] = [texts]
    yield
    registry._CYCLE_TEXTS[:] = saved_texts
    if before is None:
        registry._PAIRED.pop("assessments.synthesis")
    else:
        registry.register(before)


def translate_page(cycle, text) -> str:
    return reverse(
        "translate",
        kwargs={
            "network_slug": cycle.network.slug,
            "cycle_pk": cycle.pk,
            "label": "assessments.synthesis",
            "pk": text.pk,
        },
    )


def synthesis(cycle, number=9, text="Data on irregular migration are scattered.", by=None):
    return Synthesis.objects.create(
        cycle=cycle, objective=Objective.objects.get(number=number), text=text, updated_by=by
    )


def test_a_text_without_translation_reads_as_its_original_marked_missing(paired, cycle):
    found = edition(synthesis(cycle), "text", "tr")
    assert found.text == "Data on irregular migration are scattered."
    assert (found.language, found.status, found.missing) == ("en", "missing", True)
    original = edition(synthesis(cycle, 10), "text", "en")
    assert (original.status, original.is_translation) == ("original", False)


def test_a_translation_is_stale_when_its_original_changes_after_it(paired, cycle, consultant):
    text = synthesis(cycle)
    services.translation_save(
        obj=text,
        field="text",
        language="tr",
        text="Düzensiz göç verileri dağınık.",
        by=consultant,
        expected_version=0,
    )
    found = edition(text, "text", "tr")
    assert (found.text, found.status, found.translated_by) == (
        "Düzensiz göç verileri dağınık.",
        "current",
        consultant,
    )
    Synthesis.objects.filter(pk=text.pk).update(
        text="Data on irregular migration are scattered across ministries."
    )
    assert edition(Synthesis.objects.get(pk=text.pk), "text", "tr").status == "stale"
    # The original put back as it was: the translation holds again.
    Synthesis.objects.filter(pk=text.pk).update(text="Data on irregular migration are scattered.")
    assert edition(Synthesis.objects.get(pk=text.pk), "text", "tr").status == "current"


def test_still_right_makes_a_stale_translation_current_without_changing_it(
    paired, cycle, consultant
):
    text = synthesis(cycle)
    row = services.translation_save(
        obj=text, field="text", language="tr", text="Veriler dağınık.", by=consultant
    )
    Synthesis.objects.filter(pk=text.pk).update(text="Data are scattered.")
    text = Synthesis.objects.get(pk=text.pk)
    services.translation_keep(
        obj=text, field="text", language="tr", by=consultant, expected_version=row.version
    )
    found = edition(Synthesis.objects.get(pk=text.pk), "text", "tr")
    assert (found.text, found.status) == ("Veriler dağınık.", "current")


def test_a_stale_save_is_refused_and_an_untouched_one_writes_nothing(paired, cycle, consultant):
    text = synthesis(cycle)
    row = services.translation_save(
        obj=text,
        field="text",
        language="tr",
        text="Veriler dağınık.",
        by=consultant,
        expected_version=0,
    )
    with pytest.raises(StaleVersion):
        services.translation_save(
            obj=text, field="text", language="tr", text="Başka.", by=consultant, expected_version=0
        )
    records = row.history.count()
    services.translation_save(
        obj=text,
        field="text",
        language="tr",
        text="Veriler dağınık.",
        by=consultant,
        expected_version=row.version,
    )
    assert row.history.count() == records
    assert Translation.objects.get().version == row.version
    # An emptied translation is removed, and the removal is in the history.
    services.translation_save(
        obj=text, field="text", language="tr", text="  ", by=consultant, expected_version=1
    )
    assert not Translation.objects.exists()
    assert Translation.history.latest().history_type == "-"


def test_an_untouched_stale_translation_stays_stale_when_saved_back(paired, cycle, consultant):
    text = synthesis(cycle)
    row = services.translation_save(
        obj=text, field="text", language="tr", text="Veriler dağınık.", by=consultant
    )
    Synthesis.objects.filter(pk=text.pk).update(text="Data are scattered.")
    text = Synthesis.objects.get(pk=text.pk)
    services.translation_save(
        obj=text,
        field="text",
        language="tr",
        text="Veriler dağınık.",
        by=consultant,
        expected_version=row.version,
    )
    assert edition(Synthesis.objects.get(pk=text.pk), "text", "tr").status == "stale"


def test_only_the_secretariat_translates(paired, cycle, focal_a, observer):
    text = synthesis(cycle)
    for person in (focal_a, observer):
        with pytest.raises(PermissionDenied):
            services.translation_save(
                obj=text, field="text", language="tr", text="Çeviri.", by=person
            )
    assert not Translation.objects.exists()


def test_the_original_language_has_no_translation(paired, cycle, consultant):
    with pytest.raises(ValidationError):
        services.translation_save(
            obj=synthesis(cycle), field="text", language="en", text="Again.", by=consultant
        )


def test_prefetch_reads_the_translations_of_many_texts_in_one_query(
    paired, cycle, django_assert_num_queries
):
    texts = [synthesis(cycle, number) for number in (1, 2, 3, 4)]
    for text in texts[:2]:
        services.translation_seed(text, "text", "tr", f"Çeviri {text.pk}")
    fresh = list(Synthesis.objects.filter(pk__in=[t.pk for t in texts]).order_by("pk"))
    with django_assert_num_queries(1):
        prefetch(fresh)
        statuses = [edition(text, "text", "tr").status for text in fresh]
    assert statuses == ["current", "current", "missing", "missing"]


def test_the_queue_lists_missing_and_stale_with_who_changed_the_original(paired, cycle, consultant):
    first = synthesis(cycle, 1, by=consultant)
    second = synthesis(cycle, 2, by=consultant)
    synthesis(cycle, 3, text="")  # nothing to translate
    services.translation_seed(first, "text", "tr", "Eski çeviri.")
    Synthesis.objects.filter(pk=first.pk).update(text="Changed.")
    services.translation_seed(second, "text", "tr", "Güncel çeviri.")
    rows = waiting(Synthesis.objects.filter(cycle=cycle).order_by("objective__number"))
    assert [(row.obj.objective.number, row.status, row.changed_by) for row in rows] == [
        (1, "stale", consultant)
    ]


def test_the_translate_page_saves_marks_stale_and_keeps(paired, client, cycle, consultant):
    text = synthesis(cycle)
    url = translate_page(cycle, text)
    client.force_login(consultant)
    page = client.get(url).content.decode()
    assert "Data on irregular migration are scattered." in page
    assert "not translated" in page
    response = client.post(
        url, {"text": "Düzensiz göç verileri dağınık.", "text__version": "0"}, follow=True
    )
    assert "The translation has been saved." in response.content.decode()
    assert edition(text, "text", "tr").text == "Düzensiz göç verileri dağınık."
    # The original changes: the page says so and shows what changed.
    Synthesis.objects.filter(pk=text.pk).update(
        text="Data on irregular migration are scattered across ministries."
    )
    page = client.get(url).content.decode()
    assert "out of date" in page
    assert "<del>scattered.</del><ins>scattered across ministries.</ins>" in page.replace(
        "<ins> </ins>", " "
    ) or ("<ins>" in page and "ministries" in page)
    version = Translation.objects.get().version
    response = client.post(
        url,
        {"text": "Düzensiz göç verileri dağınık.", "text__version": str(version), "keep": "text"},
        follow=True,
    )
    assert "still right" in response.content.decode()
    assert edition(Synthesis.objects.get(pk=text.pk), "text", "tr").status == "current"
    # Someone else saved meanwhile: refused, with the message, and nothing is changed.
    response = client.post(url, {"text": "Başka bir çeviri.", "text__version": "0"})
    assert "Someone else saved this translation" in response.content.decode()
    assert Translation.objects.get().text == "Düzensiz göç verileri dağınık."


def test_translate_and_queue_pages_answer_each_persona(paired, client, personas, cycle):
    text = synthesis(cycle)
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk}
    order = ("coordinator", "consultant", "focal_a", "observer", "outsider")
    assert_page_matrix(
        client,
        personas,
        reverse("translate", kwargs={**kwargs, "label": "assessments.synthesis", "pk": text.pk}),
        [A, A, F, F, N],
        order=order,
    )
    responses = assert_page_matrix(
        client, personas, reverse("translations", kwargs=kwargs), [A, A, F, F, N], order=order
    )
    assert "Synthesis of objective 9" in responses["consultant"].content.decode()
    # A kind of text without editions is not there.
    client.force_login(personas["consultant"])
    other = reverse("translate", kwargs={**kwargs, "label": "core.user", "pk": 1})
    assert client.get(other).status_code == N


def test_a_translation_of_an_original_that_changed_meanwhile_is_refused(paired, cycle, consultant):
    text = synthesis(cycle)
    seen = source_hash(text.text)
    Synthesis.objects.filter(pk=text.pk).update(text="Someone changed it meanwhile.")
    with pytest.raises(StaleVersion):
        services.translation_save(
            obj=text,
            field="text",
            language="tr",
            text="Eski metnin çevirisi.",
            by=consultant,
            expected_version=0,
            seen_source=seen,
        )
    assert not Translation.objects.exists()


def test_an_illustrative_translation_saved_back_untouched_keeps_its_mark(
    paired, client, cycle, consultant
):
    text = synthesis(cycle)
    services.translation_seed(text, "text", "tr", "Örnek çeviri.", illustrative=True)
    Synthesis.objects.filter(pk=text.pk).update(text="Changed after the translation.")
    url = translate_page(cycle, text)
    client.force_login(consultant)
    page = client.get(url)
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    client.post(url, data)
    row = Translation.objects.get()
    assert (row.illustrative, row.version, row.history.count()) == (True, 1, 1)
    assert edition(Synthesis.objects.get(pk=text.pk), "text", "tr").status == "stale"


def test_still_right_with_a_changed_translation_on_the_page_keeps_what_was_typed(
    paired, client, cycle, consultant
):
    text = synthesis(cycle)
    services.translation_seed(text, "text", "tr", "Eski çeviri.")
    Synthesis.objects.filter(pk=text.pk).update(text="Changed.")
    url = translate_page(cycle, text)
    client.force_login(consultant)
    response = client.post(
        url, {"text": "Yeni yazdığım çeviri.", "text__version": "1", "keep": "text"}
    )
    page = response.content.decode()
    assert "You changed the translation on this page" in page
    assert "Yeni yazdığım çeviri." in page  # what was typed is still on the page
    row = Translation.objects.get()
    assert (
        row.text == "Eski çeviri."
        and edition(Synthesis.objects.get(pk=text.pk), "text", "tr").stale
    )


def test_the_queue_is_remembered_and_follows_every_write(paired, client, cycle, consultant):
    """The cycle's queue is computed once per change: a translation saved takes its text off,
    an original changed puts it back as out of date, a new text joins it."""
    import re

    from gcmhub.assessments.services import synthesis_save

    def save(number, text):
        current = Synthesis.objects.filter(cycle=cycle, objective__number=number).first()
        return synthesis_save(
            cycle=cycle,
            objective=Objective.objects.get(number=number),
            by=consultant,
            text=text,
            expected_version=current.version if current else 1,
            language="en",
        )

    def queue() -> list[str]:
        page = client.get(reverse("translations", kwargs=kwargs)).content.decode()
        return sorted(  # the fixture's texts come in the database's order
            f"{number} {'stale' if 'out of date' in row else 'missing'}"
            for row in page.split("<tr")[2:]  # the rows after the heading's
            for number in re.findall(r"Synthesis of objective (\d+)\b", row)
        )

    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk}
    client.force_login(consultant)
    first = save(1, "Data are scattered.")
    save(2, "Referral works.")
    assert queue() == ["1 missing", "2 missing"]
    assert queue() == ["1 missing", "2 missing"]  # read again from what was remembered
    services.translation_save(
        obj=first, field="text", language="tr", text="Veriler dağınık.", by=consultant
    )
    assert queue() == ["2 missing"]
    save(1, "Data are scattered across ministries.")
    assert queue() == ["1 stale", "2 missing"]
    save(3, "Returns are voluntary.")
    assert queue() == ["1 stale", "2 missing", "3 missing"]
