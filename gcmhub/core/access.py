"""Access helpers: the only way views reach a network or a cycle.

Each returns the object if the user may see it and raises Http404 otherwise, so that
objects of networks a user does not belong to are indistinguishable from missing ones.
`require` raises PermissionDenied (403) for actions the user may not take.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from gcmhub.core.models import Cycle, Network
from gcmhub.core.permissions import Actor, Perm
from gcmhub.core.selectors import networks_for_user


def get_network_for_user(user, slug: str) -> Network:
    try:
        network = networks_for_user(user).get(slug=slug)
    except Network.DoesNotExist:
        raise Http404 from None
    return network


def get_cycle_for_user(user, *, network: Network, pk: int) -> Cycle:
    try:
        cycle = network.cycles.get(pk=pk)
    except Cycle.DoesNotExist:
        raise Http404 from None
    cycle.network = network  # keep the user's role annotations
    return cycle


def require(user, perm: Perm, *, network: Network | None = None, cycle: Cycle | None = None):
    """The one authorisation check of pages, services, the API and commands: refuse
    (PermissionDenied) unless `user` holds `perm` in `network` by the permission table.

    The user's role is the network's annotation when an access helper read the network for this
    user; otherwise (a service handed any network object) it is read from the database.
    Services may name the `cycle` instead (its network is not read for this)."""
    if network is None:
        network = network_of(cycle)
    if not user.is_authenticated or not actor_for(user, network).has(perm):
        raise PermissionDenied


def network_of(cycle: Cycle) -> Network:
    """The cycle's network as read by an access helper, or a stand-in with its id (no query)."""
    if Cycle.network.is_cached(cycle):
        return cycle.network
    return Network(pk=cycle.network_id)


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


def actor_for(user, network: Network) -> Actor:
    """Who `user` is in `network`: from the role annotations when an access helper read the
    network for this user (no query), else from the database (services trust no caller)."""
    if not user.is_authenticated:
        return Actor(role=None)
    if getattr(network, "roles_of", None) != user.pk:
        network = networks_for_user(user).filter(pk=network.pk).first() or Network(pk=network.pk)
    return Actor(
        role=getattr(network, "user_role", None),
        organisation_id=getattr(network, "user_organisation_id", None),
        is_admin=user.is_superuser,
    )
