"""The REST API: thin viewsets over the selectors and services the pages use.

Every cycle-scoped route checks the same permission as its page (`read_perm`, and
`write_perm` for actions); the services check the rest (whose input, which state) and raise
the errors `gcmhub.api.errors` turns into the one error shape."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound

from gcmhub.core.access import actor_for, get_cycle_for_user, require
from gcmhub.core.models import Cycle
from gcmhub.core.permissions import Perm
from gcmhub.core.selectors import networks_for_user

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


def _fake(view) -> bool:
    """True while drf-spectacular builds the schema (no user, no cycle)."""
    return getattr(view, "swagger_fake_view", False)


@extend_schema(parameters=[CYCLE_PARAMETER])
class CycleScoped(viewsets.GenericViewSet):
    """Base of the routes under /cycles/<id>/: `self.cycle` is known and readable."""

    read_perm: Perm = Perm.CYCLE_VIEW
    lookup_value_regex = r"\d+"  # /progress-reports/false/ is not found, not a server error
    model = None

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
