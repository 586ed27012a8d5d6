"""The results-based work plan (outputs and activities), indicators, reporting periods and the
organisations' progress reports."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gcmhub.core.fields import cycle_fk, user_fk
from gcmhub.core.i18n import Localized
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import Facts, Move, Policy, State, Step
from gcmhub.directory.models import Organisation, organisation_fk
from gcmhub.framework.models import FrameworkOutcome, Objective, SdgTarget


class ReportingPeriod(models.Model):
    """A period the organisations report progress on, with the date reports are due."""

    cycle = cycle_fk("reporting_periods")
    label = models.CharField(_("name"), max_length=40, help_text=_("e.g. 2021 H2"))
    starts = models.DateField(_("first day"))
    ends = models.DateField(_("last day"))
    due_date = models.DateField(_("reports due"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["cycle", "starts"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "label"], name="period_unique_label"),
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="period_ends_after"),
        ]

    def __str__(self):
        return self.label


class Output(models.Model):
    """An output (or, under another output, a sub-output) of a cooperation-framework outcome."""

    cycle = cycle_fk("outputs")
    outcome = models.ForeignKey(
        FrameworkOutcome,
        on_delete=models.PROTECT,
        related_name="outputs",
        verbose_name=_("cooperation framework outcome"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("output it belongs to (for a sub-output)"),
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title in English"), max_length=500)
    title_tr = models.CharField(_("title in Turkish"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["cycle", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="output_unique_code"),
        ]

    def __str__(self):
        return f"{self.code} {self.display_title}"

    display_title = Localized("title")

    @property
    def is_sub_output(self) -> bool:
        return self.parent_id is not None


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class Currency(models.TextChoices):
    USD = "USD", "USD"
    EUR = "EUR", "EUR"
    TRY = "TRY", "TRY"


class Marker(models.TextChoices):
    """The UNSDG's gender equality marker (GEM) and human rights marker codes, as UN INFO
    records them for each activity (sub-output)."""

    NONE = "0", _("0: not expected to contribute noticeably")
    LIMITED = "1", _("1: contributes in a limited way")
    SIGNIFICANT = "2", _("2: a significant objective")
    PRINCIPAL = "3", _("3: the principal objective")


class LnobGroup(models.TextChoices):
    """The groups left behind, or at risk of being left behind, as UN INFO lists them."""

    WOMEN_GIRLS = "women_girls", _("Women and girls")
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Youth")
    OLDER_PERSONS = "older_persons", _("Older persons")
    DISABILITIES = "disabilities", _("Persons with disabilities")
    MIGRANTS = "migrants", _("Migrants")
    REFUGEES = "refugees", _("Refugees and asylum seekers")
    IDPS = "idps", _("Internally displaced persons")
    STATELESS = "stateless", _("Stateless persons")
    MINORITIES = "minorities", _("Minorities (ethnic, religious, linguistic)")
    RURAL = "rural", _("Rural populations")
    POOR = "poor", _("Persons living in poverty")
    LGBTI = "lgbti", _("LGBTI persons")
    HIV = "hiv", _("People living with HIV/AIDS")
    DEPRIVED_OF_LIBERTY = "deprived_of_liberty", _("Persons deprived of liberty")
    VICTIMS = "victims", _("Victims of trafficking and violence")
    OTHER = "other", _("Other groups")


class Activity(models.Model):
    output = models.ForeignKey(
        Output, on_delete=models.PROTECT, related_name="activities", verbose_name=_("output")
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title in English"), max_length=500)
    title_tr = models.CharField(_("title in Turkish"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="+", verbose_name=_("GCM objectives it serves")
    )
    recommendations = models.ManyToManyField(
        "documents.Recommendation",
        blank=True,
        related_name="activities",
        verbose_name=_("report recommendations it acts on"),
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, blank=True, related_name="+", verbose_name=_("SDG targets")
    )
    lead_organisations = models.ManyToManyField(
        Organisation, related_name="led_activities", verbose_name=_("lead organisations")
    )
    un_entities = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="contributed_activities",
        verbose_name=_("contributing UN entities"),
    )
    partner_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partner_activities",
        verbose_name=_("implementing partners"),
    )
    gender_marker = models.CharField(
        _("gender equality marker"), max_length=1, choices=Marker.choices, blank=True
    )
    human_rights_marker = models.CharField(
        _("human rights marker"), max_length=1, choices=Marker.choices, blank=True
    )
    lnob_groups = models.JSONField(_("groups left behind it reaches"), default=list, blank=True)
    starts = models.DateField(_("start"))
    ends = models.DateField(_("end"))
    budget_planned = models.DecimalField(_("planned budget"), max_digits=14, decimal_places=2)
    budget_secured = models.DecimalField(
        _("secured funding"), max_digits=14, decimal_places=2, default=0
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    history = HistoricalRecords(
        m2m_fields=[
            objectives,
            recommendations,
            sdg_targets,
            lead_organisations,
            un_entities,
            partner_organisations,
        ]
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["output__code", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="activity_ends_after"),
            models.CheckConstraint(
                condition=Q(budget_planned__gte=0, budget_secured__gte=0),
                name="activity_budget_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.display_title}"

    display_title = Localized("title")

    @property
    def gap(self):
        return max(self.budget_planned - self.budget_secured, 0)

    def get_lnob_groups_display(self) -> list[str]:
        labels = dict(LnobGroup.choices)
        return [str(labels.get(key, key)) for key in self.lnob_groups]


class IndicatorKind(models.TextChoices):
    NUMERIC = "numeric", _("Numeric")
    QUALITATIVE = "qualitative", _("Qualitative")


class Disaggregation(models.TextChoices):
    """What a breakdown of an indicator's figures is by."""

    SEX = "sex", _("Sex")
    AGE = "age", _("Age group")
    MIGRATION_STATUS = "migration_status", _("Migration status")
    NATIONALITY = "nationality", _("Nationality")
    LOCATION = "location", _("Province")
    DISABILITY = "disability", _("Disability")
    OTHER = "other", _("Other")


