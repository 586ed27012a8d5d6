"""What arrived or changed for a person (issue 16): one row per recipient and event.

The message is stored as its English msgid with named placeholders and the values that fill
them (names of things people wrote, never translated), so that it reads in the reader's
language of the moment, on the page as in the e-mail.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Kind(models.TextChoices):
    """What happened, as a person chooses how to hear of it (at once, in a digest, or not)."""

    SUBMITTED = "submitted", _("Something was submitted to you")
    RETURNED = "returned", _("Your work was returned for changes")
    ACCEPTED = "accepted", _("Your work was accepted")
    WITHDRAWN = "withdrawn", _("A submission was withdrawn")
    COMMENTED = "commented", _("Comments arrived")
    ENDORSED = "endorsed", _("An endorsement was given")
    INVITED = "invited", _("You are invited or asked to take part")
    DUE_SOON = "due_soon", _("Something of yours is due soon")
    LATE = "late", _("Something of yours is late")


class Delivery(models.TextChoices):
    """How a person hears of a kind of notification besides the list, which records them all."""

    AT_ONCE = "at_once", _("By e-mail at once")
    DIGEST = "digest", _("In a daily e-mail digest")
    OFF = "off", _("Not by e-mail")


# What a person gets until they choose: at once what asks them to act now, the rest once a day.
DEFAULT_DELIVERY = {
    Kind.SUBMITTED: Delivery.DIGEST,
    Kind.RETURNED: Delivery.AT_ONCE,
    Kind.ACCEPTED: Delivery.DIGEST,
    Kind.WITHDRAWN: Delivery.DIGEST,
    Kind.COMMENTED: Delivery.DIGEST,
    Kind.ENDORSED: Delivery.DIGEST,
    Kind.INVITED: Delivery.AT_ONCE,
    Kind.DUE_SOON: Delivery.AT_ONCE,
    Kind.LATE: Delivery.AT_ONCE,
}


class Preference(models.Model):
    """A person's choice for one kind (no row: the default of DEFAULT_DELIVERY)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_one_per_kind")
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}: {self.delivery}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # An English msgid marked with gettext_noop where it is written, e.g.
    # "%(organisation)s submitted its input on objective %(objective)s."
    message = models.CharField(_("message"), max_length=300)
    params = models.JSONField(_("values in the message"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500)
    network = models.ForeignKey(
        "core.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("network"),
    )
    cycle = models.ForeignKey(
        "core.Cycle",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cycle"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("sent by e-mail"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        """The message in the active language, its placeholders filled."""
        language = get_language() or settings.LANGUAGE_CODE
        params = {
            name: (value.get(language) or value.get(settings.LANGUAGE_CODE) or "")
            if isinstance(value, dict)
            else value
            for name, value in self.params.items()
        }
        try:
            return gettext(self.message) % params
        except (KeyError, TypeError, ValueError):
            return gettext(self.message)
