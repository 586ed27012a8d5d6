"""Reads of the search index, with the same permissions as the pages.

Which entries a person may read is asked of the apps' own visibility selectors (the ones their
pages and the API use) at query time: an input's entries only if `inputs_for_user` returns
the input (a draft only to its organisation), a comment's only if `comments_visible_to` does,
and so on; a kind of page the role may not open gives nothing; networks the person is not in
give nothing. Matching: PostgreSQL's full-text search in the entry's language configuration
(Turkish or English), ranked; elsewhere (SQLite) the Snowball stems of `search.text`."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, F, FloatField, Q, QuerySet, Value, When, Window

from gcmhub.assessments.selectors import consultations_for_user, inputs_for_user
from gcmhub.core.access import actor_for
from gcmhub.core.models import Cycle
from gcmhub.core.permissions import Perm
from gcmhub.core.selectors import networks_for_user
from gcmhub.directory.models import Organisation
from gcmhub.documents.models import Review
from gcmhub.documents.selectors import comments_visible_to
from gcmhub.search.models import Entry, Kind
from gcmhub.search.text import highlight, passage, query_terms

CONFIGS = {"tr": "turkish", "en": "english"}
NOTHING = Q(pk__in=[])

# Kinds a whole network's entries of which follow one permission of the pages that show them.
BY_PERMISSION = [
    (Kind.ORGANISATION, Perm.ORGANISATION_VIEW),
    (Kind.SYNTHESIS, Perm.INPUT_REVIEW),
    (Kind.DECISION, Perm.PRIORITY_VIEW),
    (Kind.ACTIVITY, Perm.WORKPLAN_VIEW),
    (Kind.MINUTES, Perm.MEETING_VIEW),
]


@dataclass
class Scope:
    """What a person may search: their networks (read for them) and those networks' cycles."""

    networks: list
    cycles: list

    @property
    def organisations(self) -> QuerySet[Organisation]:
        return Organisation.objects.filter(network__in=self.networks).order_by("name")


def scope_for(user) -> Scope:
    networks = list(networks_for_user(user).order_by("name"))
    by_pk = {n.pk: n for n in networks}
    cycles = list(
        Cycle.objects.filter(network__in=networks).order_by("network__name", "-start_date", "-pk")
    )
    for cycle in cycles:
        cycle.network = by_pk[cycle.network_id]  # with the user's role annotations
    return Scope(networks=networks, cycles=cycles)


def visible(user, scope: Scope) -> Q:
    """The entries `user` may read, as a filter on `Entry`."""
    seen = NOTHING
    for network in scope.networks:
        actor = actor_for(user, network)
        kinds = [kind for kind, perm in BY_PERMISSION if actor.has(perm)]
        if actor.has(Perm.DOCUMENT_VIEW):  # the live drafts of documents
            seen |= Q(network=network, kind=Kind.SECTION, published=False)
        elif actor.has(Perm.CYCLE_VIEW):  # the published final version of the report
            seen |= Q(network=network, kind=Kind.SECTION, published=True)
        if kinds:
            seen |= Q(network=network, kind__in=kinds)
    for cycle in scope.cycles:
        actor = actor_for(user, cycle.network)
        if actor.has(Perm.ASSESSMENT_VIEW):
            inputs = inputs_for_user(user, cycle=cycle)
            seen |= Q(cycle=cycle, kind=Kind.INPUT, object_id__in=inputs.values("pk"))
        consultations = consultations_for_user(user, cycle=cycle)
        if actor.has(Perm.CONSULTATION_VIEW):
            seen |= Q(cycle=cycle, kind=Kind.CONSULTATION, object_id__in=consultations.values("pk"))
    if any(actor_for(user, n).has(Perm.DOCUMENT_VIEW) for n in scope.networks):
        reviews = (
            Review.objects.filter(version__document__cycle__in=scope.cycles)
            .select_related("version__document__cycle")
            .defer("version__content")
        )
        cycles = {c.pk: c for c in scope.cycles}
        for review in reviews:
            cycle = cycles[review.version.document.cycle_id]
            if not actor_for(user, cycle.network).has(Perm.DOCUMENT_VIEW):
                continue
            review.version.document.cycle = cycle
            comments = comments_visible_to(user, review).filter(review=review)
            seen |= Q(kind=Kind.COMMENT, object_id__in=comments.values("pk"))
    return seen


