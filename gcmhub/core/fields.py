"""Field factories for the relations every app's models repeat: to a cycle, a network, a person.

Each returns the same field the models used to spell out, so the columns do not change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmhub.core.models import Cycle, Network


def cycle_fk(related_name: str, *, one_to_one: bool = False, **options):
    """The cycle a record belongs to; the record goes with its cycle."""
    field = models.OneToOneField if one_to_one else models.ForeignKey
    return field(
        Cycle,
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("cycle"),
        **options,
    )


def network_fk(related_name: str):
    """The network a record belongs to; the record goes with its network."""
    return models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name=related_name, verbose_name=_("network")
    )


def optional_fk(to, verbose_name, *, related_name: str = "+", blank: bool = True):
    """A relation that may be empty and is emptied when its target goes."""
    return models.ForeignKey(
        to,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def user_fk(verbose_name, *, related_name: str = "+", blank: bool = True):
    """The person who did something to a record; the record stays when the person goes."""
    return optional_fk(
        settings.AUTH_USER_MODEL, verbose_name, related_name=related_name, blank=blank
    )
