"""Writing a translation: transactional, audited, and refused when it is stale."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcmhub.core.audit import delete_audited, save_changed
from gcmhub.core.errors import StaleVersion
from gcmhub.core.text import clean_text
from gcmhub.editions.access import forget as forget_answers
from gcmhub.editions.models import Translation
from gcmhub.editions.registry import paired_of
from gcmhub.editions.texts import forget, is_blank, original_language, source_hash


def _check(obj, field: str, language: str) -> None:
    paired = paired_of(obj)
    if field not in paired.fields:
        raise ValidationError(_("This text has no translation."))
    if language == original_language(obj):
        raise ValidationError(
            _("This text is written in this language: change the original instead.")
        )


def _clean(obj, field: str, text: str) -> str:
    """The translation cleaned as its original's field cleans it (sanitised HTML, plain text,
    the same length limit)."""
    model_field = obj._meta.get_field(field)
    if field in paired_of(obj).rich:
        return model_field.clean(text or "", obj) if text else ""
    text = clean_text(text)
    if text:
        model_field.run_validators(text)
        if model_field.max_length and len(text) > model_field.max_length:
            raise ValidationError(
                {
                    field: _("At most %(limit)d characters (this text has %(count)d).")
                    % {"limit": model_field.max_length, "count": len(text)}
                }
            )
    return text


def _locked_row(obj, field: str, language: str) -> Translation | None:
    return (
        Translation.objects.select_for_update()
        .filter(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            field=field,
            language=language,
        )
        .first()
    )


def _original(obj, field: str) -> str:
    """The original as stored now (not the caller's copy)."""
    return type(obj)._base_manager.filter(pk=obj.pk).values_list(field, flat=True).get() or ""


@transaction.atomic
def translation_save(
    *,
    obj,
    field: str,
    language: str,
    text: str,
    by,
    expected_version: int | None = None,
    seen_source: str | None = None,
    illustrative: bool | None = None,
    check: bool = True,
) -> Translation | None:
    """Save the `language` edition of `obj.field`, as a translation of the original as it is
    now (so it is current; the same text saved back changes nothing, not even a stale mark:
    `translation_keep` says a translation still holds). `expected_version`: the translation's
    version the person started from (0 when there was none); a save made meanwhile by someone
    else is refused. An empty text removes the translation. `check=False` for the system's
    own writes (demo, outline). `seen_source`: the hash of the original the translator had
    before them (the translate page sends it); if the original changed since, the translation
    is refused, since it would be marked current for a text they did not see. `illustrative`:
    None keeps the row's flag."""
    _check(obj, field, language)
    if by is not None:
        forget_answers(by)  # decide on the stored roles and state, not a page's answers
    if check and by is not None and not paired_of(obj).may_translate(by, obj):
        raise PermissionDenied
    row = _locked_row(obj, field, language)
    if expected_version is not None and (row.version if row else 0) != expected_version:
        raise StaleVersion(
            _(
                "Someone else saved this translation after you opened it; open it again to see "
                "theirs."
            )
        )
    text = _clean(obj, field, text)
    forget(obj)
    if row is not None and row.text == text and illustrative in (None, row.illustrative):
        return row  # saved back untouched: it stays as it was, stale or not
    if is_blank(text):
        if row is not None:
            delete_audited(row, by=by)
        return None
    original = _original(obj, field)
    _check_seen(original, seen_source)
    if row is None:
        row = Translation(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            field=field,
            language=language,
        )
    row.text = text
    row.source_hash = source_hash(original)
    row.source_text = original
    if illustrative is not None:
        row.illustrative = illustrative
    save_changed(row, by=by, updated_by=by)
    return row


def _check_seen(original: str, seen_source: str | None) -> None:
    if seen_source is not None and seen_source != source_hash(original):
        raise StaleVersion(
            _(
                "The original changed while you were translating it: your translation is not "
                "saved. Open the page again to see what changed, then translate it again."
            )
        )


@transaction.atomic
def translation_keep(
    *, obj, field: str, language: str, by, expected_version: int, seen_source: str | None = None
) -> Translation:
    """The translation still holds for the changed original: it takes the original's hash and
    is current again, its text unchanged."""
    _check(obj, field, language)
    forget_answers(by)
    if not paired_of(obj).may_translate(by, obj):
        raise PermissionDenied
    row = _locked_row(obj, field, language)
    if row is None:
        raise ValidationError(_("There is no translation to keep: write one."))
    if row.version != expected_version:
        raise StaleVersion(
            _(
                "Someone else saved this translation after you opened it; open it again to see "
                "theirs."
            )
        )
    original = _original(obj, field)
    _check_seen(original, seen_source)
    row.source_hash = source_hash(original)
    row.source_text = original
    forget(obj)
    save_changed(row, by=by, updated_by=by)
    return row


def translation_seed(obj, field: str, language: str, text: str, *, illustrative=False):
    """A translation the system writes (an outline's titles, the demo): current, by no one.
    Nothing is written when it already reads so."""
    return translation_save(
        obj=obj,
        field=field,
        language=language,
        text=text,
        by=None,
        illustrative=bool(illustrative),
        check=False,
    )
