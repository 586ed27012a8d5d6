"""The files of documents, made by the worker and kept in storage (`core.jobs`): their names,
their fingerprints (what a stored file was made from, so a download knows whether it is still
the right one) and the makers the worker runs.

- An issued version's DOCX and PDF are requested when it is issued, in each language it has
  (`languages_of`); the final version's files carry the annexes (`hooks.annexes`: endorsements,
  attendance), so their fingerprint holds the annexes too and an endorsement answered asks for
  them again (`version_files_request`).
- A draft's file is requested when someone asks for it; its fingerprint is the hash of the
  content as it is now and the day (the draft's file says "Draft of <day>").

Their names (network, document, version, language) are made in `documents.names`.
"""

import hashlib
import json

from django.db.models import Max
from django.utils import timezone, translation

from gcmhub.documents import hooks
from gcmhub.documents.content import build_content, content_hash
from gcmhub.documents.models import Document, Version
from gcmhub.documents.names import DOCX, comments_file_name

FORMATS = ("docx", "pdf")

VERSION = "documents.version"
DRAFT = "documents.draft"
COMMENTS = "documents.comments"


def fingerprint(*values) -> str:
    """A short hash of plain values (dicts, lists, strings, dates), the same on every run."""
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# Issued versions


def languages_of(version: Version) -> list[str]:
    """The languages a version has files in: those of its editions, its own first (one for a
    version issued before documents had two editions, or of a document in one language)."""
    from gcmhub.documents.selectors import version_summary

    return list(version_summary(version)["editions"])


def version_key(version: Version, *, language: str, fmt: str) -> str:
    return f"{VERSION}:{version.pk}:{language}:{fmt}"


def version_fingerprint(version: Version, *, language: str) -> str:
    """What a version's file is made from: its content (by its hash), its title page (logos
    and credits as they are now) and, for the final version, the annexes as they are now (the
    endorsements answered so far)."""
    cover = cover_fingerprint(version.document, language=language)
    if version.major < 1:
        return f"{version.content_hash[:16]}-{cover[:16]}"
    with translation.override(language):
        annexes = hooks.annexes(version)
    return f"{version.content_hash[:16]}-{fingerprint(annexes, cover)}"


def make_document_file(
    document: Document, *, version: Version | None, fmt: str, language: str | None = None
):
    """(file name, bytes, content type) of the edition in `language` of the draft or of
    `version`: what the worker runs."""
    from gcmhub.documents.exports import document_file

    data, content_type, name = document_file(document, fmt, version, language=language)
    return name, data, content_type


def make_version(job, progress):
    version = Version.objects.select_related("document__cycle__network").get(
        pk=job.params["version"]
    )
    progress(10)
    return make_document_file(
        version.document, version=version, fmt=job.params["fmt"], language=job.language or None
    )


def make_draft(job, progress):
    document = Document.objects.select_related("cycle__network").get(pk=job.params["document"])
    progress(10)
    return make_document_file(
        document, version=None, fmt=job.params["fmt"], language=job.language or None
    )


# Drafts


def draft_key(document: Document, *, language: str, fmt: str) -> str:
    return f"{DRAFT}:{document.pk}:{language}:{fmt}"


def cover_fingerprint(document: Document, *, language: str) -> str:
    """The title page as it is now: the logos (their files and descriptions) and the credits,
    which the coordinator may change after a file was made."""
    from gcmhub.directory.selectors import title_page

    cover = title_page(document.cycle.network, language=language)
    return fingerprint(
        [(logo.name, description) for logo, description in cover["logos"]],
        cover["prepared_by"],
        cover["supported_by"],
    )


def draft_fingerprint(
    document: Document, *, content: dict | None = None, language: str | None = None
) -> str:
    """The draft's edition in `language` as it is now (its content's hash, its title page)
    and today (the file is dated)."""
    content = content if content is not None else build_content(document, language)
    cover = cover_fingerprint(document, language=content["language"])
    return fingerprint(content_hash(content), cover, timezone.localdate())


