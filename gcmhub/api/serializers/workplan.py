"""The work plan: outputs, activities, indicators, reporting periods."""

from rest_framework import serializers

from gcmhub.workplan.models import Activity, Indicator, Output, ReportingPeriod


class OutputSerializer(serializers.ModelSerializer):
    outcome = serializers.CharField(source="outcome.code", read_only=True, allow_null=True)

    class Meta:
        model = Output
        fields = ["id", "code", "title", "title_tr", "outcome", "parent"]


class ActivitySerializer(serializers.ModelSerializer):
    output = serializers.CharField(source="output.code", read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    lead_organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    un_entities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    partner_organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "output",
            "code",
            "title",
            "title_tr",
            "objectives",
            "lead_organisations",
            "un_entities",
            "partner_organisations",
            "gender_marker",
            "human_rights_marker",
            "lnob_groups",
            "starts",
            "ends",
            "budget_planned",
            "budget_secured",
            "currency",
            "status",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    breakdowns = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "name_tr",
            "kind",
            "unit",
            "baseline_value",
            "baseline_text",
            "baseline_year",
            "source",
            "breakdowns",
            "reported_by",
        ]


class ReportingPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "label", "starts", "ends", "due_date"]
