from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from gcmhub.core.i18n import current_language, sort_key
from gcmhub.framework.models import Objective
from gcmhub.search.models import Kind


class PlainSelect(forms.Select):
    """A select written in one pass: a large network offers hundreds of organisations, and a
    template per option (Django's widget rendering) costs more than the search itself."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        attrs = self.build_attrs(self.attrs, attrs)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}" id="{}">{}</select>', name, attrs.get("id", ""), options
        )


def _filter(label):
    return forms.TypedChoiceField(
        label=label, coerce=int, empty_value=None, required=False, widget=PlainSelect
    )


class SearchForm(forms.Form):
    """The query and its filters; cycles and organisations offered are those of the person's
    networks (anything else is not a valid choice)."""

    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Any kind")), *Kind.choices],
        required=False,
        widget=PlainSelect,
    )
    cycle = _filter(_("Cycle"))
    objective = _filter(_("Objective"))
    organisation = _filter(_("Organisation"))

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        several = len(scope.networks) > 1
        self.fields["cycle"].choices = [("", _("Any cycle"))] + [
            (c.pk, f"{c.network.display_name} · {c.display_title}" if several else c.display_title)
            for c in scope.cycles
        ]
        self.fields["objective"].choices = [("", _("Any objective"))] + [
            (o.pk, f"{o.number}. {o.title}") for o in Objective.objects.order_by("number")
        ]
        # Names only (no model instances): a large network has hundreds.
        turkish = current_language() == "tr"
        names = [
            (pk, name_tr if turkish and name_tr else name)
            for pk, name, name_tr in scope.organisations.values_list("pk", "name", "name_tr")
        ]
        self.fields["organisation"].choices = [
            ("", _("Any organisation")),
            *sorted(names, key=lambda choice: sort_key(choice[1])),
        ]

    def filters(self) -> dict:
        """The filters chosen, as ids (or None) and the kind (or "")."""
        data = self.cleaned_data
        return {name: data.get(name) for name in ("cycle", "objective", "organisation")} | {
            "kind": data.get("kind") or ""
        }
