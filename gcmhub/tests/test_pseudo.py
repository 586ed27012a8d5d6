"""Every page of the demo, for every persona, in Turkish: no interface text outside the
catalogue and no ISO date (issue 15). See `gcmhub.tests.pseudo` for how a miss is found."""

import time

import pytest
from django.conf import settings
from django.core.management import call_command

from gcmhub.core.models import User
from gcmhub.documents.models import Document
from gcmhub.tests import pseudo

pytestmark = pytest.mark.django_db

PERSONAS = ["coordinator", "consultant", "focal", "observer", "regional", None]


def test_every_page_of_every_persona_is_in_turkish(client, tmp_path):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    known = pseudo.known_texts()
    public = [f"/reports/{d.public_token}/" for d in Document.objects.filter(public=True)]
    report = []
    started = time.monotonic()
    count = 0
    with pseudo.pseudo_turkish(tmp_path):
        for persona in PERSONAS:
            client.logout()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "tr"
            if persona:
                client.force_login(User.objects.get(username=persona))
            for page in pseudo.crawl(client, ["/", "/networks/", *public]):
                count += 1
                print("VISIT", persona, page.url)
                for miss in pseudo.page_misses(page.html, known):
                    report.append(f"{persona or 'anonymous'} {page.url} {miss.kind}: {miss.text}")
    print(count, "pages", time.monotonic() - started)
    assert not report, "\n".join(report)
