from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.core.forms import DateInput, ticked
from gcmhub.core.widgets import CheckboxPicker
from gcmhub.directory.forms import network_tree, use_network_tree, use_tree_choices
from gcmhub.directory.models import OrganisationType
from gcmhub.framework.models import FrameworkOutcome, Objective, SdgTarget
from gcmhub.workplan.breakdowns import Split, reconcile
from gcmhub.workplan.models import (
    ActivityStatus,
    Breakdown,
    Currency,
    Disaggregation,
    IndicatorKind,
    LnobGroup,
    Marker,
    Output,
)
from gcmhub.workplan.services import (
    activity_problems,
    indicator_categories,
    indicator_place_problem,
    indicator_value_problem,
)

NOT_MARKED = [("", _("Not marked yet"))]


def _outcomes(cycle):
    return FrameworkOutcome.objects.filter(priority__framework__cycle=cycle).order_by("code")


class PeriodForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=40, help_text=_("e.g. 2021 H2"))
    starts = forms.DateField(label=_("First day"), widget=DateInput())
    ends = forms.DateField(label=_("Last day"), widget=DateInput())
    due_date = forms.DateField(label=_("Reports due"), widget=DateInput())


class OutputForm(forms.Form):
    outcome = forms.ModelChoiceField(label=_("Cooperation framework outcome"), queryset=None)
    parent = forms.ModelChoiceField(
        label=_("Sub-output of"),
        queryset=None,
        required=False,
        help_text=_("Leave empty for an output; choose an output to make this a sub-output."),
    )
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("e.g. 1.1.1"))
    title = forms.CharField(label=_("Title in English"), max_length=500)
    title_tr = forms.CharField(label=_("Title in Turkish"), max_length=500, required=False)

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = _outcomes(cycle)
        self.fields["outcome"].label_from_instance = lambda o: f"{o.code} {o.display_statement}"
        self.fields["parent"].queryset = Output.objects.filter(
            cycle=cycle, parent__isnull=True
        ).order_by("code")


