"""The only way views reach a region: 404 for anyone who does not coordinate it."""

from django.http import Http404

from gcmhub.regions.models import Region
from gcmhub.regions.selectors import regions_for_user


def get_region_for_user(user, slug: str) -> Region:
    try:
        return regions_for_user(user).get(slug=slug)
    except Region.DoesNotExist:
        raise Http404 from None


def get_regions_for_user(user) -> list[Region]:
    """The regions `user` coordinates, by name; 404 for someone who coordinates none (the list
    does not exist for them), but a superuser sees the page even while there are no regions."""
    regions = list(regions_for_user(user).order_by("name"))
    if not regions and not user.is_superuser:
        raise Http404
    return regions
