"""The index follows the writes once they commit: saves, parts, links, translations, deletions."""

from gcmhub.assessments.models import Need
from gcmhub.core.workflow import State
from gcmhub.search.models import Entry, Kind
from gcmhub.search.selectors import entries_for_user
from gcmhub.search.tests.conftest import make_input, translate


def kinds_found(user, query):
    return [e.kind for e in entries_for_user(user, query=query)]


def test_an_input_is_indexed_when_its_save_commits(
    coordinator, cycle, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        input = make_input(cycle, org_a, 1, "Sınır yönetimi.", state=State.SUBMITTED)
    assert kinds_found(coordinator, "sınır") == [Kind.INPUT]

    with django_capture_on_commit_callbacks(execute=True):
        input.situation = "Return and readmission."
        input.language = "en"
        input.save()
    assert kinds_found(coordinator, "sınır") == []
    assert kinds_found(coordinator, "readmissions") == [Kind.INPUT]

    with django_capture_on_commit_callbacks(execute=True):
        Need.objects.create(input=input, type="data", description="Better statistics")
    assert kinds_found(coordinator, "statistic") == [Kind.INPUT]

    with django_capture_on_commit_callbacks(execute=True):
        input.delete()
    assert not Entry.objects.filter(kind=Kind.INPUT).exists()


def test_a_translation_saved_adds_an_entry_in_its_language(
    consultant, section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        section.save()
    assert kinds_found(consultant, "göçmen") == []
    with django_capture_on_commit_callbacks(execute=True):
        translate(section, "body", "<p>Göçmenlere destek.</p>")
    [entry] = entries_for_user(consultant, query="göçmenlere")
    assert (entry.language, entry.translated) == ("tr", True)


def test_a_rolled_back_write_leaves_the_index_as_it_was(coordinator, cycle, org_a):
    from django.db import transaction

    try:
        with transaction.atomic():
            make_input(cycle, org_a, 1, "Sınır yönetimi.", state=State.SUBMITTED)
            raise RuntimeError
    except RuntimeError:
        pass
    assert not Entry.objects.exists()


def test_the_rebuild_command_and_the_nightly_run_write_the_index_again(coordinator, cycle, org_a):
    import datetime as dt
    from io import StringIO

    from django.core.management import call_command

    from gcmhub.core import schedule
    from gcmhub.search.services import index_nightly

    make_input(cycle, org_a, 1, "Sınır yönetimi.", state=State.SUBMITTED)  # no commit: no entry
    assert kinds_found(coordinator, "sınır") == []
    out = StringIO()
    call_command("search_rebuild", stdout=out)
    assert "Search index:" in out.getvalue()
    assert kinds_found(coordinator, "sınır") == [Kind.INPUT]
    Entry.objects.all().delete()
    assert schedule.ENTRIES["search-rebuild"].send == "gcmhub.search.services.index_nightly"
    assert index_nightly(today=dt.date(2026, 1, 1)) == 0  # it sends no e-mail
    assert kinds_found(coordinator, "sınır") == [Kind.INPUT]
