"""What the API reads and accepts. Reads are plain model serializers; writes are plain
serializers whose validated data the views hand to the services of each app."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gcmhub.api.errors import Refused
from gcmhub.assessments.models import (
    Consultation,
    Input,
    InputLanguage,
    Need,
    NeedType,
    ProposedAction,
    Reference,
    ReferenceKind,
)
from gcmhub.coordination.models import Obligation, WorkingGroup
from gcmhub.core.models import Cycle, Horizon, Network
from gcmhub.directory.models import Organisation
from gcmhub.documents.models import (
    Comment,
    CommentType,
    Disposition,
    Document,
    Review,
    Version,
)
from gcmhub.framework.models import Objective
from gcmhub.meetings.models import Meeting, ValidationOutcome
from gcmhub.priorities.models import Decision, DecisionHorizon, ScoreRow, ScoreSheet
from gcmhub.workplan.models import (
    Activity,
    ActivityProgress,
    ActivityStatus,
    Indicator,
    IndicatorActual,
    Output,
    ProgressReport,
    ReportingPeriod,
)

# Reads


class ChoiceOrNull(serializers.ChoiceField):
    """A choice not made yet (stored blank) reads as null, never as `""` outside its enum."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices, read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return super().to_representation(value) if value else None


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


class OrganisationSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", allow_blank=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "name_tr", "acronym", "acronym_tr", "type", "parent", "country"]


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
            "situation",
            "gaps",
            "needs",
            "proposed_actions",
            "references",
            "gcm_actions",
            "principles",
            "consultations",
            "return_reason",
        ]


class ConsultationSerializer(serializers.ModelSerializer):
    organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        model = Consultation
        fields = ["id", "date", "type", "title", "organisations", "objectives", "notes"]


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


class ScoreRowSerializer(serializers.ModelSerializer):
    objective = serializers.IntegerField(source="objective.number")
    values = serializers.DictField(child=serializers.IntegerField(min_value=1, max_value=5))

    class Meta:
        model = ScoreRow
        fields = ["objective", "values", "outside_mandate", "comment"]


class ScoreSheetSerializer(serializers.ModelSerializer):
    rows = ScoreRowSerializer(many=True, read_only=True)

    class Meta:
        model = ScoreSheet
        fields = ["id", "organisation", "state", "version", "submitted_at", "rows"]


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


class OutputSerializer(serializers.ModelSerializer):
    outcome = serializers.CharField(source="outcome.code", read_only=True, allow_null=True)

    class Meta:
        model = Output
        fields = ["id", "code", "title", "title_tr", "outcome", "parent"]


class ActivitySerializer(serializers.ModelSerializer):
    output = serializers.CharField(source="output.code", read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    lead_organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    partner_organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "output",
            "code",
            "title",
            "title_tr",
            "objectives",
            "lead_organisations",
            "partner_organisations",
            "starts",
            "ends",
            "budget_planned",
            "budget_secured",
            "currency",
            "status",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "name_tr",
            "kind",
            "unit",
            "baseline_value",
            "baseline_text",
            "baseline_year",
            "source",
            "reported_by",
        ]


class ReportingPeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "label", "starts", "ends", "due_date"]


class ActivityProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityProgress
        fields = ["activity", "status", "percent_complete", "narrative"]


class IndicatorActualSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorActual
        fields = ["indicator", "value", "text", "narrative"]


class ProgressReportSerializer(serializers.ModelSerializer):
    activities = ActivityProgressSerializer(source="activity_rows", many=True, read_only=True)
    indicators = IndicatorActualSerializer(source="actuals", many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "period",
            "organisation",
            "state",
            "summary",
            "version",
            "submitted_at",
            "return_reason",
            "activities",
            "indicators",
        ]


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


# Writes


class IdField(serializers.IntegerField):
    """The id of a record: a whole number the database can hold."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class VersionField(serializers.IntegerField):
    """The version of a record you read (a positive whole number)."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**31 - 1, **kwargs)


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


class ScoreRowWrite(serializers.Serializer):
    objective = serializers.IntegerField(min_value=1, max_value=23)
    values = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5, allow_null=True), default=dict
    )
    outside_mandate = serializers.BooleanField(default=False)
    comment = serializers.CharField(allow_blank=True, default="", max_length=2000)


class ScoreSheetWriteSerializer(serializers.Serializer):
    version = VersionField()
    rows = ScoreRowWrite(many=True)


class CommentWriteSerializer(serializers.Serializer):
    section_key = serializers.SlugField(max_length=60)
    quote = serializers.CharField(allow_blank=True, default="", max_length=2000)
    type = serializers.ChoiceField(CommentType.choices)
    text = serializers.CharField(max_length=5000)


class ReportOpenSerializer(serializers.Serializer):
    period = IdField(help_text=_("Id of the reporting period."))


class ActivityRowWrite(serializers.Serializer):
    activity = IdField()
    status = serializers.ChoiceField(ActivityStatus.choices)
    percent_complete = serializers.IntegerField(min_value=0, max_value=100)
    narrative = serializers.CharField(allow_blank=True, default="", max_length=5000)


@extend_schema_field(
    {
        "type": "string",
        "format": "decimal",
        "pattern": r"^-?(?:\d{1,14}(?:\.\d{0,2})?|\.\d{1,2})$",
        "nullable": True,
    }
)
class AmountField(serializers.DecimalField):
    """A number with up to 14 digits before the point and 2 after, written as a string."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=16, decimal_places=2, **kwargs)


class ActualRowWrite(serializers.Serializer):
    indicator = IdField()
    value = AmountField(required=False, allow_null=True)
    text = serializers.CharField(allow_blank=True, default="", max_length=500)
    narrative = serializers.CharField(allow_blank=True, default="", max_length=3000)


class ReportWriteSerializer(serializers.Serializer):
    version = VersionField()
    summary = serializers.CharField(allow_blank=True, default="", max_length=5000)
    activities = ActivityRowWrite(many=True, default=list)
    indicators = ActualRowWrite(many=True, default=list)


class CountSerializer(serializers.Serializer):
    submitted = serializers.IntegerField()
