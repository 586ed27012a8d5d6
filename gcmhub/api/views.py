"""The REST API: thin viewsets over the selectors and services the pages use.

Every cycle-scoped route checks the same permission as its page (`read_perm`, and
`write_perm` for actions); the services check the rest (whose input, which state) and raise
the errors `gcmhub.api.errors` turns into the one error shape.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from gcmhub.api import filters
from gcmhub.api import serializers as s
from gcmhub.api.errors import Refused
from gcmhub.assessments import selectors as assessment_selectors
from gcmhub.assessments import services as assessments
from gcmhub.assessments.models import Consultation, Input
from gcmhub.core.access import actor_for, get_cycle_for_user, require
from gcmhub.core.models import Cycle
from gcmhub.core.permissions import Perm, Role
from gcmhub.core.selectors import networks_for_user
from gcmhub.directory.selectors import organisations_for_network
from gcmhub.documents import selectors as document_selectors
from gcmhub.documents import services as documents
from gcmhub.documents.models import Comment, Document, Review, Version
from gcmhub.framework.models import Objective
from gcmhub.meetings.models import Meeting
from gcmhub.network import selectors as network_selectors
from gcmhub.network import services as network_services
from gcmhub.network import workflow as report_workflow
from gcmhub.network.models import (
    Activity,
    Indicator,
    Obligation,
    Output,
    ProgressReport,
    ReportingPeriod,
    ReportState,
    WorkingGroup,
)
from gcmhub.priorities import selectors as priority_selectors
from gcmhub.priorities import services as priorities
from gcmhub.priorities.models import Decision, ScoreRow, ScoreSheet

CYCLE_PARAMETER = OpenApiParameter(
    "cycle_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id of the cycle."
)


def cycle_for_api(user, cycle_pk) -> Cycle:
    """The cycle through the pages' access helpers: 404 outside the user's networks."""
    network_id = Cycle.objects.filter(pk=cycle_pk).values_list("network_id", flat=True).first()
    network = networks_for_user(user).filter(pk=network_id).first() if network_id else None
    if network is None:
        raise NotFound
    return get_cycle_for_user(user, network=network, pk=cycle_pk)


def _known(records: dict, pk: int, field: str):
    if pk not in records:
        raise Refused({field: _("%(id)s is not one of this cycle's records.") % {"id": pk}})
    return records[pk]


def _fake(view) -> bool:
    """True while drf-spectacular builds the schema (no user, no cycle)."""
    return getattr(view, "swagger_fake_view", False)


# Records that belong to no cycle


class NetworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Your networks (every network for a platform administrator), with your role in each."""

    serializer_class = s.NetworkSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return networks_for_user(self.request.user).order_by("name")


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    """The cycles of your networks, newest first; filter with `?network=<slug>`."""

    serializer_class = s.CycleSerializer
    filterset_class = filters.CycleFilter

    def get_queryset(self):
        networks = networks_for_user(self.request.user).values("pk")
        return (
            Cycle.objects.filter(network__in=networks)
            .select_related("network")
            .order_by("-start_date", "-pk")
        )


class ObjectiveViewSet(viewsets.ReadOnlyModelViewSet):
    """The 23 objectives of the Global Compact for Migration."""

    serializer_class = s.ObjectiveSerializer
    lookup_field = "number"
    lookup_value_regex = r"\d+"
    queryset = Objective.objects.select_related("round_table").order_by("number")
    pagination_class = None


# Records of a cycle


