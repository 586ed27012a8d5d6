"""Reaching a cycle from the API: the same rules as `gcmhub.core.access` for the pages.

A cycle of a network the user does not belong to is not found (404); a role without the
permission is forbidden (403).
"""

from rest_framework.exceptions import NotFound, PermissionDenied

from gcmhub.core.models import Cycle
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.core.selectors import networks_for_user


def cycle_for_api(user, cycle_pk, perm: Perm) -> Cycle:
    networks = networks_for_user(user)
    cycle = Cycle.objects.filter(pk=cycle_pk, network__in=networks.values("pk")).first()
    if cycle is None:
        raise NotFound
    cycle.network = networks.get(pk=cycle.network_id)  # keeps the role annotations
    if not user_has_perm(user, perm, network=cycle.network):
        raise PermissionDenied
    return cycle


def require_perm(user, cycle: Cycle, perm: Perm) -> None:
    if not user_has_perm(user, perm, network=cycle.network):
        raise PermissionDenied
