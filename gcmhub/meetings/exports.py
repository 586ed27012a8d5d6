"""The minutes of a meeting, with the attendance list as an annex, in Word and PDF."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from docx.shared import Pt

from gcmhub.meetings.models import Presence
from gcmhub.meetings.selectors import agenda_of, register_of
from gcmhub.reporting.docx import add_table, plain_document, save


def minutes_data(meeting) -> dict:
    """Everything the minutes say, as plain values in the active language."""
    starts = timezone.localtime(meeting.starts_at, meeting.tz)
    ends = timezone.localtime(meeting.ends_at, meeting.tz)
    sections = (
        {s["key"]: f"{s['number']}. {s['title']}" for s in meeting.version.content["sections"]}
        if meeting.version_id
        else {}
    )

    def outcome_row(outcome):
        details = []
        if outcome.section_key:
            details.append(
                _("Section: %(section)s")
                % {"section": sections.get(outcome.section_key, outcome.section_key)}
            )
        if outcome.owner_label:
            details.append(_("Owner: %(owner)s") % {"owner": outcome.owner_label})
        if outcome.due_date:
            details.append(_("Due: %(date)s") % {"date": formats.date_format(outcome.due_date)})
        if outcome.resolution:
            where = (
                _("made in version %(number)s") % {"number": outcome.resolved_in.number}
                if outcome.resolved_in_id
                else _("to be made in the next version")
            )
            details.append(
                _("Resolution (%(where)s): %(text)s") % {"where": where, "text": outcome.resolution}
            )
        return {
            "type": outcome.get_type_display(),
            "text": outcome.text,
            "details": details,
        }

    items = []
    for number, item in enumerate(agenda_of(meeting), start=1):
        items.append(
            {
                "number": number,
                "title": item.title,
                "description": item.description,
                "sections": [sections.get(k, k) for k in item.sections],
                "minutes": [p for p in item.minutes.split("\n\n") if p.strip()],
                "outcomes": [outcome_row(o) for o in item.outcomes.all()],
            }
        )
    loose = [
        outcome_row(o)
        for o in meeting.outcomes.filter(agenda_item__isnull=True).select_related(
            "resolved_in", "owner_organisation", "owner_person"
        )
    ]
    if loose:
        items.append(
            {
                "number": len(items) + 1,
                "title": _("Other outcomes"),
                "description": "",
                "sections": [],
                "minutes": [],
                "outcomes": loose,
            }
        )
    register = list(register_of(meeting))
    version = meeting.version
    return {
        "title": meeting.title,
        "type": meeting.get_type_display(),
        "network": meeting.cycle.network.display_name,
        "when": _("%(date)s, %(start)s–%(end)s (%(zone)s)")
        % {
            "date": formats.date_format(starts.date()),
            "start": starts.strftime("%H:%M"),
            "end": ends.strftime("%H:%M"),
            "zone": meeting.time_zone,
        },
        "where": ", ".join(x for x in [meeting.venue, meeting.online_link] if x),
        "version": (
            _("%(document)s, version %(number)s (content hash %(hash)s)")
            % {
                "document": version.document.title,
                "number": version.number,
                "hash": version.content_hash,
            }
            if version
            else ""
        ),
        "outcome": (
            _("Validation outcome: %(outcome)s.") % {"outcome": meeting.get_outcome_display()}
            if meeting.outcome
            else ""
        ),
        "outcome_note": meeting.outcome_note,
        "items": items,
        "attendance_header": [_("Name"), _("Position"), _("Organisation"), _("Presence")],
        "attendance": [
            [
                a.name + (f" ({_('walk-in')})" if a.walk_in else ""),
                a.position,
                a.organisation_label,
                a.get_presence_display(),
            ]
            for a in register
        ],
        "present": sum(1 for a in register if a.presence == Presence.PRESENT),
        "labels": {
            "minutes": _("Minutes"),
            "agenda": _("Agenda"),
            "when": _("Date and time"),
            "where": _("Venue"),
            "version": _("Version under discussion"),
            "sections": _("Report sections"),
            "outcomes": _("Outcomes"),
            "annex": _("Annex: attendance list"),
            "present": _("Participants present"),
            "generated": _("Produced by gcmhub on %(date)s.")
            % {"date": formats.date_format(timezone.localdate())},
        },
    }


def minutes_docx(meeting, *, language: str) -> bytes:
    with translation.override(language):
        data = minutes_data(meeting)
        labels = data["labels"]
        doc = plain_document(language)
        doc.add_paragraph(data["network"])
        doc.add_heading(f"{labels['minutes']}: {data['title']}", level=0)
        for label, value in [
            (labels["when"], data["when"]),
            (labels["where"], data["where"]),
            (labels["version"], data["version"]),
        ]:
            if value:
                paragraph = doc.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(value)
        if data["outcome"]:
            doc.add_paragraph(" ".join(x for x in [data["outcome"], data["outcome_note"]] if x))
        doc.add_heading(labels["agenda"], level=1)
        for item in data["items"]:
            doc.add_paragraph(f"{item['number']}. {item['title']}")  # numbered by the agenda
        for item in data["items"]:
            doc.add_heading(f"{item['number']}. {item['title']}", level=1)
            if item["description"]:
                doc.add_paragraph().add_run(item["description"]).italic = True
            if item["sections"]:
                doc.add_paragraph(f"{labels['sections']}: {'; '.join(item['sections'])}")
            for text in item["minutes"]:
                doc.add_paragraph(text)
            if item["outcomes"]:
                doc.add_heading(labels["outcomes"], level=2)
                for outcome in item["outcomes"]:
                    paragraph = doc.add_paragraph(style="List Bullet")
                    paragraph.add_run(f"{outcome['type']}: ").bold = True
                    paragraph.add_run(outcome["text"])
                    for detail in outcome["details"]:
                        paragraph.add_run(f"\n{detail}").italic = True
        # The annex on a page of its own, without an empty paragraph that could make a blank one.
        doc.add_heading(labels["annex"], level=1).paragraph_format.page_break_before = True
        doc.add_paragraph(f"{labels['present']}: {data['present']}")
        add_table(doc, data["attendance_header"], data["attendance"], font_size=10)
        doc.add_paragraph(labels["generated"]).paragraph_format.space_before = Pt(10)
        return save(doc)


def minutes_pdf(meeting, *, language: str) -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "meetings/minutes_print.html", {"data": minutes_data(meeting), "language": language}
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
