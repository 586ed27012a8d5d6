"""Regions: networks grouped for a regional coordinator, who reads their final reports only."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gcmhub.core.i18n import Localized
from gcmhub.core.models import Network


class Region(models.Model):
    """A group of country networks (e.g. "Europe and Central Asia") and its coordinators.

    A network may belong to more than one region (a regional and a subregional grouping);
    coordinators are not members of the networks: they see aggregates of final reports only.
    """

    name = models.CharField(_("name in English"), max_length=200)
    name_tr = models.CharField(_("name in Turkish"), max_length=200, blank=True)
    slug = models.SlugField(_("short name in addresses"), unique=True)
    description = models.TextField(_("description in English"), blank=True)
    description_tr = models.TextField(_("description in Turkish"), blank=True)
    networks = models.ManyToManyField(
        Network, blank=True, related_name="regions", verbose_name=_("networks")
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_regions",
        verbose_name=_("regional coordinators"),
        help_text=_("They read the aggregates of the networks' final reports, nothing else."),
    )
    history = HistoricalRecords(m2m_fields=[networks, coordinators])

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("region-detail", kwargs={"region_slug": self.slug})

    display_name = Localized("name")
    display_description = Localized("description")
