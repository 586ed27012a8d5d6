"""Writes on documents: outline, sections, recommendations, versions, reviews and comments."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from gcmhub.core.access import actor_for, require
from gcmhub.core.audit import delete_audited, locked, save_audited, save_changed
from gcmhub.core.errors import check_version
from gcmhub.core.models import Cycle, User
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.text import clean_text
from gcmhub.directory.models import Organisation
from gcmhub.documents import files, hooks, selectors
from gcmhub.documents.bilingual import document_languages
from gcmhub.documents.content import (
    content_hash,
    content_warnings,
    translation_gaps,
    version_content,
)
from gcmhub.documents.kinds import get_kind
from gcmhub.documents.models import (
    Comment,
    Document,
    Endorsement,
    EndorsementResponse,
    Recommendation,
    Review,
    ReviewStatus,
    Section,
    Version,
)
from gcmhub.notifications.models import Kind
from gcmhub.notifications.selectors import focal_points, holders_of
from gcmhub.notifications.services import Email, notify


class DocumentLocked(ValidationError):
    """The final version has been issued: the document takes no edits and no new comments."""

    def __init__(self):
        super().__init__(_("The final version has been issued; the document no longer changes."))


class NeedsConfirmation(ValidationError):
    """The version would go out with gaps a reader will notice (`warnings`), or with an edition
    whose translations are missing or out of date (`translations`: {language: [gaps]}); issue
    it only if confirmed."""

    def __init__(self, warnings: list[str], translations: dict[str, list[str]] | None = None):
        translations = translations or {}
        super().__init__([*warnings, *(gap for gaps in translations.values() for gap in gaps)])
        self.warnings = warnings
        self.translations = translations


class Unchanged(ValidationError):
    """The draft reads as its latest version: no new version (a double click, or two people)."""

    def __init__(self, latest: Version):
        super().__init__(
            _(
                "Nothing has changed since version %(number)s was issued, so no new version was "
                "made. Change the text or the data first."
            )
            % {"number": latest.number}
        )
        self.latest = latest


def _require_open(document_id: int) -> None:
    if Version.objects.filter(document_id=document_id, major__gte=1).exists():
        raise DocumentLocked


@transaction.atomic
def document_open(*, cycle: Cycle, kind: str, by: User, language: str | None = None) -> Document:
    """The cycle's document of this kind, created from the default outline the first time:
    written in `language` (default: the language of the interface), its title and section
    titles in that language, their editions in the other language seeded from the outline's
    titles in it (the outline in both languages from the start)."""
    document = Document.objects.filter(cycle=cycle, kind=kind).first()
    if document is not None:
        return document
    require(by, Perm.DOCUMENT_EDIT, cycle=cycle)
    language = _document_language(language)
    document_kind = get_kind(kind)
    titles = dict(zip(("en", "tr"), document_kind.titles, strict=True))
    document = save_audited(
        Document(
            cycle=cycle,
            kind=kind,
            title=titles[language],
            subtitle=_cycle_title(cycle, language),
            language=language,
        ),
        by=by,
    )
    seeds = [(document, "title", titles), (document, "subtitle", _cycle_titles(cycle))]
    for order, (key, section_kind, title_en, title_tr) in enumerate(document_kind.outline):
        section_titles = {"en": title_en, "tr": title_tr}
        section = save_audited(
            Section(
                document=document,
                key=key,
                order=order,
                title=section_titles[language],
                kind=section_kind,
            ),
            by=by,
        )
        seeds.append((section, "title", section_titles))
    _seed_other_language(document, seeds)
    return document


def _document_language(language: str | None) -> str:
    from django.utils import translation

    from gcmhub.documents.bilingual import LANGUAGES

    language = language or (translation.get_language() or "en")[:2]
    return language if language in LANGUAGES else "en"


def _cycle_title(cycle: Cycle, language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return str(cycle.display_title)


def _cycle_titles(cycle: Cycle) -> dict[str, str]:
    from gcmhub.documents.bilingual import LANGUAGES

    return {language: _cycle_title(cycle, language) for language in LANGUAGES}


def _seed_other_language(document: Document, seeds) -> None:
    """The editions of the outline's titles in the languages other than the document's, made
    by the system and current (`editions.services.translation_seed`)."""
    from gcmhub.documents.bilingual import document_languages
    from gcmhub.editions.services import translation_seed

    for language in document_languages(document)[1:]:
        for obj, field, texts in seeds:
            if texts.get(language):
                translation_seed(obj, field, language, texts[language])


@transaction.atomic
def document_update(
    *,
    document: Document,
    by: User,
    title: str | None = None,
    subtitle: str | None = None,
    language: str | None = None,
    compendium: bool | None = None,
    bilingual: bool | None = None,
) -> Document:
    """Rename the document; a title, subtitle, language, compendium or bilingual choice not
    given stays as it is (the compendium: the full texts of the inputs as an annex; bilingual:
    an edition in each language). A new language makes the texts' editions in it the
    originals (see `_switch_language`)."""
    document = locked(document)
    require(by, Perm.DOCUMENT_OUTLINE, cycle=document.cycle)
    _require_open(document.pk)
    if language is not None and language != document.language:
        _switch_language(document, language, by=by)
    if title is not None:
        document.title = clean_text(title)
    if subtitle is not None:
        document.subtitle = clean_text(subtitle)
    if compendium is not None:
        document.compendium = compendium
    if bilingual is not None:
        document.bilingual = bilingual
    return save_audited(document, by=by)


def _switch_language(document: Document, language: str, *, by: User) -> None:
    """The document is now written in `language`: each of its texts takes its edition in that
    language as its original, and the text it had becomes its translation in the language it
    was written in. Refused while a text has no edition in `language`."""
    from gcmhub.documents.bilingual import document_texts
    from gcmhub.editions.services import translation_save, translation_seed
    from gcmhub.editions.texts import is_blank, translation_of

    old = document.language
    swaps, untranslated = [], 0
    for obj in document_texts(document):
        for field in _PAIRED_FIELDS[type(obj).__name__]:
            row = translation_of(obj, field, language)
            if row is not None and not is_blank(row.text):
                swaps.append((obj, field, getattr(obj, field), row.text))
            elif not is_blank(getattr(obj, field)):
                untranslated += 1
    if untranslated:
        # A text with no edition in `language` would be taken for one written in it.
        raise ValidationError(
            {
                "language": ngettext(
                    "%(count)d text of the document has no edition in that language yet: "
                    "translate it first (the document's page lists it), then change the "
                    "document's language.",
                    "%(count)d texts of the document have no edition in that language yet: "
                    "translate them first (the document's page lists them), then change the "
                    "document's language.",
                    untranslated,
                )
                % {"count": untranslated}
            }
        )
    for obj, field, _original, _text in swaps:  # while the document is still in `old`
        translation_save(obj=obj, field=field, language=language, text="", by=by, check=False)
    document.language = language
    save_audited(document, by=by, update_fields=["language"], validate=False)
    for obj, field, original, text in swaps:
        target = document if isinstance(obj, Document) else type(obj).objects.get(pk=obj.pk)
        if target is not document:
            target.document = document
        setattr(target, field, text)
        save_audited(target, by=by, update_fields=[field], validate=False)
        translation_seed(target, field, old, original)
        if target is not document:
            setattr(obj, field, text)


_PAIRED_FIELDS = {
    "Document": ("title", "subtitle"),
    "Section": ("title", "body"),
    "Recommendation": ("text",),
}


@transaction.atomic
def outline_save(*, document: Document, by: User, rows: list[dict]) -> None:
    """Make the sections `rows` (id, title, kind) in this order; sections not listed go. A
    title None keeps the section's title.

    A removed section's text is kept in its history; issued versions keep it too.
    """
    require(by, Perm.DOCUMENT_OUTLINE, cycle=document.cycle)
    _require_open(document.pk)
    if not rows:
        raise ValidationError(_("A document needs at least one section."))
    existing = {s.pk: s for s in document.sections.all()}
    keys = {s.key for s in existing.values()}
    kept = set()
    for order, row in enumerate(rows):
        section = existing.get(row.get("id")) or Section(document=document)
        if row.get("title") is not None or section.pk is None:
            section.title = clean_text(row["title"] or "")
        section.kind = row["kind"]
        section.order = order
        if not section.key:
            section.key = _unique_key(slugify(section.title)[:50] or "section", keys)
            keys.add(section.key)
        save_audited(section, by=by)
        kept.add(section.pk)
    for pk, section in existing.items():
        if pk not in kept:
            delete_audited(section, by=by)


def _unique_key(base: str, taken: set[str]) -> str:
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def section_save(*, section: Section, by: User, body: str, expected_version: int) -> Section:
    """Save a section's text (sanitised by the field on clean) unless someone saved meanwhile."""
    section = (
        Section.objects.select_for_update().select_related("document__cycle").get(pk=section.pk)
    )
    require(by, Perm.DOCUMENT_EDIT, cycle=section.document.cycle)
    _require_open(section.document_id)
    check_version(
        section,
        expected_version,
        _("Someone else saved this section after you opened it; open it again to see their text."),
    )
    section.body = body
    section.full_clean()  # sanitises the body, so that an untouched text compares equal
    save_changed(section, by=by, updated_by=by)
    return section


