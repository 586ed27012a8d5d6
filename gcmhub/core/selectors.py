from django.db.models import CharField, IntegerField, OuterRef, QuerySet, Subquery

from gcmhub.core.models import Network


def networks_for_user(user) -> QuerySet[Network]:
    """Return the user's networks, annotated with `user_role` and `user_organisation_id`.

    Superusers see every network; their role is None (they hold every permission anyway).
    """
    from gcmhub.directory.models import Membership

    if not user.is_authenticated:
        return Network.objects.none()
    mine = Membership.objects.filter(network=OuterRef("pk"), user=user, is_active=True)
    networks = Network.objects.annotate(
        user_role=Subquery(mine.values("role")[:1], output_field=CharField()),
        user_organisation_id=Subquery(
            mine.values("organisation_id")[:1], output_field=IntegerField()
        ),
    )
    if user.is_superuser:
        return networks
    return networks.filter(memberships__user=user, memberships__is_active=True)


def cycles_for_network(network: Network):
    return network.cycles.order_by("-start_date", "-pk")
