"""Prioritisation of a cycle: criteria and weights, partners' scores, and the decisions."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gcmhub.assessments.models import Input
from gcmhub.core.fields import cycle_fk, user_fk
from gcmhub.core.i18n import Localized
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import Facts, Move, Policy, State, Step
from gcmhub.directory.models import Organisation, organisation_fk
from gcmhub.framework.models import FrameworkOutcome, SdgTarget, objective_fk


class Axis(models.TextChoices):
    IMPORTANCE = "importance", _("Importance")
    FEASIBILITY = "feasibility", _("Feasibility")
    NONE = "none", _("Neither")


class Criterion(models.Model):
    """A criterion objectives are scored on, 1 to 5, with its weight in the cycle."""

    cycle = cycle_fk("criteria")
    key = models.SlugField(_("key"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name in English"), max_length=120)
    name_tr = models.CharField(_("name in Turkish"), max_length=120, blank=True)
    question = models.CharField(_("question in English"), max_length=300, blank=True)
    question_tr = models.CharField(_("question in Turkish"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=1, validators=[MinValueValidator(0.01)]
    )
    axis = models.CharField(
        _("axis of the priority matrix"),
        max_length=12,
        choices=Axis.choices,
        default=Axis.IMPORTANCE,
    )
    anchors = models.JSONField(
        _("meaning of each score"),
        default=dict,
        blank=True,
        help_text=_('{"en": [five texts for 1 to 5], "tr": [five texts]}'),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["cycle", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "key"], name="criterion_unique_key"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.display_name

    display_name = Localized("name")
    display_question = Localized("question")

    def anchor_texts(self, language: str) -> list[str]:
        texts = self.anchors.get(language) or self.anchors.get("en") or []
        return [str(t) for t in texts] + [""] * (5 - len(texts))


class RoundStatus(models.TextChoices):
    SETUP = "setup", _("Being prepared")
    OPEN = "open", _("Open for scoring")
    CLOSED = "closed", _("Closed")


class ScoringRound(models.Model):
    cycle = cycle_fk("scoring_round", one_to_one=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.SETUP
    )
    deadline = models.DateField(_("deadline for scores"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scoring round")
        verbose_name_plural = _("scoring rounds")

    def __str__(self):
        return str(self.cycle)


# A score sheet's life: the invited organisation's focal points fill it in and submit it while
# scoring is open; the coordinator may give a submitted sheet back (while scoring is open).
# Sheets only know draft and submitted.
SHEET_STATES = [(State.DRAFT, State.DRAFT.label), (State.SUBMITTED, State.SUBMITTED.label)]
SHEET_POLICY = Policy(
    author=Perm.PRIORITY_SCORE,
    reader=Perm.PRIORITY_RESULTS,
    moves={
        Step.SUBMIT: Move(Perm.PRIORITY_SCORE, {State.DRAFT: State.SUBMITTED}),
        Step.RETURN: Move(Perm.PRIORITY_MANAGE, {State.SUBMITTED: State.DRAFT}),
        # Taken back by its organisation while scoring is open.
        Step.WITHDRAW: Move(Perm.PRIORITY_SCORE, {State.SUBMITTED: State.DRAFT}),
    },
    editable=frozenset({State.DRAFT}),
)


class ScoreSheet(models.Model):
    """An invited organisation's scores: one sheet per organisation and cycle."""

    cycle = cycle_fk("score_sheets")
    organisation = organisation_fk("score_sheets")
    state = models.CharField(_("state"), max_length=10, choices=SHEET_STATES, default=State.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = user_fk(_("submitted by"))
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "organisation"], name="score_sheet_unique")
        ]

    def __str__(self):
        return f"{self.organisation} · {self.cycle}"

    def facts(self, *, scoring_open: bool) -> Facts:
        """What `SHEET_POLICY` needs to know of this sheet (scoring not open locks it)."""
        return Facts(
            state=self.state, organisation_id=self.organisation_id, locked=not scoring_open
        )


class ScoreRow(models.Model):
    """An organisation's scores on one objective: a value per criterion key, or outside mandate."""

    sheet = models.ForeignKey(
        ScoreSheet, on_delete=models.CASCADE, related_name="rows", verbose_name=_("score sheet")
    )
    objective = objective_fk()
    values = models.JSONField(_("scores"), default=dict, blank=True)
    outside_mandate = models.BooleanField(_("outside our mandate"), default=False)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scores on an objective")
        verbose_name_plural = _("scores on objectives")
        ordering = ["sheet", "objective__number"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "objective"], name="score_row_unique")
        ]

    def __str__(self):
        return f"{self.sheet.organisation} · {self.objective.number}"


class DecisionHorizon(models.TextChoices):
    SHORT = "short", _("Short term")
    MEDIUM = "medium", _("Medium term")
    LONG = "long", _("Long term")
    NOT_NOW = "not_now", _("Not prioritised now")


class Decision(models.Model):
    """The network's decision on an objective: its horizon and what it serves and rests on."""

    cycle = cycle_fk("decisions")
    objective = objective_fk()
    horizon = models.CharField(_("horizon"), max_length=10, choices=DecisionHorizon.choices)
    outcomes = models.ManyToManyField(
        FrameworkOutcome,
        blank=True,
        related_name="decisions",
        verbose_name=_("cooperation framework outcomes served"),
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, blank=True, related_name="+", verbose_name=_("SDG targets served")
    )
    lead_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("lead organisations")
    )
    supporting_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("supporting organisations")
    )
    inputs = models.ManyToManyField(
        Input, blank=True, related_name="decisions", verbose_name=_("inputs it rests on")
    )
    rationale = models.TextField(_("rationale"), blank=True, max_length=5000)
    language = models.CharField(
        _("language of the rationale"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    computed_rank = models.PositiveSmallIntegerField(_("computed rank"), null=True, blank=True)
    suggested_horizon = models.CharField(
        _("horizon the rank suggests"), max_length=10, choices=DecisionHorizon.choices, blank=True
    )
    departs_from_rank = models.BooleanField(_("departs from the computed rank"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    decided_at = models.DateTimeField(_("decided"), auto_now=True)
    decided_by = user_fk(_("decided by"))
    illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    history = HistoricalRecords(
        m2m_fields=[outcomes, sdg_targets, lead_organisations, supporting_organisations, inputs]
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["cycle", "objective__number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "objective"], name="decision_unique"),
            models.CheckConstraint(
                condition=Q(departs_from_rank=False) | ~Q(rationale=""),
                name="decision_departure_has_rationale",
            ),
        ]

    def __str__(self):
        return f"{self.objective.number}: {self.get_horizon_display()}"
