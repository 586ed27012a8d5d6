"""The GCM reference framework (global facts, shipped with gcmhub) and each cycle's
cooperation framework (the country's UNSDCF, edited by its coordinator)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gcmhub.core.fields import cycle_fk
from gcmhub.core.i18n import Localized

GCM_RESOLUTION_URL = "https://undocs.org/A/RES/73/195"


class RoundTable(models.Model):
    """An IMRF 2022 round table: the cluster of objectives it reviewed."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    theme_en = models.CharField(_("theme (English)"), max_length=255)
    theme_tr = models.CharField(_("theme (Turkish)"), max_length=255)

    class Meta:
        verbose_name = _("IMRF round table")
        verbose_name_plural = _("IMRF round tables")
        ordering = ["number"]

    def __str__(self):
        return str(self.number)

    theme = Localized("theme")


class Objective(models.Model):
    """One of the 23 GCM objectives (A/RES/73/195, paragraphs 17 to 39)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_en = models.CharField(_("title (English, official)"), max_length=255)
    title_tr = models.CharField(_("title (Turkish, unofficial translation)"), max_length=255)
    short_label_en = models.CharField(_("short label (English)"), max_length=80)
    short_label_tr = models.CharField(_("short label (Turkish)"), max_length=80)
    gcm_paragraph = models.PositiveSmallIntegerField(_("paragraph of the GCM"))
    round_table = models.ForeignKey(
        RoundTable,
        on_delete=models.PROTECT,
        related_name="objectives",
        verbose_name=_("IMRF 2022 round table"),
    )

    class Meta:
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("objective-detail", kwargs={"number": self.number})

    title = Localized("title")
    short_label = Localized("short_label")


def objective_fk():
    """The GCM objective a record is about; an objective with records cannot go."""
    return models.ForeignKey(
        Objective, on_delete=models.PROTECT, related_name="+", verbose_name=_("objective")
    )


class Action(models.Model):
    """An action of an objective, (a), (b), ...; the gist is our summary, not the GCM text."""

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="actions", verbose_name=_("objective")
    )
    letter = models.CharField(_("letter"), max_length=2)
    gist_en = models.TextField(_("gist (English)"))
    gist_tr = models.TextField(_("gist (Turkish)"))

    class Meta:
        verbose_name = _("GCM action")
        verbose_name_plural = _("GCM actions")
        ordering = ["objective__number", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "letter"], name="action_unique_letter")
        ]

    def __str__(self):
        return f"{self.objective.number}({self.letter})"

    gist = Localized("gist")


class GuidingPrinciple(models.Model):
    """One of the ten cross-cutting guiding principles (GCM paragraph 15)."""

    key = models.SlugField(_("key"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), unique=True)
    gcm_ref = models.CharField(_("reference in the GCM"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_tr = models.CharField(_("name (Turkish, unofficial translation)"), max_length=120)
    summary_en = models.TextField(_("summary (English)"))
    summary_tr = models.TextField(_("summary (Turkish)"))

    class Meta:
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")
        ordering = ["order"]

    def __str__(self):
        return self.name

    name = Localized("name")
    summary = Localized("summary")

    @property
    def paragraph(self) -> str:
        """The reference without its English prefix: "para 15(a)" gives "15(a)"."""
        return self.gcm_ref.removeprefix("para ").strip()


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_tr = models.CharField(_("name (Turkish)"), max_length=120)

    class Meta:
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"

    name = Localized("name")


class SdgTarget(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    goal = models.ForeignKey(
        SdgGoal, on_delete=models.PROTECT, related_name="targets", verbose_name=_("goal")
    )
    sort_key = models.CharField(max_length=20, editable=False)

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["sort_key"]

    def __str__(self):
        return self.code


class LinkStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    INFERRED = "inferred", _("Inferred")


class Confidence(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class ObjectiveTarget(models.Model):
    """A link between a GCM objective and an SDG target, with where it comes from.

    `status` is "published" only when a published source makes the link; everything
    else is our inference and is shown as such.
    """

    objective = models.ForeignKey(
        Objective,
        on_delete=models.CASCADE,
        related_name="target_links",
        verbose_name=_("objective"),
    )
    target = models.ForeignKey(
        SdgTarget,
        on_delete=models.CASCADE,
        related_name="objective_links",
        verbose_name=_("target"),
    )
    status = models.CharField(_("status"), max_length=10, choices=LinkStatus.choices)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices)
    basis = models.TextField(_("basis"))
    source = models.TextField(_("source"))
    indicators = models.CharField(_("SDG indicators"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("objective–SDG target link")
        verbose_name_plural = _("objective–SDG target links")
        ordering = ["objective__number", "target__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "target"], name="objective_target_unique")
        ]

    def __str__(self):
        return f"{self.objective.number} → {self.target.code}"


class MgiDomain(models.Model):
    """A domain of IOM's Migration Governance Indicators."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_tr = models.CharField(_("name (Turkish)"), max_length=120)

    class Meta:
        verbose_name = _("MGI domain")
        verbose_name_plural = _("MGI domains")
        ordering = ["number"]

    def __str__(self):
        return self.name

    name = Localized("name")


class CooperationFramework(models.Model):
    """The UN Sustainable Development Cooperation Framework a cycle aligns with."""

    cycle = cycle_fk("cooperation_framework", one_to_one=True)
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cooperation framework")
        verbose_name_plural = _("cooperation frameworks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="cooperation_framework_years_in_order",
            )
        ]

    def __str__(self):
        return self.title


class StrategicPriority(models.Model):
    framework = models.ForeignKey(
        CooperationFramework,
        on_delete=models.CASCADE,
        related_name="priorities",
        verbose_name=_("cooperation framework"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name in English"), max_length=255)
    name_tr = models.CharField(_("name in Turkish"), max_length=255, blank=True)
    is_confirmed = models.BooleanField(
        _("confirmed"), default=True, help_text=_("Untick if the name is not yet verified.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategic priority")
        verbose_name_plural = _("strategic priorities")
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"],
                name="strategic_priority_unique_number",
                violation_error_message=_("Two strategic priorities have the same number."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.display_name}"

    display_name = Localized("name")


class FrameworkOutcome(models.Model):
    """An outcome of the cooperation framework, e.g. 4.2; priorities and activities align to it."""

    priority = models.ForeignKey(
        StrategicPriority,
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("strategic priority"),
    )
    code = models.CharField(_("code"), max_length=10)
    statement = models.TextField(_("statement in English"))
    statement_tr = models.TextField(_("statement in Turkish"), blank=True)
    migration_relevant = models.BooleanField(_("concerns migration"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cooperation framework outcome")
        verbose_name_plural = _("cooperation framework outcomes")
        ordering = ["priority__number", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "code"],
                name="framework_outcome_unique_code",
                violation_error_message=_("Two outcomes have the same code."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.display_statement}"

    display_statement = Localized("statement")
