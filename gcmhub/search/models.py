"""The search index: one entry per searchable text of a record (its original, and each
translation as an entry of its own language), kept in step with the writes (`services`).

Who may read an entry is never stored here: `selectors` asks the apps' own visibility
selectors at query time, so search shows exactly what the pages show."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmhub.core.models import Cycle, Network
from gcmhub.directory.models import Organisation
from gcmhub.framework.models import Objective


class Kind(models.TextChoices):
    INPUT = "input", _("Input")
    SYNTHESIS = "synthesis", _("Synthesis")
    CONSULTATION = "consultation", _("Consultation")
    COMMENT = "comment", _("Comment")
    SECTION = "section", _("Report section")
    DECISION = "decision", _("Decision")
    ACTIVITY = "activity", _("Activity")
    MINUTES = "minutes", _("Minutes")
    ORGANISATION = "organisation", _("Organisation")


class Entry(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    # A section of a final version (what an observer reads), not of the live draft.
    published = models.BooleanField(_("published"), default=False)
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="+", verbose_name=_("network")
    )
    cycle = models.ForeignKey(
        Cycle,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cycle"),
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="+", verbose_name=_("objectives")
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("organisations")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    translated = models.BooleanField(_("a translation"), default=False)
    title = models.CharField(_("title"), max_length=500)
    place = models.CharField(_("where it is"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500)
    # The index: Snowball stems between spaces (SQLite), a tsvector (PostgreSQL, GIN-indexed).
    title_stems = models.TextField(_("stems of the title"), blank=True)
    stems = models.TextField(_("stems"), blank=True)
    vector = SearchVectorField(_("search vector"), null=True, blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["kind", "object_id"], name="search_entry_record"),
            models.Index(fields=["network", "kind"], name="search_entry_network"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.title}"