@transaction.atomic
def recommendation_save(
    *,
    document: Document,
    by: User,
    text: str,
    objectives=(),
    inputs=(),
    consultations=(),
    recommendation: Recommendation | None = None,
) -> Recommendation:
    recommendation = locked(recommendation) if recommendation is not None else None
    require(by, Perm.DOCUMENT_EDIT, cycle=document.cycle)
    _require_open(document.pk)
    recommendation = recommendation or Recommendation(
        document=document,
        order=(document.recommendations.aggregate(m=Max("order"))["m"] or 0) + 1,
    )
    recommendation.text = clean_text(text)
    save_changed(recommendation, by=by, updated_by=by)  # untouched: nothing written
    recommendation.objectives.set(objectives)
    recommendation.inputs.set([i for i in inputs if i.cycle_id == document.cycle_id])
    recommendation.consultations.set([c for c in consultations if c.cycle_id == document.cycle_id])
    return recommendation


@transaction.atomic
def recommendation_delete(*, recommendation: Recommendation, by: User) -> None:
    recommendation = locked(recommendation)
    require(by, Perm.DOCUMENT_EDIT, cycle=recommendation.document.cycle)
    _require_open(recommendation.document_id)
    delete_audited(recommendation, by=by)


@transaction.atomic
def version_issue(
    *, document: Document, by: User, note: str = "", final: bool = False, confirmed: bool = False
) -> Version:
    """Freeze the document as it is now into the next numbered version (0.1, 0.2, ... 1.0).

    Comments still open (submitted, not yet answered) carry over to the new version, and
    comments answered "to be addressed in the next version" are marked addressed by it; the
    apps built on documents settle what else the version makes (`hooks.on_version_issued`:
    the agreed changes of a meeting marked "made in the next version").

    The final version (1.0) is issued by the coordinator once nothing blocks it
    (`hooks.finalisation_blockers`: the validation meeting has validated the report and every
    agreed change is resolved); it locks the document and asks the organisations the hooks
    name (those invited to the validation meeting) to endorse it.

    The version freezes every edition of the document (`content.version_content`: the
    document's language and, for a bilingual document, the other), its hash covers them all,
    and it records which editions are complete.

    A draft version identical to the latest one is not issued again (a double click, or two
    people at once). Empty sections, figures with nothing to draw, or an edition whose
    translations are missing or out of date raise `NeedsConfirmation` unless `confirmed`.
    """
    document = (
        Document.objects.select_for_update().select_related("cycle__network").get(pk=document.pk)
    )
    require(by, Perm.DOCUMENT_FINALISE if final else Perm.DOCUMENT_EDIT, cycle=document.cycle)
    latest = document.versions.order_by("-major", "-minor").first()
    if latest is not None and latest.major >= 1:
        raise DocumentLocked
    content = version_content(document)
    digest = content_hash(content)
    if final:
        blockers = hooks.finalisation_blockers(document, content=content)
        if blockers:
            raise ValidationError(blockers)
    elif latest is not None and latest.content_hash == digest:
        raise Unchanged(latest)
    if not confirmed:
        warnings = content_warnings(content)
        translations = {
            language: gaps
            for language in document_languages(document)
            if (gaps := translation_gaps(document, language))
        }
        if warnings or translations:
            raise NeedsConfirmation(warnings, translations)
    major, minor = (1, 0) if final else (0, (latest.minor + 1) if latest else 1)
    try:
        with transaction.atomic():
            version = Version.objects.create(
                document=document,
                major=major,
                minor=minor,
                content=content,
                content_hash=digest,
                note=clean_text(note),
                issued_by=by,
            )
    except IntegrityError:
        # Someone issued this number a moment ago (databases that do not lock the row).
        raise ValidationError(
            _("Version %(number)s has just been issued by someone else.")
            % {"number": f"{major}.{minor}"}
        ) from None
    comments = Comment.objects.filter(
        review__version__document=document, submitted_at__isnull=False
    )
    comments.filter(disposition="").update(carried_to=version)
    comments.filter(address_in_next=True, addressed_in__isnull=True).update(
        addressed_in=version, address_in_next=False
    )
    hooks.version_issued(version)
    if final:
        _endorsements_request(version, hooks.endorsers(document), by)
    files.version_files_request(version, by=by)  # made by the worker, kept in storage
    return version


