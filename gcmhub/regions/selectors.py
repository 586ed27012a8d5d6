"""Reads of regions, filtered by who coordinates them."""

from django.db.models import QuerySet

from gcmhub.regions.models import Region


def regions_for_user(user) -> QuerySet[Region]:
    """The regions `user` coordinates; superusers see every region."""
    if not user.is_authenticated:
        return Region.objects.none()
    if user.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(coordinators=user)


def region_home(user) -> str | None:
    """The regions page for a regional coordinator (core's home sends them there)."""
    return "region-list" if regions_for_user(user).exists() else None