class Breakdown(models.Model):
    """A way the cycle's indicators break their figures down (by sex, by age group, by
    province...), with its categories: each category's value is part of the total."""

    cycle = cycle_fk("breakdowns")
    dimension = models.CharField(
        _("by"), max_length=20, choices=Disaggregation.choices, default=Disaggregation.OTHER
    )
    name = models.CharField(_("name in English"), max_length=100)
    name_tr = models.CharField(_("name in Turkish"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("breakdown")
        verbose_name_plural = _("breakdowns")
        ordering = ["cycle", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="breakdown_unique_name"),
        ]

    def __str__(self):
        return self.display_name

    display_name = Localized("name")


class BreakdownCategory(models.Model):
    breakdown = models.ForeignKey(
        Breakdown, on_delete=models.CASCADE, related_name="categories", verbose_name=_("breakdown")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("category in English"), max_length=100)
    label_tr = models.CharField(_("category in Turkish"), max_length=100, blank=True)
    hxl = models.CharField(
        _("HXL attributes"),
        max_length=60,
        blank=True,
        help_text=_("e.g. +f, +m or +age0_17: added to the value's hashtag in HXL exports"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("breakdown category")
        verbose_name_plural = _("breakdown categories")
        ordering = ["breakdown", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["breakdown", "label"], name="breakdown_category_unique_label"
            ),
        ]

    def __str__(self):
        return self.display_label

    display_label = Localized("label")


class Indicator(models.Model):
    """An indicator of an output or of a cooperation-framework outcome."""

    cycle = cycle_fk("indicators")
    outcome = models.ForeignKey(
        FrameworkOutcome,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("outcome"),
    )
    output = models.ForeignKey(
        Output,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("output"),
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name in English"), max_length=500)
    name_tr = models.CharField(_("name in Turkish"), max_length=500, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=IndicatorKind.choices, default=IndicatorKind.NUMERIC
    )
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("e.g. persons, %"))
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    baseline_text = models.CharField(_("baseline (qualitative)"), max_length=500, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    source = models.CharField(_("data source"), max_length=300, blank=True)
    breakdowns = models.ManyToManyField(
        Breakdown, blank=True, related_name="indicators", verbose_name=_("broken down by")
    )
    parts_add_up = models.BooleanField(
        _("values by category add up to the total"),
        default=True,
        help_text=_("Yes for counts (persons, cases); no for shares and rates (%)."),
    )
    reported_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("reported by"),
    )
    illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    history = HistoricalRecords(m2m_fields=[breakdowns])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["cycle", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="indicator_unique_code"),
            models.CheckConstraint(
                condition=Q(outcome__isnull=True, output__isnull=False)
                | Q(outcome__isnull=False, output__isnull=True),
                name="indicator_of_outcome_or_output",
            ),
            models.CheckConstraint(
                condition=Q(kind="numeric", baseline_text="")
                | Q(kind="qualitative", baseline_value__isnull=True),
                name="indicator_baseline_matches_kind",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.display_name}"

    display_name = Localized("name")

    @property
    def is_numeric(self) -> bool:
        return self.kind == IndicatorKind.NUMERIC


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="+", verbose_name=_("period")
    )
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2, null=True, blank=True)
    text = models.CharField(_("target (qualitative)"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "period__starts"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="target_unique"),
        ]

    def __str__(self):
        return f"{self.indicator.code} · {self.period}"


