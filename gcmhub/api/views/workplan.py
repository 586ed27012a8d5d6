"""The work plan."""

from rest_framework import mixins

from gcmhub.api.serializers.workplan import (
    ActivitySerializer,
    IndicatorSerializer,
    OutputSerializer,
    ReportingPeriodSerializer,
)
from gcmhub.api.views.base import CycleScoped
from gcmhub.core.permissions import Perm
from gcmhub.workplan.models import Activity, Indicator, Output, ReportingPeriod


class OutputViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The work plan's outputs and sub-outputs under cooperation-framework outcomes."""

    serializer_class = OutputSerializer
    read_perm = Perm.WORKPLAN_VIEW
    model = Output

    def records(self):
        return self.cycle.outputs.select_related("outcome").order_by("code")


class ActivityViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The work plan's activities; filter with `?status=`."""

    serializer_class = ActivitySerializer
    read_perm = Perm.WORKPLAN_VIEW
    model = Activity
    filterset_fields = ["status"]

    def records(self):
        return (
            Activity.objects.filter(output__cycle=self.cycle)
            .select_related("output")
            .prefetch_related(
                "objectives", "lead_organisations", "un_entities", "partner_organisations"
            )
            .order_by("output__code", "code")
        )


class IndicatorViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The work plan's indicators with their baselines."""

    serializer_class = IndicatorSerializer
    read_perm = Perm.WORKPLAN_VIEW
    model = Indicator

    def records(self):
        return self.cycle.indicators.prefetch_related("breakdowns").order_by("code")


class ReportingPeriodViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The reporting periods of the work plan."""

    serializer_class = ReportingPeriodSerializer
    read_perm = Perm.WORKPLAN_VIEW
    model = ReportingPeriod

    def records(self):
        return self.cycle.reporting_periods.order_by("starts")
