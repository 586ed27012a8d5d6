from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from gcmhub.core.forms import DateInput
from gcmhub.core.widgets import CheckboxPicker
from gcmhub.directory.forms import use_network_tree, use_tree_choices
from gcmhub.meetings.models import MeetingType, OutcomeType, Presence, Reply, ValidationOutcome

# The zones a network in the region is likely to meet in; any IANA zone can be typed.
COMMON_ZONES = ["Europe/Istanbul", "UTC", "Europe/Brussels", "Europe/Geneva", "America/New_York"]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    type = forms.ChoiceField(label=_("Type"), choices=MeetingType.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=60,
        initial="Europe/Istanbul",
        help_text=_("Times are in this zone, e.g. Europe/Istanbul."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    online_link = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For an online or hybrid meeting."),
    )
    working_group = forms.ModelChoiceField(
        label=_("Working group"),
        queryset=None,
        required=False,
        help_text=_("For a meeting of a working group."),
    )
    version = forms.ModelChoiceField(
        label=_("Version under discussion"),
        queryset=None,
        required=False,
        help_text=_("A validation meeting validates one issued version of the report."),
    )

    def __init__(self, *args, versions, network, **kwargs):
        from gcmhub.coordination.models import WorkingGroup

        super().__init__(*args, **kwargs)
        self.fields["working_group"].queryset = WorkingGroup.objects.filter(network=network)
        self.fields["version"].queryset = versions
        self.fields["version"].label_from_instance = lambda v: (
            f"{v.document.title} {v.number} "
            f"({formats.date_format(timezone.localtime(v.issued_at).date())}, {v.short_hash})"
        )


class AgendaRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Item"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sections = forms.MultipleChoiceField(
        label=_("Report sections discussed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [
            (s["key"], f"{s['number']}. {s['title']}") for s in sections
        ]


AgendaFormSet = forms.formset_factory(AgendaRowForm, extra=2, can_delete=True, can_order=True)


class InviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations to invite"),
        queryset=None,
        widget=CheckboxPicker,
        help_text=_(
            "Each organisation's focal points are invited by name and put on the attendance "
            "register."
        ),
    )

    def __init__(self, *args, network, invited=(), **kwargs):
        super().__init__(*args, **kwargs)
        queryset = network.organisations.exclude(pk__in=invited)
        use_tree_choices(self.fields["organisations"], queryset)


class ReplyForm(forms.Form):
    reply = forms.ChoiceField(
        label=_("Your reply"),
        # What the person answers, in the first person (the lists say it in the third).
        choices=[
            (Reply.ACCEPTED, _("I will attend")),
            (Reply.DECLINED, _("I cannot attend")),
            (Reply.DELEGATED, _("I will send someone in my place")),
        ],
        widget=forms.RadioSelect,
    )
    delegate = forms.CharField(
        label=_("Name of the delegate"),
        max_length=200,
        required=False,
        help_text=_("Only if you send someone in your place."),
    )


class PresenceForm(forms.Form):
    presence = forms.ChoiceField(choices=Presence.choices)


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    organisation_name = forms.CharField(
        label=_("Organisation (if not in the list)"), max_length=300, required=False
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        use_network_tree(self.fields["organisation"], network)


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class OutcomeForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=OutcomeType.choices)
    text = forms.CharField(
        label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    section_key = forms.ChoiceField(label=_("Report section concerned"), required=False)
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"),
        queryset=None,
        required=False,
        help_text=_(
            "For an action point: the organisation that does it (its focal points are reminded)."
        ),
    )
    owner_person = forms.ModelChoiceField(
        label=_("Owner person"),
        queryset=None,
        required=False,
        help_text=_("Or the person of the network who does it."),
    )
    owner = forms.CharField(
        label=_("Other owner"),
        max_length=200,
        required=False,
        help_text=_("Or who does it, when they are not in the network."),
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args, sections=(), network=None, **kwargs):
        from gcmhub.core.models import User
        from gcmhub.directory.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["section_key"].choices = [("", "—")] + [
            (s["key"], f"{s['number']}. {s['title']}") for s in sections
        ]
        people = User.objects.none()
        if network is not None:
            use_network_tree(self.fields["owner_organisation"], network)
            people = User.objects.filter(
                memberships__network=network, memberships__is_active=True
            ).order_by("last_name", "first_name", "username")
        else:
            self.fields["owner_organisation"].queryset = Organisation.objects.none()
        self.fields["owner_person"].queryset = people
        self.fields["owner_person"].label_from_instance = lambda u: u.get_full_name() or u.username


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("How the change was made"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.ChoiceField(label=_("Made in"))
    no_text_change = forms.BooleanField(
        label=_("No change to the text was needed (say why above)"),
        required=False,
        help_text=_("Only the coordinator records this."),
    )

    def __init__(self, *args, versions, may_waive=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_waive:
            del self.fields["no_text_change"]
        self.versions = {str(v.pk): v for v in versions}
        self.fields["version"].choices = [
            ("next", _("the next version, when it is issued")),
            *[(str(v.pk), _("version %(number)s") % {"number": v.number}) for v in versions],
        ]

    def data_for_service(self) -> dict:
        choice = self.cleaned_data["version"]
        return {
            "resolution": self.cleaned_data["resolution"],
            "version": self.versions.get(choice),
            "in_next": choice == "next",
            # None when the field is not shown: the coordinator's record is kept.
            "no_text_change": self.cleaned_data.get("no_text_change"),
        }


class ValidationOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ValidationOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        help_text=_("The invitees read it in the notice of the cancellation."),
        max_length=1000,
        required=False,  # the service says so when it is missing
        widget=forms.Textarea(attrs={"rows": 2}),
    )
