"""Progress reports."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from gcmhub.api import filters
from gcmhub.api.errors import Refused
from gcmhub.api.serializers.progress import (
    ProgressReportSerializer,
    ReportOpenSerializer,
    ReportWriteSerializer,
)
from gcmhub.api.views.base import CycleScoped
from gcmhub.core.permissions import Perm
from gcmhub.workplan import selectors as workplan_selectors
from gcmhub.workplan import services as workplan_services
from gcmhub.workplan.models import Activity, ProgressReport


def _known(records: dict, pk: int, field: str):
    if pk not in records:
        raise Refused({field: _("%(id)s is not one of this cycle's records.") % {"id": pk}})
    return records[pk]


class ProgressReportViewSet(
    CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin
):
    """Progress reports: a focal point writes and submits their organisation's; the
    coordinator and the consultant read the submitted ones."""

    read_perm = Perm.PROGRESS_VIEW
    model = ProgressReport
    filterset_class = filters.ProgressReportFilter
    http_method_names = ["get", "post", "put", "head", "options"]

    def records(self):
        return workplan_selectors.visible_progress_reports(
            self.cycle, self.actor()
        ).prefetch_related("activity_rows", "actuals")

    def get_serializer_class(self):
        if self.action == "create":
            return ReportOpenSerializer
        if self.action == "update":
            return ReportWriteSerializer
        return ProgressReportSerializer

    def _read(self, report, code=status.HTTP_200_OK):
        report = ProgressReport.objects.prefetch_related("activity_rows", "actuals").get(
            pk=report.pk
        )
        return Response(ProgressReportSerializer(report).data, status=code)

    def _own_report(self) -> ProgressReport:
        report = get_object_or_404(
            workplan_selectors.visible_progress_reports(self.cycle, self.actor()),
            pk=self.kwargs["pk"],
        )
        self.require(Perm.PROGRESS_REPORT)
        report.period.cycle = self.cycle
        return report

    @extend_schema(request=ReportOpenSerializer, responses={201: ProgressReportSerializer})
    def create(self, request, *args, **kwargs):
        """Start (or return) your organisation's report for a period."""
        self.require(Perm.PROGRESS_REPORT)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        period = get_object_or_404(self.cycle.reporting_periods, pk=data.validated_data["period"])
        report = workplan_services.progress_report_open(period=period, by=request.user)
        return self._read(report, status.HTTP_201_CREATED)

    @extend_schema(request=ReportWriteSerializer, responses=ProgressReportSerializer)
    def update(self, request, *args, **kwargs):
        """Save the report: per activity its status, % complete and narrative; per indicator
        its value or text. Send back the `version` you read."""
        report = self._own_report()
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        activities = Activity.objects.filter(output__cycle=self.cycle).in_bulk()
        indicators = self.cycle.indicators.in_bulk()
        activity_rows = [
            {**row, "activity": _known(activities, row["activity"], "activities")}
            for row in data.validated_data["activities"]
        ]
        actual_rows = [
            {**row, "indicator": _known(indicators, row["indicator"], "indicators")}
            for row in data.validated_data["indicators"]
        ]
        workplan_services.progress_report_save(
            report=report,
            by=request.user,
            summary=data.validated_data["summary"],
            activity_rows=activity_rows,
            actual_rows=actual_rows,
            expected_version=data.validated_data["version"],
        )
        return self._read(report)

    @extend_schema(request=None, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit the report to the coordinator."""
        report = workplan_services.progress_report_submit(
            report=self._own_report(), by=request.user
        )
        return self._read(report)
