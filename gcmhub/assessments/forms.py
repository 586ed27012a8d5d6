from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from gcmhub.assessments.models import (
    SHORT_TEXT_LIMIT,
    TEXT_LIMIT,
    Collection,
    Consultation,
    NeedType,
    ReferenceKind,
    TextLanguage,
)
from gcmhub.assessments.questionnaire import MAX_UPLOAD_BYTES
from gcmhub.core.forms import DateInput
from gcmhub.core.i18n import current_language
from gcmhub.core.models import Horizon
from gcmhub.core.widgets import CheckboxPicker
from gcmhub.directory.forms import use_network_tree, use_tree_choices
from gcmhub.editions.texts import prefetch, text_in
from gcmhub.framework.models import GuidingPrinciple, Objective


class ObjectiveChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.title}"


def language_of(written: bool, language: str) -> str:
    """The language a "language of the text" field offers: the text's own once there is a
    text, else the writer's interface language."""
    return language if written else current_language()


def text_language_field(label=None):
    """The "language of the text" of a form; not sent (an older page): as it was."""
    return forms.ChoiceField(
        label=label or _("Language of the text"), choices=TextLanguage.choices, required=False
    )


class CollectionForm(forms.ModelForm):
    language = text_language_field(_("Language of the instructions"))

    class Meta:
        model = Collection
        fields = ["deadline", "instructions", "language"]
        widgets = {"deadline": DateInput(), "instructions": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["language"] = language_of(
            bool(self.instance.instructions), self.instance.language
        )


class AssignmentForm(forms.Form):
    objectives = ObjectiveChoiceField(
        label=_("Objectives this organisation is asked about"),
        queryset=Objective.objects.order_by("number"),
        widget=CheckboxPicker,
        required=False,
    )
    deadline = forms.DateField(
        label=_("Own deadline of this organisation"),
        help_text=_("An extension: leave it empty for the collection's deadline."),
        widget=DateInput(),
        required=False,
    )
    deadline_reason = forms.CharField(
        label=_("Reason for the own deadline"), max_length=500, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("deadline") and not (data.get("deadline_reason") or "").strip():
            self.add_error(
                "deadline_reason", _("Give the reason for the organisation's own deadline.")
            )
        return data


class VolunteerForm(forms.Form):
    objective = forms.ModelChoiceField(
        label=_("Objective your organisation wants to speak to"), queryset=Objective.objects.none()
    )

    def __init__(self, *args, taken, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["objective"]
        field.queryset = Objective.objects.exclude(pk__in=taken).order_by("number")
        field.label_from_instance = lambda o: f"{o.number}. {o.title}"


class InputForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language of the text"), choices=TextLanguage.choices)
    situation = forms.CharField(
        label=_("Situation and achievements"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What is in place: policies, services, results, good practices."),
    )
    gaps = forms.CharField(
        label=_("Gaps and challenges"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    gcm_actions = forms.MultipleChoiceField(
        label=_("GCM actions this input relates to"),
        required=False,
        widget=CheckboxPicker,
    )
    principles = forms.MultipleChoiceField(
        label=_("Guiding principles this input reflects"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consultations = forms.MultipleChoiceField(
        label=_("Consultations this input draws on"),
        required=False,
        widget=CheckboxPicker,
    )

    def __init__(self, *args, objective, consultations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gcm_actions"].choices = [
            (a.letter, f"({a.letter}) {a.gist}") for a in objective.actions.all()
        ]
        self.fields["principles"].choices = [
            (p.key, p.name) for p in GuidingPrinciple.objects.order_by("order")
        ]
        self.fields["consultations"].choices = [
            (str(c.pk), f"{date_format(c.date)} · {text_in(c, 'title')}")
            for c in prefetch(consultations)
        ]
        if not consultations:
            del self.fields["consultations"]


class NeedForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    type = forms.ChoiceField(
        label=_("Type of need"), choices=[("", "---------"), *NeedType.choices]
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=SHORT_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProposedActionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    description = forms.CharField(
        label=_("Proposed action"),
        max_length=SHORT_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    horizon = forms.ChoiceField(
        label=_("Suggested horizon"), choices=[("", "---------"), *Horizon.choices]
    )
    lead = forms.ModelChoiceField(
        label=_("Suggested lead organisation"), queryset=None, required=False
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        use_tree_choices(self.fields["lead"], organisations)


class ReferenceForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "---------"), *ReferenceKind.choices])
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and file.size > MAX_UPLOAD_BYTES * 2:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return file


class RowFormSet(forms.BaseFormSet):
    """Every row shown filled in is kept unless ticked for deletion; of the empty rows added
    for new entries, those left untouched are ignored.

    An existing row posted back unchanged is still a row: `has_changed()` compares it with its
    initial values, so only the extra forms may be skipped on that ground.
    """

    def rows(self) -> list[dict]:
        rows = []
        for i, form in enumerate(self.forms):
            if self._should_delete_form(form):
                continue
            if i >= self.initial_form_count() and not form.has_changed():
                continue
            rows.append({k: v for k, v in form.cleaned_data.items() if k != "DELETE"})
        return rows


NeedFormSet = forms.formset_factory(NeedForm, formset=RowFormSet, extra=2, can_delete=True)
ProposedActionFormSet = forms.formset_factory(
    ProposedActionForm, formset=RowFormSet, extra=2, can_delete=True
)
ReferenceFormSet = forms.formset_factory(
    ReferenceForm, formset=RowFormSet, extra=1, can_delete=True
)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=SHORT_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The organisation's focal points receive it by e-mail."),
    )


class ConsultationForm(forms.ModelForm):
    language = text_language_field()

    class Meta:
        model = Consultation
        fields = [
            "date",
            "type",
            "title",
            "language",
            "organisations",
            "objectives",
            "participants",
            "notes",
        ]
        widgets = {
            "date": DateInput(),
            "organisations": CheckboxPicker,
            "objectives": CheckboxPicker,
            "participants": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["language"] = language_of(bool(self.instance.pk), self.instance.language)
        use_network_tree(self.fields["organisations"], network)
        self.fields["objectives"].queryset = Objective.objects.order_by("number")
        self.fields["objectives"].label_from_instance = lambda o: f"{o.number}. {o.short_label}"


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_UPLOAD_BYTES * 2:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return file


class SynthesisForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    language = text_language_field()
    text = forms.CharField(
        label=_("Synthesis of the inputs on this objective"),
        required=False,
        max_length=TEXT_LIMIT * 3,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "The consultant's reading of all inputs: the raw material of the report's findings."
        ),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in questionnaire (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class ApplyForm(forms.Form):
    submit = forms.BooleanField(
        label=_("Also submit the changed inputs as my organisation's position"), required=False
    )


class CoverageFilterForm(forms.Form):
    organisation_type = forms.ChoiceField(label=_("Type of organisation"), required=False)
    round_table = forms.ChoiceField(label=_("IMRF round table"), required=False)

    def __init__(self, *args, **kwargs):
        from gcmhub.directory.models import OrganisationType

        super().__init__(*args, **kwargs)
        self.fields["organisation_type"].choices = [("", _("All types")), *OrganisationType.choices]
        self.fields["round_table"].choices = [("", _("All round tables"))] + [
            (str(n), _("Round table %(number)s") % {"number": n}) for n in range(1, 5)
        ]
