from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from gcmhub.core.fields import network_fk, user_fk
from gcmhub.core.i18n import Localized, current_language, localized
from gcmhub.core.permissions import Role


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    UN_AGENCY = "un_agency", _("UN agency")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia")
    OTHER = "other", _("Other")


class DocumentCredit(models.TextChoices):
    """How an organisation appears on the title page of the network's documents."""

    NONE = "", _("Not shown")
    PREPARED = "prepared", _("Prepared by (with the network)")
    SUPPORT = "support", _("With the support of")


class Organisation(models.Model):
    """A government body, department, UN agency or other organisation taking part in a network.

    Departments hang under their ministry or directorate through `parent` (a tree).
    """

    network = network_fk("organisations")
    name = models.CharField(_("name in English"), max_length=255)
    name_tr = models.CharField(_("name in Turkish"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym in English"), max_length=40, blank=True)
    acronym_tr = models.CharField(_("acronym in Turkish"), max_length=40, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/organisations/",
        blank=True,
        help_text=_("A PNG or JPEG image, for the title page of the network's documents."),
    )
    logo_description = models.CharField(
        _("description of the logo in English"),
        max_length=200,
        blank=True,
        help_text=_("What a screen reader says in place of the logo, e.g. “Logo of IOM”."),
    )
    logo_description_tr = models.CharField(
        _("description of the logo in Turkish"), max_length=200, blank=True
    )
    document_credit = models.CharField(
        _("shown on documents"),
        max_length=10,
        choices=DocumentCredit.choices,
        default=DocumentCredit.NONE,
        blank=True,
        help_text=_("Whether and how the organisation is named, with its logo, on title pages."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"],
                name="organisation_unique_name",
                violation_error_message=_("The network already has an organisation of this name."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="organisation_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse(
            "organisation-detail",
            kwargs={"network_slug": self.network.slug, "organisation_pk": self.pk},
        )

    display_name = Localized("name")
    display_acronym = Localized("acronym")
    display_logo_description = Localized("logo_description")

    @property
    def short_name(self) -> str:
        language = current_language()  # asked once: lists ask it of hundreds
        return localized(self, "acronym", language) or localized(self, "name", language)

    @property
    def label(self) -> str:
        """Name with its acronym, as shown in lists and choices."""
        language = current_language()
        name, acronym = localized(self, "name", language), localized(self, "acronym", language)
        return f"{name} ({acronym})" if acronym else name


def organisation_fk(related_name: str, *, on_delete=models.CASCADE):
    """The organisation a record belongs to."""
    return models.ForeignKey(
        Organisation,
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=_("organisation"),
    )


class Membership(models.Model):
    """A person's role in a network and, for focal points, the organisation they speak for."""

    network = network_fk("memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["network", "role", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user"],
                name="membership_one_per_network",
                violation_error_message=_("This person is already a member of the network."),
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.FOCAL_POINT) | Q(organisation__isnull=False),
                name="membership_focal_point_has_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.network}"


ROLE_INVITATIONS = {
    Role.COORDINATOR: _(
        "You are invited as a coordinator: you will set up cycles, invite organisations and "
        "people, and lead every stage."
    ),
    Role.CONSULTANT: _(
        "You are invited as a consultant: you will gather and analyse the inputs and draft "
        "the documents."
    ),
    Role.FOCAL_POINT: _(
        "You are invited as a focal point: you will give your organisation's inputs, scores "
        "and comments."
    ),
    Role.OBSERVER: _("You are invited as an observer: you will read what the network publishes."),
}


class Invitation(models.Model):
    """An e-mailed offer to join a network in a role; accepted once, through a signed link."""

    network = network_fk("invitations")
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    language = models.CharField(
        _("language of the e-mail"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    invited_by = user_fk(_("invited by"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = user_fk(_("accepted by"))
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.FOCAL_POINT) | Q(organisation__isnull=False),
                name="invitation_focal_point_has_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.email} · {self.get_role_display()} · {self.network}"

    @property
    def role_sentence(self) -> str:
        return ROLE_INVITATIONS[self.role]

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
