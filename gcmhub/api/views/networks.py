"""Records that belong to no cycle: your networks and their cycles."""

from rest_framework import viewsets

from gcmhub.api import filters
from gcmhub.api.serializers.networks import CycleSerializer, NetworkSerializer
from gcmhub.core.models import Cycle
from gcmhub.core.selectors import networks_for_user


class NetworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Your networks (every network for a platform administrator), with your role in each."""

    serializer_class = NetworkSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return networks_for_user(self.request.user).order_by("name")


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    """The cycles of your networks, newest first; filter with `?network=<slug>`."""

    serializer_class = CycleSerializer
    filterset_class = filters.CycleFilter

    def get_queryset(self):
        networks = networks_for_user(self.request.user).values("pk")
        return (
            Cycle.objects.filter(network__in=networks)
            .select_related("network")
            .order_by("-start_date", "-pk")
        )
