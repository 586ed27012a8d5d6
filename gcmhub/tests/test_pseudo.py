"""Every page of the demo, for every persona, in Turkish: no interface text outside the
catalogue and no ISO date (issue 15). `gcmhub.tests.pseudo` says how a miss is found; the
first tests below show what it counts as one."""

import pytest
from django.conf import settings
from django.utils.translation import gettext

from gcmhub.core.models import User
from gcmhub.documents.models import Document
from gcmhub.tests import pseudo
from gcmhub.tests.demo import load_demo

# The demo's accounts, one of each role, and a visitor who is not signed in (sign-in page,
# public reports).
PERSONAS = ["coordinator", "consultant", "focal", "observer", "regional", None]

KNOWN = pseudo.Known.of(
    ["Department of Combating Irregular Migration", "DGMM", "Ankara", "2021 H2", "Ayşe Demir"],
    english=["Urgency of the need"],  # a criterion's English name beside its Turkish one
)


def misses(html):
    return [(m.kind, m.text) for m in pseudo.page_misses(html, KNOWN)]


def test_marked_text_user_data_numbers_and_proper_names_are_no_miss():
    html = (
        '<html lang="tr"><body><h1>⟦Kurumlar⟧</h1>'
        "<p>DGMM · Department of Combating Irregular Migration (12) · 2021 H2</p>"
        '<p title="⟦Düzenle⟧">⟦%(name)s tarafından⟧ Ayşe Demir, 3,5 %</p>'
        "<p>GCM · SDG 10.7 · IOM · a63490027a38</p></body></html>"
    )
    assert misses(html) == []


def test_interface_text_outside_the_catalogue_is_a_miss_with_its_text():
    html = (
        '<html lang="tr"><body><p>⟦Durum⟧: Draft</p>'
        '<input placeholder="Search"><button aria-label="Close">×</button></body></html>'
    )
    assert misses(html) == [
        ("untranslated", "Draft"),
        ("untranslated", "Search"),
        ("untranslated", "Close"),
    ]


def test_iso_dates_and_timestamps_are_misses_even_inside_translations():
    html = (
        '<html lang="tr"><body><p>⟦Toplantı 2021-06-24⟧</p>'
        '<p>⟦Güncellendi⟧ 2026-12-01T08:36:29+00:00</p><time datetime="2021-06-24">'
        "⟦24 Haziran 2021⟧</time></body></html>"
    )
    assert misses(html) == [
        ("ISO date", "Toplantı 2021-06-24"),
        ("ISO date", "Güncellendi 2026-12-01T08:36:29+00:00"),
    ]


def test_an_english_name_shown_where_a_turkish_one_exists_is_a_miss():
    html = (
        '<html lang="tr"><body><p>⟦Ölçüt⟧: Urgency of the need</p>'
        '<p lang="en">Urgency of the need</p><textarea>Urgency of the need</textarea>'
        "</body></html>"
    )
    assert misses(html) == [("English name where a Turkish one exists", "Urgency of the need")]


def test_text_the_page_declares_english_is_no_miss_but_its_iso_dates_are():
    html = (
        '<html lang="tr"><body><div lang="en"><h2>Executive summary</h2>'
        "<p>Issued 2021-07-02</p></div><script>const label = 'Save';</script></body></html>"
    )
    assert misses(html) == [("ISO date", "Issued 2021-07-02")]


@pytest.mark.django_db
def test_pseudo_catalogue_marks_the_projects_and_djangos_translations(tmp_path):
    with pseudo.pseudo_turkish(tmp_path):
        assert gettext("Sign in") == "⟦Oturum aç⟧" or gettext("Sign in").startswith("⟦")
        assert gettext("January").startswith("⟦")  # Django's own catalogue (month names)
    assert not gettext("Sign in").startswith("⟦")


@pytest.mark.django_db
@pytest.mark.crawl
def test_every_page_of_every_persona_is_in_turkish(client, tmp_path):
    """Each page each demo persona reaches from the landing pages, in Turkish: a miss is
    reported with the persona and the page."""
    load_demo()
    known = pseudo.known_texts()
    public = [f"/reports/{d.public_token}/" for d in Document.objects.filter(public=True)]
    report, pages = [], 0
    with pseudo.pseudo_turkish(tmp_path):
        for persona in PERSONAS:
            client.logout()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "tr"
            if persona:
                client.force_login(User.objects.get(username=persona))
            for page in pseudo.crawl(client, ["/", "/networks/", *public]):
                pages += 1
                who = persona or "visitor"
                if pseudo.OPEN not in page.html:
                    report.append(f"{who} {page.url}: not rendered with the pseudo catalogue")
                history = page.url.split("?")[0].endswith("/history/")
                for miss in pseudo.page_misses(page.html, known, names=not history):
                    report.append(f"{who} {page.url} {miss.kind}: {miss.text}")
    assert pages > 300, f"the crawl reached only {pages} pages"
    assert not report, f"{len(report)} misses:\n" + "\n".join(report)
