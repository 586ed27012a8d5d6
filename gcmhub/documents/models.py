"""Documents of a cycle (of the kinds registered in `documents.kinds`): sections written in the
app or built from the data, recommendations, immutable versions, and review rounds with comments."""

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from gcmhub.assessments.models import Consultation, Input
from gcmhub.core.models import Cycle
from gcmhub.directory.models import Organisation
from gcmhub.documents.kinds import NARRATIVE, document_kinds, section_kinds
from gcmhub.framework.models import Objective

# What the rich-text editor offers, and therefore what survives sanitising on save.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HardBreak": True,
    "TextClass": {"cssClasses": [{"className": "footnote", "title": _("Footnote")}]},
    # Ours (settings.DJANGO_PROSE_EDITOR_EXTENSIONS): no inline <style>, for the CSP; the
    # editable area named by its label, for screen readers.
    "NoInjectedStyles": True,
    "AccessibleName": True,
}


class Document(models.Model):
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="documents", verbose_name=_("cycle")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=document_kinds)
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    language = models.CharField(
        _("language of the document"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    bilingual = models.BooleanField(
        _("in English and Turkish"),
        default=True,
        help_text=_(
            "Each version has an edition in both languages: the texts written in the "
            "document's language and their translations. Unticked: one edition, in the "
            "document's language."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    public = models.BooleanField(
        _("final version published at a public link"),
        default=False,
        help_text=_("Anyone with the link can read and download the final version."),
    )
    public_token = models.UUIDField(_("public link key"), default=uuid.uuid4, editable=False)
    compendium = models.BooleanField(
        _("compendium of the inputs as an annex"),
        default=False,
        help_text=_(
            "The findings give each organisation's position in a line or two; the compendium "
            "adds the full texts of the inputs as the last annex."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kind"], name="document_one_per_kind")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "document-detail",
            kwargs={
                "network_slug": self.cycle.network.slug,
                "cycle_pk": self.cycle_id,
                "document_pk": self.pk,
            },
        )

    def section_url(self, key: str, *, edition: str | None = None) -> str:
        """The draft at its section `key`, opened (a long draft shows only its sections'
        headings until one is opened: ?section=), in the edition `edition` if given."""
        query = {"edition": edition, "section": key} if edition else {"section": key}
        return f"{self.get_absolute_url()}?{urlencode(query)}#s-{key}"


class Section(models.Model):
    """A part of a document: text written in the app, optionally followed by data built live."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="sections", verbose_name=_("document")
    )
    key = models.SlugField(_("key"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("content"), max_length=20, choices=section_kinds, default=NARRATIVE)
    body = ProseEditorField(
        _("text"), blank=True, config={"extensions": EDITOR_EXTENSIONS}, sanitize=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["document", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="section_unique_key")
        ]

    def __str__(self):
        return self.title


class Recommendation(models.Model):
    """A recommendation of a document, with what it rests on (and, later, what acts on it)."""

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("document"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("recommendation"), max_length=3000)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="+", verbose_name=_("GCM objectives")
    )
    inputs = models.ManyToManyField(
        Input, blank=True, related_name="recommendations", verbose_name=_("inputs it rests on")
    )
    consultations = models.ManyToManyField(
        Consultation,
        blank=True,
        related_name="recommendations",
        verbose_name=_("consultations it rests on"),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, null=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    history = HistoricalRecords(m2m_fields=[objectives, inputs, consultations])

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["document", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class Version(models.Model):
    """An issued, immutable version: the whole content as it was, with its hash."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    major = models.PositiveSmallIntegerField(_("major number"))
    minor = models.PositiveSmallIntegerField(_("minor number"))
    content = models.JSONField(_("content"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["document", "major", "minor"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "major", "minor"], name="version_unique_number"
            )
        ]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"{self.major}.{self.minor}"

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed")


class Review(models.Model):
    """A review round of one version: invited organisations comment until the deadline."""

    version = models.ForeignKey(
        Version, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("version")
    )
    deadline = models.DateField(_("deadline for comments"))
    organisations = models.ManyToManyField(
        Organisation, related_name="reviews", verbose_name=_("organisations invited")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    message = models.TextField(_("message to reviewers"), blank=True, max_length=3000)
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-opened_at"]

    def __str__(self):
        return f"{self.version.document} {self.version.number}"


class CommentType(models.TextChoices):
    EDITORIAL = "editorial", _("Editorial")
    SUBSTANTIVE = "substantive", _("Substantive")
    FACTUAL = "factual", _("Factual correction")
    OBJECTION = "objection", _("Objection")


class Disposition(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    NOTED = "noted", _("Noted")


class Comment(models.Model):
    """A reviewer's comment on a section of a reviewed version, and the consultant's answer."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="comments", verbose_name=_("review")
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    section_key = models.SlugField(_("section"), max_length=60)
    section_title = models.CharField(_("section title"), max_length=200)
    quote = models.TextField(_("passage quoted"), blank=True, max_length=2000)
    type = models.CharField(_("type"), max_length=12, choices=CommentType.choices)
    text = models.TextField(_("comment"), max_length=5000)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    disposition = models.CharField(
        _("disposition"), max_length=14, choices=Disposition.choices, blank=True
    )
    reply = models.TextField(_("reply"), blank=True, max_length=5000)
    disposed_at = models.DateTimeField(_("disposed"), null=True, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disposed by"),
    )
    addressed_in = models.ForeignKey(
        Version,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="addressed_comments",
        verbose_name=_("addressed in version"),
    )
    address_in_next = models.BooleanField(_("to be addressed in the next version"), default=False)
    carried_to = models.ForeignKey(
        Version,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_comments",
        verbose_name=_("carried over to version"),
    )
    illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(disposition="") | ~Q(reply=""), name="comment_disposition_has_reply"
            ),
        ]

    def __str__(self):
        return f"#{self.number or '-'} {self.organisation} · {self.section_title}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class EndorsementResponse(models.TextChoices):
    PENDING = "pending", _("Waiting for the organisation")
    ENDORSED = "endorsed", _("Endorsed")
    RESERVATION = "reservation", _("Endorsed with a reservation")
    DECLINED = "declined", _("Declined")


class Endorsement(models.Model):
    """An organisation's endorsement of the final version, recorded against its content hash."""

    version = models.ForeignKey(
        Version, on_delete=models.PROTECT, related_name="endorsements", verbose_name=_("version")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="endorsements",
        verbose_name=_("organisation"),
    )
    response = models.CharField(
        _("response"),
        max_length=12,
        choices=EndorsementResponse.choices,
        default=EndorsementResponse.PENDING,
    )
    reservation = models.TextField(_("reservation"), blank=True, max_length=3000)
    version_hash = models.CharField(_("content hash endorsed"), max_length=64, blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responded by"),
    )
    illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["version", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"], name="endorsement_unique"),
            models.CheckConstraint(
                condition=~Q(response="reservation") | ~Q(reservation=""),
                name="endorsement_reservation_has_text",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_response_display()}"
