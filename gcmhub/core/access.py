"""Access helpers: the only way views reach a network or a cycle.

Each returns the object if the user may see it and raises Http404 otherwise, so that
objects of networks a user does not belong to are indistinguishable from missing ones.
`require` raises PermissionDenied (403) for actions the user may not take.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from gcmhub.core.models import Cycle, Network
from gcmhub.core.permissions import Actor, Perm, user_has_perm
from gcmhub.core.selectors import networks_for_user


def get_network_for_user(user, slug: str) -> Network:
    try:
        return networks_for_user(user).get(slug=slug)
    except Network.DoesNotExist:
        raise Http404 from None


def get_cycle_for_user(user, *, network: Network, pk: int) -> Cycle:
    try:
        cycle = network.cycles.get(pk=pk)
    except Cycle.DoesNotExist:
        raise Http404 from None
    cycle.network = network  # keep the user's role annotations
    return cycle


def require(user, perm: Perm, *, network: Network) -> None:
    if not user_has_perm(user, perm, network=network):
        raise PermissionDenied


def network_for_request(request, slug: str) -> Network:
    """Return the network for a view and remember it for the layout (switchers, navigation)."""
    network = get_network_for_user(request.user, slug)
    request.network = network
    return network


def cycle_for_request(request, network: Network, pk: int) -> Cycle:
    cycle = get_cycle_for_user(request.user, network=network, pk=pk)
    request.cycle = cycle
    if request.session.get("last_cycle") != [network.slug, cycle.pk]:
        request.session["last_cycle"] = [network.slug, cycle.pk]
    return cycle


def cycle_with_perm(request, network_slug: str, cycle_pk: int, perm: Perm):
    """The (network, cycle) of a cycle page, once the user is known to hold `perm` there."""
    network = network_for_request(request, network_slug)
    cycle = cycle_for_request(request, network, cycle_pk)
    require(request.user, perm, network=network)
    return network, cycle


def actor_for(user, network: Network) -> Actor:
    """The workflow actor for a user in a network reached through an access helper (its
    role annotations: no query)."""
    return Actor(
        role=getattr(network, "user_role", None),
        organisation_id=getattr(network, "user_organisation_id", None),
        is_admin=user.is_superuser,
    )
