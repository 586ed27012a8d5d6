"""The annexes of the final report: who endorsed it, and who attended the validation meeting."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gcmhub.documents.models import EndorsementResponse, Version
from gcmhub.meetings.models import Presence
from gcmhub.meetings.selectors import register_of, validation_meetings


def endorsement_annex(version: Version) -> dict:
    """The answers so far, "as recorded on" the day of the last one (the day of issue before
    any): the same annex, and the same file, until an answer changes."""
    rows = []
    last = version.issued_at
    for endorsement in version.endorsements.select_related("organisation").order_by(
        "organisation__name"
    ):
        answered = endorsement.response != EndorsementResponse.PENDING
        if answered and endorsement.responded_at and endorsement.responded_at > last:
            last = endorsement.responded_at
        rows.append(
            [
                endorsement.organisation.label,
                endorsement.get_response_display(),
                endorsement.reservation,
                formats.date_format(timezone.localtime(endorsement.responded_at).date())
                if answered
                else "",
            ]
        )
    return {
        "key": "endorsements",
        "heading": _("Annex: endorsements"),
        "title": _("Endorsements"),
        "intro": _(
            "The organisations invited to the validation meeting were asked to endorse version "
            "%(number)s (content hash %(hash)s). Their answers as recorded on %(date)s:"
        )
        % {
            "number": version.number,
            "hash": version.content_hash,
            "date": formats.date_format(timezone.localtime(last).date()),
        },
        "header": [_("Organisation"), _("Answer"), _("Reservation"), _("Date")],
        "rows": rows,
        "empty": _("No organisation has been asked to endorse this version."),
    }


def attendance_annex(meeting) -> dict:
    rows = [
        [
            attendee.name,
            attendee.position,
            attendee.organisation_label,
            attendee.get_presence_display(),
        ]
        for attendee in register_of(meeting)
    ]
    present = sum(
        1 for attendee in meeting.attendees.all() if attendee.presence == Presence.PRESENT
    )
    when = timezone.localtime(meeting.starts_at, timezone=meeting.tz)
    return {
        "key": "attendance",
        "heading": _("Annex: attendance of the validation meeting"),
        "title": _("Attendance of the validation meeting"),
        "intro": _(
            "%(title)s, %(date)s, %(venue)s: %(present)d participants present. Version "
            "discussed: %(number)s (content hash %(hash)s)."
        )
        % {
            "title": meeting.title,
            "date": formats.date_format(when, "DATETIME_FORMAT"),
            "venue": meeting.venue or meeting.online_link or "—",
            "present": present,
            "number": meeting.version.number if meeting.version else "—",
            "hash": meeting.version.content_hash if meeting.version else "—",
        },
        "header": [_("Name"), _("Position"), _("Organisation"), _("Presence")],
        "rows": rows,
        "empty": _("Nobody is on the attendance register."),
    }


def final_annexes(version: Version) -> list[dict]:
    annexes = [endorsement_annex(version)]
    meeting = validation_meetings(version.document).exclude(outcome="").last()
    if meeting is not None:
        annexes.append(attendance_annex(meeting))
    return annexes
