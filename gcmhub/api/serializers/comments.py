"""Comments on a review: what is read, and what a reviewer writes."""

from rest_framework import serializers

from gcmhub.api.serializers.base import ChoiceOrNull
from gcmhub.documents.models import Comment, CommentType, Disposition


class CommentSerializer(serializers.ModelSerializer):
    disposition = ChoiceOrNull(
        Disposition.choices, label=Comment._meta.get_field("disposition").verbose_name
    )

    class Meta:
        model = Comment
        fields = [
            "id",
            "number",
            "organisation",
            "section_key",
            "section_title",
            "quote",
            "type",
            "text",
            "submitted_at",
            "disposition",
            "reply",
        ]
        read_only_fields = [
            "id",
            "number",
            "organisation",
            "section_title",
            "submitted_at",
            "disposition",
            "reply",
        ]


class CommentWriteSerializer(serializers.Serializer):
    section_key = serializers.SlugField(max_length=60)
    quote = serializers.CharField(allow_blank=True, default="", max_length=2000)
    type = serializers.ChoiceField(CommentType.choices)
    text = serializers.CharField(max_length=5000)


class CountSerializer(serializers.Serializer):
    submitted = serializers.IntegerField()