@extend_schema(parameters=[CYCLE_PARAMETER])
class CycleScoped(viewsets.GenericViewSet):
    """Base of the routes under /cycles/<id>/: `self.cycle` is known and readable."""

    read_perm: Perm = Perm.CYCLE_VIEW
    model = None
    lookup_value_regex = r"\d+"  # /progress-reports/false/ is not found, not a server error

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.cycle = cycle_for_api(request.user, kwargs["cycle_pk"])
        self.require(self.read_perm)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["cycle"] = getattr(self, "cycle", None)
        return context

    def get_queryset(self):
        if _fake(self):
            return self.model.objects.none()
        return self.records()

    def records(self):
        raise NotImplementedError

    def actor(self):
        return actor_for(self.request.user, self.cycle.network)

    def require(self, perm: Perm) -> None:
        require(self.request.user, perm, network=self.cycle.network)

    def visible(self, perm: Perm):
        """The record of the address among those the user may read (404 otherwise, like a
        record of another network), then the permission to act on it (403): the lookup comes
        first, so a refusal never tells that a record exists."""
        record = self.get_object()
        self.require(perm)
        return record


class OrganisationViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The organisations of the cycle's network; filter with `?type=`."""

    serializer_class = s.OrganisationSerializer
    read_perm = Perm.ORGANISATION_VIEW
    filterset_fields = ["type"]
    model = s.Organisation

    def records(self):
        return organisations_for_network(self.cycle.network).order_by("name")


