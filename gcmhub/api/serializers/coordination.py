"""Obligations of the SOP rules and working groups."""

from rest_framework import serializers

from gcmhub.coordination.models import Obligation, WorkingGroup


class ObligationSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="rule.kind", read_only=True)
    rule = serializers.CharField(source="rule.title", read_only=True)

    class Meta:
        model = Obligation
        fields = ["id", "rule", "kind", "organisation", "due_date", "done_at", "note"]


class WorkingGroupSerializer(serializers.ModelSerializer):
    members = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = WorkingGroup
        fields = ["id", "name", "name_tr", "chair", "members", "purpose"]
