"""Meetings of a cycle."""

from rest_framework import serializers

from gcmhub.api.serializers.base import ChoiceOrNull
from gcmhub.meetings.models import Meeting, ValidationOutcome


class MeetingSerializer(serializers.ModelSerializer):
    outcome = ChoiceOrNull(
        ValidationOutcome.choices, label=Meeting._meta.get_field("outcome").verbose_name
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "type",
            "title",
            "starts_at",
            "ends_at",
            "time_zone",
            "venue",
            "online_link",
            "outcome",
        ]
