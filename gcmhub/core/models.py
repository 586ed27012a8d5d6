from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from gcmhub.core.i18n import Localized, localized


class User(AbstractUser):
    """A person who signs in; what they may do comes from their memberships of networks."""

    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Language of the interface and of the e-mails gcmhub sends."),
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class Network(models.Model):
    """A UN country network on migration; it owns its cycles, organisations and members."""

    name = models.CharField(_("name in English"), max_length=200)
    name_tr = models.CharField(_("name in Turkish"), max_length=200, blank=True)
    slug = models.SlugField(_("short name in addresses"), unique=True)
    country = CountryField(_("country"))
    established_on = models.DateField(_("established on"), null=True, blank=True)
    description = models.TextField(_("description in English"), blank=True)
    description_tr = models.TextField(_("description in Turkish"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/networks/",
        blank=True,
        help_text=_("A PNG or JPEG image, shown on the title page of the network's documents."),
    )
    logo_description = models.CharField(
        _("description of the logo in English"),
        max_length=200,
        blank=True,
        help_text=_(
            "What a screen reader says in place of the logo, e.g. "
            "“Logo of the UN Network on Migration in Türkiye”."
        ),
    )
    logo_description_tr = models.CharField(
        _("description of the logo in Turkish"), max_length=200, blank=True
    )
    logo_on_documents = models.BooleanField(
        _("show the logo on documents"),
        default=True,
        help_text=_("On the title page of the reports, terms of reference and briefs."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("network-detail", kwargs={"network_slug": self.slug})

    display_name = Localized("name")
    display_description = Localized("description")
    display_logo_description = Localized("logo_description")


class Horizon(models.TextChoices):
    SHORT = "short", _("Short term")
    MEDIUM = "medium", _("Medium term")
    LONG = "long", _("Long term")


class Cycle(models.Model):
    """One round of the national GCM implementation cycle of a network (e.g. up to an IMRF)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="cycles", verbose_name=_("network")
    )
    title = models.CharField(_("title in English"), max_length=200)
    title_tr = models.CharField(_("title in Turkish"), max_length=200, blank=True)
    country = CountryField(_("country"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    short_term_until = models.DateField(_("short term until"))
    short_term_note = models.CharField(
        _("short-term milestone"), max_length=200, blank=True, help_text=_("e.g. the IMRF")
    )
    short_term_note_tr = models.CharField(
        _("short-term milestone in Turkish"), max_length=200, blank=True
    )
    medium_term_until = models.DateField(_("medium term until"))
    medium_term_note = models.CharField(
        _("medium-term milestone"),
        max_length=200,
        blank=True,
        help_text=_("e.g. the end of the cooperation framework"),
    )
    medium_term_note_tr = models.CharField(
        _("medium-term milestone in Turkish"), max_length=200, blank=True
    )
    long_term_until = models.DateField(_("long term until"))
    long_term_note = models.CharField(
        _("long-term milestone"), max_length=200, blank=True, help_text=_("e.g. 2030 Agenda")
    )
    long_term_note_tr = models.CharField(
        _("long-term milestone in Turkish"), max_length=200, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["network", "-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="cycle_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(short_term_until__gte=F("start_date"))
                & Q(medium_term_until__gte=F("short_term_until"))
                & Q(long_term_until__gte=F("medium_term_until")),
                name="cycle_horizons_in_order",
            ),
        ]

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return reverse(
            "cycle-detail", kwargs={"network_slug": self.network.slug, "cycle_pk": self.pk}
        )

    display_title = Localized("title")

    def horizons(self) -> list[dict]:
        """Return the three horizons with the date each starts and ends."""
        starts = [self.start_date, self.short_term_until, self.medium_term_until]
        ends = [self.short_term_until, self.medium_term_until, self.long_term_until]
        notes = [localized(self, f"{h}_term_note") for h in Horizon.values]
        return [
            {"horizon": h, "label": h.label, "after": s, "until": e, "note": n}
            for h, s, e, n in zip(Horizon, starts, ends, notes, strict=True)
        ]
