"""Where a record of a cycle came from, when the cycle was started from an earlier one."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmhub.core.models import Cycle


class CarriedOver(models.Model):
    """One record copied into `cycle` from `source_cycle`: its kind, its new and old ids."""

    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="carried_over", verbose_name=_("cycle")
    )
    source_cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="carried_forward", verbose_name=_("from")
    )
    kind = models.CharField(_("kind of record"), max_length=40)
    object_id = models.PositiveIntegerField(_("record"))
    source_object_id = models.PositiveIntegerField(_("record it was copied from"))
    label = models.CharField(_("what"), max_length=500)
    created_at = models.DateTimeField(_("carried over"), auto_now_add=True)

    class Meta:
        verbose_name = _("record carried over")
        verbose_name_plural = _("records carried over")
        ordering = ["cycle", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "kind", "source_object_id"], name="carried_over_once"
            ),
        ]

    def __str__(self):
        return f"{self.kind}: {self.label}"
