"""The network's decision per objective."""

from rest_framework import mixins

from gcmhub.api.serializers.decisions import DecisionSerializer
from gcmhub.api.views.base import CycleScoped
from gcmhub.core.permissions import Perm
from gcmhub.priorities.models import Decision


class DecisionViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The network's decision per objective: horizon, rationale, leads, SDG targets."""

    serializer_class = DecisionSerializer
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
