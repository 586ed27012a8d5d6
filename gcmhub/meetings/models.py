"""Meetings of a network: the validation meeting of a report first, network and working-group
meetings later. Agenda, invitations and replies, attendance, minutes and typed outcomes."""

import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gcmhub.core.models import Cycle
from gcmhub.directory.models import Organisation
from gcmhub.documents.models import Version


class MeetingType(models.TextChoices):
    VALIDATION = "validation", _("Validation meeting")
    NETWORK = "network", _("Network meeting")
    WORKING_GROUP = "working_group", _("Working group meeting")


class ValidationOutcome(models.TextChoices):
    VALIDATED = "validated", _("Validated")
    WITH_CHANGES = "with_changes", _("Validated with changes")
    NOT_VALIDATED = "not_validated", _("Not validated")


class Meeting(models.Model):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("cycle")
    )
    type = models.CharField(_("type"), max_length=20, choices=MeetingType.choices)
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=60, default="Europe/Istanbul")
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True, max_length=500)
    version = models.ForeignKey(
        Version,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("document version under discussion"),
    )
    working_group = models.ForeignKey(
        "coordination.WorkingGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("working group"),
    )
    outcome = models.CharField(
        _("validation outcome"), max_length=20, choices=ValidationOutcome.choices, blank=True
    )
    outcome_note = models.TextField(_("note on the outcome"), blank=True, max_length=3000)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    uid = models.UUIDField(_("calendar identifier"), default=uuid.uuid4, editable=False)
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for the cancellation"), blank=True, max_length=1000)
    illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("scheduled by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "meeting-detail",
            kwargs={
                "network_slug": self.cycle.network.slug,
                "cycle_pk": self.cycle_id,
                "meeting_pk": self.pk,
            },
        )

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    sections = models.JSONField(_("report sections discussed"), default=list, blank=True)
    minutes = models.TextField(_("minutes"), blank=True, max_length=20000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title


class Reply(models.TextChoices):
    PENDING = "pending", _("No reply yet")
    ACCEPTED = "accepted", _("Will attend")
    DECLINED = "declined", _("Will not attend")
    DELEGATED = "delegated", _("Sends a delegate")


class MeetingInvitation(models.Model):
    """An invitation of an organisation, or of a person of it, and the reply."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    reply = models.CharField(
        _("reply"), max_length=10, choices=Reply.choices, default=Reply.PENDING
    )
    delegate = models.CharField(_("delegate"), max_length=200, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting invitation")
        verbose_name_plural = _("meeting invitations")
        ordering = ["meeting", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation", "person"], name="meeting_invitation_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.person or '—'}"


class Presence(models.TextChoices):
    UNKNOWN = "unknown", _("Not yet checked in")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class Attendee(models.Model):
    """A line of the named attendance register."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendees", verbose_name=_("meeting")
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(
        _("organisation (if not in the list)"), max_length=300, blank=True
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    presence = models.CharField(
        _("presence"), max_length=10, choices=Presence.choices, default=Presence.UNKNOWN
    )
    walk_in = models.BooleanField(_("walk-in"), default=False)
    checked_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["meeting", "organisation__name", "name"]

    def __str__(self):
        return self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation.label if self.organisation else self.organisation_name


class OutcomeType(models.TextChoices):
    DECISION = "decision", _("Decision")
    AGREED_CHANGE = "agreed_change", _("Agreed change")
    ACTION_POINT = "action_point", _("Action point")
    INFORMATION = "information", _("Information")


class Outcome(models.Model):
    """What came out of an agenda item. Agreed changes and action points are tracked."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("agenda item"),
    )
    type = models.CharField(_("type"), max_length=20, choices=OutcomeType.choices)
    text = models.TextField(_("text"), max_length=5000)
    section_key = models.CharField(_("report section"), max_length=60, blank=True)
    # An action point's owner: an organisation of the network or a person, else a free text
    # (owners recorded before these were kept, or from outside the network).
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_points",
        verbose_name=_("owner organisation"),
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner person"),
    )
    owner = models.CharField(_("other owner"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    # The due date the owner was last reminded of (soon, then late): once each per due date.
    reminded_soon_for = models.DateField(_("reminded it is due soon"), null=True, blank=True)
    reminded_late_for = models.DateField(_("reminded it is late"), null=True, blank=True)
    resolution = models.TextField(_("how it was resolved"), blank=True, max_length=3000)
    resolved_in = models.ForeignKey(
        Version,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolved_outcomes",
        verbose_name=_("resolved in version"),
    )
    resolve_in_next = models.BooleanField(_("resolved in the next version"), default=False)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    no_text_change = models.BooleanField(
        _("no change to the text was needed"),
        default=False,
        help_text=_("Recorded by the coordinator, with the reason in the resolution."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        ordering = ["meeting", "agenda_item__order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(type=OutcomeType.ACTION_POINT)
                | ~Q(owner="")
                | Q(owner_organisation__isnull=False)
                | Q(owner_person__isnull=False),
                name="outcome_action_point_has_owner",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def owner_label(self) -> str:
        """Who owns the action point, as shown: the person, the organisation, or the text."""
        if self.owner_person_id:
            return self.owner_person.get_full_name() or self.owner_person.username
        if self.owner_organisation_id:
            return self.owner_organisation.label
        return self.owner

    @property
    def is_open_change(self) -> bool:
        return (
            self.type == OutcomeType.AGREED_CHANGE
            and self.resolved_in_id is None
            and not self.resolve_in_next
        )
