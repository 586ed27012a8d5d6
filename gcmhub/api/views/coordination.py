"""Obligations of the SOP rules and working groups."""

from rest_framework import mixins

from gcmhub.api import filters
from gcmhub.api.serializers.coordination import ObligationSerializer, WorkingGroupSerializer
from gcmhub.api.views.base import CycleScoped
from gcmhub.coordination import selectors as coordination_selectors
from gcmhub.coordination.models import Obligation, WorkingGroup
from gcmhub.core.permissions import Perm


class ObligationViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The calendar of obligations of the SOP rules; filter with `?organisation=<id>`."""

    serializer_class = ObligationSerializer
    read_perm = Perm.SOP_VIEW
    model = Obligation
    filterset_class = filters.ObligationFilter

    def records(self):
        return coordination_selectors.obligations_of(self.cycle)


class WorkingGroupViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The network's working groups with their chair and members."""

    serializer_class = WorkingGroupSerializer
    read_perm = Perm.CYCLE_VIEW
    model = WorkingGroup

    def records(self):
        return self.cycle.network.working_groups.prefetch_related("members").order_by("name")
