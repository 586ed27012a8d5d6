from django.db.models import CharField, IntegerField, OuterRef, QuerySet, Subquery, Value

from gcmhub.core.models import Network


def networks_for_user(user) -> QuerySet[Network]:
    """Return the user's networks, annotated with `user_role` and `user_organisation_id` (and
    `roles_of`, the user's id, so that `core.access.actor_for` knows whose role they are).

    Superusers see every network; their role is None (they hold every permission anyway).
    """
    if not user.is_authenticated:
        return Network.objects.none()
    # The membership table belongs to the directory, above core: reach it through the relation.
    Membership = Network._meta.get_field("memberships").related_model
    mine = Membership.objects.filter(network=OuterRef("pk"), user=user, is_active=True)
    networks = Network.objects.annotate(
        roles_of=Value(user.pk, output_field=IntegerField()),  # whose role the others are
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
