"""How the network coordinates: its working groups, and its SOP rules with the obligations they
create."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gcmhub.core.fields import cycle_fk, network_fk, optional_fk, user_fk
from gcmhub.core.i18n import Localized
from gcmhub.directory.models import Organisation
from gcmhub.framework.models import RoundTable


class WorkingGroup(models.Model):
    network = network_fk("working_groups")
    name = models.CharField(_("name in English"), max_length=200)
    name_tr = models.CharField(_("name in Turkish"), max_length=200, blank=True)
    round_table = optional_fk(RoundTable, _("IMRF round-table cluster"))
    chair = optional_fk(Organisation, _("chair"), related_name="chaired_groups")
    members = models.ManyToManyField(
        Organisation, blank=True, related_name="working_groups", verbose_name=_("members")
    )
    purpose = models.TextField(_("purpose"), blank=True, max_length=3000)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["network", "name"]

    def __str__(self):
        return self.display_name

    display_name = Localized("name")


class SopKind(models.TextChoices):
    COORDINATION = "coordination", _("Coordination")
    REPORTING = "reporting", _("Reporting")
    MONITORING = "monitoring", _("Monitoring and evaluation")


class Responsible(models.TextChoices):
    SECRETARIAT = "secretariat", _("The network coordinator (secretariat)")
    LEADS = "leads", _("Every organisation leading an activity of the work plan")
    MEMBERS = "members", _("Every organisation of the network")
    CHOSEN = "chosen", _("The organisations chosen below")


class SopRule(models.Model):
    """A standard operating procedure written as a rule that gcmhub turns into due obligations:
    who does what, for whom, on which days of the year (or on given dates)."""

    cycle = cycle_fk("sop_rules")
    kind = models.CharField(_("kind"), max_length=20, choices=SopKind.choices)
    # The title and the task are written in `language` (the original); their edition in the
    # other language is a translation (gcmhub.editions), marked stale when the original changes.
    language = models.CharField(
        _("language of the text"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    title = models.CharField(_("title"), max_length=200)
    task = models.CharField(
        _("what is done"),
        max_length=300,
        help_text=_("e.g. “send the progress report on its activities”"),
    )
    responsible = models.CharField(_("who does it"), max_length=20, choices=Responsible.choices)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("organisations chosen")
    )
    working_group = optional_fk(
        WorkingGroup,
        _("body that meets (a working group; empty: the network)"),
        related_name="sop_rules",
    )
    chair = optional_fk(Organisation, _("chair"))
    minutes_by = optional_fk(Organisation, _("takes the minutes"))
    recipient = optional_fk(Organisation, _("sent to (empty: the network coordinator)"))
    months = models.JSONField(
        _("months"), default=list, blank=True, help_text=_("The months of the year it is due.")
    )
    day = models.PositiveSmallIntegerField(
        _("day of the month"),
        default=15,
        help_text=_("A day after the end of a short month means its last day."),
    )
    dates = models.JSONField(_("single dates"), default=list, blank=True)
    starts = models.DateField(_("from"))
    ends = models.DateField(_("until"))
    remind_before = models.PositiveSmallIntegerField(_("reminder, days before"), default=7)
    remind_after = models.PositiveSmallIntegerField(_("reminder, days after"), default=3)
    met_by_progress_report = models.BooleanField(
        _("met by submitting the progress report of the period"), default=False
    )
    illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        verbose_name = _("SOP rule")
        verbose_name_plural = _("SOP rules")
        ordering = ["cycle", "kind", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="sop_ends_after"),
            models.CheckConstraint(condition=Q(day__gte=1, day__lte=31), name="sop_day_range"),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        """The title in the reader's language: its translation, or the original."""
        from gcmhub.editions.texts import text_in

        return text_in(self, "title")

    @property
    def display_task(self) -> str:
        from gcmhub.editions.texts import text_in

        return text_in(self, "task")


class Obligation(models.Model):
    """One due occurrence of an SOP rule for one organisation (none: the secretariat)."""

    rule = models.ForeignKey(
        SopRule, on_delete=models.CASCADE, related_name="obligations", verbose_name=_("SOP rule")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="obligations",
        verbose_name=_("organisation"),
    )
    due_date = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = user_fk(_("marked done by"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    reminded_before = models.DateTimeField(_("reminded before"), null=True, blank=True)
    reminded_after = models.DateTimeField(_("reminded after"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["due_date", "rule", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "organisation", "due_date"],
                condition=Q(organisation__isnull=False),
                name="obligation_unique",
            ),
            models.UniqueConstraint(
                fields=["rule", "due_date"],
                condition=Q(organisation__isnull=True),
                name="obligation_unique_secretariat",
            ),
        ]

    def __str__(self):
        return f"{self.rule} · {self.due_date}"
