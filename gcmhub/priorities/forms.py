from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gcmhub.core.forms import DateInput, ticked
from gcmhub.core.workflow import State
from gcmhub.directory.forms import network_names, network_tree, use_tree_choices
from gcmhub.priorities.models import Axis, DecisionHorizon

SCORE_CHOICES = [("", "–"), *[(str(n), str(n)) for n in range(1, 6)]]


class CriterionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name in English"), max_length=120)
    name_tr = forms.CharField(label=_("Name in Turkish"), max_length=120, required=False)
    question = forms.CharField(label=_("Question in English"), max_length=300, required=False)
    question_tr = forms.CharField(label=_("Question in Turkish"), max_length=300, required=False)
    weight = forms.DecimalField(label=_("Weight"), min_value=0.01, max_digits=5, decimal_places=2)
    # The choice a new row shows selected is its initial value: a row left as it came is not
    # a criterion being added (it was refused for its missing name and weight).
    axis = forms.ChoiceField(
        label=_("Axis of the priority matrix"), choices=Axis.choices, initial=Axis.IMPORTANCE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language, label in (("en", _("in English")), ("tr", _("in Turkish"))):
            for score in range(1, 6):
                self.fields[f"anchor_{language}_{score}"] = forms.CharField(
                    label=_("Meaning of %(score)d %(language)s")
                    % {"score": score, "language": label},
                    max_length=200,
                    required=False,
                )

    def row(self) -> dict:
        data = {
            k: v
            for k, v in self.cleaned_data.items()
            if not k.startswith("anchor_") and k != "DELETE"
        }
        data["anchors"] = {
            language: [self.cleaned_data.get(f"anchor_{language}_{n}", "") for n in range(1, 6)]
            for language in ("en", "tr")
        }
        return data

    @staticmethod
    def initial_for(criterion) -> dict:
        initial = {
            "id": criterion.pk,
            "name": criterion.name,
            "name_tr": criterion.name_tr,
            "question": criterion.question,
            "question_tr": criterion.question_tr,
            "weight": criterion.weight,
            "axis": criterion.axis,
        }
        for language in ("en", "tr"):
            for n, text in enumerate(criterion.anchor_texts(language), start=1):
                initial[f"anchor_{language}_{n}"] = text
        return initial


class BaseCriterionFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """Criteria to keep, in order; blank extra rows and rows ticked for deletion drop out."""
        return [f.row() for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriterionFormSet, extra=1, can_delete=True
)


class InviteForm(forms.Form):
    organisations = ticked(_("Organisations invited to score"))

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisations"]
        field.queryset = network.organisations.order_by("name")
        field.label_from_instance = lambda o: o.label


class OpenForm(forms.Form):
    deadline = forms.DateField(label=_("Deadline for scores"), required=False, widget=DateInput())


class ScoreRowForm(forms.Form):
    """One objective's scores: a 1-5 choice per criterion, outside mandate, comment."""

    def __init__(self, *args, objective, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.objective = objective
        for criterion in criteria:
            self.fields[criterion.key] = forms.TypedChoiceField(
                label=_("Objective %(number)d, %(criterion)s")
                % {"number": objective.number, "criterion": criterion.display_name},
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )
        self.criteria_keys = [c.key for c in criteria]
        self.fields["outside_mandate"] = forms.BooleanField(
            label=_("Objective %(number)d is outside our mandate") % {"number": objective.number},
            required=False,
        )
        self.fields["comment"] = forms.CharField(
            label=_("Comment on objective %(number)d") % {"number": objective.number},
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 1}),
        )

    def score_fields(self):
        return [self[key] for key in self.criteria_keys]

    def row(self) -> dict:
        return {
            "values": {key: self.cleaned_data.get(key) for key in self.criteria_keys},
            "outside_mandate": self.cleaned_data.get("outside_mandate", False),
            "comment": self.cleaned_data.get("comment", ""),
        }


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    horizon = forms.ChoiceField(
        label=_("Horizon"), choices=DecisionHorizon.choices, widget=forms.RadioSelect
    )
    outcomes = ticked(_("Cooperation framework outcomes it serves"))
    sdg_targets = ticked(_("SDG targets it serves"))
    lead_organisations = ticked(_("Lead organisations"))
    supporting_organisations = ticked(_("Supporting organisations"))
    inputs = ticked(_("Inputs it rests on"))
    rationale = forms.CharField(
        label=_("Rationale"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when the decision departs from the horizon the computed rank suggests."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=settings.LANGUAGES, required=False
    )

    def __init__(self, *args, cycle, objective, inputs, **kwargs):
        from gcmhub.framework.models import FrameworkOutcome, SdgTarget

        super().__init__(*args, **kwargs)
        self.fields["outcomes"].queryset = FrameworkOutcome.objects.filter(
            priority__framework__cycle=cycle
        ).order_by("code")
        self.fields["outcomes"].label_from_instance = lambda o: f"{o.code} {o.display_statement}"
        self.fields["sdg_targets"].queryset = (
            SdgTarget.objects.filter(objective_links__objective=objective)
            .select_related("goal")
            .order_by("sort_key")
        )
        self.fields["sdg_targets"].label_from_instance = lambda t: f"{t.code} ({t.goal.name})"
        organisations = cycle.network.organisations.all()
        tree = network_tree(cycle.network)
        for name in ("lead_organisations", "supporting_organisations"):
            use_tree_choices(self.fields[name], organisations, tree)
            self.fields[name].widget.attrs["size"] = 8
        # Each input named by its organisation (from the tree) and state, read as ids alone:
        # a large network's objective has hundreds of inputs to tick.
        names = network_names(cycle.network, tree)
        states = dict(State.choices)
        self.fields["inputs"].queryset = inputs
        self.fields["inputs"].choices = [
            (pk, f"{names.get(organisation_id, '')} ({states.get(state, state)})")
            for pk, organisation_id, state in inputs.values_list("pk", "organisation_id", "state")
        ]
