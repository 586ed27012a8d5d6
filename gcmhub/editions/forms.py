"""The translate form: one field per paired text, in the translation's language."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmhub.editions.registry import paired_of
from gcmhub.editions.texts import source_hash, translation_of


class TranslationForm(forms.Form):
    def __init__(self, *args, obj, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        paired = paired_of(obj)
        self.text_fields = []
        for name in paired.fields:
            model_field = obj._meta.get_field(name)
            row = translation_of(obj, name, language)
            if name in paired.rich:
                field = model_field.formfield(required=False)
            elif isinstance(model_field, models.TextField):
                field = forms.CharField(
                    required=False,
                    max_length=model_field.max_length,
                    widget=forms.Textarea(attrs={"rows": 8}),
                    strip=False,
                )
            else:
                field = forms.CharField(
                    required=False, max_length=model_field.max_length, strip=False
                )
            field.label = model_field.verbose_name
            field.initial = row.text if row else ""
            self.fields[name] = field
            self.fields[f"{name}__version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=row.version if row else 0, min_value=0
            )
            # The original the translator has before them: a save is refused if it changed.
            self.fields[f"{name}__source"] = forms.CharField(
                widget=forms.HiddenInput,
                initial=source_hash(getattr(obj, name)),
                required=False,
                max_length=64,
            )
            self.text_fields.append(name)


class KeepForm(forms.Form):
    field = forms.CharField(label=_("text"))
    version = forms.IntegerField(label=_("version"), min_value=0)
