"""The only way views reach a region: 404 for anyone who does not coordinate it."""

from django.http import Http404

from gcmhub.regions.models import Region
from gcmhub.regions.selectors import regions_for_user


def get_region_for_user(user, slug: str) -> Region:
    try:
        return regions_for_user(user).get(slug=slug)
    except Region.DoesNotExist:
        raise Http404 from None
