"""The organisations of a network."""

from rest_framework import serializers

from gcmhub.directory.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", allow_blank=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "name_tr", "acronym", "acronym_tr", "type", "parent", "country"]
