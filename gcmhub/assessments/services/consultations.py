"""Consultations held for the needs assessment, and their attachments."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcmhub.assessments.models import Attachment, Consultation
from gcmhub.core.access import require
from gcmhub.core.audit import delete_audited, locked, save_audited
from gcmhub.core.i18n import current_language
from gcmhub.core.models import Cycle, User
from gcmhub.core.permissions import Perm
from gcmhub.core.text import clean_text


@transaction.atomic
def consultation_save(
    *,
    cycle: Cycle,
    by: User,
    consultation: Consultation | None = None,
    date,
    type: str,
    title: str,
    participants: str = "",
    notes: str = "",
    organisations=None,
    objectives=None,
    language: str | None = None,
) -> Consultation:
    """Record a consultation (or change one); organisations, objectives and the language of
    its texts left None stay as they are (a new one: the interface language)."""
    require(by, Perm.CONSULTATION_MANAGE, cycle=cycle)
    consultation = locked(consultation) if consultation is not None else None
    consultation = consultation or Consultation(
        cycle=cycle, created_by=by, language=current_language()
    )
    consultation.language = language or consultation.language
    consultation.date = date
    consultation.type = type
    consultation.title = clean_text(title)
    consultation.participants = clean_text(participants)
    consultation.notes = clean_text(notes)
    save_audited(consultation, by=by)
    if organisations is not None:
        if any(o.network_id != cycle.network_id for o in organisations):
            raise ValidationError(_("Choose organisations of this network."))
        consultation.organisations.set(organisations)
    if objectives is not None:
        consultation.objectives.set(objectives)
    return consultation


@transaction.atomic
def attachment_add(*, consultation: Consultation, by: User, title: str, file) -> Attachment:
    require(by, Perm.CONSULTATION_MANAGE, cycle=consultation.cycle)
    return save_audited(
        Attachment(consultation=consultation, title=clean_text(title), file=file), by=by
    )


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by: User) -> None:
    attachment = locked(attachment)
    require(by, Perm.CONSULTATION_MANAGE, cycle=attachment.consultation.cycle)
    attachment.file.delete(save=False)
    delete_audited(attachment, by=by)