def _endorsements_request(version: Version, organisations, by: User | None = None) -> None:
    for organisation in organisations:
        Endorsement.objects.get_or_create(version=version, organisation=organisation)
    _notify_endorsement(version, by)


def _notify_endorsement(version: Version, by: User | None = None) -> None:
    """Each endorsing organisation's focal points are asked to answer."""
    document = version.document
    cycle = document.cycle
    url = cycle_reverse("meeting-list", cycle)
    for endorsement in version.endorsements.select_related("organisation"):
        organisation = endorsement.organisation
        notify(
            focal_points(endorsement.organisation_id, cycle.network_id),
            Kind.INVITED,
            message=gettext_noop(
                "%(organisation)s is asked to endorse the final version %(number)s of “%(title)s”."
            ),
            params={
                "organisation": lambda organisation=organisation: organisation.label,
                "number": version.number,
                "title": document.title,
            },
            url=url,
            cycle=cycle,
            actor=by,
            email=Email(
                "documents/email/endorsement_request",
                {"document": document, "version": version, "organisation": organisation},
            ),
        )


# The secretariat's notice of each answer to an endorsement.
_ENDORSEMENT_NOTICES = {
    EndorsementResponse.ENDORSED: gettext_noop(
        "%(organisation)s endorsed the final version %(number)s of “%(title)s”."
    ),
    EndorsementResponse.RESERVATION: gettext_noop(
        "%(organisation)s endorsed the final version %(number)s of “%(title)s” with a reservation."
    ),
    EndorsementResponse.DECLINED: gettext_noop(
        "%(organisation)s declined to endorse the final version %(number)s of “%(title)s”."
    ),
}