# The comments matrix of a review in Word (the Excel one is quick: made in the request)


def comments_key(review, *, user, language: str) -> str:
    # The comments a person may read are theirs to read: one file per person.
    return f"{COMMENTS}:{review.pk}:{user.pk}:{language}:docx"


def comments_fingerprint(*, title: str, comments, language: str) -> str:
    from gcmhub.documents.exports import comments_matrix_rows

    with translation.override(language):
        return fingerprint(title, comments_matrix_rows(comments))


def make_comments(job, progress):
    from gcmhub.documents.exports import comments_matrix_docx
    from gcmhub.documents.models import Comment, Review

    review = Review.objects.select_related("version__document__cycle__network").get(
        pk=job.params["review"]
    )
    order = {pk: n for n, pk in enumerate(job.params["comments"])}
    comments = sorted(
        Comment.objects.filter(pk__in=order)
        .select_related("organisation", "addressed_in", "review__version")
        .defer("addressed_in__content", "review__version__content"),
        key=lambda c: order[c.pk],
    )
    progress(10)
    data = comments_matrix_docx(title=job.params["title"], comments=comments, language=job.language)
    return comments_file_name(review, language=job.language, fmt="docx"), data, DOCX


# Who may read a file made for a request (checked by the file's download page)


def _has(user, job, perm) -> bool:
    from gcmhub.core.access import actor_for

    return actor_for(user, job.cycle.network).has(perm)


def may_read_version(user, job) -> bool:
    from gcmhub.core.permissions import Perm

    final = job.params.get("final", False)
    return _has(user, job, Perm.CYCLE_VIEW if final else Perm.DOCUMENT_VIEW)


def may_read_draft(user, job) -> bool:
    from gcmhub.core.permissions import Perm

    return _has(user, job, Perm.DOCUMENT_VIEW)


def may_read_comments(user, job) -> bool:
    return user.is_authenticated and job.requested_by_id == user.pk


# Asking for files, finding them, serving them


def request(kind, *, key, fingerprint, params, cycle, language, fmt, by):
    """The job making (or that made) one file; `fmt` goes with the maker's parameters."""
    from gcmhub.core import jobs

    return jobs.request_file(
        kind,
        key=key,
        fingerprint=fingerprint,
        params={**params, "fmt": fmt},
        cycle=cycle,
        language=language,
        by=by,
    )


def current_job(key: str, fingerprint: str):
    """The newest job of `key` made (or being made) from `fingerprint`, or None."""
    from gcmhub.core.models import FileJob

    return FileJob.objects.filter(key=key, fingerprint=fingerprint).order_by("-pk").first()


def version_file_request(version: Version, *, language: str, fmt: str, by):
    """The job of one file of `version` (a new one only when none is made or being made from
    what the version's file holds now)."""
    return request(
        VERSION,
        key=version_key(version, language=language, fmt=fmt),
        fingerprint=version_fingerprint(version, language=language),
        params={"version": version.pk, "final": version.major >= 1},
        cycle=version.document.cycle,
        language=language,
        fmt=fmt,
        by=by,
    )


def version_files_request(version: Version, *, by) -> list:
    """The DOCX and PDF of `version` in each of its languages: asked for when it is issued
    and, for the final version, again when its annexes change (an endorsement answered)."""
    return [
        version_file_request(version, language=language, fmt=fmt, by=by)
        for language in languages_of(version)
        for fmt in FORMATS
    ]


