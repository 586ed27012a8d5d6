"""Reads of notifications: a person's own list and count, who is told of what, and how."""

from django.db.models import F, QuerySet
from django.db.models.lookups import IsNull

from gcmhub.core.permissions import Perm, Role, role_has_perm
from gcmhub.notifications.models import DEFAULT_DELIVERY, Delivery, Kind, Notification, Preference


def notifications_for(user) -> QuerySet[Notification]:
    """The person's own notifications, unread first, then newest first (the same on
    PostgreSQL, where NULL sorts last, and on SQLite, where it sorts first)."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("network", "cycle", "actor")
        .order_by(IsNull(F("read_at"), True).desc(), "-created_at", "-pk")
    )


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_for_user(user, pk: int) -> Notification:
    """One of the person's own notifications (404 for anyone else's)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Notification, pk=pk, recipient=user)


def deliveries_for(user_ids: list[int], kind: Kind | str) -> dict[int, Delivery]:
    """{person: how they hear of `kind`}, their choice or the default, in one query."""
    kind = Kind(kind)
    chosen = dict(
        Preference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {pk: Delivery(chosen.get(pk, DEFAULT_DELIVERY[kind])) for pk in user_ids}


def preferences_of(user) -> dict[Kind, Delivery]:
    """{kind: delivery} for every kind, the person's choice or the default."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: Delivery(chosen.get(kind, DEFAULT_DELIVERY[kind])) for kind in Kind}


# Who is told ---------------------------------------------------------------------------------


def _members(network_id: int, **membership):
    from gcmhub.core.models import User

    return User.objects.filter(
        memberships__network_id=network_id,
        memberships__is_active=True,
        is_active=True,
        **{f"memberships__{name}": value for name, value in membership.items()},
    ).distinct()


def holders_of(perm: Perm, network_id: int):
    """The network's active members whose role takes the step `perm` (the secretariat for the
    review of inputs, reports, comments), with or without an e-mail address."""
    roles = [role for role in Role if role_has_perm(role, perm)]
    return _members(network_id, role__in=roles)


def focal_points(organisation_id: int, network_id: int):
    """The organisation's active focal points in the network, with or without an e-mail."""
    return _members(network_id, role=Role.FOCAL_POINT, organisation_id=organisation_id)
