from django import forms

from gcmhub.notifications.models import Delivery, Kind


class PreferencesForm(forms.Form):
    """One choice per kind of notification: at once, in the daily digest, or not by e-mail."""

    def __init__(self, *args, initial_choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=initial_choices[kind].value,
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict:
        return {kind: self.cleaned_data[kind.value] for kind in Kind}