@transaction.atomic
def endorsement_respond(
    *, endorsement: Endorsement, by: User, response: str, reservation: str = ""
) -> Endorsement:
    """A focal point answers for their organisation, against the hash of the final version."""
    endorsement = locked(endorsement)
    version = endorsement.version
    network = version.document.cycle.network
    require(by, Perm.ENDORSE, network=network)
    if not actor_for(by, network).speaks_for(endorsement.organisation_id):
        raise PermissionDenied
    if response not in (
        EndorsementResponse.ENDORSED,
        EndorsementResponse.RESERVATION,
        EndorsementResponse.DECLINED,
    ):
        raise ValidationError(
            {"response": _("Choose endorse, endorse with a reservation or decline.")}
        )
    reservation = clean_text(reservation)
    if response == EndorsementResponse.RESERVATION and not reservation:
        raise ValidationError({"reservation": _("Write the reservation.")})
    endorsement.response = response
    endorsement.reservation = reservation if response == EndorsementResponse.RESERVATION else ""
    endorsement.version_hash = version.content_hash
    # The same answer sent again (a double click) keeps the time it was given.
    if save_changed(endorsement, by=by, responded_at=timezone.now(), responded_by=by):
        files.version_files_request(version, by=by)  # their annex of endorsements changed
        notify(
            holders_of(Perm.DOCUMENT_FINALISE, network.pk),
            Kind.ENDORSED,
            message=_ENDORSEMENT_NOTICES[response],
            params={
                "organisation": lambda: endorsement.organisation.label,
                "number": version.number,
                "title": version.document.title,
            },
            url=cycle_reverse("meeting-list", version.document.cycle),
            cycle=version.document.cycle,
            actor=by,
        )
    return endorsement


@transaction.atomic
def document_publish(*, document: Document, by: User, public: bool) -> Document:
    """Open (or close) the public link to the final version; drafts are never public."""
    document = locked(document)
    require(by, Perm.DOCUMENT_FINALISE, cycle=document.cycle)
    if public and not document.versions.filter(major__gte=1).exists():
        raise ValidationError(_("Only the final version can be published: issue it first."))
    document.public = public
    return save_audited(document, by=by, update_fields=["public"])