REPORT_POLICY = Policy(
    # An organisation's focal points write and submit its report; the coordinator returns it
    # (with a reason) or accepts it; the coordinator and the consultants read the others'
    # reports once submitted.
    author=Perm.PROGRESS_REPORT,
    reader=Perm.PROGRESS_READ,
    moves={
        Step.SUBMIT: Move(
            by=Perm.PROGRESS_REPORT,
            moves={State.DRAFT: State.SUBMITTED, State.RETURNED: State.SUBMITTED},
        ),
        Step.RETURN: Move(by=Perm.PROGRESS_REVIEW, moves={State.SUBMITTED: State.RETURNED}),
        Step.ACCEPT: Move(by=Perm.PROGRESS_REVIEW, moves={State.SUBMITTED: State.ACCEPTED}),
        # Taken back by its organisation until the coordinator returns or accepts it.
        Step.WITHDRAW: Move(by=Perm.PROGRESS_REPORT, moves={State.SUBMITTED: State.DRAFT}),
    },
)


class ProgressReport(models.Model):
    """An organisation's report on its activities and indicators for one period."""

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="reports", verbose_name=_("period")
    )
    organisation = organisation_fk("progress_reports", on_delete=models.PROTECT)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    summary = models.TextField(_("summary"), blank=True, max_length=5000)
    return_reason = models.TextField(_("reason for returning"), blank=True, max_length=3000)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = user_fk(_("reviewed by"))
    version = models.PositiveIntegerField(_("version"), default=1)
    illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period__starts", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "organisation"], name="report_unique"),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(return_reason=""),
                name="report_returned_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.period}"

    @property
    def facts(self) -> Facts:
        """What the workflow's rules need to know of the report."""
        return Facts(state=self.state, organisation_id=self.organisation_id)


class ActivityProgress(models.Model):
    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="activity_rows",
        verbose_name=_("progress report"),
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="progress", verbose_name=_("activity")
    )
    status = models.CharField(_("status"), max_length=10, choices=ActivityStatus.choices)
    percent_complete = models.PositiveSmallIntegerField(_("completion (%)"), default=0)
    narrative = models.TextField(_("what was done"), blank=True, max_length=5000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity progress")
        verbose_name_plural = _("activity progress")
        ordering = ["report", "activity__code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "activity"], name="activity_progress_unique"),
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="activity_progress_percent"
            ),
        ]

    def __str__(self):
        return f"{self.activity.code} · {self.percent_complete} %"


class IndicatorActual(models.Model):
    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="actuals",
        verbose_name=_("progress report"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="actuals", verbose_name=_("indicator")
    )
    value = models.DecimalField(
        _("actual value"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    text = models.CharField(_("actual (qualitative)"), max_length=500, blank=True)
    narrative = models.TextField(_("narrative"), blank=True, max_length=3000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator actual")
        verbose_name_plural = _("indicator actuals")
        ordering = ["report", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="actual_unique"),
        ]

    def __str__(self):
        return f"{self.indicator.code} · {self.value if self.value is not None else self.text}"


class ActualPart(models.Model):
    """The part of an indicator's actual value in one category of one of its breakdowns."""

    actual = models.ForeignKey(
        IndicatorActual, on_delete=models.CASCADE, related_name="parts", verbose_name=_("actual")
    )
    category = models.ForeignKey(
        BreakdownCategory,
        on_delete=models.PROTECT,
        related_name="parts",
        verbose_name=_("category"),
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actual value by category")
        verbose_name_plural = _("actual values by category")
        ordering = ["actual", "category__breakdown__name", "category__order", "category"]
        constraints = [
            models.UniqueConstraint(fields=["actual", "category"], name="actual_part_unique"),
        ]

    def __str__(self):
        return f"{self.category} · {self.value}"
