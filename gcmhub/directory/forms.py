import django_filters
from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gcmhub.core.models import User
from gcmhub.core.permissions import Role
from gcmhub.directory.models import Invitation, Membership, Organisation, OrganisationType


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def https_urls(field, **kwargs):
    """Read a web address typed without a scheme as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "name_tr", "acronym", "type", "parent", "country", "website", "notes"]
        field_classes = {"parent": OrganisationChoiceField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        formfield_callback = https_urls

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = network.organisations.order_by("name")
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )


class FocalPointRoleMixin:
    """A focal point must name the organisation they speak for."""

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.FOCAL_POINT and not data.get("organisation"):
            self.add_error("organisation", _("A focal point speaks for an organisation."))
        return data


class InvitationForm(FocalPointRoleMixin, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "full_name", "role", "organisation", "language"]
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = network.organisations.order_by("name")
        self.fields["organisation"].help_text = _("Required for focal points.")


class MembershipForm(FocalPointRoleMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "organisation", "position", "is_active"]
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = network.organisations.order_by("name")


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
        return queryset.filter(
            Q(name__icontains=value) | Q(name_tr__icontains=value) | Q(acronym__icontains=value)
        )