def version_files(version: Version) -> list[dict]:
    """Each file of `version` as the version holds now: {"fmt", "language", "job"}, the job
    ready, pending or failed (None for a file not asked for yet), in the order of its
    languages and formats."""
    from gcmhub.core.models import FileJob

    wanted = {}  # (key, fingerprint): (fmt, language), in order
    for language in languages_of(version):
        digest = version_fingerprint(version, language=language)
        for fmt in FORMATS:
            wanted[(version_key(version, language=language, fmt=fmt), digest)] = (fmt, language)
    jobs = {}  # the newest job of each, read at once
    for job in FileJob.objects.filter(key__in=[key for key, _ in wanted]).order_by("pk"):
        jobs[(job.key, job.fingerprint)] = job
    return [
        {"fmt": fmt, "language": language, "job": jobs.get(pair)}
        for pair, (fmt, language) in wanted.items()
    ]


def draft_file_request(document: Document, *, fmt: str, by, language: str | None = None):
    """The job of the draft's file in `fmt`, of its edition in `language` (default: the
    document's)."""
    language = language or document.language
    return request(
        DRAFT,
        key=draft_key(document, language=language, fmt=fmt),
        fingerprint=draft_fingerprint(document, language=language),
        params={"document": document.pk},
        cycle=document.cycle,
        language=language,
        fmt=fmt,
        by=by,
    )


def draft_files(document: Document, *, content: dict) -> dict:
    """{fmt: the job of the file of the draft's edition `content` as it is now, or None}."""
    digest = draft_fingerprint(document, content=content)
    language = content.get("language") or document.language
    return {
        fmt: current_job(draft_key(document, language=language, fmt=fmt), digest) for fmt in FORMATS
    }


def draft_editions_files(document: Document, *, contents: dict[str, dict]) -> list[dict]:
    """Each file of the draft's editions as they are now: {"language", "fmt", "job"} (the
    job None for a file not asked for yet), `contents` being {language: edition}."""
    return [
        {"language": language, "fmt": fmt, "job": job}
        for language, content in contents.items()
        for fmt, job in draft_files(document, content=content).items()
    ]


def draft_last_files(document: Document, *, languages) -> list[dict]:
    """Each file of the draft's editions in `languages` as last asked for, without building
    the draft (a long one is built a section at a time): {"language", "fmt", "job"}, the job
    the newest of its file, made, being made or failed, from the draft as it was when asked
    for (None for a file never asked for). One query."""
    from gcmhub.core.models import FileJob

    wanted = {
        draft_key(document, language=language, fmt=fmt): (language, fmt)
        for language in languages
        for fmt in FORMATS
    }
    newest = (
        FileJob.objects.filter(key__in=list(wanted))
        .values("key")
        .annotate(last=Max("pk"))
        .values("last")
    )
    jobs = {job.key: job for job in FileJob.objects.filter(pk__in=newest)}
    return [
        {"language": language, "fmt": fmt, "job": jobs.get(key)}
        for key, (language, fmt) in wanted.items()
    ]


def comments_file_request(review, *, title: str, comments, language: str, by):
    return request(
        COMMENTS,
        key=comments_key(review, user=by, language=language),
        fingerprint=comments_fingerprint(title=title, comments=comments, language=language),
        params={"review": review.pk, "comments": [c.pk for c in comments], "title": str(title)},
        cycle=review.version.document.cycle,
        language=language,
        fmt="docx",
        by=by,
    )


def serve_or_wait(request, job, *, public_page: dict | None = None):
    """The job's stored file, or where it is seen being made: its page (its progress, then
    its link), or for the public (who have no account) a page that asks again by itself."""
    from django.shortcuts import redirect, render

    from gcmhub.core import jobs
    from gcmhub.core.models import JobStatus

    if job.status == JobStatus.DONE:
        return jobs.serve(job)
    if public_page is not None:
        return render(request, "documents/file_wait.html", {**public_page, "job": job})
    return redirect("file-job", pk=job.pk)


def register() -> None:
    from gcmhub.core.jobs import Maker, register_maker

    register_maker(Maker(kind=VERSION, make=make_version, may_read=may_read_version))
    register_maker(Maker(kind=DRAFT, make=make_draft, may_read=may_read_draft))
    register_maker(Maker(kind=COMMENTS, make=make_comments, may_read=may_read_comments))
