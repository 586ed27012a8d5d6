"""Demo data of the validation: the meeting of 24 June 2021 in Ankara on version 0.2 of the
report, with its agenda, attendance, minutes, decisions and agreed changes; the changes made
in the final version 1.0; and the endorsements of the invited institutions.

The date, the place and the institutions are those of the case. The agenda, the minutes, the
names of the participants and the endorsements are ILLUSTRATIVE, written for the demo.
"""

import datetime as dt
import zoneinfo

from gcmhub.demo.assessments import _organisations
from gcmhub.documents import files as document_files
from gcmhub.documents import services as document_services
from gcmhub.documents.models import Document, Endorsement, EndorsementResponse, Section, Version
from gcmhub.meetings import services
from gcmhub.meetings.models import (
    Attendee,
    Meeting,
    MeetingType,
    OutcomeType,
    Presence,
    Reply,
    ValidationOutcome,
)
from gcmhub.report.kind import NEEDS_ASSESSMENT

INVITED = [
    "dgmm",
    "dgmm-cim",
    "dgmm-fr",
    "dgmm-hc",
    "dgmm-pvht",
    "tnp-cmsbg",
    "molss-gdilf",
    "mone-gdlll",
    "unhcr",
    "ilo",
    "unicef",
    "undp",
    "who",
]
# Organisations whose focal point sent apologies or did not come.
EXCUSED = {"who"}
ABSENT = {"undp"}

AGENDA = [
    ("Opening and purpose of the meeting", "IOM and the Resident Coordinator's Office.", []),
    (
        "Findings of the needs assessment",
        "Presentation by the national consultant, then discussion.",
        ["executive-summary", "findings"],
    ),
    ("Priority objectives and horizons", "", ["priorities"]),
    (
        "Recommendations and working modalities of the network",
        "",
        ["recommendations", "working-modalities"],
    ),
    ("Next steps: final version and endorsement", "", []),
]

MINUTES = [
    "The network coordinator opened the meeting and recalled that version 0.2 of the report takes "
    "in the comments of the review of 0.1. The purpose is to validate the report with the "
    "government partners before it is finalised.",
    "The consultant presented the findings objective by objective. Participants confirmed the "
    "needs on smuggling, trafficking and border management.\n\nThe Department of Harmonization "
    "and Communication asked that the role of municipalities appear in the executive summary.",
    "Participants agreed with the short-term priorities. The Department of Counter Migrant "
    "Smuggling and Border Gates repeated its view that border gates deserve a priority of their "
    "own; the network keeps the GCM objectives as the frame and records the view.",
    "The General Directorate for Lifelong Learning proposed a working group on education. The "
    "network agreed to add it to the working modalities.",
    "The coordinator will issue the final version once the agreed changes are made, and ask "
    "every invited institution to endorse it.",
]

# agenda index, type, text, section, owner, due date
OUTCOMES = [
    (
        1,
        OutcomeType.AGREED_CHANGE,
        "Name the role of municipalities in harmonization in the executive summary.",
        "executive-summary",
        "",
        None,
    ),
    (
        2,
        OutcomeType.INFORMATION,
        "The view of TNP that border gates deserve a separate priority is recorded in the findings "
        "of objective 11.",
        "priorities",
        "",
        None,
    ),
    (
        3,
        OutcomeType.AGREED_CHANGE,
        "Add a working group on education and lifelong learning to the working modalities.",
        "working-modalities",
        "",
        None,
    ),
    (
        3,
        OutcomeType.DECISION,
        "The network validates the report, subject to the two agreed changes.",
        "",
        "",
        None,
    ),
    (
        4,
        OutcomeType.ACTION_POINT,
        "Circulate the final version and the request to endorse it to every invited institution.",
        "",
        "IOM",
        dt.date(2021, 7, 9),
    ),
]

RESOLUTIONS = {
    "executive-summary": (
        "<p>Municipalities, which deliver most harmonization services, are named among the "
        "partners of the medium-term priorities.</p>",
        "A sentence on municipalities added to the executive summary.",
    ),
    "working-modalities": (
        "<h3>Working groups</h3><p>A working group on education and lifelong learning, led by the "
        "General Directorate for Lifelong Learning, joins the groups on data and on "
        "protection.</p>",
        "A working group on education and lifelong learning added under working modalities.",
    ),
}

# organisation key: (response, reservation); organisations not listed stay pending.
ENDORSEMENTS = {
    "dgmm": (EndorsementResponse.ENDORSED, ""),
    "dgmm-fr": (EndorsementResponse.ENDORSED, ""),
    "dgmm-hc": (EndorsementResponse.ENDORSED, ""),
    "dgmm-pvht": (EndorsementResponse.ENDORSED, ""),
    "tnp-cmsbg": (
        EndorsementResponse.RESERVATION,
        "We endorse the report; border gates should be treated as a priority of their own in the "
        "work plan.",
    ),
    "molss-gdilf": (EndorsementResponse.ENDORSED, ""),
    "mone-gdlll": (EndorsementResponse.ENDORSED, ""),
    "unhcr": (EndorsementResponse.ENDORSED, ""),
    "ilo": (EndorsementResponse.ENDORSED, ""),
    "unicef": (EndorsementResponse.ENDORSED, ""),
}

ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")


