"""The organisations of a network."""

from rest_framework import mixins

from gcmhub.api.serializers.organisations import OrganisationSerializer
from gcmhub.api.views.base import CycleScoped
from gcmhub.core.permissions import Perm
from gcmhub.directory.models import Organisation
from gcmhub.directory.selectors import organisations_for_network


class OrganisationViewSet(CycleScoped, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The organisations of the cycle's network; filter with `?type=`."""

    serializer_class = OrganisationSerializer
    read_perm = Perm.ORGANISATION_VIEW
    filterset_fields = ["type"]
    model = Organisation

    def records(self):
        return organisations_for_network(self.cycle.network).order_by("name")