class ActivityForm(forms.Form):
    output = forms.ModelChoiceField(label=_("Output"), queryset=None)
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("e.g. 1.1.1.a"))
    title = forms.CharField(label=_("Title in English"), max_length=500)
    title_tr = forms.CharField(label=_("Title in Turkish"), max_length=500, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    objectives = ticked(
        _("GCM objectives it serves"),
        help_text=_("The network's priority and horizon are shown next to each objective."),
    )
    recommendations = ticked(_("Report recommendations it acts on"))
    lead_organisations = forms.ModelMultipleChoiceField(
        label=_("Lead organisations"), queryset=None, widget=CheckboxPicker
    )
    un_entities = forms.ModelMultipleChoiceField(
        label=_("Contributing UN entities"),
        queryset=None,
        required=False,
        widget=CheckboxPicker,
        help_text=_("The UN agencies taking part besides the leads."),
    )
    partner_organisations = forms.ModelMultipleChoiceField(
        label=_("Implementing partners"),
        queryset=None,
        required=False,
        widget=CheckboxPicker,
        help_text=_("Government bodies, civil society and others carrying out the activity."),
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=_("SDG targets"),
        queryset=SdgTarget.objects.order_by("sort_key"),
        required=False,
        widget=CheckboxPicker,
    )
    starts = forms.DateField(label=_("Start"), widget=DateInput())
    ends = forms.DateField(label=_("End"), widget=DateInput())
    budget_planned = forms.DecimalField(
        label=_("Planned budget"), min_value=0, max_digits=14, decimal_places=2
    )
    budget_secured = forms.DecimalField(
        label=_("Secured funding"), min_value=0, max_digits=14, decimal_places=2, initial=0
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    gender_marker = forms.ChoiceField(
        label=_("Gender equality marker"),
        choices=NOT_MARKED + Marker.choices,
        required=False,
        help_text=_("How far the activity contributes to gender equality (UN INFO, GEM 0-3)."),
    )
    human_rights_marker = forms.ChoiceField(
        label=_("Human rights marker"),
        choices=NOT_MARKED + Marker.choices,
        required=False,
        help_text=_("How far the activity contributes to human rights (UN INFO, 0-3)."),
    )
    lnob_groups = forms.MultipleChoiceField(
        label=_("Groups left behind it reaches"),
        choices=LnobGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave no one behind: the groups the activity is meant for."),
    )

    def __init__(self, *args, cycle, **kwargs):
        from gcmhub.documents.models import Recommendation
        from gcmhub.priorities.models import Decision
        from gcmhub.report.kind import NEEDS_ASSESSMENT

        super().__init__(*args, **kwargs)
        self.fields["output"].queryset = Output.objects.filter(cycle=cycle).order_by("code")
        horizons = {
            d.objective_id: d.get_horizon_display()
            for d in Decision.objects.filter(cycle=cycle).only("objective_id", "horizon")
        }
        self.fields["objectives"].queryset = Objective.objects.order_by("number")
        self.fields["objectives"].label_from_instance = lambda o: (
            f"{o.number}. {o.short_label}" + (f" ({horizons[o.pk]})" if o.pk in horizons else "")
        )
        self.fields["recommendations"].queryset = Recommendation.objects.filter(
            document__cycle=cycle, document__kind=NEEDS_ASSESSMENT
        ).order_by("order")
        self.fields["recommendations"].label_from_instance = lambda r: f"{r.order}. {r.text}"
        organisations = cycle.network.organisations.all()
        tree = network_tree(cycle.network)
        use_tree_choices(self.fields["lead_organisations"], organisations, tree)
        use_tree_choices(
            self.fields["un_entities"], organisations.filter(type=OrganisationType.UN_AGENCY)
        )
        use_tree_choices(self.fields["partner_organisations"], organisations, tree)
        self.fields["sdg_targets"].label_from_instance = lambda t: t.code

    def clean(self):
        data = super().clean()
        problems = activity_problems(
            starts=data.get("starts"),
            ends=data.get("ends"),
            budget_planned=data.get("budget_planned"),
            budget_secured=data.get("budget_secured"),
        )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class IndicatorForm(forms.Form):
    output = forms.ModelChoiceField(label=_("Output"), queryset=None, required=False)
    outcome = forms.ModelChoiceField(label=_("or outcome"), queryset=None, required=False)
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name in English"), max_length=500)
    name_tr = forms.CharField(label=_("Name in Turkish"), max_length=500, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=IndicatorKind.choices,
        help_text=_("Numeric indicators take numbers only; qualitative ones take words."),
    )
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    baseline_value = forms.DecimalField(
        label=_("Baseline (number)"), max_digits=16, decimal_places=2, required=False
    )
    baseline_text = forms.CharField(
        label=_("Baseline (in words, qualitative only)"), max_length=500, required=False
    )
    baseline_year = forms.IntegerField(
        label=_("Baseline year"), min_value=1990, max_value=2100, required=False
    )
    source = forms.CharField(label=_("Data source"), max_length=300, required=False)
    breakdowns = forms.ModelMultipleChoiceField(
        label=_("Broken down by"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Progress reports then give a value per category (numeric indicators only); the "
            "breakdowns and their categories are listed under Breakdowns."
        ),
    )
    parts_add_up = forms.BooleanField(
        label=_("The values by category add up to the total"),
        required=False,
        initial=True,
        help_text=_("Tick for counts (persons, cases); not for shares and rates (%)."),
    )
    reported_by = forms.ModelChoiceField(label=_("Reported by"), queryset=None)

    def __init__(self, *args, cycle, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = list(periods)
        self.fields["output"].queryset = Output.objects.filter(cycle=cycle).order_by("code")
        self.fields["outcome"].queryset = _outcomes(cycle)
        self.fields["outcome"].label_from_instance = lambda o: f"{o.code} {o.display_statement}"
        use_network_tree(self.fields["reported_by"], cycle.network)
        self.fields["breakdowns"].queryset = Breakdown.objects.filter(cycle=cycle).order_by("name")
        self.fields["breakdowns"].label_from_instance = lambda b: b.display_name
        for period in self.periods:
            self.fields[f"target_{period.pk}"] = forms.DecimalField(
                label=_("Target %(period)s (number)") % {"period": period.label},
                max_digits=16,
                decimal_places=2,
                required=False,
            )
            self.fields[f"target_text_{period.pk}"] = forms.CharField(
                label=_("Target %(period)s (in words)") % {"period": period.label},
                max_length=500,
                required=False,
            )

    def clean(self):
        data = super().clean()
        problem = indicator_place_problem(output=data.get("output"), outcome=data.get("outcome"))
        if problem:
            self.add_error("output", problem)
        if data.get("breakdowns") and data.get("kind") != IndicatorKind.NUMERIC:
            self.add_error("breakdowns", _("Only a numeric indicator is broken down by category."))
        numeric = data.get("kind") == IndicatorKind.NUMERIC
        pairs = [("baseline_value", "baseline_text")] + [
            (f"target_{p.pk}", f"target_text_{p.pk}") for p in self.periods
        ]
        for number, words in pairs:
            problem = indicator_value_problem(data.get("kind"), data.get(number), data.get(words))
            if problem:  # on the field that holds what does not belong
                self.add_error(words if numeric else number, problem)
        return data

    def targets(self) -> dict:
        return {
            p: (
                self.cleaned_data.get(f"target_{p.pk}"),
                self.cleaned_data.get(f"target_text_{p.pk}", ""),
            )
            for p in self.periods
        }


class BreakdownForm(forms.Form):
    dimension = forms.ChoiceField(label=_("By"), choices=Disaggregation.choices)
    name = forms.CharField(label=_("Name in English"), max_length=100, help_text=_("e.g. Sex"))
    name_tr = forms.CharField(label=_("Name in Turkish"), max_length=100, required=False)


class CategoryForm(forms.Form):
    label = forms.CharField(label=_("Category in English"), max_length=100)
    label_tr = forms.CharField(label=_("Category in Turkish"), max_length=100, required=False)
    hxl = forms.CharField(
        label=_("HXL attributes"),
        max_length=60,
        required=False,
        help_text=_("e.g. +f, +m or +age0_17"),
    )


CategoryFormSet = forms.formset_factory(CategoryForm, extra=2, can_delete=True)


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(
        label=_("Summary of the period"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActivityRowForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    percent_complete = forms.IntegerField(
        label=_("Completion (%)"), min_value=0, max_value=100, initial=0
    )
    narrative = forms.CharField(
        label=_("What was done"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActualRowForm(forms.Form):
    value = forms.DecimalField(
        label=_("Actual value"), max_digits=16, decimal_places=2, required=False
    )
    text = forms.CharField(label=_("Actual (in words)"), max_length=500, required=False)
    narrative = forms.CharField(
        label=_("Narrative"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.breakdowns = indicator_categories(indicator)
        if indicator.is_numeric:
            del self.fields["text"]
            if indicator.unit:
                self.fields["value"].label = _("Actual value (%(unit)s)") % {"unit": indicator.unit}
            if self.breakdowns:
                self.fields["value"].label = (
                    _("Total (%(unit)s)") % {"unit": indicator.unit}
                    if indicator.unit
                    else _("Total")
                )
                self.fields["value"].help_text = _(
                    "Leave it empty to have it computed from the values by category."
                )
        else:
            del self.fields["value"]
        narrative = self.fields.pop("narrative")
        for _breakdown, categories in self.breakdowns:
            for category in categories:
                self.fields[f"part_{category.pk}"] = forms.DecimalField(
                    label=category.display_label,
                    max_digits=16,
                    decimal_places=2,
                    min_value=0,
                    required=False,
                )
        self.fields["narrative"] = narrative

    def groups(self):
        """(breakdown, its categories' bound fields) for the template."""
        return [
            (breakdown, [self[f"part_{c.pk}"] for c in categories])
            for breakdown, categories in self.breakdowns
            if categories
        ]

    def parts(self) -> dict:
        return {
            c.pk: self.cleaned_data.get(f"part_{c.pk}")
            for _b, categories in self.breakdowns
            for c in categories
        }

    def row(self) -> dict:
        """The row for `progress_report_save`."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("part_")}
        if self.breakdowns:
            data["parts"] = self.parts()
        return {"indicator": self.indicator, **data}

    def clean(self):
        data = super().clean()
        if self.breakdowns and not self.errors:
            parts = self.parts()
            splits = [
                Split(b.display_name, [parts.get(c.pk) for c in categories])
                for b, categories in self.breakdowns
                if categories
            ]
            adds_up = self.indicator.parts_add_up
            problems = reconcile(data.get("value"), splits, adds_up=adds_up)[1]
            for problem in problems:
                self.add_error("value", problem)
        return data


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is returned"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