def load(cycle, users) -> None:
    if Meeting.objects.filter(cycle=cycle).exists():
        return
    document = Document.objects.filter(cycle=cycle, kind=NEEDS_ASSESSMENT).first()
    if document is None:
        return
    organisations = {o.key: o for o in _organisations(cycle)}
    coordinator, consultant = users["coordinator"], users["consultant"]
    version = document.versions.get(major=0, minor=2)
    meeting = services.meeting_save(
        cycle=cycle,
        by=coordinator,
        title="Validation meeting of the needs assessment report",
        type=MeetingType.VALIDATION,
        date=dt.date(2021, 6, 24),
        start_time=dt.time(10, 0),
        end_time=dt.time(13, 30),
        time_zone="Europe/Istanbul",
        venue="Ankara",
        online_link="",
        version=version,
    )
    services.agenda_save(
        meeting=meeting,
        by=consultant,
        rows=[
            {"title": title, "description": description, "sections": sections}
            for title, description, sections in AGENDA
        ],
    )
    services.invitations_set(
        meeting=meeting, by=coordinator, organisations=[organisations[k] for k in INVITED]
    )
    sent = dt.datetime(2021, 6, 10, 9, 0, tzinfo=ISTANBUL)
    meeting.invitations.update(sent_at=sent)
    for invitation in meeting.invitations.select_related("organisation"):
        key = next(k for k, o in organisations.items() if o.pk == invitation.organisation_id)
        if invitation.person is None:
            continue
        reply = Reply.DECLINED if key in EXCUSED | ABSENT else Reply.ACCEPTED
        services.invitation_reply(invitation=invitation, by=invitation.person, reply=reply)
    for name, key, position in [
        ("Elif Aydın", "iom", "Network coordinator"),
        ("Daniel Moreau", "rco", "Development coordination officer"),
    ]:
        Attendee.objects.create(
            meeting=meeting, name=name, organisation=organisations[key], position=position
        )
    Attendee.objects.create(
        meeting=meeting,
        name="Selin Kaya",
        organisation_name="National consultant",
        position="Author of the report",
    )
    for attendee in meeting.attendees.select_related("organisation"):
        key = next((k for k, o in organisations.items() if o.pk == attendee.organisation_id), None)
        presence = (
            Presence.EXCUSED
            if key in EXCUSED
            else Presence.ABSENT
            if key in ABSENT
            else Presence.PRESENT
        )
        services.attendee_mark(attendee=attendee, by=consultant, presence=presence)
    services.attendee_add(
        meeting=meeting,
        by=consultant,
        name="Deniz Yavuz",
        organisation=organisations["molss-gdilf"],
        position="Labour inspector",
    )
    items = list(meeting.agenda_items.order_by("order"))
    for item, text in zip(items, MINUTES, strict=True):
        services.minutes_save(item=item, by=consultant, minutes=text)
    changes = {}
    for index, kind, text, section, owner, due in OUTCOMES:
        outcome = services.outcome_save(
            meeting=meeting,
            by=consultant,
            type=kind,
            agenda_item=items[index],
            text=text,
            section_key=section,
            owner=owner,
            due_date=due,
        )
        if kind == OutcomeType.AGREED_CHANGE:
            changes[section] = outcome
    services.validation_record(
        meeting=meeting,
        by=coordinator,
        outcome=ValidationOutcome.WITH_CHANGES,
        note="Validated by the participants subject to two agreed changes.",
    )
    # The consultant makes the agreed changes in the draft; they are made in the next version.
    for key, (addition, resolution) in RESOLUTIONS.items():
        section = Section.objects.get(document=document, key=key)
        Section.objects.filter(pk=section.pk).update(body=section.body + addition)
        services.outcome_resolve(
            outcome=changes[key], by=consultant, resolution=resolution, in_next=True
        )
    # The Turkish edition follows: the final version has both editions complete.
    from gcmhub.demo.documents import load_editions

    load_editions(document, by=consultant, final=True)
    final = document_services.version_issue(
        confirmed=True,
        document=document,
        by=coordinator,
        note="Agreed changes of the validation meeting of 24 June 2021 made.",
        final=True,
    )
    for key, (response, reservation) in ENDORSEMENTS.items():
        endorsement = Endorsement.objects.get(version=final, organisation=organisations[key])
        person = users["focal" if key == "dgmm-cim" else f"focal-{key}"]
        document_services.endorsement_respond(
            endorsement=endorsement, by=person, response=response, reservation=reservation
        )
    services.action_done(
        outcome=meeting.outcomes.get(type=OutcomeType.ACTION_POINT), by=consultant, done=True
    )
    # The dates of the case (the services stamp today's).
    day = dt.datetime(2021, 6, 24, 10, 0, tzinfo=ISTANBUL)
    meeting.invitations.update(replied_at=dt.datetime(2021, 6, 15, 11, 0, tzinfo=ISTANBUL))
    meeting.attendees.update(checked_at=day)
    meeting.outcomes.exclude(resolved_at=None).update(
        resolved_at=dt.datetime(2021, 7, 1, tzinfo=ISTANBUL)
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        illustrative=True, outcome_recorded_at=day.replace(hour=13, minute=30)
    )
    document.versions.filter(pk=final.pk).update(
        issued_at=dt.datetime(2021, 7, 2, 9, 0, tzinfo=ISTANBUL)
    )
    for offset, endorsement in enumerate(
        Endorsement.objects.filter(version=final).exclude(responded_at=None).order_by("pk")
    ):
        Endorsement.objects.filter(pk=endorsement.pk).update(
            illustrative=True,
            responded_at=dt.datetime(2021, 7, 5 + offset, 15, 0, tzinfo=ISTANBUL),
        )
    Endorsement.objects.filter(version=final).update(illustrative=True)
    # The final files as of the case's dates (the ones asked for above, still waiting for a
    # worker, are made from these instead).
    document_files.version_files_request(Version.objects.get(pk=final.pk), by=coordinator)
