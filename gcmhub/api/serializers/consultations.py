"""Consultations of a cycle."""

from rest_framework import serializers

from gcmhub.assessments.models import Consultation


class ConsultationSerializer(serializers.ModelSerializer):
    organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        model = Consultation
        fields = ["id", "date", "type", "title", "organisations", "objectives", "notes"]
