from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.exports.build import ExportFormat

# Each language in its own name, so that everyone finds theirs.
LANGUAGE_CHOICES = [("en", "English"), ("tr", "Türkçe")]


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=ExportFormat.choices,
        initial=ExportFormat.XLSX,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the labels"),
        choices=LANGUAGE_CHOICES,
        help_text=_("Headers, states, types and objective titles are written in this language."),
    )
    hxl = forms.BooleanField(
        label=_("Add HXL hashtag row"),
        required=False,
        help_text=_(
            "Excel and CSV only: a row of HXL hashtags under the header, which humanitarian "
            "data tools read (hxlstandard.org)."
        ),
    )