@transaction.atomic
def review_open(
    *, version: Version, by: User, deadline, organisations, message: str = ""
) -> Review:
    """Open a review of a version for the invited organisations; their focal points are told."""
    cycle = version.document.cycle
    require(by, Perm.REVIEW_MANAGE, cycle=cycle)
    _require_open(version.document_id)
    if Review.objects.filter(version__document=version.document, status=ReviewStatus.OPEN).exists():
        raise ValidationError(_("A review of this document is still open; close it first."))
    if version != version.document.versions.order_by("-major", "-minor").first():
        raise ValidationError(_("Only the latest version can be reviewed."))
    if not organisations:
        raise ValidationError(_("Invite at least one organisation."))
    if any(o.network_id != cycle.network_id for o in organisations):
        raise ValidationError(_("Choose organisations of this network."))
    review = save_audited(
        Review(version=version, deadline=deadline, message=clean_text(message), opened_by=by), by=by
    )
    review.organisations.set(organisations)
    _notify_review(review, by)
    return review


def _notify_review(review: Review, by: User | None = None) -> None:
    """Each invited organisation's focal points are asked to comment."""
    document = review.version.document
    cycle = document.cycle
    for organisation in review.organisations.all():
        notify(
            focal_points(organisation.pk, cycle.network_id),
            Kind.INVITED,
            message=gettext_noop(
                "Version %(number)s of “%(title)s” is open for review by %(organisation)s."
            ),
            params={
                "organisation": lambda organisation=organisation: organisation.label,
                "number": review.version.number,
                "title": document.title,
            },
            url=cycle_reverse("review-detail", cycle, review_pk=review.pk),
            cycle=cycle,
            actor=by,
            email=Email(
                "documents/email/review_open",
                {"review": review, "document": document, "organisation": organisation},
            ),
        )


@transaction.atomic
def review_close(*, review: Review, by: User) -> Review:
    require(by, Perm.REVIEW_MANAGE, cycle=review.version.document.cycle)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.status != ReviewStatus.OPEN:
        raise ValidationError(_("This review is already closed."))
    review.status = ReviewStatus.CLOSED
    review.closed_at = timezone.now()
    return save_audited(review, by=by)


def _reviewer_organisation(user: User, review: Review) -> int:
    """The organisation a reviewer speaks for, if it is invited to this open review."""
    network = review.version.document.cycle.network
    require(user, Perm.REVIEW_COMMENT, network=network)
    actor = actor_for(user, network)
    if not actor.organisation_id:
        raise PermissionDenied
    if not review.organisations.filter(pk=actor.organisation_id).exists():
        raise PermissionDenied
    if review.status != ReviewStatus.OPEN:
        raise ValidationError(_("This review is closed: comments can no longer be added."))
    _require_open(review.version.document_id)
    return actor.organisation_id


@transaction.atomic
def comment_save(
    *,
    review: Review,
    by: User,
    section_key: str,
    type: str,
    text: str,
    quote: str = "",
    comment: Comment | None = None,
    expected_version: int | None = None,
) -> Comment:
    """Save a new draft comment (private to its author until submitted), or change one of the
    author's drafts, `comment`: with `expected_version`, the version the author started from,
    a save over a newer one is refused, never merged (the page sends it; the API's PUT, which
    carries the whole comment, does not)."""
    comment = locked(comment) if comment is not None else None
    organisation_id = _reviewer_organisation(by, review)
    sections = {s["key"]: s["title"] for s in selectors.version_outline(review.version)}
    if comment is not None:
        if comment.review_id != review.pk or comment.author_id != by.pk or comment.is_submitted:
            raise PermissionDenied
        if expected_version is not None:
            check_version(
                comment,
                expected_version,
                _(
                    "This draft comment was saved again after you opened it (in another tab?). "
                    "Your changes were not saved: open it again to see its current text."
                ),
            )
    if section_key not in sections:
        raise ValidationError({"section_key": _("Choose a section of the reviewed version.")})
    new = comment is None
    comment = comment or Comment(review=review, organisation_id=organisation_id, author=by)
    comment.section_key = section_key
    comment.section_title = sections[section_key]
    comment.quote = clean_text(quote)
    comment.type = type
    comment.text = clean_text(text)
    if not comment.text:
        raise ValidationError({"text": _("Write the comment.")})
    if new:
        return save_audited(comment, by=by)
    comment.full_clean()
    save_changed(comment, by=by)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, by: User) -> None:
    comment = locked(comment)
    require(by, Perm.REVIEW_COMMENT, cycle=comment.review.version.document.cycle)
    if comment.author_id != by.pk or comment.is_submitted:
        raise PermissionDenied
    delete_audited(comment, by=by)


