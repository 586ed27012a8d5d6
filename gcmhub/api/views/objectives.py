"""Records that belong to no cycle: the objectives of the Global Compact for Migration."""

from rest_framework import viewsets

from gcmhub.api.serializers.objectives import ObjectiveSerializer
from gcmhub.framework.models import Objective


class ObjectiveViewSet(viewsets.ReadOnlyModelViewSet):
    """The 23 objectives of the Global Compact for Migration."""

    serializer_class = ObjectiveSerializer
    lookup_field = "number"
    lookup_value_regex = r"\d+"
    queryset = Objective.objects.select_related("round_table").order_by("number")
    pagination_class = None
