"""Networks and their cycles."""

from rest_framework import serializers

from gcmhub.core.models import Cycle, Network


class NetworkSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")
    role = serializers.SerializerMethodField()

    class Meta:
        model = Network
        fields = ["slug", "name", "name_tr", "country", "established_on", "role"]

    def get_role(self, network) -> str | None:
        return getattr(network, "user_role", None)


class CycleSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.CharField(source="country.code")

    class Meta:
        model = Cycle
        fields = [
            "id",
            "network",
            "title",
            "title_tr",
            "country",
            "start_date",
            "end_date",
            "short_term_until",
            "medium_term_until",
            "long_term_until",
        ]