@transaction.atomic
def comments_submit(*, review: Review, by: User) -> int:
    """Submit the reviewer's draft comments as their organisation's; each gets its number."""
    organisation_id = _reviewer_organisation(by, review)
    document = Document.objects.select_for_update().get(pk=review.version.document_id)
    drafts = list(review.comments.filter(author=by, submitted_at__isnull=True).order_by("pk"))
    if not drafts:
        raise ValidationError(_("You have no draft comment to submit."))
    last = (
        Comment.objects.filter(review__version__document=document).aggregate(m=Max("number"))["m"]
        or 0
    )
    now = timezone.now()
    for offset, comment in enumerate(drafts, start=1):
        comment.number = last + offset
        comment.submitted_at = now
        save_audited(comment, by=by, update_fields=["number", "submitted_at"], validate=False)
    _notify_comments(review, by, organisation_id, len(drafts))
    return len(drafts)


def _notify_comments(review: Review, by: User, organisation_id: int, count: int) -> None:
    """The secretariat, who answers the comments, is told a batch arrived."""
    document = review.version.document
    organisation = Organisation.objects.get(pk=organisation_id)
    notify(
        holders_of(Perm.COMMENT_DISPOSE, document.cycle.network_id),
        Kind.COMMENTED,
        message=gettext_noop(
            "%(organisation)s submitted a comment on version %(number)s of “%(title)s”."
        )
        if count == 1
        else gettext_noop(
            "%(organisation)s submitted %(count)s comments on version %(number)s of “%(title)s”."
        ),
        params={
            "organisation": lambda: organisation.label,
            "count": count,
            "number": review.version.number,
            "title": document.title,
        },
        url=cycle_reverse("review-detail", document.cycle, review_pk=review.pk),
        cycle=document.cycle,
        actor=by,
    )


@transaction.atomic
def comment_dispose(
    *,
    comment: Comment,
    by: User,
    disposition: str,
    reply: str,
    addressed_in: Version | None = None,
    address_in_next: bool = False,
) -> Comment:
    """Give a submitted comment its disposition and the required reply, and say where it is
    (or will be) addressed."""
    require(by, Perm.COMMENT_DISPOSE, cycle=comment.review.version.document.cycle)
    comment = (
        Comment.objects.select_for_update().select_related("review__version").get(pk=comment.pk)
    )
    if not comment.is_submitted:
        raise PermissionDenied
    reply = clean_text(reply)
    if not reply:
        raise ValidationError(
            {"reply": _("Write a reply: the organisation reads it with the disposition.")}
        )
    if addressed_in is not None and (
        addressed_in.document_id != comment.review.version.document_id
        or (addressed_in.major, addressed_in.minor)
        <= (comment.review.version.major, comment.review.version.minor)
    ):
        raise ValidationError(
            {"addressed_in": _("Choose a version issued after the one reviewed.")}
        )
    comment.disposition = disposition
    comment.reply = reply
    comment.addressed_in = addressed_in
    comment.address_in_next = bool(address_in_next) and addressed_in is None
    if save_changed(comment, by=by, disposed_at=timezone.now(), disposed_by=by):
        _notify_answered(comment, by)
    return comment


def _notify_answered(comment: Comment, by: User) -> None:
    """The organisation that commented hears the secretariat's answer (its author, or its
    focal points when the author no longer speaks for it)."""
    review = comment.review
    document = review.version.document
    people = [comment.author] if comment.author_id else []
    notify(
        people or focal_points(comment.organisation_id, document.cycle.network_id),
        Kind.COMMENTED,
        message=gettext_noop(
            "Your comment %(number)s on version %(version)s of “%(title)s” has its answer."
        ),
        params={
            "number": comment.number,
            "version": review.version.number,
            "title": document.title,
        },
        url=cycle_reverse("review-detail", document.cycle, review_pk=review.pk),
        cycle=document.cycle,
        actor=by,
    )
