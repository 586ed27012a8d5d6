import datetime as dt

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from gcmhub.core.forms import DateInput
from gcmhub.directory.forms import use_tree_choices
from gcmhub.framework.models import FrameworkOutcome, Objective, RoundTable, SdgTarget
from gcmhub.network.models import (
    ActivityStatus,
    Currency,
    Disaggregation,
    IndicatorKind,
    Output,
    Responsible,
    SopKind,
    WorkingGroup,
)
from gcmhub.network.schedule import State


def _outcomes(cycle):
    return FrameworkOutcome.objects.filter(priority__framework__cycle=cycle).order_by("code")


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("Name in English"), max_length=200)
    name_tr = forms.CharField(label=_("Name in Turkish"), max_length=200, required=False)
    round_table = forms.ModelChoiceField(
        label=_("IMRF round-table cluster"), queryset=RoundTable.objects.all(), required=False
    )
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=None, required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round_table"].label_from_instance = lambda r: f"{r.number}. {r.theme}"
        use_tree_choices(self.fields["chair"], network.organisations.all())
        use_tree_choices(self.fields["members"], network.organisations.all())


class PeriodForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=40, help_text=_("e.g. 2021 H2"))
    starts = forms.DateField(label=_("First day"), widget=DateInput())
    ends = forms.DateField(label=_("Last day"), widget=DateInput())
    due_date = forms.DateField(label=_("Reports due"), widget=DateInput())


class DateListField(forms.CharField):
    """Single dates typed one per line (or separated by commas) as YYYY-MM-DD."""

    def to_python(self, value):
        value = super().to_python(value)
        dates = []
        for part in value.replace(",", "\n").split():
            try:
                dates.append(dt.date.fromisoformat(part.strip()))
            except ValueError:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date: write dates as YYYY-MM-DD, one per line.")
                    % {"value": part}
                ) from None
        return dates

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(d) for d in value)
        return value


class SopRuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SopKind.choices)
    title = forms.CharField(label=_("Title in English"), max_length=200)
    title_tr = forms.CharField(label=_("Title in Turkish"), max_length=200, required=False)
    task = forms.CharField(
        label=_("What is done, in English"),
        max_length=300,
        help_text=_("e.g. “sends its progress report on the work plan”"),
    )
    task_tr = forms.CharField(label=_("What is done, in Turkish"), max_length=300, required=False)
    responsible = forms.ChoiceField(label=_("Who does it"), choices=Responsible.choices)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations chosen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    months = forms.TypedMultipleChoiceField(
        label=_("Months it is due"),
        choices=[(m, MONTHS[m]) for m in range(1, 13)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    day = forms.IntegerField(
        label=_("Day of the month"),
        min_value=1,
        max_value=31,
        initial=15,
        help_text=_("31 means the last day of every month."),
    )
    dates = DateListField(
        label=_("Single dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For one-off obligations (a mid-term review): YYYY-MM-DD, one per line."),
    )
    starts = forms.DateField(label=_("From"), widget=DateInput())
    ends = forms.DateField(label=_("Until"), widget=DateInput())
    working_group = forms.ModelChoiceField(
        label=_("Body that meets (empty: the network)"), queryset=None, required=False
    )
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=None, required=False)
    minutes_by = forms.ModelChoiceField(label=_("Takes the minutes"), queryset=None, required=False)
    recipient = forms.ModelChoiceField(
        label=_("Sent to (empty: the network coordinator)"), queryset=None, required=False
    )
    remind_before = forms.IntegerField(
        label=_("Reminder, days before"), min_value=0, max_value=90, initial=7
    )
    remind_after = forms.IntegerField(
        label=_("Reminder, days after"),
        min_value=0,
        max_value=90,
        initial=3,
        help_text=_("0: no reminder after the due date."),
    )
    met_by_progress_report = forms.BooleanField(
        label=_("Met by submitting the progress report of the period"), required=False
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = network.organisations.all()
        use_tree_choices(self.fields["organisations"], organisations)
        for name in ("chair", "minutes_by", "recipient"):
            use_tree_choices(self.fields[name], organisations)
        self.fields["working_group"].queryset = WorkingGroup.objects.filter(network=network)

    def clean(self):
        data = super().clean()
        if not data.get("months") and not data.get("dates") and "months" not in self.errors:
            self.add_error("months", _("Choose the months it is due, or give single dates."))
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("The rule cannot end before it starts."))
        if data.get("responsible") == Responsible.CHOSEN and not data.get("organisations"):
            self.add_error("organisations", _("Choose the organisations."))
        return data


class ObligationFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *SopKind.choices], required=False
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=[
            ("", _("All")),
            (State.LATE, _("Late")),
            (State.PENDING, _("Pending")),
            (State.DONE, _("Done")),
        ],
        required=False,
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        use_tree_choices(self.fields["organisation"], network.organisations.all())
        self.fields["organisation"].empty_label = _("All")


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
    objectives = forms.ModelMultipleChoiceField(
        label=_("GCM objectives it serves"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The network's priority and horizon are shown next to each objective."),
    )
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Report recommendations it acts on"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead_organisations = forms.ModelMultipleChoiceField(
        label=_("Lead organisations"), queryset=None
    )
    partner_organisations = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"), queryset=None, required=False
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=_("SDG targets"), queryset=SdgTarget.objects.order_by("sort_key"), required=False
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
        if data.get("starts") and data.get("ends") and data["ends"] < data["starts"]:
            self.add_error("ends", _("An activity cannot end before it starts."))
        planned, secured = data.get("budget_planned"), data.get("budget_secured")
        if planned is not None and secured is not None and secured > planned:
            self.add_error("budget_secured", _("Secured funding is more than the planned budget."))
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
        if bool(data.get("output")) == bool(data.get("outcome")):
            self.add_error("output", _("Attach the indicator to an output or to an outcome."))
        numeric = data.get("kind") == IndicatorKind.NUMERIC
        pairs = [("baseline_value", "baseline_text")] + [
            (f"target_{p.pk}", f"target_text_{p.pk}") for p in self.periods
        ]
        for number, words in pairs:
            if numeric and data.get(words):
                self.add_error(words, _("This is a numeric indicator: give a number."))
            if not numeric and data.get(number) is not None:
                self.add_error(number, _("This is a qualitative indicator: describe it in words."))
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
