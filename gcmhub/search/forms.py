from django import forms
from django.utils.translation import gettext_lazy as _

from gcmhub.core.models import Cycle
from gcmhub.framework.models import Objective
from gcmhub.search.models import Kind


class ScopedChoice(forms.ModelChoiceField):
    """A choice among records of the person's networks (anything else is not a valid choice)."""

    def __init__(self, *args, label_of=str, **kwargs):
        self.label_of = label_of
        super().__init__(*args, required=False, **kwargs)

    def label_from_instance(self, obj):
        return self.label_of(obj)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *Kind.choices], required=False
    )
    cycle = ScopedChoice(queryset=None, label=_("Cycle"), empty_label=_("Any cycle"))
    objective = ScopedChoice(
        queryset=Objective.objects.order_by("number"),
        label=_("Objective"),
        empty_label=_("Any objective"),
    )
    organisation = ScopedChoice(
        queryset=None,
        label=_("Organisation"),
        empty_label=_("Any organisation"),
        label_of=lambda o: o.display_name,
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        cycles = {c.pk: c for c in scope.cycles}
        several = len(scope.networks) > 1
        self.fields["cycle"].queryset = Cycle.objects.filter(pk__in=cycles).order_by(
            "network__name", "-start_date", "-pk"
        )
        self.fields["cycle"].label_of = lambda c: (
            f"{cycles[c.pk].network.display_name} · {c.display_title}"
            if several
            else c.display_title
        )
        self.fields["organisation"].queryset = scope.organisations

    def filters(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) for name in ("cycle", "objective", "organisation")} | {
            "kind": data.get("kind") or ""
        }
