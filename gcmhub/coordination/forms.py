import datetime as dt

from django import forms
from django.conf import settings
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from gcmhub.coordination.models import Responsible, SopKind, WorkingGroup
from gcmhub.coordination.schedule import State
from gcmhub.coordination.services import sop_rule_problems
from gcmhub.core.forms import DateInput, ticked
from gcmhub.directory.forms import network_tree, use_network_tree, use_tree_choices
from gcmhub.framework.models import RoundTable


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("Name in English"), max_length=200)
    name_tr = forms.CharField(label=_("Name in Turkish"), max_length=200, required=False)
    round_table = forms.ModelChoiceField(
        label=_("IMRF round-table cluster"), queryset=RoundTable.objects.all(), required=False
    )
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=None, required=False)
    members = ticked(_("Members"))
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round_table"].label_from_instance = lambda r: f"{r.number}. {r.theme}"
        organisations = network.organisations.all()
        tree = network_tree(network)
        use_tree_choices(self.fields["chair"], organisations, tree)
        use_tree_choices(self.fields["members"], organisations, tree)


EXAMPLE_DATE = dt.date(2022, 6, 15)


def _example() -> str:
    return formats.date_format(EXAMPLE_DATE, "SHORT_DATE_FORMAT")


class DateListField(forms.CharField):
    """Single dates typed one per line (or separated by commas), as the reader writes dates
    (15.06.2022 in Turkish, 15/06/2022 in English; 2022-06-15 is understood too)."""

    def to_python(self, value):
        value = super().to_python(value)
        dates = []
        for part in value.replace(",", "\n").split():
            day = _parse(part.strip())
            if day is None:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date: write one date per line, e.g. %(example)s.")
                    % {"value": part, "example": _example()}
                )
            dates.append(day)
        return dates

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(
                formats.date_format(
                    d if isinstance(d, dt.date) else dt.date.fromisoformat(d), "SHORT_DATE_FORMAT"
                )
                for d in value
            )
        return value


def _parse(text: str) -> dt.date | None:
    for pattern in formats.get_format("DATE_INPUT_FORMATS"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class SopRuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SopKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    task = forms.CharField(
        label=_("What is done"),
        max_length=300,
        help_text=_("e.g. “sends its progress report on the work plan”"),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"),
        choices=settings.LANGUAGES,
        required=False,  # not given: the language the person works in
        help_text=_(
            "The language the title and the task are written in; the other language's edition "
            "is their translation."
        ),
    )
    responsible = forms.ChoiceField(label=_("Who does it"), choices=Responsible.choices)
    organisations = ticked(_("Organisations chosen"))
    months = forms.TypedMultipleChoiceField(
        label=_("Months it is due"),
        choices=[(m, MONTHS[m]) for m in range(1, 13)],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    day = forms.IntegerField(
        label=_("Day of the month"),
        min_value=1,
        max_value=31,
        initial=15,
        help_text=_("31 means the last day of every month."),
    )
    dates = DateListField(
        label=_("Single dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    starts = forms.DateField(label=_("From"), widget=DateInput())
    ends = forms.DateField(label=_("Until"), widget=DateInput())
    working_group = forms.ModelChoiceField(
        label=_("Body that meets (empty: the network)"), queryset=None, required=False
    )
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=None, required=False)
    minutes_by = forms.ModelChoiceField(label=_("Takes the minutes"), queryset=None, required=False)
    recipient = forms.ModelChoiceField(
        label=_("Sent to (empty: the network coordinator)"), queryset=None, required=False
    )
    remind_before = forms.IntegerField(
        label=_("Reminder, days before"), min_value=0, max_value=90, initial=7
    )
    remind_after = forms.IntegerField(
        label=_("Reminder, days after"),
        min_value=0,
        max_value=90,
        initial=3,
        help_text=_("0: no reminder after the due date."),
    )
    met_by_progress_report = forms.BooleanField(
        label=_("Met by submitting the progress report of the period"), required=False
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dates"].help_text = _(
            "For one-off obligations (a mid-term review): one date per line, e.g. %(example)s."
        ) % {"example": _example()}
        organisations = network.organisations.all()
        tree = network_tree(network)
        use_tree_choices(self.fields["organisations"], organisations, tree)
        for name in ("chair", "minutes_by", "recipient"):
            use_tree_choices(self.fields[name], organisations, tree)
        self.fields["working_group"].queryset = WorkingGroup.objects.filter(network=network)

    def clean(self):
        data = super().clean()
        problems = sop_rule_problems(
            months=data.get("months") or [],
            dates=data.get("dates") or [],
            starts=data.get("starts"),
            ends=data.get("ends"),
            responsible=data.get("responsible"),
            organisations=data.get("organisations") or [],
        )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class ObligationFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *SopKind.choices], required=False
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=[
            ("", _("All")),
            (State.LATE, _("Late")),
            (State.PENDING, _("Pending")),
            (State.DONE, _("Done")),
        ],
        required=False,
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        use_network_tree(self.fields["organisation"], network)
        self.fields["organisation"].empty_label = _("All")
