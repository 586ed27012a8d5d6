"""Scoring sheets."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from gcmhub.api.serializers.scores import ScoreSheetSerializer, ScoreSheetWriteSerializer
from gcmhub.api.views.base import CycleScoped
from gcmhub.core.permissions import Perm
from gcmhub.priorities import selectors as priority_selectors
from gcmhub.priorities import services as priorities
from gcmhub.priorities.models import ScoreRow, ScoreSheet


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
        return ScoreSheetWriteSerializer if self.action == "update" else ScoreSheetSerializer

    def _sheet(self) -> ScoreSheet:
        sheet = self.visible(Perm.PRIORITY_SCORE)
        sheet.cycle = self.cycle
        return sheet

    def _read(self, sheet):
        return Response(ScoreSheetSerializer(self.get_queryset().get(pk=sheet.pk)).data)

    @extend_schema(request=ScoreSheetWriteSerializer, responses=ScoreSheetSerializer)
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

    @extend_schema(request=None, responses=ScoreSheetSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit the scores as your organisation's position (every objective answered)."""
        sheet = priorities.sheet_submit(sheet=self._sheet(), by=request.user)
        return self._read(sheet)