def _match(query: str) -> tuple[Q, object]:
    """The filter of the entries matching every term of `query` in their language (see
    `text.Term`), and their rank."""
    matched, ranks = NOTHING, []
    for language, config in CONFIGS.items():
        terms = query_terms(query, language)
        if not terms:
            continue
        if connection.vendor == "postgresql":
            # PostgreSQL's own stems in the text's configuration (the word, and its stem
            # stemmed again), or a stem the prefix begins.
            asked = None
            for term in terms:
                either = SearchQuery(term.word, config=config)
                for lexeme in sorted(term.exact):
                    either |= SearchQuery(lexeme, config=config)
                if term.prefix:
                    either |= SearchQuery(f"'{term.prefix}':*", config="simple", search_type="raw")
                asked = either if asked is None else asked & either
            matched |= Q(language=language, vector=asked)
            ranks.append(When(language=language, then=SearchRank(F("vector"), asked)))
        else:
            matched |= Q(*(_sqlite_finds(term) for term in terms), language=language)
            ranks += [
                When(language=language, title_stems__contains=f" {lexeme} ", then=Value(1.0))
                for term in terms
                for lexeme in sorted(term.exact)
            ]
    return matched, Case(*ranks, default=Value(0.0), output_field=FloatField())


def _sqlite_finds(term) -> Q:
    """The entries whose stem index has one of the term's lexemes (or a word its stem begins)."""
    found = NOTHING
    for lexeme in sorted(term.exact):
        found |= Q(stems__contains=f" {lexeme} ")
    if term.prefix:
        found |= Q(stems__contains=f" {term.prefix}")
    return found


def entries_for_user(
    user,
    *,
    query: str,
    scope: Scope | None = None,
    cycle=None,
    objective=None,
    organisation=None,
    kind: str = "",
) -> QuerySet[Entry]:
    """The entries matching `query` that `user` may read, best first, with the filters."""
    scope = scope or scope_for(user)
    if not query.strip() or not scope.networks:
        return Entry.objects.none()
    matched, rank = _match(query)
    entries = Entry.objects.filter(visible(user, scope)).filter(matched)
    if cycle is not None:
        entries = entries.filter(cycle=cycle)
    if objective is not None:
        entries = entries.filter(objectives=objective)
    if organisation is not None:
        entries = entries.filter(organisations=organisation)
    if kind:
        entries = entries.filter(kind=kind)
    return entries.annotate(rank=rank).order_by(
        "-rank", "-cycle__start_date", "kind", "title", "pk"
    )


@dataclass
class Result:
    """One entry as the results page shows it: its passage and title with the matches marked."""

    entry: Entry
    title: str
    passage: str
    objectives: list
    organisations: list


def results(entries, query: str) -> list[Result]:
    """The page's entries with their marked title and passage (no query: read prefetched)."""
    return [
        Result(
            entry=e,
            title=highlight(e.title, query, e.language),
            passage=passage(e.body, query, e.language) if e.body else "",
            objectives=list(e.objectives.all()),
            organisations=list(e.organisations.all()),
        )
        for e in entries
    ]


def page_of(entries: QuerySet[Entry], number, *, size: int) -> Page:
    """One page of `entries`: their order and count in one narrow query (ids, a window
    count), then the page's rows with what the results show."""
    paginator = Paginator(entries, size)
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * size
    ranked = list(
        entries.annotate(total=Window(Count("pk"))).values_list("pk", "total")[start : start + size]
    )
    if not ranked and number > 1:  # past the last page: the last one, as Paginator.get_page
        return page_of(entries, max(1, paginator.num_pages), size=size)
    paginator.__dict__["count"] = ranked[0][1] if ranked else 0  # Paginator.count, known
    rows = (
        Entry.objects.filter(pk__in=[pk for pk, _ in ranked])
        .select_related("network", "cycle")
        .prefetch_related("objectives", "organisations")
        .defer("stems", "title_stems", "vector")
        .in_bulk()
    )
    return Page([rows[pk] for pk, _ in ranked], number, paginator)
