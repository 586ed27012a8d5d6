"""The other language's edition of a text people write (issue 15).

A text is written in one language and stays in its own field of its own model: that is the
original. Its edition in the other language is a `Translation`: which text it translates (object
and field), in which language, and the hash of the original it was made from. When the original
changes after it, the hash no longer matches and the translation is out of date (stale) until
someone updates it or says it still holds.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Translation(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("kind of text")
    )
    object_id = models.PositiveBigIntegerField(_("record"))
    original = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=60)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("translation"), blank=True)
    source_hash = models.CharField(_("hash of the original it translates"), max_length=64)
    source_text = models.TextField(_("the original as it was translated"), blank=True)
    illustrative = models.BooleanField(
        _("illustrative translation"),
        default=False,
        help_text=_("Written for the demonstration, not by the network."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("translated by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_one_per_text_and_language",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} · {self.field} · {self.language}"
