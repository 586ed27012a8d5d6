"""Inputs per objective: what is read, and what a focal point writes."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gcmhub.api.errors import Refused
from gcmhub.api.serializers.base import IdField, VersionField
from gcmhub.assessments.models import (
    Input,
    InputLanguage,
    Need,
    NeedType,
    ProposedAction,
    Reference,
    ReferenceKind,
)
from gcmhub.assessments.services.questionnaires import CONTENT_KEYS
from gcmhub.core.models import Horizon


class NeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Need
        fields = ["id", "type", "description"]


class ProposedActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProposedAction
        fields = ["id", "description", "horizon", "lead"]


class ReferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reference
        fields = ["id", "kind", "title", "url"]


class InputSerializer(serializers.ModelSerializer):
    objective = serializers.IntegerField(source="objective.number", read_only=True)

    class Meta:
        model = Input
        fields = [
            "id",
            "objective",
            "organisation",
            "state",
            "language",
            "version",
            "updated_at",
            "submitted_at",
        ]


class InputDetailSerializer(InputSerializer):
    needs = NeedSerializer(many=True, read_only=True)
    proposed_actions = ProposedActionSerializer(many=True, read_only=True)
    references = ReferenceSerializer(many=True, read_only=True)
    gcm_actions = serializers.SlugRelatedField(slug_field="letter", many=True, read_only=True)
    principles = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    consultations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(InputSerializer.Meta):
        fields = [
            *InputSerializer.Meta.fields,
            *CONTENT_KEYS,
            "consultations",
            "return_reason",
        ]


class InputOpenSerializer(serializers.Serializer):
    objective = serializers.IntegerField(
        min_value=1, max_value=23, help_text=_("Number of the GCM objective (1-23).")
    )


class NeedWrite(serializers.Serializer):
    id = IdField(required=False)
    type = serializers.ChoiceField(NeedType.choices)
    description = serializers.CharField(max_length=Need._meta.get_field("description").max_length)


class ProposedActionWrite(serializers.Serializer):
    id = IdField(required=False)
    description = serializers.CharField(
        max_length=ProposedAction._meta.get_field("description").max_length
    )
    horizon = serializers.ChoiceField(Horizon.choices)
    lead = IdField(required=False, allow_null=True)


class ReferenceWrite(serializers.Serializer):
    id = IdField(required=False)
    kind = serializers.ChoiceField(ReferenceKind.choices)
    title = serializers.CharField(max_length=300)
    url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")


class InputWriteSerializer(serializers.Serializer):
    version = VersionField(
        help_text=_("The version you read: a save over someone else's answers 409.")
    )
    language = serializers.ChoiceField(InputLanguage.choices, default="en")
    situation = serializers.CharField(
        allow_blank=True, default="", max_length=Input._meta.get_field("situation").max_length
    )
    gaps = serializers.CharField(
        allow_blank=True, default="", max_length=Input._meta.get_field("gaps").max_length
    )
    needs = NeedWrite(many=True, default=list)
    proposed_actions = ProposedActionWrite(many=True, default=list)
    references = ReferenceWrite(many=True, default=list)
    gcm_actions = serializers.ListField(
        child=serializers.CharField(max_length=2), default=list, help_text=_("Action letters.")
    )
    principles = serializers.ListField(
        child=serializers.SlugField(), default=list, help_text=_("Guiding principle keys.")
    )

    def check_leads(self, network) -> None:
        """After validation: leads are organisations of the network (422 otherwise)."""
        rows = self.validated_data["proposed_actions"]
        leads = {row["lead"] for row in rows if row.get("lead")}
        known = set(network.organisations.filter(pk__in=leads).values_list("pk", flat=True))
        if leads - known:
            raise Refused(
                {
                    "proposed_actions": _("Lead organisation %(ids)s is not in this network.")
                    % {"ids": ", ".join(str(pk) for pk in sorted(leads - known))}
                }
            )
