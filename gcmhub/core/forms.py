from itertools import pairwise

from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.core.models import Cycle, User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def ticked(label, **options) -> forms.ModelMultipleChoiceField:
    """An optional choice of records, one tick box each; the form's `__init__` sets the queryset."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
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
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The cycle cannot end before it starts."))
        order = [
            ("start_date", data.get("start_date")),
            ("short_term_until", data.get("short_term_until")),
            ("medium_term_until", data.get("medium_term_until")),
            ("long_term_until", data.get("long_term_until")),
        ]
        messages = {
            "short_term_until": _("The short term must end on or after the start of the cycle."),
            "medium_term_until": _("The medium term must end on or after the short term."),
            "long_term_until": _("The long term must end on or after the medium term."),
        }
        for (_unused, before), (name, after) in pairwise(order):
            if before and after and after < before:
                self.add_error(name, messages[name])
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language"]
