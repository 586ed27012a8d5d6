"""The network's decision per objective."""

from rest_framework import serializers

from gcmhub.api.serializers.base import ChoiceOrNull
from gcmhub.priorities.models import Decision, DecisionHorizon


class DecisionSerializer(serializers.ModelSerializer):
    objective = serializers.IntegerField(source="objective.number", read_only=True)
    suggested_horizon = ChoiceOrNull(
        DecisionHorizon.choices, label=Decision._meta.get_field("suggested_horizon").verbose_name
    )
    lead_organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    supporting_organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    sdg_targets = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    outcomes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "objective",
            "horizon",
            "rationale",
            "computed_rank",
            "suggested_horizon",
            "lead_organisations",
            "supporting_organisations",
            "sdg_targets",
            "outcomes",
        ]
