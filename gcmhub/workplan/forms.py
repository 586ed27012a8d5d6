from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.core.forms import DateInput, ticked
from gcmhub.core.widgets import CheckboxPicker
from gcmhub.directory.forms import use_tree_choices
from gcmhub.framework.models import FrameworkOutcome, Objective, SdgTarget
from gcmhub.workplan.models import (
    ActivityStatus,
    Currency,
    Disaggregation,
    IndicatorKind,
    Output,
)
from gcmhub.workplan.services import (
    activity_problems,
    indicator_place_problem,
    indicator_value_problem,
)


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
    partner_organisations = ticked(_("Partner organisations"))
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
        use_tree_choices(self.fields["lead_organisations"], organisations)
        use_tree_choices(self.fields["partner_organisations"], organisations)
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
    disaggregation = forms.MultipleChoiceField(
        label=_("Disaggregated by"),
        choices=Disaggregation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reported_by = forms.ModelChoiceField(label=_("Reported by"), queryset=None)

    def __init__(self, *args, cycle, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = list(periods)
        self.fields["output"].queryset = Output.objects.filter(cycle=cycle).order_by("code")
        self.fields["outcome"].queryset = _outcomes(cycle)
        self.fields["outcome"].label_from_instance = lambda o: f"{o.code} {o.display_statement}"
        use_tree_choices(self.fields["reported_by"], cycle.network.organisations.all())
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
        if indicator.is_numeric:
            del self.fields["text"]
            if indicator.unit:
                self.fields["value"].label = _("Actual value (%(unit)s)") % {"unit": indicator.unit}
        else:
            del self.fields["value"]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is returned"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
