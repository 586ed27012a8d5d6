from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from gcmhub.core import stages
from gcmhub.core.permissions import Perm, user_has_perm
from gcmhub.core.selectors import cycles_for_network, networks_for_user


def navigation(request):
    """Give the layout the user's networks, the current network and cycle, and the menu."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    network = getattr(request, "network", None)
    cycle = getattr(request, "cycle", None)
    if network is None or cycle is None:
        last_network, last_cycle = _last_visited(request)
        if network is None:
            network, cycle = last_network, last_cycle
        elif last_network is not None and last_network.pk == network.pk:
            cycle = last_cycle
    context = {
        "nav_networks": SimpleLazyObject(lambda: list(networks_for_user(user))),
        "current_network": network,
        "current_cycle": cycle,
        "nav_items": _menu(user, network, cycle),
        "can": NetworkPerms(user, network),
    }
    if network is not None:
        context["nav_cycles"] = SimpleLazyObject(lambda: list(cycles_for_network(network)))
    return context


def _last_visited(request):
    """On pages outside a network (the GCM framework), keep the network the user came from."""
    last = request.session.get("last_cycle")
    if not last:
        return None, None
    network = networks_for_user(request.user).filter(slug=last[0]).first()
    if network is None:
        return None, None
    cycle = network.cycles.filter(pk=last[1]).first()
    if cycle is not None:
        cycle.network = network
    return network, cycle


def _menu(user, network, cycle) -> list[dict]:
    items = []
    if cycle is not None:
        kwargs = {"network_slug": network.slug, "cycle_pk": cycle.pk}
        items.append(
            {"key": "cycle", "label": _("Overview"), "url": reverse("cycle-detail", kwargs=kwargs)}
        )
        for stage in stages.registered():
            if user_has_perm(user, stage.perm, network=network):
                items.append(
                    {
                        "key": stage.key,
                        "label": stage.label,
                        "url": reverse(stage.url_name, kwargs=kwargs),
                    }
                )
    if network is not None:
        slug = {"network_slug": network.slug}
        items.append(
            {
                "key": "organisations",
                "label": _("Organisations"),
                "url": reverse("organisation-list", kwargs=slug),
            }
        )
        if user_has_perm(user, Perm.MEMBER_VIEW, network=network):
            items.append(
                {"key": "members", "label": _("People"), "url": reverse("member-list", kwargs=slug)}
            )
    items.append(
        {"key": "framework", "label": _("GCM framework"), "url": reverse("objective-list")}
    )
    return items


class NetworkPerms:
    """Let templates ask `{% if can.cycle_manage %}` for the current network."""

    def __init__(self, user, network):
        self.user, self.network = user, network

    def __getitem__(self, name: str) -> bool:
        if self.network is None:
            return False
        perm = Perm(name.replace("_", ".", 1))
        return user_has_perm(self.user, perm, network=self.network)