class InputViewSet(
    CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin
):
    """Inputs per objective: a focal point reads and writes their organisation's, the
    coordinator and the consultant read those submitted. Filter with `?objective=<number>`,
    `?organisation=<id>`, `?state=`."""

    read_perm = Perm.ASSESSMENT_VIEW
    model = Input
    filterset_class = filters.InputFilter
    http_method_names = ["get", "post", "put", "head", "options"]

    def records(self):
        inputs = assessment_selectors.inputs_for_user(self.request.user, cycle=self.cycle)
        if self.action != "list":
            inputs = inputs.prefetch_related(
                "needs", "proposed_actions", "references", "gcm_actions", "principles"
            ).prefetch_related("consultations")
        return inputs.order_by("objective__number", "organisation__name")

    def get_serializer_class(self):
        if self.action == "create":
            return s.InputOpenSerializer
        if self.action == "update":
            return s.InputWriteSerializer
        return s.InputDetailSerializer if self.action == "retrieve" else s.InputSerializer

    def _detail(self, input, code=status.HTTP_200_OK):
        return Response(
            s.InputDetailSerializer(assessment_selectors.input_detail(input)).data, status=code
        )

    @extend_schema(request=s.InputOpenSerializer, responses={201: s.InputDetailSerializer})
    def create(self, request, *args, **kwargs):
        """Start (or return) your organisation's input on an objective."""
        self.require(Perm.INPUT_CONTRIBUTE)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        objective = get_object_or_404(Objective, number=data.validated_data["objective"])
        actor = self.actor()
        input = assessments.input_open(
            cycle=self.cycle,
            organisation=self.cycle.network.organisations.get(pk=actor.organisation_id),
            objective=objective,
            by=request.user,
        )
        return self._detail(input, status.HTTP_201_CREATED)

    def _own_input(self) -> Input:
        input = self.visible(Perm.INPUT_CONTRIBUTE)
        if input.organisation_id != self.actor().organisation_id:
            raise PermissionDenied
        input.cycle = self.cycle
        return input

    @extend_schema(request=s.InputWriteSerializer, responses=s.InputDetailSerializer)
    def update(self, request, *args, **kwargs):
        """Replace the input's content (situation, gaps, needs, proposed actions, references,
        GCM actions, guiding principles); send back the `version` you read."""
        input = self._own_input()
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        data.check_leads(self.cycle.network)
        content = assessments.InputContent(
            **{k: v for k, v in data.validated_data.items() if k != "version"}
        )
        assessments.input_save(
            input=input,
            by=request.user,
            content=content,
            expected_version=data.validated_data["version"],
        )
        return self._detail(input)

    @extend_schema(request=None, responses=s.InputDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit the input as your institution's position."""
        input = assessments.input_submit(input=self._own_input(), by=request.user)
        return self._detail(input)


class ConsultationViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Consultations: all for the coordinator and the consultant, those their organisation
    took part in for a focal point."""

    serializer_class = s.ConsultationSerializer
    read_perm = Perm.CONSULTATION_VIEW
    model = Consultation
    filterset_fields = ["type"]

    def records(self):
        return (
            assessment_selectors.consultations_for_user(self.request.user, cycle=self.cycle)
            .prefetch_related("organisations", "objectives")
            .order_by("date", "pk")
        )


class DecisionViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The network's decision per objective: horizon, rationale, leads, SDG targets."""

    serializer_class = s.DecisionSerializer
    read_perm = Perm.PRIORITY_VIEW
    model = Decision
    filterset_fields = ["horizon"]

    def records(self):
        return (
            self.cycle.decisions.select_related("objective")
            .prefetch_related(
                "lead_organisations", "supporting_organisations", "sdg_targets", "outcomes"
            )
            .order_by("objective__number")
        )


class ScoreSheetViewSet(
    CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin
):
    """Scoring sheets: a focal point reads and fills their organisation's; the coordinator and
    the consultant read the submitted ones."""

    read_perm = Perm.PRIORITY_VIEW
    model = ScoreSheet
    http_method_names = ["get", "post", "put", "head", "options"]

    def records(self):
        return (
            priority_selectors.sheets_for_user(self.request.user, cycle=self.cycle)
            .prefetch_related(
                Prefetch("rows", queryset=ScoreRow.objects.select_related("objective"))
            )
            .order_by("organisation__name")
        )

    def get_serializer_class(self):
        return s.ScoreSheetWriteSerializer if self.action == "update" else s.ScoreSheetSerializer

    def _sheet(self) -> ScoreSheet:
        sheet = self.visible(Perm.PRIORITY_SCORE)
        sheet.cycle = self.cycle
        return sheet

    def _read(self, sheet):
        return Response(s.ScoreSheetSerializer(self.get_queryset().get(pk=sheet.pk)).data)

    @extend_schema(request=s.ScoreSheetWriteSerializer, responses=s.ScoreSheetSerializer)
    def update(self, request, *args, **kwargs):
        """Save scores per objective (1-5 per criterion key, or outside your mandate); send
        back the `version` you read."""
        sheet = self._sheet()
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        rows = {
            row["objective"]: {
                "values": row["values"],
                "outside_mandate": row["outside_mandate"],
                "comment": row["comment"],
            }
            for row in data.validated_data["rows"]
        }
        priorities.sheet_save(
            sheet=sheet, by=request.user, rows=rows, expected_version=data.validated_data["version"]
        )
        return self._read(sheet)

    @extend_schema(request=None, responses=s.ScoreSheetSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit the scores as your organisation's position (every objective answered)."""
        sheet = priorities.sheet_submit(sheet=self._sheet(), by=request.user)
        return self._read(sheet)


class DocumentViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The cycle's documents (report, terms of reference, voluntary review) and their
    versions."""

    serializer_class = s.DocumentSerializer
    read_perm = Perm.DOCUMENT_VIEW
    model = Document
    filterset_fields = ["kind"]

    def records(self):
        versions = Version.objects.defer("content").order_by("-major", "-minor")
        return self.cycle.documents.prefetch_related(
            Prefetch("versions", queryset=versions)
        ).order_by("kind")


class ReviewViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Reviews of document versions: the version, deadline, invited organisations, sections."""

    serializer_class = s.ReviewSerializer
    read_perm = Perm.DOCUMENT_VIEW
    model = Review

    def records(self):
        return (
            Review.objects.filter(version__document__cycle=self.cycle)
            .select_related("version")
            .prefetch_related("organisations")
            .order_by("-opened_at")
        )


@extend_schema(
    parameters=[
        CYCLE_PARAMETER,
        OpenApiParameter(
            "review_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id of the review."
        ),
    ]
)
class CommentViewSet(
    CycleScoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
):
    """Comments on a review: reviewers write drafts (private until submitted) and submit them
    as their organisation's; editors read the submitted ones."""

    serializer_class = s.CommentSerializer
    read_perm = Perm.DOCUMENT_VIEW
    model = Comment
    http_method_names = ["get", "post", "put", "delete", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The review before anything else: one of another cycle answers 404 to every method.
        self.review = get_object_or_404(
            Review.objects.select_related("version__document"),
            pk=kwargs["review_pk"],
            version__document__cycle=self.cycle,
        )
        self.review.version.document.cycle = self.cycle

    def records(self):
        return document_selectors.comments_visible_to(self.request.user, self.review).order_by(
            "number", "pk"
        )

    def get_serializer_class(self):
        if self.action in ("create", "update"):
            return s.CommentWriteSerializer
        return s.CommentSerializer

    def _save(self, request, comment=None, code=status.HTTP_200_OK):
        self.require(Perm.REVIEW_COMMENT)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = documents.comment_save(
            review=self.review, by=request.user, **data.validated_data, comment=comment
        )
        return Response(s.CommentSerializer(comment).data, status=code)

    def _own_draft(self) -> Comment:
        comment = self.visible(Perm.REVIEW_COMMENT)
        if comment.author_id != self.request.user.pk or comment.is_submitted:
            raise PermissionDenied
        return comment

    @extend_schema(request=s.CommentWriteSerializer, responses={201: s.CommentSerializer})
    def create(self, request, *args, **kwargs):
        """Write a draft comment on a section of the reviewed version."""
        return self._save(request, code=status.HTTP_201_CREATED)

    @extend_schema(request=s.CommentWriteSerializer, responses=s.CommentSerializer)
    def update(self, request, *args, **kwargs):
        """Change one of your draft comments."""
        return self._save(request, comment=self._own_draft())

    def destroy(self, request, *args, **kwargs):
        """Delete one of your draft comments."""
        documents.comment_delete(comment=self._own_draft(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=s.CountSerializer)
    @action(detail=False, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit your draft comments as your organisation's; each gets its number."""
        self.require(Perm.REVIEW_COMMENT)
        count = documents.comments_submit(review=self.review, by=request.user)
        return Response({"submitted": count})


class OutputViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The work plan's outputs and sub-outputs under cooperation-framework outcomes."""

    serializer_class = s.OutputSerializer
    read_perm = Perm.WORKPLAN_VIEW
    model = Output

    def records(self):
        return self.cycle.outputs.select_related("outcome").order_by("code")


class ActivityViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The work plan's activities; filter with `?status=`."""

    serializer_class = s.ActivitySerializer
    read_perm = Perm.WORKPLAN_VIEW
    model = Activity
    filterset_fields = ["status"]

    def records(self):
        return (
            Activity.objects.filter(output__cycle=self.cycle)
            .select_related("output")
            .prefetch_related("objectives", "lead_organisations", "partner_organisations")
            .order_by("output__code", "code")
        )


class IndicatorViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The work plan's indicators with their baselines."""

    serializer_class = s.IndicatorSerializer
    read_perm = Perm.WORKPLAN_VIEW
    model = Indicator

    def records(self):
        return self.cycle.indicators.order_by("code")


class ReportingPeriodViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The reporting periods of the work plan."""

    serializer_class = s.ReportingPeriodSerializer
    read_perm = Perm.WORKPLAN_VIEW
    model = ReportingPeriod

    def records(self):
        return self.cycle.reporting_periods.order_by("starts")


class ProgressReportViewSet(
    CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin
):
    """Progress reports: a focal point writes and submits their organisation's; the
    coordinator and the consultant read the submitted ones."""

    read_perm = Perm.PROGRESS_VIEW
    model = ProgressReport
    filterset_class = filters.ProgressReportFilter
    http_method_names = ["get", "post", "put", "head", "options"]

    def records(self):
        actor = self.actor()
        reports = ProgressReport.objects.filter(period__cycle=self.cycle).prefetch_related(
            "activity_rows", "actuals"
        )
        if actor.role == Role.FOCAL_POINT:
            reports = reports.filter(organisation_id=actor.organisation_id)
        else:
            reports = reports.exclude(state=ReportState.DRAFT)
        return reports.order_by("-period__starts", "organisation__name")

    def get_serializer_class(self):
        if self.action == "create":
            return s.ReportOpenSerializer
        if self.action == "update":
            return s.ReportWriteSerializer
        return s.ProgressReportSerializer

    def _read(self, report, code=status.HTTP_200_OK):
        report = ProgressReport.objects.prefetch_related("activity_rows", "actuals").get(
            pk=report.pk
        )
        return Response(s.ProgressReportSerializer(report).data, status=code)

    def _own_report(self) -> ProgressReport:
        report = get_object_or_404(
            ProgressReport.objects.select_related("period"),
            pk=self.kwargs["pk"],
            period__cycle=self.cycle,
        )
        facts = report_workflow.ReportFacts(
            state=report.state, organisation_id=report.organisation_id
        )
        if not report_workflow.can(self.actor(), report_workflow.Step.VIEW, facts):
            raise NotFound
        self.require(Perm.PROGRESS_REPORT)
        report.period.cycle = self.cycle
        return report

    @extend_schema(request=s.ReportOpenSerializer, responses={201: s.ProgressReportSerializer})
    def create(self, request, *args, **kwargs):
        """Start (or return) your organisation's report for a period."""
        self.require(Perm.PROGRESS_REPORT)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        period = get_object_or_404(self.cycle.reporting_periods, pk=data.validated_data["period"])
        report = network_services.report_open(period=period, by=request.user)
        return self._read(report, status.HTTP_201_CREATED)

    @extend_schema(request=s.ReportWriteSerializer, responses=s.ProgressReportSerializer)
    def update(self, request, *args, **kwargs):
        """Save the report: per activity its status, % complete and narrative; per indicator
        its value or text. Send back the `version` you read."""
        report = self._own_report()
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        activities = Activity.objects.filter(output__cycle=self.cycle).in_bulk()
        indicators = self.cycle.indicators.in_bulk()
        activity_rows = [
            {**row, "activity": _known(activities, row["activity"], "activities")}
            for row in data.validated_data["activities"]
        ]
        actual_rows = [
            {**row, "indicator": _known(indicators, row["indicator"], "indicators")}
            for row in data.validated_data["indicators"]
        ]
        network_services.report_save(
            report=report,
            by=request.user,
            summary=data.validated_data["summary"],
            activity_rows=activity_rows,
            actual_rows=actual_rows,
            expected_version=data.validated_data["version"],
        )
        return self._read(report)

    @extend_schema(request=None, responses=s.ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit the report to the coordinator."""
        report = network_services.report_submit(report=self._own_report(), by=request.user)
        return self._read(report)


class ObligationViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The calendar of obligations of the SOP rules; filter with `?organisation=<id>`."""

    serializer_class = s.ObligationSerializer
    read_perm = Perm.SOP_VIEW
    model = Obligation
    filterset_class = filters.ObligationFilter

    def records(self):
        return network_selectors.obligations_of(self.cycle)


class WorkingGroupViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The network's working groups with their chair and members."""

    serializer_class = s.WorkingGroupSerializer
    read_perm = Perm.CYCLE_VIEW
    model = WorkingGroup

    def records(self):
        return self.cycle.network.working_groups.prefetch_related("members").order_by("name")


class MeetingViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The cycle's meetings (validation, network, working group); filter with `?type=`."""

    serializer_class = s.MeetingSerializer
    read_perm = Perm.MEETING_VIEW
    model = Meeting
    filterset_fields = ["type"]

    def records(self):
        return self.cycle.meetings.order_by("starts_at")
