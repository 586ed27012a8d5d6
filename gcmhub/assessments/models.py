"""The needs assessment of a cycle: who is asked about which objective, what each organisation
says about it (inputs), the consultations held, and the consultant's synthesis per objective."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gcmhub.core.fields import cycle_fk, optional_fk, user_fk
from gcmhub.core.models import Horizon
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import Facts, Move, Policy, State, Step, When
from gcmhub.directory.models import Organisation, organisation_fk
from gcmhub.framework.models import Action, GuidingPrinciple, Objective, objective_fk

TEXT_LIMIT = 10_000
SHORT_TEXT_LIMIT = 1_000


class TextLanguage(models.TextChoices):
    """The language a text was written in (its original; a translation is an edition of it)."""

    ENGLISH = "en", _("English")
    TURKISH = "tr", _("Turkish")


InputLanguage = TextLanguage


def text_language(verbose_name=None):
    """The language of the object's texts as written; rows from before it was kept: English.

    New objects take the writer's interface language (the services and forms set it)."""
    return models.CharField(
        verbose_name or _("language of the text"),
        max_length=8,
        choices=TextLanguage.choices,
        default=TextLanguage.ENGLISH,
    )


class Collection(models.Model):
    """The collection phase of a cycle's inputs: its deadline and whether it is closed."""

    cycle = cycle_fk("collection", one_to_one=True)
    deadline = models.DateField(_("deadline for inputs"), null=True, blank=True)
    instructions = models.TextField(
        _("instructions for contributors"),
        blank=True,
        help_text=_("Shown on the inputs page and in the questionnaire."),
    )
    language = text_language(_("language of the instructions"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = user_fk(_("closed by"))
    requests_sent_at = models.DateTimeField(_("requests sent"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("collection of inputs")
        verbose_name_plural = _("collections of inputs")

    def __str__(self):
        return str(self.cycle)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class AssignmentSource(models.TextChoices):
    ASSIGNED = "assigned", _("Asked by the coordinator")
    VOLUNTEERED = "volunteered", _("Added by the organisation")


class Assignment(models.Model):
    """An organisation is asked (or offers) to give its input on an objective in a cycle."""

    cycle = cycle_fk("assignments")
    organisation = organisation_fk("assignments")
    objective = objective_fk()
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=AssignmentSource.choices,
        default=AssignmentSource.ASSIGNED,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # The organisation's own deadline on this objective (an extension the coordinator grants,
    # with its reason); without it, the collection's deadline holds.
    deadline = models.DateField(_("own deadline"), null=True, blank=True)
    deadline_reason = models.CharField(_("reason for the own deadline"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["organisation__name", "objective__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "organisation", "objective"],
                name="assignment_unique",
                violation_error_message=_(
                    "This organisation is already asked about this objective."
                ),
            ),
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | ~Q(deadline_reason=""),
                name="assignment_deadline_has_reason",
                violation_error_message=_("Give the reason for the organisation's own deadline."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.objective.number}"

    def deadline_in(self, collection: "Collection | None"):
        """The deadline that holds for this assignment: its own, else the collection's."""
        if self.deadline is not None:
            return self.deadline
        return collection.deadline if collection is not None else None


# An input's life: the organisation's focal points write and submit it, the coordinator and
# the consultant return it (with a reason) or accept it. Closing the collection locks inputs:
# nothing is edited, submitted or returned any more, except an input the coordinator reopens
# alone (with a reason; an accepted one goes back to returned). Submitted inputs can still be
# accepted after the close, so that the review can finish.
INPUT_POLICY = Policy(
    author=Perm.INPUT_CONTRIBUTE,
    reader=Perm.INPUT_REVIEW,
    moves={
        Step.SUBMIT: Move(
            Perm.INPUT_CONTRIBUTE, {State.DRAFT: State.SUBMITTED, State.RETURNED: State.SUBMITTED}
        ),
        Step.RETURN: Move(
            Perm.INPUT_REVIEW, {State.SUBMITTED: State.RETURNED, State.ACCEPTED: State.RETURNED}
        ),
        Step.ACCEPT: Move(Perm.INPUT_REVIEW, {State.SUBMITTED: State.ACCEPTED}, When.ALWAYS),
        # Taken back by its organisation until the secretariat returns or accepts it.
        Step.WITHDRAW: Move(Perm.INPUT_CONTRIBUTE, {State.SUBMITTED: State.DRAFT}),
        Step.REOPEN: Move(
            Perm.ASSESSMENT_MANAGE,
            {
                State.DRAFT: State.DRAFT,
                State.SUBMITTED: State.SUBMITTED,
                State.RETURNED: State.RETURNED,
                State.ACCEPTED: State.RETURNED,
            },
            When.LOCKED,
        ),
    },
)


class Input(models.Model):
    """What one organisation says about one GCM objective in a cycle."""

    cycle = cycle_fk("inputs")
    organisation = organisation_fk("inputs", on_delete=models.PROTECT)
    objective = objective_fk()
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    language = text_language()
    situation = models.TextField(_("situation and achievements"), blank=True, max_length=TEXT_LIMIT)
    gaps = models.TextField(_("gaps and challenges"), blank=True, max_length=TEXT_LIMIT)
    gcm_actions = models.ManyToManyField(
        Action, blank=True, related_name="+", verbose_name=_("related GCM actions")
    )
    principles = models.ManyToManyField(
        GuidingPrinciple,
        blank=True,
        related_name="+",
        verbose_name=_("guiding principles reflected"),
    )
    consultations = models.ManyToManyField(
        "Consultation", blank=True, related_name="inputs", verbose_name=_("consultations cited")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = user_fk(_("last changed by"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = user_fk(_("submitted by"))
    return_reason = models.TextField(_("reason for returning"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = user_fk(_("reviewed by"))
    reopened = models.BooleanField(_("reopened after the collection closed"), default=False)
    illustrative = models.BooleanField(
        _("illustrative demo content"),
        default=False,
        help_text=_(
            "Set on demo data: the text is plausible, not an organisation's real position."
        ),
    )
    history = HistoricalRecords(m2m_fields=[gcm_actions, principles, consultations])

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        ordering = ["objective__number", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "organisation", "objective"],
                name="input_unique",
                violation_error_message=_(
                    "This organisation already has an input on this objective."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(state=State.RETURNED) | ~Q(return_reason=""),
                name="input_returned_has_reason",
            ),
        ]
        indexes = [
            # A cycle's inputs in a state, oldest submitted first: the secretariat's tasks
            # number the waiting ones from this index alone.
            models.Index(fields=["cycle", "state", "submitted_at", "id"], name="input_waiting"),
        ]

    def __str__(self):
        return f"{self.organisation.short_name} · {self.objective.number}"

    def get_absolute_url(self):
        return reverse(
            "input-detail",
            kwargs={
                "network_slug": self.cycle.network.slug,
                "cycle_pk": self.cycle_id,
                "input_pk": self.pk,
            },
        )

    def facts(self, *, collection_closed: bool) -> Facts:
        """What `INPUT_POLICY` needs to know of this input."""
        return Facts(
            state=self.state,
            organisation_id=self.organisation_id,
            locked=collection_closed,
            reopened=self.reopened,
        )


class NeedType(models.TextChoices):
    POLICY = "policy", _("Policy or legal framework")
    CAPACITY = "capacity", _("Institutional capacity")
    DATA = "data", _("Data")
    FINANCING = "financing", _("Financing")
    COORDINATION = "coordination", _("Coordination")
    SERVICES = "services", _("Service delivery")
    OTHER = "other", _("Other")


class Need(models.Model):
    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, related_name="needs", verbose_name=_("input")
    )
    type = models.CharField(_("type of need"), max_length=20, choices=NeedType.choices)
    description = models.TextField(_("description"), max_length=SHORT_TEXT_LIMIT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["input", "order", "pk"]

    def __str__(self):
        return f"{self.get_type_display()}: {self.description[:60]}"


class ProposedAction(models.Model):
    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, related_name="proposed_actions", verbose_name=_("input")
    )
    description = models.TextField(_("proposed action"), max_length=SHORT_TEXT_LIMIT)
    horizon = models.CharField(_("suggested horizon"), max_length=10, choices=Horizon.choices)
    lead = optional_fk(Organisation, _("suggested lead organisation"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposed action")
        verbose_name_plural = _("proposed actions")
        ordering = ["input", "order", "pk"]

    def __str__(self):
        return self.description[:80]


class ReferenceKind(models.TextChoices):
    POLICY = "policy", _("Policy or strategy")
    LAW = "law", _("Law or regulation")
    PROGRAMME = "programme", _("Programme or project")
    DATA = "data", _("Data source")
    OTHER = "other", _("Other")


def reference_upload_to(instance, filename):
    return f"inputs/{instance.input.cycle_id}/{instance.input_id}/{filename}"


class Reference(models.Model):
    input = models.ForeignKey(
        Input, on_delete=models.CASCADE, related_name="references", verbose_name=_("input")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReferenceKind.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True, max_length=500)
    file = models.FileField(_("file"), upload_to=reference_upload_to, blank=True, max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = ["input", "order", "pk"]

    def __str__(self):
        return self.title


class ConsultationType(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    WORKSHOP = "workshop", _("Workshop")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire")
    DESK_REVIEW = "desk_review", _("Desk review")
    MEETING = "meeting", _("Meeting")


class Consultation(models.Model):
    """An interview, workshop, questionnaire or desk review of the needs assessment."""

    cycle = cycle_fk("consultations")
    date = models.DateField(_("date"))
    type = models.CharField(_("type"), max_length=20, choices=ConsultationType.choices)
    title = models.CharField(_("title"), max_length=300)
    language = text_language()
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="consultations",
        verbose_name=_("organisations taking part"),
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="+", verbose_name=_("objectives discussed")
    )
    participants = models.TextField(
        _("people taking part"),
        blank=True,
        max_length=TEXT_LIMIT,
        help_text=_("One person a line: name, position, organisation."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=TEXT_LIMIT * 3)
    illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    created_by = user_fk(_("recorded by"))
    history = HistoricalRecords(m2m_fields=[organisations, objectives])

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{date_format(self.date)} · {self.title}"

    def get_absolute_url(self):
        return reverse(
            "consultation-detail",
            kwargs={
                "network_slug": self.cycle.network.slug,
                "cycle_pk": self.cycle_id,
                "consultation_pk": self.pk,
            },
        )

    def participant_lines(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


def attachment_upload_to(instance, filename):
    return f"consultations/{instance.consultation.cycle_id}/{instance.consultation_id}/{filename}"


class Attachment(models.Model):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("consultation"),
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=300)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["consultation", "pk"]

    def __str__(self):
        return self.title


class Synthesis(models.Model):
    """The consultant's synthesis of all inputs on one objective: raw material for the report."""

    cycle = cycle_fk("syntheses")
    objective = objective_fk()
    text = models.TextField(_("synthesis"), blank=True, max_length=TEXT_LIMIT * 3)
    language = text_language()
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = user_fk(_("last changed by"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("synthesis")
        verbose_name_plural = _("syntheses")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "objective"], name="synthesis_unique")
        ]

    def __str__(self):
        return f"{self.cycle} · {self.objective.number}"


class QuestionnaireUpload(models.Model):
    """An uploaded questionnaire, kept between its preview and its application (and after)."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Checked, waiting to be applied")
        APPLIED = "applied", _("Applied")
        CANCELLED = "cancelled", _("Cancelled")

    cycle = cycle_fk("questionnaire_uploads")
    organisation = organisation_fk("+")
    file_name = models.CharField(_("file name"), max_length=255)
    payload = models.JSONField(_("content read from the file"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PREVIEWED
    )
    submit = models.BooleanField(_("submit after applying"), default=False)
    uploaded_by = user_fk(_("uploaded by"), blank=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire upload")
        verbose_name_plural = _("questionnaire uploads")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.file_name

    @property
    def made_at(self):
        """When gcmhub made the file (the time it wrote into it), or None."""
        from django.utils.dateparse import parse_datetime

        value = (self.payload or {}).get("made_at")
        return parse_datetime(value) if isinstance(value, str) else None


class ReminderKind(models.TextChoices):
    WEEK_BEFORE = "week", _("One week before the deadline")
    DAYS_BEFORE = "days", _("Two days before the deadline")
    OVERDUE = "overdue", _("The day after the deadline")


class Reminder(models.Model):
    """A reminder sent to an organisation; kept so that a daily run never sends it twice."""

    cycle = cycle_fk("+")
    organisation = organisation_fk("+")
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    deadline = models.DateField(_("deadline"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "organisation", "kind", "deadline"], name="reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_kind_display()}"
