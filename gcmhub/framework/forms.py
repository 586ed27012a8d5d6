from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.framework.models import CooperationFramework, FrameworkOutcome, StrategicPriority
from gcmhub.framework.services import years_problem


class CooperationFrameworkForm(forms.ModelForm):
    class Meta:
        model = CooperationFramework
        fields = ["title", "start_year", "end_year", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        problem = years_problem(start_year=data.get("start_year"), end_year=data.get("end_year"))
        if problem:
            self.add_error("end_year", problem)
        return data


class PriorityForm(forms.ModelForm):
    class Meta:
        model = StrategicPriority
        fields = ["number", "name", "name_tr", "is_confirmed"]


class OutcomeForm(forms.ModelForm):
    priority_number = forms.IntegerField(label=_("Strategic priority"), min_value=1)

    class Meta:
        model = FrameworkOutcome
        fields = ["priority_number", "code", "statement", "statement_tr", "migration_relevant"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2}),
            "statement_tr": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["priority_number"] = self.instance.priority.number


class BasePriorityFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        numbers = [
            f.cleaned_data["number"]
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and "number" in f.cleaned_data
        ]
        if len(numbers) != len(set(numbers)):
            raise forms.ValidationError(_("Two strategic priorities have the same number."))

    def kept_numbers(self) -> set[int]:
        return {
            f.cleaned_data["number"]
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        }


class BaseOutcomeFormSet(forms.BaseModelFormSet):
    def check_priorities(self, numbers: set[int]) -> bool:
        """Flag outcomes whose priority number is not among the kept priorities."""
        ok = True
        for form in self.forms:
            data = form.cleaned_data
            if data and not data.get("DELETE") and data.get("priority_number") not in numbers:
                form.add_error(
                    "priority_number",
                    _(
                        "There is no strategic priority %(number)s: add it above, or move "
                        "this outcome to another priority or delete it."
                    )
                    % {"number": data.get("priority_number")},
                )
                ok = False
        codes = [
            f.cleaned_data["code"]
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("code")
        ]
        if len(codes) != len(set(codes)):
            self._non_form_errors = self.error_class([_("Two outcomes have the same code.")])
            ok = False
        return ok


PriorityFormSet = forms.modelformset_factory(
    StrategicPriority, form=PriorityForm, formset=BasePriorityFormSet, extra=1, can_delete=True
)
OutcomeFormSet = forms.modelformset_factory(
    FrameworkOutcome, form=OutcomeForm, formset=BaseOutcomeFormSet, extra=2, can_delete=True
)
