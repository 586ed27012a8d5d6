"""Reads of documents and reviews, filtered by what the user may see."""

import json

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from gcmhub.core.access import actor_for, network_of
from gcmhub.core.memo import remembered
from gcmhub.core.permissions import Perm
from gcmhub.documents.models import Comment, Document, Review, Version


def versions_of(document: Document) -> QuerySet[Version]:
    return (
        document.versions.select_related("issued_by").order_by("-major", "-minor").defer("content")
    )


def latest_version(document: Document) -> Version | None:
    """The latest version, without its frozen content (read if asked for: a large report's
    is megabytes)."""
    return document.versions.order_by("-major", "-minor").defer("content").first()


def final_version(document: Document) -> Version | None:
    return document.versions.filter(major__gte=1).first()


def version_summary(version: Version) -> dict:
    """What the page of a version shows before a section is opened, without reading its
    content again (a version never changes: kept by its content's hash): {"editions":
    {language: the edition's title, language, network, cycle and sections ({"key", "number",
    "title", "kind"}), its own language first}, "complete": the languages complete, "size":
    the characters of its content}."""
    from gcmhub.documents.content import complete_languages, editions_of

    def summary():
        content = Version.objects.values_list("content", flat=True).get(pk=version.pk)
        return {
            "editions": {
                language: {
                    **{key: edition.get(key) for key in SUMMARY_KEYS},
                    "sections": [
                        {key: s[key] for key in ("key", "number", "title", "kind")}
                        for s in edition["sections"]
                    ],
                }
                for language, edition in editions_of(content).items()
            },
            "complete": complete_languages(content),
            "size": len(json.dumps(content, ensure_ascii=False)),
        }

    if getattr(version, "_summary", None) is None:  # once a request, however many ask
        version._summary = remembered(
            f"documents:version:{version.pk}",
            stamp=version.content_hash,
            compute=summary,
            per_language=False,
        )
    return version._summary


SUMMARY_KEYS = ("title", "subtitle", "network", "cycle", "country", "language", "labels")


def version_outline(version: Version) -> list[dict]:
    """The sections of `version` in its own language ({"key", "number", "title", "kind"}),
    without reading its content again (see `version_summary`)."""
    return next(iter(version_summary(version)["editions"].values()))["sections"]


def versions_compared(old: Version, new: Version, *, texts: bool = True) -> list[dict]:
    """Each edition of `new` compared with `old`'s: {"language", "sections" (see
    `diff.compare`), "older_has_it"}. Versions never change: the comparison of two is made
    once (by their contents' hashes). Without `texts`, an unchanged section's "diff" (its
    whole text) is None: in a long report the unchanged sections are nearly all of it (7 MB
    of a 16x network's 7.5 MB comparison), which a page showing the changes need not read."""
    from gcmhub.documents.content import editions_of
    from gcmhub.documents.diff import compare_editions

    def compared():
        both = Version.objects.filter(pk__in=[old.pk, new.pk])
        contents = dict(both.values_list("pk", "content"))
        old_content, new_content = contents[old.pk], contents[new.pk]
        return [
            {
                "language": language,
                "sections": sections,
                # A version issued before documents had two editions has only its own.
                "older_has_it": language in editions_of(old_content),
            }
            for language, sections in compare_editions(old_content, new_content)
        ]

    stamp = f"{old.content_hash}:{new.content_hash}"
    whole = {"name": f"documents:compare:{old.pk}:{new.pk}", "stamp": stamp, "per_language": False}
    if texts:
        return remembered(**whole, compute=compared)

    def changes():
        return [
            {
                **edition,
                "sections": [
                    {**s, "diff": None} if s["status"] == "same" else s for s in edition["sections"]
                ],
            }
            for edition in remembered(**whole, compute=compared)
        ]

    return remembered(
        f"documents:compare-changes:{old.pk}:{new.pk}",
        stamp=stamp,
        per_language=False,
        compute=changes,
    )


def reviews_of(document: Document) -> QuerySet[Review]:
    return (
        Review.objects.filter(version__document=document)
        .select_related("version", "opened_by")
        .defer("version__content")  # the whole frozen report: not needed to list reviews
        .prefetch_related("organisations")
        .order_by("-opened_at")
    )


def comments_visible_to(user, review: Review) -> QuerySet[Comment]:
    """The comments of a review (its own and those carried over to its version) the user may
    read: editors all submitted ones; a reviewer their organisation's, their own drafts, and
    every comment once it has a disposition."""
    document = review.version.document
    actor = actor_for(user, network_of(document.cycle))
    comments = Comment.objects.filter(
        Q(review=review) | Q(carried_to=review.version)
    ).select_related("organisation", "author", "addressed_in", "review__version", "disposed_by")
    # Versions carry the whole frozen report: a comment needs only their numbers.
    comments = comments.defer("addressed_in__content", "review__version__content")
    if actor.has(Perm.COMMENT_DISPOSE):
        return comments.filter(submitted_at__isnull=False)
    if actor.has(Perm.REVIEW_COMMENT) and actor.organisation_id:
        return comments.filter(
            Q(organisation_id=actor.organisation_id, submitted_at__isnull=False)
            | Q(author=user, submitted_at__isnull=True)
            | ~Q(disposition="")
        )
    return comments.none()


def matrix(comments: QuerySet[Comment], filters: dict) -> QuerySet[Comment]:
    """Apply the matrix filters (organisation, section, type, disposition, open)."""
    if filters.get("organisation"):
        comments = comments.filter(organisation_id=filters["organisation"])
    if filters.get("section"):
        comments = comments.filter(section_key=filters["section"])
    if filters.get("type"):
        comments = comments.filter(type=filters["type"])
    if filters.get("disposition") == "open":
        comments = comments.filter(disposition="")
    elif filters.get("disposition"):
        comments = comments.filter(disposition=filters["disposition"])
    return comments.order_by("number", "pk")


def section_titles(document: Document, language: str | None = None) -> dict:
    """{section key: its title in `language` (default: the reader's), an `editions.Edition`
    (`text`, `language`, `missing`)}; the sections' translations read in one query."""
    from gcmhub.editions.texts import edition, prefetch

    sections = prefetch(document.sections.only("pk", "key", "title", "document_id"))
    for section in sections:
        section.document = document  # its language is the document's
    return {section.key: edition(section, "title", language) for section in sections}


def comments_titled(comments, document: Document, titles: dict | None = None) -> list:
    """`comments`, each with `section_heading`: its section's title in the reader's language
    (see `section_titles`), or the title it was made on if the section has gone since."""
    from gcmhub.editions.texts import Edition

    titles = section_titles(document) if titles is None else titles
    reader = get_language().split("-")[0]
    comments = list(comments)
    for comment in comments:
        comment.section_heading = titles.get(comment.section_key) or Edition(
            text=comment.section_title,
            language=document.language,
            wanted=reader,
            original_language=document.language,
        )
    return comments
