"""Progress reports: what is read, and what a focal point writes."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gcmhub.api.serializers.base import IdField, VersionField
from gcmhub.workplan.models import ActivityProgress, ActivityStatus, IndicatorActual, ProgressReport


class ActivityProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityProgress
        fields = ["activity", "status", "percent_complete", "narrative"]


class IndicatorActualSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorActual
        fields = ["indicator", "value", "text", "narrative"]


class ProgressReportSerializer(serializers.ModelSerializer):
    activities = ActivityProgressSerializer(source="activity_rows", many=True, read_only=True)
    indicators = IndicatorActualSerializer(source="actuals", many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "period",
            "organisation",
            "state",
            "summary",
            "version",
            "submitted_at",
            "return_reason",
            "activities",
            "indicators",
        ]


class ReportOpenSerializer(serializers.Serializer):
    period = IdField(help_text=_("Id of the reporting period."))


class ActivityRowWrite(serializers.Serializer):
    activity = IdField()
    status = serializers.ChoiceField(ActivityStatus.choices)
    percent_complete = serializers.IntegerField(min_value=0, max_value=100)
    narrative = serializers.CharField(allow_blank=True, default="", max_length=5000)


@extend_schema_field(
    {
        "type": "string",
        "format": "decimal",
        "pattern": r"^-?(?:\d{1,14}(?:\.\d{0,2})?|\.\d{1,2})$",
        "nullable": True,
    }
)
class AmountField(serializers.DecimalField):
    """A number with up to 14 digits before the point and 2 after, written as a string."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=16, decimal_places=2, **kwargs)


class ActualRowWrite(serializers.Serializer):
    indicator = IdField()
    value = AmountField(required=False, allow_null=True)
    text = serializers.CharField(allow_blank=True, default="", max_length=500)
    narrative = serializers.CharField(allow_blank=True, default="", max_length=3000)


class ReportWriteSerializer(serializers.Serializer):
    version = VersionField()
    summary = serializers.CharField(allow_blank=True, default="", max_length=5000)
    activities = ActivityRowWrite(many=True, default=list)
    indicators = ActualRowWrite(many=True, default=list)
