"""Inputs per objective."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from gcmhub.api import filters
from gcmhub.api.serializers.inputs import (
    InputDetailSerializer,
    InputOpenSerializer,
    InputSerializer,
    InputWriteSerializer,
)
from gcmhub.api.views.base import CycleScoped
from gcmhub.assessments import selectors as assessment_selectors
from gcmhub.assessments import services as assessments
from gcmhub.assessments.models import Input
from gcmhub.core.permissions import Perm
from gcmhub.framework.models import Objective


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
            return InputOpenSerializer
        if self.action == "update":
            return InputWriteSerializer
        return InputDetailSerializer if self.action == "retrieve" else InputSerializer

    def _detail(self, input, code=status.HTTP_200_OK):
        return Response(
            InputDetailSerializer(assessment_selectors.input_detail(input)).data, status=code
        )

    @extend_schema(request=InputOpenSerializer, responses={201: InputDetailSerializer})
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

    @extend_schema(request=InputWriteSerializer, responses=InputDetailSerializer)
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

    @extend_schema(request=None, responses=InputDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit the input as your institution's position."""
        input = assessments.input_submit(input=self._own_input(), by=request.user)
        return self._detail(input)
