"""Filters of the API's lists (django-filter: documented in the schema by drf-spectacular)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from gcmhub.assessments.models import Input
from gcmhub.core.models import Cycle


class CycleFilter(django_filters.FilterSet):
    network = django_filters.CharFilter(
        field_name="network__slug", help_text=_("Short name of the network in addresses.")
    )

    class Meta:
        model = Cycle
        fields = ["network"]


class InputFilter(django_filters.FilterSet):
    objective = django_filters.NumberFilter(
        field_name="objective__number", help_text=_("Number of the GCM objective (1-23).")
    )

    class Meta:
        model = Input
        fields = ["objective", "organisation", "state"]
