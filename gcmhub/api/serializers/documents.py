"""Documents, their versions and reviews."""

from rest_framework import serializers

from gcmhub.documents.models import Document, Review, Version


class VersionSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)

    class Meta:
        model = Version
        fields = ["id", "number", "major", "minor", "note", "issued_at", "content_hash"]


class DocumentSerializer(serializers.ModelSerializer):
    versions = VersionSerializer(many=True, read_only=True)  # newest first (see the view)

    class Meta:
        model = Document
        fields = ["id", "kind", "title", "subtitle", "language", "public", "versions"]


class ReviewSerializer(serializers.ModelSerializer):
    document = serializers.IntegerField(source="version.document_id", read_only=True)
    version = serializers.CharField(source="version.number", read_only=True)
    organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    sections = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id",
            "document",
            "version",
            "deadline",
            "status",
            "opened_at",
            "closed_at",
            "organisations",
            "sections",
        ]

    def get_sections(self, review) -> list[dict]:
        return [{"key": s["key"], "title": s["title"]} for s in review.version.content["sections"]]
