import django_filters
from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmhub.core.i18n import search_filter
from gcmhub.core.models import Network, User
from gcmhub.directory.models import Invitation, Membership, Organisation, OrganisationType
from gcmhub.directory.selectors import descendant_ids, organisation_tree
from gcmhub.directory.services import focal_point_problem


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def tree_choices(queryset) -> list[tuple[int, str]]:
    """The organisations of `queryset` as a tree's choices: departments indented under their
    ministry, in the alphabetical order of the interface language (one query). Made once for
    a form whose several fields offer the same organisations."""
    indent = "\u2003"  # an em space: kept by browsers inside <option>
    return [(org.pk, indent * org.depth + org.label) for org in organisation_tree(list(queryset))]


def network_tree(network) -> list[tuple[int, str]]:
    """`tree_choices` of every organisation of `network`, made once per change of them (their
    audit trail's stamp) and per language: a large network's 640 organisations cost a form
    a quarter of its time to sort and name."""
    from gcmhub.core.memo import history_stamp, remembered

    return remembered(
        f"directory:tree:{network.pk}",
        stamp=history_stamp(Organisation.history.filter(network_id=network.pk)),
        compute=lambda: tree_choices(network.organisations.all()),
    )


def network_names(network, tree: list | None = None) -> dict[int, str]:
    """{pk: label} of every organisation of `network`, from `network_tree` (or `tree`, read
    from it already) without the indent: for lists that name organisations without reading
    them."""
    return {pk: label.strip() for pk, label in (tree or network_tree(network))}


def use_network_tree(field, network) -> None:
    """Offer every organisation of `network`, as a tree (`network_tree`)."""
    use_tree_choices(field, network.organisations.all(), network_tree(network))


def use_tree_choices(field, queryset, tree: list | None = None) -> None:
    """Offer organisations as a tree (`tree_choices`, or `tree` made from the same queryset),
    an empty choice only where the field has one: not in a multiple choice."""
    field.queryset = queryset
    blank = [] if field.empty_label is None else [("", field.empty_label)]
    field.choices = blank + (tree if tree is not None else tree_choices(queryset))


def https_urls(field, **kwargs):
    """Read a web address typed without a scheme as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "name_tr",
            "acronym",
            "acronym_tr",
            "type",
            "parent",
            "country",
            "website",
            "notes",
            "document_credit",
            "logo",
            "logo_description",
            "logo_description_tr",
        ]
        field_classes = {"parent": OrganisationChoiceField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        formfield_callback = https_urls

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        parents, tree = network.organisations.all(), network_tree(network)
        if self.instance.pk:  # not itself, nor one of its departments: the tree without them
            excluded = {self.instance.pk, *descendant_ids(self.instance)}
            parents = parents.exclude(pk__in=excluded)
            tree = [(pk, label) for pk, label in tree if pk not in excluded]
        use_tree_choices(self.fields["parent"], parents, tree)


class NetworkLogoForm(forms.ModelForm):
    """The network's logo for the title pages of its documents."""

    class Meta:
        model = Network
        fields = ["logo", "logo_description", "logo_description_tr", "logo_on_documents"]


class FocalPointRoleMixin:
    """A focal point must name the organisation they speak for."""

    def clean(self):
        data = super().clean()
        problem = focal_point_problem(role=data.get("role"), organisation=data.get("organisation"))
        if problem:
            self.add_error("organisation", problem)
        return data


class InvitationForm(FocalPointRoleMixin, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "full_name", "role", "organisation", "language"]
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        use_network_tree(self.fields["organisation"], network)
        self.fields["organisation"].help_text = _("Required for focal points.")


class MembershipForm(FocalPointRoleMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "organisation", "position", "is_active"]
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        use_network_tree(self.fields["organisation"], network)


class AccountFromInvitationForm(BaseUserCreationForm):
    """The account a new member creates when accepting an invitation."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "username"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["first_name", "last_name"]:
            self.fields[name].required = True


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    type = django_filters.ChoiceFilter(
        label=_("Type"), choices=OrganisationType.choices, empty_label=_("All types")
    )

    class Meta:
        model = Organisation
        fields = ["q", "type"]

    def search(self, queryset, name, value):
        return search_filter(queryset, value, ["name", "name_tr", "acronym", "acronym_tr"])
