"""The minutes of a meeting as files made by the worker (`core.jobs`), in the language asked
for: `UNNM-Turkiye_minutes_2021-06-24_tr.pdf`. The fingerprint is the minutes' data, so a
file is made again only when what it says changes (or the day it is produced)."""

from django.utils import timezone, translation

from gcmhub.core.access import actor_for
from gcmhub.core.permissions import Perm
from gcmhub.documents.files import fingerprint, request
from gcmhub.documents.names import DOCX, PDF, file_name
from gcmhub.meetings.models import Meeting

MINUTES = "meetings.minutes"
CONTENT_TYPES = {"docx": DOCX, "pdf": PDF}


def minutes_file_name(meeting: Meeting, *, language: str, fmt: str) -> str:
    day = timezone.localtime(meeting.starts_at, meeting.tz).date()
    return file_name(meeting.cycle.network, "minutes", day.isoformat(), language=language, fmt=fmt)


def minutes_key(meeting: Meeting, *, language: str, fmt: str) -> str:
    return f"{MINUTES}:{meeting.pk}:{language}:{fmt}"


def minutes_fingerprint(meeting: Meeting, *, language: str) -> str:
    from gcmhub.meetings.exports import minutes_data

    with translation.override(language):
        return fingerprint(minutes_data(meeting))


def make_minutes(job, progress):
    from gcmhub.meetings import exports

    meeting = Meeting.objects.select_related("cycle__network", "version__document").get(
        pk=job.params["meeting"]
    )
    progress(10)
    render = exports.minutes_docx if job.params["fmt"] == "docx" else exports.minutes_pdf
    data = render(meeting, language=job.language)
    name = minutes_file_name(meeting, language=job.language, fmt=job.params["fmt"])
    return name, data, CONTENT_TYPES[job.params["fmt"]]


def may_read_minutes(user, job) -> bool:
    return actor_for(user, job.cycle.network).has(Perm.MEETING_VIEW)


def minutes_file_request(meeting: Meeting, *, language: str, fmt: str, by):
    return request(
        MINUTES,
        key=minutes_key(meeting, language=language, fmt=fmt),
        fingerprint=minutes_fingerprint(meeting, language=language),
        params={"meeting": meeting.pk},
        cycle=meeting.cycle,
        language=language,
        fmt=fmt,
        by=by,
    )


def register() -> None:
    from gcmhub.core.jobs import Maker, register_maker

    register_maker(Maker(kind=MINUTES, make=make_minutes, may_read=may_read_minutes))
