"""Scoring sheets: what is read, and the scores a focal point writes."""

from rest_framework import serializers

from gcmhub.api.serializers.base import VersionField
from gcmhub.priorities.models import ScoreRow, ScoreSheet


class ScoreRowSerializer(serializers.ModelSerializer):
    objective = serializers.IntegerField(source="objective.number")
    values = serializers.DictField(child=serializers.IntegerField(min_value=1, max_value=5))

    class Meta:
        model = ScoreRow
        fields = ["objective", "values", "outside_mandate", "comment"]


class ScoreSheetSerializer(serializers.ModelSerializer):
    rows = ScoreRowSerializer(many=True, read_only=True)

    class Meta:
        model = ScoreSheet
        fields = ["id", "organisation", "state", "version", "submitted_at", "rows"]


class ScoreRowWrite(serializers.Serializer):
    objective = serializers.IntegerField(min_value=1, max_value=23)
    values = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5, allow_null=True), default=dict
    )
    outside_mandate = serializers.BooleanField(default=False)
    comment = serializers.CharField(allow_blank=True, default="", max_length=2000)


class ScoreSheetWriteSerializer(serializers.Serializer):
    version = VersionField()
    rows = ScoreRowWrite(many=True)
