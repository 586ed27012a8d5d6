from django import forms

from gcmhub.core.models import Cycle, User
from gcmhub.core.services import HORIZONS, cycle_problems
from gcmhub.core.widgets import CheckboxPicker


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def ticked(label, **options) -> forms.ModelMultipleChoiceField:
    """An optional choice of records, one tick box each in a searchable list; the form's
    `__init__` sets the queryset."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=None,
        required=False,
        widget=CheckboxPicker,
        **options,
    )


class CycleForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = [
            "title",
            "title_tr",
            "country",
            "start_date",
            "end_date",
            "short_term_until",
            "short_term_note",
            "short_term_note_tr",
            "medium_term_until",
            "medium_term_note",
            "medium_term_note_tr",
            "long_term_until",
            "long_term_note",
            "long_term_note_tr",
        ]
        widgets = {
            name: DateInput()
            for name in [
                "start_date",
                "end_date",
                "short_term_until",
                "medium_term_until",
                "long_term_until",
            ]
        }

    def clean(self):
        data = super().clean()
        dates = {name: data.get(name) for name in ("end_date", *HORIZONS)}
        for name, message in cycle_problems(**dates).items():
            if name not in self.errors:
                self.add_error(name, message)
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language"]
