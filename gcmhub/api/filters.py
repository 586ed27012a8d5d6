"""Filters of the API's lists (django-filter: documented in the schema by drf-spectacular).

Filters by the id of a record are plain numbers: an id that is none of the cycle's records
filters everything out (an empty page) instead of answering 400 to a well-formed request."""

import django_filters
from django.utils.translation import gettext_lazy as _

from gcmhub.assessments.models import Input
from gcmhub.coordination.models import Obligation
from gcmhub.core.models import Cycle
from gcmhub.workplan.models import ProgressReport


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
    organisation = django_filters.NumberFilter(help_text=_("Id of the organisation."))

    class Meta:
        model = Input
        fields = ["objective", "organisation", "state"]


class ProgressReportFilter(django_filters.FilterSet):
    period = django_filters.NumberFilter(help_text=_("Id of the reporting period."))

    class Meta:
        model = ProgressReport
        fields = ["period", "state"]


class ObligationFilter(django_filters.FilterSet):
    organisation = django_filters.NumberFilter(help_text=_("Id of the organisation."))

    class Meta:
        model = Obligation
        fields = ["organisation"]
