from django import forms
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from gcmhub.core.forms import DateInput
from gcmhub.core.widgets import CheckboxPicker
from gcmhub.directory.forms import use_network_tree
from gcmhub.documents.kinds import NARRATIVE, section_kinds
from gcmhub.documents.models import (
    EDITOR_EXTENSIONS,
    CommentType,
    Disposition,
    EndorsementResponse,
)


class SectionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    body = ProseEditorFormField(
        label=_("Text"), required=False, config={"extensions": EDITOR_EXTENSIONS}
    )


class OutlineRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    # The choice a new row shows selected is its initial value, so that a row left as it came
    # is not taken for one being filled in (and then refused for its missing title).
    kind = forms.ChoiceField(label=_("Content"), choices=section_kinds, initial=NARRATIVE)


OutlineFormSet = forms.formset_factory(OutlineRowForm, extra=1, can_delete=True, can_order=True)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    subtitle = forms.CharField(label=_("Subtitle"), max_length=300, required=False)
    language = forms.ChoiceField(
        label=_("Language of the document"), choices=[("en", _("English")), ("tr", _("Turkish"))]
    )
    bilingual = forms.BooleanField(
        label=_("Editions in English and in Turkish"),
        required=False,
        help_text=_(
            "Each version has an edition in both languages: the texts written in the "
            "document's language and their translations. Untick for one edition, in the "
            "document's language."
        ),
    )
    compendium = forms.BooleanField(
        label=_("Add the full texts of the inputs as an annex (compendium)"),
        required=False,
        help_text=_(
            "The findings give each organisation's position in a line or two; the compendium "
            "adds the full texts of the inputs as the last annex."
        ),
    )

    def __init__(self, *args, has_compendium: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_compendium:  # a kind without evidence to compile (the terms of reference)
            del self.fields["compendium"]


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=_("Recommendation"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("GCM objectives"),
        queryset=None,
        required=False,
        widget=CheckboxPicker,
    )
    inputs = forms.ModelMultipleChoiceField(
        label=_("Inputs it rests on"), queryset=None, required=False, widget=CheckboxPicker
    )
    consultations = forms.ModelMultipleChoiceField(
        label=_("Consultations it rests on"),
        queryset=None,
        required=False,
        widget=CheckboxPicker,
    )

    def __init__(self, *args, cycle, **kwargs):
        from gcmhub.core.workflow import State
        from gcmhub.framework.models import Objective

        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = Objective.objects.order_by("number")
        self.fields["objectives"].label_from_instance = lambda o: f"{o.number}. {o.short_label}"
        self.fields["inputs"].queryset = (
            cycle.inputs.exclude(state=State.DRAFT)
            .select_related("organisation", "objective")
            .order_by("objective__number", "organisation__name")
        )
        self.fields["inputs"].label_from_instance = lambda i: (
            f"{i.objective.number}. {i.organisation.label} ({i.get_state_display()})"
        )
        self.fields["consultations"].queryset = cycle.consultations.order_by("date")


class IssueForm(forms.Form):
    note = forms.CharField(
        label=_("What changed in this version"),
        max_length=500,
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("e.g. comments of the review of 0.1 taken in")}
        ),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    deadline = forms.DateField(label=_("Deadline for comments"), widget=DateInput())
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations invited to review"),
        queryset=None,
        widget=CheckboxPicker,
    )
    message = forms.CharField(
        label=_("Message to the reviewers"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        use_network_tree(self.fields["organisations"], network)


class CommentForm(forms.Form):
    section_key = forms.ChoiceField(label=_("Section"))
    type = forms.ChoiceField(label=_("Type of comment"), choices=CommentType.choices)
    quote = forms.CharField(
        label=_("Passage you mean (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Copy the words of the text your comment is about."),
    )
    text = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section_key"].choices = [
            (s["key"], f"{s['number']}. {s['title']}") for s in sections
        ]


class CommentEditForm(CommentForm):
    """A draft comment changed by its author, from the version they opened."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, comment, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "section_key": comment.section_key,
                "type": comment.type,
                "quote": comment.quote,
                "text": comment.text,
                "version": comment.version,
            },
        )
        super().__init__(*args, **kwargs)

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("version")
        return data


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(label=_("Disposition"), choices=Disposition.choices)
    reply = forms.CharField(
        label=_("Reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    addressed = forms.ChoiceField(label=_("Addressed in"), required=False)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = {str(v.pk): v for v in versions}
        self.fields["addressed"].choices = [
            ("", _("Not by a change of the text")),
            ("next", _("The next version")),
            *[(str(v.pk), _("Version %(number)s") % {"number": v.number}) for v in versions],
        ]

    def data_for_service(self) -> dict:
        addressed = self.cleaned_data.get("addressed")
        return {
            "disposition": self.cleaned_data["disposition"],
            "reply": self.cleaned_data["reply"],
            "addressed_in": self.versions.get(addressed),
            "address_in_next": addressed == "next",
        }


class MatrixFilterForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    section = forms.ChoiceField(label=_("Section"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *CommentType.choices]
    )
    disposition = forms.ChoiceField(
        label=_("Disposition"),
        required=False,
        choices=[("", _("All")), ("open", _("Waiting for a disposition")), *Disposition.choices],
    )

    def __init__(self, *args, organisations, sections, **kwargs):
        """`organisations`: (pk, label) of those one may filter on."""
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("All organisations"))] + [
            (str(pk), label) for pk, label in organisations
        ]
        self.fields["section"].choices = [("", _("All sections"))] + [
            (s["key"], f"{s['number']}. {s['title']}") for s in sections
        ]


class EndorsementForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your organisation's answer"),
        # The organisation's act, as it says it (the lists say what it did).
        choices=[
            (EndorsementResponse.ENDORSED, _("We endorse it")),
            (EndorsementResponse.RESERVATION, _("We endorse it with a reservation")),
            (EndorsementResponse.DECLINED, _("We do not endorse it")),
        ],
        widget=forms.RadioSelect,
    )
    reservation = forms.CharField(
        label=_("Reservation"),
        help_text=_("Only if you endorse with a reservation: it is printed in the annex."),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
