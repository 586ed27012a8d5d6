"""Search shows each persona what the pages show them: drafts only to their organisation, an
observer only what is published, nothing of another network."""

import datetime as dt

import pytest
from django.utils import timezone

from gcmhub.core.workflow import State
from gcmhub.documents.models import Comment, Review, Version
from gcmhub.framework.models import Objective
from gcmhub.search.models import Kind
from gcmhub.search.selectors import entries_for_user
from gcmhub.search.services import index_rebuild
from gcmhub.search.tests.conftest import make_input, translate


def found(user, query, **filters):
    return {(e.kind, e.title) for e in entries_for_user(user, query=query, **filters)}


def titles(user, query, kind):
    return {title for k, title in found(user, query) if k == kind}


@pytest.fixture
def inputs(cycle, org_a, org_b, other_cycle, other_org):
    draft = make_input(cycle, org_a, 1, "Göçmenlere yönelik hizmetler yetersiz.")
    submitted = make_input(
        cycle, org_b, 2, "Göçmen işçiler için hukuki destek.", state=State.SUBMITTED
    )
    elsewhere = make_input(
        other_cycle, other_org, 3, "Göçmenlerin sağlık hizmetleri.", state=State.SUBMITTED
    )
    index_rebuild()
    return {"draft": draft, "submitted": submitted, "elsewhere": elsewhere}


def test_search_finds_what_the_input_pages_show_each_persona(personas, inputs):
    def inputs_found(name):
        entries = entries_for_user(personas[name], query="göçmenlere")
        return {e.object_id for e in entries if e.kind == Kind.INPUT}

    draft, submitted, elsewhere = (inputs[k].pk for k in ("draft", "submitted", "elsewhere"))
    assert inputs_found("focal_a") == {draft}
    assert inputs_found("focal_b") == {submitted}
    assert inputs_found("coordinator") == {submitted}
    assert inputs_found("consultant") == {submitted}
    assert inputs_found("observer") == set()
    assert inputs_found("outsider") == {elsewhere}


def test_an_observer_finds_the_published_report_not_the_draft(
    personas, report, section, coordinator
):
    index_rebuild()
    observer = personas["observer"]
    assert found(observer, "migrants") == set()
    assert found(personas["consultant"], "migrants") == {(Kind.SECTION, "Introduction")}
    Version.objects.create(
        document=report,
        major=1,
        minor=0,
        content_hash="h",
        content={
            "language": "en",
            "title": "Needs assessment",
            "sections": [{"key": "intro", "title": "Introduction", "html": "<p>Migrants.</p>"}],
        },
    )
    index_rebuild()
    [entry] = entries_for_user(observer, query="migrant")
    assert (entry.kind, entry.published, entry.title) == (Kind.SECTION, True, "Introduction")
    assert entry.url.endswith("/documents/published/?edition=en#s-intro")
    assert found(personas["outsider"], "migrant") == set()


def test_a_turkish_translation_of_an_english_section_is_found_in_turkish(consultant, section):
    translate(section, "body", "<p>Göçmenlere destek.</p>")
    translate(section, "title", "Giriş")
    index_rebuild()
    [entry] = entries_for_user(consultant, query="göçmen")
    assert (entry.language, entry.translated, entry.title) == ("tr", True, "Giriş")
    assert "edition=tr" in entry.url


def test_a_draft_comment_is_found_only_by_its_author_until_it_is_submitted(personas, report, org_a):
    version = Version.objects.create(
        document=report, major=0, minor=1, content_hash="h", content={"language": "en"}
    )
    review = Review.objects.create(version=version, deadline=dt.date(2030, 1, 1))
    comment = Comment.objects.create(
        review=review,
        organisation=org_a,
        author=personas["focal_a"],
        section_key="intro",
        section_title="Introduction",
        type="general",
        text="Göçmenlere ilişkin veri eksik.",
    )
    index_rebuild()

    def comments(name):
        return titles(personas[name], "göçmen", Kind.COMMENT)

    assert comments("focal_a") == {"Introduction"}
    assert comments("focal_b") == comments("consultant") == comments("observer") == set()
    comment.submitted_at = timezone.now()
    comment.save()
    assert comments("consultant") == comments("coordinator") == {"Introduction"}
    assert comments("focal_b") == comments("outsider") == set()


def test_filters_narrow_the_results(coordinator, cycle, org_a, org_b):
    make_input(cycle, org_a, 1, "Göçmen verisi.", state=State.SUBMITTED)
    make_input(cycle, org_b, 2, "Göçmen hakları.", state=State.SUBMITTED)
    index_rebuild()

    assert len(found(coordinator, "göçmen")) == 2
    assert len(found(coordinator, "göçmen", objective=Objective.objects.get(number=2))) == 1
    [(_, title)] = found(coordinator, "göçmen", organisation=org_a)
    assert title.startswith("Ministry A")
    assert found(coordinator, "göçmen", kind=Kind.DECISION) == set()
    assert len(found(coordinator, "göçmen", cycle=cycle)) == 2


def test_organisations_are_found_by_their_turkish_name(focal_a, org_a, org_b):
    org_b.name_tr = "İçişleri Bakanlığı"
    org_b.save()
    index_rebuild()
    assert titles(focal_a, "içişleri", Kind.ORGANISATION) == {"İçişleri Bakanlığı"}
    assert titles(focal_a, "İÇİŞLERİ", Kind.ORGANISATION) == {"İçişleri Bakanlığı"}


def test_each_kind_is_found_by_those_whose_pages_show_it(personas, cycle, org_a):
    import datetime as dt
    from decimal import Decimal

    from gcmhub.assessments.models import Synthesis
    from gcmhub.meetings.models import AgendaItem, Meeting
    from gcmhub.priorities.models import Decision
    from gcmhub.tests.factories import FrameworkOutcomeFactory
    from gcmhub.workplan.models import Activity, Output

    objective = Objective.objects.get(number=11)
    Synthesis.objects.create(cycle=cycle, objective=objective, text="Border management.")
    Decision.objects.create(
        cycle=cycle, objective=objective, horizon="short", rationale="Border agencies first."
    )
    meeting = Meeting.objects.create(
        cycle=cycle,
        type="network",
        title="Network meeting",
        starts_at=timezone.now(),
        ends_at=timezone.now(),
    )
    AgendaItem.objects.create(meeting=meeting, title="Borders", minutes="Border gates discussed.")
    outcome = FrameworkOutcomeFactory(priority__framework__cycle=cycle)
    output = Output.objects.create(cycle=cycle, outcome=outcome, code="1.1.1", title="Output")
    Activity.objects.create(
        output=output,
        code="A1",
        title="Border training",
        starts=dt.date(2022, 1, 1),
        ends=dt.date(2022, 12, 31),
        budget_planned=Decimal(1),
    )
    index_rebuild()

    def kinds(name):
        return {e.kind for e in entries_for_user(personas[name], query="border")}

    everything = {Kind.SYNTHESIS, Kind.DECISION, Kind.MINUTES, Kind.ACTIVITY}
    assert kinds("coordinator") == kinds("consultant") == everything
    assert kinds("focal_a") == {Kind.DECISION, Kind.MINUTES, Kind.ACTIVITY}
    assert kinds("observer") == {Kind.ACTIVITY}
    assert kinds("outsider") == set()
