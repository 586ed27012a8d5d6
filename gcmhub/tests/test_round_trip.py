"""Every edit form gives back exactly what a person wrote (issue 12).

On the Türkiye demo (every formset filled), as the persona who may edit it, each edit page is
loaded, its HTML form is posted back untouched as a browser would send it, and the whole
database is compared before and after: an untouched save writes nothing at all (no domain row
changes, no version counter moves, no history record). Then one field is changed and exactly that
field (with the edited object's version counter and "updated" stamps) must change.

The registry below is checked against the URL configuration: a new view that accepts POST must be
listed here, either as an edit form with its cases or, with a reason, as something else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from gcmhub.tests.roundtrip import changes, history_count, page_form, post_form, snapshot

# Fields that record that a change happened rather than what changed.
BOOKKEEPING = {"version", "updated_at", "updated_by_id", "modified_at"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module inside a transaction rolled back at its end;
    each test runs in its own savepoint on top of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


def cycle_kwargs(**extra):
    from gcmhub.core.models import Cycle

    cycle = Cycle.objects.get(title="GCM Needs Assessment 2021")
    return {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **extra}


def network_kwargs(**extra):
    return {"network_slug": cycle_kwargs()["network_slug"], **extra}


@dataclass
class Case:
    """One edit form: who edits it, where, and one change with the fields it must touch."""

    id: str
    url_name: str
    persona: str
    kwargs: Callable[[], dict]
    change: dict  # form field name -> new value
    expect: set  # (model label, field) that the change touches
    page: Callable[[], str] | None = None  # the page that shows the form, if another one
    submit: str | None = None  # the button clicked (the first one when None)
    setup: Callable[[], None] | None = None  # bring the demo to a state where the form edits
    ok: Callable = field(default=lambda response: response.status_code == 302)


def _pk(model_path: str, **lookup) -> int:
    from django.apps import apps

    return (
        apps.get_model(model_path)
        .objects.filter(**lookup)
        .order_by("pk")
        .values_list("pk", flat=True)[0]
    )


CASES: list[Case] = [
    Case(
        "profile",
        "profile",
        "focal",
        dict,
        change={"first_name": "Ayşe Nur"},
        expect={("core.User", "first_name")},
    ),
    Case(
        "cycle-edit",
        "cycle-edit",
        "coordinator",
        cycle_kwargs,
        change={"title": "GCM Needs Assessment 2021 (revised)"},
        expect={("core.Cycle", "title")},
    ),
    Case(
        "cooperation-framework-edit",
        "cooperation-framework-edit",
        "coordinator",
        cycle_kwargs,
        change={"outcomes-0-statement": "By 2025, more people are protected."},
        expect={("framework.FrameworkOutcome", "statement")},
    ),
    Case(
        "input-edit",
        "input-edit",
        "focal",
        lambda: cycle_kwargs(
            input_pk=_pk(
                "assessments.Input",
                state="returned",
                organisation__memberships__user__username="focal",
            )
        ),
        change={"needs-0-description": "Shelters for victims in every province."},
        expect={("assessments.Need", "description")},
    ),
    Case(
        "document-edit",
        "document-edit",
        "coordinator",
        lambda: cycle_kwargs(document_pk=_pk("documents.Document", kind="terms_of_reference")),
        change={"title": "Terms of reference of the network (draft)"},
        expect={("documents.Document", "title")},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_an_untouched_save_writes_nothing(client, demo, case, django_capture_on_commit_callbacks):
    from gcmhub.core.models import User

    if case.setup:
        case.setup()
    client.force_login(User.objects.get(username=case.persona))
    url = reverse(case.url_name, kwargs=case.kwargs())
    response = client.get(case.page() if case.page else url)
    assert response.status_code == 200
    form = page_form(response, action=url)
    before, records = snapshot(), history_count()
    response = post_form(client, form, submit=case.submit)
    assert case.ok(response), _errors(response)
    assert changes(before, snapshot()) == set()
    assert history_count() == records, "an untouched save wrote history"


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_one_changed_field_changes_only_that_field(client, demo, case):
    from gcmhub.core.models import User

    if case.setup:
        case.setup()
    client.force_login(User.objects.get(username=case.persona))
    url = reverse(case.url_name, kwargs=case.kwargs())
    response = client.get(case.page() if case.page else url)
    form = page_form(response, action=url)
    before = snapshot()
    response = post_form(client, form, submit=case.submit, changes=case.change)
    assert case.ok(response), _errors(response)
    found = changes(before, snapshot(), ignore=BOOKKEEPING)
    assert {(label, name) for label, _pk, name in found} == case.expect
    assert len({(label, pk) for label, pk, _name in found}) == len(
        {label for label, _pk, _name in found}
    ), f"more than one row changed: {found}"


def _errors(response) -> str:
    """The errors the page shows, to say why a save was refused."""
    import re

    text = response.content.decode() if hasattr(response, "content") else ""
    found = re.findall(r'class="[^"]*(?:errorlist|error|alert)[^"]*"[^>]*>(.*?)</', text, re.S)
    return f"{response.status_code}: {[f.strip() for f in found][:10]}"
