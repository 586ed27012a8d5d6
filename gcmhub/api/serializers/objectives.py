"""The objectives of the Global Compact for Migration."""

from rest_framework import serializers

from gcmhub.framework.models import Objective


class ObjectiveSerializer(serializers.ModelSerializer):
    round_table = serializers.IntegerField(source="round_table.number", allow_null=True)

    class Meta:
        model = Objective
        fields = [
            "number",
            "title_en",
            "title_tr",
            "short_label_en",
            "short_label_tr",
            "gcm_paragraph",
            "round_table",
        ]
